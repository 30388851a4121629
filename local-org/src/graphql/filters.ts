/**
 * `where` and `orderBy` arguments as SOQL clauses, so a GraphQL query runs through the same SOQL engine (and the same
 * access checks and parameterised SQL) as /query. Values enter the SOQL text only as quoted, escaped literals or as
 * numbers and date literals checked here; the engine then binds them as SQL parameters.
 * Operators and their meaning: Salesforce GraphQL API guide, "Filtering" (eq is case-insensitive for strings, like
 * SOQL; several keys in one filter object are AND-ed; `ne: null` means "has a value").
 */
import type { CallContext } from '../context.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { parseDate, parseDateTime } from '../values.ts';
import { GraphQLRequestError } from './errors.ts';
import { parentTarget } from './schemaGen.ts';

type Input = Record<string, unknown>;

const COMPARISONS: Record<string, string> = { eq: '=', ne: '!=', lt: '<', gt: '>', lte: '<=', gte: '>=', like: 'LIKE' };

/** The date functions of DateOperators/DateTimeOperators, as SOQL functions of the same name. */
const DATE_FUNCTIONS = new Set([
    'DAY_IN_WEEK',
    'DAY_IN_MONTH',
    'DAY_IN_YEAR',
    'WEEK_IN_MONTH',
    'WEEK_IN_YEAR',
    'CALENDAR_MONTH',
    'CALENDAR_QUARTER',
    'CALENDAR_YEAR',
    'FISCAL_MONTH',
    'FISCAL_QUARTER',
    'FISCAL_YEAR',
    'HOUR_IN_DAY',
    'DAY_ONLY'
]);

/** DateRange keys and the SOQL literal each one is (`last_n_days: 3` → `LAST_N_DAYS:3`). */
function rangeLiteral(range: Input): string {
    const entries = Object.entries(range).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length !== 1) throw invalid('A DateRange must set exactly one range');
    const [key, n] = entries[0];
    if (!Number.isInteger(n) || (n as number) < 0) throw invalid(`${key} must be a non-negative integer`);
    return `${key.toUpperCase()}:${n as number}`;
}

function invalid(message: string): GraphQLRequestError {
    return new GraphQLRequestError(message, 'InvalidInput');
}

/** A SOQL string literal: backslashes and quotes escaped, as SOQL's lexer reads them. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

function literal(field: FieldDef, value: unknown): string {
    if (value === null || value === undefined) return 'null';
    switch (field.type) {
        case 'boolean':
            if (typeof value !== 'boolean') throw invalid(`${field.name} takes a Boolean`);
            return value ? 'TRUE' : 'FALSE';
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid(`${field.name} takes a number`);
            return String(value);
        case 'date':
        case 'datetime':
            return dateLiteral(field, value);
        default:
            if (typeof value !== 'string') throw invalid(`${field.name} takes a String`);
            return soqlString(value);
    }
}

/** DateInput / DateTimeInput: exactly one of value, literal, range. */
function dateLiteral(field: FieldDef, input: unknown): string {
    if (input === null || typeof input !== 'object' || Array.isArray(input))
        throw invalid(`${field.name} takes a ${field.type === 'date' ? 'DateInput' : 'DateTimeInput'}`);
    const entries = Object.entries(input as Input).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length !== 1) throw invalid(`Set exactly one of value, literal or range for ${field.name}`);
    const [kind, value] = entries[0];
    if (kind === 'literal') return String(value);
    if (kind === 'range') return rangeLiteral(value as Input);
    const text = String(value);
    if (field.type === 'date') {
        if (parseDate(text) === null) throw invalid(`Invalid date for ${field.name}: ${text}`);
        return text;
    }
    const stored = parseDateTime(text);
    if (stored === null) throw invalid(`Invalid date-time for ${field.name}: ${text}`);
    return stored.replace(/\.\d{3}Z$/, 'Z');
}

/** A date function filter: `CALENDAR_YEAR: { value: { eq: 2024 } }` → `CALENDAR_YEAR(CreatedDate) = 2024`. */
function dateFunction(path: string, fn: string, input: Input): string[] {
    const parts: string[] = [];
    for (const [key, operators] of Object.entries(input)) {
        if (operators === null || operators === undefined) continue;
        if (key === 'convertTimezoneValue') {
            throw new GraphQLRequestError(
                'convertTimezoneValue is not supported by local-org (its users are all in GMT; use value)',
                'InvalidInput'
            );
        }
        for (const [op, value] of Object.entries(operators as Input)) {
            const target = `${fn}(${path})`;
            const render = (v: unknown) => {
                if (fn === 'DAY_ONLY') {
                    if (typeof v !== 'string' || parseDate(v) === null) throw invalid(`Invalid date for ${fn}`);
                    return v;
                }
                if (!Number.isInteger(v)) throw invalid(`${fn} compares with an integer`);
                return String(v);
            };
            parts.push(comparison(target, op, value, render));
        }
    }
    return parts;
}

