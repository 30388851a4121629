/**
 * PermissionSet and Profile metadata → PermissionSet, ObjectPermissions and FieldPermissions records plus record
 * type visibility. A permission set deploy replaces what the set grants (so redeploying is idempotent); a profile
 * deploy, as on Salesforce, only changes what the file mentions.
 */
import { ComponentProblem } from './problem.ts';
import type { Applied, Staging } from './objects.ts';
import { checkElements, flag, list, text, type XmlNode } from './xml.ts';
import { applicationExists } from './applications.ts';
import { writeCustomPermissions } from './customPermissions.ts';
import { storeMetadata } from './stored.ts';
import { insertSystemRecord } from '../store.ts';

/** The user permissions local-org enforces; any other is refused by name, since granting it would change nothing here. */
const USER_PERMISSION_FIELDS: Record<string, string> = {
    ModifyAllData: 'PermissionsModifyAllData',
    ViewAllData: 'PermissionsViewAllData',
    EditTask: 'PermissionsEditTask',
    ApiEnabled: 'PermissionsApiEnabled',
    ActivateContract: 'PermissionsActivateContract',
    CustomizeApplication: 'PermissionsCustomizeApplication'
};

/** The user permission names a deploy accepts (the rest are refused by name). */
export const ENFORCED_USER_PERMISSIONS: readonly string[] = Object.freeze(Object.keys(USER_PERMISSION_FIELDS));

/** Profile metadata names of the profiles local-org has. */
const PROFILE_NAMES: Record<string, string> = {
    Admin: 'System Administrator',
    Standard: 'Standard User',
    ReadOnly: 'Read Only'
};

function checkObject(staging: Staging, name: string): string {
    const object = staging.objects.get(name.toLowerCase());
    if (!object) throw new ComponentProblem(`In field: objectName - no CustomObject named ${name} found`);
    return object.name;
}

function checkField(staging: Staging, path: string): string {
    const [objectName, fieldName] = path.split('.');
    const object = staging.objects.get((objectName ?? '').toLowerCase());
    const field = object?.fields.find((f) => f.name.toLowerCase() === (fieldName ?? '').toLowerCase());
    if (!object || !field) throw new ComponentProblem(`In field: field - no CustomField named ${path} found`);
    return `${object.name}.${field.name}`;
}

function recordTypeId(staging: Staging, path: string): string {
    const [objectName, developerName] = path.split('.');
    const row = staging.db
        .prepare('SELECT Id FROM RecordType WHERE SobjectType = ? AND DeveloperName = ? AND IsDeleted = 0')
        .get(objectName, developerName) as { Id: string } | undefined;
    if (!row) throw new ComponentProblem(`In field: recordType - no RecordType named ${path} found`);
    return row.Id;
}

function bool(value: boolean): number {
    return value ? 1 : 0;
}

function writeObjectPermissions(staging: Staging, permissionSetId: string, node: XmlNode, replace: boolean): void {
    const objectPermissions = staging.objects.get('objectpermissions')!;
    if (replace) staging.db.prepare('DELETE FROM ObjectPermissions WHERE ParentId = ?').run(permissionSetId);
    for (const entry of list(node, 'objectPermissions')) {
        checkElements(entry, 'ObjectPermissions', [
            'allowCreate',
            'allowDelete',
            'allowEdit',
            'allowRead',
            'modifyAllRecords',
            'object',
            'viewAllRecords',
            'viewAllFields'
        ]);
        const sobjectType = checkObject(staging, text(entry, 'object') ?? '');
        staging.db
            .prepare('DELETE FROM ObjectPermissions WHERE ParentId = ? AND SobjectType = ?')
            .run(permissionSetId, sobjectType);
        insertSystemRecord(
            staging.db,
            objectPermissions,
            {
                ParentId: permissionSetId,
                SobjectType: sobjectType,
                PermissionsRead: bool(flag(entry, 'allowRead')),
                PermissionsCreate: bool(flag(entry, 'allowCreate')),
                PermissionsEdit: bool(flag(entry, 'allowEdit')),
                PermissionsDelete: bool(flag(entry, 'allowDelete')),
                PermissionsViewAllRecords: bool(flag(entry, 'viewAllRecords')),
                PermissionsModifyAllRecords: bool(flag(entry, 'modifyAllRecords'))
            },
            staging.userId,
            staging.now
        );
    }
}

