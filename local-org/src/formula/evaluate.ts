/**
 * Evaluating a checked tree against one save: the record, its prior version, and records loaded through lookups.
 * Each related record is loaded at most once per evaluation.
 */
import type { StoredRecord } from '../derive.ts';
import { FormulaEvaluationError } from './errors.ts';
import type { Evaluator } from './functions/define.ts';
import { evaluateBinary, evaluateNegate } from './operators.ts';
import type { Node, Reference, Root, Step } from './tree.ts';
import { inferType, type StaticType, type Value } from './types.ts';
import { fieldValue, variableValue } from './values.ts';

export interface EvaluationInput {
    record: StoredRecord;
    prior: StoredRecord | null;
    load(objectName: string, id: string): StoredRecord | undefined;
    userId: string;
    now: Date;
    hasCustomPermission?: (name: string) => boolean;
    variables?: Record<string, unknown>;
}

export class Evaluation implements Evaluator {
    private readonly loaded = new Map<string, StoredRecord | null>();

    constructor(private readonly input: EvaluationInput) {}

    get record(): StoredRecord {
        return this.input.record;
    }

    get prior(): StoredRecord | null {
        return this.input.prior;
    }

    get now(): Date {
        return this.input.now;
    }

    value(node: Node): Value {
        switch (node.kind) {
            case 'literal':
                return node.value;
            case 'reference':
                return this.reference(node.ref);
            case 'call':
                return node.def.evaluate(node.args, this);
            case 'binary':
                return evaluateBinary(node.operator, this.typed(node.left), this.typed(node.right));
            case 'negate':
                return evaluateNegate(this.value(node.operand));
        }
    }

    typeOf(node: Node, value: Value): StaticType {
        return node.type === 'any' ? inferType(value) : node.type;
    }

    private typed(node: Node): { type: StaticType; value: Value } {
        const value = this.value(node);
        return { type: this.typeOf(node, value), value };
    }

    private reference(ref: Reference): Value {
        switch (ref.kind) {
            case 'variable':
                return variableValue(this.input.variables?.[ref.name]);
            case 'permission':
                if (!this.input.hasCustomPermission)
                    throw new FormulaEvaluationError(`$Permission.${ref.name} is not available here`);
                return this.input.hasCustomPermission(ref.name);
            case 'flow':
                return ref.name === 'CurrentDate' ? this.now.toISOString().slice(0, 10) : this.now.toISOString();
            case 'field':
                return fieldValue(ref.field, this.follow(this.root(ref.root), ref.path));
        }
    }

    private root(root: Root): StoredRecord | null {
        switch (root) {
            case 'record':
                return this.record;
            case 'prior':
                return this.prior;
            case 'user':
                return this.user();
            case 'profile':
                return this.lookup('Profile', this.user().ProfileId);
            case 'recordType':
                return this.lookup('RecordType', this.record.RecordTypeId);
        }
    }

    /** The running user; $User.Id is known even when the User record cannot be loaded. */
    private user(): StoredRecord {
        return this.lookup('User', this.input.userId) ?? { Id: this.input.userId };
    }

    /** Walks lookups; a blank lookup anywhere on the path makes the value blank, as in Salesforce. */
    private follow(start: StoredRecord | null, path: Step[]): StoredRecord | null {
        let current = start;
        for (const step of path) current = current ? this.lookup(step.target, current[step.lookup.name]) : null;
        return current;
    }

    private lookup(objectName: string, id: unknown): StoredRecord | null {
        if (typeof id !== 'string' || id === '') return null;
        const key = `${objectName}:${id}`;
        if (!this.loaded.has(key)) this.loaded.set(key, this.input.load(objectName, id) ?? null);
        return this.loaded.get(key) ?? null;
    }
}
