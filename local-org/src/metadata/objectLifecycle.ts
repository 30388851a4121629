/**
 * Deleting and renaming a custom object through the Metadata API (deleteMetadata, renameMetadata of CustomObject).
 *
 * Delete, as Salesforce Help "Manage Deleted Custom Objects" describes it: the object and its data leave the
 * schema and go to the org's Deleted Objects list for 15 days, after which they are erased. local-org keeps the
 * object's table and definition aside (`_lo_deleted_objects`), so nothing is lost, but offers no undelete or erase
 * (Setup pages it does not have): while the object is in that list its name is refused for a new object, by name.
 * Rename changes the API name everywhere local-org keeps it: the table, the definition, lookups to it, record
 * types, permissions and the stored metadata of and about the object. Objects that something else depends on in
 * a way local-org cannot follow (another object's lookup for a delete, a flow for either) are refused by name.
 */
import type { LocalOrg } from '../org.ts';
import type { ObjectDef } from '../schema.ts';
import { quoteName, saveObjectDefinition, type Db } from '../store.ts';
import { ComponentProblem } from './problem.ts';

/** "Deleted custom objects appear in the Deleted Objects list for 15 days" (Salesforce Help). */
const DELETED_OBJECT_DAYS = 15;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface LifecycleError {
    statusCode: string;
    message: string;
}

function refused(message: string): LifecycleError {
    return { statusCode: 'NOT_SUPPORTED_BY_LOCAL_ORG', message: `${message} is not supported by local-org` };
}

function customObject(org: LocalOrg, name: string): ObjectDef | LifecycleError {
    const object = org.schema.object(name);
    if (!object) {
        return {
            statusCode: 'INVALID_CROSS_REFERENCE_KEY',
            message: `In field: fullName - no CustomObject named ${name} found`
        };
    }
    if (!object.custom) return refused(`Deleting or renaming the standard object ${object.name}`);
    return object;
}

/** Flows that name the object: local-org cannot rewrite or disable them. */
function flowsNaming(db: Db, objectName: string): string[] {
    const rows = db.prepare("SELECT full_name, content FROM _lo_metadata WHERE type = 'Flow'").all() as {
        full_name: string;
        content: string;
    }[];
    const pattern = new RegExp(`\\b${objectName}\\b`, 'i');
    return rows.filter((row) => pattern.test(row.content)).map((row) => row.full_name);
}

function dependents(org: LocalOrg, object: ObjectDef, withLookups: boolean): LifecycleError | undefined {
    const flows = flowsNaming(org.db, object.name);
    if (flows.length > 0) return refused(`Changing ${object.name}, which the flows ${flows.join(', ')} use,`);
    if (!withLookups) return undefined;
    const lookups = org.schema
        .allObjects()
        .filter((other) => other.name !== object.name)
        .flatMap((other) =>
            other.fields
                .filter((field) => field.referenceTo?.some((target) => target === object.name))
                .map((field) => `${other.name}.${field.name}`)
        );
    if (lookups.length > 0) return refused(`Deleting ${object.name}, which ${lookups.join(', ')} refer to,`);
    return undefined;
}

/** Rows of the metadata tables that belong to the object: itself, `Object.Child`, and its layouts `Object-Name`. */
const OWN_ROWS = (table: string) =>
    `FROM ${table} WHERE (type = 'CustomObject' AND full_name = ?) OR full_name LIKE ? ESCAPE '\\' OR (type = 'Layout' AND full_name LIKE ? ESCAPE '\\')`;

function likePrefix(name: string, separator: string): string {
    return `${name.replace(/[\\%_]/g, (ch) => `\\${ch}`)}${separator}%`;
}

/**
 * Field indexes are named after their object (store.ts createFieldIndex); a table set aside keeps none, a renamed
 * one gets them under its new name, so a later object of the old name can have its own.
 */
