/**
 * Metadata retrieve and listMetadata for what local-org can give back: standard value sets (the project's deploy
 * script merges Case Status with them) and the metadata it stores as deployed.
 */
import type { LocalOrg } from '../org.ts';
import { listMetadataNames, readMetadata } from './stored.ts';
import { queueId, queueNames, queueXml } from './queues.ts';
import { standardValueSetNames, standardValueSetXml } from './valueSets.ts';
import { writePackage } from './zip.ts';
import { escapeXml, list, text, flag, toXml, type XmlNode } from './xml.ts';

/** Stored types that come back exactly as deployed: folder and suffix. */
const RAW_TYPES: Record<string, { folder: string; suffix: string }> = {
    FlexiPage: { folder: 'flexipages', suffix: '.flexipage' },
    Layout: { folder: 'layouts', suffix: '.layout' },
    QuickAction: { folder: 'quickActions', suffix: '.quickAction' },
    CustomTab: { folder: 'tabs', suffix: '.tab' },
    CustomApplication: { folder: 'applications', suffix: '.app' },
    AssignmentRules: { folder: 'assignmentRules', suffix: '.assignmentRules' }
};

export interface FileProperties {
    createdById: string;
    createdByName: string;
    createdDate: string;
    fileName: string;
    fullName: string;
    id: string;
    lastModifiedById: string;
    lastModifiedByName: string;
    lastModifiedDate: string;
    manageableState: string;
    type: string;
}

export interface RetrieveOutcome {
    id: string;
    fileProperties: FileProperties[];
    messages: { fileName: string; problem: string }[];
    zipFile: string;
}

function properties(
    org: LocalOrg,
    userId: string,
    type: string,
    fullName: string,
    fileName: string,
    id = ''
): FileProperties {
    const now = new Date().toISOString();
    const user = org.db.prepare('SELECT Name FROM User WHERE Id = ?').get(userId) as { Name: string };
    return {
        createdById: userId,
        createdByName: user.Name,
        createdDate: now,
        fileName,
        fullName,
        id,
        lastModifiedById: userId,
        lastModifiedByName: user.Name,
        lastModifiedDate: now,
        manageableState: 'unmanaged',
        type
    };
}

function fileFor(org: LocalOrg, type: string, fullName: string): { path: string; content: string } | undefined {
    if (type === 'StandardValueSet') {
        if (!standardValueSetNames().includes(fullName)) return undefined;
        return {
            path: `standardValueSets/${fullName}.standardValueSet`,
            content: standardValueSetXml(
                { objects: new Map(org.schema.allObjects().map((o) => [o.name.toLowerCase(), o])) },
                fullName
            )
        };
    }
    if (type === 'CustomLabels') return fullName === 'CustomLabels' ? labelsFile(org) : undefined;
    if (type === 'Queue') {
        const content = queueXml(org.db, fullName);
        return content === undefined ? undefined : { path: `queues/${fullName}.queue`, content };
    }
    const raw = RAW_TYPES[type];
    const content = raw ? readMetadata<string>(org.db, type, fullName) : undefined;
    return raw && content !== undefined ? { path: `${raw.folder}/${fullName}${raw.suffix}`, content } : undefined;
}

/** Every deployed Custom Label in one `labels/CustomLabels.labels`, the file the CustomLabels type retrieves as. */
function labelsFile(org: LocalOrg): { path: string; content: string } | undefined {
    const labels = listMetadataNames(org.db, 'CustomLabel').map((name) =>
        readMetadata<XmlNode>(org.db, 'CustomLabel', name)
    );
    if (labels.length === 0) return undefined;
    return {
        path: 'labels/CustomLabels.labels',
        content: `<?xml version="1.0" encoding="UTF-8"?>\n<CustomLabels xmlns="http://soap.sforce.com/2006/04/metadata">${toXml({ labels })}</CustomLabels>\n`
    };
}

function packageXml(types: Map<string, string[]>, version: string): string {
    const entries = [...types].map(
        ([name, members]) =>
            `    <types>\n${members.map((m) => `        <members>${escapeXml(m)}</members>\n`).join('')}        <name>${name}</name>\n    </types>\n`
    );
    return `<?xml version="1.0" encoding="UTF-8"?>\n<Package xmlns="http://soap.sforce.com/2006/04/metadata">\n${entries.join('')}    <version>${version}</version>\n</Package>\n`;
}

