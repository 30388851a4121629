/**
 * `/query` and `/queryAll`: results in pages of 2000 (or the Sforce-Query-Options batch size), the rest behind a
 * query locator served at `/query/<locator>-<position>`; `columns=true` answers the column metadata the sf CLI
 * prints with.
 *
 * A locator is a cursor over the rows the query matched when it ran: it keeps their ids, not their records, and each
 * page reads its records then. Rows created after the query are not in it, and every row comes back exactly once.
 * Cursors follow the QueryLocator rules of the SOAP API Developer Guide (API 55.0 and before): "A user can have up to
 * 10 query cursors open at a time ... the oldest of the 10 cursors is released" and "QueryLocator objects expire
 * automatically after 15 minutes of inactivity"; a released or expired locator answers INVALID_QUERY_LOCATOR.
 * (Salesforce dropped the count limit in API 56.0 and keeps cursors 2 days, per "API Query Cursor Limits"; local-org
 * keeps the older bound so that one user's repeated big queries cannot exhaust the server's memory.)
 */
import { ApiError, notSupported } from '../errors.ts';
import { columnMetadata, openQuery, queryRecordsByRowIds, type ApiRecord, type OpenedQuery } from '../soql/index.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
export const MAX_CURSORS_PER_USER = 10;
export const CURSOR_IDLE_MS = 15 * 60 * 1000;

interface Cursor {
    userId: string;
    soql: string;
    queryAll: boolean;
    opened: OpenedQuery;
    position: number;
    batchSize: number;
    lastUsed: number;
}

export class QueryCursors {
    /** In opening order, so a user's oldest cursor is the first of theirs. */
    private readonly cursors = new Map<string, Cursor>();
    private sequence = 0;

    open(cursor: Cursor): string {
        this.expire();
        const own = [...this.cursors].filter(([, c]) => c.userId === cursor.userId);
        if (own.length >= MAX_CURSORS_PER_USER) this.cursors.delete(own[0][0]);
        this.sequence += 1;
        const locator = `01gLO${String(this.sequence).padStart(10, '0')}AAA`;
        this.cursors.set(locator, cursor);
        return locator;
    }

    /** The caller's cursor, or undefined when it never existed, was released, expired or is another user's. */
    take(locator: string, userId: string): Cursor | undefined {
        this.expire();
        const cursor = this.cursors.get(locator);
        if (!cursor || cursor.userId !== userId) return undefined;
        cursor.lastUsed = Date.now();
        return cursor;
    }

    close(locator: string): void {
        this.cursors.delete(locator);
    }

    /** How many cursors are open, for tests and the bench. */
    get size(): number {
        this.expire();
        return this.cursors.size;
    }

    private expire(): void {
        const now = Date.now();
        for (const [locator, cursor] of this.cursors) {
            if (now - cursor.lastUsed > CURSOR_IDLE_MS) this.cursors.delete(locator);
        }
    }
}

function batchSize(request: RestRequest): number {
    const match = /batchSize=(\d+)/i.exec(request.headers['sforce-query-options'] ?? '');
    if (!match) return DEFAULT_BATCH;
    return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

function pageRecords(request: RestRequest, cursor: Cursor): ApiRecord[] {
    const end = cursor.position + cursor.batchSize;
    const { opened } = cursor;
    if (opened.kind === 'records') return opened.records.slice(cursor.position, end);
    const rowIds = opened.rowIds.subarray(cursor.position, end);
    return queryRecordsByRowIds(queryContext(request), cursor.soql, { queryAll: cursor.queryAll }, rowIds);
}

function page(request: RestRequest, cursors: QueryCursors, cursor: Cursor, locatorId?: string): RestResponse {
    const records = pageRecords(request, cursor);
    const next = Math.min(cursor.position + cursor.batchSize, cursor.opened.totalSize);
    const done = next >= cursor.opened.totalSize;
    const base = { totalSize: cursor.opened.totalSize, done };
    if (done) {
        if (locatorId) cursors.close(locatorId);
        return json(200, { ...base, records });
    }
    const locator = locatorId ?? cursors.open(cursor);
    cursor.position = next;
    return json(200, {
        ...base,
        nextRecordsUrl: `/services/data/v${request.ctx.apiVersion}/query/${locator}-${next}`,
        records
    });
}

function runSoql(request: RestRequest, cursors: QueryCursors, queryAll: boolean): RestResponse {
    const soql = request.query.get('q');
    if (request.query.has('explain')) throw notSupported('Query plans (explain)');
    if (!soql) throw new ApiError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
    if (request.query.get('columns') === 'true') return json(200, columnMetadata(queryContext(request), soql));
    const opened = openQuery(queryContext(request), soql, { queryAll });
    return page(request, cursors, {
        userId: request.ctx.userId,
        soql,
        queryAll,
        opened,
        position: 0,
        batchSize: batchSize(request),
        lastUsed: Date.now()
    });
}

function queryContext(request: RestRequest) {
    const { db, schema, access, now, apiVersion, userId } = request.ctx;
    return { db, schema, access, now, apiVersion, userId };
}

function nextPage(request: RestRequest, cursors: QueryCursors): RestResponse {
    const [locator, position] = request.params;
    const cursor = cursors.take(locator, request.ctx.userId);
    if (!cursor || Number(position) !== cursor.position)
        throw new ApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return page(request, cursors, cursor, locator);
}

export function queryRoutes(cursors: QueryCursors): Route[] {
    return [
        { method: 'GET', pattern: /^\/query$/, handler: (r) => runSoql(r, cursors, false) },
        { method: 'GET', pattern: /^\/queryAll$/, handler: (r) => runSoql(r, cursors, true) },
        { method: 'GET', pattern: /^\/(?:query|queryAll)\/([A-Za-z0-9]+)-(\d+)$/, handler: (r) => nextPage(r, cursors) }
    ];
}
