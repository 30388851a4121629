/**
 * Runs a record-triggered flow inside the saving transaction. Before-save flows change the record in memory;
 * after-save flows write other records through the same write engine as every API (in system mode, as Salesforce
 * runs record-triggered flows). An error the flow does not handle fails the save with CANNOT_EXECUTE_FLOW_TRIGGER.
 */
import { formulaValue } from '../formulaFields.ts';
import { coerceValue } from '../coerce.ts';
import type { StoredRecord } from '../derive.ts';
import { ApiError, notSupported, recordError } from '../errors.ts';
import {
    compileFormula,
    evaluateFormula,
    FormulaEvaluationError,
    type CompiledFormula,
    type FormulaRuntime
} from '../formula/index.ts';
import type { ObjectDef, Schema } from '../schema.ts';
import { fieldApiValue } from '../values.ts';
import type { FlowCondition, FlowDefinition, FlowElement, FlowValue } from './definition.ts';
import { evaluateLogic } from './logic.ts';

export interface FlowDml {
    create(objectName: string, values: Record<string, unknown>): string;
    update(objectName: string, id: string, values: Record<string, unknown>): void;
    find(objectName: string, conditions: { field: string; operator: string; value: unknown }[]): string[];
    /** Runs work in a savepoint of the saving transaction: when it throws, nothing it wrote is left. */
    inSavepoint<T>(work: () => T): T;
}

export interface FlowRun {
    schema: Schema;
    object: ObjectDef;
    record: StoredRecord;
    prior: StoredRecord | null;
    userId: string;
    now: Date;
    load(objectName: string, id: string): StoredRecord | undefined;
    /** `$Permission.Name` for the running user. */
    hasCustomPermission(name: string): boolean;
    dml: FlowDml;
}

/** Salesforce stops a flow interview after this many element executions. */
const ELEMENT_LIMIT = 2000;

/** What a Get Records element found: the first matching record, or none. */
class FoundRecord {
    constructor(
        readonly object: ObjectDef,
        readonly record: StoredRecord | null
    ) {}
}

/** What a Get Records element of all records found. */
class FoundRecords {
    constructor(
        readonly object: ObjectDef,
        readonly records: StoredRecord[]
    ) {}
}

class FlowState {
    readonly variables = new Map<string, unknown>();
    readonly outputs = new Map<string, unknown>();
    /** Each running loop's remaining items. */
    readonly loops = new Map<string, StoredRecord[]>();

    constructor(
        readonly definition: FlowDefinition,
        readonly run: FlowRun
    ) {
        for (const [name, variable] of definition.variables)
            this.variables.set(name, variable.value ? this.value(variable.value) : null);
    }

    private formulaRuntime(): FormulaRuntime {
        return {
            record: this.run.record,
            prior: this.run.prior,
            load: this.run.load,
            userId: this.run.userId,
            now: this.run.now,
            hasCustomPermission: this.run.hasCustomPermission,
            variables: this.withFormulas(
                Object.fromEntries(
                    [...this.variables, ...this.outputs].map(([name, value]) => [
                        name,
                        value instanceof FoundRecord
                            ? (value.record?.Id ?? null)
                            : value instanceof FoundRecords
                              ? null
                              : value
                    ])
                )
            )
        };
    }

    /** Formulas another formula may use, each computed on first read through resolve, so its fault stays the flow's. */
    private withFormulas(variables: Record<string, unknown>): Record<string, unknown> {
        for (const name of this.definition.formulas.keys()) {
            let computed: { value: unknown } | undefined;
            const get = () => (computed ??= { value: this.resolve(name) }).value;
            Object.defineProperty(variables, name, { get });
        }
        return variables;
    }

    recordValue(record: StoredRecord | null, path: string[]): unknown {
        let object: ObjectDef | undefined = this.run.object;
        let current: StoredRecord | null | undefined = record;
        for (let i = 0; i < path.length; i++) {
            if (!current || !object) return null;
            const last = i === path.length - 1;
            const field = last
                ? this.run.schema.field(object.name, path[i])
                : this.run.schema.relationship(object.name, path[i]);
            if (!field)
                throw new ApiError(
                    400,
                    'INVALID_FIELD',
                    `The flow references ${path.join('.')}, which does not exist on ${object.name}`
                );
            if (last)
                return fieldApiValue(
                    field,
                    field.formula !== undefined
                        ? formulaValue(this.run.schema, object, field, current)
                        : current[field.name]
                );
            const id: unknown = current[field.name];
            if (typeof id !== 'string') return null;
            object = this.run.schema.objectByKeyPrefix(id.slice(0, 3));
            current = object ? this.run.load(object.name, id) : null;
        }
        return null;
    }

