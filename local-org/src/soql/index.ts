/**
 * SOQL over the SQLite store. A query is parsed, checked against the schema and the caller's access (objects and
 * fields they cannot read do not exist for them, as on Salesforce), and translated into one parameterised
 * statement, plus one per child relationship subquery. Whatever local-org does not implement is refused with
 * NOT_SUPPORTED_BY_LOCAL_ORG rather than answered approximately.
 */
import { executeAggregate, executeCount, isAggregateQuery, planAggregate } from './aggregate.ts';
import { aggregateColumns, selectColumns, type ColumnsResponse } from './columns.ts';
import { createEnv, type QueryContext, type QueryEnv } from './env.ts';
import { registerSoqlFunctions } from './functions.ts';
import { parseSoql } from './parse.ts';
import { queriedObject } from './scope.ts';
import { executeSelect, planSelect, selectByRowIds, selectRowIds } from './select.ts';
import type { ApiRecord } from './shape.ts';
import type { Query } from '@jetstreamapp/soql-parser-js';
import type { ObjectDef } from '../schema.ts';
import { notSupported } from '../errors.ts';
import { recordIdsOfRows, recordRecentUse } from '../recentItems.ts';

export type { QueryAccess, QueryContext } from './env.ts';
export type { ApiRecord, ChildResult, RecordAttributes } from './shape.ts';
export type { ColumnMetadata, ColumnsResponse } from './columns.ts';

export interface QueryResult {
    totalSize: number;
    /** Every row: the REST layer pages them. */
    records: ApiRecord[];
    entityName: string;
}

interface Prepared {
    env: QueryEnv;
    query: Query;
    object: ObjectDef;
}

function prepare(ctx: QueryContext, soql: string, queryAll: boolean): Prepared {
    const env = createEnv(ctx, soql, queryAll);
    const query = parseSoql(env.text);
    const object = queriedObject(env, query.sObject ?? '');
    return { env, query, object };
}

export function runQuery(ctx: QueryContext, soql: string, options: { queryAll: boolean }): QueryResult {
    const { env, query, object } = prepare(ctx, soql, options.queryAll);
    registerSoqlFunctions(ctx.db);
    if (isAggregateQuery(query)) {
        const plan = planAggregate(env, query, object);
        if (plan.countOnly) return { totalSize: executeCount(env, plan), records: [], entityName: object.name };
        const records = executeAggregate(env, plan);
        return { totalSize: records.length, records, entityName: object.name };
    }
    const plan = planSelect(env, query, object, query.sObjectAlias);
    const records = executeSelect(env, plan);
    if (query.for) markRecentUse(ctx, query, object, selectRowIds(env, plan));
    return { totalSize: records.length, records, entityName: object.name };
}

/** FOR VIEW / FOR REFERENCE: the records the query retrieved become the caller's recently viewed or referenced. */
function markRecentUse(ctx: QueryContext, query: Query, object: ObjectDef, rowIds: ArrayLike<number>): void {
    if (query.for !== 'VIEW' && query.for !== 'REFERENCE') return;
    if (!ctx.userId) throw notSupported(`FOR ${query.for} in a query without a user`);
    recordRecentUse(ctx.db, ctx.userId, object, recordIdsOfRows(ctx.db, object, rowIds), query.for, ctx.now);
}

/**
 * A query opened for paging: record queries keep only their rows' ids (the records of each page are read when it is
 * asked for), aggregate queries their result rows (a GROUP BY result is one row per group).
 */
export type OpenedQuery =
    | { kind: 'rows'; totalSize: number; rowIds: Float64Array }
    | { kind: 'records'; totalSize: number; records: ApiRecord[] };

export function openQuery(ctx: QueryContext, soql: string, options: { queryAll: boolean }): OpenedQuery {
    const { env, query, object } = prepare(ctx, soql, options.queryAll);
    registerSoqlFunctions(ctx.db);
    if (isAggregateQuery(query)) {
        const plan = planAggregate(env, query, object);
        if (plan.countOnly) return { kind: 'records', totalSize: executeCount(env, plan), records: [] };
        const records = executeAggregate(env, plan);
        return { kind: 'records', totalSize: records.length, records };
    }
    const rowIds = selectRowIds(env, planSelect(env, query, object, query.sObjectAlias));
    markRecentUse(ctx, query, object, rowIds);
    return { kind: 'rows', totalSize: rowIds.length, rowIds };
}

/** The records of some of an opened record query's rows, planned again for the caller asking for them. */
export function queryRecordsByRowIds(
    ctx: QueryContext,
    soql: string,
    options: { queryAll: boolean },
    rowIds: ArrayLike<number>
): ApiRecord[] {
    const { env, query, object } = prepare(ctx, soql, options.queryAll);
    registerSoqlFunctions(ctx.db);
    return selectByRowIds(env, planSelect(env, query, object, query.sObjectAlias), rowIds);
}

/** The `columns=true` response body; the query is checked as runQuery checks it, but not run. */
export function columnMetadata(ctx: QueryContext, soql: string): ColumnsResponse {
    const { env, query, object } = prepare(ctx, soql, false);
    if (isAggregateQuery(query)) {
        const plan = planAggregate(env, query, object);
        const columns = aggregateColumns(plan);
        return plan.countOnly ? { ...columns, columnMetadata: [] } : columns;
    }
    return selectColumns(planSelect(env, query, object, query.sObjectAlias));
}
