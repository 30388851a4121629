/**
 * List view resources (REST API Developer Guide): "List Views for an Object" (`sobjects/X/listviews`), one list
 * view's basic information (`listviews/<id>`), "List View Describe" (`listviews/<id>/describe`) and "List View
 * Results" (`listviews/<id>/results?limit=&offset=`). "Recent List Views" (`listviews/recent`) is refused by name:
 * local-org keeps no record of what a user viewed.
 *
 * UI API (UI API Developer Guide), what `lightning/uiListsApi` calls: `GET ui-api/list-info/<Object>` (List Info
 * Summary Collection, getListInfosByObjectName), `ui-api/list-info/<Object>/<listViewApiName>` (List Info,
 * getListInfoByName) and `ui-api/list-records/<Object>/<listViewApiName>` (List Record Collection,
 * getListRecordsByName, with pageSize and pageToken).
 */
import type { CallContext } from '../context.ts';
import { ApiError, notFound } from '../errors.ts';
import { canonicalId } from '../ids.ts';
import { planListView, refuseRecentListViews, type ListViewDefinition, type PlannedListView } from '../listViews.ts';
import { readListView } from '../metadata/listViews.ts';
import { visibleObject } from '../records.ts';
import type { ObjectDef } from '../schema.ts';
import { runQuery, type ApiRecord } from '../soql/index.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

interface ListViewRow {
    Id: string;
    Name: string;
    DeveloperName: string;
    SobjectType: string;
}

function requireObject(ctx: CallContext, name: string): ObjectDef {
    const object = visibleObject(ctx, name);
    if (!object) throw notFound();
    return object;
}

/**
 * UI API serves only the objects it supports: Task, Event and TaskRelation are not among them, and Salesforce answers
 * "Bad Request: Object Task is not supported in UI API" (as reported from getObjectInfo, shliachtx/lwc-listview#37).
 */
function uiApiObject(ctx: CallContext, name: string): ObjectDef {
    const object = requireObject(ctx, name);
    if (!object.uiApi) throw new ApiError(400, 'INVALID_TYPE', `Object ${object.name} is not supported in UI API`);
    return object;
}

function listViewRows(ctx: CallContext, object: ObjectDef): ListViewRow[] {
    return ctx.db
        .prepare('SELECT Id, Name, DeveloperName, SobjectType FROM ListView WHERE SobjectType = ? ORDER BY Name, Id')
        .all(object.name) as ListViewRow[];
}

function listViewById(ctx: CallContext, object: ObjectDef, rawId: string): ListViewRow {
    const id = canonicalId(rawId);
    const row = id
        ? (ctx.db
              .prepare('SELECT Id, Name, DeveloperName, SobjectType FROM ListView WHERE Id = ? AND SobjectType = ?')
              .get(id, object.name) as ListViewRow | undefined)
        : undefined;
    if (!row) throw notFound();
    return row;
}

function listViewByName(ctx: CallContext, object: ObjectDef, developerName: string): ListViewRow {
    const row = ctx.db
        .prepare(
            'SELECT Id, Name, DeveloperName, SobjectType FROM ListView WHERE SobjectType = ? AND DeveloperName = ?'
        )
        .get(object.name, developerName) as ListViewRow | undefined;
    if (!row) throw notFound();
    return row;
}

function definitionOf(ctx: CallContext, row: ListViewRow): ListViewDefinition {
    const definition = readListView(ctx.db, `${row.SobjectType}.${row.DeveloperName}`);
    if (!definition) throw notFound();
    return definition;
}

function plan(
    ctx: CallContext,
    object: ObjectDef,
    definition: ListViewDefinition,
    relatedNames = false
): PlannedListView {
    return planListView(
        {
            relatedNames,
            schema: ctx.schema,
            userId: ctx.userId,
            canReadField: (objectName, fieldName) => ctx.access.canReadField(objectName, fieldName),
            queueId: (developerName) =>
                (
                    ctx.db
                        .prepare('SELECT Id FROM "Group" WHERE Type = \'Queue\' AND DeveloperName = ?')
                        .get(developerName) as { Id: string } | undefined
                )?.Id
        },
        object,
        definition
    );
}

