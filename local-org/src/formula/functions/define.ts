/** What a formula function is: its argument rules, its result type, and how it evaluates (lazily, from nodes). */
import type { StoredRecord } from '../../derive.ts';
import { FormulaError } from '../errors.ts';
import type { Node } from '../tree.ts';
import { fits, typeLabel, type StaticType, type Value } from '../types.ts';

/** What a function sees while evaluating: its arguments are nodes, evaluated only when (and if) it asks. */
export interface Evaluator {
    value(node: Node): Value;
    /** The node's type, or for a flow variable the type of the value it holds. */
    typeOf(node: Node, value: Value): StaticType;
    readonly record: StoredRecord;
    readonly prior: StoredRecord | null;
    readonly now: Date;
}

export interface FunctionDef {
    min: number;
    max: number;
    /** Argument positions where a picklist or multi-select picklist field is allowed; anywhere else it is refused. */
    picklistArgs?: number[];
    multipicklistArgs?: number[];
    /** Checks the typed arguments and returns the result type; `label` is how messages name it ("function 'IF()'"). */
    check(args: Node[], label: string): StaticType;
    evaluate(args: Node[], ev: Evaluator): Value;
}

export function functionLabel(name: string): string {
    return `function '${name}()'`;
}

export function wrongType(label: string, expected: StaticType[], actual: StaticType): FormulaError {
    const names = expected.map(typeLabel).join(', ');
    return new FormulaError(`Incorrect parameter type for ${label}. Expected ${names}, received ${typeLabel(actual)}`);
}

export function expectType(label: string, node: Node, ...expected: StaticType[]): void {
    if (!expected.some((type) => fits(node.type, type))) throw wrongType(label, expected, node.type);
}

/** The one type several arguments must share (IF's branches, CASE's results); NULL and flow variables fit any. */
export function commonType(label: string, types: StaticType[]): StaticType {
    let common: StaticType = 'null';
    for (const type of types) {
        if (common === 'null' || (common === 'any' && type !== 'null')) common = type;
        else if (!fits(type, common)) throw wrongType(label, [common], type);
    }
    return common;
}

/** A function whose arguments are all evaluated, checked against one list of allowed types per position. */
export function strict(
    argTypes: StaticType[][],
    result: StaticType,
    compute: (values: Value[], ev: Evaluator, args: Node[]) => Value,
    min = argTypes.length
): FunctionDef {
    return {
        min,
        max: argTypes.length,
        check(args, label) {
            args.forEach((arg, i) => expectType(label, arg, ...argTypes[i]));
            return result;
        },
        evaluate(args, ev) {
            const values = args.map((arg) => ev.value(arg));
            return compute(values, ev, args);
        }
    };
}

/** Like `strict`, but a blank argument gives a blank result (Salesforce's "treat blanks as blanks"). */
export function blankPropagating(
    argTypes: StaticType[][],
    result: StaticType,
    compute: (values: NonNullable<Value>[], ev: Evaluator, args: Node[]) => Value,
    min = argTypes.length
): FunctionDef {
    return strict(
        argTypes,
        result,
        (values, ev, args) =>
            values.some((v) => v === null) ? null : compute(values as NonNullable<Value>[], ev, args),
        min
    );
}