export async function retrievePackage(
    org: LocalOrg,
    userId: string,
    request: XmlNode,
    id: string
): Promise<RetrieveOutcome> {
    const unpackaged = request.unpackaged as XmlNode | undefined;
    const singlePackage = flag(request, 'singlePackage');
    const prefix = singlePackage ? '' : 'unpackaged/';
    const version = text(unpackaged, 'version') ?? text(request, 'apiVersion') ?? '66.0';
    const files = new Map<string, string>();
    const fileProperties: FileProperties[] = [];
    const messages: RetrieveOutcome['messages'] = [];
    const retrieved = new Map<string, string[]>();
    for (const typeNode of list(unpackaged, 'types')) {
        const type = text(typeNode, 'name') ?? '';
        const wildcard = list(typeNode, 'members').some((m) => String(m) === '*');
        const members = wildcard
            ? type === 'StandardValueSet'
                ? standardValueSetNames()
                : type === 'CustomLabels'
                  ? ['CustomLabels']
                  : type === 'Queue'
                    ? queueNames(org.db)
                    : listMetadataNames(org.db, type)
            : list(typeNode, 'members').map(String);
        for (const fullName of members) {
            const file = fileFor(org, type, fullName);
            if (!file) {
                messages.push({
                    fileName: `${prefix}package.xml`,
                    problem: `Entity of type '${type}' named '${fullName}' cannot be found`
                });
                continue;
            }
            files.set(prefix + file.path, file.content);
            fileProperties.push(properties(org, userId, type, fullName, prefix + file.path));
            retrieved.set(type, [...(retrieved.get(type) ?? []), fullName]);
        }
    }
    files.set(`${prefix}package.xml`, packageXml(retrieved, version));
    fileProperties.push(
        properties(org, userId, 'Package', `${prefix}package.xml`.replace(/\.xml$/, ''), `${prefix}package.xml`)
    );
    return { id, fileProperties, messages, zipFile: await writePackage(files) };
}

/**
 * Deployed custom fields with their ids, as listMetadata answers for CustomField (fullName `Object.Field__c`, the
 * field's id, the object's file): the id is what a Web-to-Case form posts a custom field by.
 */
function customFieldProperties(org: LocalOrg, userId: string): FileProperties[] {
    const listed = new Set<string>();
    return org.schema.allObjects().flatMap((object) =>
        object.fields
            .filter((field) => field.custom && field.id)
            .flatMap((field) => {
                // An Activity field is one component, Activity.X__c, however many objects carry it.
                const owner = field.activity ? 'Activity' : object.name;
                const fullName = `${owner}.${field.name}`;
                if (listed.has(fullName)) return [];
                listed.add(fullName);
                return [properties(org, userId, 'CustomField', fullName, `objects/${owner}.object`, field.id)];
            })
    );
}

/** Where listMetadata says each stored type's file is: folder and suffix. */
const LISTED_FILES: Record<string, { folder: string; suffix: string }> = {
    ...RAW_TYPES,
    Flow: { folder: 'flows', suffix: '.flow' },
    LightningComponentBundle: { folder: 'lwc', suffix: '' },
    StaticResource: { folder: 'staticresources', suffix: '.resource' },
    PermissionSet: { folder: 'permissionsets', suffix: '.permissionset' },
    CustomLabel: { folder: 'labels', suffix: '' }
};

/** Types inside their object's file (fullName `Object.Name`). */
const OBJECT_CHILD_TYPES = ['ListView', 'CompactLayout', 'WebLink', 'FieldSet'];

/** Profile metadata names of the profiles every local org has. */
const PROFILE_FILES: Record<string, string> = {
    Admin: 'System Administrator',
    Standard: 'Standard User',
    ReadOnly: 'Read Only'
};

function objectProperties(org: LocalOrg, userId: string): FileProperties[] {
    // Custom objects have no id of their own in local-org (Salesforce's are 01I…): listed with an empty id.
    return org.schema
        .allObjects()
        .map((object) => properties(org, userId, 'CustomObject', object.name, `objects/${object.name}.object`));
}

function recordTypeProperties(org: LocalOrg, userId: string): FileProperties[] {
    const rows = org.db
        .prepare(
            'SELECT Id, SobjectType, DeveloperName FROM RecordType WHERE IsDeleted = 0 ORDER BY SobjectType, DeveloperName'
        )
        .all() as { Id: string; SobjectType: string; DeveloperName: string }[];
    return rows.map((row) =>
        properties(
            org,
            userId,
            'RecordType',
            `${row.SobjectType}.${row.DeveloperName}`,
            `objects/${row.SobjectType}.object`,
            row.Id
        )
    );
}

