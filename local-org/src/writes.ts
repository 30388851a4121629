/**
 * Every write path (single REST, Collections, composite, composite tree, and later Bulk and GraphQL) goes through
 * these functions, so the same bad record fails the same way everywhere. The caller owns the transaction.
 */
import type { CallContext } from './context.ts';
import { coerceValue } from './coerce.ts';
import { syncAddressCountries } from './countries.ts';
import { deriveFields, type SaveState, type StoredRecord } from './derive.ts';
import { ApiError, notFound, recordError } from './errors.ts';
import { canonicalId } from './ids.ts';
import { findExisting, readStored, recordUrl, visibleObject } from './records.ts';
import { isRequired, type FieldDef, type ObjectDef } from './schema.ts';
import { nextId, quoteName } from './store.ts';
import { checkRecordType, checkValidationRules, defaultRecordType, runFlows, type Writer } from './automationRun.ts';
import type { StoredValue } from './values.ts';
import { checkSignupRequest } from './devHub/signupRequest.ts';
import { recordHistory } from './history.ts';
import { checkQueueOwner } from './queues.ts';
import { assignedOwner } from './assignmentRules.ts';
import { checkLookupFilters } from './lookupFilters.ts';
import { afterRelationDelete, afterRelationInsert, checkRelationInsert, syncTaskRelations } from './taskRelations.ts';

export type RecordInput = Record<string, unknown>;

/** Contract statuses a new contract may take: the Draft category (activation is a separate, later step). */
const CONTRACT_CREATE_CATEGORY = 'Draft';

export function writableObject(ctx: CallContext, name: string): ObjectDef {
    const object = visibleObject(ctx, name);
    if (!object) throw recordError('INVALID_TYPE', `sObject type '${name}' is not supported.`);
    return object;
}

function unknownField(object: ObjectDef, name: string): ApiError {
    return recordError('INVALID_FIELD', `No such column '${name}' on sobject of type ${object.name}`);
}

/** `"Account": {"Caseline_Key__c": "ACME"}` or `"RecordType": {"Name": "Web Form"}`: a parent found by a unique value. */
function resolveForeignKey(ctx: CallContext, object: ObjectDef, field: FieldDef, value: RecordInput): string {
    const { attributes, ...keys } = value as { attributes?: { type?: string } } & RecordInput;
    const entries = Object.entries(keys);
    const targets = field.referenceTo ?? [];
    const targetName = attributes?.type ?? (targets.length === 1 ? targets[0] : undefined);
    const target = targetName ? visibleObject(ctx, targetName) : undefined;
    if (!target || !targets.some((t) => t.toLowerCase() === target.name.toLowerCase())) {
        throw recordError(
            'INVALID_FIELD',
            `A polymorphic foreign key requires the type of the referenced record in attributes: ${field.relationshipName}`
        );
    }
    if (entries.length !== 1) {
        throw recordError(
            'INVALID_FIELD',
            `Foreign key ${field.relationshipName} must name exactly one External ID or indexed field of ${target.name}`
        );
    }
    const [keyName, keyValue] = entries[0];
    const keyField = ctx.schema.field(target.name, keyName);
    if (
        !keyField ||
        !(keyField.externalId || keyField.idLookup) ||
        !ctx.access.canReadField(target.name, keyField.name)
    ) {
        throw recordError(
            'INVALID_FIELD',
            `Field name provided, ${keyName} is not an External ID or indexed field for ${target.name}`
        );
    }
    // Record type names repeat across objects: the one meant is the written object's.
    const extraFilter = target.name === 'RecordType' ? ' AND SobjectType = ?' : '';
    const params: unknown[] = extraFilter ? [String(keyValue), object.name] : [String(keyValue)];
    const rows = ctx.db
        .prepare(
            `SELECT Id FROM ${quoteName(target.name)} WHERE ${quoteName(keyField.name)} = ? AND IsDeleted = 0${extraFilter} LIMIT 2`
        )
        .all(...params) as { Id: string }[];
    if (rows.length === 0) {
        throw recordError(
            'INVALID_FIELD',
            `Foreign key external ID: ${String(keyValue)} not found for field ${keyField.name} in entity ${target.name}`
        );
    }
    if (rows.length > 1) {
        throw recordError(
            'INVALID_FIELD',
            `Foreign key external ID: ${String(keyValue)} matches more than one record for field ${keyField.name} in entity ${target.name}`
        );
    }
    return rows[0].Id;
}

