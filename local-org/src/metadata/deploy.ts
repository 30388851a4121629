/**
 * Metadata API deploy: the package's components applied in dependency order, each in its own savepoint; failures
 * reported per component as Salesforce does. With rollbackOnError (the CLI's default) one failure rolls back the
 * whole deploy; checkOnly validates and rolls back always. The schema is live on every API once committed.
 */
import type { LocalOrg } from '../org.ts';
import type { ObjectDef } from '../schema.ts';
import { nextId, saveObjectDefinition } from '../store.ts';
import { applyFlow } from '../flows/deployFlow.ts';
import {
    applyBusinessProcess,
    applyField,
    applyObjectSettings,
    applyRecordType,
    applyValidationRule,
    type Applied,
    type Staging
} from './objects.ts';
import { applyCustomApplication } from './applications.ts';
import { checkCustomLabel } from './labels.ts';
import { checkLightningComponentBundle } from './lightningComponent.ts';
import { applyPermissionSet, applyProfile } from './permissions.ts';
import { applySettings } from './settings.ts';
import { recordSourceMembers } from '../tooling/sourceMembers.ts';
import { ComponentProblem } from './problem.ts';
import { recordSource, storeMetadata } from './stored.ts';
import { applyFieldSet } from './fieldSets.ts';
import { checkQuickAction } from './quickActions.ts';
import { applyListView } from './listViews.ts';
import { applyCustomMetadataRecord } from './customMetadata.ts';
import { applyCustomPermission } from './customPermissions.ts';
import { applyStandardValueSet } from './valueSets.ts';
import { applyQueue } from './queues.ts';
import { applyAssignmentRules } from './assignmentRules.ts';
import { list, parseXml, text, type XmlNode } from './xml.ts';

export interface DeployOptions {
    checkOnly: boolean;
    rollbackOnError: boolean;
    /** Applies only the components it accepts (a CRUD call's component: crud.ts); the others are left out. */
    only?: (component: { componentType: string; fullName: string }) => boolean;
}

export interface ComponentMessage {
    changed: boolean;
    componentType: string;
    created: boolean;
    createdDate: string;
    deleted: boolean;
    fileName: string;
    fullName: string;
    success: boolean;
    problem?: string;
    problemType?: string;
}

export interface DeployOutcome {
    id: string;
    checkOnly: boolean;
    success: boolean;
    successes: ComponentMessage[];
    failures: ComponentMessage[];
    startDate: string;
    completedDate: string;
}

interface Unit {
    componentType: string;
    fullName: string;
    fileName: string;
    /** Lower runs first: value sets before objects, objects before fields, fields before permissions and flows. */
    order: number;
    apply(staging: Staging): Applied;
    /** The component as deployed, kept for readMetadata (crud.ts) when the org keeps no other copy of it. */
    source?: XmlNode;
}

const STORED_FOLDERS: Record<string, { type: string; suffix: string }> = {
    flexipages: { type: 'FlexiPage', suffix: '.flexipage' },
    layouts: { type: 'Layout', suffix: '.layout' },
    quickActions: { type: 'QuickAction', suffix: '.quickAction' },
    tabs: { type: 'CustomTab', suffix: '.tab' },
    staticresources: { type: 'StaticResource', suffix: '.resource' }
};

const REFUSED_FOLDERS: Record<string, string> = {
    classes: 'ApexClass',
    triggers: 'ApexTrigger',
    pages: 'ApexPage',
    components: 'ApexComponent',
    aura: 'AuraDefinitionBundle',
    workflows: 'Workflow',
    duplicateRules: 'DuplicateRule',
    matchingRules: 'MatchingRule',
    sharingRules: 'SharingRules',
    globalValueSets: 'GlobalValueSet'
};

