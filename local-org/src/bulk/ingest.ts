/**
 * Processing Bulk API 2.0 ingest jobs: after UploadComplete the rows run in chunks, each chunk in one transaction
 * that also stores the chunk's results and the job's counters, so a crash leaves every chunk either applied with its
 * results or not at all. Every row goes through writes.ts as the job's creator; a DML batch of 200 rows is saved
 * as Salesforce saves one (processBatch): a bad row fails alone, and the others are saved with their automation.
 * Chunks of different jobs take turns, and the event loop is free between chunks.
 */
import Database from 'better-sqlite3';
import type { CallContext } from '../context.ts';
import { ApiError, recordError } from '../errors.ts';
import type { LocalOrg } from '../org.ts';
import { FlowsRun, inSavepoint } from '../savepoint.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import {
    createRecord,
    deleteRecord,
    MultipleMatchesError,
    updateRecord,
    upsertRecord,
    type RecordInput
} from '../writes.ts';
import { columnsOf, createBulkTables, readJob, updateJob, type JobRow, type JobType, type RowResult } from './jobs.ts';

/** Jobs the runner applies: Bulk API 2.0 ingest jobs and Bulk API 1.0 ingest batches. */
const INGEST_TYPES: JobType[] = ['V2Ingest', 'V1Batch'];

/** Rows per stored chunk and per processing transaction. A multiple of DML_BATCH. */
export const CHUNK_ROWS = 1000;
/** Salesforce runs a job's DML 200 records at a time; an upsert key repeated within those 200 fails each time. */
const DML_BATCH = 200;
/** Finished jobs are kept for seven days, as on Salesforce. */
const RETENTION_MS = 7 * 24 * 60 * 60 * 1000;

/** A problem with the whole job (its header, its data): the job fails with this message. */
export class JobFailure extends Error {}

export type ColumnPlan =
    | { kind: 'id' }
    | { kind: 'field'; name: string }
    /** `Account.Caseline_Key__c` (`Account:What.Name` for a polymorphic lookup): a parent found by a unique field. */
    | { kind: 'parent'; lookup: string; relationship: string; type: string; key: string };

function fieldNotFound(column: string): JobFailure {
    return new JobFailure(`InvalidBatch : Field name not found : ${column}`);
}

/** How each uploaded column becomes a value for writes.ts; columns the creator cannot see do not exist. */
export function planColumns(ctx: CallContext, object: ObjectDef, header: string[]): ColumnPlan[] {
    const seen = new Set<string>();
    return header.map((column): ColumnPlan => {
        const lower = column.toLowerCase();
        if (seen.has(lower)) throw new JobFailure(`InvalidBatch : Duplicate field name : ${column}`);
        seen.add(lower);
        const dot = column.indexOf('.');
        if (dot === -1) {
            const field = ctx.schema.field(object.name, column);
            if (!field || !ctx.access.canReadField(object.name, field.name)) throw fieldNotFound(column);
            return field.type === 'id' ? { kind: 'id' } : { kind: 'field', name: field.name };
        }
        const colon = column.lastIndexOf(':', dot);
        const lookup = ctx.schema.relationship(object.name, column.slice(colon + 1, dot));
        const targets = lookup?.referenceTo ?? [];
        const typeName = colon === -1 ? (targets.length === 1 ? targets[0] : '') : column.slice(0, colon);
        const target = targets.find((t) => t.toLowerCase() === typeName.toLowerCase());
        if (!lookup || !target || !ctx.access.canReadField(object.name, lookup.name)) throw fieldNotFound(column);
        const key = ctx.schema.field(target, column.slice(dot + 1));
        if (!key || !ctx.access.canReadField(target, key.name)) throw fieldNotFound(column);
        const type = ctx.schema.object(target)?.name ?? target;
        return { kind: 'parent', lookup: lookup.name, relationship: lookup.relationshipName!, type, key: key.name };
    });
}

/** `CODE:message:Field1 Field2 --`, the way Salesforce writes sf__Error. */
export function bulkErrorText(error: ApiError): string {
    const fields = error.fields.map((field) => `${field} `).join('');
    return `${error.errorCode}:${error.message}:${fields}--`;
}

interface RowContext {
    ctx: CallContext;
    object: ObjectDef;
    operation: string;
    /** Upsert only. */
    keyField: FieldDef | undefined;
    plans: ColumnPlan[];
}

