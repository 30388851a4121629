/**
 * The Metadata API's synchronous CRUD calls (Metadata API Developer Guide, "CRUD-Based Calls"): createMetadata,
 * readMetadata, updateMetadata, upsertMetadata, deleteMetadata and renameMetadata. Create, update and upsert deploy
 * the one component through the deploy engine (deploy.ts), so a component is checked and applied exactly as a deploy
 * applies it; each component is its own transaction, as with the default AllOrNoneHeader false (API 34.0 and later).
 * Read answers what the org keeps of the component as deployed. Delete and rename work on the metadata local-org only
 * stores (Layout, CompactLayout, ListView) and on custom objects (objectLifecycle.ts); deleting or renaming other
 * schema (fields, record types...) is refused by name, as deploy refuses destructiveChanges.
 */
import type { LocalOrg } from '../org.ts';
import { deployPackage, type ComponentMessage } from './deploy.ts';
import { parseSoapCall, SoapFault } from './soap.ts';
import { deleteListViewRow, renameListViewRow } from './listViews.ts';
import { deleteCustomObject, renameCustomObject, type LifecycleError } from './objectLifecycle.ts';
import { deleteSource, readMetadata, readSource, storeMetadata } from './stored.ts';
import { escapeXml, list, parseXml, text, toXml, type XmlNode } from './xml.ts';

/** "You can … up to 10 components in one call" (createMetadata, readMetadata, updateMetadata, upsertMetadata, deleteMetadata). */
export const MAX_CRUD_COMPONENTS = 10;

const METADATA_NAMESPACE = 'http://soap.sforce.com/2006/04/metadata';

/** Types kept in a file of their own: folder and suffix, as in a deploy package. */
const FILE_TYPES: Record<string, { folder: string; suffix: string }> = {
    CustomObject: { folder: 'objects', suffix: '.object' },
    StandardValueSet: { folder: 'standardValueSets', suffix: '.standardValueSet' },
    PermissionSet: { folder: 'permissionsets', suffix: '.permissionset' },
    Flow: { folder: 'flows', suffix: '.flow' },
    CustomApplication: { folder: 'applications', suffix: '.app' },
    Layout: { folder: 'layouts', suffix: '.layout' },
    FlexiPage: { folder: 'flexipages', suffix: '.flexipage' },
    QuickAction: { folder: 'quickActions', suffix: '.quickAction' },
    CustomTab: { folder: 'tabs', suffix: '.tab' }
};

/** Types that live inside their object's file (`Object.Name`), by the element that holds them. */
const OBJECT_CHILD_TYPES: Record<string, string> = {
    CustomField: 'fields',
    RecordType: 'recordTypes',
    BusinessProcess: 'businessProcesses',
    ValidationRule: 'validationRules',
    ListView: 'listViews',
    CompactLayout: 'compactLayouts',
    WebLink: 'webLinks',
    FieldSet: 'fieldSets'
};

/** Stored as deployed XML text. */
const XML_TEXT_TYPES = ['Layout', 'FlexiPage', 'QuickAction', 'CustomTab', 'CustomApplication'];
/** Stored as the deployed node. */
const NODE_TYPES = ['ListView', 'CompactLayout', 'WebLink', 'FieldSet', 'CustomLabel'];
/** Kept as their deploy's source (stored.ts recordSource). */
const SOURCE_TYPES = [
    'CustomObject',
    'CustomField',
    'RecordType',
    'BusinessProcess',
    'ValidationRule',
    'PermissionSet',
    'StandardValueSet'
];
/** Metadata nothing else in the org depends on: deleteMetadata and renameMetadata remove or rename it. */
const DELETABLE_TYPES = ['Layout', 'CompactLayout', 'ListView'];

export type CrudError = {
    fields: string[];
    message: string;
    statusCode: string;
};

type SaveResult = {
    errors?: CrudError[];
    fullName: string;
    success: boolean;
};

function crudTypes(): string[] {
    return [...Object.keys(FILE_TYPES), ...Object.keys(OBJECT_CHILD_TYPES), 'CustomLabel'];
}

function refuseType(operation: string, type: string): SoapFault {
    return new SoapFault(
        'sf:NOT_SUPPORTED_BY_LOCAL_ORG',
        `${operation} of ${type || 'no type'} is not supported by local-org`
    );
}

function checkCount(count: number): void {
    if (count > MAX_CRUD_COMPONENTS) {
        // The limit is documented; the fault follows the SOAP API's EXCEEDED_ID_LIMIT wording for its own call limit.
        throw new SoapFault(
            'sf:EXCEEDED_ID_LIMIT',
            `record limit reached. cannot submit more than ${MAX_CRUD_COMPONENTS} records into this call`
        );
    }
}

