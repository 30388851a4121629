/**
 * QuickAction components are stored as deployed (the preview reads them); a Create action's references are checked
 * at deploy as Salesforce resolves them (Metadata API Developer Guide, "QuickAction": `targetObject` "the object for
 * which the action is created and performed", `targetParentField` "links the target object to the parent object",
 * `quickActionLayout` with `layoutSectionStyle` and items of `field` and `uiBehavior` Edit, Required or Readonly,
 * `fieldOverrides` whose `literalValue` is "supported for picklists only"; the guide's own example is a Create Task
 * with `targetParentField` What). A reference that does not resolve fails the component. A predefined value's
 * `formula` is refused by name: local-org does not evaluate action formulas. No API here serves quick actions
 * (`sobjects/X/quickActions` is refused by name), so a Create action is used only by Lightning's publisher.
 * A Flow action's `flowDefinition` names the flow it runs ("If the custom action invokes a flow, this field
 * represents the API name of the flow", same guide), and a flow action runs a screen flow (Salesforce Help, "Create a
 * Flow Action": only screen flows can be chosen). The wording of the refusals is local-org's.
 */
import type { StoredFlow } from '../flows/deployFlow.ts';
import { isScreenFlowXml } from '../flows/screenFlow.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import type { Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { readMetadata } from './stored.ts';
import { child, list, parseXml, text, type XmlNode } from './xml.ts';

const SECTION_STYLES = ['TwoColumnsTopToBottom', 'TwoColumnsLeftToRight', 'OneColumn', 'CustomLinks'];
const UI_BEHAVIORS = ['Edit', 'Required', 'Readonly'];

function objectNamed(staging: Staging, name: string, what: string): ObjectDef {
    const object = staging.objects.get(name.toLowerCase());
    if (!object) throw new ComponentProblem(`${what}: no object named ${name} found`);
    return object;
}

function fieldNamed(object: ObjectDef, name: string, what: string): FieldDef {
    const field = object.fields.find((f) => f.name.toLowerCase() === name.toLowerCase());
    if (!field) throw new ComponentProblem(`${what}: no field ${name} on ${object.name}`);
    return field;
}

/** targetParentField names the lookup by its relationship name (What) or its field name (WhatId). */
function checkParentField(target: ObjectDef, parent: ObjectDef | undefined, name: string): void {
    const lower = name.toLowerCase();
    const field = target.fields.find(
        (f) => f.type === 'reference' && (f.name.toLowerCase() === lower || f.relationshipName?.toLowerCase() === lower)
    );
    if (!field) throw new ComponentProblem(`targetParentField: ${name} is no lookup of ${target.name}`);
    if (parent && !field.referenceTo?.includes(parent.name))
        throw new ComponentProblem(
            `targetParentField: ${target.name}.${field.name} does not look up to ${parent.name}`
        );
}

function checkLayout(target: ObjectDef, layout: XmlNode | undefined): void {
    if (!layout) return;
    const style = text(layout, 'layoutSectionStyle');
    if (!style || !SECTION_STYLES.includes(style))
        throw new ComponentProblem(
            `quickActionLayout: '${style ?? ''}' is not a valid value for the enum 'LayoutSectionStyle'`
        );
    for (const column of list(layout, 'quickActionLayoutColumns')) {
        for (const item of list(column, 'quickActionLayoutItems')) {
            if (text(item, 'emptySpace') === 'true') continue;
            fieldNamed(target, text(item, 'field') ?? '', 'quickActionLayout');
            const behavior = text(item, 'uiBehavior');
            if (behavior && !UI_BEHAVIORS.includes(behavior))
                throw new ComponentProblem(
                    `quickActionLayout: '${behavior}' is not a valid value for the enum 'UiBehavior'`
                );
        }
    }
}

function checkFieldOverrides(target: ObjectDef, action: XmlNode): void {
    for (const override of list(action, 'fieldOverrides')) {
        const field = fieldNamed(target, text(override, 'field') ?? '', 'fieldOverrides');
        if (text(override, 'formula') !== undefined)
            throw new ComponentProblem(
                `fieldOverrides: a formula predefined value (${target.name}.${field.name}) is not supported by local-org`
            );
        const literal = text(override, 'literalValue');
        if (literal === undefined) continue;
        if (field.type !== 'picklist')
            throw new ComponentProblem(`fieldOverrides: literalValue is supported for picklists only (${field.name})`);
        if (!field.picklistValues?.some((v) => v.value === literal))
            throw new ComponentProblem(`fieldOverrides: ${literal} is no value of ${target.name}.${field.name}`);
    }
}

/** Checks a QuickAction before it is stored; `fullName` is `Object.Name` (object-specific) or `Name` (global). */
export function checkQuickAction(staging: Staging, fullName: string, xml: string): void {
    const action = (parseXml(xml).QuickAction ?? {}) as XmlNode;
    const type = text(action, 'type');
    if (type === 'Create') checkCreateAction(staging, fullName, action);
    if (type === 'Flow') checkFlowAction(staging, fullName, action);
}

function checkFlowAction(staging: Staging, fullName: string, action: XmlNode): void {
    const flowName = text(action, 'flowDefinition');
    if (!flowName) throw new ComponentProblem(`Quick action ${fullName}: a Flow action needs a flowDefinition`);
    const flow = readMetadata<StoredFlow>(staging.db, 'Flow', flowName);
    if (!flow) throw new ComponentProblem(`Quick action ${fullName}: the flow ${flowName} does not exist in this org`);
    if (!isScreenFlowXml(flow.xml))
        throw new ComponentProblem(`Quick action ${fullName}: the flow ${flowName} is not a screen flow`);
}

function checkCreateAction(staging: Staging, fullName: string, action: XmlNode): void {
    const parentName = fullName.includes('.') ? fullName.split('.')[0] : undefined;
    const parent = parentName ? objectNamed(staging, parentName, 'QuickAction') : undefined;
    const targetName = text(action, 'targetObject');
    if (!targetName) throw new ComponentProblem('Required field is missing: targetObject');
    const target = objectNamed(staging, targetName, 'targetObject');
    const parentField = text(action, 'targetParentField');
    if (parentField) checkParentField(target, parent, parentField);
    checkLayout(target, child(action, 'quickActionLayout'));
    checkFieldOverrides(target, action);
}
