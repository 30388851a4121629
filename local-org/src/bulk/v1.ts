/**
 * Bulk API 1.0 (`/services/async/NN.N/job`), the protocol of Data Loader, SFDMU and jsforce's `bulk`: a job takes
 * batches until it is closed, each batch is processed as soon as it is added, and each has its own state and results
 * (Bulk API Developer Guide, "How Bulk API Works", developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/).
 *
 * It is a different wire format over Bulk API 2.0's engine: an ingest batch is stored as a job of its own
 * (`V1Batch`, id 751…) with its rows in chunks, and the same runner applies it (bulk/ingest.ts: DML batches of 200
 * saved with partial success, results per row, resumed after a restart). A query batch runs when added, through the
 * same SOQL engine as `/query`, and keeps its result as one result file (752…).
 */
import { ApiError } from '../errors.ts';
import { formatDateTime } from '../values.ts';
import type { LocalOrg } from '../org.ts';
import { visibleObject } from '../records.ts';
import { runQuery } from '../soql/index.ts';
import { nextId, type Db } from '../store.ts';
import type { CallContext } from '../context.ts';
import { BulkRunner, CHUNK_ROWS } from './ingest.ts';
import { deleteJob, insertJob, readJob, updateJob, type JobRow, type JobState, type RowResult } from './jobs.ts';
import { runQueryJob } from './query.ts';
import {
    AsyncApiError,
    BatchContentError,
    batchListReply,
    errorReply,
    infoReply,
    ingestResultsReply,
    readBatchRecords,
    readJobRequest,
    resultListReply,
    xmlQueryResult,
    type AsyncReply,
    type V1ContentType
} from './v1Wire.ts';

const JOB_PREFIX = '750';
const BATCH_PREFIX = '751';
const RESULT_PREFIX = '752';
const OPERATIONS = ['insert', 'update', 'upsert', 'delete', 'query', 'queryAll'];
const CONTENT_TYPES: V1ContentType[] = ['CSV', 'XML', 'JSON'];

/**
 * Bulk API Limits ("Batch size"): "A batch can contain a maximum of 10,000 records" and "a maximum of 10,000,000
 * characters for all the data in a batch". Past the characters Salesforce refuses the request with ClientInputError
 * `Failed to read request. Exceeded max size limit of 10000000` (as clients report it: jsforce#31).
 */
export const MAX_BATCH_RECORDS = 10_000;
export const MAX_BATCH_CHARACTERS = 10_000_000;

type V1JobState = 'Open' | 'Closed' | 'Aborted' | 'Failed';

interface V1Job {
    id: string;
    operation: string;
    object: string;
    external_id_field: string | null;
    content_type: V1ContentType;
    state: V1JobState;
    created_by: string;
    created_date: string;
    system_modstamp: string;
    api_version: string;
}

interface V1Batch {
    id: string;
    job_id: string;
    result_id: string | null;
}

export function createBulkV1Tables(db: Db): void {
    db.exec(`
        CREATE TABLE IF NOT EXISTS _lo_bulk1_jobs (
            id TEXT PRIMARY KEY, operation TEXT NOT NULL, object TEXT NOT NULL, external_id_field TEXT,
            content_type TEXT NOT NULL, state TEXT NOT NULL, created_by TEXT NOT NULL, created_date TEXT NOT NULL,
            system_modstamp TEXT NOT NULL, api_version TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS _lo_bulk1_batches (
            id TEXT PRIMARY KEY, job_id TEXT NOT NULL, result_id TEXT);
        CREATE INDEX IF NOT EXISTS _lo_bulk1_batches_job ON _lo_bulk1_batches (job_id);
    `);
    removeExpiredJobs(db);
}

/** Jobs are kept seven days, as on Salesforce ("Batch and job lifespan", Bulk API Limits). */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Removes jobs older than seven days whose batches have all finished (the runner removes finished batches after
 * seven days: bulk/ingest.ts), with what is left of their batches.
 */
