/**
 * `POST /ui-api/lookups/{objectApiName}/{fieldApiName}` (UI API Developer Guide, "Get Lookup Field Suggestions With
 * POST", 60.0 and later): the records a lookup field may be set to, as the lookup dialog of a record form asks for
 * them. A field with a lookup filter offers only the records its filter admits for the source record: the body's
 * `sourceRecord.fields` carries the filter's controlling fields ("Lookup Post Input": "you must pass all controlling
 * fields and their values ... in the sourceRecord request body property"), which `filteredLookupInfo` names. The
 * answer is "Lookup Values": `lookupResults`, a Record Collection per target object.
 *
 * local-org answers `searchType` Recent (the user's recently viewed or referenced records of the target) and
 * TypeAhead (names that start with `q`, at least 3 characters), with `page` and `pageSize`. It refuses by name a
 * Search (Salesforce searches every searchable field, local-org has no search index), `orderBy`, several or
 * polymorphic targets. Each record carries Id and the name field.
 */
import type { CallContext } from '../context.ts';
import type { StoredRecord } from '../derive.ts';
import { ApiError, notFound, notSupported } from '../errors.ts';
import { filterAdmits } from '../lookupFilters.ts';
import { recentItems } from '../recentItems.ts';
import { visibleObject } from '../records.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { runQuery } from '../soql/index.ts';
import { quoteName } from '../store.ts';
import type { StoredValue } from '../values.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';

const DEFAULT_PAGE_SIZE = 25;
/** "TypeAhead—... specify at least 3 characters" (request parameter q). */
const TYPE_AHEAD_MIN = 3;
const QUERY_PARAMETERS = ['searchType', 'q', 'page', 'pageSize', 'targetApiName'];

function invalid(message: string): ApiError {
    return new ApiError(400, 'INVALID_INPUT', message);
}

function lookupField(ctx: CallContext, objectName: string, fieldName: string): { object: ObjectDef; field: FieldDef } {
    const object = visibleObject(ctx, objectName);
    if (!object) throw notFound();
    const field = object.fields.find((f) => f.name.toLowerCase() === fieldName.toLowerCase());
    if (!field || field.type !== 'reference' || !ctx.access.canReadField(object.name, field.name)) throw notFound();
    if ((field.referenceTo ?? []).length !== 1) throw notSupported(`Lookup suggestions for a polymorphic field`);
    return { object, field };
}

function positiveInteger(request: RestRequest, name: string, fallback: number): number {
    const raw = request.query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 1) throw invalid(`${name} must be a positive integer`);
    return value;
}

/** The source record of the body as stored values (checkboxes as 1 / 0), its fields checked against the object. */
function sourceRecord(request: RestRequest, object: ObjectDef): StoredRecord {
    const body = objectBody(request);
    for (const key of Object.keys(body)) {
        if (key === 'orderBy') throw notSupported('orderBy in a lookup request');
        if (key !== 'sourceRecord') throw invalid(`Unrecognized field: ${key}`);
    }
    const source = body.sourceRecord as { fields?: unknown } | undefined;
    if (!source || typeof source !== 'object' || !source.fields || typeof source.fields !== 'object')
        throw invalid('sourceRecord with its fields is required');
    const record: StoredRecord = {};
    for (const [name, value] of Object.entries(source.fields as Record<string, unknown>)) {
        const field = object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
        if (!field) throw new ApiError(400, 'INVALID_FIELD', `No such column '${name}' on entity '${object.name}'`);
        record[field.name] = (typeof value === 'boolean' ? (value ? 1 : 0) : value) as StoredValue;
    }
    return record;
}

/** The candidate ids in order: the user's recent records of the target, or those whose name starts with q. */
function candidateIds(request: RestRequest, target: ObjectDef, nameField: FieldDef): string[] {
    const searchType = request.query.get('searchType') ?? 'Recent';
    if (searchType === 'Recent') {
        const recent = recentItems(request.ctx, Number.MAX_SAFE_INTEGER, target.name).map((i) => i.Id);
        if (recent.length === 0) return [];
        // Through a query, so that the user's record access applies as to any other read.
        const visible = new Set(
            queryIds(request, `SELECT Id FROM ${target.name} WHERE Id IN ('${recent.join("','")}')`)
        );
        return recent.filter((id) => visible.has(id));
    }
    if (searchType === 'Search') throw notSupported('searchType=Search (a search of every searchable field)');
    if (searchType !== 'TypeAhead') throw invalid(`searchType must be Recent, Search or TypeAhead: ${searchType}`);
    const term = request.query.get('q') ?? '';
    if (term.trim().length < TYPE_AHEAD_MIN) throw invalid(`q needs at least ${TYPE_AHEAD_MIN} characters`);
    const pattern = term.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/%/g, '\\%').replace(/_/g, '\\_');
    return queryIds(
        request,
        `SELECT Id FROM ${target.name} WHERE ${nameField.name} LIKE '${pattern}%' ORDER BY ${nameField.name}`
    );
}