function error(statusCode: string, message: string): CrudError {
    return { fields: [], message, statusCode };
}

function notFound(type: string, fullName: string): CrudError {
    return error('INVALID_CROSS_REFERENCE_KEY', `In field: fullName - no ${type} named ${fullName} found`);
}

/**
 * The `<metadata xsi:type="…">` elements of a create, update or upsert call, with their type. An element sent as
 * `xsi:nil="true"` (jsforce sends a null that way) is no value at all, not an empty string.
 */
export function metadataItems(rawXml: string): { type: string; node: XmlNode }[] {
    const withoutNils = rawXml.replace(/<([\w:-]+)\b[^>]*\bxsi:nil="true"[^>]*?(?:\/>|>\s*<\/\1>)/g, '');
    const body = parseSoapCall(withoutNils).body;
    const types = [...withoutNils.matchAll(/<(?:[\w-]+:)?metadata\b[^>]*?\btype="(?:[\w-]+:)?([\w]+)"/g)].map(
        (m) => m[1]
    );
    const nodes = list(body, 'metadata');
    return nodes.map((node, i) => ({ type: types[i] ?? '', node }));
}

function componentExists(org: LocalOrg, type: string, fullName: string): boolean {
    const [objectName, childName] = fullName.split('.');
    switch (type) {
        case 'CustomObject':
            return org.schema.object(fullName) !== undefined;
        case 'CustomField':
            return childName !== undefined && org.schema.field(objectName, childName) !== undefined;
        case 'RecordType':
            return (
                org.db
                    .prepare('SELECT 1 FROM RecordType WHERE SobjectType = ? AND DeveloperName = ? AND IsDeleted = 0')
                    .get(objectName, childName ?? '') !== undefined
            );
        case 'BusinessProcess':
            return (org.schema.object(objectName)?.businessProcesses ?? []).some((p) => p.fullName === childName);
        case 'ValidationRule':
            return (org.schema.object(objectName)?.validationRules ?? []).some((r) => r.fullName === childName);
        case 'PermissionSet':
            return (
                org.db.prepare('SELECT 1 FROM PermissionSet WHERE Name = ? AND IsOwnedByProfile = 0').get(fullName) !==
                undefined
            );
        case 'StandardValueSet':
            return true;
        default:
            return readMetadata(org.db, type, fullName) !== undefined;
    }
}

/** A one-component package: the component in the file a deploy would carry it in. */
function packageFor(type: string, fullName: string, node: XmlNode): Map<string, Buffer> {
    const files = new Map<string, Buffer>();
    files.set(
        'package.xml',
        Buffer.from(
            `<?xml version="1.0" encoding="UTF-8"?><Package xmlns="${METADATA_NAMESPACE}"><version>66.0</version></Package>`
        )
    );
    const { fullName: _ignored, ...content } = node;
    const file = (root: string, inner: string) =>
        Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${METADATA_NAMESPACE}">${inner}</${root}>`);
    const childKey = OBJECT_CHILD_TYPES[type];
    if (childKey) {
        const [objectName, childName] = fullName.split('.');
        files.set(
            `objects/${objectName}.object`,
            file('CustomObject', toXml({ [childKey]: { fullName: childName, ...content } }))
        );
    } else if (type === 'CustomLabel') {
        files.set('labels/CustomLabels.labels', file('CustomLabels', toXml({ labels: { fullName, ...content } })));
    } else {
        const { folder, suffix } = FILE_TYPES[type];
        files.set(`${folder}/${fullName}${suffix}`, file(type, toXml(content)));
    }
    return files;
}

/** Deploys one component (and, for a CustomObject, the fields and other children it carries). */
async function saveComponent(org: LocalOrg, userId: string, type: string, fullName: string, node: XmlNode) {
    const belongs = (component: { componentType: string; fullName: string }) =>
        (component.componentType === type && component.fullName === fullName) ||
        (type === 'CustomObject' && component.fullName.startsWith(`${fullName}.`));
    const outcome = await deployPackage(org, userId, packageFor(type, fullName, node), {
        checkOnly: false,
        rollbackOnError: true,
        only: belongs
    });
    return outcome;
}

function failureErrors(failures: ComponentMessage[]): CrudError[] {
    return failures.map((failure) => error('FIELD_INTEGRITY_EXCEPTION', failure.problem ?? 'The component failed'));
}

type SaveMode = 'create' | 'update' | 'upsert';

