/**
 * Aggregate queries: COUNT(), COUNT/COUNT_DISTINCT/SUM/AVG/MIN/MAX, GROUP BY fields and parent paths, HAVING.
 * Rows are AggregateResult records keyed by alias, by `expr<n>` for unaliased functions (numbered in SELECT
 * order) and by the field name for grouped fields (the last path segment, as Salesforce does).
 */
import type {
    FieldFunctionExpression,
    FieldType as SelectField,
    FunctionExp,
    GroupByClause,
    Query
} from '@jetstreamapp/soql-parser-js';
import { notSupported } from '../errors.ts';
import type { FieldDef, FieldType, ObjectDef } from '../schema.ts';
import { toApiValue } from '../values.ts';
import { checkOffset, checkQueryOptions, ColumnList, limitClause, orderByClauses, orderTerm } from './clauses.ts';
import { ConditionCompiler, whereOperands, type OperandResolver } from './conditions.ts';
import type { QueryEnv } from './env.ts';
import { valueKind } from './literals.ts';
import { fieldKey, Scope, type Operand, type ResolvedField } from './scope.ts';
import { isAggregateFunction } from './select.ts';
import type { ApiRecord, Row } from './shape.ts';
import { joinSql, raw, sql, type Sql } from './sql.ts';

/** One key of an AggregateResult row. */
export interface AggregateOutput {
    key: string;
    column: string;
    type: FieldType;
    /** True for functions, false for grouped fields. */
    aggregate: boolean;
    /** The grouped field, or the function's argument (null for COUNT()). */
    field: FieldDef | null;
    /** As the query wrote it: `COUNT(Id)` (or the alias). */
    displayName: string;
}

export interface AggregatePlan {
    object: ObjectDef;
    scope: Scope;
    columns: ColumnList;
    outputs: AggregateOutput[];
    where: Sql | null;
    groupBy: Sql[];
    having: Sql | null;
    orderBy: Sql[];
    limit?: number;
    offset?: number;
    /** `SELECT COUNT() ...`: only a count, no rows. */
    countOnly: boolean;
    idSelected: boolean;
}

interface Group {
    key: string;
    resolved: ResolvedField;
}

type AggregateOperand = Operand & { field: FieldDef | null };

/** A query is an aggregate query when it uses an aggregate function, GROUP BY or HAVING. */
export function isAggregateQuery(query: Query): boolean {
    const usesAggregate = (query.fields ?? []).some(
        (f) => f.type === 'FieldFunctionExpression' && isAggregateFunction(f.functionName)
    );
    return usesAggregate || query.groupBy !== undefined || query.having !== undefined;
}

export function planAggregate(env: QueryEnv, query: Query, object: ObjectDef): AggregatePlan {
    checkQueryOptions(query, 'refused');
    checkOffset(env, query);
    const scope = new Scope(env, object, query.sObjectAlias);
    const groups = groupByClauses(query).map((clause) => group(env, scope, clause));
    const plan: AggregatePlan = {
        object,
        scope,
        columns: new ColumnList(),
        outputs: [],
        where: null,
        groupBy: groups.map((g) => comparableExpression(g.resolved)),
        having: null,
        orderBy: [],
        limit: query.limit,
        offset: query.offset,
        countOnly: isCountOnly(env, query),
        idSelected: false
    };
    if (!plan.countOnly) addOutputs(env, plan, query.fields ?? [], groups);
    if (query.where) plan.where = new ConditionCompiler(env, whereOperands(scope)).compile(query.where);
    const grouped = groupedOperands(env, scope, groups);
    if (query.having) plan.having = new ConditionCompiler(env, grouped).compile(query.having);
    plan.orderBy = orderByClauses(query).map((clause) =>
        orderTerm('field' in clause ? grouped.field(clause.field) : grouped.fn(clause.fn), clause)
    );
    return plan;
}

function groupByClauses(query: Query): GroupByClause[] {
    if (!query.groupBy) return [];
    return Array.isArray(query.groupBy) ? query.groupBy : [query.groupBy];
}

