/**
 * Record queries: one SELECT for the queried object and its parents, plus one per child relationship subquery,
 * batched over all parent ids (`WHERE <lookup> IN (...)`) and split per parent afterwards.
 */
import type {
    FieldFunctionExpression,
    FieldType as SelectField,
    QueryBase,
    Subquery
} from '@jetstreamapp/soql-parser-js';
import { notSupported } from '../errors.ts';
import type { ChildRelationship, FieldDef, ObjectDef } from '../schema.ts';
import { checkOffset, checkQueryOptions, ColumnList, limitClause, orderByClauses, orderTerm } from './clauses.ts';
import { ConditionCompiler, whereOperands } from './conditions.ts';
import type { QueryEnv } from './env.ts';
import { Scope, type ResolvedField, type Source } from './scope.ts';
import {
    recordAttributes,
    shapeRecord,
    type ApiRecord,
    type ChildResult,
    type OutputNode,
    type ParentNode,
    type Row
} from './shape.ts';
import { joinSql, param, raw, sql, type Sql } from './sql.ts';

export interface SelectPlan {
    object: ObjectDef;
    scope: Scope;
    columns: ColumnList;
    nodes: OutputNode[];
    idColumn: string;
    idSelected: boolean;
    where: Sql | null;
    orderBy: Sql[];
    limit?: number;
    offset?: number;
    children: ChildQuery[];
}

export interface ChildQuery {
    /** The relationship name as the schema spells it, the key of the children in each parent record. */
    key: string;
    relationship: ChildRelationship;
    plan: SelectPlan;
    /** The result column holding each child's parent id. */
    parentColumn: string;
}

const FIELDS_LIMIT = 200;

export function planSelect(env: QueryEnv, query: QueryBase, object: ObjectDef, queryAlias?: string): SelectPlan {
    checkQueryOptions(query, 'recorded');
    checkOffset(env, query);
    if (query.groupBy || query.having) {
        throw env.text.malformed('GROUP BY and HAVING are not allowed in a relationship subquery', 'GROUP');
    }
    const scope = new Scope(env, object, queryAlias);
    const columns = new ColumnList();
    const plan: SelectPlan = {
        object,
        scope,
        columns,
        nodes: [],
        idColumn: columns.add(scope.column('Id')),
        idSelected: false,
        where: null,
        orderBy: [],
        limit: query.limit,
        offset: query.offset,
        children: []
    };
    for (const item of expandFields(env, query, object)) addSelectItem(env, plan, item);
    if (query.where) plan.where = new ConditionCompiler(env, whereOperands(scope)).compile(query.where);
    plan.orderBy = orderByClauses(query).map((clause) => {
        if ('field' in clause) return orderTerm(scope.resolveField(clause.field), clause);
        if (isAggregateFunction(clause.fn.functionName)) {
            throw env.text.malformed(
                'Aggregate functions can only be ordered by in an aggregate query',
                clause.fn.rawValue
            );
        }
        throw notSupported(`${clause.fn.functionName ?? 'Functions'}() in SOQL ORDER BY`);
    });
    return plan;
}

function addSelectItem(env: QueryEnv, plan: SelectPlan, item: SelectField): void {
    switch (item.type) {
        case 'Field':
            if (item.alias) throw env.text.malformed('Only aggregate expressions use field aliasing', item.alias);
            addField(env, plan, plan.scope.resolveField(item.field), item.field);
            if (item.field.toLowerCase() === 'id') plan.idSelected = true;
            return;
        case 'FieldRelationship': {
            const near = item.rawValue ?? [...item.relationships, item.field].join('.');
            addField(env, plan, plan.scope.resolveField([...item.relationships, item.field].join('.'), near), near);
            return;
        }
        case 'FieldSubquery':
            addChildQuery(env, plan, item.subquery);
            return;
        case 'FieldTypeof':
            throw notSupported('TYPEOF in SOQL');
        case 'FieldFunctionExpression':
            if (isAggregateFunction(item.functionName)) {
                throw env.text.malformed(
                    `Aggregate functions are not allowed in a relationship subquery`,
                    item.functionName
                );
            }
            throw notSupported(`${item.functionName}() in SOQL`);
    }
}

export function isAggregateFunction(name: string | undefined): boolean {
    return ['COUNT', 'COUNT_DISTINCT', 'SUM', 'AVG', 'MIN', 'MAX'].includes((name ?? '').toUpperCase());
}

