/**
 * SQLite storage: one table per object, one column per field (named as the field), plus local-org's own tables
 * (prefixed `_lo_`) for the schema, sessions and id sequences. Every API call runs in one transaction.
 */
import Database from 'better-sqlite3';
import type { FieldDef, ObjectDef } from './schema.ts';
import { columnType } from './values.ts';
import { makeId } from './ids.ts';
import { registerFormulaFunction } from './formulaFields.ts';

export type Db = Database.Database;

/** Distinct SQL texts kept prepared; the SOQL translator makes one per query shape, so the set stays small. */
const STATEMENT_CACHE_SIZE = 1000;

/**
 * Makes `db.prepare` return the statement already prepared for the same SQL text: preparing costs ~60 µs, more than
 * most of local-org's statements take to run. Safe because no code here puts a statement in a stateful mode
 * (raw, pluck, expand) or keeps one iterating across calls.
 */
function cacheStatements(db: Db): void {
    const prepare = db.prepare.bind(db);
    const statements = new Map<string, Database.Statement>();
    db.prepare = ((sql: string) => {
        let statement = statements.get(sql);
        if (!statement) {
            if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
            statement = prepare(sql);
            statements.set(sql, statement);
        }
        return statement;
    }) as Db['prepare'];
}

/** A database file, `:memory:`, or a serialized database to open a copy of in memory. */
export function openDatabase(file: string | Buffer): Db {
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = OFF');
    db.pragma('synchronous = NORMAL');
    db.pragma('temp_store = MEMORY');
    // Checkpoint every ~40 MB of WAL instead of ~4 MB: index pages that many small commits rewrite (a bulk job commits
    // every 1000 rows) are copied back to the database once instead of many times.
    db.pragma('wal_autocheckpoint = 10000');
    cacheStatements(db);
    registerFormulaFunction(db);
    db.exec(`
        CREATE TABLE IF NOT EXISTS _lo_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS _lo_objects (name TEXT PRIMARY KEY COLLATE NOCASE, definition TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS _lo_sequences (prefix TEXT PRIMARY KEY, next INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS _lo_sessions (token TEXT PRIMARY KEY, user_id TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS _lo_metadata (type TEXT NOT NULL, full_name TEXT NOT NULL, content TEXT NOT NULL, PRIMARY KEY (type, full_name));
        CREATE TABLE IF NOT EXISTS _lo_metadata_source (type TEXT NOT NULL, full_name TEXT NOT NULL, content TEXT NOT NULL, PRIMARY KEY (type, full_name));
        CREATE TABLE IF NOT EXISTS _lo_record_type_access (
            permission_set_id TEXT NOT NULL, record_type_id TEXT NOT NULL, visible INTEGER NOT NULL, is_default INTEGER NOT NULL,
            PRIMARY KEY (permission_set_id, record_type_id));
        CREATE TABLE IF NOT EXISTS _lo_deploys (id TEXT PRIMARY KEY, kind TEXT NOT NULL, result TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS _lo_recently_viewed (user_id TEXT NOT NULL, record_id TEXT NOT NULL, sobject_type TEXT NOT NULL, last_viewed TEXT, last_referenced TEXT, PRIMARY KEY (user_id, record_id));
        CREATE TABLE IF NOT EXISTS _lo_deleted_objects (name TEXT PRIMARY KEY COLLATE NOCASE, deleted_date TEXT NOT NULL, table_name TEXT NOT NULL, definition TEXT NOT NULL);
    `);
    return db;
}

/** SQL identifier for an object's table or a field's column. Names come from the schema, never from a request. */
export function quoteName(name: string): string {
    return `"${name.replaceAll('"', '""')}"`;
}

export function columnDefinition(field: FieldDef): string {
    const collate =
        columnType(field.type) === 'TEXT' && field.type !== 'id' && field.type !== 'reference' ? ' COLLATE NOCASE' : '';
    const primary = field.type === 'id' ? ' PRIMARY KEY' : '';
    return `${quoteName(field.name)} ${columnType(field.type)}${primary}${collate}`;
}

