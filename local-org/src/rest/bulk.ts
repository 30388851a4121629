/**
 * Bulk API 2.0 (`/jobs/ingest`, `/jobs/query`), the wire protocol jsforce's `bulk2` and the sf CLI speak: JSON job
 * resources, CSV uploads and CSV results. Ingest jobs run after UploadComplete, in the background (bulk/ingest.ts);
 * query jobs run when created and keep their result as one CSV page.
 */
import { COLUMN_DELIMITERS, CsvError, CsvWriter, LINE_ENDINGS, parseCsv, type ColumnDelimiter } from '../bulk/csv.ts';
import { BulkRunner, CHUNK_ROWS } from '../bulk/ingest.ts';
import {
    columnsOf,
    deleteJob,
    insertJob,
    jobInfo,
    jobListEntry,
    jobSummary,
    listJobs,
    readJob,
    updateJob,
    type JobRow,
    type JobState,
    type JobType
} from '../bulk/jobs.ts';
import { runQueryJob } from '../bulk/query.ts';
import { classicJobEntries } from '../bulk/v1.ts';
import { ApiError, notFound, notSupported } from '../errors.ts';
import type { LocalOrg } from '../org.ts';
import { visibleObject } from '../records.ts';
import { canonicalId } from '../ids.ts';
import { nextId } from '../store.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';

const JOB_KEY_PREFIX = '750';
const INGEST_OPERATIONS = ['insert', 'update', 'upsert', 'delete'];
const DELETABLE: JobState[] = ['UploadComplete', 'JobComplete', 'Aborted', 'Failed'];
const ABORTABLE: JobState[] = ['Open', 'UploadComplete', 'InProgress'];

function invalidJob(message: string): ApiError {
    return new ApiError(400, 'INVALIDJOB', `InvalidJob : ${message}`);
}

function invalidState(message: string): ApiError {
    return new ApiError(400, 'INVALIDJOBSTATE', message);
}

/** A CSV body, sent as is (the server writes Buffers untouched). */
function csv(text: string, headers: Record<string, string> = {}): RestResponse {
    return { status: 200, body: Buffer.from(text, 'utf8'), headers: { 'Content-Type': 'text/csv', ...headers } };
}

/** Bulk API 2.0 exists from v41.0. */
function checkVersion(request: RestRequest): void {
    if (Number(request.ctx.apiVersion) < 41) throw notFound();
}

/** The caller's job of this type; other users' jobs exist only for users with Modify All Data. */
function findJob(request: RestRequest, jobType: JobType): JobRow {
    checkVersion(request);
    const job = readJob(request.ctx.db, request.params[0]);
    if (!job || job.job_type !== jobType) throw notFound();
    if (job.created_by !== request.ctx.userId && !request.ctx.access.modifyAllData) throw notFound();
    return job;
}

function enumOption<T extends string>(
    body: Record<string, unknown>,
    name: string,
    allowed: readonly T[],
    fallback: T
): T {
    const value = body[name] ?? fallback;
    if (typeof value !== 'string' || !allowed.includes(value as T)) {
        throw invalidJob(`Invalid ${name}: ${String(value)}. Expected one of ${allowed.join(', ')}`);
    }
    return value as T;
}

interface CommonOptions {
    columnDelimiter: ColumnDelimiter;
    lineEnding: 'LF' | 'CRLF';
}

function commonOptions(body: Record<string, unknown>): CommonOptions {
    enumOption(body, 'contentType', ['CSV'], 'CSV');
    return {
        columnDelimiter: enumOption(
            body,
            'columnDelimiter',
            Object.keys(COLUMN_DELIMITERS) as ColumnDelimiter[],
            'COMMA'
        ),
        lineEnding: enumOption(body, 'lineEnding', ['LF', 'CRLF'], 'LF')
    };
}

function newJob(request: RestRequest, fields: Pick<JobRow, 'job_type' | 'operation' | 'object'>): JobRow {
    const now = new Date().toISOString();
    return {
        id: nextId(request.ctx.db, JOB_KEY_PREFIX),
        ...fields,
        external_id_field: null,
        column_delimiter: 'COMMA',
        line_ending: 'LF',
        state: 'Open',
        error_message: null,
        created_by: request.ctx.userId,
        created_date: now,
        system_modstamp: now,
        api_version: request.ctx.apiVersion,
        columns: null,
        uploaded: 0,
        upload_error: null,
        total_rows: 0,
        chunk_count: 0,
        next_chunk: 0,
        records_processed: 0,
        records_failed: 0,
        processing_ms: 0
    };
}

