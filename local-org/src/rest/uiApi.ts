/**
 * User Interface API record resources: update a record (what LDS `updateRecord` calls) and a record type's
 * picklist values. Anything else under `/ui-api` is refused by name.
 */
import type { CallContext } from '../context.ts';
import { ApiError, notFound, notSupported } from '../errors.ts';
import { canonicalId } from '../ids.ts';
import { findExisting, visibleObject } from '../records.ts';
import type { FieldDef, ObjectDef, PicklistValue } from '../schema.ts';
import type { StoredRecord } from '../derive.ts';
import { fieldApiValue } from '../values.ts';
import { updateRecord } from '../writes.ts';
import { RollbackWithResponse } from './batch.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';

const MASTER_RECORD_TYPE_ID = '012000000000000AAA';
/** Picklists whose values a record type takes from its business process rather than its own list. */
const PROCESS_FIELDS: Record<string, string> = { Case: 'Status', Opportunity: 'StageName', Lead: 'Status' };

/** The object a record id belongs to, when the caller can see that object; otherwise the record does not exist. */
function objectOfRecord(ctx: CallContext, rawId: string): ObjectDef {
    const id = canonicalId(rawId);
    const object = id ? ctx.schema.objectByKeyPrefix(id.slice(0, 3)) : undefined;
    if (!object || !visibleObject(ctx, object.name)) throw notFound();
    return object;
}

/** A Record Exception Error (UI API "Record Exception Error" representation). */
function recordExceptionError(object: ObjectDef, error: ApiError, fieldName: string | null) {
    const field = fieldName ? object.fields.find((f) => f.name === fieldName) : undefined;
    return {
        constituentField: null,
        duplicateRecordError: null,
        errorCode: error.errorCode,
        field: fieldName,
        fieldLabel: field ? field.label : null,
        message: error.message
    };
}

/**
 * A failed save as UI API reports it: HTTP 400 with an Error with Output whose output is Record Exceptions,
 * field errors under the field's name and the rest in `errors` (UI API Developer Guide, "Error with Output",
 * "Record Exceptions").
 */
function errorWithOutput(object: ObjectDef, error: ApiError): RestResponse {
    const fieldErrors: Record<string, ReturnType<typeof recordExceptionError>[]> = {};
    const errors: ReturnType<typeof recordExceptionError>[] = [];
    if (error.fields.length === 0) errors.push(recordExceptionError(object, error, null));
    for (const name of error.fields) (fieldErrors[name] ??= []).push(recordExceptionError(object, error, name));
    return json(400, {
        enhancedErrorType: 'RecordError',
        message: 'An error occurred while trying to update the record. Please try again.',
        output: { errors, fieldErrors }
    });
}

function displayValue(field: FieldDef | undefined, value: unknown): string | null {
    if (!field || value === null || value === undefined) return null;
    if (field.type === 'picklist') return field.picklistValues?.find((p) => p.value === value)?.label ?? null;
    return null;
}

/** The Record representation of the saved record with the fields the request set (and Id). */
function recordRepresentation(ctx: CallContext, object: ObjectDef, stored: StoredRecord, names: string[]) {
    const fields: Record<string, { value: unknown; displayValue: string | null }> = {};
    for (const name of ['Id', ...names]) {
        const field = ctx.schema.field(object.name, name);
        if (!field) continue;
        const value = fieldApiValue(field, stored[field.name]);
        fields[field.name] = { value: value ?? null, displayValue: displayValue(field, value) };
    }
    const recordTypeId = (stored.RecordTypeId as string | null | undefined) ?? null;
    return {
        apiName: object.name,
        childRelationships: {},
        fields,
        id: String(stored.Id),
        lastModifiedById: stored.LastModifiedById ?? null,
        lastModifiedDate: stored.LastModifiedDate ?? null,
        recordTypeId,
        recordTypeInfo: recordTypeId ? recordTypeInfo(ctx, recordTypeId) : null,
        systemModstamp: stored.SystemModstamp ?? null
    };
}

function recordTypeInfo(ctx: CallContext, recordTypeId: string) {
    const row = ctx.db.prepare('SELECT Id, Name FROM RecordType WHERE Id = ?').get(recordTypeId) as
        { Id: string; Name: string } | undefined;
    if (!row) return null;
    return { available: true, defaultRecordTypeMapping: false, master: false, name: row.Name, recordTypeId: row.Id };
}

/**
 * triggerUserEmail / triggerOtherEmail ("Update a Record" request parameters: email to the org's users, e.g. the new
 * case owner, or to people outside it): local-org sends no email, so `true` is refused by name; `false` is the
 * default and changes nothing.
 */
function refuseEmailParameters(request: RestRequest): void {
    for (const name of ['triggerUserEmail', 'triggerOtherEmail']) {
        const value = request.query.get(name);
        if (value !== null && value !== 'false') throw notSupported(`${name}=${value} (local-org sends no email)`);
    }
}

/**
 * PATCH /ui-api/records/{recordId} with `{fields: {...}}` (UI API Developer Guide, "Update a Record"): the
 * save runs the org's validation, and read-only fields are refused (API 43.0 and later) with an Error with Output.
 * `If-Unmodified-Since` (the conflict check) is not implemented, so it is refused by name rather than ignored.
 */
