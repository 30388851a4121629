/**
 * The replication resources, `GET /sobjects/X/updated/?start=&end=` and `/sobjects/X/deleted/?start=&end=`, as the
 * REST API Developer Guide documents them ("sObject Get Updated", "sObject Get Deleted") and the SOAP API
 * Developer Guide's getUpdated() / getDeleted() rules they refer to:
 * - seconds are truncated from start and end ("12:30:15 is 12:30:00 UTC"); start must precede end, otherwise
 *   INVALID_REPLICATION_DATE;
 * - updated covers at most 30 days before the call, deleted at most 15 (INVALID_REPLICATION_DATE before that);
 * - a record's change time is its SystemModstamp, a deleted record's deletion time the SystemModstamp its delete
 *   wrote (local-org keeps deleted records in the recycle bin and never purges them);
 * - more than 600,000 ids is EXCEEDED_ID_LIMIT.
 * Records are the caller's: the object must be readable; local-org's sharing is public read/write.
 * The guides give no message texts for these errors, so the messages are local-org's.
 */
import { ApiError, notFound } from '../errors.ts';
import { visibleObject } from '../records.ts';
import { quoteName } from '../store.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
const UPDATED_DAYS = 30;
const DELETED_DAYS = 15;
const ID_LIMIT = 600_000;
/** ISO 8601 with a zone, as the guide asks ("2013-05-06T00:00:00+00:00"); seconds and fractions optional. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$/;

function replicationError(message: string): ApiError {
    return new ApiError(400, 'INVALID_REPLICATION_DATE', message);
}

function floorToMinute(time: number): number {
    return Math.floor(time / MINUTE_MS) * MINUTE_MS;
}

function dateParam(request: RestRequest, name: 'start' | 'end'): number {
    const value = request.query.get(name);
    if (value === null) throw replicationError(`Missing required parameter: ${name}`);
    const time = DATE_TIME.test(value) ? Date.parse(value) : NaN;
    if (Number.isNaN(time)) {
        throw replicationError(
            `${name}: ${value} is not a date and time in ISO 8601 format (YYYY-MM-DDThh:mm:ss+hh:mm)`
        );
    }
    return floorToMinute(time);
}

/** Salesforce's REST date-time form: `2013-05-08T21:20:00.000+0000`. */
function restDateTime(time: number): string {
    return new Date(time).toISOString().replace('Z', '+0000');
}

interface Window {
    table: string;
    start: string;
    end: string;
    /** The end actually covered: the requested end, or now (to the minute) when end is still to come. */
    covered: number;
}

function window(request: RestRequest, days: number): Window {
    const object = visibleObject(request.ctx, request.params[0]);
    if (!object) throw notFound();
    const start = dateParam(request, 'start');
    const end = dateParam(request, 'end');
    if (start >= end) throw replicationError('start must be before end (seconds are not counted)');
    const now = request.ctx.now.getTime();
    if (start < floorToMinute(now - days * DAY_MS)) {
        throw replicationError(`start must be within the last ${days} days`);
    }
    const covered = Math.min(end, floorToMinute(now));
    return {
        table: quoteName(object.name),
        start: new Date(start).toISOString(),
        end: new Date(covered).toISOString(),
        covered
    };
}

function checkIdLimit(count: number): void {
    if (count > ID_LIMIT) {
        throw new ApiError(
            400,
            'EXCEEDED_ID_LIMIT',
            `More than ${ID_LIMIT} ids: choose start and end dates closer together`
        );
    }
}

function updated(request: RestRequest): RestResponse {
    const w = window(request, UPDATED_DAYS);
    const rows = request.ctx.db
        .prepare(
            `SELECT Id FROM ${w.table} WHERE IsDeleted = 0 AND SystemModstamp >= ? AND SystemModstamp < ? ORDER BY SystemModstamp, Id LIMIT ?`
        )
        .all(w.start, w.end, ID_LIMIT + 1) as { Id: string }[];
    checkIdLimit(rows.length);
    return json(200, { ids: rows.map((row) => row.Id), latestDateCovered: restDateTime(w.covered) });
}

function deleted(request: RestRequest): RestResponse {
    const w = window(request, DELETED_DAYS);
    const rows = request.ctx.db
        .prepare(
            `SELECT Id, SystemModstamp FROM ${w.table} WHERE IsDeleted = 1 AND SystemModstamp >= ? AND SystemModstamp < ? ORDER BY SystemModstamp, Id LIMIT ?`
        )
        .all(w.start, w.end, ID_LIMIT + 1) as { Id: string; SystemModstamp: string }[];
    checkIdLimit(rows.length);
    return json(200, {
        deletedRecords: rows.map((row) => ({ id: row.Id, deletedDate: restDateTime(Date.parse(row.SystemModstamp)) })),
        earliestDateAvailable: restDateTime(earliestDateAvailable(request)),
        latestDateCovered: restDateTime(w.covered)
    });
}

/**
 * "The timestamp of the last physically deleted object" (GetDeletedResult): local-org never purges its recycle
 * bin, so nothing since the organisation was made is lost; that moment, to the minute, is what it answers.
 */
function earliestDateAvailable(request: RestRequest): number {
    const row = request.ctx.db.prepare('SELECT CreatedDate FROM Organization LIMIT 1').get() as { CreatedDate: string };
    return floorToMinute(Date.parse(row.CreatedDate));
}

export const replicationRoutes: Route[] = [
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/updated\/?$/, handler: updated },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/deleted\/?$/, handler: deleted }
];