function removeExpiredJobs(db: Db): void {
    const cutoff = new Date(Date.now() - RETENTION_MS).toISOString();
    db.transaction(() => {
        const expired = db
            .prepare(
                `SELECT id FROM _lo_bulk1_jobs j WHERE created_date < ? AND NOT EXISTS (
                    SELECT 1 FROM _lo_bulk1_batches b JOIN _lo_bulk_jobs r ON r.id = b.id
                    WHERE b.job_id = j.id AND (r.created_date >= ? OR r.state IN ('UploadComplete', 'InProgress')))`
            )
            .all(cutoff, cutoff) as { id: string }[];
        for (const { id } of expired) {
            for (const { id: batchId } of db.prepare('SELECT id FROM _lo_bulk1_batches WHERE job_id = ?').all(id) as {
                id: string;
            }[]) {
                deleteJob(db, batchId);
            }
            db.prepare('DELETE FROM _lo_bulk1_batches WHERE job_id = ?').run(id);
            db.prepare('DELETE FROM _lo_bulk1_jobs WHERE id = ?').run(id);
        }
    })();
}

interface AsyncRequest {
    method: string;
    /** After `/services/async/NN.N`. */
    path: string;
    version: string;
    headers: Record<string, string | undefined>;
    rawBody: Buffer;
}

const withTables = new WeakSet<LocalOrg>();

/** Answers one Bulk API 1.0 call, in one transaction. */
export function handleBulkV1(org: LocalOrg, request: AsyncRequest): AsyncReply {
    const json = isJsonRequest(request.headers);
    if (!withTables.has(org)) {
        createBulkV1Tables(org.db);
        withTables.add(org);
    }
    try {
        const token = request.headers['x-sfdc-session'];
        const userId = token ? org.userIdForToken(token.trim()) : undefined;
        // "Invalid session id" with 400, which clients (jsforce) recognise to refresh their session.
        if (!userId) throw new AsyncApiError(400, 'InvalidSessionId', 'Invalid session id');
        const ctx = org.context(userId, request.version);
        return org.db.transaction(() => route(org, ctx, request))();
    } catch (error) {
        if (error instanceof AsyncApiError) return errorReply(error, json);
        throw error;
    }
}

