/**
 * Field history tracking: the `<Object>History` objects (CaseHistory, AccountHistory, X__History) and the rows every
 * save of a tracked record writes to them, in the saving transaction (so they roll back with it).
 *
 * What Salesforce does, and local-org with it:
 * - "Salesforce stores an object's tracked field history in an associated object called StandardObjectNameHistory
 *   or CustomObjectName__History" (Salesforce Help, "Field History Tracking"); its fields are the parent's id
 *   (CaseId, AccountId...; ParentId on custom objects), Field, DataType, OldValue, NewValue (255 characters at most),
 *   CreatedById, CreatedDate, and it is read-only (Object Reference, "CaseHistory", "StandardObjectNameHistory").
 * - "Two rows are added to this record when foreign key fields change. One row contains the foreign key object names
 *   that display in the online application. [...] The other row contains the actual foreign key ID that is only
 *   returned to and visible from the API." (Object Reference, "CaseHistory", Usage.) The id row has DataType
 *   `EntityId`; both rows name the field as the History related list does: `Owner`, `Account`, `Contact` for
 *   standard lookups, the API name (`Contract__c`) for custom ones.
 * - "long text areas and multi-select picklists [...] appear in this object to indicate that the field was changed,
 *   but the old and new values are not recorded" (Object Reference, "EntityHistory", Usage).
 * - A new record gets one row with Field `created` and no values.
 * - Case history is always on (Setup has no "Enable Case History" switch); other objects record only with
 *   `enableHistory` (CustomObject metadata) set.
 */
import type { CallContext } from './context.ts';
import type { SaveState, StoredRecord } from './derive.ts';
import type { FieldDef, ObjectDef } from './schema.ts';
import { nextId, quoteName } from './store.ts';
import { formatDateTime } from './values.ts';

/** Every field history row's id starts so (EntityHistory's key prefix), whatever its object. */
const HISTORY_KEY_PREFIX = '017';
/** OldValue and NewValue hold at most this many characters ("Maximum of 255 characters", CaseHistory). */
const VALUE_LENGTH = 255;
/** The Field value of the row a new record gets. */
export const CREATED_FIELD = 'created';

/** Standard objects local-org knows whose history Salesforce keeps, and their history object. */
const STANDARD_HISTORY: Record<string, string> = {
    Account: 'AccountHistory',
    Case: 'CaseHistory',
    Contact: 'ContactHistory',
    Contract: 'ContractHistory',
    Lead: 'LeadHistory',
    Opportunity: 'OpportunityFieldHistory'
};

/** Objects whose history cannot be switched off: Case (Setup offers no "Enable Case History"). */
const ALWAYS_TRACKED = new Set(['Case']);

export function historyObjectName(object: ObjectDef): string | undefined {
    if (object.custom) return object.name.replace(/__c$/, '__History');
    return STANDARD_HISTORY[object.name];
}

/** Whether the object records history at all (its fields' trackHistory then says which changes). */
export function historyEnabled(object: ObjectDef): boolean {
    return ALWAYS_TRACKED.has(object.name) || object.enableHistory === true;
}

/** Whether the object's history can be turned on or off through CustomObject.enableHistory. */
export function historySwitchable(object: ObjectDef): boolean {
    return historyObjectName(object) !== undefined && !ALWAYS_TRACKED.has(object.name);
}

function systemField(name: string, label: string, type: FieldDef['type'], options: Partial<FieldDef> = {}): FieldDef {
    return { name, label, type, nillable: false, createable: false, updateable: false, ...options };
}

/** The history object of a standard or custom object, as describe shows it. */
export function historyObjectFor(parent: ObjectDef): ObjectDef {
    const name = historyObjectName(parent);
    if (!name) throw new Error(`${parent.name} keeps no field history`);
    const parentField = parent.custom ? 'ParentId' : `${parent.name}Id`;
    return {
        name,
        label: `${parent.label} History`,
        labelPlural: `${parent.label} History`,
        keyPrefix: HISTORY_KEY_PREFIX,
        createable: false,
        updateable: false,
        deletable: false,
        queryable: true,
        historyFor: parent.name,
        fields: [
            systemField('Id', `${parent.label} History ID`, 'id', { length: 18, idLookup: true }),
            systemField('IsDeleted', 'Deleted', 'boolean', { defaultedOnCreate: true, defaultValue: false }),
            systemField(parentField, `${parent.label} ID`, 'reference', {
                length: 18,
                referenceTo: [parent.name],
                relationshipName: parent.custom ? 'Parent' : parent.name,
                childRelationshipName: 'Histories'
            }),
            systemField('CreatedById', 'Created By ID', 'reference', {
                length: 18,
                referenceTo: ['User'],
                relationshipName: 'CreatedBy',
                defaultedOnCreate: true
            }),
            systemField('CreatedDate', 'Created Date', 'datetime', { defaultedOnCreate: true }),
            systemField('Field', 'Changed Field', 'picklist', {
                length: 255,
                picklistValues: [],
                restrictedPicklist: true
            }),
            systemField('DataType', 'Data Type', 'picklist', { length: 40, nillable: true, picklistValues: [] }),
            // anyType on Salesforce; local-org keeps the value as text.
            systemField('OldValue', 'Old Value', 'string', { length: VALUE_LENGTH, nillable: true }),
            systemField('NewValue', 'New Value', 'string', { length: VALUE_LENGTH, nillable: true })
        ]
    };
}

