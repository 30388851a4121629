/**
 * Reading and writing Metadata API XML. Repeated elements are always arrays, values stay text (the metadata
 * schema decides what is a number or a boolean), namespaces are dropped.
 */
import { XMLParser } from 'fast-xml-parser';
import { ComponentProblem } from './problem.ts';

/** Elements that may repeat in the metadata the org applies; everything else is read as a single value. */
const REPEATED = new Set([
    'types',
    'members',
    'fields',
    'recordTypes',
    'businessProcesses',
    'validationRules',
    'listViews',
    'values',
    'picklistValues',
    'standardValue',
    'fieldPermissions',
    'objectPermissions',
    'recordTypeVisibilities',
    'userPermissions',
    'tabSettings',
    'applicationVisibilities',
    'actionOverrides',
    'profileActionOverrides',
    'classAccesses',
    'pageAccesses',
    'labels',
    'columns',
    'filters',
    'actionCalls',
    'assignments',
    'assignmentItems',
    'decisions',
    'rules',
    'conditions',
    'formulas',
    'variables',
    'recordCreates',
    'recordUpdates',
    'recordLookups',
    'recordDeletes',
    'inputAssignments',
    'outputAssignments',
    'screens',
    'loops',
    'subflows',
    'waits',
    'collectionProcessors',
    'transforms',
    'customErrors',
    'scheduledPaths',
    'processMetadataValues',
    'componentSuccesses',
    'componentFailures',
    'fileProperties',
    'messages'
]);

const parser = new XMLParser({
    ignoreAttributes: true,
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    // <value> repeats in a picklist's value set but is a single element in flows.
    isArray: (name, jPath) =>
        REPEATED.has(name) || (name === 'value' && String(jPath).endsWith('valueSetDefinition.value'))
});

export type XmlNode = Record<string, unknown>;

export function parseXml(text: string): XmlNode {
    return parser.parse(text) as XmlNode;
}

export function text(node: unknown, key: string): string | undefined {
    const value = (node as XmlNode | undefined)?.[key];
    if (value === undefined || value === null) return undefined;
    return typeof value === 'object' ? undefined : String(value);
}

export function flag(node: unknown, key: string, fallback = false): boolean {
    const value = text(node, key);
    return value === undefined ? fallback : value === 'true';
}

export function list(node: unknown, key: string): XmlNode[] {
    const value = (node as XmlNode | undefined)?.[key];
    if (value === undefined || value === null || value === '') return [];
    return (Array.isArray(value) ? value : [value]) as XmlNode[];
}

export function child(node: unknown, key: string): XmlNode | undefined {
    const value = (node as XmlNode | undefined)?.[key];
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as XmlNode) : undefined;
}

/** Salesforce rejects a file with an element its schema does not know; so does local-org, for what it reads. */
export function checkElements(node: XmlNode, typeName: string, allowed: string[]): void {
    const unknown = Object.keys(node).find((key) => !allowed.includes(key));
    if (unknown) {
        throw new ComponentProblem(
            `Element {http://soap.sforce.com/2006/04/metadata}${unknown} invalid at this location in type ${typeName}`
        );
    }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
    return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** `{a: 1, b: [x, y]}` → `<a>1</a><b>x</b><b>y</b>`; null and undefined are left out. */
export function toXml(value: Record<string, unknown>): string {
    let out = '';
    for (const [key, item] of Object.entries(value)) {
        for (const element of Array.isArray(item) ? item : [item]) {
            if (element === undefined || element === null) continue;
            if (typeof element === 'object') out += `<${key}>${toXml(element as Record<string, unknown>)}</${key}>`;
            else out += `<${key}>${escapeXml(String(element))}</${key}>`;
        }
    }
    return out;
}