/** Object children applied as their own components, and the order they need. */
const OBJECT_CHILDREN: {
    key: string;
    type: string;
    order: number;
    apply?: (s: Staging, object: string, node: XmlNode) => Applied;
}[] = [
    { key: 'fields', type: 'CustomField', order: 20, apply: applyField },
    { key: 'businessProcesses', type: 'BusinessProcess', order: 30, apply: applyBusinessProcess },
    { key: 'recordTypes', type: 'RecordType', order: 40, apply: applyRecordType },
    { key: 'validationRules', type: 'ValidationRule', order: 50, apply: applyValidationRule },
    { key: 'listViews', type: 'ListView', order: 60, apply: applyListView },
    { key: 'compactLayouts', type: 'CompactLayout', order: 60 },
    { key: 'webLinks', type: 'WebLink', order: 60 },
    { key: 'fieldSets', type: 'FieldSet', order: 60, apply: applyFieldSet }
];

function xmlOf(buffer: Buffer, fileName: string): XmlNode {
    try {
        return parseXml(buffer.toString('utf8'));
    } catch (error) {
        throw new ComponentProblem(`Error parsing file ${fileName}: ${(error as Error).message}`);
    }
}

function storedUnit(componentType: string, fullName: string, fileName: string, order: number, content: unknown): Unit {
    return {
        componentType,
        fullName,
        fileName,
        order,
        apply: (s) => ({ created: storeMetadata(s.db, componentType, fullName, content), changed: true })
    };
}

/**
 * Whether package.xml names the object as a CustomObject component. "The package.xml file is a project manifest that
 * lists all the components you want to retrieve or deploy" (Metadata API, "Constructing a Project Manifest"); `*`
 * covers custom objects, never standard ones ("Sample package.xml Manifest Files": each standard object by name).
 */
function manifestNamesObject(manifest: XmlNode | undefined, objectName: string): boolean {
    return list(manifest, 'types')
        .filter((types) => text(types, 'name') === 'CustomObject')
        .flatMap((types) => list(types, 'members').map(String))
        .some(
            (member) =>
                member === objectName ||
                (member === '*' && (objectName.endsWith('__c') || objectName.endsWith('__mdt')))
        );
}

function objectUnits(fileName: string, buffer: Buffer, manifest: XmlNode | undefined): Unit[] {
    const objectName = fileName.slice('objects/'.length, -'.object'.length);
    const root = xmlOf(buffer, fileName).CustomObject as XmlNode | undefined;
    if (!root) throw new ComponentProblem(`${fileName} is not a CustomObject file`);
    // A file that only carries children (fields of a standard object, as the sf CLI converts a project without the
    // object's own -meta.xml) deploys those children; the object is a component only when package.xml names it or
    // the file sets something of its own. Reporting it anyway made the sf CLI warn "CustomObject, Account, returned
    // from org, but not found in the local project".
    const childKeys = new Set(OBJECT_CHILDREN.map((kind) => kind.key));
    const ownSettings = Object.keys(root).some((key) => !childKeys.has(key));
    const units: Unit[] =
        ownSettings || manifestNamesObject(manifest, objectName)
            ? [
                  {
                      componentType: 'CustomObject',
                      fullName: objectName,
                      fileName,
                      order: 10,
                      apply: (s) => applyObjectSettings(s, objectName, root),
                      source: Object.fromEntries(Object.entries(root).filter(([key]) => !childKeys.has(key)))
                  }
              ]
            : [];
    for (const kind of OBJECT_CHILDREN) {
        for (const node of list(root, kind.key)) {
            const fullName = `${objectName}.${text(node, 'fullName') ?? ''}`;
            const apply = kind.apply;
            units.push(
                apply
                    ? {
                          componentType: kind.type,
                          fullName,
                          fileName,
                          order: kind.order,
                          apply: (s) => apply(s, objectName, node),
                          source: node
                      }
                    : storedUnit(kind.type, fullName, fileName, kind.order, node)
            );
        }
    }
    return units;
}

