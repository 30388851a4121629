/**
 * Waits until every pending promise callback and re-render has run. A macrotask (setTimeout 0) drains the whole
 * microtask queue, however many awaits a handler chains, so tests need no "await it three times" tricks.
 * @returns {Promise<void>}
 */
export function flushPromises() {
    return new Promise((resolve) => setTimeout(resolve, 0));
}