    resolve(reference: string): unknown {
        const [head, ...path] = reference.split('.');
        if (head === '$Record') return path.length === 0 ? this.run.record.Id : this.recordValue(this.run.record, path);
        if (head === '$Record__Prior') return this.recordValue(this.run.prior, path);
        if (head === '$User')
            return path[0] === 'Id'
                ? this.run.userId
                : fieldApiValue(
                      this.run.schema.field('User', path[0])!,
                      this.run.load('User', this.run.userId)?.[path[0]]
                  );
        if (head === '$Flow')
            return path[0] === 'CurrentDate'
                ? this.run.now.toISOString().slice(0, 10)
                : path[0] === 'CurrentDateTime'
                  ? this.run.now.toISOString()
                  : null;
        if (head === '$Permission' && path.length === 1) return this.run.hasCustomPermission(path[0]);
        if (head === '$GlobalConstant')
            return path[0] === 'True' ? true : path[0] === 'False' ? false : path[0] === 'EmptyString' ? '' : null;
        const formula = this.definition.formulas.get(head);
        if (formula)
            return flowFormula(head, compileFormula(formula.expression, this.formulaScope()), this.formulaRuntime());
        const template = this.definition.textTemplates.get(head);
        if (template !== undefined)
            return template.replace(/\{!([^}]+)\}/g, (_m, ref: string) => String(this.resolve(ref.trim()) ?? ''));
        if (this.outputs.has(head)) {
            const output = this.outputs.get(head);
            if (output instanceof FoundRecords) {
                if (path.length > 0) throw notSupported(`The flow reference ${reference} (a field of a collection)`);
                return output.records.length > 0 ? output.records.map((r) => r.Id) : null;
            }
            return output instanceof FoundRecord ? this.foundValue(output, reference, path) : output;
        }
        if (this.variables.has(head)) return this.variables.get(head);
        throw new ApiError(400, 'INVALID_FIELD', `The flow references ${reference}, which it does not define`);
    }

    /** `{!Get_X}` is the found record's Id (null when none); `{!Get_X.Field__c}` one of its fields. */
    private foundValue(found: FoundRecord, reference: string, path: string[]): unknown {
        if (path.length === 0) return found.record?.Id ?? null;
        if (path.length > 1) throw notSupported(`The flow reference ${reference} (a field of a related record)`);
        const field = this.run.schema.field(found.object.name, path[0]);
        if (!field)
            throw new ApiError(
                400,
                'INVALID_FIELD',
                `The flow references ${reference}, which does not exist on ${found.object.name}`
            );
        return found.record ? fieldApiValue(field, found.record[field.name]) : null;
    }

    formulaScope() {
        return {
            schema: this.run.schema,
            objectName: this.run.object.name,
            variables: [...this.definition.variables.keys(), ...this.outputs.keys(), ...this.definition.formulas.keys()]
        };
    }

    value(value: FlowValue): unknown {
        return 'reference' in value ? this.resolve(value.reference) : value.literal;
    }
}

function compare(operator: string, left: unknown, right: unknown, state: FlowState, condition: FlowCondition): boolean {
    if (operator !== 'IsChanged') return compareValues(operator, left, right);
    const path = condition.left.replace(/^\$Record\./, '').split('.');
    const changed =
        state.run.prior !== null &&
        state.recordValue(state.run.prior, path) !== state.recordValue(state.run.record, path);
    return changed === (right === true);
}

/** A decision condition's operator on two values (screen flows' interviews use it too). */
export function compareValues(operator: string, left: unknown, right: unknown): boolean {
    const blank = (v: unknown) => v === null || v === undefined || v === '';
    switch (operator) {
        case 'EqualTo':
            return (blank(left) && blank(right)) || left === right;
        case 'NotEqualTo':
            return !((blank(left) && blank(right)) || left === right);
        case 'GreaterThan':
            return !blank(left) && !blank(right) && (left as number) > (right as number);
        case 'GreaterThanOrEqualTo':
            return !blank(left) && !blank(right) && (left as number) >= (right as number);
        case 'LessThan':
            return !blank(left) && !blank(right) && (left as number) < (right as number);
        case 'LessThanOrEqualTo':
            return !blank(left) && !blank(right) && (left as number) <= (right as number);
        case 'StartsWith':
            return typeof left === 'string' && left.startsWith(String(right ?? ''));
        case 'EndsWith':
            return typeof left === 'string' && left.endsWith(String(right ?? ''));
        case 'Contains':
            return typeof left === 'string' && left.includes(String(right ?? ''));
        case 'IsNull':
            return blank(left) === (right === true);
        case 'IsBlank':
            return blank(left) === (right === true);
        default:
            throw new ApiError(
                400,
                'CANNOT_EXECUTE_FLOW_TRIGGER',
                `Operator ${operator} is not supported by local-org`
            );
    }
}

