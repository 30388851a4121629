/**
 * Custom permissions: CustomPermission metadata (`customPermissions/Name.customPermission`), granted by permission
 * sets (`<customPermissions><name>…</name><enabled>true</enabled></customPermissions>`), read in formulas, validation
 * rules and flows as `$Permission.Name`: "information about the current user's custom permission access"
 * (Visualforce Developer Guide, "$Permission"; Apex Reference, FormulaEval.FormulaGlobal PERMISSION).
 * Licensed permissions, connected apps and required (dependent) permissions are refused by name.
 */
import type { Db } from '../store.ts';
import type { Applied, Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { listMetadataNames, readMetadata, storeMetadata } from './stored.ts';
import { checkElements, flag, list, text, type XmlNode } from './xml.ts';

const PERMISSION_TYPE = 'CustomPermission';
/** What each permission set grants, keyed by the PermissionSet Id. */
const GRANTS_TYPE = 'PermissionSetCustomPermissions';

export function applyCustomPermission(staging: Staging, name: string, node: XmlNode): Applied {
    for (const refused of ['connectedApp', 'requiredPermission'])
        if (refused in node) throw new ComponentProblem(`CustomPermission.${refused} is not supported by local-org`);
    checkElements(node, 'CustomPermission', ['fullName', 'label', 'description', 'isLicensed']);
    if (flag(node, 'isLicensed'))
        throw new ComponentProblem('CustomPermission.isLicensed = true is not supported by local-org');
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || name.includes('__') || name.endsWith('_'))
        throw new ComponentProblem(`Invalid custom permission name ${name}`);
    if (!text(node, 'label')) throw new ComponentProblem('Required field is missing: label');
    const created = storeMetadata(staging.db, PERMISSION_TYPE, name, { label: text(node, 'label') });
    return { created, changed: true };
}

/** A permission set's custom permissions, replacing what it granted before; each must exist. */
export function writeCustomPermissions(staging: Staging, permissionSetId: string, node: XmlNode): void {
    const known = new Map(listMetadataNames(staging.db, PERMISSION_TYPE).map((n) => [n.toLowerCase(), n]));
    const granted: string[] = [];
    for (const entry of list(node, 'customPermissions')) {
        checkElements(entry, 'CustomPermissions', ['name', 'enabled']);
        const name = text(entry, 'name') ?? '';
        const existing = known.get(name.toLowerCase());
        if (!existing) throw new ComponentProblem(`In field: name - no CustomPermission named ${name} found`);
        if (flag(entry, 'enabled')) granted.push(existing);
    }
    storeMetadata(staging.db, GRANTS_TYPE, permissionSetId, granted);
}

/** `$Permission.Name`: whether a permission set assigned to the user grants the custom permission. */
export function hasCustomPermission(db: Db, userId: string, name: string): boolean {
    const assignments = db
        .prepare('SELECT PermissionSetId FROM PermissionSetAssignment WHERE AssigneeId = ? AND IsDeleted = 0')
        .all(userId) as { PermissionSetId: string }[];
    return assignments.some(({ PermissionSetId }) =>
        (readMetadata<string[]>(db, GRANTS_TYPE, PermissionSetId) ?? []).some(
            (granted) => granted.toLowerCase() === name.toLowerCase()
        )
    );
}