/** Adds a field under its relationship path, merging paths through the same parents into one nested record. */
function addField(env: QueryEnv, plan: SelectPlan, resolved: ResolvedField, near: string): void {
    let level = plan.nodes;
    for (const source of resolved.path) level = parentNode(plan, level, source).children;
    const key = resolved.field.name;
    if (level.some((n) => n.kind === 'field' && n.key === key)) {
        throw env.text.malformed(`duplicate field selected: ${key}`, near);
    }
    level.push({ kind: 'field', key, column: plan.columns.add(resolved.sql), field: resolved.field });
}

function parentNode(plan: SelectPlan, level: OutputNode[], source: Source): ParentNode {
    const known = level.find((n): n is ParentNode => n.kind === 'parent' && n.source === source);
    if (known) return known;
    const idColumn = plan.columns.add(plan.scope.idOf(source));
    const node: ParentNode = { kind: 'parent', key: source.relationshipName, idColumn, source, children: [] };
    level.push(node);
    return node;
}

function isFieldsFunction(item: SelectField): item is FieldFunctionExpression {
    return item.type === 'FieldFunctionExpression' && item.functionName.toUpperCase() === 'FIELDS';
}

/**
 * FIELDS(STANDARD | CUSTOM | ALL) replaced by the readable fields it stands for; a field also named explicitly is
 * selected once.
 */
function expandFields(env: QueryEnv, query: QueryBase, object: ObjectDef): SelectField[] {
    const items = query.fields ?? [];
    const named = new Set(items.flatMap((item) => (item.type === 'Field' ? [item.field.toLowerCase()] : [])));
    const expanded = new Set<string>();
    const result: SelectField[] = [];
    for (const item of items) {
        if (!isFieldsFunction(item)) {
            result.push(item);
            continue;
        }
        for (const field of fieldsFunctionFields(env, query, object, item)) {
            const name = field.name.toLowerCase();
            if (named.has(name) || expanded.has(name)) continue;
            expanded.add(name);
            result.push({ type: 'Field', field: field.name });
        }
    }
    return result;
}

/** ALL and CUSTOM need a LIMIT of at most 200, as on Salesforce. */
function fieldsFunctionFields(
    env: QueryEnv,
    query: QueryBase,
    object: ObjectDef,
    item: FieldFunctionExpression
): FieldDef[] {
    const kind = String(item.parameters[0] ?? '').toUpperCase();
    if (!['STANDARD', 'CUSTOM', 'ALL'].includes(kind)) throw env.text.malformed(`unexpected token: '${kind}'`, kind);
    if (kind !== 'STANDARD' && (query.limit === undefined || query.limit > FIELDS_LIMIT)) {
        throw env.text.malformed(`The SOQL FIELDS function must have a LIMIT of at most ${FIELDS_LIMIT}`, 'FIELDS');
    }
    return object.fields.filter((field) => {
        const wanted = kind === 'ALL' || (kind === 'CUSTOM') === (field.custom ?? false);
        return wanted && env.ctx.access.canReadField(object.name, field.name);
    });
}

function addChildQuery(env: QueryEnv, plan: SelectPlan, subquery: Subquery): void {
    const { schema, access } = env.ctx;
    const name = subquery.relationshipName;
    const relationship = schema.childRelationship(plan.object.name, name);
    const child = relationship && schema.object(relationship.childObject);
    const readable = child && access.canReadObject(child.name) && access.canReadField(child.name, relationship.field);
    if (!relationship || !child || !readable || !child.queryable) throw env.text.unknownChildRelationship(name);
    const childPlan = planSelect(env, subquery, child, subquery.sObjectAlias);
    const parentColumn = childPlan.columns.add(childPlan.scope.column(relationship.field));
    const key = relationship.relationshipName;
    plan.nodes.push({ kind: 'children', key, childIndex: plan.children.length });
    plan.children.push({ key, relationship, plan: childPlan, parentColumn });
}

