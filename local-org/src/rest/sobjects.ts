/** `/sobjects`: describeGlobal, describe, and single-record create, retrieve, update, upsert and delete. */
import { describeGlobal, describeSObject } from '../describe.ts';
import { ApiError, notFound } from '../errors.ts';
import { recordUrl, toApiRecord, visibleObject } from '../records.ts';
import {
    createRecord,
    deleteRecord,
    MultipleMatchesError,
    readForApi,
    updateRecord,
    upsertKeyField,
    upsertRecord
} from '../writes.ts';
import { replicationRoutes } from './replication.ts';
import { layoutRoutes } from './layouts.ts';
import { recentItems, RECENT_PER_OBJECT } from '../recentItems.ts';
import { canonicalId } from '../ids.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';
import { quoteName } from '../store.ts';
import type { StoredRecord } from '../derive.ts';

function requireObject(request: RestRequest, name: string) {
    const object = visibleObject(request.ctx, name);
    if (!object) throw notFound();
    return object;
}

function fieldsParam(request: RestRequest): string[] | undefined {
    const fields = request.query.get('fields');
    return fields
        ? fields
              .split(',')
              .map((f) => f.trim())
              .filter(Boolean)
        : undefined;
}

function saveResult(id: string, created?: boolean) {
    return created === undefined ? { id, success: true, errors: [] } : { id, success: true, errors: [], created };
}

function retrieve(request: RestRequest): RestResponse {
    const [objectName, id] = request.params;
    const { object, stored } = readForApi(request.ctx, objectName, id);
    return json(200, toApiRecord(request.ctx, object, stored, fieldsParam(request)));
}

/** GET /sobjects/Account/Caseline_Key__c/KEY: the record with that key. */
function retrieveByKey(request: RestRequest): RestResponse {
    const [objectName, keyFieldName, keyValue] = request.params;
    const object = requireObject(request, objectName);
    const keyField = upsertKeyField(request.ctx, object, keyFieldName);
    const rows = request.ctx.db
        .prepare(
            `SELECT * FROM ${quoteName(object.name)} WHERE ${quoteName(keyField.name)} = ? AND IsDeleted = 0 LIMIT 10`
        )
        .all(keyValue) as StoredRecord[];
    if (rows.length === 0) throw notFound();
    if (rows.length > 1)
        throw new MultipleMatchesError(rows.map((r) => recordUrl(request.ctx.apiVersion, object.name, String(r.Id))));
    return json(200, toApiRecord(request.ctx, object, rows[0], fieldsParam(request)));
}

function create(request: RestRequest): RestResponse {
    const object = requireObject(request, request.params[0]);
    const id = createRecord(request.ctx, object.name, objectBody(request));
    return json(201, saveResult(id), { Location: recordUrl(request.ctx.apiVersion, object.name, id) });
}

function update(request: RestRequest): RestResponse {
    const [objectName, id] = request.params;
    const object = requireObject(request, objectName);
    const { Id: _ignoredId, ...values } = objectBody(request);
    updateRecord(request.ctx, object.name, id, values);
    return { status: 204 };
}

/** Upsert answers 201 when it created, 200 with a body when it updated (API 46+; jsforce relies on the id). */
function upsert(request: RestRequest): RestResponse {
    const [objectName, keyFieldName, keyValue] = request.params;
    const object = requireObject(request, objectName);
    const result = upsertRecord(request.ctx, object.name, keyFieldName, keyValue, objectBody(request));
    const versionNumber = Number(request.ctx.apiVersion);
    if (!result.created && versionNumber < 46) return { status: 204 };
    return json(result.created ? 201 : 200, saveResult(result.id, result.created), {
        Location: recordUrl(request.ctx.apiVersion, object.name, result.id)
    });
}

function remove(request: RestRequest): RestResponse {
    const [objectName, id] = request.params;
    deleteRecord(request.ctx, requireObject(request, objectName).name, id);
    return { status: 204 };
}

function describe(request: RestRequest): RestResponse {
    return json(200, describeSObject(request.ctx, requireObject(request, request.params[0])));
}

function basicInfo(request: RestRequest): RestResponse {
    const object = requireObject(request, request.params[0]);
    const {
        fields: _fields,
        childRelationships: _children,
        recordTypeInfos: _types,
        ...objectDescribe
    } = describeSObject(request.ctx, object);
    return json(200, { objectDescribe, recentItems: recentItems(request.ctx, RECENT_PER_OBJECT, object.name) });
}