/** The history objects of the catalogue's standard objects. */
export function standardHistoryObjects(objects: ObjectDef[]): ObjectDef[] {
    return objects.filter((o) => STANDARD_HISTORY[o.name]).map(historyObjectFor);
}

/** Fields whose history can be tracked: not system or derived fields ("Field History Tracking": not formula, roll-up summary or auto-number fields, nor Created By and Last Modified By). */
export function untrackableReason(field: FieldDef): string | undefined {
    if (field.autoNumber) return 'auto-number fields cannot be tracked';
    if (field.calculated) return 'fields the org computes cannot be tracked';
    if (!field.createable && !field.updateable) return 'system fields cannot be tracked';
    return undefined;
}

/** Long text areas and multi-select picklists: a change is recorded without its values. */
function valuesRecorded(field: FieldDef): boolean {
    if (field.type === 'multipicklist') return false;
    return !(field.type === 'textarea' && ((field.length ?? 0) > VALUE_LENGTH || field.htmlFormatted));
}

/** The history row's DataType, as the field's type is named there. */
function dataType(field: FieldDef): string {
    const types: Partial<Record<FieldDef['type'], string>> = {
        string: 'Text',
        textarea: 'TextArea',
        email: 'Email',
        phone: 'Phone',
        url: 'Url',
        picklist: 'DynamicEnum',
        multipicklist: 'MultiEnum',
        boolean: 'Boolean',
        int: 'Double',
        double: 'Double',
        currency: 'Currency',
        percent: 'Percent',
        date: 'DateOnly',
        datetime: 'DateTime'
    };
    return types[field.type] ?? 'Text';
}

/** What the Field column says: `Owner`, `Account` for standard lookups (as the History list names them), else the API name. */
function historyFieldName(field: FieldDef): string {
    if (field.type === 'reference' && !field.custom && field.relationshipName && field.name.endsWith('Id'))
        return field.relationshipName;
    return field.name;
}

function historyText(field: FieldDef, stored: unknown): string | null {
    if (stored === null || stored === undefined) return null;
    if (field.type === 'boolean') return stored === 1 || stored === true ? 'true' : 'false';
    if (field.type === 'datetime') return formatDateTime(String(stored));
    return String(stored).slice(0, VALUE_LENGTH);
}

/** The name the History list shows for a referenced record (a user's or queue's Name, a contract's number). */
function referencedName(ctx: CallContext, id: unknown): string | null {
    if (id === null || id === undefined) return null;
    const target = ctx.schema.objectByKeyPrefix(String(id).slice(0, 3));
    const nameField = target?.fields.find((f) => f.nameField);
    if (!target || !nameField) return String(id);
    const row = ctx.db
        .prepare(`SELECT ${quoteName(nameField.name)} AS name FROM ${quoteName(target.name)} WHERE Id = ?`)
        .get(id) as { name: string | null } | undefined;
    return row?.name ?? null;
}

interface HistoryRow {
    field: string;
    dataType: string | null;
    oldValue: string | null;
    newValue: string | null;
}

function rowsForChange(ctx: CallContext, field: FieldDef, before: unknown, after: unknown): HistoryRow[] {
    const name = historyFieldName(field);
    if (field.type === 'reference') {
        return [
            {
                field: name,
                dataType: 'EntityId',
                oldValue: historyText(field, before),
                newValue: historyText(field, after)
            },
            {
                field: name,
                dataType: 'Text',
                oldValue: referencedName(ctx, before),
                newValue: referencedName(ctx, after)
            }
        ];
    }
    if (!valuesRecorded(field)) return [{ field: name, dataType: dataType(field), oldValue: null, newValue: null }];
    return [
        {
            field: name,
            dataType: dataType(field),
            oldValue: historyText(field, before),
            newValue: historyText(field, after)
        }
    ];
}

function insertRows(ctx: CallContext, historyObject: ObjectDef, parentId: string, rows: HistoryRow[]): void {
    if (rows.length === 0) return;
    const parentField = historyObject.fields[2].name;
    const sql = `INSERT INTO ${quoteName(historyObject.name)} (Id, IsDeleted, ${quoteName(parentField)}, CreatedById, CreatedDate, Field, DataType, OldValue, NewValue) VALUES (?, 0, ?, ?, ?, ?, ?, ?, ?)`;
    const now = ctx.now.toISOString();
    for (const row of rows) {
        ctx.db
            .prepare(sql)
            .run(
                nextId(ctx.db, HISTORY_KEY_PREFIX),
                parentId,
                ctx.userId,
                now,
                row.field,
                row.dataType,
                row.oldValue,
                row.newValue
            );
    }
}

/** Writes the history rows of one save (after the record is stored, in the same transaction). */
export function recordHistory(ctx: CallContext, object: ObjectDef, state: SaveState, record: StoredRecord): void {
    if (!historyEnabled(object)) return;
    const name = historyObjectName(object);
    const historyObject = name ? ctx.schema.object(name) : undefined;
    if (!historyObject) return;
    const parentId = String(record.Id);
    if (state.isInsert) {
        insertRows(ctx, historyObject, parentId, [
            { field: CREATED_FIELD, dataType: null, oldValue: null, newValue: null }
        ]);
        return;
    }
    const rows: HistoryRow[] = [];
    for (const field of object.fields) {
        if (!field.trackHistory) continue;
        const before = state.previous?.[field.name] ?? null;
        const after = record[field.name] ?? null;
        if (before === after) continue;
        rows.push(...rowsForChange(ctx, field, before, after));
    }
    insertRows(ctx, historyObject, parentId, rows);
}