function checkReference(ctx: CallContext, field: FieldDef, raw: StoredValue): StoredValue {
    if (raw === null) return null;
    const id = canonicalId(String(raw));
    if (id === null)
        throw recordError('MALFORMED_ID', `${field.label}: id value of incorrect type: ${String(raw)}`, [field.name]);
    const target = ctx.schema.objectByKeyPrefix(id.slice(0, 3));
    if (!target || !(field.referenceTo ?? []).some((t) => t.toLowerCase() === target.name.toLowerCase())) {
        throw recordError('FIELD_INTEGRITY_EXCEPTION', `${field.label}: id value of incorrect type: ${String(raw)}`, [
            field.name
        ]);
    }
    const row = ctx.db.prepare(`SELECT IsDeleted FROM ${quoteName(target.name)} WHERE Id = ?`).get(id) as
        { IsDeleted: number } | undefined;
    if (!row || row.IsDeleted === 1)
        throw recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [field.name]);
    return id;
}

type Mode = 'create' | 'update';

/** Field values from a request, checked for existence, permission, type and reference, in request order. */
function prepareValues(ctx: CallContext, object: ObjectDef, input: RecordInput, mode: Mode): Map<string, StoredValue> {
    const fields: [FieldDef, unknown][] = [];
    const forbidden: string[] = [];
    for (const [key, value] of Object.entries(input)) {
        if (key === 'attributes') continue;
        const relationshipField =
            value !== null && typeof value === 'object' && !Array.isArray(value)
                ? ctx.schema.relationship(object.name, key)
                : undefined;
        const field = relationshipField ?? ctx.schema.field(object.name, key);
        if (!field || !ctx.access.canReadField(object.name, field.name)) throw unknownField(object, key);
        if (field.type === 'id' && mode === 'create')
            throw recordError('INVALID_FIELD_FOR_INSERT_UPDATE', 'Record ID: cannot specify Id in an insert call', [
                'Id'
            ]);
        const allowed = mode === 'create' ? field.createable : field.updateable;
        if (!allowed || !ctx.access.fieldAccess(object.name, field.name).edit) {
            forbidden.push(field.name);
            continue;
        }
        fields.push([field, relationshipField ? resolveForeignKey(ctx, object, field, value as RecordInput) : value]);
    }
    if (forbidden.length > 0) {
        throw recordError(
            'INVALID_FIELD_FOR_INSERT_UPDATE',
            `Unable to create/update fields: ${forbidden.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
            forbidden
        );
    }
    const values = new Map<string, StoredValue>();
    for (const [field, value] of fields) {
        const stored = coerceValue(field, value);
        values.set(field.name, field.type === 'reference' ? checkReference(ctx, field, stored) : stored);
    }
    return values;
}

/** What every save of an object needs, worked out once per object definition (a deploy makes new definitions). */
interface SavePlan {
    /** A new record's values before the request's: defaults, and null for the rest. */
    blank: StoredRecord;
    required: FieldDef[];
    unique: FieldDef[];
    columns: string[];
    insertSql: string;
    updateSql: string;
}

const savePlans = new WeakMap<ObjectDef, SavePlan>();

function savePlan(object: ObjectDef): SavePlan {
    let plan = savePlans.get(object);
    if (plan) return plan;
    const blank: StoredRecord = {};
    for (const field of object.fields) {
        if (typeof field.defaultValue === 'boolean') blank[field.name] = field.defaultValue ? 1 : 0;
        else if (field.defaultValue !== undefined && field.defaultedOnCreate) blank[field.name] = field.defaultValue;
        else blank[field.name] = null;
    }
    const columns = object.fields.map((f) => f.name);
    const table = quoteName(object.name);
    plan = {
        blank,
        required: object.fields.filter((f) => isRequired(f) || (!f.nillable && f.type === 'picklist' && f.createable)),
        unique: object.fields.filter((f) => f.unique),
        columns,
        insertSql: `INSERT INTO ${table} (${columns.map(quoteName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
        updateSql: `UPDATE ${table} SET ${columns.map((c) => `${quoteName(c)} = ?`).join(', ')} WHERE Id = ?`
    };
    savePlans.set(object, plan);
    return plan;
}

function defaultsFor(ctx: CallContext, object: ObjectDef, id: string, now: string): StoredRecord {
    const { blank, columns } = savePlan(object);
    // A loop, not a spread: spreading a many-keyed object costs ~9 µs a record, copying key by key ~1 µs.
    const record: StoredRecord = {};
    for (const column of columns) record[column] = blank[column];
    record.Id = id;
    record.IsDeleted = 0;
    record.CreatedDate = now;
    record.CreatedById = ctx.userId;
    record.LastModifiedDate = now;
    record.LastModifiedById = ctx.userId;
    record.SystemModstamp = now;
    if (object.owned) record.OwnerId = ctx.userId;
    return record;
}

function checkRequired(object: ObjectDef, record: StoredRecord): void {
    const missing = savePlan(object)
        .required.filter((f) => record[f.name] === null)
        .map((f) => f.name);
    if (missing.length > 0)
        throw recordError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
}

function checkUnique(ctx: CallContext, object: ObjectDef, record: StoredRecord, given: Set<string>): void {
    for (const field of savePlan(object).unique) {
        if (!given.has(field.name) || record[field.name] === null) continue;
        const collate = field.caseSensitive ? ' COLLATE BINARY' : '';
        const other = ctx.db
            .prepare(
                `SELECT Id FROM ${quoteName(object.name)} WHERE ${quoteName(field.name)} = ?${collate} AND Id != ? AND IsDeleted = 0 LIMIT 1`
            )
            .get(record[field.name], record.Id) as { Id: string } | undefined;
        if (other) {
            throw recordError(
                'DUPLICATE_VALUE',
                `duplicate value found: ${field.name} duplicates value on record with id: ${other.Id.slice(0, 15)}`
            );
        }
    }
}

/** Rules a real org applies to particular standard objects. */
function checkObjectRules(ctx: CallContext, object: ObjectDef, record: StoredRecord, state: SaveState): void {
    if (object.name === 'Contract') checkContractRules(ctx, record, state);
    if (object.name === 'TaskRelation' && state.isInsert) checkRelationInsert(ctx, record);
}

/** Shared Activities: a task's WhoId/WhatId and its TaskRelation rows follow each other (taskRelations.ts). */
function syncActivityRelations(ctx: CallContext, object: ObjectDef, record: StoredRecord, state: SaveState): void {
    if (object.name === 'Task') {
        syncTaskRelations(ctx, record, state.previous, (c, input) => createRecord(c, 'TaskRelation', input));
    }
    if (object.name === 'TaskRelation' && state.isInsert) afterRelationInsert(ctx, record, updateTask);
}

function updateTask(ctx: CallContext, taskId: string, input: RecordInput): void {
    updateRecord(ctx, 'Task', taskId, input);
}

/** The status category (Contract.StatusCode) of an activated contract: Activated, and any status grouped with it. */
const CONTRACT_ACTIVATED_CATEGORY = 'Activated';

/**
 * Contract lifecycle rules. New contracts start in the Draft category. Editing an activated contract needs the
 * "Activate Contracts" user permission; without it Salesforce answers "Insufficient Access rights on object id"
 * (Knowledge Article 000389692, "Error 'Insufficient Access rights on object id' Editing a Salesforce Contract").
 * Activating one needs the same permission ("You don't have permission to activate Contracts"; Salesforce's
 * "Getting Started with Contracts" sheet: Edit on Contracts covers contracts not yet activated, Activate Contracts
 * the rest). Once activated, the account is locked (Knowledge Article 000385190, "Cannot Edit a Salesforce
 * Contract's Account Name After It Has Been Activated": Account Name and Contract Currency become read-only); an
 * update that changes it fails with ENTITY_IS_LOCKED, the code reported for it on
 * salesforce.stackexchange.com/questions/116291 (the message wording is ours: no source quotes it). Contract
 * Currency exists only in multi-currency orgs, which local-org is not.
 */
function checkContractRules(ctx: CallContext, record: StoredRecord, state: SaveState): void {
    if (state.isInsert) {
        if (record.StatusCode !== CONTRACT_CREATE_CATEGORY) {
            throw recordError(
                'FAILED_ACTIVATION',
                'Choose a valid contract status and save your changes. Ask your admin for details.',
                ['Status']
            );
        }
        return;
    }
    const wasActivated = state.previous?.StatusCode === CONTRACT_ACTIVATED_CATEGORY;
    const activates = !wasActivated && record.StatusCode === CONTRACT_ACTIVATED_CATEGORY;
    if (wasActivated && !ctx.access.activateContract) {
        throw recordError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    if (activates && !ctx.access.activateContract) {
        throw recordError('FAILED_ACTIVATION', "You don't have permission to activate Contracts.", ['Status']);
    }
    if (wasActivated && record.AccountId !== state.previous?.AccountId) {
        throw recordError(
            'ENTITY_IS_LOCKED',
            'You can’t change the account of an activated contract. Delete it and create a new one instead.',
            ['AccountId']
        );
    }
}

/** Salesforce's order of execution, the parts local-org has: before-save flows, system and custom validation, save, after-save flows. */
function save(ctx: CallContext, object: ObjectDef, state: SaveState, record: StoredRecord): void {
    if (state.isInsert && record.RecordTypeId === null && !state.given.has('RecordTypeId'))
        record.RecordTypeId = defaultRecordType(ctx, object);
    syncAddressCountries(object, record, state.given);
    deriveFields(state, record);
    if (runFlows(ctx, 'RecordBeforeSave', object, record, state, writer)) deriveFields(state, record);
    checkRequired(object, record);
    checkQueueOwner(ctx, object, record, state);
    checkRecordType(ctx, object, record, state);
    checkObjectRules(ctx, object, record, state);
    checkLookupFilters(ctx.db, object, record, (name) => ctx.schema.object(name));
    if (object.name === 'ScratchOrgInfo' && state.isInsert) checkSignupRequest(ctx, record);
    checkValidationRules(ctx, object, record, state.previous);
    checkUnique(ctx, object, record, state.given);
    const plan = savePlan(object);
    const params = plan.columns.map((c) => record[c] ?? null);
    if (state.isInsert) ctx.db.prepare(plan.insertSql).run(...params);
    else ctx.db.prepare(plan.updateSql).run(...params, record.Id);
    const owner = assignedOwner(ctx, object, record, state);
    if (owner !== undefined && owner !== record.OwnerId) {
        record.OwnerId = owner;
        ctx.db.prepare(plan.updateSql).run(...plan.columns.map((c) => record[c] ?? null), record.Id);
    }
    // After the assignment rule, so the history holds the owner the record ends with.
    recordHistory(ctx, object, state, record);
    syncActivityRelations(ctx, object, record, state);
    runFlows(ctx, 'RecordAfterSave', object, record, state, writer);
}

export function createRecord(ctx: CallContext, objectName: string, input: RecordInput): string {
    const object = writableObject(ctx, objectName);
    if (!object.createable || !ctx.access.objectAccess(object.name).create) {
        throw recordError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be inserted: ${object.label}`);
    }
    const values = prepareValues(ctx, object, input, 'create');
    const now = ctx.now.toISOString();
    const record = defaultsFor(ctx, object, nextId(ctx.db, object.keyPrefix), now);
    for (const [name, value] of values) record[name] = value;
    save(
        ctx,
        object,
        { db: ctx.db, object, now, isInsert: true, given: new Set(values.keys()), previous: null },
        record
    );
    return String(record.Id);
}

export function updateRecord(ctx: CallContext, objectName: string, rawId: string, input: RecordInput): string {
    const object = writableObject(ctx, objectName);
    const previous = findExisting(ctx, object, rawId);
    // A converted lead is read-only to every API (Knowledge 000384333, "CANNOT_UPDATE_CONVERTED_LEAD").
    if (object.name === 'Lead' && previous.IsConverted === 1)
        throw recordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
    if (!object.updateable || !ctx.access.objectAccess(object.name).edit) {
        throw recordError('CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY', `entity type cannot be updated: ${object.label}`);
    }
    const values = prepareValues(ctx, object, input, 'update');
    const now = ctx.now.toISOString();
    const record: StoredRecord = {
        ...previous,
        LastModifiedDate: now,
        LastModifiedById: ctx.userId,
        SystemModstamp: now
    };
    for (const [name, value] of values) record[name] = value;
    save(ctx, object, { db: ctx.db, object, now, isInsert: false, given: new Set(values.keys()), previous }, record);
    return String(record.Id);
}

export interface UpsertResult {
    id: string;
    created: boolean;
}

/** Upsert keys: external id fields, idLookup fields, or Id itself. */
export function upsertKeyField(ctx: CallContext, object: ObjectDef, fieldName: string): FieldDef {
    const field = ctx.schema.field(object.name, fieldName);
    if (!field || !(field.externalId || field.idLookup) || !ctx.access.canReadField(object.name, field.name)) {
        throw notFound(`Provided external ID field does not exist or is not accessible: ${fieldName}`);
    }
    return field;
}

/** Several records share the key: HTTP 300 with their URLs, as Salesforce answers. */
export class MultipleMatchesError extends ApiError {
    constructor(readonly urls: string[]) {
        super(300, 'MULTIPLE_CHOICES', 'Multiple records found');
    }
}

export function upsertRecord(
    ctx: CallContext,
    objectName: string,
    keyFieldName: string,
    keyValue: unknown,
    input: RecordInput
): UpsertResult {
    const object = writableObject(ctx, objectName);
    const keyField = upsertKeyField(ctx, object, keyFieldName);
    if (keyValue === null || keyValue === undefined || keyValue === '') {
        if (keyField.type === 'id')
            return { id: createRecord(ctx, object.name, withoutKey(input, keyField)), created: true };
        throw recordError('MISSING_ARGUMENT', `${keyField.name} not specified`, [keyField.name]);
    }
    const matches = findByKey(ctx, object, keyField, String(keyValue));
    if (matches.length > 1)
        throw new MultipleMatchesError(matches.map((id) => recordUrl(ctx.apiVersion, object.name, id)));
    if (matches.length === 1)
        return { id: updateRecord(ctx, object.name, matches[0], withoutKey(input, keyField)), created: false };
    if (keyField.type === 'id') throw notFound();
    return {
        id: createRecord(ctx, object.name, { ...withoutKey(input, keyField), [keyField.name]: keyValue }),
        created: true
    };
}

/**
 * Whether an upsert of this key takes the insert path (no record has it), for a failed upsert's `created`; false
 * when the key itself is unusable, as nothing would be inserted.
 */
export function upsertWouldCreate(
    ctx: CallContext,
    objectName: string,
    keyFieldName: string,
    keyValue: unknown
): boolean {
    try {
        const object = writableObject(ctx, objectName);
        const keyField = upsertKeyField(ctx, object, keyFieldName);
        if (keyValue === null || keyValue === undefined || keyValue === '') return keyField.type === 'id';
        return keyField.type !== 'id' && findByKey(ctx, object, keyField, String(keyValue)).length === 0;
    } catch (error) {
        if (error instanceof ApiError) return false;
        throw error;
    }
}

function withoutKey(input: RecordInput, keyField: FieldDef): RecordInput {
    return Object.fromEntries(Object.entries(input).filter(([k]) => k.toLowerCase() !== keyField.name.toLowerCase()));
}

function findByKey(ctx: CallContext, object: ObjectDef, keyField: FieldDef, value: string): string[] {
    const key = keyField.type === 'id' ? canonicalId(value) : value;
    if (key === null)
        throw recordError('MALFORMED_ID', `${object.label} ID: id value of incorrect type: ${value}`, ['Id']);
    const rows = ctx.db
        .prepare(
            `SELECT Id FROM ${quoteName(object.name)} WHERE ${quoteName(keyField.name)} = ? AND IsDeleted = 0 LIMIT 10`
        )
        .all(key) as { Id: string }[];
    return rows.map((r) => r.Id);
}

const writer: Writer = { create: createRecord, update: updateRecord };

export function deleteRecord(ctx: CallContext, objectName: string, rawId: string): string {
    const object = writableObject(ctx, objectName);
    const stored = findExisting(ctx, object, rawId);
    if (!object.deletable || !ctx.access.objectAccess(object.name).delete) {
        throw recordError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
    softDelete(ctx, object, String(stored.Id));
    if (object.name === 'TaskRelation') afterRelationDelete(ctx, stored, updateTask);
    return String(stored.Id);
}

/** Records go to the recycle bin (IsDeleted), taking the children that cascade with them. */
function softDelete(ctx: CallContext, object: ObjectDef, id: string): void {
    const now = ctx.now.toISOString();
    ctx.db
        .prepare(
            `UPDATE ${quoteName(object.name)} SET IsDeleted = 1, SystemModstamp = ?, LastModifiedById = ? WHERE Id = ?`
        )
        .run(now, ctx.userId, id);
    for (const child of ctx.schema.childRelationships(object.name)) {
        if (!child.cascadeDelete) continue;
        const childObject = ctx.schema.object(child.childObject)!;
        const rows = ctx.db
            .prepare(
                `SELECT Id FROM ${quoteName(childObject.name)} WHERE ${quoteName(child.field)} = ? AND IsDeleted = 0`
            )
            .all(id) as { Id: string }[];
        for (const row of rows) softDelete(ctx, childObject, row.Id);
    }
}

/** For GET /sobjects/X/<id>: exists-or-throws, used by the REST layer. */
export function readForApi(
    ctx: CallContext,
    objectName: string,
    rawId: string
): { object: ObjectDef; stored: StoredRecord } {
    const object = visibleObject(ctx, objectName);
    if (!object) throw notFound();
    return { object, stored: findExisting(ctx, object, rawId) };
}

export { readStored };
