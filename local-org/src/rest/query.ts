/**
 * `/query` and `/queryAll`: results in pages of 2000 (or the Sforce-Query-Options batch size), the rest behind a
 * query locator served at `/query/<locator>`; `columns=true` answers the column metadata the sf CLI prints with.
 */
import { ApiError, notSupported } from '../errors.ts';
import { columnMetadata, runQuery, type QueryResult } from '../soql/index.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

const DEFAULT_BATCH = 2000;
const MIN_BATCH = 200;
/** Open cursors kept per server; the oldest is dropped first, as locators expire on Salesforce. */
const MAX_CURSORS = 50;

interface Cursor {
    records: QueryResult['records'];
    position: number;
    batchSize: number;
    totalSize: number;
}

export class QueryCursors {
    private readonly cursors = new Map<string, Cursor>();
    private sequence = 0;

    open(cursor: Cursor): string {
        this.sequence += 1;
        const locator = `01gLO${String(this.sequence).padStart(10, '0')}AAA`;
        this.cursors.set(locator, cursor);
        if (this.cursors.size > MAX_CURSORS) this.cursors.delete(this.cursors.keys().next().value!);
        return locator;
    }

    get(locator: string): Cursor | undefined {
        return this.cursors.get(locator);
    }

    close(locator: string): void {
        this.cursors.delete(locator);
    }
}

function batchSize(request: RestRequest): number {
    const match = /batchSize=(\d+)/i.exec(request.headers['sforce-query-options'] ?? '');
    if (!match) return DEFAULT_BATCH;
    return Math.min(DEFAULT_BATCH, Math.max(MIN_BATCH, Number(match[1])));
}

function page(request: RestRequest, cursors: QueryCursors, cursor: Cursor, locatorId?: string): RestResponse {
    const records = cursor.records.slice(cursor.position, cursor.position + cursor.batchSize);
    const next = cursor.position + records.length;
    const done = next >= cursor.records.length;
    const base = { totalSize: cursor.totalSize, done };
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
    const result = runQuery(queryContext(request), soql, { queryAll });
    return page(request, cursors, {
        records: result.records,
        position: 0,
        batchSize: batchSize(request),
        totalSize: result.totalSize
    });
}

function queryContext(request: RestRequest) {
    const { db, schema, access, now, apiVersion } = request.ctx;
    return { db, schema, access, now, apiVersion };
}

function nextPage(request: RestRequest, cursors: QueryCursors): RestResponse {
    const [locator, position] = request.params;
    const cursor = cursors.get(locator);
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