function isJsonRequest(headers: Record<string, string | undefined>): boolean {
    const type = (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    return type === 'application/json';
}

/**
 * Request headers that change what Bulk API 1.0 does ("Bulk API Request Headers"): PK chunking splits a query job
 * into batches by Id range, and `Sforce-Line-Ending: CRLF` rewrites line breaks in uploaded text fields. local-org
 * does neither, so it refuses them rather than ignore them. (`Sforce-Disable-Batch-Retry` is honoured as it is:
 * local-org never retries a batch.)
 */
function refuseHeaders(headers: Record<string, string | undefined>): void {
    const pkChunking = headers['sforce-enable-pkchunking'];
    if (pkChunking !== undefined && pkChunking.trim().toLowerCase() !== 'false') {
        throw notSupported('PK chunking (Sforce-Enable-PKChunking)');
    }
    const lineEnding = headers['sforce-line-ending'];
    if (lineEnding !== undefined && lineEnding.trim().toUpperCase() !== 'LF') {
        throw notSupported(`Sforce-Line-Ending ${lineEnding}`);
    }
}

function route(org: LocalOrg, ctx: CallContext, request: AsyncRequest): AsyncReply {
    const { method, path } = request;
    refuseHeaders(request.headers);
    const parts = path.split('/').filter((part) => part !== '');
    if (parts[0] !== 'job') throw new AsyncApiError(404, 'InvalidUrl', `Unknown URL: ${path}`);
    if (parts.length === 1 && method === 'POST') return createJob(ctx, request);
    if (parts.length === 1) throw methodNotAllowed(method);
    const job = findJob(ctx, parts[1]);
    const json = job.content_type === 'JSON';
    if (parts.length === 2) {
        if (method === 'GET') return infoReply(200, 'jobInfo', jobInfo(ctx.db, job), json);
        if (method === 'POST') return changeJobState(ctx, job, request);
        throw methodNotAllowed(method);
    }
    if (parts[2] !== 'batch') throw new AsyncApiError(404, 'InvalidUrl', `Unknown URL: ${path}`);
    if (parts.length === 3) {
        if (method === 'POST') return addBatch(org, ctx, job, request);
        if (method === 'GET') return batchListReply(batchesOf(ctx.db, job).map(batchInfo), json);
        throw methodNotAllowed(method);
    }
    if (method !== 'GET') throw methodNotAllowed(method);
    const batch = findBatch(ctx.db, job, parts[3]);
    if (parts.length === 4) return infoReply(200, 'batchInfo', batchInfo(batch), json);
    if (parts[4] === 'result' && parts.length === 5) return batchResults(ctx.db, job, batch);
    if (parts[4] === 'result' && parts.length === 6) return queryResult(ctx.db, job, batch, parts[5]);
    if (parts[4] === 'request' && parts.length === 5) {
        throw new AsyncApiError(
            400,
            'NOT_SUPPORTED_BY_LOCAL_ORG',
            'Get a Batch Request is not supported by local-org.'
        );
    }
    throw new AsyncApiError(404, 'InvalidUrl', `Unknown URL: ${path}`);
}

function methodNotAllowed(method: string): AsyncApiError {
    return new AsyncApiError(405, 'MethodNotAllowed', `HTTP Method '${method}' not allowed`);
}

function invalidJob(message: string): AsyncApiError {
    return new AsyncApiError(400, 'InvalidJob', message);
}

/** The caller's job; another user's job exists only for users with Modify All Data (InvalidUser otherwise). */
function findJob(ctx: CallContext, id: string): V1Job {
    const job = ctx.db.prepare('SELECT * FROM _lo_bulk1_jobs WHERE id = ?').get(id) as V1Job | undefined;
    if (!job) throw invalidJob(`Invalid job id: ${id}`);
    if (job.created_by !== ctx.userId && !ctx.access.modifyAllData) {
        throw new AsyncApiError(400, 'InvalidUser', `The job ${id} belongs to another user`);
    }
    return job;
}

function createJob(ctx: CallContext, request: AsyncRequest): AsyncReply {
    const json = isJsonRequest(request.headers);
    const body = readJobRequest(request.rawBody.toString('utf8'), json);
    const operation = body.operation ?? '';
    if (operation === 'hardDelete') throw notSupported('Bulk API hardDelete');
    if (!OPERATIONS.includes(operation)) throw invalidJob(`Invalid operation: ${operation}`);
    if (body.assignmentRuleId !== undefined) throw notSupported('Assignment rules (assignmentRuleId)');
    // Serial runs a job's batches one after another; local-org interleaves the chunks of every running batch.
    if (body.concurrencyMode !== undefined && body.concurrencyMode !== 'Parallel') {
        throw notSupported(`concurrencyMode ${body.concurrencyMode}`);
    }
    const contentType = (body.contentType ?? 'CSV') as V1ContentType;
    if (!CONTENT_TYPES.includes(contentType)) throw notSupported(`contentType ${contentType}`);
    const object = visibleObject(ctx, body.object ?? '');
    if (!object) throw invalidJob(`Unable to find object: ${body.object ?? ''}`);
    let externalIdField: string | null = null;
    if (operation === 'upsert') {
        const name = body.externalIdFieldName ?? '';
        if (name === '') {
            throw invalidJob(`External ID was blank for ${object.name}. An External ID must be specified for upsert.`);
        }
        const field = ctx.schema.field(object.name, name);
        if (
            !field ||
            !(field.externalId || field.idLookup || field.type === 'id') ||
            !ctx.access.canReadField(object.name, field.name)
        ) {
            throw invalidJob(`Field name provided, ${name} is not an External ID or indexed field for ${object.name}`);
        }
        externalIdField = field.name;
    }
    const now = new Date().toISOString();
    const job: V1Job = {
        id: nextId(ctx.db, JOB_PREFIX),
        operation,
        object: object.name,
        external_id_field: externalIdField,
        content_type: contentType,
        state: 'Open',
        created_by: ctx.userId,
        created_date: now,
        system_modstamp: now,
        api_version: request.version
    };
    const columns = Object.keys(job);
    ctx.db
        .prepare(
            `INSERT INTO _lo_bulk1_jobs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
        )
        .run(job);
    return infoReply(201, 'jobInfo', jobInfo(ctx.db, job), json);
}

function notSupported(feature: string): AsyncApiError {
    return new AsyncApiError(400, 'NOT_SUPPORTED_BY_LOCAL_ORG', `${feature} is not supported by local-org.`);
}

/** Close (no more batches; those added still run) or abort (batches not yet processed are not processed). */
function changeJobState(ctx: CallContext, job: V1Job, request: AsyncRequest): AsyncReply {
    const json = isJsonRequest(request.headers);
    const state = readJobRequest(request.rawBody.toString('utf8'), json).state;
    if (state !== 'Closed' && state !== 'Aborted') {
        throw new AsyncApiError(400, 'InvalidJobState', `Invalid state: ${String(state)}. Use Closed or Aborted`);
    }
    if (job.state !== 'Open' && !(state === 'Aborted' && job.state === 'Closed')) {
        throw new AsyncApiError(400, 'InvalidJobState', `Job ${job.id} is ${job.state}: it cannot be ${state}`);
    }
    const now = new Date().toISOString();
    ctx.db.prepare('UPDATE _lo_bulk1_jobs SET state = ?, system_modstamp = ? WHERE id = ?').run(state, now, job.id);
    if (state === 'Aborted') {
        for (const batch of batchesOf(ctx.db, job)) {
            if (batch.state === 'UploadComplete' || batch.state === 'InProgress') {
                updateJob(ctx.db, batch.id, { state: 'Aborted', system_modstamp: now });
            }
        }
    }
    return infoReply(200, 'jobInfo', jobInfo(ctx.db, { ...job, state, system_modstamp: now }), json);
}

function addBatch(org: LocalOrg, ctx: CallContext, job: V1Job, request: AsyncRequest): AsyncReply {
    const json = job.content_type === 'JSON';
    if (job.state !== 'Open') {
        throw new AsyncApiError(400, 'InvalidJobState', `Job ${job.id} is ${job.state}: no batch can be added`);
    }
    const text = request.rawBody.toString('utf8');
    if (text.length > MAX_BATCH_CHARACTERS) {
        throw new AsyncApiError(
            400,
            'ClientInputError',
            `Failed to read request. Exceeded max size limit of ${MAX_BATCH_CHARACTERS}`
        );
    }
    // "A batch must contain some content or an error occurs" (Bulk API Limits); the exact wording is not documented.
    if (text.trim() === '') throw new AsyncApiError(400, 'ClientInputError', 'A batch must contain some content');
    const batchId = nextId(ctx.db, BATCH_PREFIX);
    const isQuery = job.operation === 'query' || job.operation === 'queryAll';
    const row = isQuery ? runQueryBatch(ctx, job, batchId, text) : stageIngestBatch(ctx, job, batchId, text);
    insertJob(ctx.db, row.job);
    ctx.db
        .prepare('INSERT INTO _lo_bulk1_batches (id, job_id, result_id) VALUES (?, ?, ?)')
        .run(batchId, job.id, row.resultId);
    if (!isQuery && row.job.state === 'UploadComplete') BulkRunner.for(org).enqueue(batchId);
    const batch = { ...row.job, job_id: job.id, result_id: row.resultId };
    // Just added, it answers Queued, as Salesforce's does (the query has already run, but the add is not yet a result).
    return infoReply(201, 'batchInfo', { ...batchInfo(batch), state: 'Queued', stateMessage: undefined }, json);
}

function batchRow(job: V1Job, batchId: string, jobType: 'V1Batch' | 'V1Query'): JobRow {
    const now = new Date().toISOString();
    return {
        id: batchId,
        job_type: jobType,
        operation: job.operation,
        object: job.object,
        external_id_field: job.external_id_field,
        column_delimiter: 'COMMA',
        line_ending: 'LF',
        state: 'UploadComplete',
        error_message: null,
        created_by: job.created_by,
        created_date: now,
        system_modstamp: now,
        api_version: job.api_version,
        columns: null,
        uploaded: 1,
        upload_error: null,
        total_rows: 0,
        chunk_count: 0,
        next_chunk: 0,
        records_processed: 0,
        records_failed: 0,
        processing_ms: 0
    };
}

/** Stores an ingest batch's rows in chunks for the runner; content it cannot read fails the batch when run. */
function stageIngestBatch(
    ctx: CallContext,
    job: V1Job,
    batchId: string,
    text: string
): { job: JobRow; resultId: null } {
    const row = batchRow(job, batchId, 'V1Batch');
    let header: string[] = [];
    let rows: string[][] = [];
    try {
        ({ header, rows } = readBatchRecords(text, job.content_type));
        if (rows.length > MAX_BATCH_RECORDS) {
            // Bulk API Limits, "Batch size"; the stateMessage's wording is local-org's.
            throw new BatchContentError(`A batch can contain a maximum of ${MAX_BATCH_RECORDS} records`);
        }
    } catch (error) {
        if (!(error instanceof BatchContentError)) throw error;
        return {
            job: { ...row, state: 'Failed', error_message: `InvalidBatch : ${error.message}` },
            resultId: null
        };
    }
    const insertChunk = ctx.db.prepare('INSERT INTO _lo_bulk_chunks (job_id, chunk, rows) VALUES (?, ?, ?)');
    let chunks = 0;
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        insertChunk.run(batchId, chunks, JSON.stringify(rows.slice(start, start + CHUNK_ROWS)));
        chunks += 1;
    }
    return {
        job: { ...row, columns: JSON.stringify(header), total_rows: rows.length, chunk_count: chunks },
        resultId: null
    };
}

/**
 * Runs a query batch now, as the job's creator. A query that fails fails the batch with Salesforce's
 * `InvalidBatch : Failed to process query: <CODE>: <message>`, and one on another object than the job's with
 * INVALID_TYPE_FOR_OPERATION (the words clients report, e.g. simple-salesforce#502, ForceCLI/force#531).
 */
function runQueryBatch(
    ctx: CallContext,
    job: V1Job,
    batchId: string,
    soql: string
): { job: JobRow; resultId: string | null } {
    const row = batchRow(job, batchId, 'V1Query');
    const queryAll = job.operation === 'queryAll';
    const failed = (message: string) => ({
        job: {
            ...row,
            state: 'Failed' as JobState,
            error_message: `InvalidBatch : Failed to process query: ${message}`
        },
        resultId: null
    });
    let content: string;
    let count: number;
    let object: string;
    try {
        if (job.content_type === 'CSV') {
            const result = runQueryJob(ctx, soql, queryAll, ',', '\n');
            object = result.object;
            count = result.count;
            // Bulk API 1.0 answers an empty CSV result with this sentence instead of a header.
            content = count === 0 ? 'Records not found for this query' : result.csv;
        } else {
            const result = runQuery(ctx, soql, { queryAll });
            object = result.entityName;
            count = result.records.length;
            content = job.content_type === 'JSON' ? JSON.stringify(result.records) : xmlQueryResult(result.records);
        }
    } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return failed(`${error.errorCode}: ${error.message}`);
    }
    if (object !== job.object) {
        return failed(
            `INVALID_TYPE_FOR_OPERATION: The root entity of the requested query (${object}) does not match the entity of the requested Bulk API Job (${job.object}).`
        );
    }
    const resultId = nextId(ctx.db, RESULT_PREFIX);
    ctx.db.prepare('INSERT INTO _lo_bulk_query_results (job_id, csv) VALUES (?, ?)').run(batchId, content);
    return {
        job: { ...row, state: 'JobComplete', total_rows: count, records_processed: count },
        resultId
    };
}

type BatchRow = JobRow & { job_id: string; result_id: string | null };

function batchesOf(db: Db, job: V1Job): BatchRow[] {
    return db
        .prepare(
            `SELECT j.*, b.job_id, b.result_id FROM _lo_bulk1_batches b JOIN _lo_bulk_jobs j ON j.id = b.id
             WHERE b.job_id = ? ORDER BY j.created_date, j.id`
        )
        .all(job.id) as BatchRow[];
}

function findBatch(db: Db, job: V1Job, batchId: string): BatchRow {
    const link = db.prepare('SELECT * FROM _lo_bulk1_batches WHERE id = ? AND job_id = ?').get(batchId, job.id) as
        V1Batch | undefined;
    const row = link ? readJob(db, batchId) : undefined;
    if (!link || !row) throw new AsyncApiError(400, 'InvalidBatch', `Invalid batch id: ${batchId}`);
    return { ...row, job_id: link.job_id, result_id: link.result_id };
}

/** The engine's states as a batch's: Queued, InProgress, Completed, Failed, NotProcessed. */
function batchState(state: JobState): string {
    switch (state) {
        case 'Open':
        case 'UploadComplete':
            return 'Queued';
        case 'InProgress':
            return 'InProgress';
        case 'JobComplete':
            return 'Completed';
        case 'Failed':
            return 'Failed';
        default:
            return 'NotProcessed';
    }
}

function timestamp(stored: string): string {
    return new Date(stored).toISOString();
}

/** BatchInfo, with the fields in the order the Bulk API Developer Guide shows them. */
function batchInfo(batch: BatchRow): Record<string, unknown> {
    return {
        id: batch.id,
        jobId: batch.job_id,
        state: batchState(batch.state),
        stateMessage: batch.error_message ?? undefined,
        createdDate: timestamp(batch.created_date),
        systemModstamp: timestamp(batch.system_modstamp),
        numberRecordsProcessed: batch.records_processed,
        numberRecordsFailed: batch.records_failed,
        totalProcessingTime: batch.processing_ms,
        apiActiveProcessingTime: batch.processing_ms,
        apexProcessingTime: 0
    };
}

/** JobInfo, its counters summed over the job's batches. */
function jobInfo(db: Db, job: V1Job): Record<string, unknown> {
    const batches = batchesOf(db, job);
    const count = (state: string) => batches.filter((batch) => batchState(batch.state) === state).length;
    const sum = (pick: (batch: BatchRow) => number) => batches.reduce((total, batch) => total + pick(batch), 0);
    return {
        id: job.id,
        operation: job.operation,
        object: job.object,
        createdById: job.created_by,
        createdDate: timestamp(job.created_date),
        systemModstamp: timestamp(job.system_modstamp),
        state: job.state,
        externalIdFieldName: job.external_id_field ?? undefined,
        concurrencyMode: 'Parallel',
        contentType: job.content_type,
        numberBatchesQueued: count('Queued'),
        numberBatchesInProgress: count('InProgress'),
        numberBatchesCompleted: count('Completed'),
        numberBatchesFailed: count('Failed'),
        numberBatchesTotal: batches.length,
        numberRecordsProcessed: sum((batch) => batch.records_processed),
        numberRetries: 0,
        apiVersion: job.api_version,
        numberRecordsFailed: sum((batch) => batch.records_failed),
        totalProcessingTime: sum((batch) => batch.processing_ms),
        apiActiveProcessingTime: sum((batch) => batch.processing_ms),
        apexProcessingTime: 0
    };
}

/** Results of a batch that has finished: per-row outcomes of an ingest batch, the result ids of a query batch. */
function batchResults(db: Db, job: V1Job, batch: BatchRow): AsyncReply {
    const state = batchState(batch.state);
    if (state !== 'Completed' && !(state === 'Failed' && batch.records_processed > 0)) {
        throw new AsyncApiError(400, 'InvalidBatch', `Batch not completed: ${batch.id} is ${state}`);
    }
    if (batch.job_type === 'V1Query') {
        return resultListReply(batch.result_id ? [batch.result_id] : [], job.content_type === 'JSON');
    }
    const chunks = db
        .prepare('SELECT results FROM _lo_bulk_chunks WHERE job_id = ? AND results IS NOT NULL ORDER BY chunk')
        .all(batch.id) as { results: string }[];
    const outcomes = chunks.flatMap((chunk) => JSON.parse(chunk.results) as RowResult[]);
    return ingestResultsReply(outcomes, job.content_type);
}

function queryResult(db: Db, job: V1Job, batch: BatchRow, resultId: string): AsyncReply {
    if (batch.job_type !== 'V1Query' || batch.result_id !== resultId) {
        throw new AsyncApiError(400, 'InvalidBatch', `Invalid result id: ${resultId}`);
    }
    const stored = db.prepare('SELECT csv FROM _lo_bulk_query_results WHERE job_id = ?').get(batch.id) as
        { csv: string } | undefined;
    const contentType =
        job.content_type === 'CSV' ? 'text/csv' : job.content_type === 'JSON' ? 'application/json' : 'application/xml';
    return { status: 200, contentType, body: stored?.csv ?? '' };
}

/**
 * Bulk API 1.0 jobs as Bulk API 2.0's Get All Jobs lists them (`jobType` Classic: "Classic—Bulk API 1.0 job", Get
 * Information About All Ingest Jobs / All Query Jobs): ingest jobs under /jobs/ingest, query jobs under /jobs/query.
 */
export function classicJobEntries(
    db: Db,
    kind: 'ingest' | 'query',
    createdBy: string | undefined
): Record<string, unknown>[] {
    createBulkV1Tables(db);
    const byUser = createdBy === undefined ? '' : ' AND created_by = ?';
    const jobs = db
        .prepare(
            `SELECT * FROM _lo_bulk1_jobs WHERE operation ${kind === 'query' ? '' : 'NOT '}IN ('query', 'queryAll')${byUser} ORDER BY created_date, id`
        )
        .all(...(createdBy === undefined ? [] : [createdBy])) as V1Job[];
    return jobs.map((job) => ({
        id: job.id,
        operation: job.operation,
        object: job.object,
        createdById: job.created_by,
        createdDate: formatDateTime(timestamp(job.created_date)),
        systemModstamp: formatDateTime(timestamp(job.system_modstamp)),
        state: job.state,
        concurrencyMode: 'Parallel',
        contentType: job.content_type,
        apiVersion: Number(job.api_version),
        jobType: 'Classic'
    }));
}
