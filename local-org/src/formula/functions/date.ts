/** Date functions. TODAY() and DATEVALUE(dateTime) use GMT: local-org has no user time zones. */
import { dateOfDateTime, dateTimeOfDate, makeDate, textToDate, textToDateTime } from '../dates.ts';
import { FormulaEvaluationError } from '../errors.ts';
import type { Value } from '../types.ts';
import { blankPropagating, strict, type FunctionDef } from './define.ts';

function dateParts(part: 0 | 1 | 2): FunctionDef {
    return blankPropagating([['date']], 'number', ([date]) => Number(String(date).split('-')[part]));
}

function date([year, month, day]: NonNullable<Value>[]): string {
    const result = makeDate(year as number, month as number, day as number);
    if (!result)
        throw new FormulaEvaluationError(`DATE(${String(year)}, ${String(month)}, ${String(day)}) is not a valid date`);
    return result;
}

const dateValue: FunctionDef = blankPropagating([['text', 'date', 'datetime']], 'date', ([value], ev, args) => {
    const type = ev.typeOf(args[0], value);
    if (type === 'date') return value;
    if (type === 'datetime') return dateOfDateTime(String(value));
    const result = textToDate(String(value));
    if (!result) throw new FormulaEvaluationError(`DATEVALUE: '${String(value)}' is not a date`);
    return result;
});

const dateTimeValue: FunctionDef = blankPropagating([['text', 'date', 'datetime']], 'datetime', ([value], ev, args) => {
    const type = ev.typeOf(args[0], value);
    if (type === 'datetime') return value;
    if (type === 'date') return dateTimeOfDate(String(value));
    const result = textToDateTime(String(value));
    if (!result) throw new FormulaEvaluationError(`DATETIMEVALUE: '${String(value)}' is not a date/time`);
    return result;
});

export const DATE_FUNCTIONS: Record<string, FunctionDef> = {
    TODAY: strict([], 'date', (_values, ev) => ev.now.toISOString().slice(0, 10)),
    NOW: strict([], 'datetime', (_values, ev) => ev.now.toISOString()),
    DATE: blankPropagating([['number'], ['number'], ['number']], 'date', date),
    DATEVALUE: dateValue,
    DATETIMEVALUE: dateTimeValue,
    YEAR: dateParts(0),
    MONTH: dateParts(1),
    DAY: dateParts(2)
};