/**
 * Sub-resources of `/sobjects/X/` the REST API Developer Guide documents: `describe`, `updated`, `deleted` (served
 * here), `listviews` (./listViews.ts), and these, which local-org does not implement. Their names are never taken for a record id or an
 * external-id field, and a request for one is refused by its own name.
 */
const REFUSED_SUBRESOURCES = ['quickActions', 'eventSchema', 'suggestedArticles'];
/** `listviews` is served by ./listViews.ts, routed before these. */
const NAMED = ['describe', 'updated', 'deleted', 'listviews', ...REFUSED_SUBRESOURCES].join('|');
/** An id or key segment: anything but a sub-resource name. */
const SEGMENT = `(?!(?:${NAMED})(?:/|$))([^/]+)`;

function refuseSubresource(request: RestRequest): RestResponse {
    throw new ApiError(
        404,
        'NOT_FOUND',
        `The requested resource does not exist: ${request.path.slice(1)} is not supported by local-org`
    );
}

/**
 * `/sobjects/X/<id>/<name>` where `<name>` is not one of X's fields: a relationship (`/sobjects/Account/001…/
 * Contacts`), a blob or rich text image, which local-org does not serve. A field name goes on to the key lookup.
 */
function retrieveByKeyOrRefuse(request: RestRequest): RestResponse {
    const [objectName, keyFieldName] = request.params;
    const object = requireObject(request, objectName);
    if (!request.ctx.schema.field(object.name, keyFieldName) && canonicalId(keyFieldName) !== null) {
        throw new ApiError(
            404,
            'NOT_FOUND',
            `The requested resource does not exist: sObject relationships and blobs (${request.path.slice(1)}) are not supported by local-org`
        );
    }
    return retrieveByKey(request);
}

/**
 * `describe/approvalLayouts`: one approval layout per approval process (SOAP API, describeApprovalLayout()).
 * local-org has no approval processes (ApprovalProcess is refused at deploy), so the list is empty, as the REST API
 * Developer Guide ("Get Approval Layouts") answers for an object without them: `{"approvalLayouts" : [ ]}`.
 */
function approvalLayouts(request: RestRequest): RestResponse {
    requireObject(request, request.params[0]);
    return json(200, { approvalLayouts: [] });
}

const refusedRoutes: Route[] = ['GET', 'POST', 'PATCH', 'DELETE'].flatMap((method) => [
    {
        method,
        pattern: new RegExp(`^/sobjects/([^/]+)/(?:${REFUSED_SUBRESOURCES.join('|')})(?:/.*)?$`),
        handler: refuseSubresource
    },
    { method, pattern: /^\/sobjects\/([^/]+)\/describe\/.+$/, handler: refuseSubresource }
]);

export const sobjectRoutes: Route[] = [
    { method: 'GET', pattern: /^\/sobjects$/, handler: (r) => json(200, describeGlobal(r.ctx)) },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)$/, handler: basicInfo },
    { method: 'POST', pattern: /^\/sobjects\/([^/]+)$/, handler: create },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe$/, handler: describe },
    ...replicationRoutes,
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe\/approvalLayouts$/, handler: approvalLayouts },
    ...layoutRoutes,
    ...refusedRoutes,
    { method: 'GET', pattern: new RegExp(`^/sobjects/([^/]+)/${SEGMENT}$`), handler: retrieve },
    { method: 'PATCH', pattern: new RegExp(`^/sobjects/([^/]+)/${SEGMENT}$`), handler: update },
    { method: 'DELETE', pattern: new RegExp(`^/sobjects/([^/]+)/${SEGMENT}$`), handler: remove },
    { method: 'GET', pattern: new RegExp(`^/sobjects/([^/]+)/${SEGMENT}/([^/]+)$`), handler: retrieveByKeyOrRefuse },
    { method: 'PATCH', pattern: new RegExp(`^/sobjects/([^/]+)/${SEGMENT}/([^/]+)$`), handler: upsert },
    { method: 'POST', pattern: new RegExp(`^/sobjects/([^/]+)/${SEGMENT}/([^/]+)$`), handler: upsert }
];
