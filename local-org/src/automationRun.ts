/**
 * The save-time steps that come from deployed metadata: record type rules, validation rules and record-triggered
 * flows, in Salesforce's order of execution (before-save flows, then validation, then the write, then after-save).
 */
import { UserAccess } from './access.ts';
import type { CallContext } from './context.ts';
import type { SaveState, StoredRecord } from './derive.ts';
import { recordError } from './errors.ts';
import { evaluateFormula, FormulaEvaluationError } from './formula/index.ts';
import { entryConditionsMet, runFlow, type FlowDml } from './flows/runtime.ts';
import type { TriggerType } from './flows/definition.ts';
import { inSavepoint } from './savepoint.ts';
import type { ObjectDef } from './schema.ts';
import { quoteName } from './store.ts';
import { hasCustomPermission } from './metadata/customPermissions.ts';

/** The record type a new record gets when the request names none: the user's default, if they have one. */
export function defaultRecordType(ctx: CallContext, object: ObjectDef): string | null {
    if (!object.fields.some((f) => f.name === 'RecordTypeId')) return null;
    const row = ctx.db
        .prepare(
            `SELECT rt.Id FROM _lo_record_type_access a JOIN RecordType rt ON rt.Id = a.record_type_id
             JOIN PermissionSetAssignment psa ON psa.PermissionSetId = a.permission_set_id
             WHERE psa.AssigneeId = ? AND psa.IsDeleted = 0 AND a.is_default = 1 AND rt.SobjectType = ? AND rt.IsActive = 1 LIMIT 1`
        )
        .get(ctx.userId, object.name) as { Id: string } | undefined;
    return row?.Id ?? null;
}

function recordTypeRow(
    ctx: CallContext,
    id: string
): { DeveloperName: string; SobjectType: string; IsActive: number } | undefined {
    return ctx.db
        .prepare('SELECT DeveloperName, SobjectType, IsActive FROM RecordType WHERE Id = ? AND IsDeleted = 0')
        .get(id) as { DeveloperName: string; SobjectType: string; IsActive: number } | undefined;
}

export function recordTypeAvailable(ctx: CallContext, id: string): boolean {
    if (ctx.access.modifyAllData) return true;
    const row = ctx.db
        .prepare(
            `SELECT 1 FROM _lo_record_type_access a JOIN PermissionSetAssignment psa ON psa.PermissionSetId = a.permission_set_id
             WHERE psa.AssigneeId = ? AND psa.IsDeleted = 0 AND a.record_type_id = ? AND a.visible = 1 LIMIT 1`
        )
        .get(ctx.userId, id);
    return row !== undefined;
}

export const PROCESS_FIELD: Record<string, string> = { Case: 'Status', Opportunity: 'StageName', Lead: 'Status' };

/** A record type must be this object's, active and available to the user; it limits the process status values. */
export function checkRecordType(ctx: CallContext, object: ObjectDef, record: StoredRecord, state: SaveState): void {
    const id = record.RecordTypeId;
    if (typeof id !== 'string') return;
    const changedType = state.isInsert || state.previous?.RecordTypeId !== id;
    const row = recordTypeRow(ctx, id);
    if (
        !row ||
        row.SobjectType !== object.name ||
        (changedType && (row.IsActive !== 1 || !recordTypeAvailable(ctx, id)))
    ) {
        throw recordError(
            'INVALID_CROSS_REFERENCE_KEY',
            `Record Type ID: this ID value isn't valid for the user: ${id}`,
            ['RecordTypeId']
        );
    }
    const settings = object.recordTypes?.find((t) => t.developerName === row.DeveloperName);
    if (!settings) return;
    const processField = PROCESS_FIELD[object.name];
    const process = settings.businessProcess
        ? object.businessProcesses?.find((p) => p.fullName === settings.businessProcess)
        : undefined;
    if (processField && process) {
        if (state.isInsert && !state.given.has(processField) && process.defaultValue)
            record[processField] = process.defaultValue;
        const value = record[processField];
        if (
            (changedType || state.given.has(processField)) &&
            value !== null &&
            !process.values.includes(String(value))
        ) {
            const field = object.fields.find((f) => f.name === processField)!;
            throw recordError(
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                `${field.label}: bad value for restricted picklist field: ${String(value)}`,
                [field.name]
            );
        }
    }
    for (const [fieldName, allowed] of Object.entries(settings.picklistValues)) {
        const field = object.fields.find((f) => f.name === fieldName);
        const value = record[fieldName];
        if (!field?.restrictedPicklist || value === null || !(changedType || state.given.has(fieldName))) continue;
        if (
            !String(value)
                .split(';')
                .every((v) => allowed.includes(v))
        ) {
            throw recordError(
                'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                `${field.label}: bad value for restricted picklist field: ${String(value)}`,
                [field.name]
            );
        }
    }
}

