/**
 * SOQL literals as stored values: quoted strings with their backslash escapes, LIKE patterns, ids (15 or 18
 * characters), numbers, booleans, dates, date-times and date literals. A literal must suit the field it is
 * compared with, as Salesforce requires ('5' for a number field is an error, not a coercion).
 */
import type { LiteralType } from '@jetstreamapp/soql-parser-js';
import { notSupported } from '../errors.ts';
import { canonicalId } from '../ids.ts';
import type { FieldType } from '../schema.ts';
import { parseDate, parseDateTime } from '../values.ts';
import { dateLiteralRange } from './dateLiterals.ts';
import type { QueryText } from './queryText.ts';

/** What a filter compares with: nothing, one stored value, or a range of stored values (date literals). */
export type FilterValue =
    { kind: 'null' } | { kind: 'value'; value: string | number } | { kind: 'range'; start: string; end: string };

/** What the literal is compared with: its name (for messages) and type. */
export interface LiteralTarget {
    name: string;
    type: FieldType;
}

type ValueKind = 'text' | 'id' | 'boolean' | 'number' | 'date' | 'datetime';

const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '"': '"', "'": "'" };

export function valueKind(type: FieldType): ValueKind {
    switch (type) {
        case 'id':
        case 'reference':
            return 'id';
        case 'boolean':
            return 'boolean';
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            return 'number';
        case 'date':
            return 'date';
        case 'datetime':
            return 'datetime';
        default:
            return 'text';
    }
}

/**
 * The text of a quoted literal. In a LIKE pattern `\%`, `\_` and `\\` stay escaped for SQL's `ESCAPE '\'`;
 * elsewhere they are errors, as on Salesforce.
 */
export function unquote(quoted: string, text: QueryText, forLike = false): string {
    const body = quoted.slice(1, -1);
    let result = '';
    for (let i = 0; i < body.length; i++) {
        const ch = body[i];
        if (ch !== '\\') {
            result += text.literalCharacter(ch);
            continue;
        }
        const next = body[++i] ?? '';
        const simple = ESCAPES[next.toLowerCase()];
        if (simple !== undefined) result += simple;
        else if (next === '\\') result += forLike ? '\\\\' : '\\';
        else if (forLike && (next === '%' || next === '_')) result += '\\' + next;
        else {
            const message = `Invalid string literal '${body}'. Illegal character sequence '\\${next}' in string literal.`;
            throw text.malformed(message, quoted);
        }
    }
    return result;
}

function mustBeOfType(target: LiteralTarget, text: QueryText): Error {
    const kind = valueKind(target.type);
    const typeNames: Record<ValueKind, string> = {
        text: 'string',
        id: 'id',
        boolean: 'boolean',
        number: target.type === 'int' ? 'integer' : 'double',
        date: 'date',
        datetime: 'dateTime'
    };
    const quoting =
        kind === 'text' || kind === 'id' ? 'should be enclosed in quotes' : 'should not be enclosed in quotes';
    const message = `value of filter criterion for field '${target.name}' must be of type ${typeNames[kind]} and ${quoting}`;
    return text.error('INVALID_FIELD', message, target.name);
}

function storedBound(day: string, kind: ValueKind): string {
    return kind === 'datetime' ? `${day}T00:00:00.000Z` : day;
}

/** A literal (as the parser gives it: quotes included) as the value to compare `target` with. */
export function filterValue(
    target: LiteralTarget,
    literal: string,
    literalType: LiteralType,
    text: QueryText,
    now: Date
): FilterValue {
    const kind = valueKind(target.type);
    const wrongType = () => mustBeOfType(target, text);
    switch (literalType) {
        case 'NULL':
            return { kind: 'null' };
        case 'STRING': {
            if (kind === 'text') return { kind: 'value', value: unquote(literal, text) };
            if (kind !== 'id') throw wrongType();
            const value = unquote(literal, text);
            const id = canonicalId(value);
            if (id === null) throw text.error('INVALID_QUERY_FILTER_OPERATOR', `invalid ID field: ${value}`, literal);
            return { kind: 'value', value: id };
        }
        case 'BOOLEAN':
            if (kind !== 'boolean') throw wrongType();
            return { kind: 'value', value: literal.toUpperCase() === 'TRUE' ? 1 : 0 };
        case 'INTEGER':
        case 'DECIMAL':
            if (kind !== 'number') throw wrongType();
            return { kind: 'value', value: Number(literal) };
        case 'DATE': {
            if (kind !== 'date') throw wrongType();
            const date = parseDate(literal);
            if (date === null) throw text.malformed(`invalid date: ${literal}`, literal);
            return { kind: 'value', value: date };
        }
        case 'DATETIME': {
            if (kind !== 'datetime') throw wrongType();
            const dateTime = parseDateTime(literal);
            if (dateTime === null) throw text.malformed(`invalid dateTime: ${literal}`, literal);
            return { kind: 'value', value: dateTime };
        }
        case 'DATE_LITERAL':
        case 'DATE_N_LITERAL': {
            if (kind !== 'date' && kind !== 'datetime') throw wrongType();
            const range = dateLiteralRange(literal, now);
            if (!range) throw text.malformed(`unexpected token: '${literal}'`, literal);
            return { kind: 'range', start: storedBound(range.start, kind), end: storedBound(range.end, kind) };
        }
        case 'INTEGER_WITH_CURRENCY_PREFIX':
        case 'DECIMAL_WITH_CURRENCY_PREFIX':
            throw notSupported('Currency-prefixed values (multi-currency) in SOQL');
        default:
            throw text.malformed(`unexpected token: '${literal}'`, literal);
    }
}
