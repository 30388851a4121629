/** sObject Collections (`/composite/sobjects`): up to 200 records per call, in request order, allOrNone optional. */
import { ApiError, recordError } from '../errors.ts';
import { canonicalId } from '../ids.ts';
import { readStored, toApiRecord, visibleObject } from '../records.ts';
import {
    createRecord,
    deleteRecord,
    updateRecord,
    upsertRecord,
    upsertWouldCreate,
    type RecordInput
} from '../writes.ts';
import { attemptInSavepoint, RollbackWithResponse, ROLLED_BACK, type Outcome } from './batch.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';
import { notFound } from '../errors.ts';

export const COLLECTION_LIMIT = 200;

interface CollectionBody {
    allOrNone: boolean;
    records: RecordInput[];
}

function readBody(request: RestRequest): CollectionBody {
    const body = objectBody(request);
    if (!Array.isArray(body.records))
        throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body must have a records array');
    checkLimit(body.records.length);
    return { allOrNone: body.allOrNone === true, records: body.records as RecordInput[] };
}

function checkLimit(count: number): void {
    if (count > COLLECTION_LIMIT) {
        throw new ApiError(
            400,
            'EXCEEDED_ID_LIMIT',
            `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`
        );
    }
}

function typeOf(record: RecordInput): string {
    const type = (record.attributes as { type?: unknown } | undefined)?.type;
    if (typeof type !== 'string' || type === '') throw recordError('INVALID_TYPE', 'Must send a concrete entity type.');
    return type;
}

function withoutAttributes(record: RecordInput): RecordInput {
    const { attributes: _attributes, ...values } = record;
    return values;
}

type Result = { id?: string; success: boolean; errors: unknown[]; created?: boolean };

/**
 * Every item runs; with allOrNone a failure rolls everything back and the others report
 * ALL_OR_NONE_OPERATION_ROLLED_BACK. `createdOnFailure` gives upsert's `created` for a failed item: an UpsertResult
 * always carries it, failed or not (jsforce's suite, run against Salesforce, checks it on every result).
 */
function runAll<T>(
    request: RestRequest,
    items: T[],
    allOrNone: boolean,
    work: (item: T) => Result,
    createdOnFailure?: (item: T) => boolean
): RestResponse {
    const outcomes: Outcome<Result>[] = items.map((item) => attemptInSavepoint(request.ctx, () => work(item)));
    const failed = outcomes.some((o) => !o.ok);
    const results = outcomes.map((o, index): Result => {
        if (!o.ok) {
            const created = createdOnFailure ? { created: createdOnFailure(items[index]) } : {};
            return { ...created, success: false, errors: [o.error.toRecordError()] };
        }
        if (allOrNone && failed)
            return {
                ...(o.value.created !== undefined ? { created: o.value.created } : {}),
                success: false,
                errors: [ROLLED_BACK.toRecordError()]
            };
        return o.value;
    });
    const response = json(200, results);
    if (allOrNone && failed) throw new RollbackWithResponse(response);
    return response;
}

function create(request: RestRequest): RestResponse {
    const { allOrNone, records } = readBody(request);
    return runAll(request, records, allOrNone, (record) => ({
        id: createRecord(request.ctx, typeOf(record), withoutAttributes(record)),
        success: true,
        errors: []
    }));
}

function update(request: RestRequest): RestResponse {
    const { allOrNone, records } = readBody(request);
    return runAll(request, records, allOrNone, (record) => {
        const { id, Id, ...values } = withoutAttributes(record);
        const recordId = id ?? Id;
        if (typeof recordId !== 'string' || recordId === '')
            throw recordError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
        return { id: updateRecord(request.ctx, typeOf(record), recordId, values), success: true, errors: [] };
    });
}

function upsert(request: RestRequest): RestResponse {
    const [objectName, keyField] = request.params;
    const { allOrNone, records } = readBody(request);
    const keyOf = (record: RecordInput) =>
        Object.entries(record).find(([k]) => k.toLowerCase() === keyField.toLowerCase())?.[1];
    return runAll(
        request,
        records,
        allOrNone,
        (record) => {
            const values = withoutAttributes(record);
            const result = upsertRecord(request.ctx, objectName, keyField, keyOf(values), values);
            return { id: result.id, success: true, errors: [], created: result.created };
        },
        (record) => upsertWouldCreate(request.ctx, objectName, keyField, keyOf(withoutAttributes(record)))
    );
}

function destroy(request: RestRequest): RestResponse {
    const ids = (request.query.get('ids') ?? '').split(',').filter(Boolean);
    checkLimit(ids.length);
    const allOrNone = request.query.get('allOrNone') === 'true';
    return runAll(request, ids, allOrNone, (rawId) => {
        const id = canonicalId(rawId);
        const object = id ? request.ctx.schema.objectByKeyPrefix(id.slice(0, 3)) : undefined;
        if (!id || !object) throw recordError('MALFORMED_ID', `malformed id ${rawId}`);
        return { id: deleteRecord(request.ctx, object.name, id), success: true, errors: [] };
    });
}

/** POST /composite/sobjects/Account {ids, fields}: records in id order, null where there is none. */
function retrieve(request: RestRequest): RestResponse {
    const object = visibleObject(request.ctx, request.params[0]);
    if (!object) throw notFound();
    const body = objectBody(request);
    const ids = Array.isArray(body.ids) ? body.ids.map(String) : [];
    const fields = Array.isArray(body.fields) ? body.fields.map(String) : undefined;
    if (!fields) throw new ApiError(400, 'MISSING_ARGUMENT', 'fields not specified');
    checkLimit(ids.length);
    const records = ids.map((rawId) => {
        const id = canonicalId(rawId);
        const stored = id && id.startsWith(object.keyPrefix) ? readStored(request.ctx, object, id) : undefined;
        return stored && stored.IsDeleted === 0 ? toApiRecord(request.ctx, object, stored, fields) : null;
    });
    return json(200, records);
}

export const collectionRoutes: Route[] = [
    { method: 'POST', pattern: /^\/composite\/sobjects$/, handler: create },
    { method: 'PATCH', pattern: /^\/composite\/sobjects$/, handler: update },
    { method: 'DELETE', pattern: /^\/composite\/sobjects$/, handler: destroy },
    { method: 'POST', pattern: /^\/composite\/sobjects\/([^/]+)$/, handler: retrieve },
    { method: 'PATCH', pattern: /^\/composite\/sobjects\/([^/]+)\/([^/]+)$/, handler: upsert }
];