function moveIndexes(db: Db, table: string, renamedTo: string | undefined): void {
    const indexes = db
        .prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
        .all(renamedTo ?? table) as { name: string; sql: string }[];
    for (const index of indexes) {
        db.exec(`DROP INDEX ${quoteName(index.name)}`);
        if (renamedTo && index.name.startsWith(`${table}_`)) {
            const name = `${renamedTo}${index.name.slice(table.length)}`;
            db.exec(
                `CREATE INDEX ${quoteName(name)} ON ${quoteName(renamedTo)} ${index.sql.slice(index.sql.indexOf('('))}`
            );
        }
    }
}

/** deleteMetadata of one CustomObject: into the Deleted Objects list, data and definition kept aside. */
export function deleteCustomObject(org: LocalOrg, name: string, now: Date): LifecycleError | undefined {
    const object = customObject(org, name);
    if ('statusCode' in object) return object;
    const blocked = dependents(org, object, true);
    if (blocked) return blocked;
    const db = org.db;
    const params = [object.name, likePrefix(object.name, '.'), likePrefix(object.name, '-')];
    const kept = {
        object,
        sources: db.prepare(`SELECT type, full_name, content ${OWN_ROWS('_lo_metadata_source')}`).all(...params),
        stored: db.prepare(`SELECT type, full_name, content ${OWN_ROWS('_lo_metadata')}`).all(...params)
    };
    const table = `_lo_deleted_${object.name}_${now.getTime()}`;
    moveIndexes(db, object.name, undefined);
    db.exec(`ALTER TABLE ${quoteName(object.name)} RENAME TO ${quoteName(table)}`);
    db.prepare('INSERT INTO _lo_deleted_objects (name, deleted_date, table_name, definition) VALUES (?, ?, ?, ?)').run(
        object.name,
        now.toISOString(),
        table,
        JSON.stringify(kept)
    );
    db.prepare('DELETE FROM _lo_objects WHERE name = ?').run(object.name);
    db.prepare(`DELETE ${OWN_ROWS('_lo_metadata_source')}`).run(...params);
    db.prepare(`DELETE ${OWN_ROWS('_lo_metadata')}`).run(...params);
    db.prepare('UPDATE RecordType SET IsDeleted = 1 WHERE SobjectType = ?').run(object.name);
    db.prepare('DELETE FROM ObjectPermissions WHERE SobjectType = ?').run(object.name);
    db.prepare('DELETE FROM FieldPermissions WHERE SobjectType = ?').run(object.name);
    return undefined;
}

/**
 * A name still in the Deleted Objects list cannot be used for a new object; one deleted more than 15 days ago has
 * been erased by then (Salesforce erases it automatically), so its kept table is dropped and the name is free.
 */
export function checkNameFree(db: Db, name: string, now: Date): void {
    const row = db
        .prepare('SELECT name, deleted_date, table_name FROM _lo_deleted_objects WHERE name = ?')
        .get(name) as { name: string; deleted_date: string; table_name: string } | undefined;
    if (!row) return;
    if (now.getTime() - Date.parse(row.deleted_date) > DELETED_OBJECT_DAYS * DAY_MS) {
        db.exec(`DROP TABLE IF EXISTS ${quoteName(row.table_name)}`);
        db.prepare('DELETE FROM _lo_deleted_objects WHERE name = ?').run(row.name);
        // A new object of that name numbers its records afresh.
        db.prepare("DELETE FROM _lo_sequences WHERE prefix LIKE ? ESCAPE '\\'").run(
            likePrefix(`auto:${row.name}`, '.')
        );
        return;
    }
    throw new ComponentProblem(
        `${row.name} is in the org's Deleted Objects (deleted ${row.deleted_date}); local-org does not undelete or erase deleted objects, so reusing its name before the 15 days are over is not supported by local-org`
    );
}

const CUSTOM_OBJECT_NAME = /^[A-Za-z](?:[A-Za-z0-9]|_(?!_))*__c$/;

