/**
 * Turns a value from a request into the stored value for its field, with the errors Salesforce raises for values
 * of the wrong type (JSON_PARSER_ERROR), too long (STRING_TOO_LONG), not in a restricted picklist, or not an email.
 * Lengths count UTF-16 code units, as Salesforce does (an emoji is 2 characters).
 */
import { ApiError, recordError } from './errors.ts';
import type { FieldDef } from './schema.ts';
import { parseDate, parseDateTime, type StoredValue } from './values.ts';

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\]]+$/;
const JSON_TYPE_NAMES: Partial<Record<FieldDef['type'], string>> = {
    boolean: 'boolean',
    int: 'int',
    double: 'double',
    currency: 'double',
    percent: 'double',
    date: 'date',
    datetime: 'datetime'
};

function typeError(field: FieldDef, value: unknown): ApiError {
    const typeName = JSON_TYPE_NAMES[field.type] ?? field.type;
    const token =
        typeof value === 'string'
            ? 'VALUE_STRING'
            : typeof value === 'number'
              ? 'VALUE_NUMBER_INT'
              : typeof value === 'boolean'
                ? 'VALUE_TRUE'
                : 'START_OBJECT';
    return new ApiError(
        400,
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of ${typeName} from ${token} value ${String(typeof value === 'object' ? JSON.stringify(value) : value)} or request may be missing a required field`,
        [field.name]
    );
}

export function coerceValue(field: FieldDef, value: unknown): StoredValue {
    if (value === null || value === undefined || value === '') return field.type === 'boolean' ? 0 : null;
    switch (field.type) {
        case 'boolean':
            return coerceBoolean(field, value);
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            return coerceNumber(field, value);
        case 'date': {
            const date = typeof value === 'string' ? parseDate(value) : null;
            if (date === null) throw typeError(field, value);
            return date;
        }
        case 'datetime': {
            const dateTime = typeof value === 'string' ? parseDateTime(value) : null;
            if (dateTime === null) throw typeError(field, value);
            return dateTime;
        }
        default:
            return coerceText(field, value);
    }
}

function coerceBoolean(field: FieldDef, value: unknown): number {
    if (value === true || value === 'true') return 1;
    if (value === false || value === 'false') return 0;
    throw typeError(field, value);
}

function coerceNumber(field: FieldDef, value: unknown): number {
    const number =
        typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (!Number.isFinite(number)) throw typeError(field, value);
    if (field.type === 'int' && !Number.isInteger(number)) throw typeError(field, value);
    const integerDigits = (field.precision ?? 18) - (field.scale ?? 0);
    // By magnitude, not by digit count: 1e21 and up print in exponent form, which hid them from a digit count.
    if (Math.abs(Math.trunc(number)) >= 10 ** integerDigits) {
        throw recordError(
            'NUMBER_OUTSIDE_VALID_RANGE',
            `${field.label}: value outside of valid range on numeric field: ${number}`,
            [field.name]
        );
    }
    return field.scale === undefined ? number : Number(number.toFixed(field.scale));
}

function coerceText(field: FieldDef, value: unknown): string | null {
    if (typeof value === 'object') throw typeError(field, value);
    const text = String(value);
    if (field.length !== undefined && text.length > field.length) {
        throw recordError(
            'STRING_TOO_LONG',
            `${field.label}: data value too large: ${echoed(text)} (max length=${field.length})`,
            [field.name]
        );
    }
    if (field.type === 'email' && !EMAIL.test(text)) {
        throw recordError('INVALID_EMAIL_ADDRESS', `${field.label}: invalid email address: ${text}`, [field.name]);
    }
    if (field.type === 'picklist') return coercePicklist(field, text);
    if (field.type === 'multipicklist') return coerceMultiPicklist(field, text);
    return text;
}

/** The value as an error message quotes it: its start only, so a huge value does not come back in full. */
const ECHOED_CHARACTERS = 255;
function echoed(text: string): string {
    return text.length > ECHOED_CHARACTERS ? `${text.slice(0, ECHOED_CHARACTERS)}...` : text;
}

function coercePicklist(field: FieldDef, text: string): string {
    if (!field.restrictedPicklist) return text;
    const match = field.picklistValues?.find((v) => v.active && v.value === text);
    if (!match)
        throw recordError(
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
            `${field.label}: bad value for restricted picklist field: ${text}`,
            [field.name]
        );
    return match.value;
}

function coerceMultiPicklist(field: FieldDef, text: string): string {
    const selected = [
        ...new Set(
            text
                .split(';')
                .map((v) => v.trim())
                .filter((v) => v !== '')
        )
    ];
    if (field.restrictedPicklist) {
        for (const value of selected) coercePicklist(field, value);
    }
    return selected.join(';');
}