function group(env: QueryEnv, scope: Scope, clause: GroupByClause): Group {
    if (!('field' in clause)) {
        throw notSupported(`GROUP BY ${clause.fn.rawValue ?? clause.fn.functionName ?? 'functions'} in SOQL`);
    }
    const resolved = scope.resolveField(clause.field);
    return { key: fieldKey(resolved), resolved };
}

/** COUNT() stands alone: `SELECT COUNT() FROM Account` answers a total and no rows. */
function isCountOnly(env: QueryEnv, query: Query): boolean {
    const fields = query.fields ?? [];
    const countIndex = fields.findIndex(
        (f) =>
            f.type === 'FieldFunctionExpression' &&
            f.functionName.toUpperCase() === 'COUNT' &&
            f.parameters.length === 0
    );
    if (countIndex === -1) return false;
    if (fields.length > 1) throw env.text.malformed('COUNT() must be the only element in the SELECT list', 'COUNT');
    return true;
}

function comparableExpression(operand: Operand): Sql {
    return valueKind(operand.type) === 'text' ? sql`${operand.sql} COLLATE NOCASE` : operand.sql;
}

function addOutputs(env: QueryEnv, plan: AggregatePlan, fields: SelectField[], groups: Group[]): void {
    let unnamed = 0;
    for (const item of fields) {
        const output = aggregateOutput(env, plan, item, groups, () => `expr${unnamed++}`);
        if (plan.outputs.some((o) => o.key.toLowerCase() === output.key.toLowerCase())) {
            throw env.text.malformed(`duplicate alias: ${output.key}`, output.key);
        }
        plan.outputs.push(output);
    }
}

function aggregateOutput(
    env: QueryEnv,
    plan: AggregatePlan,
    item: SelectField,
    groups: Group[],
    nextName: () => string
): AggregateOutput {
    switch (item.type) {
        case 'Field':
            return groupedOutput(env, plan, groups, item.field, item.alias);
        case 'FieldRelationship':
            return groupedOutput(env, plan, groups, [...item.relationships, item.field].join('.'), undefined);
        case 'FieldFunctionExpression':
            return functionOutput(env, plan, item, nextName);
        case 'FieldSubquery':
            throw env.text.malformed(
                'Relationship subqueries are not allowed in aggregate queries',
                item.subquery.relationshipName
            );
        case 'FieldTypeof':
            throw notSupported('TYPEOF in SOQL');
    }
}

/** A grouped field, keyed by its alias or its own name (`Account.Name` is `Name`). */
function groupedOutput(
    env: QueryEnv,
    plan: AggregatePlan,
    groups: Group[],
    path: string,
    alias: string | undefined
): AggregateOutput {
    const resolved = groupedField(env, plan.scope, groups, path);
    if (resolved.field.name === 'Id' && resolved.path.length === 0) plan.idSelected = true;
    const key = alias ?? resolved.field.name;
    const column = plan.columns.add(resolved.sql);
    return { key, column, type: resolved.type, aggregate: false, field: resolved.field, displayName: key };
}

function functionOutput(
    env: QueryEnv,
    plan: AggregatePlan,
    item: FieldFunctionExpression,
    nextName: () => string
): AggregateOutput {
    if (item.functionName.toUpperCase() === 'FIELDS') {
        throw env.text.malformed('FIELDS() is not allowed in an aggregate query', 'FIELDS');
    }
    if (!isAggregateFunction(item.functionName)) throw notSupported(`${item.functionName}() in SOQL`);
    const operand = aggregateOperand(env, plan.scope, item);
    const key = item.alias ?? nextName();
    const displayName = item.alias ?? item.rawValue ?? `${item.functionName}()`;
    const column = plan.columns.add(operand.sql);
    return { key, column, type: operand.type, aggregate: true, field: operand.field, displayName };
}

/** A field of an aggregate query must be grouped, as Salesforce requires. */
function groupedField(env: QueryEnv, scope: Scope, groups: Group[], path: string): ResolvedField {
    const resolved = scope.resolveField(path);
    if (!groups.some((g) => g.key === fieldKey(resolved))) {
        throw env.text.malformed(`Field must be grouped or aggregated: ${resolved.field.name}`, path);
    }
    return resolved;
}