function conditionsMet(state: FlowState, logic: string, conditions: FlowCondition[], leftPrefix = ''): boolean {
    if (conditions.length === 0) return true;
    const results = conditions.map((c) =>
        compare(c.operator, state.resolve(leftPrefix + c.left), c.right ? state.value(c.right) : null, state, {
            ...c,
            left: leftPrefix + c.left
        })
    );
    return evaluateLogic(logic, results);
}

/** Whether the record meets the flow's entry conditions (and, when required, did not meet them before). */
export function entryConditionsMet(definition: FlowDefinition, run: FlowRun): boolean {
    const { entry } = definition;
    const meets = (record: StoredRecord) => {
        const state = new FlowState(definition, { ...run, record });
        if (entry.formula) {
            return (
                flowFormula('the start condition', compileFormula(entry.formula, state.formulaScope()), {
                    record,
                    prior: run.prior,
                    load: run.load,
                    userId: run.userId,
                    now: run.now,
                    hasCustomPermission: run.hasCustomPermission
                }) === true
            );
        }
        if (entry.logic === 'no_conditions') return true;
        return conditionsMet(state, entry.logic, entry.conditions, '$Record.');
    };
    if (!meets(run.record)) return false;
    if (entry.requireChange && run.prior) return !meets(run.prior);
    return true;
}

function fieldValues(state: FlowState, fields: { field: string; value: FlowValue }[]): Record<string, unknown> {
    return Object.fromEntries(fields.map((f) => [f.field, state.value(f.value)]));
}

function assignToRecord(state: FlowState, fieldName: string, value: unknown): void {
    const field = state.run.schema.field(state.run.object.name, fieldName);
    if (!field)
        throw new ApiError(
            400,
            'INVALID_FIELD',
            `No such column '${fieldName}' on sobject of type ${state.run.object.name}`
        );
    state.run.record[field.name] = coerceValue(field, value);
}

function applyAssignment(state: FlowState, target: string, operator: string, value: unknown): void {
    const current = target.startsWith('$Record.') ? state.resolve(target) : state.variables.get(target);
    let next = value;
    if (operator === 'Add')
        next = typeof current === 'number' ? current + Number(value) : `${String(current ?? '')}${String(value ?? '')}`;
    else if (operator === 'Subtract') next = Number(current ?? 0) - Number(value);
    else if (operator !== 'Assign')
        throw new ApiError(
            400,
            'CANNOT_EXECUTE_FLOW_TRIGGER',
            `Assignment operator ${operator} is not supported by local-org`
        );
    if (target.startsWith('$Record.')) assignToRecord(state, target.slice('$Record.'.length), next);
    else state.variables.set(target, next);
}

type Step = { next?: string; failed?: ApiError; faultConnector?: string };