/**
 * Bulk API 2.0's assignmentRuleId: "The ID of an assignment rule to run for a Case or a Lead. The assignment rule can
 * be active or inactive" (Bulk API 2.0 Developer Guide, "Create a Job"); without it a job runs no assignment rule.
 */
function jobAssignmentRule(value: unknown): string | null {
    if (value === undefined || value === null) return null;
    const id = typeof value === 'string' ? canonicalId(value) : null;
    if (id === null || !id.startsWith('01Q')) throw invalidJob(`Invalid assignmentRuleId: ${String(value)}`);
    return id;
}

function createIngestJob(request: RestRequest): RestResponse {
    checkVersion(request);
    const body = objectBody(request);
    if (typeof body.object !== 'string' || body.object === '') throw invalidJob('Object is required');
    if (body.operation === 'hardDelete') throw notSupported('Bulk API 2.0 hardDelete');
    const operation = enumOption(body, 'operation', INGEST_OPERATIONS, '');
    const assignmentRuleId = jobAssignmentRule(body.assignmentRuleId);
    const object = visibleObject(request.ctx, body.object);
    if (!object) throw invalidJob(`Unable to find object: ${body.object}`);
    let externalIdField: string | null = null;
    if (operation === 'upsert') {
        const name = body.externalIdFieldName;
        if (typeof name !== 'string' || name === '') {
            throw invalidJob(`External ID was blank for ${object.name}. An External ID must be specified for upsert.`);
        }
        const field = request.ctx.schema.field(object.name, name);
        if (
            !field ||
            !(field.externalId || field.idLookup || field.type === 'id') ||
            !request.ctx.access.canReadField(object.name, field.name)
        ) {
            throw invalidJob(`Field name provided, ${name} is not an External ID or indexed field for ${object.name}`);
        }
        externalIdField = field.name;
    }
    const options = commonOptions(body);
    const job: JobRow = {
        ...newJob(request, { job_type: 'V2Ingest', operation, object: object.name }),
        external_id_field: externalIdField,
        column_delimiter: options.columnDelimiter,
        line_ending: options.lineEnding,
        assignment_rule_id: assignmentRuleId
    };
    insertJob(request.ctx.db, job);
    return json(200, jobSummary(job));
}

/** The line ending the data uses, judged by its header line. */
function dataLineEnding(text: string): 'LF' | 'CRLF' | undefined {
    const end = text.indexOf('\n');
    if (end === -1) return undefined;
    return end > 0 && text.charCodeAt(end - 1) === 13 ? 'CRLF' : 'LF';
}

/** PUT /jobs/ingest/<id>/batches: the job's one CSV upload, stored in chunks until the job is closed. */
function upload(request: RestRequest): RestResponse {
    const job = findJob(request, 'V2Ingest');
    const db = request.ctx.db;
    if (job.state !== 'Open') throw invalidState(`Job ${job.id} is not open for uploads: its state is ${job.state}`);
    if (job.uploaded === 1) {
        throw new ApiError(
            400,
            'BULK_API_ERROR',
            `Found multiple contents for job: <${job.id}>, please 'Close' / 'Abort' / 'Delete' the current Job then create a new Job and make sure you only do 'PUT' once on a given Job.`
        );
    }
    if (!Buffer.isBuffer(request.body)) throw invalidJob('Job data must be uploaded as Content-Type text/csv');
    const text = request.body.toString('utf8');
    let header: string[] = [];
    let rows: string[][] = [];
    let uploadError: string | null = null;
    const ending = dataLineEnding(text);
    if (ending !== undefined && ending !== job.line_ending) {
        uploadError = `ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is ${job.line_ending}`;
    } else {
        try {
            ({ header, rows } = parseCsv(text, COLUMN_DELIMITERS[job.column_delimiter]));
        } catch (error) {
            if (!(error instanceof CsvError)) throw error;
            uploadError = `InvalidBatch : Failed to parse CSV: ${error.message}`;
        }
    }
    const insertChunk = db.prepare('INSERT INTO _lo_bulk_chunks (job_id, chunk, rows) VALUES (?, ?, ?)');
    let chunks = 0;
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
        insertChunk.run(job.id, chunks, JSON.stringify(rows.slice(start, start + CHUNK_ROWS)));
        chunks += 1;
    }
    updateJob(db, job.id, {
        uploaded: 1,
        columns: JSON.stringify(header),
        upload_error: uploadError,
        total_rows: rows.length,
        chunk_count: chunks,
        system_modstamp: new Date().toISOString()
    });
    return { status: 201 };
}