function updateUiRecord(request: RestRequest): RestResponse {
    const [rawId] = request.params;
    const object = objectOfRecord(request.ctx, rawId);
    if (request.headers['if-unmodified-since'] !== undefined) throw notSupported('The If-Unmodified-Since header');
    if (request.query.has('useDefaultRule')) throw notSupported('useDefaultRule (assignment rules)');
    refuseEmailParameters(request);
    const body = objectBody(request);
    for (const key of Object.keys(body)) {
        if (!['fields', 'apiName', 'allowSaveOnDuplicate'].includes(key)) {
            throw new ApiError(400, 'JSON_PARSER_ERROR', `Unrecognized field "${key}"`);
        }
    }
    if (body.apiName !== undefined && body.apiName !== null) {
        throw new ApiError(400, 'INVALID_INPUT', 'apiName must be null or omitted when updating a record');
    }
    const input = body.fields;
    if (input === null || typeof input !== 'object' || Array.isArray(input)) {
        throw new ApiError(400, 'INVALID_INPUT', 'fields is required and must be an object');
    }
    const { Id: givenId, ...values } = input as Record<string, unknown>;
    const id = findExisting(request.ctx, object, rawId).Id as string;
    if (givenId !== undefined && canonicalId(String(givenId)) !== id) {
        throw new ApiError(400, 'INVALID_INPUT', 'fields.Id does not match the record id in the URL');
    }
    try {
        updateRecord(request.ctx, object.name, id, values);
    } catch (error) {
        if (error instanceof ApiError && error.status === 400) {
            throw new RollbackWithResponse(errorWithOutput(object, error));
        }
        throw error;
    }
    const saved = findExisting(request.ctx, object, id);
    return json(200, recordRepresentation(request.ctx, object, saved, Object.keys(values)));
}

function picklistValuesOf(object: ObjectDef, field: FieldDef, recordTypeName: string | null): string[] | undefined {
    if (!recordTypeName) return undefined;
    const settings = object.recordTypes?.find((t) => t.developerName === recordTypeName);
    if (!settings) return undefined;
    if (PROCESS_FIELDS[object.name] === field.name && settings.businessProcess) {
        return object.businessProcesses?.find((p) => p.fullName === settings.businessProcess)?.values;
    }
    return settings.picklistValues[field.name];
}

/**
 * A value's `attributes`: Case Status values say whether they close the case ("Case Status Picklist Value
 * Attributes", UI API Developer Guide: `closed`, `picklistAtrributesValueType` "CaseStatus" [sic], since 48.0);
 * other picklists' values have none (null). Opportunity Stage and Lead Status attributes are not modelled.
 */
function valueAttributes(object: ObjectDef, field: FieldDef, value: PicklistValue) {
    if (object.name === 'Case' && field.name === 'Status') {
        return { closed: value.closed === true, picklistAtrributesValueType: 'CaseStatus' };
    }
    return null;
}

/**
 * GET /ui-api/object-info/{objectApiName}/picklist-values/{recordTypeId}: every picklist the user can read, with
 * the values that record type offers (all active values for the master record type), as the UI API "Picklist
 * Values Collection" representation. Dependent picklists (`controllerValues`, `validFor`) are not modelled.
 */
function recordTypePicklists(request: RestRequest): RestResponse {
    const [objectName, rawRecordTypeId] = request.params;
    const object = visibleObject(request.ctx, objectName);
    if (!object) throw notFound();
    const recordTypeId = canonicalId(rawRecordTypeId);
    let recordTypeName: string | null = null;
    if (recordTypeId !== MASTER_RECORD_TYPE_ID) {
        const row = recordTypeId
            ? (request.ctx.db
                  .prepare('SELECT DeveloperName FROM RecordType WHERE Id = ? AND SobjectType = ? AND IsDeleted = 0')
                  .get(recordTypeId, object.name) as { DeveloperName: string } | undefined)
            : undefined;
        if (!row) throw notFound();
        recordTypeName = row.DeveloperName;
    }
    const base = `/services/data/v${request.ctx.apiVersion}/ui-api/object-info/${object.name}/picklist-values/${recordTypeId}`;
    const picklistFieldValues: Record<string, unknown> = {};
    for (const field of object.fields) {
        if (field.type !== 'picklist' && field.type !== 'multipicklist') continue;
        if (!request.ctx.access.canReadField(object.name, field.name)) continue;
        const allowed = picklistValuesOf(object, field, recordTypeName);
        const active = (field.picklistValues ?? []).filter((v) => v.active && (!allowed || allowed.includes(v.value)));
        const fallback = active.find((v) => v.defaultValue);
        const entry = (v: PicklistValue) => ({
            attributes: valueAttributes(object, field, v),
            label: v.label,
            validFor: [],
            value: v.value
        });
        picklistFieldValues[field.name] = {
            controllerValues: {},
            defaultValue: fallback ? entry(fallback) : null,
            url: `${base}/${field.name}`,
            values: active.map(entry)
        };
    }
    return json(200, { picklistFieldValues });
}

function unsupportedUiApi(request: RestRequest): RestResponse {
    throw notSupported(`ui-api${request.path.slice('/ui-api'.length)}`);
}

export const uiApiRoutes: Route[] = [
    { method: 'PATCH', pattern: /^\/ui-api\/records\/([^/]+)$/, handler: updateUiRecord },
    {
        method: 'GET',
        pattern: /^\/ui-api\/object-info\/([^/]+)\/picklist-values\/([^/]+)$/,
        handler: recordTypePicklists
    },
    ...['GET', 'POST', 'PATCH', 'DELETE'].map((method) => ({
        method,
        pattern: /^\/ui-api(\/.*)?$/,
        handler: unsupportedUiApi
    }))
];