/** One uploaded row through writes.ts. Empty values are left alone (unchanged on update); `#N/A` is null. */
function applyRow(rc: RowContext, row: string[]): { id: string; created: boolean } {
    let id: string | undefined;
    const input: RecordInput = {};
    for (let i = 0; i < rc.plans.length; i++) {
        const value = row[i];
        if (value === '') continue;
        const plan = rc.plans[i];
        if (plan.kind === 'id') id = value;
        else if (plan.kind === 'field') input[plan.name] = value === '#N/A' ? null : value;
        else if (value === '#N/A') input[plan.lookup] = null;
        else input[plan.relationship] = { attributes: { type: plan.type }, [plan.key]: value };
    }
    const objectName = rc.object.name;
    switch (rc.operation) {
        case 'insert':
            if (id !== undefined) input.Id = id;
            return { id: createRecord(rc.ctx, objectName, input), created: true };
        case 'update':
            if (id === undefined) throw recordError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
            return { id: updateRecord(rc.ctx, objectName, id, input), created: false };
        case 'upsert': {
            const keyField = rc.keyField!;
            const keyValue = keyField.type === 'id' ? id : input[keyField.name];
            return upsertRecord(rc.ctx, objectName, keyField.name, keyValue, input);
        }
        default:
            if (id === undefined) throw recordError('MISSING_ARGUMENT', 'Id not specified in a delete call', ['Id']);
            return { id: deleteRecord(rc.ctx, objectName, id), created: false };
    }
}

function rowError(rc: RowContext, error: unknown): string {
    if (error instanceof MultipleMatchesError) {
        const ids = error.urls.map((url) => url.slice(url.lastIndexOf('/') + 1));
        return bulkErrorText(
            recordError(
                'DUPLICATE_EXTERNAL_ID',
                `${rc.keyField?.label ?? 'External ID'}: more than one record found for external id field: [${ids.join(', ')}]`
            )
        );
    }
    if (error instanceof ApiError) return bulkErrorText(error);
    // Database errors stop the chunk (rolled back, the job fails); anything else is this row's problem alone.
    if (error instanceof Database.SqliteError) throw error;
    const errorId = Date.now().toString(36);
    console.error(`local-org: unexpected error ${errorId} in a bulk row:`, error);
    return bulkErrorText(
        new ApiError(
            500,
            'UNKNOWN_EXCEPTION',
            `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`
        )
    );
}

/** Rows whose upsert key repeats within the same 200-record DML batch. */
function repeatedKeys(rc: RowContext, rows: string[][]): Set<number> {
    const repeated = new Set<number>();
    const keyField = rc.keyField;
    if (!keyField || keyField.type === 'id') return repeated;
    const column = rc.plans.findIndex((plan) => plan.kind === 'field' && plan.name === keyField.name);
    if (column === -1) return repeated;
    for (let start = 0; start < rows.length; start += DML_BATCH) {
        const firstRow = new Map<string, number>();
        for (let i = start; i < Math.min(start + DML_BATCH, rows.length); i++) {
            const raw = rows[i][column];
            if (raw === '' || raw === '#N/A') continue;
            const key = keyField.caseSensitive ? raw : raw.toLowerCase();
            const first = firstRow.get(key);
            if (first === undefined) firstRow.set(key, i);
            else repeated.add(first).add(i);
        }
    }
    return repeated;
}

/** The result a failed row reports: its error, and the Id it was given when the operation reports that. */
function failedRow(rc: RowContext, row: string[], error: string): RowResult {
    const idColumn = rc.plans.findIndex((plan) => plan.kind === 'id');
    const reportsGivenId = rc.operation === 'update' || rc.operation === 'delete' || rc.keyField?.type === 'id';
    return [0, reportsGivenId && idColumn !== -1 ? row[idColumn] : '', 0, error];
}

function repeatedKeyError(rc: RowContext, row: string[]): string {
    const column = rc.plans.findIndex((plan) => plan.kind === 'field' && plan.name === rc.keyField!.name);
    return `DUPLICATE_VALUE:Duplicate external id specified: ${row[column]}:--`;
}

/** Thrown inside an attempt's savepoint to undo it when one of its rows failed; carries every row's outcome. */
class AttemptHasFailures extends Error {
    constructor(readonly outcomes: RowResult[]) {
        super('a row failed');
    }
}

/**
 * One attempt at a DML batch: every row in one savepoint, each row's error caught and the next row run. Kept when
 * no row failed; otherwise rolled back (with the record of the flows it ran), returning what each row did.
 */
