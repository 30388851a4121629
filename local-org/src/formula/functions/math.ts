/**
 * Number functions with Salesforce's rounding: ROUND goes half away from zero, CEILING rounds away from zero and
 * FLOOR toward zero for negative numbers (CEILING(-2.5) = -3, FLOOR(-2.5) = -2).
 */
import { FormulaEvaluationError } from '../errors.ts';
import type { StaticType, Value } from '../types.ts';
import { tidy } from '../values.ts';
import { blankPropagating, expectType, type FunctionDef } from './define.ts';

const NUMBER: StaticType[][] = [['number']];

function round(value: number, digits: number): number {
    const places = Math.trunc(digits);
    const scaled = Math.round(Number(`${Math.abs(value)}e${places}`));
    return Math.sign(value) * Number(`${scaled}e${-places}`);
}

function onMagnitude(value: number, direction: 'up' | 'down'): number {
    const magnitude = direction === 'up' ? Math.ceil(Math.abs(value)) : Math.floor(Math.abs(value));
    return Math.sign(value) * magnitude || 0;
}

function mod(value: number, divisor: number): number {
    if (divisor === 0) throw new FormulaEvaluationError('Division by zero');
    return tidy(value % divisor);
}

function extreme(pick: (...values: number[]) => number): FunctionDef {
    return {
        min: 1,
        max: Infinity,
        check(args, label) {
            for (const arg of args) expectType(label, arg, 'number');
            return 'number';
        },
        evaluate(args, ev) {
            const values: Value[] = args.map((arg) => ev.value(arg));
            return values.some((v) => v === null) ? null : pick(...(values as number[]));
        }
    };
}

export const MATH_FUNCTIONS: Record<string, FunctionDef> = {
    ABS: blankPropagating(NUMBER, 'number', ([n]) => Math.abs(n as number)),
    ROUND: blankPropagating([['number'], ['number']], 'number', ([n, digits]) => round(n as number, digits as number)),
    CEILING: blankPropagating(NUMBER, 'number', ([n]) => onMagnitude(n as number, 'up')),
    FLOOR: blankPropagating(NUMBER, 'number', ([n]) => onMagnitude(n as number, 'down')),
    MOD: blankPropagating([['number'], ['number']], 'number', ([n, divisor]) => mod(n as number, divisor as number)),
    MAX: extreme(Math.max),
    MIN: extreme(Math.min)
};
