/**
 * Logic and blank handling. Booleans are three-valued: a comparison with a blank number or date is null, AND/OR/NOT
 * carry that null (AND(FALSE, null) is FALSE, OR(TRUE, null) is TRUE), and IF treats null as false.
 */
import { FormulaError, FormulaEvaluationError } from '../errors.ts';
import type { Node } from '../tree.ts';
import type { StaticType, Value } from '../types.ts';
import { asText } from '../values.ts';
import { commonType, expectType, type Evaluator, type FunctionDef } from './define.ts';

function condition(node: Node, ev: Evaluator): boolean | null {
    const value = ev.value(node);
    if (value === null || typeof value === 'boolean') return value;
    throw new FormulaEvaluationError(`Expected a Boolean, received ${String(value)}`);
}

function allBoolean(args: Node[], label: string): StaticType {
    for (const arg of args) expectType(label, arg, 'boolean');
    return 'boolean';
}

const and: FunctionDef = {
    min: 1,
    max: Infinity,
    check: allBoolean,
    evaluate(args, ev) {
        let unknown = false;
        for (const arg of args) {
            const value = condition(arg, ev);
            if (value === false) return false;
            if (value === null) unknown = true;
        }
        return unknown ? null : true;
    }
};

const or: FunctionDef = {
    min: 1,
    max: Infinity,
    check: allBoolean,
    evaluate(args, ev) {
        let unknown = false;
        for (const arg of args) {
            const value = condition(arg, ev);
            if (value === true) return true;
            if (value === null) unknown = true;
        }
        return unknown ? null : false;
    }
};

const not: FunctionDef = {
    min: 1,
    max: 1,
    check: allBoolean,
    evaluate(args, ev) {
        const value = condition(args[0], ev);
        return value === null ? null : !value;
    }
};

const ifFunction: FunctionDef = {
    min: 3,
    max: 3,
    check(args, label) {
        expectType(label, args[0], 'boolean');
        const branches = args.slice(1).map((arg) => arg.type);
        return commonType(label, branches);
    },
    evaluate: (args, ev) => ev.value(condition(args[0], ev) === true ? args[1] : args[2])
};

/** Whether CASE's expression matches a value: text compares as text (blank is ''), anything else must be present. */
function caseMatches(ev: Evaluator, subject: { node: Node; value: Value }, candidate: Node): boolean {
    const value = ev.value(candidate);
    const type = ev.typeOf(subject.node, subject.value);
    if (type === 'text' || type === 'picklist') return asText(subject.value) === asText(value);
    return subject.value !== null && subject.value === value;
}

const caseFunction: FunctionDef = {
    min: 4,
    max: Infinity,
    picklistArgs: [0],
    check(args, label) {
        if (args.length % 2 !== 0) {
            throw new FormulaError(`Incorrect number of parameters for ${label}. Expected an even number`);
        }
        const types = args.map((arg) => (arg.type === 'picklist' ? 'text' : arg.type));
        const isResult = (i: number) => i > 0 && (i % 2 === 0 || i === args.length - 1);
        const [matched, results] = [types.filter((_t, i) => !isResult(i)), types.filter((_t, i) => isResult(i))];
        commonType(label, matched);
        return commonType(label, results);
    },
    evaluate(args, ev) {
        const subject = { node: args[0], value: ev.value(args[0]) };
        for (let i = 1; i < args.length - 1; i += 2) {
            if (caseMatches(ev, subject, args[i])) return ev.value(args[i + 1]);
        }
        return ev.value(args[args.length - 1]);
    }
};

const BLANKABLE: StaticType[] = ['text', 'number', 'date', 'datetime', 'boolean', 'multipicklist'];

/**
 * Salesforce: "text fields are never null", so ISNULL and NULLVALUE see a blank text field as present. Ids
 * (lookups) are not text fields and can be null.
 */
function neverNull(node: Node): boolean {
    if (node.type !== 'text') return false;
    if (node.kind !== 'reference' || node.ref.kind !== 'field') return true;
    return node.ref.field.type !== 'id' && node.ref.field.type !== 'reference';
}

function blankTest(nullOnly: boolean): FunctionDef {
    return {
        min: 1,
        max: 1,
        multipicklistArgs: [0],
        check(args, label) {
            expectType(label, args[0], ...BLANKABLE);
            return 'boolean';
        },
        evaluate: (args, ev) => !(nullOnly && neverNull(args[0])) && ev.value(args[0]) === null
    };
}

function blankSubstitute(nullOnly: boolean): FunctionDef {
    return {
        min: 2,
        max: 2,
        check(args, label) {
            expectType(label, args[0], 'text', 'number', 'date', 'datetime');
            const types = args.map((arg) => arg.type);
            return commonType(label, types);
        },
        evaluate(args, ev) {
            const value = ev.value(args[0]);
            return value !== null || (nullOnly && neverNull(args[0])) ? value : ev.value(args[1]);
        }
    };
}

export const LOGICAL_FUNCTIONS: Record<string, FunctionDef> = {
    AND: and,
    OR: or,
    NOT: not,
    IF: ifFunction,
    CASE: caseFunction,
    ISBLANK: blankTest(false),
    ISNULL: blankTest(true),
    BLANKVALUE: blankSubstitute(false),
    NULLVALUE: blankSubstitute(true)
};