/** createMetadata, updateMetadata and upsertMetadata: each component deployed on its own. */
export async function saveMetadata(
    org: LocalOrg,
    userId: string,
    mode: SaveMode,
    items: { type: string; node: XmlNode }[]
): Promise<(SaveResult & { created?: boolean })[]> {
    checkCount(items.length);
    const types = new Set(items.map((item) => item.type));
    if (types.size > 1) {
        throw new SoapFault('sf:INVALID_TYPE', 'All components must be of the same type in the same call');
    }
    const results: (SaveResult & { created?: boolean })[] = [];
    for (const { type, node } of items) {
        if (!crudTypes().includes(type)) throw refuseType(`${mode}Metadata`, type);
        const fullName = text(node, 'fullName') ?? '';
        const exists = componentExists(org, type, fullName);
        if (mode === 'create' && exists) {
            results.push({
                errors: [error('DUPLICATE_DEVELOPER_NAME', `There is already a ${type} named ${fullName}`)],
                fullName,
                success: false
            });
            continue;
        }
        if (mode === 'update' && !exists) {
            results.push({ errors: [notFound(type, fullName)], fullName, success: false });
            continue;
        }
        const outcome = await saveComponent(org, userId, type, fullName, node);
        const result: SaveResult & { created?: boolean } = outcome.success
            ? { fullName, success: true }
            : { errors: failureErrors(outcome.failures), fullName, success: false };
        if (mode === 'upsert') result.created = outcome.success && !exists;
        results.push(result);
    }
    return results;
}

/** The component as the org keeps it, or undefined when it does not exist. */
function readComponent(org: LocalOrg, type: string, fullName: string): XmlNode | undefined {
    if (XML_TEXT_TYPES.includes(type)) {
        const xml = readMetadata<string>(org.db, type, fullName);
        return xml === undefined ? undefined : ((parseXml(xml)[type] as XmlNode | undefined) ?? {});
    }
    if (type === 'Flow') {
        const stored = readMetadata<{ xml: string }>(org.db, 'Flow', fullName);
        return stored === undefined ? undefined : ((parseXml(stored.xml).Flow as XmlNode | undefined) ?? {});
    }
    if (NODE_TYPES.includes(type)) {
        const node = readMetadata<XmlNode>(org.db, type, fullName);
        if (node === undefined) return undefined;
        const { fullName: _stored, ...rest } = node;
        return rest;
    }
    if (!SOURCE_TYPES.includes(type)) throw refuseType('readMetadata', type);
    if (!componentExists(org, type, fullName)) return undefined;
    // A standard object or field is Salesforce's definition plus what was deployed onto it; local-org keeps only the
    // latter, so it does not answer as if that were the whole.
    if ((type === 'CustomObject' || type === 'CustomField') && !fullName.endsWith('__c')) {
        throw new SoapFault(
            'sf:NOT_SUPPORTED_BY_LOCAL_ORG',
            `readMetadata of the standard ${type === 'CustomObject' ? 'object' : 'field'} ${fullName} is not supported by local-org`
        );
    }
    const source = readSource(org.db, type, fullName);
    if (!source) {
        throw new SoapFault(
            'sf:NOT_SUPPORTED_BY_LOCAL_ORG',
            `readMetadata of ${type} ${fullName} is not supported by local-org: it keeps the definition of what is deployed through the Metadata API only, not of its built-in catalogue`
        );
    }
    const { fullName: _stored, ...node } = source;
    if (type === 'CustomObject') {
        for (const [childType, key] of Object.entries(OBJECT_CHILD_TYPES)) {
            const children = childNames(org, childType, fullName)
                .map((name) => readComponentQuietly(org, childType, `${fullName}.${name}`, name))
                .filter((child): child is XmlNode => child !== undefined);
            if (children.length > 0) node[key] = children;
        }
    }
    return node;
}

function childNames(org: LocalOrg, type: string, objectName: string): string[] {
    const table = SOURCE_TYPES.includes(type) ? '_lo_metadata_source' : '_lo_metadata';
    return (
        org.db
            .prepare(`SELECT full_name FROM ${table} WHERE type = ? AND full_name LIKE ? ORDER BY full_name`)
            .all(type, `${objectName}.%`) as { full_name: string }[]
    )
        .map((row) => row.full_name)
        .filter((name) => name.startsWith(`${objectName}.`))
        .map((name) => name.slice(objectName.length + 1));
}

/** A child of an object as its object's file carries it: its own short fullName first. */
function readComponentQuietly(org: LocalOrg, type: string, fullName: string, shortName: string): XmlNode | undefined {
    const source = SOURCE_TYPES.includes(type)
        ? readSource(org.db, type, fullName)
        : readMetadata<XmlNode>(org.db, type, fullName);
    if (!source) return undefined;
    const { fullName: _stored, ...rest } = source;
    return { fullName: shortName, ...rest };
}

