/** Moving values between storage (0/1 booleans, '' text, percent as 10 for 10%) and formula semantics. */
import type { StoredRecord } from '../derive.ts';
import type { FieldDef } from '../schema.ts';
import { parseDateTime } from '../values.ts';
import type { Value } from './types.ts';

/** A field's stored value as a formula sees it: checkboxes are never blank, blank text is null, 10% is 0.1. */
export function fieldValue(field: FieldDef, record: StoredRecord | null | undefined): Value {
    const stored = record?.[field.name] ?? null;
    switch (field.type) {
        case 'boolean':
            return stored === 1 || stored === '1' || stored === 'true';
        case 'int':
        case 'double':
        case 'currency':
            return stored === null || stored === '' ? null : Number(stored);
        case 'percent':
            return stored === null || stored === '' ? null : tidy(Number(stored) / 100);
        case 'datetime':
            return typeof stored === 'string' ? (parseDateTime(stored) ?? stored) : null;
        default:
            return stored === null || stored === '' ? null : String(stored);
    }
}

/** A flow variable's value in formula form: Date objects become stored date-times, '' becomes blank. */
export function variableValue(value: unknown): Value {
    if (value === undefined || value === null || value === '') return null;
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string') return value;
    return String(value);
}

/** Text as formulas compare and join it: blank is the empty string. */
export function asText(value: Value): string {
    return value === null ? '' : String(value);
}

/** Text as formulas return it: the empty string is blank. */
export function textResult(text: string): Value {
    return text === '' ? null : text;
}

/**
 * Salesforce computes with decimals, so 0.1 + 0.2 = 0.3; binary floating point gives 0.30000000000000004. Rounding
 * to 15 significant digits drops that noise.
 */
export function tidy(value: number): number {
    return Number.isFinite(value) ? Number(value.toPrecision(15)) : value;
}
