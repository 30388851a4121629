/**
 * The GraphQL schema a caller sees, generated from the org's schema and their access: as on Salesforce, only objects
 * UI API supports (not Task or Event), only objects and fields the user may read, and only createable/updateable
 * fields in mutation inputs. A deploy or a permission change yields different SDL, hence a new schema; built schemas
 * are cached by their SDL, so an unchanged org reuses the last one.
 */
import { buildSchema, type GraphQLSchema } from 'graphql';
import type { CallContext } from '../context.ts';
import { isRequired, type ChildRelationship, type FieldDef, type ObjectDef } from '../schema.ts';
import { isFilterable, typeInfo } from './fieldTypes.ts';
import { SHARED_SDL } from './shared.ts';

/** Fields every Record has, typed by the Record interface rather than by the object's field list. */
const RECORD_INTERFACE_FIELDS = new Set([
    'Id',
    'LastModifiedById',
    'LastModifiedDate',
    'SystemModstamp',
    'RecordTypeId'
]);

/**
 * Not in shared-schema.graphqls but used by every object's filter: ids compare like strings, and inq/ninq are
 * semi-joins and anti-joins (`Id: { inq: { Contact: { ... }, ApiName: "AccountId" } }`, Salesforce GraphQL guide,
 * "Semi-Join and Anti-Join"). JoinInput, which names every object's filter, is generated with the objects.
 */
const LOCAL_SDL = /* GraphQL */ `
    input IDOperators {
        eq: ID
        ne: ID
        lt: ID
        gt: ID
        lte: ID
        gte: ID
        in: [ID]
        nin: [ID]
        inq: JoinInput
        ninq: JoinInput
    }

    "Omits a field the user cannot access instead of failing the query (API v65.0 and later)."
    directive @optional on FIELD

    type Query {
        uiapi: UIAPI!
    }

    type UIAPI {
        query: RecordQuery!
        objectInfos(apiNames: [String], locale: String, objectInfoInputs: [ObjectInfoInput!]): [ObjectInfo]
    }
`;

const MUTATION_SDL = /* GraphQL */ `
    input UIAPIMutationsInput {
        allOrNone: Boolean = true
    }

    type Mutation {
        uiapi(input: UIAPIMutationsInput): UIAPIMutations!
    }

    input RecordDeleteInput {
        Id: IdOrRef!
    }

    type RecordDeletePayload {
        Id: ID
    }
`;

/** What the resolvers need to know about the generated types. */
export interface GeneratedSchema {
    schema: GraphQLSchema;
    sdl: string;
}

export function exposedObjects(ctx: CallContext): ObjectDef[] {
    return ctx.schema.allObjects().filter((o) => isExposed(ctx, o));
}

export function isExposed(ctx: CallContext, object: ObjectDef): boolean {
    return object.uiApi === true && object.queryable && ctx.access.canReadObject(object.name);
}

export function readableFields(ctx: CallContext, object: ObjectDef): FieldDef[] {
    return object.fields.filter((f) => ctx.access.canReadField(object.name, f.name));
}

/**
 * A lookup GraphQL follows as a nested record: one target object, exposed to the caller. Polymorphic lookups
 * (Owner, to User or Group) are unions: see polymorphicTargets.
 */
export function parentTarget(ctx: CallContext, object: ObjectDef, field: FieldDef): ObjectDef | undefined {
    if (field.type !== 'reference' || !field.relationshipName || field.referenceTo?.length !== 1) return undefined;
    if (!ctx.access.canReadField(object.name, field.name)) return undefined;
    const target = ctx.schema.object(field.referenceTo[0]);
    return target && isExposed(ctx, target) ? target : undefined;
}

/**
 * The objects a polymorphic lookup (Case.Owner: User or Group) may point to that the caller sees. GraphQL API
 * Developer Guide, "Polymorphic Relationship Filters": the relationship's type is a union named
 * `<ObjectName>_<RelationshipName>` (Case_Owner) with "one possible type for each concrete type that participates in
 * the polymorphic relationship", queried with `... on User { }` inline fragments.
 */