function attemptRows(rc: RowContext, rows: string[][]): { kept: boolean; outcomes: RowResult[] } {
    try {
        const outcomes = inSavepoint(rc.ctx, () => {
            let failed = false;
            const outcomes = rows.map((row): RowResult => {
                try {
                    const { id, created } = applyRow(rc, row);
                    return [1, id, created ? 1 : 0, ''];
                } catch (error) {
                    failed = true;
                    return failedRow(rc, row, rowError(rc, error));
                }
            });
            if (failed) throw new AttemptHasFailures(outcomes);
            return outcomes;
        });
        return { kept: true, outcomes };
    } catch (error) {
        if (!(error instanceof AttemptHasFailures)) throw error;
        return { kept: false, outcomes: error.outcomes };
    }
}

/** Attempts at one DML batch before it fails as a whole, as Salesforce's partial save makes them. */
const MAX_ATTEMPTS = 3;

/**
 * One DML batch, saved as Salesforce saves a bulk DML call that allows partial success (Apex Developer Guide,
 * "Bulk DML Exception Handling"): the first attempt processes every record and sets aside those that fail; if any
 * failed, the attempt is rolled back and the next one processes only the records that did not fail, up to a third
 * and final attempt, after which "the entire operation fails with the error message, 'Too many batch retries in the
 * presence of Apex triggers and partial failures.'" Triggers are "re-fired on this subset" on each retry, so the
 * retried rows run their flows again: the rolled-back attempt takes its record of the flows it ran with it
 * (savepoint.ts). A batch of 200 is its own transaction ("When DML is executed with Bulk API, each chunk of 200
 * records is processed as a separate transaction", Bulk API Limits), so it starts with no flows run. A clean batch,
 * nearly every load, is one attempt in one savepoint.
 */
function processBatch(rc: RowContext, rows: string[][], first: number, repeated: Set<number>): RowResult[] {
    const batch: RowContext = { ...rc, ctx: { ...rc.ctx, flowsRun: new FlowsRun() } };
    const results: (RowResult | undefined)[] = rows.map((row, offset) =>
        repeated.has(first + offset) ? failedRow(rc, row, repeatedKeyError(rc, row)) : undefined
    );
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const pending = results.flatMap((result, offset) => (result === undefined ? [offset] : []));
        if (pending.length === 0) break;
        const { kept, outcomes } = attemptRows(
            batch,
            pending.map((offset) => rows[offset])
        );
        pending.forEach((offset, i) => {
            if (kept || outcomes[i][0] === 0) results[offset] = outcomes[i];
        });
        if (kept) break;
    }
    // The docs give the message, not a status code: local-org reports it as UNKNOWN_EXCEPTION.
    const tooManyRetries =
        'UNKNOWN_EXCEPTION:Too many batch retries in the presence of Apex triggers and partial failures.:--';
    return results.map((result, offset) => result ?? failedRow(rc, rows[offset], tooManyRetries));
}

/** The chunk's rows, DML batch by DML batch. */
function processRows(rc: RowContext, rows: string[][]): RowResult[] {
    const repeated = repeatedKeys(rc, rows);
    const results: RowResult[] = [];
    for (let start = 0; start < rows.length; start += DML_BATCH)
        results.push(...processBatch(rc, rows.slice(start, start + DML_BATCH), start, repeated));
    return results;
}

function fail(org: LocalOrg, job: JobRow, message: string): void {
    updateJob(org.db, job.id, {
        state: 'Failed',
        error_message: message,
        system_modstamp: new Date().toISOString()
    });
}