function loader(ctx: CallContext) {
    return (objectName: string, id: string) =>
        ctx.db.prepare(`SELECT * FROM ${quoteName(objectName)} WHERE Id = ?`).get(id) as StoredRecord | undefined;
}

export function checkValidationRules(
    ctx: CallContext,
    object: ObjectDef,
    record: StoredRecord,
    prior: StoredRecord | null
): void {
    for (const { rule, formula } of ctx.automation.validationRules(object)) {
        let failed: unknown;
        try {
            failed = evaluateFormula(formula, {
                record,
                prior,
                load: loader(ctx),
                userId: ctx.userId,
                now: ctx.now,
                hasCustomPermission: (name) => hasCustomPermission(ctx.db, ctx.userId, name)
            });
        } catch (error) {
            if (!(error instanceof FormulaEvaluationError)) throw error;
            // Where Salesforce would show #Error!, the save is refused rather than guessed either way.
            throw recordError(
                'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                `Validation rule ${rule.fullName} could not be evaluated on this record: ${error.message}`
            );
        }
        if (failed === true)
            throw recordError(
                'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                rule.errorMessage,
                rule.errorDisplayField ? [rule.errorDisplayField] : []
            );
    }
}

export interface Writer {
    create(ctx: CallContext, objectName: string, values: Record<string, unknown>): string;
    update(ctx: CallContext, objectName: string, id: string, values: Record<string, unknown>): string;
}

function flowDml(ctx: CallContext, writer: Writer): FlowDml {
    const system: CallContext = { ...ctx, access: new UserAccess(ctx.db, ctx.schema, ctx.userId, true) };
    return {
        create: (objectName, values) => writer.create(system, objectName, values),
        update: (objectName, id, values) => void writer.update(system, objectName, id, values),
        inSavepoint: (work) => inSavepoint(ctx, work),
        find(objectName, conditions) {
            const object = ctx.schema.object(objectName)!;
            // Custom metadata types have no IsDeleted (customMetadata.ts).
            const clauses = object.fields.some((f) => f.name === 'IsDeleted') ? ['IsDeleted = 0'] : [];
            const params: unknown[] = [];
            for (const condition of conditions) {
                const field = ctx.schema.field(object.name, condition.field);
                if (!field)
                    throw recordError(
                        'INVALID_FIELD',
                        `No such column '${condition.field}' on entity '${object.name}'`
                    );
                const empty = condition.value === null || condition.value === '';
                if (condition.operator === 'IsNull')
                    clauses.push(`${quoteName(field.name)} IS ${condition.value === true ? '' : 'NOT '}NULL`);
                else if (empty)
                    // A filter on an empty value matches records whose field is empty, as SOQL's `= null`.
                    clauses.push(
                        `${quoteName(field.name)} IS ${condition.operator === 'NotEqualTo' ? 'NOT ' : ''}NULL`
                    );
                else {
                    clauses.push(`${quoteName(field.name)} ${condition.operator === 'NotEqualTo' ? '!=' : '='} ?`);
                    params.push(typeof condition.value === 'boolean' ? Number(condition.value) : condition.value);
                }
            }
            return (
                ctx.db
                    .prepare(
                        `SELECT Id FROM ${quoteName(object.name)} WHERE ${clauses.join(' AND ') || '1'} ORDER BY Id`
                    )
                    .all(...params) as { Id: string }[]
            ).map((r) => r.Id);
        }
    };
}

/** Runs the object's flows of one trigger type; returns whether any ran (a before-save flow may change fields). */
export function runFlows(
    ctx: CallContext,
    triggerType: TriggerType,
    object: ObjectDef,
    record: StoredRecord,
    state: SaveState,
    writer: Writer
): boolean {
    let ran = false;
    for (const flow of ctx.automation.flowsFor(object.name, triggerType, state.isInsert)) {
        const key = `${flow.apiName}:${String(record.Id)}`;
        if (ctx.flowsRun.has(key)) continue;
        const run = {
            schema: ctx.schema,
            object,
            record,
            prior: state.previous,
            userId: ctx.userId,
            now: ctx.now,
            load: loader(ctx),
            hasCustomPermission: (name: string) => hasCustomPermission(ctx.db, ctx.userId, name),
            dml: flowDml(ctx, writer)
        };
        if (!entryConditionsMet(flow, run)) continue;
        ctx.flowsRun.add(key);
        runFlow(flow, run);
        ran = true;
    }
    return ran;
}
