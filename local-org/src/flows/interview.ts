/**
 * A screen flow interview: runs from the start (or from a screen the user left) to the next screen or the end, as
 * the running user. Each run is one call of the interview endpoint (rest/flowInterviews.ts), so one transaction:
 * "Flow transactions end when a screen element, local action or pause element is executed" (Salesforce Help,
 * "Flow Transactions"), and everything the flow writes between two screens commits or rolls back together.
 *
 * - Writes go through the same write engine as every API (writes.ts) with the caller's context: their object and
 *   field permissions, validation rules and record-triggered flows apply, as in user context (a flow launched from a
 *   quick action runs in user context in DefaultMode; other modes are refused at deploy).
 * - Get Records is a SOQL query as the caller (src/soql), so what they cannot read does not exist for it.
 * - A record element with a fault connector runs in a savepoint: its failure leaves nothing it wrote, sets
 *   `$Flow.FaultMessage` and takes the fault path. Roll Back Records "rolls back the transaction and cancels all its
 *   pending record changes" (Salesforce Help, "Flow Element: Roll Back Records"): what ran since the last screen;
 *   variables keep their values.
 * - A fault without a fault connector ends the interview: "the flow stops running and the user must start over"
 *   (Trailhead, "Handle Flow Errors with Fault Paths"), with "An unhandled fault has occurred in this flow", and its
 *   transaction is rolled back.
 */
