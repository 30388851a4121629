/**
 * Clauses shared by record and aggregate queries: the result column list, ORDER BY terms, LIMIT/OFFSET, and the
 * query options local-org accepts (FOR UPDATE, WITH SECURITY_ENFORCED, FOR VIEW...) or refuses (USING SCOPE...).
 */
import type { OrderByClause, QueryBase } from '@jetstreamapp/soql-parser-js';
import { notSupported } from '../errors.ts';
import type { QueryEnv } from './env.ts';
import { valueKind } from './literals.ts';
import type { Operand } from './scope.ts';
import { joinSql, param, raw, sql, type Sql } from './sql.ts';

const MAX_OFFSET = 2000;

/** The SELECT list, each expression under a generated name (c0, c1...) so request text never names a column. */
export class ColumnList {
    private readonly columns: Sql[] = [];

    add(expression: Sql): string {
        const name = `c${this.columns.length}`;
        this.columns.push(sql`${expression} AS ${raw(name)}`);
        return name;
    }

    toSql(): Sql {
        return joinSql(this.columns, ', ');
    }
}

/** Salesforce sorts text case-insensitively and puts nulls first ascending, last descending. */
export function orderTerm(operand: Operand, clause: OrderByClause): Sql {
    const kind = valueKind(operand.type);
    const expression =
        kind === 'text'
            ? sql`${operand.sql} COLLATE NOCASE`
            : kind === 'boolean'
              ? sql`COALESCE(${operand.sql}, 0)`
              : operand.sql;
    const descending = clause.order?.toUpperCase() === 'DESC';
    const nullsFirst = clause.nulls ? clause.nulls.toUpperCase() === 'FIRST' : !descending;
    return sql`${expression} ${raw(descending ? 'DESC' : 'ASC')} ${raw(nullsFirst ? 'NULLS FIRST' : 'NULLS LAST')}`;
}

export function orderByClauses(query: QueryBase): OrderByClause[] {
    if (!query.orderBy) return [];
    return Array.isArray(query.orderBy) ? query.orderBy : [query.orderBy];
}

export function checkOffset(env: QueryEnv, query: QueryBase): void {
    if (query.offset !== undefined && query.offset > MAX_OFFSET) {
        throw env.text.error(
            'NUMBER_OUTSIDE_VALID_RANGE',
            `Maximum SOQL offset allowed is ${MAX_OFFSET}`,
            String(query.offset)
        );
    }
}

export function limitClause(limit: number | undefined, offset: number | undefined): Sql {
    if (limit === undefined && offset === undefined) return raw('');
    const limitSql = sql` LIMIT ${param(limit ?? -1)}`;
    return offset === undefined ? limitSql : sql`${limitSql} OFFSET ${param(offset)}`;
}

/**
 * Options that do not change the answer here (access is always enforced, nothing is locked or tracked) are
 * accepted; the ones that would are refused.
 */
export function checkQueryOptions(query: QueryBase, recentUse: 'recorded' | 'refused'): void {
    if (query.usingScope !== undefined && query.usingScope.toLowerCase() !== 'everything') {
        throw notSupported(`USING SCOPE ${query.usingScope} in SOQL`);
    }
    if (query.withDataCategory) throw notSupported('WITH DATA CATEGORY in SOQL');
    if (query.update) throw notSupported(`UPDATE ${query.update} in SOQL`);
    // FOR VIEW / FOR REFERENCE add the records to the user's recently viewed ones (recentItems.ts), for record
    // queries; an aggregate query returns no records to mark.
    if ((query.for === 'VIEW' || query.for === 'REFERENCE') && recentUse === 'refused')
        throw notSupported(`FOR ${query.for} in an aggregate SOQL query`);
}
