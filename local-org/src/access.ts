/**
 * What the calling user may do, from their profile's permission set and their assigned permission sets (Salesforce
 * stores a profile's permissions in a permission set it owns). Permissions only add access: the union wins.
 * Setup objects are readable by everyone and written only with Modify All Data.
 */
import type { Db } from './store.ts';
import type { ObjectDef, Schema } from './schema.ts';

export interface ObjectAccess {
    read: boolean;
    create: boolean;
    edit: boolean;
    delete: boolean;
    viewAll: boolean;
    modifyAll: boolean;
}

interface PermissionSetFlags {
    PermissionsModifyAllData: number;
    PermissionsViewAllData: number;
    PermissionsEditTask: number;
    PermissionsActivateContract: number;
    PermissionsCustomizeApplication: number;
}

const NO_ACCESS: ObjectAccess = {
    read: false,
    create: false,
    edit: false,
    delete: false,
    viewAll: false,
    modifyAll: false
};

/** Activities have no object permissions on Salesforce: everyone reads them, Edit Tasks lets a user write them. */
const ACTIVITY_OBJECTS = new Set(['Task', 'TaskRelation']);

export class UserAccess {
    readonly modifyAllData: boolean;
    readonly viewAllData: boolean;
    readonly editTask: boolean;
    /** "Activate Contracts": activate a contract, and edit or delete one that is activated. */
    readonly activateContract: boolean;
    /** "Customize Application": among others, sees and uses custom objects In Development. */
    readonly customizeApplication: boolean;
    private readonly permissionSetIds: string[];
    private readonly objectCache = new Map<string, ObjectAccess>();
    private fieldGrants: Map<string, { read: boolean; edit: boolean }> | undefined;

    /** `system`: record-triggered automation runs in system mode, past object and field permissions. */
    constructor(
        private readonly db: Db,
        private readonly schema: Schema,
        readonly userId: string,
        readonly system = false
    ) {
        this.permissionSetIds = (
            db
                .prepare('SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ? AND IsDeleted = 0')
                .all(userId) as { PermissionSetId: string }[]
        ).map((row) => row.PermissionSetId);
        const flags = this.permissionSetIds.length
            ? (db
                  .prepare(
                      `SELECT MAX(PermissionsModifyAllData) PermissionsModifyAllData, MAX(PermissionsViewAllData) PermissionsViewAllData,
                              MAX(PermissionsEditTask) PermissionsEditTask, MAX(PermissionsActivateContract) PermissionsActivateContract,
                              MAX(PermissionsCustomizeApplication) PermissionsCustomizeApplication
                       FROM PermissionSet WHERE Id IN (${this.placeholders()}) AND IsDeleted = 0`
                  )
                  .get(...this.permissionSetIds) as PermissionSetFlags)
            : {
                  PermissionsModifyAllData: 0,
                  PermissionsViewAllData: 0,
                  PermissionsEditTask: 0,
                  PermissionsActivateContract: 0,
                  PermissionsCustomizeApplication: 0
              };
        this.modifyAllData = system || flags.PermissionsModifyAllData === 1;
        this.viewAllData = this.modifyAllData || flags.PermissionsViewAllData === 1;
        this.editTask = this.modifyAllData || flags.PermissionsEditTask === 1;
        // A user permission of its own on Salesforce, not implied by Modify All Data: system mode alone passes it.
        this.activateContract = system || flags.PermissionsActivateContract === 1;
        // Not implied by Modify All Data either: Salesforce makes it a permission of its own.
        this.customizeApplication = system || flags.PermissionsCustomizeApplication === 1;
    }

    objectAccess(objectName: string): ObjectAccess {
        const object = this.schema.object(objectName);
        if (!object) return NO_ACCESS;
        const cached = this.objectCache.get(object.name);
        if (cached) return cached;
        const access = this.computeObjectAccess(object);
        this.objectCache.set(object.name, access);
        return access;
    }

    canReadObject(objectName: string): boolean {
        return this.objectAccess(objectName).read;
    }