/** Processes the job's next chunk in one transaction; true when there is more to do. */
export function processNextChunk(org: LocalOrg, jobId: string): boolean {
    const started = performance.now();
    const db = org.db;
    return db.transaction((): boolean => {
        const job = readJob(db, jobId);
        if (
            !job ||
            !INGEST_TYPES.includes(job.job_type) ||
            (job.state !== 'UploadComplete' && job.state !== 'InProgress')
        ) {
            return false;
        }
        const ctx = org.context(job.created_by, job.api_version);
        if (job.assignment_rule_id) ctx.assignment = { kind: 'rule', id: job.assignment_rule_id };
        let rc: RowContext;
        try {
            if (job.upload_error) throw new JobFailure(job.upload_error);
            const object = ctx.schema.object(job.object);
            if (!object || !ctx.access.canReadObject(object.name)) {
                throw new JobFailure(`InvalidJob : Unable to find object: ${job.object}`);
            }
            const keyField = job.external_id_field ? ctx.schema.field(object.name, job.external_id_field) : undefined;
            if (job.operation === 'upsert' && !keyField) throw fieldNotFound(job.external_id_field ?? '');
            rc = { ctx, object, operation: job.operation, keyField, plans: planColumns(ctx, object, columnsOf(job)) };
        } catch (error) {
            if (!(error instanceof JobFailure)) throw error;
            fail(org, job, error.message);
            return false;
        }
        const now = new Date().toISOString();
        if (job.next_chunk >= job.chunk_count) {
            updateJob(db, job.id, { state: 'JobComplete', system_modstamp: now });
            return false;
        }
        const chunk = db
            .prepare('SELECT rows FROM _lo_bulk_chunks WHERE job_id = ? AND chunk = ?')
            .get(job.id, job.next_chunk) as { rows: string };
        const rows = JSON.parse(chunk.rows) as string[][];
        const results = processRows(rc, rows);
        db.prepare('UPDATE _lo_bulk_chunks SET results = ? WHERE job_id = ? AND chunk = ?').run(
            JSON.stringify(results),
            job.id,
            job.next_chunk
        );
        let failed = 0;
        for (const result of results) if (result[0] === 0) failed += 1;
        const nextChunk = job.next_chunk + 1;
        const done = nextChunk >= job.chunk_count;
        updateJob(db, job.id, {
            state: done ? 'JobComplete' : 'InProgress',
            next_chunk: nextChunk,
            records_processed: job.records_processed + rows.length,
            records_failed: job.records_failed + failed,
            processing_ms: job.processing_ms + Math.round(performance.now() - started),
            system_modstamp: now
        });
        return !done;
    })();
}

/**
 * Runs the org's closed ingest jobs, one chunk at a time, round robin, yielding to the event loop between chunks so
 * other API calls are served meanwhile. One runner per org.
 */
export class BulkRunner {
    private static readonly runners = new WeakMap<LocalOrg, BulkRunner>();
    private readonly queue: string[] = [];
    private scheduled = false;

    static for(org: LocalOrg): BulkRunner {
        let runner = BulkRunner.runners.get(org);
        if (!runner) {
            runner = new BulkRunner(org);
            BulkRunner.runners.set(org, runner);
        }
        return runner;
    }

    private constructor(private readonly org: LocalOrg) {
        createBulkTables(org.db);
        const cutoff = new Date(Date.now() - RETENTION_MS).toISOString();
        org.db.transaction(() => {
            const expired = org.db
                .prepare(
                    "SELECT id FROM _lo_bulk_jobs WHERE created_date < ? AND state IN ('JobComplete', 'Failed', 'Aborted')"
                )
                .all(cutoff) as { id: string }[];
            for (const { id } of expired) {
                org.db.prepare('DELETE FROM _lo_bulk_chunks WHERE job_id = ?').run(id);
                org.db.prepare('DELETE FROM _lo_bulk_query_results WHERE job_id = ?').run(id);
                org.db.prepare('DELETE FROM _lo_bulk_jobs WHERE id = ?').run(id);
            }
        })();
        // Jobs cut short by a restart resume at their next chunk: a chunk commits with its results, so none runs twice.
        const unfinished = org.db
            .prepare(
                "SELECT id FROM _lo_bulk_jobs WHERE job_type IN ('V2Ingest', 'V1Batch') AND state IN ('UploadComplete', 'InProgress') ORDER BY created_date, id"
            )
            .all() as { id: string }[];
        for (const { id } of unfinished) this.enqueue(id);
    }

    enqueue(jobId: string): void {
        if (!this.queue.includes(jobId)) this.queue.push(jobId);
        this.wake();
    }

    private wake(): void {
        if (this.scheduled) return;
        this.scheduled = true;
        // After the current API call's transaction has committed, and after pending I/O.
        setImmediate(() => this.step());
    }

    private step(): void {
        this.scheduled = false;
        if (!this.org.db.open) {
            this.queue.length = 0;
            return;
        }
        const jobId = this.queue.shift();
        if (jobId === undefined) return;
        let more = false;
        try {
            more = processNextChunk(this.org, jobId);
        } catch (error) {
            if (!this.org.db.open) return;
            console.error(`local-org: bulk job ${jobId} failed:`, error);
            this.org.db.transaction(() => {
                const job = readJob(this.org.db, jobId);
                if (job) fail(this.org, job, `InternalServerError : ${(error as Error).message}`);
            })();
        }
        if (more) this.queue.push(jobId);
        if (this.queue.length > 0) this.wake();
    }
}