function execute(state: FlowState, element: FlowElement): Step {
    const { run, definition } = state;
    switch (element.kind) {
        case 'assignment':
            for (const item of element.items)
                applyAssignment(state, item.target, item.operator, state.value(item.value));
            return { next: element.connector };
        case 'decision': {
            const rule = element.rules.find((r) => conditionsMet(state, r.logic, r.conditions));
            return { next: rule ? rule.connector : element.defaultConnector };
        }
        case 'recordCreate':
            return withFault(run.dml, element.faultConnector, () => {
                state.outputs.set(element.name, run.dml.create(element.object, fieldValues(state, element.fields)));
                return { next: element.connector };
            });
        case 'recordUpdate':
            return withFault(run.dml, element.faultConnector, () => {
                const values = fieldValues(state, element.fields);
                if (element.inputReference === '$Record') {
                    if (definition.triggerType === 'RecordBeforeSave')
                        for (const [field, value] of Object.entries(values)) assignToRecord(state, field, value);
                    else run.dml.update(run.object.name, String(run.record.Id), values);
                } else if (element.object) {
                    const filters = element.filters.map((f) => ({
                        field: f.left,
                        operator: f.operator,
                        value: f.right ? state.value(f.right) : null
                    }));
                    for (const id of run.dml.find(element.object, filters)) run.dml.update(element.object, id, values);
                } else
                    throw new ApiError(
                        400,
                        'CANNOT_EXECUTE_FLOW_TRIGGER',
                        `Record update ${element.name}: updating a record variable is not supported by local-org`
                    );
                return { next: element.connector };
            });
        case 'recordLookup':
            return withFault(run.dml, element.faultConnector, () => {
                const object = run.schema.object(element.object);
                if (!object)
                    throw new ApiError(400, 'INVALID_TYPE', `sObject type '${element.object}' is not supported.`);
                const filters = element.filters.map((f) => ({
                    field: f.left,
                    operator: f.operator,
                    value: f.right ? state.value(f.right) : null
                }));
                const ids = run.dml.find(object.name, filters);
                const records = ids.map((id) => run.load(object.name, id)).filter((r) => r !== undefined);
                state.outputs.set(
                    element.name,
                    element.firstOnly ? new FoundRecord(object, records[0] ?? null) : new FoundRecords(object, records)
                );
                return { next: element.connector };
            });
        case 'loop': {
            if (!state.loops.has(element.name)) {
                const collection = state.outputs.get(element.collection);
                if (!(collection instanceof FoundRecords))
                    throw notSupported(
                        `Loop ${element.name} over ${element.collection} (not a Get Records collection)`
                    );
                const items = [...collection.records];
                state.loops.set(element.name, element.ascending ? items : items.reverse());
                state.outputs.set(element.name, new FoundRecord(collection.object, null));
            }
            const remaining = state.loops.get(element.name)!;
            const item = remaining.shift();
            if (!item) {
                state.loops.delete(element.name);
                return { next: element.done };
            }
            const current = state.outputs.get(element.name) as FoundRecord;
            state.outputs.set(element.name, new FoundRecord(current.object, item));
            return { next: element.next };
        }
        case 'customError': {
            // "The change that triggered the flow is rolled back" with the message, on the record or inline on a field
            // (Salesforce Help, "Custom Error Element"); reported as a trigger's addError is.
            const [{ message, field }] = element.messages;
            const merged = message.replace(/\{!([^}]+)\}/g, (_m, ref: string) =>
                String(state.resolve(ref.trim()) ?? '')
            );
            throw recordError('FIELD_CUSTOM_VALIDATION_EXCEPTION', merged, field ? [field] : []);
        }
    }
}

/** A formula the flow evaluates; a value it cannot compute (#Error! on Salesforce) is a fault of the flow. */
function flowFormula(name: string, compiled: CompiledFormula, runtime: FormulaRuntime): unknown {
    try {
        return evaluateFormula(compiled, runtime);
    } catch (error) {
        if (!(error instanceof FormulaEvaluationError)) throw error;
        throw new ApiError(
            400,
            'CANNOT_EXECUTE_FLOW_TRIGGER',
            `The formula ${name} could not be evaluated: ${error.message}`
        );
    }
}

/**
 * An element's record operation. With a fault path, the failed operation is undone before the path runs, so what
 * it wrote (its records' own flows' writes included) is gone, as a failed DML statement "rolls back to the point
 * immediately preceding the DML statement" (Apex Developer Guide, "Bulk DML Exception Handling"); without one, the
 * failure fails the save, whose savepoint undoes it.
 */
function withFault(dml: FlowDml, faultConnector: string | undefined, work: () => Step): Step {
    try {
        return faultConnector ? dml.inSavepoint(work) : work();
    } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return faultConnector ? { next: faultConnector } : { failed: error };
    }
}

const VERBS: Record<string, string> = { recordCreate: 'create', recordUpdate: 'update', recordLookup: 'look up' };

/** Runs the flow from its start; a failure fails the save, worded as Salesforce words it. */
export function runFlow(definition: FlowDefinition, run: FlowRun): void {
    const state = new FlowState(definition, run);
    let current = definition.start;
    for (let steps = 0; current; steps++) {
        if (steps >= ELEMENT_LIMIT)
            throw flowFailure(definition, `the flow executed more than ${ELEMENT_LIMIT} elements`);
        const element = definition.elements.get(current);
        if (!element) throw flowFailure(definition, `the flow has no element named ${current}`);
        const step = execute(state, element);
        if (step.failed) {
            const cause = step.failed;
            throw flowFailure(
                definition,
                `This error occurred when the flow tried to ${VERBS[element.kind] ?? 'run'} records: ${cause.errorCode}: ${cause.message}.`
            );
        }
        current = step.next;
    }
}

function flowFailure(definition: FlowDefinition, detail: string): ApiError {
    return recordError(
        'CANNOT_EXECUTE_FLOW_TRIGGER',
        `We can't save this record because the “${definition.label}” process failed. Give your Salesforce admin these details. ${detail}`
    );
}
