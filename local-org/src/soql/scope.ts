/**
 * The objects one SELECT reads: the queried object and, for every parent relationship path it names
 * (`Account.Owner.Name`), a LEFT JOIN to the parent. A polymorphic lookup (Task.What, Case.Owner) joins every object
 * it can point to; a field read through it is the first non-null of those objects' columns.
 */
import { notSupported } from '../errors.ts';
import type { FieldDef, FieldType, ObjectDef } from '../schema.ts';
import { quoteName } from '../store.ts';
import { formulaSql } from '../formulaFields.ts';
import type { QueryEnv } from './env.ts';
import { joinSql, param, raw, sql, type Sql } from './sql.ts';

/** Something a filter or sort can use: an SQL expression, its type, and its name as written (for messages). */
export interface Operand {
    sql: Sql;
    type: FieldType;
    name: string;
}

interface Target {
    object: ObjectDef;
    alias: string;
}

/** The queried object, or a parent reached through a relationship path. */
export interface Source {
    /** Lower-case relationship path from the queried object; '' for the queried object itself. */
    key: string;
    relationshipName: string;
    /** The lookup field followed to reach this source. */
    lookup: FieldDef | null;
    targets: Target[];
    polymorphic: boolean;
}

export interface ResolvedField extends Operand {
    field: FieldDef;
    /** The relationships followed, outermost first (empty for a field of the queried object). */
    path: Source[];
}

/** Name.Type: the object a polymorphic lookup points to. */
const POLYMORPHIC_TYPE: FieldDef = {
    name: 'Type',
    label: 'Type',
    type: 'picklist',
    nillable: true,
    createable: false,
    updateable: false
};

/** The object a FROM names, if it exists, can be queried and the caller may read it. */
export function queriedObject(env: QueryEnv, name: string): ObjectDef {
    const object = env.ctx.schema.object(name);
    if (!object || !object.queryable || !env.ctx.access.canReadObject(object.name)) throw env.text.unknownObject(name);
    return object;
}

export class Scope {
    readonly root: Source;
    private readonly sources = new Map<string, Source>();
    private readonly joins: Sql[] = [];

    constructor(
        private readonly env: QueryEnv,
        readonly object: ObjectDef,
        /** The alias the query gives its object (`FROM Account a`), usable as a path prefix. */
        private readonly queryAlias?: string
    ) {
        this.root = {
            key: '',
            relationshipName: '',
            lookup: null,
            targets: [{ object, alias: env.nextAlias() }],
            polymorphic: false
        };
    }

    get alias(): string {
        return this.root.targets[0].alias;
    }

    /** `FROM "Account" AS t0 LEFT JOIN ...` */
    fromClause(): Sql {
        const base = raw(`${quoteName(this.object.name)} AS ${this.alias}`);
        return joinSql([base, ...this.joins], ' ');
    }

    /** The queried object's rows that count: deleted ones only for queryAll. */
    liveRows(): Sql | null {
        return this.liveRowsOf(this.root.targets[0]);
    }

    private liveRowsOf(target: Target): Sql | null {
        if (this.env.queryAll || !target.object.fields.some((f) => f.name === 'IsDeleted')) return null;
        return raw(`COALESCE(${target.alias}."IsDeleted", 0) = 0`);
    }

    column(fieldName: string): Sql {
        return raw(`${this.alias}.${quoteName(fieldName)}`);
    }

    /** The id of the record a source stands for (null when the lookup is empty). */
    idOf(source: Source): Sql {
        return coalesce(source.targets.map((t) => raw(`${t.alias}."Id"`)));
    }

    /** A field path as written (`Name`, `Account.Owner.Name`, `a.Name`), joining the parents it names. */
    resolveField(path: string, near: string = path): ResolvedField {
        const segments = this.withoutObjectPrefix(path.split('.'));
        let source = this.root;
        const followed: Source[] = [];
        for (const relationship of segments.slice(0, -1)) {
            source = this.parent(source, relationship, near);
            followed.push(source);
        }
        return { ...this.leaf(source, segments[segments.length - 1], near), path: followed };
    }

    /** `a.Name` with `FROM Account a`, or `Account.Name` with `FROM Account`, is the object's own field. */
    private withoutObjectPrefix(segments: string[]): string[] {
        if (segments.length < 2) return segments;
        const first = segments[0].toLowerCase();
        if (this.queryAlias !== undefined && first === this.queryAlias.toLowerCase()) return segments.slice(1);
        const isRelationship = this.env.ctx.schema.relationship(this.object.name, first) !== undefined;
        if (first === this.object.name.toLowerCase() && !isRelationship) return segments.slice(1);
        return segments;
    }

