/**
 * Metadata local-org keeps but does not execute (record pages, layouts, quick actions, labels, component bundles,
 * list views): stored as deployed, for the preview and for retrieve.
 */
import type { Db } from '../store.ts';

export function storeMetadata(db: Db, type: string, fullName: string, content: unknown): boolean {
    const json = JSON.stringify(content);
    const existing = db
        .prepare('SELECT content FROM _lo_metadata WHERE type = ? AND full_name = ?')
        .get(type, fullName) as { content: string } | undefined;
    db.prepare(
        'INSERT INTO _lo_metadata (type, full_name, content) VALUES (?, ?, ?) ON CONFLICT(type, full_name) DO UPDATE SET content = excluded.content'
    ).run(type, fullName, json);
    return existing === undefined;
}

export function readMetadata<T>(db: Db, type: string, fullName: string): T | undefined {
    const row = db.prepare('SELECT content FROM _lo_metadata WHERE type = ? AND full_name = ?').get(type, fullName) as
        { content: string } | undefined;
    return row ? (JSON.parse(row.content) as T) : undefined;
}

export function listMetadataNames(db: Db, type: string): string[] {
    return (
        db.prepare('SELECT full_name FROM _lo_metadata WHERE type = ? ORDER BY full_name').all(type) as {
            full_name: string;
        }[]
    ).map((r) => r.full_name);
}

/**
 * The deployed form of components the org applies to its schema and records (CustomObject, CustomField, RecordType,
 * PermissionSet...), for readMetadata: what the last deploy or CRUD call of each said, in a table of its own so it
 * never mixes with the metadata stored above.
 */
export function recordSource(db: Db, type: string, fullName: string, node: unknown): void {
    db.prepare(
        'INSERT INTO _lo_metadata_source (type, full_name, content) VALUES (?, ?, ?) ON CONFLICT(type, full_name) DO UPDATE SET content = excluded.content'
    ).run(type, fullName, JSON.stringify(node));
}

export function deleteSource(db: Db, type: string, fullName: string): void {
    db.prepare('DELETE FROM _lo_metadata_source WHERE type = ? AND full_name = ?').run(type, fullName);
}

export function readSource(db: Db, type: string, fullName: string): Record<string, unknown> | undefined {
    const row = db
        .prepare('SELECT content FROM _lo_metadata_source WHERE type = ? AND full_name = ?')
        .get(type, fullName) as { content: string } | undefined;
    return row ? (JSON.parse(row.content) as Record<string, unknown>) : undefined;
}

export function listSourceNames(db: Db, type: string): string[] {
    return (
        db.prepare('SELECT full_name FROM _lo_metadata_source WHERE type = ? ORDER BY full_name').all(type) as {
            full_name: string;
        }[]
    ).map((r) => r.full_name);
}