function writeFieldPermissions(staging: Staging, permissionSetId: string, node: XmlNode, replace: boolean): void {
    const fieldPermissions = staging.objects.get('fieldpermissions')!;
    if (replace) staging.db.prepare('DELETE FROM FieldPermissions WHERE ParentId = ?').run(permissionSetId);
    for (const entry of list(node, 'fieldPermissions')) {
        checkElements(entry, 'FieldPermissions', ['editable', 'field', 'readable']);
        const field = checkField(staging, text(entry, 'field') ?? '');
        staging.db.prepare('DELETE FROM FieldPermissions WHERE ParentId = ? AND Field = ?').run(permissionSetId, field);
        const editable = flag(entry, 'editable');
        insertSystemRecord(
            staging.db,
            fieldPermissions,
            {
                ParentId: permissionSetId,
                SobjectType: field.split('.')[0],
                Field: field,
                PermissionsRead: bool(flag(entry, 'readable') || editable),
                PermissionsEdit: bool(editable)
            },
            staging.userId,
            staging.now
        );
    }
}

function writeRecordTypeAccess(staging: Staging, permissionSetId: string, node: XmlNode, replace: boolean): void {
    if (replace)
        staging.db.prepare('DELETE FROM _lo_record_type_access WHERE permission_set_id = ?').run(permissionSetId);
    for (const entry of list(node, 'recordTypeVisibilities')) {
        checkElements(entry, 'RecordTypeVisibility', ['recordType', 'visible', 'default', 'personAccountDefault']);
        const id = recordTypeId(staging, text(entry, 'recordType') ?? '');
        staging.db
            .prepare(
                `INSERT INTO _lo_record_type_access (permission_set_id, record_type_id, visible, is_default) VALUES (?, ?, ?, ?)
                 ON CONFLICT(permission_set_id, record_type_id) DO UPDATE SET visible = excluded.visible, is_default = excluded.is_default`
            )
            .run(permissionSetId, id, bool(flag(entry, 'visible')), bool(flag(entry, 'default')));
    }
}

function userPermissionValues(node: XmlNode): Record<string, number> {
    const values: Record<string, number> = {};
    for (const entry of list(node, 'userPermissions')) {
        const name = text(entry, 'name') ?? '';
        const column = USER_PERMISSION_FIELDS[name];
        if (!column) {
            const enforced = Object.keys(USER_PERMISSION_FIELDS).sort().join(', ');
            throw new ComponentProblem(
                `The user permission ${name} is not supported by local-org (it enforces ${enforced})`
            );
        }
        values[column] = bool(flag(entry, 'enabled'));
    }
    return values;
}

/** The PermissionSet elements local-org applies; the others (classAccesses, tabSettings...) are refused by name. */
const PERMISSION_SET_ELEMENTS = [
    'fullName',
    'label',
    'description',
    'hasActivationRequired',
    'objectPermissions',
    'fieldPermissions',
    'recordTypeVisibilities',
    'userPermissions',
    'applicationVisibilities',
    'customPermissions'
];

/**
 * Refuses what a permission set asks for that local-org would store and ignore: Apex class and Visualforce page
 * access, custom permissions, tabs, licences... and session-based activation (hasActivationRequired true), since
 * every assignment here is always active.
 */
function checkPermissionSetElements(node: XmlNode): void {
    const unsupported = Object.keys(node).find((key) => !PERMISSION_SET_ELEMENTS.includes(key));
    if (unsupported) throw new ComponentProblem(`PermissionSet.${unsupported} is not supported by local-org`);
    if (flag(node, 'hasActivationRequired')) {
        throw new ComponentProblem(
            'PermissionSet.hasActivationRequired = true is not supported by local-org (it behaves as false)'
        );
    }
}

/**
 * Which Lightning apps the permission set or profile shows in the App Launcher. Stored for the preview, which opens
 * records in the first app the user may see; an app that does not exist fails as on Salesforce.
 */