function changeIngestState(request: RestRequest, runner: BulkRunner): RestResponse {
    const job = findJob(request, 'V2Ingest');
    const state = objectBody(request).state;
    if (state === 'UploadComplete') {
        if (job.state !== 'Open') throw invalidState(`Job ${job.id} can only be closed when Open: it is ${job.state}`);
        updateJob(request.ctx.db, job.id, { state, system_modstamp: new Date().toISOString() });
        runner.enqueue(job.id);
    } else if (state === 'Aborted') {
        if (!ABORTABLE.includes(job.state)) throw invalidState(`Job ${job.id} cannot be aborted: it is ${job.state}`);
        updateJob(request.ctx.db, job.id, { state, system_modstamp: new Date().toISOString() });
    } else {
        throw invalidState(`Invalid state for an ingest job: ${String(state)}. Use UploadComplete or Aborted`);
    }
    return json(200, jobSummary(readJob(request.ctx.db, job.id)!));
}

function removeJob(request: RestRequest, jobType: JobType): RestResponse {
    const job = findJob(request, jobType);
    if (!DELETABLE.includes(job.state)) {
        throw invalidState(`Job ${job.id} can only be deleted when ${DELETABLE.join(', ')}: it is ${job.state}`);
    }
    deleteJob(request.ctx.db, job.id);
    return { status: 204 };
}

function list(request: RestRequest, jobType: JobType): RestResponse {
    checkVersion(request);
    const wanted = request.query.get('jobType');
    const { ctx } = request;
    const createdBy = ctx.access.modifyAllData ? undefined : ctx.userId;
    const jobs = wanted && wanted !== jobType ? [] : listJobs(ctx.db, jobType, createdBy).map(jobListEntry);
    // Bulk API 1.0 jobs are listed too, as jobType Classic (bulk/v1.ts).
    const classic =
        wanted && wanted !== 'Classic'
            ? []
            : classicJobEntries(ctx.db, jobType === 'V2Query' ? 'query' : 'ingest', createdBy);
    return json(200, { done: true, records: [...jobs, ...classic], nextRecordsUrl: null });
}

type ResultKind = 'successful' | 'failed' | 'unprocessed';

/** successfulResults, failedResults, unprocessedrecords: the uploaded rows in upload order, with their outcome. */
function results(request: RestRequest, kind: ResultKind): RestResponse {
    const job = findJob(request, 'V2Ingest');
    const columns = columnsOf(job);
    const writer = new CsvWriter(COLUMN_DELIMITERS[job.column_delimiter], LINE_ENDINGS[job.line_ending]);
    if (kind === 'unprocessed') {
        if (columns.length === 0) return csv('');
        writer.header([], columns);
    } else {
        writer.header(['sf__Id', kind === 'successful' ? 'sf__Created' : 'sf__Error'], columns);
    }
    const done = kind === 'unprocessed' ? 'IS NULL' : 'IS NOT NULL';
    const chunks = request.ctx.db
        .prepare(`SELECT rows, results FROM _lo_bulk_chunks WHERE job_id = ? AND results ${done} ORDER BY chunk`)
        .all(job.id) as { rows: string; results: string | null }[];
    for (const chunk of chunks) {
        const rows = JSON.parse(chunk.rows) as string[][];
        if (chunk.results === null) {
            for (const row of rows) writer.row(row);
            continue;
        }
        const outcomes = JSON.parse(chunk.results) as [number, string, number, string][];
        for (let i = 0; i < rows.length; i++) {
            const [success, id, created, error] = outcomes[i];
            if (kind === 'successful' && success === 1) writer.resultRow(id, created ? 'true' : 'false', rows[i]);
            else if (kind === 'failed' && success === 0) writer.resultRow(id, error, rows[i]);
        }
    }
    return csv(writer.text());
}

