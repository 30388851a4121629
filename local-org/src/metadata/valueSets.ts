/**
 * Standard value sets (Case Status, Contract Status...): a deploy sets the values and their attributes; values the
 * deploy leaves out become inactive, as on Salesforce, so records that use them keep them. Retrieve writes them back.
 */
import type { FieldDef, PicklistValue } from '../schema.ts';
import { syncLeadStatuses } from '../leadStatus.ts';
import { ComponentProblem } from './problem.ts';
import type { Applied, Staging } from './objects.ts';
import { escapeXml, flag, list, text, type XmlNode } from './xml.ts';

/** Which fields each standard value set feeds. */
const VALUE_SET_FIELDS: Record<string, string[]> = {
    CaseStatus: ['Case.Status'],
    CaseType: ['Case.Type'],
    CaseOrigin: ['Case.Origin'],
    CasePriority: ['Case.Priority'],
    CaseReason: ['Case.Reason'],
    ContractStatus: ['Contract.Status'],
    LeadStatus: ['Lead.Status'],
    OpportunityStage: ['Opportunity.StageName'],
    TaskStatus: ['Task.Status'],
    TaskPriority: ['Task.Priority'],
    TaskType: ['Task.Type']
};

export function standardValueSetNames(): string[] {
    return Object.keys(VALUE_SET_FIELDS);
}

function fieldsOf(staging: Staging, name: string): FieldDef[] {
    const paths = VALUE_SET_FIELDS[name];
    if (!paths)
        throw new ComponentProblem(
            `Standard value set ${name} is not supported by local-org (it has ${standardValueSetNames().join(', ')})`
        );
    return paths.map((path) => {
        const [objectName, fieldName] = path.split('.');
        return staging.objects.get(objectName.toLowerCase())!.fields.find((f) => f.name === fieldName)!;
    });
}

function valueFromMetadata(node: XmlNode, setName: string): PicklistValue {
    const value: PicklistValue = {
        value: text(node, 'fullName') ?? '',
        label: text(node, 'label') ?? text(node, 'fullName') ?? '',
        active: true,
        defaultValue: flag(node, 'default')
    };
    if (setName === 'CaseStatus' || setName === 'TaskStatus') value.closed = flag(node, 'closed');
    // A converted status is what convertLead may set (Metadata API StandardValue.converted; LeadStatus.IsConverted).
    if (setName === 'LeadStatus') value.converted = flag(node, 'converted');
    if (setName === 'OpportunityStage') {
        value.closed = flag(node, 'closed');
        value.won = flag(node, 'won');
        value.probability = Number(text(node, 'probability') ?? 0);
        value.forecastCategory = text(node, 'forecastCategory');
    }
    if (setName === 'ContractStatus') {
        const grouping = text(node, 'groupingString');
        if (!grouping || !['Draft', 'InApproval', 'Activated'].includes(grouping)) {
            throw new ComponentProblem(
                `Contract status ${value.value} needs a groupingString of Draft, InApproval or Activated`
            );
        }
        value.statusCode = grouping;
    }
    return value;
}

export function applyStandardValueSet(staging: Staging, name: string, node: XmlNode): Applied {
    const fields = fieldsOf(staging, name);
    const deployed = list(node, 'standardValue').map((v) => valueFromMetadata(v, name));
    if (deployed.length === 0) throw new ComponentProblem(`Standard value set ${name} needs at least one value`);
    // Each value needs its own label; Salesforce words the failure "Duplicate label: <label>".
    const duplicate = deployed.find((v, i) => deployed.findIndex((w) => w.label === v.label) !== i);
    if (duplicate) throw new ComponentProblem(`Duplicate label: ${duplicate.label}`);
    if (deployed.filter((v) => v.defaultValue).length > 1)
        throw new ComponentProblem(`Standard value set ${name} has more than one default value`);
    let changed = false;
    for (const field of fields) {
        const retired = (field.picklistValues ?? [])
            .filter((old) => !deployed.some((v) => v.value === old.value))
            .map((old) => ({ ...old, active: false, defaultValue: false }));
        const next = [...deployed.map((v) => ({ ...v })), ...retired];
        changed ||= JSON.stringify(next) !== JSON.stringify(field.picklistValues);
        field.picklistValues = next;
        const defaultValue = deployed.find((v) => v.defaultValue)?.value ?? null;
        field.defaultValue = defaultValue;
        field.defaultedOnCreate = defaultValue !== null || field.defaultedOnCreate === true;
    }
    if (name === 'LeadStatus')
        syncLeadStatuses(
            staging.db,
            staging.objects.get('leadstatus')!,
            fields[0].picklistValues ?? [],
            staging.userId,
            staging.now
        );
    return { created: false, changed };
}

/** The `.standardValueSet` file for a set, as a retrieve returns it (active values only). */
export function standardValueSetXml(staging: Pick<Staging, 'objects'>, name: string): string {
    const field = fieldsOf(staging as Staging, name)[0];
    const values = (field.picklistValues ?? []).filter((v) => v.active);
    const grouping =
        name === 'ContractStatus' ? '    <groupingStringEnum>ContractStatusCode</groupingStringEnum>\n' : '';
    const entries = values
        .map((v) => {
            const extra =
                (v.closed !== undefined ? `        <closed>${v.closed}</closed>\n` : '') +
                (v.converted !== undefined ? `        <converted>${v.converted}</converted>\n` : '') +
                (v.statusCode !== undefined
                    ? `        <groupingString>${escapeXml(v.statusCode)}</groupingString>\n`
                    : '') +
                (v.forecastCategory !== undefined
                    ? `        <forecastCategory>${escapeXml(v.forecastCategory)}</forecastCategory>\n`
                    : '') +
                (v.probability !== undefined ? `        <probability>${v.probability}</probability>\n` : '') +
                (v.won !== undefined ? `        <won>${v.won}</won>\n` : '');
            return `    <standardValue>\n        <fullName>${escapeXml(v.value)}</fullName>\n        <default>${v.defaultValue}</default>\n        <label>${escapeXml(v.label)}</label>\n${extra}    </standardValue>\n`;
        })
        .join('');
    return `<?xml version="1.0" encoding="UTF-8"?>\n<StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata">\n${grouping}    <sorted>false</sorted>\n${entries}</StandardValueSet>\n`;
}