/** HAVING and ORDER BY of an aggregate query: grouped fields and aggregate functions. */
function groupedOperands(env: QueryEnv, scope: Scope, groups: Group[]): OperandResolver {
    return {
        field: (path) => groupedField(env, scope, groups, path),
        fn: (fn) => aggregateOperand(env, scope, fn)
    };
}

function aggregateOperand(env: QueryEnv, scope: Scope, fn: FunctionExp | FieldFunctionExpression): AggregateOperand {
    const name = (fn.functionName ?? '').toUpperCase();
    const written = fn.rawValue ?? `${name}()`;
    if (!isAggregateFunction(name)) throw notSupported(`${fn.functionName ?? 'Functions'}() in SOQL`);
    const parameters = fn.parameters ?? [];
    if (parameters.length === 0) {
        if (name !== 'COUNT') throw env.text.malformed(`unexpected token: ')'`, written);
        return { sql: raw('COUNT(*)'), type: 'int', name: written, field: null };
    }
    const argument = parameters[0];
    if (typeof argument !== 'string') throw notSupported(`${written} in SOQL`);
    const resolved = scope.resolveField(argument);
    const unsupported = () =>
        env.text.malformed(`field ${resolved.field.name} does not support aggregate operator ${name}`, written);
    const kind = valueKind(resolved.type);
    switch (name) {
        case 'COUNT':
            return { sql: sql`COUNT(${resolved.sql})`, type: 'int', name: written, field: resolved.field };
        case 'COUNT_DISTINCT':
            return {
                sql: sql`COUNT(DISTINCT ${comparableExpression(resolved)})`,
                type: 'int',
                name: written,
                field: resolved.field
            };
        case 'SUM':
        case 'AVG': {
            if (kind !== 'number') throw unsupported();
            const type = name === 'AVG' ? 'double' : resolved.type;
            return { sql: sql`${raw(name)}(${resolved.sql})`, type, name: written, field: resolved.field };
        }
        default: {
            if (kind === 'boolean' || resolved.type === 'multipicklist') throw unsupported();
            const expression = sql`${raw(name === 'MIN' ? 'MIN' : 'MAX')}(${comparableExpression(resolved)})`;
            return { sql: expression, type: resolved.type, name: written, field: resolved.field };
        }
    }
}

function filtersOf(plan: AggregatePlan): Sql {
    const filters = [plan.scope.liveRows(), plan.where].filter((f): f is Sql => f !== null);
    return filters.length > 0 ? sql` WHERE ${joinSql(filters, ' AND ')}` : raw('');
}

function groupingOf(plan: AggregatePlan): Sql {
    const groupBy = plan.groupBy.length > 0 ? sql` GROUP BY ${joinSql(plan.groupBy, ', ')}` : raw('');
    return plan.having ? sql`${groupBy} HAVING ${plan.having}` : groupBy;
}

/** SELECT COUNT(): the number of rows (or of groups), within LIMIT and OFFSET. */
export function executeCount(env: QueryEnv, plan: AggregatePlan): number {
    const inner = sql`SELECT 1 FROM ${plan.scope.fromClause()}${filtersOf(plan)}${groupingOf(plan)}${limitClause(plan.limit, plan.offset)}`;
    const statement = sql`SELECT COUNT(*) AS total FROM (${inner})`;
    const row = env.ctx.db.prepare(statement.text).get(...statement.params) as { total: number };
    return row.total;
}

export function executeAggregate(env: QueryEnv, plan: AggregatePlan): ApiRecord[] {
    const order = plan.orderBy.length > 0 ? sql` ORDER BY ${joinSql(plan.orderBy, ', ')}` : raw('');
    const from = sql`FROM ${plan.scope.fromClause()}${filtersOf(plan)}${groupingOf(plan)}`;
    const statement = sql`SELECT ${plan.columns.toSql()} ${from}${order}${limitClause(plan.limit, plan.offset)}`;
    const rows = env.ctx.db.prepare(statement.text).all(...statement.params) as Row[];
    return rows.map((row) => {
        const record: ApiRecord = { attributes: { type: 'AggregateResult' } };
        for (const output of plan.outputs) record[output.key] = toApiValue(output.type, row[output.column]);
        return record;
    });
}
