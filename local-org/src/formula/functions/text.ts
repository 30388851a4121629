/**
 * Text functions. Blank text is null and reads as '' (LEN of a blank field is 0); a text result of '' is blank.
 * Comparisons (BEGINS, CONTAINS, FIND, SUBSTITUTE) are case-sensitive, as in Salesforce.
 */
import { dateTimeText } from '../dates.ts';
import { FormulaError, FormulaEvaluationError } from '../errors.ts';
import type { StaticType } from '../types.ts';
import { asText, textResult, tidy } from '../values.ts';
import { blankPropagating, strict, type FunctionDef } from './define.ts';

const NUMBER_TEXT = /^\s*[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$/;

/** REGEX matches the whole text, as Java's matches() does; JavaScript regular expressions stand in for Java's. */
function wholeMatch(pattern: string): RegExp {
    try {
        return new RegExp(`^(?:${pattern})$`);
    } catch (error) {
        throw new FormulaEvaluationError(`REGEX: invalid regular expression ${pattern}: ${(error as Error).message}`);
    }
}

const regexSignature = strict([['text'], ['text']], 'boolean', ([text, pattern]) =>
    wholeMatch(asText(pattern)).test(asText(text))
);

/** A literal pattern is checked at compile time, so a bad rule fails its deploy rather than every save. */
const regex: FunctionDef = {
    ...regexSignature,
    check(args, label) {
        const result = regexSignature.check(args, label);
        const pattern = args[1];
        if (pattern.kind !== 'literal' || typeof pattern.value !== 'string') return result;
        try {
            wholeMatch(pattern.value);
        } catch (error) {
            throw new FormulaError((error as Error).message);
        }
        return result;
    }
};

const text: FunctionDef = {
    ...strict([['number', 'date', 'datetime', 'picklist', 'text']], 'text', ([value], ev, args) => {
        if (value === null) return null;
        const type = ev.typeOf(args[0], value);
        if (type === 'number') return String(tidy(value as number));
        if (type === 'datetime') return dateTimeText(String(value));
        return String(value);
    }),
    picklistArgs: [0]
};

function left(value: string, count: number): string {
    return value.slice(0, Math.max(0, Math.trunc(count)));
}

function right(value: string, count: number): string {
    const n = Math.trunc(count);
    return n <= 0 ? '' : value.slice(-n);
}

function mid(value: string, start: number, count: number): string {
    const from = Math.max(1, Math.trunc(start)) - 1;
    return value.slice(from, from + Math.max(0, Math.trunc(count)));
}

function find(search: string, value: string, start = 1): number {
    if (search === '' || start < 1 || start > value.length) return 0;
    return value.indexOf(search, Math.trunc(start) - 1) + 1;
}

function toNumber(value: string): number {
    if (!NUMBER_TEXT.test(value)) throw new FormulaEvaluationError(`VALUE: '${value}' is not a number`);
    return Number(value);
}

const TEXT: StaticType[][] = [['text']];
const TEXT_NUMBER: StaticType[][] = [['text'], ['number']];

export const TEXT_FUNCTIONS: Record<string, FunctionDef> = {
    TEXT: text,
    LEN: strict(TEXT, 'number', ([value]) => asText(value).length),
    BEGINS: strict([['text'], ['text']], 'boolean', ([value, prefix]) => asText(value).startsWith(asText(prefix))),
    CONTAINS: strict([['text'], ['text']], 'boolean', ([value, part]) => asText(value).includes(asText(part))),
    FIND: strict(
        [['text'], ['text'], ['number']],
        'number',
        ([search, value, start]) => find(asText(search), asText(value), (start as number | undefined) ?? 1),
        2
    ),
    UPPER: blankPropagating(TEXT, 'text', ([value]) => String(value).toUpperCase()),
    LOWER: blankPropagating(TEXT, 'text', ([value]) => String(value).toLowerCase()),
    TRIM: blankPropagating(TEXT, 'text', ([value]) => textResult(String(value).trim())),
    LEFT: blankPropagating(TEXT_NUMBER, 'text', ([value, n]) => textResult(left(String(value), n as number))),
    RIGHT: blankPropagating(TEXT_NUMBER, 'text', ([value, n]) => textResult(right(String(value), n as number))),
    MID: blankPropagating([['text'], ['number'], ['number']], 'text', ([value, start, n]) =>
        textResult(mid(String(value), start as number, n as number))
    ),
    SUBSTITUTE: strict([['text'], ['text'], ['text']], 'text', ([value, old, replacement]) =>
        value === null || old === null ? value : textResult(String(value).split(String(old)).join(asText(replacement)))
    ),
    REGEX: regex,
    VALUE: blankPropagating(TEXT, 'number', ([value]) => toNumber(String(value))),
    ISNUMBER: strict(TEXT, 'boolean', ([value]) => value !== null && NUMBER_TEXT.test(String(value)))
};