    private parent(source: Source, relationshipName: string, near: string): Source {
        const { schema, access } = this.env.ctx;
        if (source.polymorphic) {
            throw notSupported(
                `Relationship paths through the polymorphic relationship '${source.relationshipName}' in SOQL`
            );
        }
        const child = source.targets[0].object;
        const lookup = schema.relationship(child.name, relationshipName);
        if (!lookup || lookup.type !== 'reference' || !access.canReadField(child.name, lookup.name)) {
            throw this.env.text.unknownParentRelationship(relationshipName, near);
        }
        const name = lookup.relationshipName ?? relationshipName;
        const key = `${source.key}.${name.toLowerCase()}`;
        const known = this.sources.get(key);
        if (known) return known;
        const objects = (lookup.referenceTo ?? [])
            .map((name) => schema.object(name))
            .filter((o): o is ObjectDef => o !== undefined && access.canReadObject(o.name));
        if (objects.length === 0) throw this.env.text.unknownParentRelationship(relationshipName, near);
        const lookupColumn = raw(`${source.targets[0].alias}.${quoteName(lookup.name)}`);
        const targets = objects.map((object) => ({ object, alias: this.env.nextAlias() }));
        for (const target of targets) this.joins.push(this.join(target, lookupColumn));
        const polymorphic = (lookup.referenceTo ?? []).length > 1;
        const parent: Source = { key, relationshipName: name, lookup, targets, polymorphic };
        this.sources.set(key, parent);
        return parent;
    }

    /** A deleted parent reads as no parent, as Salesforce clears lookups to deleted records (queryAll aside). */
    private join(target: Target, lookupColumn: Sql): Sql {
        const table = raw(`${quoteName(target.object.name)} AS ${target.alias}`);
        const matches = sql`${raw(`${target.alias}."Id"`)} = ${lookupColumn}`;
        const live = this.liveRowsOf(target);
        const on = live ? sql`${matches} AND ${live}` : matches;
        return sql`LEFT JOIN ${table} ON ${on}`;
    }

    private leaf(source: Source, name: string, near: string): Operand & { field: FieldDef } {
        if (source.polymorphic && name.toLowerCase() === 'type') return this.polymorphicType(source, near);
        const found = source.targets
            .map((target) => ({ target, field: this.readableField(target.object, name, source.polymorphic) }))
            .filter((c): c is { target: Target; field: FieldDef } => c.field !== undefined);
        if (found.length === 0) {
            const entity = source.polymorphic ? 'Name' : source.targets[0].object.name;
            throw this.env.text.noSuchColumn(name, entity, near);
        }
        const expression = coalesce(found.map((c) => raw(this.columnOf(c.target, c.field))));
        // Through a polymorphic lookup the result key is Name whichever field each object names itself with.
        const isName = source.polymorphic && name.toLowerCase() === 'name';
        const field = isName ? { ...found[0].field, name: 'Name' } : found[0].field;
        return { sql: expression, type: field.type, name: near, field };
    }

    /** A field's column; a formula field's value computed from its record's columns (formulaFields.ts). */
    private columnOf(target: Target, field: FieldDef): string {
        if (field.formula !== undefined) return formulaSql(this.env.ctx.schema, target.object, field, target.alias);
        return `${target.alias}.${quoteName(field.name)}`;
    }

    /** Through a polymorphic lookup, Name is each object's name field (CaseNumber for a Case), as on Salesforce. */
    private readableField(object: ObjectDef, name: string, polymorphic: boolean): FieldDef | undefined {
        const { schema, access } = this.env.ctx;
        const isName = polymorphic && name.toLowerCase() === 'name';
        const field = isName
            ? (object.fields.find((f) => f.nameField) ?? schema.field(object.name, name))
            : schema.field(object.name, name);
        return field && access.canReadField(object.name, field.name) ? field : undefined;
    }

    private polymorphicType(source: Source, near: string): Operand & { field: FieldDef } {
        const cases = source.targets.map((t) => sql`WHEN ${param(t.object.keyPrefix)} THEN ${param(t.object.name)}`);
        const expression = sql`(CASE substr(${this.idOf(source)}, 1, 3) ${joinSql(cases, ' ')} END)`;
        return { sql: expression, type: POLYMORPHIC_TYPE.type, name: near, field: POLYMORPHIC_TYPE };
    }
}

/** Identifies a field path whatever its spelling: `account.NAME` and `Account.Name` are the same. */
export function fieldKey(resolved: ResolvedField): string {
    const parent = resolved.path[resolved.path.length - 1];
    return `${parent?.key ?? ''}.${resolved.field.name.toLowerCase()}`;
}

function coalesce(parts: Sql[]): Sql {
    return parts.length === 1 ? parts[0] : sql`COALESCE(${joinSql(parts, ', ')})`;
}
