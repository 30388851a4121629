/**
 * What translating one query needs: the caller's context, the query text (for error positions), whether deleted
 * rows count, and table aliases unique across the statement and its subqueries.
 */
import type { Schema } from '../schema.ts';
import type { Db } from '../store.ts';
import { QueryText } from './queryText.ts';

export interface QueryAccess {
    canReadObject(objectName: string): boolean;
    canReadField(objectName: string, fieldName: string): boolean;
}

export interface QueryContext {
    db: Db;
    schema: Schema;
    access: QueryAccess;
    now: Date;
    /** e.g. '60.0', for record urls. */
    apiVersion: string;
    /** The caller, whose recently viewed records FOR VIEW and FOR REFERENCE update (recentItems.ts). */
    userId?: string;
}

export interface QueryEnv {
    ctx: QueryContext;
    text: QueryText;
    queryAll: boolean;
    nextAlias(): string;
}

export function createEnv(ctx: QueryContext, soql: string, queryAll: boolean): QueryEnv {
    let aliases = 0;
    return { ctx, text: new QueryText(soql), queryAll, nextAlias: () => `t${aliases++}` };
}
