/**
 * How field values are stored in SQLite and shown by the APIs.
 * Stored: booleans 0/1, numbers as numbers, dates `YYYY-MM-DD`, date-times `YYYY-MM-DDTHH:MM:SS.sssZ` (UTC, so text
 * order is time order), everything else as text. Shown: booleans, numbers, dates as stored, date-times the way
 * Salesforce's REST API formats them (`2024-05-01T09:30:00.000+0000`).
 */
import type { FieldDef, FieldType } from './schema.ts';

export type StoredValue = string | number | null;

export function toApiValue(type: FieldType, stored: unknown): unknown {
    if (stored === null || stored === undefined) return type === 'boolean' ? false : null;
    switch (type) {
        case 'boolean':
            return stored === 1 || stored === true;
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            return Number(stored);
        case 'datetime':
            return formatDateTime(String(stored));
        default:
            return stored;
    }
}

export function fieldApiValue(field: FieldDef, stored: unknown): unknown {
    return toApiValue(field.type, stored);
}

/** `2024-05-01T09:30:00.000Z` → `2024-05-01T09:30:00.000+0000`. */
export function formatDateTime(stored: string): string {
    return stored.endsWith('Z') ? stored.slice(0, -1) + '+0000' : stored;
}

export function storedDateTime(date: Date): string {
    return date.toISOString();
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** A calendar date as stored, or null when the text is not a valid `YYYY-MM-DD` date. */
export function parseDate(text: string): string | null {
    const match = DATE.exec(text);
    if (!match) return null;
    const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
    return date.toISOString().slice(0, 10) === text ? text : null;
}

/** An ISO 8601 date-time (offset optional, UTC assumed, as the API does) as stored, or null when invalid. */
export function parseDateTime(text: string): string | null {
    const match = DATE_TIME.exec(text);
    if (!match) return null;
    const offset = match[8] ?? 'Z';
    const normalisedOffset = offset === 'Z' ? 'Z' : offset.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
    const fraction = (match[7] ?? '.000').padEnd(4, '0').slice(0, 4);
    const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}${fraction}${normalisedOffset}`;
    const time = Date.parse(iso);
    if (Number.isNaN(time)) return null;
    if (parseDate(`${match[1]}-${match[2]}-${match[3]}`) === null) return null;
    return new Date(time).toISOString();
}

/** SQLite column affinity for a field type. */
export function columnType(type: FieldType): string {
    switch (type) {
        case 'boolean':
        case 'int':
            return 'INTEGER';
        case 'double':
        case 'currency':
        case 'percent':
            return 'REAL';
        default:
            return 'TEXT';
    }
}
