/**
 * Bulk API 2.0 jobs in local-org's own tables, so a restart keeps them: the job, its uploaded rows in chunks (JSON
 * arrays of CSV values) with each chunk's results once processed, and a query job's result file.
 */
import type { Db } from '../store.ts';
import { formatDateTime } from '../values.ts';
import type { ColumnDelimiter, LineEnding } from './csv.ts';

export type JobState = 'Open' | 'UploadComplete' | 'InProgress' | 'JobComplete' | 'Failed' | 'Aborted';
export type IngestOperation = 'insert' | 'update' | 'upsert' | 'delete';
/** Bulk API 1.0 batches are kept as jobs of their own (`V1Batch` ingest, `V1Query` query): see bulk/v1.ts. */
export type JobType = 'V2Ingest' | 'V2Query' | 'V1Batch' | 'V1Query';

export interface JobRow {
    id: string;
    job_type: JobType;
    operation: string;
    object: string;
    external_id_field: string | null;
    column_delimiter: ColumnDelimiter;
    line_ending: LineEnding;
    state: JobState;
    error_message: string | null;
    created_by: string;
    created_date: string;
    system_modstamp: string;
    api_version: string;
    /** The uploaded header, JSON. */
    columns: string | null;
    uploaded: number;
    /** Why the upload cannot be processed (unreadable CSV); the job fails with it once closed. */
    upload_error: string | null;
    total_rows: number;
    chunk_count: number;
    next_chunk: number;
    records_processed: number;
    records_failed: number;
    processing_ms: number;
    /** Bulk 2.0's assignmentRuleId: the Case or Lead assignment rule the job's inserts run. */
    assignment_rule_id?: string | null;
}

/** One row's outcome: [success, id, created, error]. */
export type RowResult = [0 | 1, string, 0 | 1, string];

export function createBulkTables(db: Db): void {
    db.exec(`
        CREATE TABLE IF NOT EXISTS _lo_bulk_jobs (
            id TEXT PRIMARY KEY, job_type TEXT NOT NULL, operation TEXT NOT NULL, object TEXT NOT NULL,
            external_id_field TEXT, column_delimiter TEXT NOT NULL, line_ending TEXT NOT NULL, state TEXT NOT NULL,
            error_message TEXT, created_by TEXT NOT NULL, created_date TEXT NOT NULL, system_modstamp TEXT NOT NULL,
            api_version TEXT NOT NULL, columns TEXT, uploaded INTEGER NOT NULL DEFAULT 0, upload_error TEXT,
            total_rows INTEGER NOT NULL DEFAULT 0, chunk_count INTEGER NOT NULL DEFAULT 0,
            next_chunk INTEGER NOT NULL DEFAULT 0, records_processed INTEGER NOT NULL DEFAULT 0,
            records_failed INTEGER NOT NULL DEFAULT 0, processing_ms INTEGER NOT NULL DEFAULT 0,
            assignment_rule_id TEXT);
        CREATE TABLE IF NOT EXISTS _lo_bulk_chunks (
            job_id TEXT NOT NULL, chunk INTEGER NOT NULL, rows TEXT NOT NULL, results TEXT,
            PRIMARY KEY (job_id, chunk));
        CREATE TABLE IF NOT EXISTS _lo_bulk_query_results (job_id TEXT PRIMARY KEY, csv TEXT NOT NULL);
    `);
}

export function readJob(db: Db, id: string): JobRow | undefined {
    return db.prepare('SELECT * FROM _lo_bulk_jobs WHERE id = ?').get(id) as JobRow | undefined;
}

export function insertJob(db: Db, job: JobRow): void {
    const columns = Object.keys(job);
    db.prepare(
        `INSERT INTO _lo_bulk_jobs (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`
    ).run(job);
}

export function updateJob(db: Db, id: string, changes: Partial<JobRow>): void {
    const columns = Object.keys(changes);
    db.prepare(`UPDATE _lo_bulk_jobs SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({
        ...changes,
        id
    });
}

export function deleteJob(db: Db, id: string): void {
    db.prepare('DELETE FROM _lo_bulk_chunks WHERE job_id = ?').run(id);
    db.prepare('DELETE FROM _lo_bulk_query_results WHERE job_id = ?').run(id);
    db.prepare('DELETE FROM _lo_bulk_jobs WHERE id = ?').run(id);
}

export function listJobs(db: Db, jobType: JobType, createdBy: string | undefined): JobRow[] {
    const byUser = createdBy === undefined ? '' : ' AND created_by = ?';
    const params = createdBy === undefined ? [jobType] : [jobType, createdBy];
    return db
        .prepare(`SELECT * FROM _lo_bulk_jobs WHERE job_type = ?${byUser} ORDER BY created_date, id`)
        .all(...params) as JobRow[];
}

export function columnsOf(job: JobRow): string[] {
    return job.columns ? (JSON.parse(job.columns) as string[]) : [];
}

function baseInfo(job: JobRow, kind: 'ingest' | 'query'): Record<string, unknown> {
    return {
        id: job.id,
        operation: job.operation,
        object: job.object,
        createdById: job.created_by,
        createdDate: formatDateTime(job.created_date),
        systemModstamp: formatDateTime(job.system_modstamp),
        state: job.state,
        ...(job.external_id_field ? { externalIdFieldName: job.external_id_field } : {}),
        concurrencyMode: 'Parallel',
        contentType: 'CSV',
        apiVersion: Number(job.api_version),
        ...(kind === 'ingest' ? { contentUrl: `services/data/v${job.api_version}/jobs/ingest/${job.id}/batches` } : {}),
        lineEnding: job.line_ending,
        columnDelimiter: job.column_delimiter
    };
}

/** What create, close and abort answer. */
export function jobSummary(job: JobRow, state: JobState = job.state): Record<string, unknown> {
    return { ...baseInfo(job, job.job_type === 'V2Ingest' ? 'ingest' : 'query'), state };
}

/** What Get Job Info answers: the summary plus progress. */
export function jobInfo(job: JobRow): Record<string, unknown> {
    const info: Record<string, unknown> = {
        ...baseInfo(job, job.job_type === 'V2Ingest' ? 'ingest' : 'query'),
        jobType: job.job_type,
        numberRecordsProcessed: job.records_processed,
        retries: 0,
        totalProcessingTime: job.processing_ms
    };
    if (job.job_type === 'V2Ingest') {
        info.numberRecordsFailed = job.records_failed;
        info.apiActiveProcessingTime = job.processing_ms;
        info.apexProcessingTime = 0;
    } else {
        info.isPkChunkingSupported = false;
    }
    if (job.error_message) info.errorMessage = job.error_message;
    return info;
}

/** A record of Get All Jobs. */
export function jobListEntry(job: JobRow): Record<string, unknown> {
    return { ...baseInfo(job, job.job_type === 'V2Ingest' ? 'ingest' : 'query'), jobType: job.job_type };
}