/** Indexes where Salesforce has them: lookups, external ids and unique fields, Name, Email. */
export function indexedColumns(object: ObjectDef): FieldDef[] {
    return object.fields.filter(
        (f) =>
            f.type === 'reference' ||
            f.externalId ||
            f.unique ||
            f.indexed ||
            f.nameField ||
            f.type === 'email' ||
            f.name === 'CreatedDate' ||
            f.name === 'SystemModstamp'
    );
}

export function createObjectTable(db: Db, object: ObjectDef): void {
    const table = quoteName(object.name);
    db.exec(`CREATE TABLE ${table} (${object.fields.map(columnDefinition).join(', ')})`);
    for (const field of indexedColumns(object)) createFieldIndex(db, object, field);
}

export function createFieldIndex(db: Db, object: ObjectDef, field: FieldDef): void {
    const index = quoteName(`${object.name}_${field.name}_idx`);
    db.exec(`CREATE INDEX IF NOT EXISTS ${index} ON ${quoteName(object.name)} (${quoteName(field.name)})`);
}

export function addFieldColumn(db: Db, object: ObjectDef, field: FieldDef): void {
    db.exec(`ALTER TABLE ${quoteName(object.name)} ADD COLUMN ${columnDefinition(field)}`);
    if (indexedColumns({ ...object, fields: [field] }).length > 0) createFieldIndex(db, object, field);
}

export function saveObjectDefinition(db: Db, object: ObjectDef): void {
    db.prepare(
        'INSERT INTO _lo_objects (name, definition) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET definition = excluded.definition'
    ).run(object.name, JSON.stringify(object));
}

export function loadObjectDefinitions(db: Db): ObjectDef[] {
    const rows = db.prepare('SELECT definition FROM _lo_objects').all() as { definition: string }[];
    return rows.map((row) => JSON.parse(row.definition) as ObjectDef);
}

export function getSetting(db: Db, key: string): string | undefined {
    const row = db.prepare('SELECT value FROM _lo_settings WHERE key = ?').get(key) as { value: string } | undefined;
    return row?.value;
}

export function setSetting(db: Db, key: string, value: string): void {
    db.prepare(
        'INSERT INTO _lo_settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'
    ).run(key, value);
}

/** The next id for a key prefix. Sequences live in the database so ids stay unique across restarts. */
export function nextId(db: Db, keyPrefix: string): string {
    const row = db
        .prepare(
            'INSERT INTO _lo_sequences (prefix, next) VALUES (?, 2) ON CONFLICT(prefix) DO UPDATE SET next = next + 1 RETURNING next'
        )
        .get(keyPrefix) as { next: number };
    return makeId(keyPrefix, row.next - 1);
}

/** Inserts a record the org makes for itself, with every column filled (defaults, audit fields). */
export function insertSystemRecord(
    db: Db,
    object: ObjectDef,
    values: Record<string, string | number | null>,
    userId: string,
    now: string
): string {
    const id = values.Id !== undefined ? String(values.Id) : nextId(db, object.keyPrefix);
    const record: Record<string, string | number | null> = {};
    for (const field of object.fields) {
        record[field.name] =
            typeof field.defaultValue === 'boolean'
                ? Number(field.defaultValue)
                : ((field.defaultValue as string | number | null | undefined) ?? null);
    }
    Object.assign(record, {
        Id: id,
        IsDeleted: 0,
        CreatedDate: now,
        CreatedById: userId,
        LastModifiedDate: now,
        LastModifiedById: userId,
        SystemModstamp: now
    });
    if (object.owned) record.OwnerId = userId;
    Object.assign(record, values);
    const columns = object.fields.map((f) => f.name);
    db.prepare(
        `INSERT INTO ${quoteName(object.name)} (${columns.map(quoteName).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`
    ).run(...columns.map((c) => record[c]));
    return id;
}
