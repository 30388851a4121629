/**
 * The before-save flows that keep the stored match keys filled on every write the project does not make itself
 * (REST, UI edits, imports): generated from the key steps of the shared LWC module matchKeys, so the flow's
 * formulas and the JavaScript key builder are one definition. `npm run generate-match-key-flows` writes them;
 * scripts/test/matchKeys.test.ts checks that the committed files are current.
 */
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { MATCH_KEY_DEFINITIONS, type KeyDefinition, type KeyStep } from './recordMatcher.ts';
import { projectRoot } from './project.ts';

/** Salesforce's limit on a flow formula's expression. */
export const FLOW_FORMULA_LIMIT = 3900;

export const MATCH_KEY_OBJECTS = ['Account', 'Contact'] as const;
export type MatchKeyObject = (typeof MATCH_KEY_OBJECTS)[number];

export function flowName(object: MatchKeyObject): string {
    return `${object}_Match_Keys`;
}

export function flowPath(object: MatchKeyObject): string {
    return join(projectRoot, 'force-app', 'main', 'default', 'flows', `${flowName(object)}.flow-meta.xml`);
}

/** A formula string literal: double quotes, with backslash escapes for quotes and backslashes. */
function literal(text: string): string {
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** The formula expression of key steps applied to an expression. */
export function stepsFormula(expression: string, steps: readonly KeyStep[]): string {
    let x = expression;
    for (const step of steps) {
        switch (step[0]) {
            case 'lower':
                x = `LOWER(${x})`;
                break;
            case 'wrap':
                x = `${literal(step[1])} & ${x} & ${literal(step[1])}`;
                break;
            case 'sub':
                x = `SUBSTITUTE(${x}, ${literal(step[1])}, ${literal(step[2])})`;
                break;
            case 'before':
                x = `IF(FIND(${literal(step[1])}, ${x}) > 0, LEFT(${x}, FIND(${literal(step[1])}, ${x}) - 1), ${x})`;
                break;
            case 'after':
                x = `MID(${x}, FIND(${literal(step[1])}, ${x}) + 1, 255)`;
                break;
            case 'min':
                x = `IF(LEN(${x}) < ${step[1]}, "", ${x})`;
                break;
            case 'left':
                x = `LEFT(${x}, ${step[1]})`;
                break;
            case 'right':
                x = `RIGHT(${x}, ${step[1]})`;
                break;
            case 'trim':
                x = `TRIM(${x})`;
                break;
        }
    }
    return x;
}

export interface FlowFormula {
    name: string;
    expression: string;
}

/** The steps every one of these step lists starts with. */
function commonPrefix(lists: readonly (readonly KeyStep[])[]): KeyStep[] {
    const prefix: KeyStep[] = [];
    for (let i = 0; i < lists[0].length; i++) {
        const step = lists[0][i];
        if (!lists.every((steps) => JSON.stringify(steps[i]) === JSON.stringify(step))) break;
        prefix.push(step);
    }
    return prefix;
}

/**
 * The formulas of one stored key, reading the record being saved: the key's own formula last, named after its field,
 * and before it one formula per source field that several parts prepare alike. A formula repeats its input at every
 * FIND (the `before` and `after` steps), so parts that share a long preparation (the street's words) read it from its
 * own formula instead, which keeps each expression under the flow formula limit.
 */
export function keyFormulas(definition: KeyDefinition): FlowFormula[] {
    const name = formulaName(definition.field);
    const shared: FlowFormula[] = [];
    /** Source field → the formula holding its shared preparation and how many steps that covers. */
    const prepared = new Map<string, { helper: string; steps: number }>();
    for (const field of new Set(definition.parts.map((part) => part.field))) {
        const parts = definition.parts.filter((part) => part.field === field);
        const prefix = parts.length > 1 ? commonPrefix(parts.map((part) => part.steps)) : [];
        if (prefix.length > 1) {
            const helper = `${name}_${formulaName(field)}`;
            shared.push({ name: helper, expression: stepsFormula(`{!$Record.${field}}`, prefix) });
            prepared.set(field, { helper, steps: prefix.length });
        }
    }
    const parts = definition.parts.map((part) => {
        const preparation = prepared.get(part.field);
        return preparation
            ? stepsFormula(`{!${preparation.helper}}`, part.steps.slice(preparation.steps))
            : stepsFormula(`{!$Record.${part.field}}`, part.steps);
    });
    const expression = stepsFormula(parts.length === 1 ? parts[0] : parts.join(' & '), definition.steps);
    return [...shared, { name, expression }];
}

function escapeXml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function formulaName(field: string): string {
    return field.replace(/__c$/, '').replace(/_/g, '');
}

/** The flow's metadata file, formatted with the project's prettier settings. */
export async function matchKeyFlowXml(object: MatchKeyObject): Promise<string> {
    const file = flowPath(object);
    const options = (await resolveConfig(file)) ?? {};
    return format(unformattedFlowXml(object), { ...options, filepath: file });
}

function unformattedFlowXml(object: MatchKeyObject): string {
    const definitions = MATCH_KEY_DEFINITIONS[object];
    const formulas = definitions
        .flatMap(keyFormulas)
        .map(
            (formula) => `    <formulas>
        <name>${formula.name}</name>
        <dataType>String</dataType>
        <expression>${escapeXml(formula.expression)}</expression>
    </formulas>`
        )
        .join('\n');
    const assignments = definitions
        .map(
            (definition) => `        <inputAssignments>
            <field>${definition.field}</field>
            <value>
                <elementReference>${formulaName(definition.field)}</elementReference>
            </value>
        </inputAssignments>`
        )
        .join('\n');
    const label = `${object} Match Keys`;
    return `<?xml version="1.0" encoding="UTF-8" ?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <description>Generated by npm run generate-match-key-flows from matchKeys' MATCH_KEY_DEFINITIONS: keeps the ${object}'s match keys (${definitions.map((d) => d.field).join(', ')}) equal to what the JavaScript key builder computes, on every create and update, before the record is saved.</description>
    <environments>Default</environments>
${formulas}
    <interviewLabel>${label} {!$Flow.CurrentDateTime}</interviewLabel>
    <label>${label}</label>
    <processMetadataValues>
        <name>BuilderType</name>
        <value>
            <stringValue>LightningFlowBuilder</stringValue>
        </value>
    </processMetadataValues>
    <processMetadataValues>
        <name>CanvasMode</name>
        <value>
            <stringValue>AUTO_LAYOUT_CANVAS</stringValue>
        </value>
    </processMetadataValues>
    <processType>AutoLaunchedFlow</processType>
    <recordUpdates>
        <name>Set_Match_Keys</name>
        <label>Set Match Keys</label>
        <locationX>176</locationX>
        <locationY>287</locationY>
${assignments}
        <inputReference>$Record</inputReference>
    </recordUpdates>
    <start>
        <locationX>50</locationX>
        <locationY>0</locationY>
        <connector>
            <targetReference>Set_Match_Keys</targetReference>
        </connector>
        <object>${object}</object>
        <recordTriggerType>CreateAndUpdate</recordTriggerType>
        <triggerType>RecordBeforeSave</triggerType>
    </start>
    <status>Active</status>
</Flow>
`;
}