function createQueryJob(request: RestRequest): RestResponse {
    checkVersion(request);
    const body = objectBody(request);
    const operation = enumOption(body, 'operation', ['query', 'queryAll'], 'query');
    if (typeof body.query !== 'string' || body.query.trim() === '') throw invalidJob('Query is required');
    const options = commonOptions(body);
    const result = runQueryJob(
        request.ctx,
        body.query,
        operation === 'queryAll',
        COLUMN_DELIMITERS[options.columnDelimiter],
        LINE_ENDINGS[options.lineEnding]
    );
    const job: JobRow = {
        ...newJob(request, { job_type: 'V2Query', operation, object: result.object }),
        column_delimiter: options.columnDelimiter,
        line_ending: options.lineEnding,
        state: 'JobComplete',
        total_rows: result.count,
        records_processed: result.count
    };
    insertJob(request.ctx.db, job);
    request.ctx.db.prepare('INSERT INTO _lo_bulk_query_results (job_id, csv) VALUES (?, ?)').run(job.id, result.csv);
    // The query has already run, but the create call answers as Salesforce's does, before processing.
    return json(200, jobSummary(job, 'UploadComplete'));
}

function changeQueryState(request: RestRequest): RestResponse {
    const job = findJob(request, 'V2Query');
    const state = objectBody(request).state;
    if (state !== 'Aborted') throw invalidState(`Invalid state for a query job: ${String(state)}. Use Aborted`);
    throw invalidState(`Job ${job.id} cannot be aborted: it is ${job.state}`);
}

/** The whole result in one page: jsforce 3 cannot read several (jsforce#1546), and stops at `Sforce-Locator: null`. */
function queryResults(request: RestRequest): RestResponse {
    const job = findJob(request, 'V2Query');
    const locator = request.query.get('locator');
    if (locator !== null && locator !== '' && locator !== 'null') {
        throw new ApiError(400, 'INVALID_QUERY_LOCATOR', `Invalid locator: ${locator}`);
    }
    const row = request.ctx.db.prepare('SELECT csv FROM _lo_bulk_query_results WHERE job_id = ?').get(job.id) as
        { csv: string } | undefined;
    return csv(row?.csv ?? '', { 'Sforce-Locator': 'null', 'Sforce-NumberOfRecords': String(job.records_processed) });
}

export function bulkRoutes(org: LocalOrg): Route[] {
    const runner = BulkRunner.for(org);
    const job = '([^/]+)';
    return [
        { method: 'POST', pattern: /^\/jobs\/ingest$/, handler: createIngestJob },
        { method: 'GET', pattern: /^\/jobs\/ingest$/, handler: (r) => list(r, 'V2Ingest') },
        {
            method: 'GET',
            pattern: new RegExp(`^/jobs/ingest/${job}$`),
            handler: (r) => json(200, jobInfo(findJob(r, 'V2Ingest')))
        },
        {
            method: 'PATCH',
            pattern: new RegExp(`^/jobs/ingest/${job}$`),
            handler: (r) => changeIngestState(r, runner)
        },
        { method: 'DELETE', pattern: new RegExp(`^/jobs/ingest/${job}$`), handler: (r) => removeJob(r, 'V2Ingest') },
        { method: 'PUT', pattern: new RegExp(`^/jobs/ingest/${job}/batches$`), handler: upload },
        {
            method: 'GET',
            pattern: new RegExp(`^/jobs/ingest/${job}/successfulResults$`),
            handler: (r) => results(r, 'successful')
        },
        {
            method: 'GET',
            pattern: new RegExp(`^/jobs/ingest/${job}/failedResults$`),
            handler: (r) => results(r, 'failed')
        },
        {
            method: 'GET',
            pattern: new RegExp(`^/jobs/ingest/${job}/unprocessedrecords$`),
            handler: (r) => results(r, 'unprocessed')
        },
        { method: 'POST', pattern: /^\/jobs\/query$/, handler: createQueryJob },
        { method: 'GET', pattern: /^\/jobs\/query$/, handler: (r) => list(r, 'V2Query') },
        {
            method: 'GET',
            pattern: new RegExp(`^/jobs/query/${job}$`),
            handler: (r) => json(200, jobInfo(findJob(r, 'V2Query')))
        },
        { method: 'PATCH', pattern: new RegExp(`^/jobs/query/${job}$`), handler: changeQueryState },
        { method: 'DELETE', pattern: new RegExp(`^/jobs/query/${job}$`), handler: (r) => removeJob(r, 'V2Query') },
        { method: 'GET', pattern: new RegExp(`^/jobs/query/${job}/results$`), handler: queryResults }
    ];
}
