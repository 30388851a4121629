/**
 * Reading records for `uiapi { query { ... } }`, child relationship connections and mutation payloads. The fields a
 * document selects (through fragments and aliases) become one SOQL query per connection, run by the SOQL engine, so
 * access checks, relationship joins, filters and ordering are the ones /query applies.
 */
import { Kind, valueFromASTUntyped, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import type { CallContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { runQuery, type ApiRecord } from '../soql/index.ts';
import { decodeCursor, encodeCursor } from './cursors.ts';
import { GraphQLRequestError } from './errors.ts';
import { fieldValue } from './fieldTypes.ts';
import { orderByItems, soqlString, whereClause } from './filters.ts';
import { childRelationships, hasOwner, parentTarget, polymorphicTargets } from './schemaGen.ts';

export const DEFAULT_PAGE_SIZE = 10;
export const MAX_PAGE_SIZE = 2000;
const MASTER_RECORD_TYPE = '012000000000000AAA';

/** A record as the source of its GraphQL object type. */
export class RecordNode {
    constructor(
        readonly object: ObjectDef,
        readonly record: ApiRecord,
        /** A mutation's `Record`, which answers the record's own fields only. */
        readonly mutationResult = false
    ) {}

    /** The concrete type of a record in a union (Case_Owner) or the Record interface: graphql-js reads it here. */
    get __typename(): string {
        return this.object.name;
    }
}

/**
 * Mutation results do not navigate to related records (Salesforce GraphQL guide, mutation output constraints; its
 * error contains "is not currently available in mutation results"). The operation itself stands.
 */
function notInMutationResults(name: string): GraphQLRequestError {
    return new GraphQLRequestError(`${name} is not currently available in mutation results`, 'ValidationError');
}

export interface Connection {
    edges: { node: RecordNode; cursor: string }[];
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
    pageResultCount: number;
    totalCount: () => number;
}

type Fragments = GraphQLResolveInfo['fragments'];

/**
 * Every field called `name` in a selection set, through fragments. A fragment spread again adds the same fields,
 * so each is read once (`seen`): a fragment spread twice in each of n nested fragments costs n steps, not 2^n.
 */
export function fieldsNamed(
    selectionSet: SelectionSetNode | undefined,
    name: string,
    fragments: Fragments,
    seen = new Set<string>()
): FieldNode[] {
    const found: FieldNode[] = [];
    for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
            if (selection.name.value === name) found.push(selection);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
            found.push(...fieldsNamed(selection.selectionSet, name, fragments, seen));
        } else if (!seen.has(selection.name.value)) {
            seen.add(selection.name.value);
            const fragment = fragments[selection.name.value];
            if (fragment) found.push(...fieldsNamed(fragment.selectionSet, name, fragments, seen));
        }
    }
    return found;
}

/** The SOQL field paths a node selection needs, parents included (children are queried by their own resolver). */
function collectFields(
    ctx: CallContext,
    object: ObjectDef,
    selectionSet: SelectionSetNode | undefined,
    fragments: Fragments,
    prefix: string,
    out: Set<string>,
    /** Fragments already expanded at a prefix: expanding one again would add nothing (see fieldsNamed). */
    expanded: Set<string>
): void {
    out.add(`${prefix}Id`);
    for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
            if (forOtherObject(ctx, object, selection.typeCondition?.name.value)) continue;
            collectFields(ctx, object, selection.selectionSet, fragments, prefix, out, expanded);
            continue;
        }
        if (selection.kind === Kind.FRAGMENT_SPREAD) {
            const key = `${prefix}...${selection.name.value}`;
            const fragment = fragments[selection.name.value];
            if (fragment && forOtherObject(ctx, object, fragment.typeCondition.name.value)) continue;
            if (fragment && !expanded.has(key)) {
                expanded.add(key);
                collectFields(ctx, object, fragment.selectionSet, fragments, prefix, out, expanded);
            }
            continue;
        }
        const name = selection.name.value;
        if (name === 'WeakEtag') {
            out.add(`${prefix}SystemModstamp`);
            continue;
        }
        if (name === 'DisplayValue') {
            const nameField = object.fields.find((f) => f.nameField);
            if (nameField) out.add(`${prefix}${nameField.name}`);
            continue;
        }
        const field = ctx.schema.field(object.name, name);
        if (field && field.name === name) {
            out.add(`${prefix}${field.name}`);
            continue;
        }
        const lookup = ctx.schema.relationship(object.name, name);
        // A polymorphic parent is read by its id once its type is known (resolvePolymorphic).
        if (lookup && polymorphicTargets(ctx, object, lookup).length > 0) {
            out.add(`${prefix}${lookup.name}`);
            continue;
        }
        const target = lookup && parentTarget(ctx, object, lookup);
        if (lookup && target) {
            const parentPrefix = `${prefix}${lookup.relationshipName}.`;
            collectFields(ctx, target, selection.selectionSet, fragments, parentPrefix, out, expanded);
        }
        // ApiName, __typename and child relationships need nothing from this query.
    }
}