function run(ctx: CallContext, planned: PlannedListView): ApiRecord[] {
    const { db, schema, access, now, apiVersion } = ctx;
    return runQuery({ db, schema, access, now, apiVersion }, planned.soql, { queryAll: false }).records;
}

/** The value at a path of a query record (`Owner.Alias`). */
function valueAt(record: ApiRecord, path: string): unknown {
    let current: unknown = record;
    for (const part of path.split('.')) {
        if (current === null || current === undefined || typeof current !== 'object') return null;
        current = (current as Record<string, unknown>)[part];
    }
    return current ?? null;
}

function summary(request: RestRequest, object: ObjectDef, row: ListViewRow) {
    const url = `/services/data/v${request.ctx.apiVersion}/sobjects/${object.name}/listviews/${row.Id}`;
    return {
        describeUrl: `${url}/describe`,
        developerName: row.DeveloperName,
        id: row.Id,
        label: row.Name,
        resultsUrl: `${url}/results`,
        soqlCompatible: true,
        url
    };
}

function listViews(request: RestRequest): RestResponse {
    const object = requireObject(request.ctx, request.params[0]);
    const views = listViewRows(request.ctx, object).map((row) => summary(request, object, row));
    return json(200, {
        done: true,
        listviews: views,
        nextRecordsUrl: null,
        size: views.length,
        sobjectType: object.name
    });
}

function basicInfo(request: RestRequest): RestResponse {
    const object = requireObject(request.ctx, request.params[0]);
    return json(200, summary(request, object, listViewById(request.ctx, object, request.params[1])));
}

function describeListView(request: RestRequest): RestResponse {
    const object = requireObject(request.ctx, request.params[0]);
    const row = listViewById(request.ctx, object, request.params[1]);
    const planned = plan(request.ctx, object, definitionOf(request.ctx, row));
    return json(200, {
        columns: planned.columns,
        id: row.Id,
        orderBy: planned.orderBy,
        query: planned.soql,
        relatedEntityId: null,
        scope: planned.scope,
        scopeEntityId: planned.scopeEntityId,
        sobjectType: object.name,
        whereCondition: planned.whereCondition
    });
}

/** A number parameter within bounds, or a clear error (the guide gives the bounds, not the error's words). */
function boundedParameter(request: RestRequest, name: string, fallback: number, min: number, max: number): number {
    const raw = request.query.get(name);
    if (raw === null) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max)
        throw new ApiError(
            400,
            'INVALID_PARAMETER_VALUE',
            `${name} must be a whole number from ${min} to ${max}: ${raw}`
        );
    return value;
}

/** Values as List View Results gives them: strings (SOAP API, ListViewRecordColumn `value` is a string), or null. */
function cellText(value: unknown): string | null {
    return value === null || value === undefined ? null : String(value);
}

function results(request: RestRequest): RestResponse {
    const object = requireObject(request.ctx, request.params[0]);
    const row = listViewById(request.ctx, object, request.params[1]);
    // "limit: The maximum number of records to return, between 1-2000. The default value is 25. offset: The first
    // record to return ... The default value is 0." (REST API Developer Guide, "List View Results")
    const limit = boundedParameter(request, 'limit', 25, 1, 2000);
    const offset = boundedParameter(request, 'offset', 0, 0, Number.MAX_SAFE_INTEGER);
    const planned = plan(request.ctx, object, definitionOf(request.ctx, row));
    const all = run(request.ctx, planned);
    const page = all.slice(offset, offset + limit);
    return json(200, {
        columns: planned.columns,
        developerName: row.DeveloperName,
        done: offset + page.length >= all.length,
        id: row.Id,
        label: row.Name,
        records: page.map((record) => ({
            columns: planned.columns.map((c) => ({
                fieldNameOrPath: c.fieldNameOrPath,
                value: cellText(valueAt(record, c.fieldNameOrPath))
            }))
        })),
        size: all.length
    });
}

