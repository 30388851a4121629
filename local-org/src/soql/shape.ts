/**
 * Result rows as REST records: `attributes`, then the selected fields in SELECT order under their schema names,
 * parents as nested records (null when the lookup is empty), child relationships as query results.
 */
import type { FieldDef } from '../schema.ts';
import { toApiValue } from '../values.ts';
import type { QueryEnv } from './env.ts';
import type { Source } from './scope.ts';

export interface RecordAttributes {
    type: string;
    /** Absent on AggregateResult rows. */
    url?: string;
}

export type ApiRecord = { attributes: RecordAttributes } & Record<string, unknown>;

export interface ChildResult {
    totalSize: number;
    done: true;
    records: ApiRecord[];
}

export type Row = Record<string, unknown>;

/** What one key of a record is made of. Column names refer to the SQL result columns. */
export type OutputNode = FieldNode | ParentNode | ChildrenNode;

export interface FieldNode {
    kind: 'field';
    key: string;
    column: string;
    field: FieldDef;
}

export interface ParentNode {
    kind: 'parent';
    key: string;
    idColumn: string;
    source: Source;
    children: OutputNode[];
}

/** A child relationship subquery: the plan's `children[childIndex]`. */
export interface ChildrenNode {
    kind: 'children';
    key: string;
    childIndex: number;
}

export function recordAttributes(env: QueryEnv, type: string, id: string): RecordAttributes {
    return { type, url: `/services/data/v${env.ctx.apiVersion}/sobjects/${type}/${id}` };
}

/** A polymorphic parent is typed `Name` (Salesforce's pseudo-object), its url names its real object. */
function parentAttributes(env: QueryEnv, source: Source, id: string): RecordAttributes {
    if (!source.polymorphic) return recordAttributes(env, source.targets[0].object.name, id);
    const actual = env.ctx.schema.objectByKeyPrefix(id.slice(0, 3))?.name ?? source.targets[0].object.name;
    return { ...recordAttributes(env, actual, id), type: 'Name' };
}

/** Child relationship keys are set to null here and filled once the children are fetched. */
export function shapeRecord(env: QueryEnv, row: Row, nodes: OutputNode[], attributes: RecordAttributes): ApiRecord {
    const record: ApiRecord = { attributes };
    for (const node of nodes) {
        if (node.kind === 'field') {
            record[node.key] = toApiValue(node.field.type, row[node.column]);
        } else if (node.kind === 'parent') {
            const id = row[node.idColumn];
            record[node.key] =
                id === null || id === undefined
                    ? null
                    : shapeRecord(env, row, node.children, parentAttributes(env, node.source, String(id)));
        } else {
            record[node.key] = null;
        }
    }
    return record;
}
