/**
 * ListView components (`objects/<Object>/listViews/<Name>.listView-meta.xml`): checked against the object's schema
 * (every column, filter, operation and value), kept as deployed for retrieve and for the list view resources, and
 * recorded as a ListView row (Object Reference, "ListView": queryable, read-only) so SOQL finds it as on Salesforce.
 */
import type { ObjectDef } from '../schema.ts';
import { insertSystemRecord, nextId, type Db } from '../store.ts';
import { checkListView, ListViewProblem, parseListView, type ListViewDefinition } from '../listViews.ts';
import { stagedObject, stagedSchema, type Applied, type Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { readMetadata, storeMetadata } from './stored.ts';
import type { XmlNode } from './xml.ts';

export function applyListView(staging: Staging, objectName: string, node: XmlNode): Applied {
    const object = stagedObject(staging, objectName);
    let definition: ListViewDefinition;
    try {
        definition = parseListView(node);
        checkListView(stagedSchema(staging), object, definition);
    } catch (error) {
        if (error instanceof ListViewProblem) throw new ComponentProblem(error.message);
        throw error;
    }
    const fullName = `${object.name}.${definition.developerName}`;
    const created = storeMetadata(staging.db, 'ListView', fullName, node);
    saveListViewRow(
        staging.db,
        stagedObject(staging, 'ListView'),
        object.name,
        definition,
        staging.userId,
        staging.now
    );
    return { created, changed: true };
}

/** Inserts or updates the ListView row of a definition (Name is the label, as Salesforce's ListView.Name is). */
export function saveListViewRow(
    db: Db,
    listViewObject: ObjectDef,
    sobjectType: string,
    definition: ListViewDefinition,
    userId: string,
    now: string
): void {
    const existing = db
        .prepare('SELECT Id FROM ListView WHERE SobjectType = ? AND DeveloperName = ?')
        .get(sobjectType, definition.developerName) as { Id: string } | undefined;
    if (existing) {
        db.prepare(
            'UPDATE ListView SET Name = ?, LastModifiedDate = ?, LastModifiedById = ?, SystemModstamp = ? WHERE Id = ?'
        ).run(definition.label, now, userId, now, existing.Id);
        return;
    }
    insertSystemRecord(
        db,
        listViewObject,
        {
            Id: nextId(db, listViewObject.keyPrefix),
            Name: definition.label,
            DeveloperName: definition.developerName,
            SobjectType: sobjectType,
            IsSoqlCompatible: 1
        },
        userId,
        now
    );
}

/** A deployed list view's definition by its full name (`Case.My_Open_Cases`). */
export function readListView(db: Db, fullName: string): ListViewDefinition | undefined {
    const node = readMetadata<XmlNode>(db, 'ListView', fullName);
    return node ? parseListView(node) : undefined;
}

/** deleteMetadata / renameMetadata of a ListView: the row follows the component (crud.ts). */
export function deleteListViewRow(db: Db, fullName: string): void {
    const [sobjectType, developerName] = fullName.split('.');
    db.prepare('DELETE FROM ListView WHERE SobjectType = ? AND DeveloperName = ?').run(sobjectType, developerName);
}

export function renameListViewRow(db: Db, oldFullName: string, newFullName: string): void {
    const [sobjectType, oldName] = oldFullName.split('.');
    db.prepare('UPDATE ListView SET DeveloperName = ? WHERE SobjectType = ? AND DeveloperName = ?').run(
        newFullName.split('.')[1],
        sobjectType,
        oldName
    );
}