/** A fragment on another object (`... on Group` while reading a User) selects nothing from this one. */
function forOtherObject(ctx: CallContext, object: ObjectDef, typeName: string | undefined): boolean {
    return typeName !== undefined && typeName !== object.name && ctx.schema.object(typeName) !== undefined;
}

export function nodeFields(
    ctx: CallContext,
    object: ObjectDef,
    selectionSets: (SelectionSetNode | undefined)[],
    fragments: Fragments
): string[] {
    const fields = new Set<string>(['Id']);
    const expanded = new Set<string>();
    for (const set of selectionSets) collectFields(ctx, object, set, fragments, '', fields, expanded);
    return [...fields];
}

export interface ConnectionArgs {
    first?: number | null;
    after?: string | null;
    where?: Record<string, unknown> | null;
    scope?: string | null;
}

/** Runs SOQL the GraphQL layer built; an error in it is the caller's filter or paging, reported as such. */
function soql(ctx: CallContext, text: string): ReturnType<typeof runQuery> {
    const { db, schema, access, now, apiVersion } = ctx;
    try {
        return runQuery({ db, schema, access, now, apiVersion }, text, { queryAll: false });
    } catch (error) {
        if (error instanceof ApiError) throw new GraphQLRequestError(error.message, 'InvalidInput', error.errorCode);
        throw error;
    }
}

/**
 * One page of a connection: `first` records (default 10, at most 2000) after the cursor, ordered as asked and then
 * by Id so pages never overlap. `parentFilter` restricts a child relationship to its parent's records.
 */
export function connection(
    ctx: CallContext,
    object: ObjectDef,
    args: ConnectionArgs,
    info: GraphQLResolveInfo,
    parentFilter?: string
): Connection {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
        throw new GraphQLRequestError(`first must be between 0 and ${MAX_PAGE_SIZE}; it was ${first}`, 'InvalidInput');
    }
    const offset = args.after ? decodeCursor(args.after) + 1 : 0;
    const conditions: string[] = [];
    if (parentFilter) conditions.push(parentFilter);
    if (args.where) {
        const where = whereClause(ctx, object, args.where);
        if (where) conditions.push(where);
    }
    if (args.scope === 'MINE' && hasOwner(object)) conditions.push(`OwnerId = ${soqlString(ctx.userId)}`);
    const whereText = conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
    const order = [...orderByItems(ctx, object, writtenOrderBy(info)), 'Id ASC'];
    const fieldNode = info.fieldNodes;
    const nodes = fieldNode.flatMap((f) =>
        fieldsNamed(f.selectionSet, 'edges', info.fragments).flatMap((edges) =>
            fieldsNamed(edges.selectionSet, 'node', info.fragments).map((n) => n.selectionSet)
        )
    );
    const fields = nodeFields(ctx, object, nodes, info.fragments);
    const text = `SELECT ${fields.join(', ')} FROM ${object.name}${whereText} ORDER BY ${order.join(', ')} LIMIT ${first + 1}${offset > 0 ? ` OFFSET ${offset}` : ''}`;
    const records = soql(ctx, text).records;
    const page = records.slice(0, first);
    const edges = page.map((record, i) => ({ node: new RecordNode(object, record), cursor: encodeCursor(offset + i) }));
    let total: number | undefined;
    return {
        edges,
        pageInfo: {
            hasNextPage: records.length > first,
            hasPreviousPage: offset > 0,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges[edges.length - 1]?.cursor ?? null
        },
        pageResultCount: edges.length,
        // Counted only when asked for: a COUNT() over the same filter.
        totalCount: () => (total ??= soql(ctx, `SELECT COUNT() FROM ${object.name}${whereText}`).totalSize)
    };
}