function labelUnits(fileName: string, buffer: Buffer): Unit[] {
    const root = xmlOf(buffer, fileName).CustomLabels as XmlNode | undefined;
    const labels = list(root, 'labels');
    return [
        {
            componentType: 'CustomLabels',
            fullName: 'CustomLabels',
            fileName,
            order: 70,
            apply: () => ({ created: false, changed: true })
        },
        ...labels.map((label) => {
            const unit = storedUnit('CustomLabel', text(label, 'fullName') ?? '', fileName, 70, label);
            return {
                ...unit,
                apply: (s: Staging) => {
                    checkCustomLabel(label);
                    return unit.apply(s);
                }
            };
        })
    ];
}

/** package.xml's Package element. local-org reads it only for the CustomObject rule above; one that does not parse names nothing. */
function manifestOf(buffer: Buffer | undefined): XmlNode | undefined {
    if (!buffer) return undefined;
    try {
        return parseXml(buffer.toString('utf8')).Package as XmlNode | undefined;
    } catch {
        return undefined;
    }
}

function folderUnits(files: Map<string, Buffer>): { units: Unit[]; failures: ComponentMessage[] } {
    const units: Unit[] = [];
    const failures: ComponentMessage[] = [];
    const bundles = new Map<string, Record<string, string>>();
    const manifest = manifestOf(files.get('package.xml'));
    for (const [fileName, buffer] of files) {
        if (fileName === 'package.xml') continue;
        const [folder, ...rest] = fileName.split('/');
        const name = rest.join('/');
        try {
            if (/^destructiveChanges(Pre|Post)?\.xml$/.test(fileName))
                throw new ComponentProblem('Deleting components (destructiveChanges) is not supported by local-org');
            if (folder === 'objects' && name.endsWith('.object'))
                units.push(...objectUnits(fileName, buffer, manifest));
            else if (folder === 'customMetadata' && name.endsWith('.md')) {
                const fullName = name.slice(0, -'.md'.length);
                const root = xmlOf(buffer, fileName).CustomMetadata as XmlNode;
                // After the types' fields (20), before flows and rules that read the records.
                units.push({
                    componentType: 'CustomMetadata',
                    fullName,
                    fileName,
                    order: 25,
                    apply: (s) => applyCustomMetadataRecord(s, fullName, root),
                    source: root
                });
            } else if (folder === 'customPermissions' && name.endsWith('.customPermission')) {
                const fullName = name.slice(0, -'.customPermission'.length);
                const root = xmlOf(buffer, fileName).CustomPermission as XmlNode;
                // Before the permission sets (80) that grant them.
                units.push({
                    componentType: 'CustomPermission',
                    fullName,
                    fileName,
                    order: 8,
                    apply: (s) => applyCustomPermission(s, fullName, root),
                    source: root
                });
            } else if (folder === 'standardValueSets' && name.endsWith('.standardValueSet')) {
                const fullName = name.slice(0, -'.standardValueSet'.length);
                const root = xmlOf(buffer, fileName).StandardValueSet as XmlNode;
                units.push({
                    componentType: 'StandardValueSet',
                    fullName,
                    fileName,
                    order: 5,
                    apply: (s) => applyStandardValueSet(s, fullName, root),
                    source: root
                });
            } else if (folder === 'queues' && name.endsWith('.queue')) {
                const fullName = name.slice(0, -'.queue'.length);
                const root = xmlOf(buffer, fileName).Queue as XmlNode;
                // After objects and their fields (the objects it owns), before flows that look queues up.
                units.push({
                    componentType: 'Queue',
                    fullName,
                    fileName,
                    order: 55,
                    apply: (s) => applyQueue(s, fullName, root)
                });
            } else if (folder === 'assignmentRules' && name.endsWith('.assignmentRules')) {
                const fullName = name.slice(0, -'.assignmentRules'.length);
                const xml = buffer.toString('utf8');
                const root = xmlOf(buffer, fileName).AssignmentRules as XmlNode;
                // After the queues (55) its entries assign to.
                units.push({
                    componentType: 'AssignmentRules',
                    fullName,
                    fileName,
                    order: 57,
                    apply: (s) => applyAssignmentRules(s, fullName, root, xml)
                });
            } else if (folder === 'permissionsets' && name.endsWith('.permissionset')) {
                const fullName = name.slice(0, -'.permissionset'.length);
                const root = xmlOf(buffer, fileName).PermissionSet as XmlNode;
                units.push({
                    componentType: 'PermissionSet',
                    fullName,
                    fileName,
                    order: 80,
                    apply: (s) => applyPermissionSet(s, fullName, root),
                    source: root
                });
            } else if (folder === 'profiles' && name.endsWith('.profile')) {
                const fullName = name.slice(0, -'.profile'.length);
                const root = xmlOf(buffer, fileName).Profile as XmlNode;
                units.push({
                    componentType: 'Profile',
                    fullName,
                    fileName,
                    order: 85,
                    apply: (s) => applyProfile(s, fullName, root)
                });
            } else if (folder === 'labels' && name.endsWith('.labels')) units.push(...labelUnits(fileName, buffer));
            else if (folder === 'settings' && name.endsWith('.settings')) {
                const fullName = name.slice(0, -'.settings'.length);
                const root = xmlOf(buffer, fileName)[`${fullName}Settings`] as XmlNode | undefined;
                units.push({
                    componentType: 'Settings',
                    fullName,
                    fileName,
                    order: 3,
                    apply: (s) => applySettings(s, fullName, root)
                });
            } else if (folder === 'flows' && name.endsWith('.flow')) {
                const fullName = name.slice(0, -'.flow'.length);
                const xml = buffer.toString('utf8');
                units.push({
                    componentType: 'Flow',
                    fullName,
                    fileName,
                    order: 90,
                    apply: (s) => applyFlow(s, fullName, xml)
                });
            } else if (folder === 'applications' && name.endsWith('.app')) {
                const fullName = name.slice(0, -'.app'.length);
                const xml = buffer.toString('utf8');
                // After record pages (70), whose assignment it checks; before permission sets (80), which grant it.
                units.push({
                    componentType: 'CustomApplication',
                    fullName,
                    fileName,
                    order: 75,
                    apply: (s) => applyCustomApplication(s, fullName, xml)
                });
            } else if (folder === 'lwc') {
                const [bundle, ...path] = rest;
                const bundleFiles = bundles.get(bundle) ?? {};
                bundleFiles[path.join('/')] = buffer.toString('utf8');
                bundles.set(bundle, bundleFiles);
            } else if (folder === 'quickActions' && name.endsWith('.quickAction')) {
                const fullName = name.slice(0, -'.quickAction'.length);
                const xml = buffer.toString('utf8');
                // After the flows (90) a Flow action runs.
                const unit = storedUnit('QuickAction', fullName, fileName, 95, xml);
                units.push({
                    ...unit,
                    apply: (s) => {
                        checkQuickAction(s, fullName, xml);
                        return unit.apply(s);
                    }
                });
            } else if (STORED_FOLDERS[folder] && !name.endsWith('-meta.xml')) {
                const { type, suffix } = STORED_FOLDERS[folder];
                const fullName = name.endsWith(suffix) ? name.slice(0, -suffix.length) : name;
                units.push(
                    storedUnit(
                        type,
                        fullName,
                        fileName,
                        70,
                        buffer.toString(type === 'StaticResource' ? 'base64' : 'utf8')
                    )
                );
            } else if (!name.endsWith('-meta.xml')) {
                const type = REFUSED_FOLDERS[folder] ?? folder;
                throw new ComponentProblem(`${type} is not supported by local-org`);
            }
        } catch (error) {
            if (!(error instanceof ComponentProblem)) throw error;
            failures.push(
                message(
                    REFUSED_FOLDERS[folder] ?? componentTypeOf(folder),
                    fileName.replace(/^[^/]+\//, '').replace(/\.[^.]+$/, ''),
                    fileName,
                    error.message
                )
            );
        }
    }
    for (const [bundle, bundleFiles] of bundles) {
        const unit = storedUnit('LightningComponentBundle', bundle, `lwc/${bundle}`, 70, bundleFiles);
        units.push({
            ...unit,
            apply: (s) => {
                checkLightningComponentBundle(s, bundle, bundleFiles);
                return unit.apply(s);
            }
        });
    }
    return { units, failures };
}

function componentTypeOf(folder: string): string {
    const known: Record<string, string> = {
        objects: 'CustomObject',
        standardValueSets: 'StandardValueSet',
        permissionsets: 'PermissionSet',
        profiles: 'Profile',
        flows: 'Flow',
        labels: 'CustomLabels',
        applications: 'CustomApplication',
        settings: 'Settings',
        queues: 'Queue',
        assignmentRules: 'AssignmentRules'
    };
    return known[folder] ?? STORED_FOLDERS[folder]?.type ?? '';
}

const clock = () => new Date().toISOString();

function message(
    componentType: string,
    fullName: string,
    fileName: string,
    problem?: string,
    applied?: Applied
): ComponentMessage {
    const base = { componentType, fullName, fileName, createdDate: clock(), deleted: false };
    return problem === undefined
        ? { ...base, changed: applied?.changed ?? false, created: applied?.created ?? false, success: true }
        : { ...base, changed: false, created: false, success: false, problem, problemType: 'Error' };
}

class AbortDeploy extends Error {}

export async function deployPackage(
    org: LocalOrg,
    userId: string,
    files: Map<string, Buffer>,
    options: DeployOptions
): Promise<DeployOutcome> {
    const startDate = clock();
    const id = nextId(org.db, '0Af');
    if (!files.has('package.xml')) {
        const failure = message('', 'package.xml', 'package.xml', 'No package.xml found');
        return {
            id,
            checkOnly: options.checkOnly,
            success: false,
            successes: [],
            failures: [failure],
            startDate,
            completedDate: clock()
        };
    }
    const { units: allUnits, failures } = folderUnits(files);
    const only = options.only;
    const units = only ? allUnits.filter((unit) => only(unit)) : allUnits;
    const successes: ComponentMessage[] = [{ ...message('', 'package.xml', 'package.xml'), changed: false }];
    const objects = new Map(
        org.schema.allObjects().map((o) => [o.name.toLowerCase(), structuredClone(o)] as [string, ObjectDef])
    );
    const staging: Staging = { db: org.db, objects, userId, now: startDate, production: org.isProduction };
    const commit = () => {
        for (const unit of [...units].sort((a, b) => a.order - b.order)) applyUnit(staging, unit, successes, failures);
        if (failures.length > 0 && options.rollbackOnError) throw new AbortDeploy();
        if (options.checkOnly) throw new AbortDeploy();
        for (const object of objects.values()) saveObjectDefinition(org.db, object);
        recordSourceMembers(org.db, successes, userId, startDate);
    };
    try {
        org.db.transaction(commit)();
        org.reloadSchema();
    } catch (error) {
        if (!(error instanceof AbortDeploy)) throw error;
    }
    return {
        id,
        checkOnly: options.checkOnly,
        success: failures.length === 0,
        successes,
        failures,
        startDate,
        completedDate: clock()
    };
}

function applyUnit(staging: Staging, unit: Unit, successes: ComponentMessage[], failures: ComponentMessage[]): void {
    const snapshot = structuredClone([...staging.objects.entries()]);
    try {
        const applied = staging.db.transaction(() => {
            const result = unit.apply(staging);
            if (unit.source !== undefined) recordSource(staging.db, unit.componentType, unit.fullName, unit.source);
            return result;
        })();
        successes.push(message(unit.componentType, unit.fullName, unit.fileName, undefined, applied));
    } catch (error) {
        if (!(error instanceof ComponentProblem)) throw error;
        staging.objects.clear();
        for (const [key, object] of snapshot) staging.objects.set(key, object);
        failures.push(message(unit.componentType, unit.fullName, unit.fileName, error.message));
    }
}