function comparison(target: string, op: string, value: unknown, render: (v: unknown) => string): string {
    if (op === 'in' || op === 'nin') {
        if (!Array.isArray(value)) throw invalid(`${op} takes a list`);
        if (value.length === 0) throw invalid(`${op} takes at least one value`);
        return `${target} ${op === 'in' ? 'IN' : 'NOT IN'} (${value.map(render).join(', ')})`;
    }
    if (op === 'includes' || op === 'excludes') {
        if (!Array.isArray(value) || value.length === 0) throw invalid(`${op} takes a list of values`);
        return `${target} ${op.toUpperCase()} (${value.map((v) => soqlString(String(v))).join(', ')})`;
    }
    const operator = COMPARISONS[op];
    if (!operator) throw invalid(`Unknown operator ${op}`);
    return `${target} ${operator} ${render(value)}`;
}

/** One `<Object>_Filter` object as a SOQL condition, or null when it sets nothing. */
export function whereClause(ctx: CallContext, object: ObjectDef, filter: Input, prefix = ''): string | null {
    const parts: string[] = [];
    for (const [key, value] of Object.entries(filter)) {
        if (value === null || value === undefined) continue;
        if (key === 'and' || key === 'or') {
            const list = (Array.isArray(value) ? value : [value]) as Input[];
            const inner = list.map((f) => whereClause(ctx, object, f, prefix)).filter((c): c is string => c !== null);
            if (inner.length > 0) parts.push(`(${inner.join(key === 'and' ? ' AND ' : ' OR ')})`);
            continue;
        }
        if (key === 'not') {
            const inner = whereClause(ctx, object, value as Input, prefix);
            if (inner !== null) parts.push(`(NOT (${inner}))`);
            continue;
        }
        const field = ctx.schema.field(object.name, key);
        if (field && field.name === key) {
            parts.push(...fieldConditions(ctx, `${prefix}${field.name}`, field, value as Input));
            continue;
        }
        const lookup = ctx.schema.relationship(object.name, key);
        const target = lookup && parentTarget(ctx, object, lookup);
        if (!lookup || !target) throw invalid(`Unknown filter field ${key} on ${object.name}`);
        const inner = whereClause(ctx, target, value as Input, `${prefix}${lookup.relationshipName}.`);
        if (inner !== null) parts.push(inner);
    }
    return parts.length === 0 ? null : parts.length === 1 ? parts[0] : `(${parts.join(' AND ')})`;
}

/**
 * `inq` / `ninq`: `{ Contact: { <filter> }, ApiName: "AccountId" }` → `Id IN (SELECT AccountId FROM Contact WHERE
 * ...)`. The join object must be the only object named, and ApiName an id or lookup field of it.
 */
function semiJoin(ctx: CallContext, path: string, op: 'inq' | 'ninq', join: Input): string {
    const { ApiName: apiName, ...objects } = join;
    const named = Object.entries(objects).filter(([, filter]) => filter !== null && filter !== undefined);
    if (named.length !== 1) throw invalid(`${op} names exactly one object to join with`);
    const [objectName, filter] = named[0];
    const object = ctx.schema.object(objectName)!;
    const field = ctx.schema.field(object.name, String(apiName));
    if (!field || field.name !== apiName || !['id', 'reference'].includes(field.type)) {
        throw invalid(`${op}: ApiName must be an Id or reference field of ${object.name}, not ${String(apiName)}`);
    }
    if (!ctx.access.canReadField(object.name, field.name)) throw invalid(`${op}: No such field ${String(apiName)}`);
    const inner = whereClause(ctx, object, filter as Input);
    const select = `SELECT ${field.name} FROM ${object.name}${inner ? ` WHERE ${inner}` : ''}`;
    return `${path} ${op === 'inq' ? 'IN' : 'NOT IN'} (${select})`;
}

function fieldConditions(ctx: CallContext, path: string, field: FieldDef, operators: Input): string[] {
    const parts: string[] = [];
    for (const [op, value] of Object.entries(operators)) {
        if (value === undefined) continue;
        if (op === 'inq' || op === 'ninq') {
            if (value !== null) parts.push(semiJoin(ctx, path, op, value as Input));
            continue;
        }
        if (DATE_FUNCTIONS.has(op)) {
            if (value !== null) parts.push(...dateFunction(path, op, value as Input));
            continue;
        }
        parts.push(comparison(path, op, value, (v) => literal(field, v)));
    }
    return parts;
}

/** `orderBy` as SOQL ORDER BY items, in the order the keys were written. */
export function orderByItems(ctx: CallContext, object: ObjectDef, orderBy: Input, prefix = ''): string[] {
    const items: string[] = [];
    for (const [key, value] of Object.entries(orderBy)) {
        if (value === null || value === undefined) continue;
        const field = ctx.schema.field(object.name, key);
        if (field && field.name === key) {
            const clause = value as { order?: string | null; nulls?: string | null };
            const direction = clause.order === 'DESC' ? 'DESC' : 'ASC';
            // SOQL's default: nulls first ascending, last descending; an explicit `nulls` overrides it.
            const nulls = clause.nulls === 'FIRST' ? ' NULLS FIRST' : clause.nulls === 'LAST' ? ' NULLS LAST' : '';
            items.push(`${prefix}${field.name} ${direction}${nulls}`);
            continue;
        }
        const lookup = ctx.schema.relationship(object.name, key);
        const target = lookup && parentTarget(ctx, object, lookup);
        if (!lookup || !target) throw invalid(`Unknown orderBy field ${key} on ${object.name}`);
        items.push(...orderByItems(ctx, target, value as Input, `${prefix}${lookup.relationshipName}.`));
    }
    return items;
}
