/** Summaries of repeated timings: medians and percentiles by the nearest-rank method. */

export function percentile(samples: readonly number[], p: number): number {
    if (samples.length === 0) throw new Error('percentile of no samples');
    const sorted = [...samples].sort((a, b) => a - b);
    const rank = Math.ceil((p / 100) * sorted.length);
    return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples: readonly number[]): number {
    return percentile(samples, 50);
}

/** Milliseconds since `start` (a performance.now() reading), to 0.01 ms. */
export function elapsed(start: number): number {
    return Math.round((performance.now() - start) * 100) / 100;
}
