/**
 * Metadata retrieve and listMetadata for what local-org can give back: standard value sets (the project's deploy
 * script merges Case Status with them) and the metadata it stores as deployed.
 */
import type { LocalOrg } from '../org.ts';
import { listMetadataNames, readMetadata } from './stored.ts';
import { standardValueSetNames, standardValueSetXml } from './valueSets.ts';
import { writePackage } from './zip.ts';
import { escapeXml, list, text, flag, toXml, type XmlNode } from './xml.ts';

/** Stored types that come back exactly as deployed: folder and suffix. */
const RAW_TYPES: Record<string, { folder: string; suffix: string }> = {
    FlexiPage: { folder: 'flexipages', suffix: '.flexipage' },
    Layout: { folder: 'layouts', suffix: '.layout' },
    QuickAction: { folder: 'quickActions', suffix: '.quickAction' },
    CustomTab: { folder: 'tabs', suffix: '.tab' },
    CustomApplication: { folder: 'applications', suffix: '.app' }
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
    return org.schema
        .allObjects()
        .flatMap((object) =>
            object.fields
                .filter((field) => field.custom && field.id)
                .map((field) =>
                    properties(
                        org,
                        userId,
                        'CustomField',
                        `${object.name}.${field.name}`,
                        `objects/${object.name}.object`,
                        field.id
                    )
                )
        );
}

export function listMetadata(org: LocalOrg, userId: string, queries: XmlNode[]): FileProperties[] {
    const result: FileProperties[] = [];
    for (const query of queries) {
        const type = text(query, 'type') ?? '';
        if (type === 'CustomField') {
            result.push(...customFieldProperties(org, userId));
            continue;
        }
        const names =
            type === 'StandardValueSet'
                ? standardValueSetNames()
                : RAW_TYPES[type]
                  ? listMetadataNames(org.db, type)
                  : [];
        for (const fullName of names) {
            const file = fileFor(org, type, fullName);
            if (file) result.push(properties(org, userId, type, fullName, file.path));
        }
    }
    return result;
}