/** renameMetadata of one CustomObject: the new API name wherever local-org keeps the old one. */
export function renameCustomObject(
    org: LocalOrg,
    oldName: string,
    newName: string,
    now: Date
): LifecycleError | undefined {
    const object = customObject(org, oldName);
    if ('statusCode' in object) return object;
    if (!CUSTOM_OBJECT_NAME.test(newName) || newName.slice(0, -3).endsWith('_')) {
        return { statusCode: 'INVALID_NAME', message: `${newName} is not a valid custom object name` };
    }
    if (org.schema.object(newName)) {
        return { statusCode: 'DUPLICATE_DEVELOPER_NAME', message: `There is already a CustomObject named ${newName}` };
    }
    try {
        checkNameFree(org.db, newName, now);
    } catch (error) {
        if (error instanceof ComponentProblem)
            return { statusCode: 'DUPLICATE_DEVELOPER_NAME', message: error.message };
        throw error;
    }
    const blocked = dependents(org, object, false);
    if (blocked) return blocked;
    const db = org.db;
    const old = object.name;
    db.exec(`ALTER TABLE ${quoteName(old)} RENAME TO ${quoteName(newName)}`);
    moveIndexes(db, old, newName);
    db.prepare('DELETE FROM _lo_objects WHERE name = ?').run(old);
    for (const other of org.schema.allObjects()) {
        const renamed: ObjectDef = structuredClone(other);
        if (other.name === old) renamed.name = newName;
        for (const field of renamed.fields) {
            if (field.referenceTo)
                field.referenceTo = field.referenceTo.map((target) => (target === old ? newName : target));
        }
        if (other.name === old || JSON.stringify(renamed) !== JSON.stringify(other)) saveObjectDefinition(db, renamed);
    }
    // Auto-number sequences are keyed by object and field (derive.ts nextAutoNumber): numbering goes on.
    db.prepare("UPDATE _lo_sequences SET prefix = ? || substr(prefix, ?) WHERE prefix LIKE ? ESCAPE '\\'").run(
        `auto:${newName}`,
        `auto:${old}`.length + 1,
        likePrefix(`auto:${old}`, '.')
    );
    db.prepare('UPDATE RecordType SET SobjectType = ? WHERE SobjectType = ?').run(newName, old);
    db.prepare('UPDATE ObjectPermissions SET SobjectType = ? WHERE SobjectType = ?').run(newName, old);
    db.prepare('UPDATE FieldPermissions SET SobjectType = ?, Field = ? || substr(Field, ?) WHERE SobjectType = ?').run(
        newName,
        newName,
        old.length + 1,
        old
    );
    renameMetadataRows(db, old, newName);
    return undefined;
}

/** The object's own metadata rows get the new name; permission sets that name it are rewritten to the new one. */
function renameMetadataRows(db: Db, old: string, newName: string): void {
    for (const table of ['_lo_metadata_source', '_lo_metadata']) {
        db.prepare(`UPDATE ${table} SET full_name = ? WHERE type = 'CustomObject' AND full_name = ?`).run(newName, old);
        db.prepare(
            `UPDATE ${table} SET full_name = ? || substr(full_name, ?) WHERE full_name LIKE ? ESCAPE '\\' OR (type = 'Layout' AND full_name LIKE ? ESCAPE '\\')`
        ).run(newName, old.length + 1, likePrefix(old, '.'), likePrefix(old, '-'));
    }
    const pattern = new RegExp(`(["'>])${old}(\\.|["'<])`, 'g');
    const rows = db
        .prepare("SELECT type, full_name, content FROM _lo_metadata_source WHERE type IN ('PermissionSet', 'Profile')")
        .all() as { type: string; full_name: string; content: string }[];
    for (const row of rows) {
        const content = row.content.replace(pattern, `$1${newName}$2`);
        if (content !== row.content) {
            db.prepare('UPDATE _lo_metadata_source SET content = ? WHERE type = ? AND full_name = ?').run(
                content,
                row.type,
                row.full_name
            );
        }
    }
}