export function polymorphicTargets(ctx: CallContext, object: ObjectDef, field: FieldDef): ObjectDef[] {
    if (field.type !== 'reference' || !field.relationshipName || (field.referenceTo?.length ?? 0) < 2) return [];
    if (!ctx.access.canReadField(object.name, field.name)) return [];
    return (field.referenceTo ?? [])
        .map((name) => ctx.schema.object(name))
        .filter((target): target is ObjectDef => target !== undefined && isExposed(ctx, target))
        .sort((a, b) => a.name.localeCompare(b.name));
}

export function polymorphicTypeName(object: ObjectDef, field: FieldDef): string {
    return `${object.name}_${field.relationshipName}`;
}

export function childRelationships(ctx: CallContext, object: ObjectDef): ChildRelationship[] {
    return ctx.schema.childRelationships(object.name).filter((child) => {
        const childObject = ctx.schema.object(child.childObject);
        return childObject && isExposed(ctx, childObject) && ctx.access.canReadField(childObject.name, child.field);
    });
}

function objectSdl(ctx: CallContext, object: ObjectDef): string {
    const name = object.name;
    const fields = readableFields(ctx, object);
    const lines = [
        'Id: ID!',
        'ApiName: String!',
        'WeakEtag: Long!',
        'DisplayValue: String',
        'LastModifiedById: IDValue',
        'LastModifiedDate: DateTimeValue',
        'SystemModstamp: DateTimeValue',
        'RecordTypeId(fallback: Boolean): IDValue'
    ];
    const filters = ['Id: IDOperators'];
    const orders = ['Id: OrderByClause'];
    const unions: string[] = [];
    for (const field of fields) {
        if (field.type === 'id') continue;
        const info = typeInfo(field);
        if (!RECORD_INTERFACE_FIELDS.has(field.name)) lines.push(`${field.name}: ${info.valueType}`);
        if (isFilterable(field)) {
            filters.push(`${field.name}: ${info.operators}`);
            if (field.type !== 'multipicklist') orders.push(`${field.name}: OrderByClause`);
        }
        const target = parentTarget(ctx, object, field);
        if (target) {
            lines.push(`${field.relationshipName}: ${target.name}`);
            filters.push(`${field.relationshipName}: ${target.name}_Filter`);
            orders.push(`${field.relationshipName}: ${target.name}_OrderBy`);
        }
        const targets = polymorphicTargets(ctx, object, field);
        if (targets.length > 0) {
            const union = polymorphicTypeName(object, field);
            lines.push(`${field.relationshipName}: ${union}`);
            unions.push(`union ${union} = ${targets.map((t) => t.name).join(' | ')}`);
        }
    }
    const taken = new Set(lines.map((l) => l.split(/[:(]/)[0]));
    for (const child of childRelationships(ctx, object)) {
        // A self-lookup may name its children as its parent (Contact.ReportsTo): the parent keeps the name.
        if (taken.has(child.relationshipName)) continue;
        const c = child.childObject;
        lines.push(
            `${child.relationshipName}(first: Int, after: String, where: ${c}_Filter, orderBy: ${c}_OrderBy): ${c}Connection`
        );
    }
    filters.push(`and: [${name}_Filter]`, `or: [${name}_Filter]`, `not: ${name}_Filter`);
    return [
        block(`type ${name} implements Record`, lines),
        ...unions,
        block(`type ${name}Connection`, [
            `edges: [${name}Edge]`,
            'pageInfo: PageInfo!',
            'totalCount: Int!',
            'pageResultCount: Int!'
        ]),
        block(`type ${name}Edge`, [`node: ${name}`, 'cursor: String!']),
        block(`input ${name}_Filter`, filters),
        block(`input ${name}_OrderBy`, orders),
        ...(hasOwner(object) ? [block(`enum ${name}Scope`, ['MINE'])] : [])
    ].join('\n\n');
}

export function hasOwner(object: ObjectDef): boolean {
    return object.owned === true;
}

function mutationSdl(ctx: CallContext, object: ObjectDef): { fields: string[]; types: string[] } {
    const name = object.name;
    const access = ctx.access.objectAccess(name);
    const fields: string[] = [];
    const types: string[] = [];
    // Object CRUD is checked when the operation runs (writes.ts), so a user without create or edit access still has
    // the operations and gets Salesforce's runtime error for them. Their inputs then offer the fields they can read
    // (field-level edit access presupposes object write access); the operation fails before any value matters.
    const writable = access.create || access.edit;
    const editable = (mode: 'create' | 'update') =>
        object.fields.filter((f) => {
            if (f.type === 'id' || !(mode === 'create' ? f.createable : f.updateable)) return false;
            const fieldAccess = ctx.access.fieldAccess(name, f.name);
            return writable ? fieldAccess.edit : fieldAccess.read;
        });
    const createFields = editable('create');
    if (object.createable && createFields.length > 0) {
        types.push(
            block(
                `input ${name}CreateRepresentation`,
                createFields.map((f) => `${f.name}: ${typeInfo(f).input}${isRequired(f) ? '!' : ''}`)
            ),
            block(`input ${name}CreateInput`, [`${name}: ${name}CreateRepresentation!`]),
            block(`type ${name}CreatePayload`, [`Record: ${name}!`])
        );
        fields.push(`${name}Create(input: ${name}CreateInput!): ${name}CreatePayload`);
    }
    const updateFields = editable('update');
    if (object.updateable && updateFields.length > 0) {
        types.push(
            block(
                `input ${name}UpdateRepresentation`,
                updateFields.map((f) => `${f.name}: ${typeInfo(f).input}`)
            ),
            block(`input ${name}UpdateInput`, ['Id: IdOrRef!', `${name}: ${name}UpdateRepresentation!`]),
            block(`type ${name}UpdatePayload`, [`Record: ${name}!`])
        );
        fields.push(`${name}Update(input: ${name}UpdateInput!): ${name}UpdatePayload`);
    }
    if (object.deletable) fields.push(`${name}Delete(input: RecordDeleteInput!): RecordDeletePayload`);
    return { fields, types };
}

function block(head: string, lines: string[]): string {
    return `${head} {\n${lines.map((l) => `  ${l}`).join('\n')}\n}`;
}

/** The caller's schema as SDL. */
export function generateSdl(ctx: CallContext): string {
    const objects = exposedObjects(ctx);
    const parts = [SHARED_SDL, LOCAL_SDL];
    const queryFields: string[] = [];
    const mutationFields: string[] = [];
    for (const object of objects) {
        parts.push(objectSdl(ctx, object));
        const scope = hasOwner(object) ? `, scope: ${object.name}Scope` : '';
        queryFields.push(
            `${object.name}(first: Int, after: String, where: ${object.name}_Filter, orderBy: ${object.name}_OrderBy${scope}): ${object.name}Connection`
        );
        const mutation = mutationSdl(ctx, object);
        parts.push(...mutation.types);
        mutationFields.push(...mutation.fields);
    }
    parts.push(block('type RecordQuery', queryFields));
    parts.push(block('input JoinInput', [...objects.map((o) => `${o.name}: ${o.name}_Filter`), 'ApiName: String!']));
    // An empty type is not valid GraphQL: a user with no writable object has no Mutation type at all.
    if (mutationFields.length > 0) parts.push(MUTATION_SDL, block('type UIAPIMutations', mutationFields));
    return parts.join('\n\n');
}

const CACHE_SIZE = 16;
const cache = new Map<string, GraphQLSchema>();

export function schemaFor(ctx: CallContext): GeneratedSchema {
    const sdl = generateSdl(ctx);
    let schema = cache.get(sdl);
    if (schema) {
        cache.delete(sdl);
    } else {
        schema = buildSchema(sdl);
        if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sdl, schema);
    return { schema, sdl };
}
