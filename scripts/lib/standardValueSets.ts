/**
 * Standard value sets (Case Status, Case Type, Contract Status) are shared by the whole org: deploying one replaces
 * the org's list. Caseline never does that: it deploys the union of the org's current values and its own.
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

export type StandardValue = { fullName: string } & Record<string, string>;
export type StandardValueSet = { sorted: string; standardValue: StandardValue[] } & Record<string, unknown>;

const parser = new XMLParser({
    ignoreAttributes: false,
    parseTagValue: false,
    isArray: (name) => name === 'standardValue'
});

const builder = new XMLBuilder({ ignoreAttributes: false, format: true, indentBy: '    ', suppressEmptyNode: true });

export function parseStandardValueSet(xml: string): StandardValueSet {
    const document = parser.parse(xml) as { StandardValueSet?: StandardValueSet };
    const set = document.StandardValueSet;
    if (!set) {
        throw new Error('Not a StandardValueSet document.');
    }
    return { ...set, standardValue: set.standardValue ?? [] };
}

export function serializeStandardValueSet(set: StandardValueSet): string {
    const { standardValue, ...rest } = set;
    const body = builder.build({
        StandardValueSet: { '@_xmlns': 'http://soap.sforce.com/2006/04/metadata', ...withoutXmlns(rest), standardValue }
    }) as string;
    return `<?xml version="1.0" encoding="UTF-8"?>\n${body}`;
}

function withoutXmlns(set: Record<string, unknown>): Record<string, unknown> {
    const { '@_xmlns': _ignored, ...rest } = set;
    return rest;
}

/**
 * The org's values first, unchanged and in the org's order (an admin's labels, order and default survive), then
 * each of ours the org lacks. Picklist API names are unique regardless of case, so matching ignores case.
 * If the org already has a default value, ours loses its default flag: a value set has one default.
 */
export function mergeStandardValues(ours: StandardValue[], theirs: StandardValue[]): StandardValue[] {
    const known = new Set(theirs.map((value) => value.fullName.toLowerCase()));
    const orgHasDefault = theirs.some((value) => value.default === 'true');
    const added = ours
        .filter((value) => !known.has(value.fullName.toLowerCase()))
        .map((value) => (orgHasDefault && value.default === 'true' ? { ...value, default: 'false' } : value));
    return [...theirs, ...added];
}

/** Merges our value set file with the org's current one; with no org copy, ours is deployed as it is. */
export function mergeStandardValueSetXml(oursXml: string, theirsXml: string | undefined): string {
    const ours = parseStandardValueSet(oursXml);
    if (theirsXml === undefined) {
        return oursXml;
    }
    const theirs = parseStandardValueSet(theirsXml);
    return serializeStandardValueSet({
        ...ours,
        standardValue: mergeStandardValues(ours.standardValue, theirs.standardValue)
    });
}
