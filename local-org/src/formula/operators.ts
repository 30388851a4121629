/**
 * Operators. Arithmetic follows the operand types (date + number is a date, date - date a number of days); `&` joins
 * text; comparisons are case-sensitive for text, as in Salesforce formulas (unlike SOQL).
 *
 * Blanks: text compares and joins as '' (a blank Subject <> 'x' is true). Any other blank operand makes the result
 * blank ("treat blank fields as blanks"): `Amount > 100` and `Amount = NULL` are null when Amount is blank, and a
 * validation rule whose formula is null does not fire.
 */
import { addDaysToDate, addDaysToDateTime, dateTimeDifference, dateToDays } from './dates.ts';
import { FormulaError, FormulaEvaluationError } from './errors.ts';
import { wrongType } from './functions/define.ts';
import type { BinaryOperator } from './syntax.ts';
import { fits, typeLabel, type StaticType, type Value } from './types.ts';
import { asText, textResult, tidy } from './values.ts';

type Arithmetic = '+' | '-' | '*' | '/' | '^';

/** Result types of arithmetic by operand types. */
const ARITHMETIC: Record<Arithmetic, Record<string, StaticType>> = {
    '+': {
        'number,number': 'number',
        'date,number': 'date',
        'number,date': 'date',
        'datetime,number': 'datetime',
        'number,datetime': 'datetime',
        'text,text': 'text'
    },
    '-': {
        'number,number': 'number',
        'date,number': 'date',
        'date,date': 'number',
        'datetime,number': 'datetime',
        'datetime,datetime': 'number'
    },
    '*': { 'number,number': 'number' },
    '/': { 'number,number': 'number' },
    '^': { 'number,number': 'number' }
};

const ORDERABLE: StaticType[] = ['number', 'date', 'datetime', 'text'];
const COMPARABLE: StaticType[] = [...ORDERABLE, 'boolean'];

function operatorLabel(operator: string): string {
    return `operator '${operator}'`;
}

export function checkBinary(operator: BinaryOperator, left: StaticType, right: StaticType): StaticType {
    if (operator === '&') return checkJoin(left, right);
    if (operator in ARITHMETIC) return checkArithmetic(operator as Arithmetic, left, right);
    return checkComparison(operator, left, right);
}

function checkJoin(left: StaticType, right: StaticType): StaticType {
    for (const side of [left, right]) if (!fits(side, 'text')) throw wrongType(operatorLabel('&'), ['text'], side);
    return 'text';
}

function checkArithmetic(operator: Arithmetic, left: StaticType, right: StaticType): StaticType {
    if (left === 'any' || right === 'any') return 'any';
    const table = ARITHMETIC[operator];
    // NULL takes the type the other side needs; NULL + NULL is a blank number.
    const l = left === 'null' ? (right === 'null' ? 'number' : right) : left;
    const r = right === 'null' ? l : right;
    const result = table[`${l},${r}`];
    if (result) return result;
    const lefts = [...new Set(Object.keys(table).map((key) => key.split(',')[0]))] as StaticType[];
    if (!lefts.includes(l)) throw wrongType(operatorLabel(operator), lefts, l);
    const rights = Object.keys(table)
        .filter((key) => key.startsWith(`${l},`))
        .map((key) => key.split(',')[1]) as StaticType[];
    throw wrongType(operatorLabel(operator), rights, r);
}

function checkComparison(operator: BinaryOperator, left: StaticType, right: StaticType): StaticType {
    const allowed = operator === '=' || operator === '<>' ? COMPARABLE : ORDERABLE;
    for (const side of [left, right]) {
        if (!fits(side, 'any') && !allowed.includes(side)) throw wrongType(operatorLabel(operator), allowed, side);
    }
    if (!fits(left, right) && !fits(right, left)) {
        throw new FormulaError(
            `Incorrect parameter type for ${operatorLabel(operator)}. Expected ${typeLabel(left)}, received ${typeLabel(right)}`
        );
    }
    return 'boolean';
}

/** Evaluates with the operands' types (a flow variable's inferred from its value). */
export function evaluateBinary(
    operator: BinaryOperator,
    left: { type: StaticType; value: Value },
    right: { type: StaticType; value: Value }
): Value {
    if (operator === '&') return textResult(asText(left.value) + asText(right.value));
    if (operator in ARITHMETIC) return arithmetic(operator as Arithmetic, left, right);
    return compare(operator, left, right);
}

function arithmetic(
    operator: Arithmetic,
    left: { type: StaticType; value: Value },
    right: { type: StaticType; value: Value }
): Value {
    if (operator === '+' && (left.type === 'text' || right.type === 'text')) {
        return textResult(asText(left.value) + asText(right.value));
    }
    if (left.value === null || right.value === null) return null;
    const l = left.value;
    const r = right.value;
    switch (`${operator}${left.type},${right.type}`) {
        case '+date,number':
            return addDaysToDate(l as string, r as number);
        case '+number,date':
            return addDaysToDate(r as string, l as number);
        case '+datetime,number':
            return addDaysToDateTime(l as string, r as number);
        case '+number,datetime':
            return addDaysToDateTime(r as string, l as number);
        case '-date,number':
            return addDaysToDate(l as string, -(r as number));
        case '-datetime,number':
            return addDaysToDateTime(l as string, -(r as number));
        case '-date,date':
            return dateToDays(l as string) - dateToDays(r as string);
        case '-datetime,datetime':
            return tidy(dateTimeDifference(l as string, r as string));
    }
    if (typeof l !== 'number' || typeof r !== 'number') {
        throw new FormulaEvaluationError(`Operator '${operator}' cannot combine ${String(l)} and ${String(r)}`);
    }
    return numeric(operator, l, r);
}

function numeric(operator: Arithmetic, l: number, r: number): number {
    switch (operator) {
        case '+':
            return tidy(l + r);
        case '-':
            return tidy(l - r);
        case '*':
            return tidy(l * r);
        case '/':
            if (r === 0) throw new FormulaEvaluationError('Division by zero');
            return tidy(l / r);
        case '^':
            return tidy(l ** r);
    }
}

/** -1, 0 or 1; null when a non-text side is blank. */
function order(left: { type: StaticType; value: Value }, right: { type: StaticType; value: Value }): number | null {
    if (left.type === 'text' || right.type === 'text') {
        const [l, r] = [asText(left.value), asText(right.value)];
        return l === r ? 0 : l < r ? -1 : 1;
    }
    if (left.value === null || right.value === null) return null;
    const key = (side: { type: StaticType; value: Value }) =>
        side.type === 'datetime' || side.type === 'date' ? Date.parse(String(side.value)) : side.value;
    const [l, r] = [key(left), key(right)];
    return l === r ? 0 : (l as number) < (r as number) ? -1 : 1;
}

function compare(
    operator: BinaryOperator,
    left: { type: StaticType; value: Value },
    right: { type: StaticType; value: Value }
): Value {
    const result = order(left, right);
    if (result === null) return null;
    switch (operator) {
        case '=':
            return result === 0;
        case '<>':
            return result !== 0;
        case '<':
            return result < 0;
        case '>':
            return result > 0;
        case '<=':
            return result <= 0;
        default:
            return result >= 0;
    }
}

export function checkNegate(type: StaticType): StaticType {
    if (!fits(type, 'number')) throw wrongType(operatorLabel('-'), ['number'], type);
    return type === 'any' ? 'any' : 'number';
}

export function evaluateNegate(value: Value): Value {
    if (value === null) return null;
    if (typeof value !== 'number') throw new FormulaEvaluationError(`Operator '-' needs a number, not ${value}`);
    return -value;
}