function writeApplicationVisibilities(staging: Staging, owner: string, node: XmlNode): void {
    const visible: string[] = [];
    for (const entry of list(node, 'applicationVisibilities')) {
        checkElements(entry, 'ApplicationVisibility', ['application', 'visible', 'default']);
        const app = text(entry, 'application') ?? '';
        if (!applicationExists(staging, app))
            throw new ComponentProblem(`In field: application - no CustomApplication named ${app} found`);
        if (flag(entry, 'visible')) visible.push(app);
    }
    storeMetadata(staging.db, 'ApplicationVisibility', owner, visible);
}

export function applyPermissionSet(staging: Staging, name: string, node: XmlNode): Applied {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || name.includes('__'))
        throw new ComponentProblem(`Invalid permission set name ${name}`);
    const label = text(node, 'label');
    if (!label) throw new ComponentProblem('Required field is missing: label');
    checkPermissionSetElements(node);
    const permissions = {
        PermissionsModifyAllData: 0,
        PermissionsViewAllData: 0,
        PermissionsEditTask: 0,
        PermissionsApiEnabled: 0,
        PermissionsActivateContract: 0,
        PermissionsCustomizeApplication: 0,
        ...userPermissionValues(node)
    };
    const existing = staging.db
        .prepare('SELECT Id FROM PermissionSet WHERE Name = ? AND IsOwnedByProfile = 0')
        .get(name) as { Id: string } | undefined;
    let id: string;
    if (existing) {
        id = existing.Id;
        const columns = Object.keys(permissions);
        staging.db
            .prepare(
                `UPDATE PermissionSet SET Label = ?, Description = ?, IsDeleted = 0, ${columns.map((c) => `${c} = ?`).join(', ')}, SystemModstamp = ? WHERE Id = ?`
            )
            .run(label, text(node, 'description') ?? null, ...Object.values(permissions), staging.now, id);
    } else {
        id = insertSystemRecord(
            staging.db,
            staging.objects.get('permissionset')!,
            {
                Name: name,
                Label: label,
                Description: text(node, 'description') ?? null,
                IsOwnedByProfile: 0,
                ...permissions
            },
            staging.userId,
            staging.now
        );
    }
    writeObjectPermissions(staging, id, node, true);
    writeFieldPermissions(staging, id, node, true);
    writeRecordTypeAccess(staging, id, node, true);
    writeApplicationVisibilities(staging, id, node);
    writeCustomPermissions(staging, id, node);
    return { created: !existing, changed: true };
}

/** The Profile elements local-org applies; the others (layoutAssignments, tabVisibilities...) are refused by name. */
const PROFILE_ELEMENTS = [
    'fullName',
    'objectPermissions',
    'fieldPermissions',
    'recordTypeVisibilities',
    'userPermissions',
    'applicationVisibilities'
];

export function applyProfile(staging: Staging, name: string, node: XmlNode): Applied {
    const profileName = PROFILE_NAMES[name];
    if (!profileName)
        throw new ComponentProblem(
            `Profile ${name} does not exist: local-org has the profiles ${Object.keys(PROFILE_NAMES).join(', ')}`
        );
    // Which page layout each profile sees is not applied here (records show in Lightning record pages), so refused.
    const unsupported = Object.keys(node).find((key) => !PROFILE_ELEMENTS.includes(key));
    if (unsupported) throw new ComponentProblem(`Profile.${unsupported} is not supported by local-org`);
    const row = staging.db
        .prepare(
            'SELECT ps.Id FROM PermissionSet ps JOIN Profile p ON p.Id = ps.ProfileId WHERE p.Name = ? AND ps.IsOwnedByProfile = 1'
        )
        .get(profileName) as { Id: string };
    const userPermissions = userPermissionValues(node);
    const columns = Object.keys(userPermissions);
    if (columns.length > 0) {
        staging.db
            .prepare(`UPDATE PermissionSet SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE Id = ?`)
            .run(...Object.values(userPermissions), row.Id);
    }
    writeObjectPermissions(staging, row.Id, node, false);
    writeFieldPermissions(staging, row.Id, node, false);
    writeRecordTypeAccess(staging, row.Id, node, false);
    if (list(node, 'applicationVisibilities').length > 0) writeApplicationVisibilities(staging, row.Id, node);
    return { created: false, changed: true };
}