/** readMetadata: `<result><records xsi:type="…">` per name, empty for a name that does not exist. */
export function readMetadataXml(org: LocalOrg, type: string, fullNames: string[]): string {
    checkCount(fullNames.length);
    if (!crudTypes().includes(type)) throw refuseType('readMetadata', type);
    const records = fullNames.map((fullName) => {
        const node = readComponent(org, type, fullName);
        if (node === undefined) return `<records xsi:type="${type}"/>`;
        return `<records xsi:type="${type}"><fullName>${escapeXml(fullName)}</fullName>${toXml(node)}</records>`;
    });
    return `<result>${records.join('')}</result>`;
}

function checkDeletable(operation: string, type: string): void {
    if (!DELETABLE_TYPES.includes(type) && type !== 'CustomObject') {
        throw new SoapFault(
            'sf:NOT_SUPPORTED_BY_LOCAL_ORG',
            `${operation} of ${type || 'no type'} is not supported by local-org (it deletes and renames ${DELETABLE_TYPES.join(', ')} and custom objects only, as deploy refuses destructiveChanges)`
        );
    }
}

function lifecycleResult(fullName: string, failure: LifecycleError | undefined): SaveResult {
    return failure
        ? { errors: [error(failure.statusCode, failure.message)], fullName, success: false }
        : { fullName, success: true };
}

/** Each object on its own, as each component of a CRUD call is (AllOrNoneHeader false); the schema reloaded after. */
function changeObjects(org: LocalOrg, names: string[], change: (name: string) => LifecycleError | undefined) {
    const results = names.map((name) => {
        try {
            return lifecycleResult(name, org.db.transaction(() => change(name))());
        } finally {
            org.reloadSchema();
        }
    });
    return results;
}

/** deleteMetadata: DeleteResult per name. */
export function deleteMetadata(org: LocalOrg, type: string, fullNames: string[]): SaveResult[] {
    checkCount(fullNames.length);
    checkDeletable('deleteMetadata', type);
    if (type === 'CustomObject')
        return changeObjects(org, fullNames, (name) => deleteCustomObject(org, name, new Date()));
    return org.db.transaction(() =>
        fullNames.map((fullName): SaveResult => {
            if (readMetadata(org.db, type, fullName) === undefined) {
                return { errors: [notFound(type, fullName)], fullName, success: false };
            }
            org.db.prepare('DELETE FROM _lo_metadata WHERE type = ? AND full_name = ?').run(type, fullName);
            deleteSource(org.db, type, fullName);
            if (type === 'ListView') deleteListViewRow(org.db, fullName);
            return { fullName, success: true };
        })
    )();
}

/** renameMetadata: a SaveResult naming the old name. A child keeps its object (`Object.New`). */
export function renameMetadata(org: LocalOrg, type: string, oldFullName: string, newFullName: string): SaveResult {
    checkDeletable('renameMetadata', type);
    if (type === 'CustomObject') {
        return changeObjects(org, [oldFullName], (name) => renameCustomObject(org, name, newFullName, new Date()))[0];
    }
    const content = readMetadata<unknown>(org.db, type, oldFullName);
    if (content === undefined) return { errors: [notFound(type, oldFullName)], fullName: oldFullName, success: false };
    if (OBJECT_CHILD_TYPES[type] && oldFullName.split('.')[0] !== newFullName.split('.')[0]) {
        return {
            errors: [
                error('INVALID_CROSS_REFERENCE_KEY', `A ${type} cannot be moved to another object: ${newFullName}`)
            ],
            fullName: oldFullName,
            success: false
        };
    }
    if (readMetadata(org.db, type, newFullName) !== undefined) {
        return {
            errors: [error('DUPLICATE_DEVELOPER_NAME', `There is already a ${type} named ${newFullName}`)],
            fullName: oldFullName,
            success: false
        };
    }
    org.db.transaction(() => {
        org.db.prepare('DELETE FROM _lo_metadata WHERE type = ? AND full_name = ?').run(type, oldFullName);
        const renamed =
            typeof content === 'object' && content !== null && 'fullName' in content
                ? { ...(content as XmlNode), fullName: newFullName.split('.').pop() }
                : content;
        storeMetadata(org.db, type, newFullName, renamed);
        if (type === 'ListView') renameListViewRow(org.db, oldFullName, newFullName);
    })();
    return { fullName: oldFullName, success: true };
}