function objectRuleProperties(
    org: LocalOrg,
    userId: string,
    type: 'ValidationRule' | 'BusinessProcess'
): FileProperties[] {
    return org.schema
        .allObjects()
        .flatMap((object) =>
            ((type === 'ValidationRule' ? object.validationRules : object.businessProcesses) ?? []).map((rule) =>
                properties(org, userId, type, `${object.name}.${rule.fullName}`, `objects/${object.name}.object`)
            )
        );
}

function permissionSetProperties(org: LocalOrg, userId: string, profiles: boolean): FileProperties[] {
    const rows = org.db
        .prepare('SELECT Id, Name, Label FROM PermissionSet WHERE IsOwnedByProfile = ? ORDER BY Name')
        .all(profiles ? 1 : 0) as { Id: string; Name: string; Label: string }[];
    if (!profiles) {
        return rows.map((row) =>
            properties(org, userId, 'PermissionSet', row.Name, `permissionsets/${row.Name}.permissionset`, row.Id)
        );
    }
    return Object.entries(PROFILE_FILES).flatMap(([fullName, label]) => {
        const profile = org.db.prepare('SELECT Id FROM Profile WHERE Name = ?').get(label) as
            { Id: string } | undefined;
        return profile
            ? [properties(org, userId, 'Profile', fullName, `profiles/${fullName}.profile`, profile.Id)]
            : [];
    });
}

function storedProperties(org: LocalOrg, userId: string, type: string): FileProperties[] {
    if (OBJECT_CHILD_TYPES.includes(type)) {
        return listMetadataNames(org.db, type).map((fullName) =>
            properties(org, userId, type, fullName, `objects/${fullName.split('.')[0]}.object`)
        );
    }
    const file = LISTED_FILES[type];
    return listMetadataNames(org.db, type).map((fullName) =>
        properties(
            org,
            userId,
            type,
            fullName,
            type === 'CustomLabel' ? 'labels/CustomLabels.labels' : `${file.folder}/${fullName}${file.suffix}`
        )
    );
}

function settingsProperties(org: LocalOrg, userId: string): FileProperties[] {
    const rows = org.db
        .prepare("SELECT full_name FROM _lo_metadata WHERE type = full_name || 'Settings' ORDER BY full_name")
        .all() as { full_name: string }[];
    return rows.map((row) => properties(org, userId, 'Settings', row.full_name, `settings/${row.full_name}.settings`));
}

/** The components of one type, for every type deploy applies or stores. */
function listType(org: LocalOrg, userId: string, type: string): FileProperties[] | undefined {
    switch (type) {
        case 'CustomObject':
            return objectProperties(org, userId);
        case 'CustomField':
            return customFieldProperties(org, userId);
        case 'RecordType':
            return recordTypeProperties(org, userId);
        case 'ValidationRule':
        case 'BusinessProcess':
            return objectRuleProperties(org, userId, type);
        case 'PermissionSet':
            return permissionSetProperties(org, userId, false);
        case 'Profile':
            return permissionSetProperties(org, userId, true);
        case 'Settings':
            return settingsProperties(org, userId);
        case 'Queue':
            return queueNames(org.db).map((fullName) =>
                properties(org, userId, type, fullName, `queues/${fullName}.queue`, queueId(org.db, fullName))
            );
        case 'StandardValueSet':
        case 'CustomLabels':
            return (type === 'StandardValueSet' ? standardValueSetNames() : ['CustomLabels']).flatMap((fullName) => {
                const file = fileFor(org, type, fullName);
                return file ? [properties(org, userId, type, fullName, file.path)] : [];
            });
        default:
            return LISTED_FILES[type] || OBJECT_CHILD_TYPES.includes(type)
                ? storedProperties(org, userId, type)
                : undefined;
    }
}

/**
 * listMetadata for every type deploy applies or stores; a type local-org does not deploy is refused by name rather
 * than answered with an empty list (which would read as "none in this org").
 */
export function listMetadata(org: LocalOrg, userId: string, queries: XmlNode[]): FileProperties[] {
    const result: FileProperties[] = [];
    for (const query of queries) {
        const type = text(query, 'type') ?? '';
        const listed = listType(org, userId, type);
        if (listed === undefined) throw new UnsupportedListType(type);
        result.push(...listed);
    }
    return result;
}

export class UnsupportedListType extends Error {
    constructor(readonly type: string) {
        super(`listMetadata of ${type || 'no type'} is not supported by local-org`);
    }
}
