/**
 * lightning/refresh: RefreshEvent asks the page to refresh its records. The preview shell handles it by re-reading
 * every record the page shows (getRecord wires included) and calling the registered refresh handlers.
 */
export const RefreshEventName = 'lightning__refresh';

export class RefreshEvent extends CustomEvent {
    constructor() {
        super(RefreshEventName, { composed: true, cancelable: true, bubbles: true });
    }
}

const handlers = new Map();
let lastId = 0;

export function registerRefreshHandler(element, handler) {
    handlers.set(++lastId, handler.bind(element));
    return lastId;
}

export function unregisterRefreshHandler(id) {
    handlers.delete(id);
}

/** Called by the shell when a RefreshEvent reaches the page. */
export function runRefreshHandlers() {
    return Promise.all([...handlers.values()].map((handler) => handler())).then(() => undefined);
}