// ---- UI API -------------------------------------------------------------------------------------------------------

function listReference(object: ObjectDef, row: ListViewRow) {
    return { id: row.Id, listViewApiName: row.DeveloperName, objectApiName: object.name, type: 'listView' };
}

/** List Info Summary Collection (getListInfosByObjectName): every list view of the object, in one page. */
function listInfos(request: RestRequest): RestResponse {
    const object = uiApiObject(request.ctx, request.params[0]);
    const rows = listViewRows(request.ctx, object);
    const url = `/services/data/v${request.ctx.apiVersion}/ui-api/list-info/${object.name}`;
    return json(200, {
        count: rows.length,
        currentPageToken: '0',
        currentPageUrl: `${url}?pageToken=0`,
        lists: rows.map((row) => ({
            apiName: row.DeveloperName,
            id: row.Id,
            label: row.Name,
            listReference: listReference(object, row),
            url: `${url}/${row.DeveloperName}`
        })),
        nextPageToken: null,
        nextPageUrl: null,
        objectApiName: object.name,
        pageSize: Math.max(rows.length, 20),
        previousPageToken: null,
        previousPageUrl: null,
        queryString: null,
        recentListsOnly: false
    });
}

const UI_OPERATORS: Record<string, string> = {
    equals: 'Equals',
    notEqual: 'NotEqual',
    lessThan: 'LessThan',
    greaterThan: 'GreaterThan',
    lessOrEqual: 'LessOrEqual',
    greaterOrEqual: 'GreaterOrEqual',
    contains: 'Contains',
    notContain: 'NotContain',
    startsWith: 'StartsWith',
    includes: 'Includes',
    excludes: 'Excludes'
};

/** List Info (getListInfoByName): columns, filters, order, read-only here (list views change through deploys). */
function listInfo(request: RestRequest): RestResponse {
    const object = uiApiObject(request.ctx, request.params[0]);
    const row = listViewByName(request.ctx, object, request.params[1]);
    const definition = definitionOf(request.ctx, row);
    const planned = plan(request.ctx, object, definition);
    const visible = planned.columns.filter((c) => !c.hidden);
    return json(200, {
        cloneable: false,
        createable: false,
        deletable: false,
        displayColumns: visible.map((c) => ({ fieldApiName: c.fieldNameOrPath, label: c.label, sortable: c.sortable })),
        eTag: null,
        filterLogicString: definition.booleanFilter,
        filteredByInfo: definition.filters.map((f) => ({
            fieldApiName: f.field,
            label: f.field,
            operandLabels: f.value === '' ? [] : f.value.split(',').map((v) => v.trim()),
            operator: UI_OPERATORS[f.operation]
        })),
        label: row.Name,
        listReference: listReference(object, row),
        orderedByInfo: [{ fieldApiName: visible[0].fieldNameOrPath, isAscending: true, label: visible[0].label }],
        scope: { apiName: planned.scope, entityId: planned.scopeEntityId, label: null, relatedEntityId: null },
        updateable: false,
        userPreferences: { columnWidths: {}, columnWrap: {} },
        visibility: 'Public',
        visibilityEditable: false
    });
}

type UiField = { displayValue: string | null; value: unknown };

/**
 * The object of a query record. SOQL types a polymorphic parent (Case.Owner) as `Name`, as Salesforce does; its url
 * names the real object (`/sobjects/Group/00G…`), which UI API gives as the Record's apiName.
 */
function recordObject(record: ApiRecord): string {
    if (record.attributes.type !== 'Name') return record.attributes.type;
    return /\/sobjects\/([^/]+)\//.exec(record.attributes.url ?? '')?.[1] ?? record.attributes.type;
}

