/**
 * Compile-time checking: resolves names against the schema, binds functions, types every node and enforces
 * Salesforce's picklist rule (picklist fields only inside ISPICKVAL, CASE, TEXT and the functions that pass them on).
 */
import { FormulaError } from './errors.ts';
import { functionLabel, type FunctionDef } from './functions/define.ts';
import { lookupFunction } from './functions/registry.ts';
import { checkBinary, checkNegate } from './operators.ts';
import { resolveName, type NameScope } from './references.ts';
import type { Expr } from './syntax.ts';
import type { Node, Reference } from './tree.ts';
import { fieldFormulaType, type StaticType } from './types.ts';

export class Checker {
    /** Fields of the record itself the formula reads (directly, through a lookup, or as $RecordType). */
    readonly references = new Set<string>();
    /** Flow resources the formula reads with {!name}, as the scope spells them. */
    readonly variables = new Set<string>();

    constructor(private readonly scope: NameScope) {}

    check(expr: Expr): Node {
        switch (expr.kind) {
            case 'literal':
                return { kind: 'literal', type: expr.type, value: expr.value };
            case 'name':
                return this.reference(expr.path, expr.merge);
            case 'call':
                return this.call(expr.name, expr.args);
            case 'binary': {
                const [left, right] = [this.operand(expr.left), this.operand(expr.right)];
                return {
                    kind: 'binary',
                    type: checkBinary(expr.operator, left.type, right.type),
                    operator: expr.operator,
                    left,
                    right
                };
            }
            case 'negate': {
                const operand = this.operand(expr.operand);
                return { kind: 'negate', type: checkNegate(operand.type), operand };
            }
        }
    }

    /** A node used where picklists are not allowed: as an operand, a plain argument, or the formula's result. */
    operand(expr: Expr): Node {
        return refusePicklist(this.check(expr));
    }

    private reference(path: string, merge: boolean): Node {
        const ref = resolveName(path, merge, this.scope);
        this.note(ref);
        const source = merge ? `{!${path}}` : path;
        return { kind: 'reference', type: referenceType(ref), ref, source };
    }

    private note(ref: Reference): void {
        if (ref.kind === 'variable') this.variables.add(ref.name);
        if (ref.kind !== 'field') return;
        if (ref.root === 'recordType') this.references.add('RecordTypeId');
        if (ref.root === 'record' || ref.root === 'prior') this.references.add((ref.path[0]?.lookup ?? ref.field).name);
    }

    private call(name: string, exprs: Expr[]): Node {
        const def = lookupFunction(name);
        const label = functionLabel(name);
        if (exprs.length < def.min || exprs.length > def.max) throw wrongArity(label, def, exprs.length);
        const args = exprs.map((expr, i) => allowPicklist(this.check(expr), def, i));
        return { kind: 'call', type: def.check(args, label), name, def, args };
    }
}

function referenceType(ref: Reference): StaticType {
    if (ref.kind === 'field') return fieldFormulaType(ref.field);
    if (ref.kind === 'variable') return 'any';
    if (ref.kind === 'permission') return 'boolean';
    return ref.name === 'CurrentDate' ? 'date' : 'datetime';
}

function wrongArity(label: string, def: FunctionDef, received: number): FormulaError {
    const expected =
        def.min === def.max ? `${def.min}` : def.max === Infinity ? `at least ${def.min}` : `${def.min} to ${def.max}`;
    return new FormulaError(`Incorrect number of parameters for ${label}. Expected ${expected}, received ${received}`);
}

function allowPicklist(node: Node, def: FunctionDef, index: number): Node {
    if (node.type === 'picklist' && def.picklistArgs?.includes(index)) return node;
    if (node.type === 'multipicklist' && def.multipicklistArgs?.includes(index)) return node;
    return refusePicklist(node);
}

function refusePicklist(node: Node): Node {
    if (node.type === 'picklist') {
        throw new FormulaError(
            `Field ${fieldName(node)} is a picklist field. Picklist fields are only supported in certain functions.`
        );
    }
    if (node.type === 'multipicklist') {
        throw new FormulaError(
            `Field ${fieldName(node)} is a multi-select picklist field. Multi-select picklist fields are only supported in certain functions.`
        );
    }
    return node;
}

/** The field a picklist-typed node stands for: itself, or the field inside PRIORVALUE(). */
function fieldName(node: Node): string {
    if (node.kind === 'reference') return node.source;
    if (node.kind === 'call' && node.args.length > 0) return fieldName(node.args[0]);
    return 'value';
}