function selectStatement(plan: SelectPlan, extraFilters: Sql[], withLimits: boolean, columns?: Sql): Sql {
    const filters = [plan.scope.liveRows(), ...extraFilters, plan.where].filter((f): f is Sql => f !== null);
    const where = filters.length > 0 ? sql` WHERE ${joinSql(filters, ' AND ')}` : raw('');
    // rowid last: without ORDER BY (or on ties) records come back in the order they were created.
    const order = joinSql([...plan.orderBy, rowidOf(plan)], ', ');
    const limits = withLimits ? limitClause(plan.limit, plan.offset) : raw('');
    const selected = columns ?? plan.columns.toSql();
    return sql`SELECT ${selected} FROM ${plan.scope.fromClause()}${where} ORDER BY ${order}${limits}`;
}

function rowidOf(plan: SelectPlan): Sql {
    return raw(`${plan.scope.alias}.rowid`);
}

/**
 * The queried rows' SQLite rowids in result order (WHERE, ORDER BY, LIMIT and OFFSET applied): what a query cursor
 * keeps instead of the records, 8 bytes a row.
 */
export function selectRowIds(env: QueryEnv, plan: SelectPlan): Float64Array {
    const statement = selectStatement(plan, [], true, rowidOf(plan));
    const ids = env.ctx.db
        .prepare(statement.text)
        .pluck()
        .all(...statement.params) as number[];
    return Float64Array.from(ids);
}

/**
 * The records of the given rows, in the given order: one page of a cursor. The set was fixed when the cursor was
 * opened, so WHERE is not applied again; a row deleted since is left out (queryAll still returns it).
 */
export function selectByRowIds(env: QueryEnv, plan: SelectPlan, rowIds: ArrayLike<number>): ApiRecord[] {
    const ids = Array.from(rowIds);
    const rowidColumn = plan.columns.add(rowidOf(plan));
    const ofPage = sql`${rowidOf(plan)} IN (SELECT value FROM json_each(${param(JSON.stringify(ids))}))`;
    const { rows, records } = fetchRecords(env, { ...plan, where: null }, [ofPage], false);
    const position = new Map(ids.map((id, index) => [id, index]));
    const order = rows.map((row, i) => ({ at: position.get(Number(row[rowidColumn]))!, record: records[i] }));
    return order.sort((a, b) => a.at - b.at).map((entry) => entry.record);
}

function fetchRows(env: QueryEnv, plan: SelectPlan, extraFilters: Sql[], withLimits: boolean): Row[] {
    const statement = selectStatement(plan, extraFilters, withLimits);
    return env.ctx.db.prepare(statement.text).all(...statement.params) as Row[];
}

export function executeSelect(env: QueryEnv, plan: SelectPlan): ApiRecord[] {
    return fetchRecords(env, plan, [], true).records;
}

function fetchRecords(
    env: QueryEnv,
    plan: SelectPlan,
    extraFilters: Sql[],
    withLimits: boolean
): { rows: Row[]; records: ApiRecord[] } {
    const rows = fetchRows(env, plan, extraFilters, withLimits);
    const records = rows.map((row) =>
        shapeRecord(env, row, plan.nodes, recordAttributes(env, plan.object.name, String(row[plan.idColumn])))
    );
    for (const child of plan.children) attachChildren(env, plan, child, rows, records);
    return { rows, records };
}

/** One statement for all parents' children; each parent then gets its own slice (LIMIT/OFFSET apply per parent). */
function attachChildren(env: QueryEnv, plan: SelectPlan, child: ChildQuery, rows: Row[], records: ApiRecord[]): void {
    const parentIds = [...new Set(rows.map((row) => String(row[plan.idColumn])))];
    if (parentIds.length === 0) return;
    const lookup = child.plan.scope.column(child.relationship.field);
    const ofParents = sql`${lookup} IN (SELECT value FROM json_each(${param(JSON.stringify(parentIds))}))`;
    const fetched = fetchRecords(env, child.plan, [ofParents], false);
    const byParent = new Map<string, ApiRecord[]>();
    fetched.rows.forEach((row, i) => {
        const parentId = String(row[child.parentColumn]);
        const siblings = byParent.get(parentId);
        if (siblings) siblings.push(fetched.records[i]);
        else byParent.set(parentId, [fetched.records[i]]);
    });
    const start = child.plan.offset ?? 0;
    const end = child.plan.limit === undefined ? undefined : start + child.plan.limit;
    rows.forEach((row, i) => {
        const children = (byParent.get(String(row[plan.idColumn])) ?? []).slice(start, end);
        const result: ChildResult | null =
            children.length > 0 ? { totalSize: children.length, done: true, records: children } : null;
        records[i][child.key] = result;
    });
}