/** A UI API Record of a query record: each queried field `{displayValue, value}`, a parent as a nested Record. */
function uiRecord(record: ApiRecord): Record<string, unknown> {
    const fields: Record<string, UiField> = {};
    for (const [key, value] of Object.entries(record)) {
        if (key === 'attributes') continue;
        if (value !== null && typeof value === 'object' && 'attributes' in (value as object)) {
            const parent = uiRecord(value as ApiRecord);
            const parentFields = parent.fields as Record<string, UiField>;
            fields[key] = { displayValue: (parentFields.Name?.value as string | undefined) ?? null, value: parent };
        } else fields[key] = { displayValue: null, value: value ?? null };
    }
    return {
        apiName: recordObject(record),
        childRelationships: {},
        fields,
        id: (record.Id as string | undefined) ?? null,
        lastModifiedById: null,
        lastModifiedDate: (record.LastModifiedDate as string | undefined) ?? null,
        recordTypeId: (record.RecordTypeId as string | undefined) ?? null,
        recordTypeInfo: null,
        systemModstamp: (record.SystemModstamp as string | undefined) ?? null
    };
}

/**
 * List Record Collection (getListRecordsByName): the list view's records, a page of pageSize (default 50, 1-2000)
 * from pageToken (an offset). `fields`, `optionalFields` and `sortBy` add to or change the query: local-org does not
 * apply them and refuses them by name.
 */
function listRecords(request: RestRequest): RestResponse {
    const object = uiApiObject(request.ctx, request.params[0]);
    for (const name of ['fields', 'optionalFields', 'sortBy', 'where', 'searchTerm']) {
        if (request.query.has(name))
            throw new ApiError(
                400,
                'NOT_SUPPORTED_BY_LOCAL_ORG',
                `The ${name} parameter of ui-api/list-records is not supported by local-org.`
            );
    }
    const row = listViewByName(request.ctx, object, request.params[1]);
    const pageSize = boundedParameter(request, 'pageSize', 50, 1, 2000);
    const offset = boundedParameter(request, 'pageToken', 0, 0, Number.MAX_SAFE_INTEGER);
    const planned = plan(request.ctx, object, definitionOf(request.ctx, row), true);
    const all = run(request.ctx, planned);
    const page = all.slice(offset, offset + pageSize);
    const url = `/services/data/v${request.ctx.apiVersion}/ui-api/list-records/${object.name}/${row.DeveloperName}`;
    const pageUrl = (token: number) => `${url}?pageSize=${pageSize}&pageToken=${token}`;
    const next = offset + pageSize < all.length ? offset + pageSize : null;
    const previous = offset > 0 ? Math.max(0, offset - pageSize) : null;
    return json(200, {
        count: page.length,
        currentPageToken: String(offset),
        currentPageUrl: pageUrl(offset),
        fields: [],
        listInfoETag: null,
        listReference: listReference(object, row),
        nextPageToken: next === null ? null : String(next),
        nextPageUrl: next === null ? null : pageUrl(next),
        optionalFields: [],
        pageSize,
        previousPageToken: previous === null ? null : String(previous),
        previousPageUrl: previous === null ? null : pageUrl(previous),
        records: page.map(uiRecord),
        sortBy: null
    });
}

export const listViewRoutes: Route[] = [
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/listviews$/, handler: listViews },
    {
        method: 'GET',
        pattern: /^\/sobjects\/([^/]+)\/listviews\/recent$/,
        handler: (r) => refuseRecentListViews(r.params[0])
    },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/listviews\/([^/]+)$/, handler: basicInfo },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/listviews\/([^/]+)\/describe$/, handler: describeListView },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/listviews\/([^/]+)\/results$/, handler: results },
    { method: 'GET', pattern: /^\/ui-api\/list-info\/([^/]+)$/, handler: listInfos },
    { method: 'GET', pattern: /^\/ui-api\/list-info\/([^/]+)\/([^/]+)$/, handler: listInfo },
    { method: 'GET', pattern: /^\/ui-api\/list-records\/([^/]+)\/([^/]+)$/, handler: listRecords }
];
