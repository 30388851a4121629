// Own recursive-descent parser, not formulon: formulon has no {!merge} fields, no ISCHANGED/PRIORVALUE/ISNEW, a closed function table, and parses `a & b = c` as `a & (b = c)`.
/**
 * Salesforce formulas for validation rules and record-triggered flows: compiled (and checked against the schema)
 * once at deploy, evaluated on every save.
 *
 * Results of evaluateFormula: boolean, number, text (string), date (`YYYY-MM-DD`), date-time (ISO 8601 UTC, the
 * stored form) or null for blank. Blank text is always null, never ''. A boolean formula is null when it depends on
 * comparing a blank number, date or date-time ("treat blanks as blanks": `Amount > 100` and `Amount = NULL` are null
 * for a blank Amount), so callers must treat only `true` as firing; blank text compares as ''.
 * Failures on a record's values (division by zero, VALUE('x'), DATE(2023, 2, 29)) throw FormulaEvaluationError.
 */
import type { StoredRecord } from '../derive.ts';
import type { Schema } from '../schema.ts';
import { Checker } from './check.ts';
import { FormulaError } from './errors.ts';
import { Evaluation } from './evaluate.ts';
import { parseFormula } from './parser.ts';
import type { Node } from './tree.ts';
import { typeLabel, type FormulaType } from './types.ts';

export { FormulaError, FormulaEvaluationError } from './errors.ts';
export { supportedFunctions } from './functions/registry.ts';
export type { FormulaType } from './types.ts';

export interface FormulaScope {
    schema: Schema;
    objectName: string;
    /** Names a Flow formula may reference with {!name}. */
    variables?: string[];
    /** The type the formula must return: 'boolean' for validation rules and flow conditions. */
    returnType?: FormulaType;
}

export interface CompiledFormula {
    source: string;
    /** Top-level fields of the record the formula reads, canonical names (a path through a lookup names the lookup). */
    references: string[];
    /** Flow resources read with {!name}, as the scope's variables spell them (so another formula can be told apart). */
    variables: string[];
    /** The result type; null when it depends on a flow variable's value. */
    type: FormulaType | null;
    readonly tree: Node;
}

export interface FormulaRuntime {
    /** The record being saved: stored values, canonical field names. */
    record: StoredRecord;
    /** Null on insert: ISNEW() is true, ISCHANGED() false, PRIORVALUE() the current value. */
    prior: StoredRecord | null;
    /** Loads related records for $User, $Profile, $RecordType and cross-object paths. */
    load(objectName: string, id: string): StoredRecord | undefined;
    userId: string;
    now: Date;
    /** `$Permission.Name` for the running user (custom permissions granted by its permission sets). */
    hasCustomPermission?: (name: string) => boolean;
    /** Flow variables for {!name}. */
    variables?: Record<string, unknown>;
}

function resultType(tree: Node): FormulaType | null {
    return tree.type === 'any' || tree.type === 'null' ? null : (tree.type as FormulaType);
}

function checkReturnType(tree: Node, expected: FormulaType | undefined): void {
    if (!expected || tree.type === expected || tree.type === 'any' || tree.type === 'null') return;
    const wanted = expected === 'boolean' ? 'true or false' : typeLabel(expected);
    throw new FormulaError(
        `Formula result is data type (${typeLabel(tree.type)}), incompatible with expected data type (${wanted}).`
    );
}

/** Parses and checks a formula; throws FormulaError with a message fit for a deploy failure. */
export function compileFormula(source: string, scope: FormulaScope): CompiledFormula {
    if (!scope.schema.object(scope.objectName)) throw new FormulaError(`Object ${scope.objectName} does not exist`);
    const checker = new Checker(scope);
    const tree = checker.operand(parseFormula(source));
    checkReturnType(tree, scope.returnType);
    return {
        source,
        references: [...checker.references],
        variables: [...checker.variables],
        type: resultType(tree),
        tree
    };
}

export function evaluateFormula(compiled: CompiledFormula, runtime: FormulaRuntime): unknown {
    return new Evaluation(runtime).value(compiled.tree);
}