    /** Standard fields follow the object; custom fields need field permissions, as on Salesforce. */
    fieldAccess(objectName: string, fieldName: string): { read: boolean; edit: boolean } {
        const object = this.schema.object(objectName);
        const field = object && this.schema.field(object.name, fieldName);
        if (!object || !field) return { read: false, edit: false };
        const objectAccess = this.objectAccess(object.name);
        if (!objectAccess.read) return { read: false, edit: false };
        const writable = objectAccess.create || objectAccess.edit;
        if (!field.custom || object.setup || this.system) return { read: true, edit: writable };
        const grant = this.loadFieldGrants().get(`${object.name}.${field.name}`.toLowerCase());
        return { read: grant?.read ?? false, edit: writable && (grant?.edit ?? false) };
    }

    canReadField(objectName: string, fieldName: string): boolean {
        return this.fieldAccess(objectName, fieldName).read;
    }

    private computeObjectAccess(object: ObjectDef): ObjectAccess {
        // A history object is read with its parent ("For specific special access rules [...] see the documentation
        // for the standard object", StandardObjectNameHistory) and never written ("always read-only", CaseHistory).
        if (object.historyFor) {
            const parent = this.objectAccess(object.historyFor);
            return { ...NO_ACCESS, read: parent.read, viewAll: parent.viewAll };
        }
        // "Set the deployment status to In Development ... Doing so hides it from users while you're designing and
        // testing it" (Salesforce Help, "Deployment Status for Custom Objects and External Objects"): to the API as
        // well, the object does not exist for a user without Customize Application.
        if (object.inDevelopment && !this.customizeApplication) return NO_ACCESS;
        if (object.setup) {
            // Each call on its own: ActiveScratchOrg, for one, may be updated and deleted but never created.
            return {
                read: true,
                create: this.modifyAllData && object.createable,
                edit: this.modifyAllData && object.updateable,
                delete: this.modifyAllData && object.deletable,
                viewAll: true,
                modifyAll: this.modifyAllData
            };
        }
        if (this.modifyAllData)
            return { read: true, create: true, edit: true, delete: true, viewAll: true, modifyAll: true };
        if (ACTIVITY_OBJECTS.has(object.name)) {
            return {
                read: true,
                create: this.editTask,
                edit: this.editTask,
                delete: this.editTask,
                viewAll: this.viewAllData,
                modifyAll: false
            };
        }
        const sobjectType = object.name;
        if (this.permissionSetIds.length === 0) return NO_ACCESS;
        const row = this.db
            .prepare(
                `SELECT MAX(PermissionsRead) r, MAX(PermissionsCreate) c, MAX(PermissionsEdit) e, MAX(PermissionsDelete) d,
                        MAX(PermissionsViewAllRecords) va, MAX(PermissionsModifyAllRecords) ma
                 FROM ObjectPermissions WHERE ParentId IN (${this.placeholders()}) AND SobjectType = ? AND IsDeleted = 0`
            )
            .get(...this.permissionSetIds, sobjectType) as Record<'r' | 'c' | 'e' | 'd' | 'va' | 'ma', number | null>;
        const viewAll = this.viewAllData || row.va === 1 || row.ma === 1;
        return {
            read: row.r === 1 || viewAll,
            create: row.c === 1,
            edit: row.e === 1 || row.ma === 1,
            delete: row.d === 1 || row.ma === 1,
            viewAll,
            modifyAll: row.ma === 1
        };
    }

    private loadFieldGrants(): Map<string, { read: boolean; edit: boolean }> {
        if (this.fieldGrants) return this.fieldGrants;
        const grants = new Map<string, { read: boolean; edit: boolean }>();
        if (this.permissionSetIds.length > 0) {
            const rows = this.db
                .prepare(
                    `SELECT Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId IN (${this.placeholders()}) AND IsDeleted = 0`
                )
                .all(...this.permissionSetIds) as { Field: string; PermissionsRead: number; PermissionsEdit: number }[];
            for (const row of rows) {
                const key = row.Field.toLowerCase();
                const current = grants.get(key) ?? { read: false, edit: false };
                grants.set(key, {
                    read: current.read || row.PermissionsRead === 1 || row.PermissionsEdit === 1,
                    edit: current.edit || row.PermissionsEdit === 1
                });
            }
        }
        this.fieldGrants = grants;
        return grants;
    }

    private placeholders(): string {
        return this.permissionSetIds.map(() => '?').join(', ');
    }
}