/**
 * orderBy keys in the order the document (or the variables JSON) wrote them: GraphQL input coercion reorders an
 * input object's fields to the type's order, which would change a multi-column sort.
 */
function writtenOrderBy(info: GraphQLResolveInfo): Record<string, unknown> {
    const argument = info.fieldNodes[0].arguments?.find((a) => a.name.value === 'orderBy');
    if (!argument) return {};
    const value = valueFromASTUntyped(argument.value, info.variableValues);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
}

/** A record's own GraphQL fields. */
export function resolveNodeField(
    ctx: CallContext,
    node: RecordNode,
    args: Record<string, unknown>,
    info: GraphQLResolveInfo
): unknown {
    const { object, record } = node;
    const name = info.fieldName;
    switch (name) {
        case 'Id':
            return record.Id;
        case 'ApiName':
            return object.name;
        case 'WeakEtag':
            return record.SystemModstamp ? Date.parse(String(record.SystemModstamp).replace('+0000', 'Z')) : 0;
        case 'DisplayValue': {
            const nameField = object.fields.find((f) => f.nameField);
            return nameField ? ((record[nameField.name] as string | null) ?? null) : null;
        }
        case 'RecordTypeId': {
            const field = ctx.schema.field(object.name, 'RecordTypeId');
            const value = field ? (record.RecordTypeId ?? null) : null;
            return { value: value ?? (args.fallback ? MASTER_RECORD_TYPE : null), displayValue: null };
        }
    }
    const field = ctx.schema.field(object.name, name);
    if (field && field.name === name) return fieldValue(field, record[name]);
    const lookup = ctx.schema.relationship(object.name, name);
    const target = lookup && parentTarget(ctx, object, lookup);
    if (lookup && target) {
        if (node.mutationResult) throw notInMutationResults(name);
        const parent = record[lookup.relationshipName!] as ApiRecord | null | undefined;
        return parent ? new RecordNode(target, parent) : null;
    }
    if (lookup && polymorphicTargets(ctx, object, lookup).length > 0) {
        if (node.mutationResult) throw notInMutationResults(name);
        return resolvePolymorphic(ctx, object, lookup, record[lookup.name], info);
    }
    const child = childRelationships(ctx, object).find((c) => c.relationshipName === name);
    if (child) {
        if (node.mutationResult) throw notInMutationResults(name);
        const childObject = ctx.schema.object(child.childObject)!;
        return connection(
            ctx,
            childObject,
            args as ConnectionArgs,
            info,
            `${child.field} = ${soqlString(String(record.Id))}`
        );
    }
    return undefined;
}

/** The parent of a polymorphic lookup as its own object's record, with the fields its type's fragments select. */
function resolvePolymorphic(
    ctx: CallContext,
    object: ObjectDef,
    lookup: FieldDef,
    id: unknown,
    info: GraphQLResolveInfo
): RecordNode | null {
    if (typeof id !== 'string') return null;
    const target = polymorphicTargets(ctx, object, lookup).find((t) => t.keyPrefix === id.slice(0, 3));
    if (!target) return null;
    const selections = info.fieldNodes.map((f) => f.selectionSet);
    const fields = nodeFields(ctx, target, selections, info.fragments);
    const records = soql(ctx, `SELECT ${fields.join(', ')} FROM ${target.name} WHERE Id = ${soqlString(id)}`).records;
    return records[0] ? new RecordNode(target, records[0]) : null;
}

/** One record by id with the fields a mutation payload selects. */
export function readRecord(
    ctx: CallContext,
    object: ObjectDef,
    id: string,
    selectionSets: (SelectionSetNode | undefined)[],
    fragments: Fragments
): RecordNode {
    // Parents are not read: mutation results refuse to navigate to them.
    const fields = nodeFields(ctx, object, selectionSets, fragments).filter((path) => !path.includes('.'));
    const records = soql(ctx, `SELECT ${fields.join(', ')} FROM ${object.name} WHERE Id = ${soqlString(id)}`).records;
    // The record was written a moment ago in this transaction; only a flow deleting it again could hide it.
    if (!records[0]) throw new GraphQLRequestError(`${object.name} ${id} no longer exists`, 'DataFetchingException');
    return new RecordNode(object, records[0], true);
}