import type { CallContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import { readMetadata } from '../metadata/stored.ts';
import { inSavepoint, NamedSavepoint } from '../savepoint.ts';
import { runQuery } from '../soql/index.ts';
import { createRecord, updateRecord } from '../writes.ts';
import type { FlowCondition, FlowFieldValue, FlowValue } from './definition.ts';
import { evaluateLogic } from './logic.ts';
import { compareValues } from './runtime.ts';
import type { Screen, ScreenFlowDefinition, ScreenFlowElement, ScreenFlowVariable } from './screenFlow.ts';

/** Salesforce stops a flow interview after this many element executions in one transaction. */
const ELEMENT_LIMIT = 2000;

export const UNHANDLED_FAULT =
    'An unhandled fault has occurred in this flow. An unhandled fault has occurred while processing the flow. Please contact your system administrator for more information.';

/** A flow record value: field API names to API values, `Id` once it exists. */
export type FlowRecord = Record<string, unknown>;

/** Everything an interview remembers between calls: plain data, so a run can work on a copy. */
export interface InterviewState {
    variables: Record<string, unknown>;
    /** What elements stored automatically: a Get Records' record(s), a Create Records' Id, a loop's current item. */
    outputs: Record<string, unknown>;
    /** Each running loop's remaining items. */
    loops: Record<string, unknown[]>;
    /** Screens shown, the current one last (Back returns to the one before). */
    history: string[];
    faultMessage: string | null;
}

export type NavigationAction = 'NEXT' | 'BACK' | 'FINISH';

export interface ScreenView {
    name: string;
    label: string;
    showHeader: boolean;
    showFooter: boolean;
    availableActions: NavigationAction[];
    fields: (
        | {
              name: string;
              fieldType: 'ComponentInstance';
              extensionName: string;
              inputs: Record<string, unknown>;
              outputs: string[];
          }
        | { name: string; fieldType: 'DisplayText'; text: string }
    )[];
}

export type RunResult =
    { status: 'STARTED'; screen: ScreenView } | { status: 'FINISHED' } | { status: 'ERROR'; error: ApiError };

const VERBS: Record<string, string> = { recordCreate: 'create', recordUpdate: 'update', recordLookup: 'look up' };

class FaultError extends Error {
    constructor(
        readonly element: string,
        readonly cause: ApiError,
        readonly faultMessage: string
    ) {
        super(faultMessage);
    }
}

export class Interview {
    constructor(
        readonly definition: ScreenFlowDefinition,
        readonly state: InterviewState,
        private readonly ctx: CallContext
    ) {}

    static initialState(definition: ScreenFlowDefinition): InterviewState {
        const state: InterviewState = { variables: {}, outputs: {}, loops: {}, history: [], faultMessage: null };
        for (const variable of definition.variables.values())
            state.variables[variable.name] = variable.isCollection ? [] : null;
        return state;
    }

    /** Default values, then the caller's inputs (already checked against the input variables). */
    start(inputs: Record<string, unknown>): RunResult {
        for (const variable of this.definition.variables.values())
            if (variable.value) this.state.variables[variable.name] = this.value(variable.value);
        for (const [name, value] of Object.entries(inputs)) this.state.variables[name] = value;
        return this.run(this.definition.start);
    }

    get currentScreen(): Screen | undefined {
        const name = this.state.history.at(-1);
        const element = name ? this.definition.elements.get(name) : undefined;
        return element?.kind === 'screen' ? element : undefined;
    }

    /** Leaves the current screen: its component outputs (already checked) go to their variables first. */
    navigate(action: NavigationAction, outputs: { target: string; value: unknown }[]): RunResult {
        const screen = this.currentScreen!;
        if (action === 'BACK') {
            this.state.history.pop();
            return { status: 'STARTED', screen: this.view(this.currentScreen!) };
        }
        for (const output of outputs) this.assign(output.target, 'Assign', output.value);
        return this.run(screen.connector);
    }

    availableActions(screen: Screen): NavigationAction[] {
        const actions: NavigationAction[] = [];
        if (screen.allowBack && this.state.history.length > 1) actions.push('BACK');
        // "you can never have both Next and Finish"; Finish only on the last screen (Aura guide, "Flow Navigation Actions").
        if (screen.connector) actions.push('NEXT');
        else if (screen.allowFinish) actions.push('FINISH');
        return actions;
    }

    private run(from: string | undefined): RunResult {
        const transaction = new NamedSavepoint(this.ctx, 'lo_flow_interview');
        let current = from;
        try {
            for (let steps = 0; current; steps++) {
                if (steps >= ELEMENT_LIMIT)
                    throw new ApiError(
                        400,
                        'FLOW_INTERVIEW_LIMIT',
                        `The flow executed more than ${ELEMENT_LIMIT} elements`
                    );
                const element = this.definition.elements.get(current)!;
                if (element.kind === 'screen') {
                    this.state.history.push(element.name);
                    transaction.release();
                    return { status: 'STARTED', screen: this.view(element) };
                }
                if (element.kind === 'rollback') {
                    transaction.rollBack();
                    current = element.connector;
                    continue;
                }
                current = this.execute(element);
            }
        } catch (error) {
            if (error instanceof FaultError) return { status: 'ERROR', error: error.cause };
            if (error instanceof ApiError) return { status: 'ERROR', error };
            throw error;
        }
        transaction.release();
        return { status: 'FINISHED' };
    }

    private execute(element: Exclude<ScreenFlowElement, Screen | { kind: 'rollback' }>): string | undefined {
        switch (element.kind) {
            case 'assignment':
                for (const item of element.items) this.assign(item.target, item.operator, this.value(item.value));
                return element.connector;
            case 'decision': {
                const rule = element.rules.find((r) => this.conditionsMet(r.logic, r.conditions));
                return rule ? rule.connector : element.defaultConnector;
            }
            case 'loop':
                return this.loop(element);
            case 'recordLookup':
            case 'recordCreate':
            case 'recordUpdate':
                return this.withFault(element, () => this.recordElement(element));
        }
    }

    /** A record element; with a fault connector, in its own savepoint so a failure leaves nothing it wrote. */
    private withFault(
        element: Extract<ScreenFlowElement, { faultConnector?: string }>,
        work: () => void
    ): string | undefined {
        try {
            if (element.faultConnector) inSavepoint(this.ctx, work);
            else work();
            return element.connector;
        } catch (error) {
            if (!(error instanceof ApiError)) throw error;
            const message = `This error occurred when the flow tried to ${VERBS[element.kind]} records: ${error.errorCode}: ${error.message}.`;
            if (!element.faultConnector) throw new FaultError(element.name, error, message);
            this.state.faultMessage = message;
            return element.faultConnector;
        }
    }

    private recordElement(element: Extract<ScreenFlowElement, { faultConnector?: string }>): void {
        if (element.kind === 'recordLookup') {
            const records = this.query(element.object, element.fields, element.filters, element.firstOnly);
            const found = element.firstOnly ? (records[0] ?? null) : records;
            if (element.outputReference) this.state.variables[element.outputReference] = found;
            else this.state.outputs[element.name] = found;
            return;
        }
        if (element.kind === 'recordCreate') {
            if (element.inputReference) {
                const object = this.objectOf(element.inputReference);
                for (const record of this.recordsOf(element.inputReference))
                    record.Id = createRecord(this.ctx, object, withoutId(record));
                return;
            }
            const id = createRecord(this.ctx, element.object!, this.fieldValues(element.fields));
            this.state.outputs[element.name] = id;
            if (element.assignRecordIdToReference) this.assign(element.assignRecordIdToReference, 'Assign', id);
            return;
        }
        if (element.inputReference) {
            const object = this.objectOf(element.inputReference);
            const assigned = this.fieldValues(element.fields);
            for (const record of this.recordsOf(element.inputReference)) {
                if (typeof record.Id !== 'string')
                    throw new ApiError(400, 'MISSING_ARGUMENT', 'Id not specified in an update call');
                const values = element.fields.length > 0 ? assigned : withoutId(record);
                updateRecord(this.ctx, object, record.Id, values);
            }
            return;
        }
        const values = this.fieldValues(element.fields);
        for (const record of this.query(element.object!, [], element.filters, false))
            updateRecord(this.ctx, element.object!, String(record.Id), values);
    }

    /** The object of a record (collection) variable, or of the records a Get Records stored automatically. */
    private objectOf(reference: string): string {
        const variable = this.definition.variables.get(reference);
        if (variable) return variable.objectType!;
        const element = this.definition.elements.get(reference);
        return element?.kind === 'recordLookup' ? element.object : '';
    }

    /** The records a record variable or record collection variable holds (the objects themselves, to set Ids on). */
    private recordsOf(name: string): FlowRecord[] {
        const value = name in this.state.variables ? this.state.variables[name] : this.state.outputs[name];
        if (value === null || value === undefined) return [];
        return (Array.isArray(value) ? value : [value]) as FlowRecord[];
    }

    /** Get Records as a SOQL query run as the caller: their access applies as on /query. */
    private query(objectName: string, fields: string[], filters: FlowCondition[], firstOnly: boolean): FlowRecord[] {
        const object = this.ctx.schema.object(objectName);
        const where = filters.map((f) => `${f.left} ${this.soqlCondition(objectName, f)}`);
        const select = [...new Set(['Id', ...fields])].join(', ');
        const soql =
            `SELECT ${select} FROM ${object?.name ?? objectName}` +
            (where.length > 0 ? ` WHERE ${where.join(' AND ')}` : '') +
            ` ORDER BY Id${firstOnly ? ' LIMIT 1' : ''}`;
        const { db, schema, access, now, apiVersion, userId } = this.ctx;
        const result = runQuery({ db, schema, access, now, apiVersion, userId }, soql, { queryAll: false });
        return result.records.map((record) => {
            const { attributes: _attributes, ...values } = record as FlowRecord;
            return values;
        });
    }

    private soqlCondition(objectName: string, filter: FlowCondition): string {
        const value = filter.right ? this.value(filter.right) : null;
        if (filter.operator === 'IsNull') return value === true ? '= null' : '!= null';
        const operator = filter.operator === 'NotEqualTo' ? '!=' : '=';
        return `${operator} ${soqlLiteral(this.ctx.schema.field(objectName, filter.left)?.type, value)}`;
    }

    private fieldValues(fields: FlowFieldValue[]): Record<string, unknown> {
        return Object.fromEntries(fields.map((f) => [f.field, this.value(f.value)]));
    }

    private loop(element: Extract<ScreenFlowElement, { kind: 'loop' }>): string | undefined {
        if (!(element.name in this.state.loops)) {
            const source =
                element.collection in this.state.variables
                    ? this.state.variables[element.collection]
                    : this.state.outputs[element.collection];
            const items = Array.isArray(source) ? structuredClone(source) : [];
            this.state.loops[element.name] = element.ascending ? items : items.reverse();
        }
        const remaining = this.state.loops[element.name];
        if (remaining.length === 0) {
            delete this.state.loops[element.name];
            return element.done;
        }
        const item = remaining.shift();
        if (element.itemVariable) this.state.variables[element.itemVariable] = item;
        else this.state.outputs[element.name] = item;
        return element.next;
    }

    private conditionsMet(logic: string, conditions: FlowCondition[]): boolean {
        if (conditions.length === 0) return true;
        const results = conditions.map((c) => {
            const left = this.resolve(c.left);
            const right = c.right ? this.value(c.right) : null;
            // Is Empty: a collection with no items (or none at all).
            if (c.operator === 'IsEmpty') return (!Array.isArray(left) || left.length === 0) === (right === true);
            return compareValues(c.operator, left, right);
        });
        return evaluateLogic(logic, results);
    }

    /** Assignment operators: Assign, Add (numbers, text, or an item or collection added to a collection), Subtract. */
    assign(target: string, operator: string, value: unknown): void {
        const [name, field] = target.split('.');
        const variable = this.definition.variables.get(name)!;
        const current = field ? this.recordField(this.state.variables[name], field) : this.state.variables[name];
        let next: unknown = structuredClone(value);
        if (operator === 'Add') {
            if (variable.isCollection && !field)
                next = [...((current as unknown[]) ?? []), ...(Array.isArray(next) ? next : [next])];
            else if (typeof current === 'number' || (isNumeric(variable) && !field))
                next = Number(current ?? 0) + Number(value ?? 0);
            else next = `${String(current ?? '')}${String(value ?? '')}`;
        } else if (operator === 'Subtract') next = Number(current ?? 0) - Number(value ?? 0);
        if (!field) {
            this.state.variables[name] = next;
            return;
        }
        const record = (this.state.variables[name] ??= {}) as FlowRecord;
        const key = Object.keys(record).find((k) => k.toLowerCase() === field.toLowerCase()) ?? field;
        record[key] = next;
    }

    private recordField(record: unknown, field: string): unknown {
        if (!record || typeof record !== 'object') return null;
        const key = Object.keys(record).find((k) => k.toLowerCase() === field.toLowerCase());
        return key ? (record as FlowRecord)[key] : null;
    }

    value(value: FlowValue): unknown {
        return 'reference' in value ? this.resolve(value.reference) : value.literal;
    }

    resolve(reference: string): unknown {
        const [head, ...path] = reference.split('.');
        if (head === '$Flow') return this.flowGlobal(path[0]);
        if (head === '$GlobalConstant')
            return path[0] === 'True' ? true : path[0] === 'False' ? false : path[0] === 'EmptyString' ? '' : null;
        if (head === '$User') return path[0] === 'Id' ? this.ctx.userId : this.userField(path[0]);
        if (head === '$Label')
            return readMetadata<Record<string, unknown>>(this.ctx.db, 'CustomLabel', path[0])?.value ?? null;
        const template = this.definition.textTemplates.get(head);
        if (template !== undefined) return this.merge(template);
        if (this.definition.constants.has(head)) {
            const constant = this.definition.constants.get(head);
            return constant ? this.value(constant) : null;
        }
        const value = head in this.state.variables ? this.state.variables[head] : (this.state.outputs[head] ?? null);
        return path.length === 0 ? value : this.recordField(value, path[0]);
    }

    private flowGlobal(name: string | undefined): unknown {
        if (name === 'FaultMessage') return this.state.faultMessage;
        if (name === 'CurrentDate') return this.ctx.now.toISOString().slice(0, 10);
        if (name === 'CurrentDateTime') return this.ctx.now.toISOString();
        return null;
    }

    private userField(field: string | undefined): unknown {
        const result = runQuery({ ...this.ctx }, `SELECT ${field} FROM User WHERE Id = '${this.ctx.userId}'`, {
            queryAll: false
        });
        return this.recordField(result.records[0], field ?? '');
    }

    /** `{!reference}` merge fields of a display text or text template. */
    merge(textValue: string): string {
        return textValue.replace(/\{!([^}]+)\}/g, (_m, reference: string) =>
            formatMerged(this.resolve(reference.trim()))
        );
    }

    view(screen: Screen): ScreenView {
        return {
            name: screen.name,
            label: screen.label,
            showHeader: screen.showHeader,
            showFooter: screen.showFooter,
            availableActions: this.availableActions(screen),
            fields: screen.fields.map((field) =>
                field.kind === 'displayText'
                    ? { name: field.name, fieldType: 'DisplayText' as const, text: this.merge(field.text) }
                    : {
                          name: field.name,
                          fieldType: 'ComponentInstance' as const,
                          extensionName: field.extensionName,
                          inputs: Object.fromEntries(field.inputs.map((i) => [i.name, this.value(i.value)])),
                          outputs: field.outputs.map((o) => o.name)
                      }
            )
        };
    }

    /** The flow's output variables, when it finished. */
    outputVariables(): {
        name: string;
        dataType: string;
        isCollection: boolean;
        objectType: string | null;
        value: unknown;
    }[] {
        return [...this.definition.variables.values()]
            .filter((v) => v.isOutput)
            .map((v) => ({
                name: v.name,
                dataType: v.dataType,
                isCollection: v.isCollection,
                objectType: v.objectType ?? null,
                value: this.state.variables[v.name] ?? null
            }));
    }
}

function isNumeric(variable: ScreenFlowVariable): boolean {
    return variable.dataType === 'Number' || variable.dataType === 'Currency';
}

function withoutId(record: FlowRecord): Record<string, unknown> {
    const { Id: _id, ...values } = record;
    return values;
}

function formatMerged(value: unknown): string {
    if (value === null || value === undefined) return '';
    if (Array.isArray(value)) return value.map(formatMerged).join(', ');
    return typeof value === 'object' ? '' : String(value);
}

/** A value as a SOQL literal for a field of this type (text quoted and escaped; dates, numbers, booleans bare). */
function soqlLiteral(type: string | undefined, value: unknown): string {
    if (value === null || value === undefined || value === '') return 'null';
    if (typeof value === 'boolean' || typeof value === 'number') return String(value);
    const textValue = String(value);
    if (
        (type === 'date' && /^\d{4}-\d{2}-\d{2}$/.test(textValue)) ||
        (type === 'datetime' && /^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:?\d{2})$/.test(textValue))
    )
        return textValue;
    return `'${textValue.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