function queryIds(request: RestRequest, soql: string): string[] {
    const { db, schema, access, now, apiVersion } = request.ctx;
    return runQuery({ db, schema, access, now, apiVersion }, soql, { queryAll: false }).records.map((r) =>
        String(r.Id)
    );
}

function uiRecord(target: ObjectDef, nameField: FieldDef, record: StoredRecord, readName: boolean) {
    const id = String(record.Id);
    return {
        apiName: target.name,
        childRelationships: {},
        fields: {
            Id: { displayValue: null, value: id },
            [nameField.name]: { displayValue: null, value: readName ? (record[nameField.name] ?? null) : null }
        },
        id,
        lastModifiedById: record.LastModifiedById ?? null,
        lastModifiedDate: record.LastModifiedDate ?? null,
        recordTypeId: record.RecordTypeId ?? null,
        recordTypeInfo: null,
        systemModstamp: record.SystemModstamp ?? null
    };
}

function lookupSuggestions(request: RestRequest): RestResponse {
    for (const name of request.query.keys())
        if (!QUERY_PARAMETERS.includes(name)) throw invalid(`Unrecognized parameter: ${name}`);
    const { ctx } = request;
    const { object, field } = lookupField(ctx, request.params[0], request.params[1]);
    const target = visibleObject(ctx, field.referenceTo![0]);
    const requested = request.query.get('targetApiName');
    if (requested !== null && requested.toLowerCase() !== field.referenceTo![0].toLowerCase())
        throw invalid(`targetApiName must be a target of ${object.name}.${field.name}: ${requested}`);
    const source = sourceRecord(request, object);
    const page = positiveInteger(request, 'page', 1);
    const pageSize = positiveInteger(request, 'pageSize', DEFAULT_PAGE_SIZE);
    if (!target) return json(200, { lookupResults: {} });
    const nameField = target.fields.find((f) => f.nameField);
    if (!nameField) throw notSupported(`Lookup suggestions of ${target.name}, an object without a name field`);
    const filter = field.lookupFilter?.active ? field.lookupFilter : undefined;
    const read = ctx.db.prepare(`SELECT * FROM ${quoteName(target.name)} WHERE Id = ?`);
    const admitted = candidateIds(request, target, nameField)
        .map((id) => read.get(id) as StoredRecord | undefined)
        .filter((record): record is StoredRecord => record !== undefined)
        .filter(
            (record) => !filter || filterAdmits(ctx.db, filter, { object, record: source }, { object: target, record })
        );
    const offset = (page - 1) * pageSize;
    const records = admitted.slice(offset, offset + pageSize);
    const base = `/services/data/v${ctx.apiVersion}/ui-api/lookups/${object.name}/${field.name}/${target.name}`;
    const searchType = request.query.get('searchType') ?? 'Recent';
    const q = request.query.get('q');
    const pageUrl = (n: number) =>
        `${base}?${q !== null ? `q=${encodeURIComponent(q)}&` : ''}searchType=${searchType}&page=${n}&pageSize=${pageSize}`;
    const hasNext = offset + pageSize < admitted.length;
    const readName = ctx.access.canReadField(target.name, nameField.name);
    return json(200, {
        lookupResults: {
            [target.name]: {
                count: records.length,
                currentPageToken: null,
                currentPageUrl: pageUrl(page),
                nextPageToken: null,
                nextPageUrl: hasNext ? pageUrl(page + 1) : null,
                previousPageToken: null,
                previousPageUrl: page > 1 ? pageUrl(page - 1) : null,
                records: records.map((record) => uiRecord(target, nameField, record, readName))
            }
        }
    });
}

export const lookupRoutes: Route[] = [
    { method: 'POST', pattern: /^\/ui-api\/lookups\/([^/]+)\/([^/]+)$/, handler: lookupSuggestions }
];
