/**
 * SQL functions SOQL needs beyond SQLite's own: case folding beyond ASCII (NOCASE only folds A-Z, Salesforce
 * compares 'ÉCOLE' and 'école' as equal) and multi-select picklist matching (values are stored ';'-separated).
 */
import type { Db } from '../store.ts';

const registered = new WeakSet<Db>();

function fold(value: unknown): string | null {
    return value === null || value === undefined ? null : String(value).toLowerCase();
}

function picklistValues(stored: unknown): Set<string> {
    if (stored === null || stored === undefined) return new Set();
    return new Set(
        String(stored)
            .split(';')
            .map((v) => v.trim().toLowerCase())
            .filter((v) => v !== '')
    );
}

/** 1 when the stored values include every value of `wanted` ('a;b' means a and b). */
function includesAll(stored: unknown, wanted: unknown): number {
    const values = picklistValues(stored);
    const required = picklistValues(wanted);
    return [...required].every((v) => values.has(v)) && values.size > 0 ? 1 : 0;
}

/** 1 when the stored values are exactly those of `wanted`, in any order. */
function sameValues(stored: unknown, wanted: unknown): number {
    const values = picklistValues(stored);
    const expected = picklistValues(wanted);
    return values.size === expected.size && [...expected].every((v) => values.has(v)) ? 1 : 0;
}

export function registerSoqlFunctions(db: Db): void {
    if (registered.has(db)) return;
    db.function('lo_fold', { deterministic: true }, fold);
    db.function('lo_picklist_includes', { deterministic: true }, includesAll);
    db.function('lo_picklist_equals', { deterministic: true }, sameValues);
    registered.add(db);
}
