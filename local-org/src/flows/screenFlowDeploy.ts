/**
 * Deploy-time checks of a screen flow against the org being deployed: every connector, reference and field names
 * something that exists, record variables name real objects, and each screen component is a deployed Lightning web
 * component for flow screens whose properties take the parameters the screen gives it (LWC Developer Guide,
 * "Configure a Component for Flow Screens": the `lightning__FlowScreen` target; a property with role `inputOnly`
 * takes no output, `outputOnly` no input).
 */
import { XMLParser } from 'fast-xml-parser';
import { stagedObject, type Staging } from '../metadata/objects.ts';
import { ComponentProblem } from '../metadata/problem.ts';
import { readMetadata } from '../metadata/stored.ts';
import type { FlowValue } from './definition.ts';
import type { ScreenField, ScreenFlowDefinition, ScreenFlowElement } from './screenFlow.ts';

const metaParser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '',
    removeNSPrefix: true,
    parseTagValue: false,
    isArray: (name) => ['targetConfig', 'property', 'target'].includes(name)
});

/** `$Flow` globals the interview fills in. */
const FLOW_GLOBALS = new Set(['FaultMessage', 'CurrentDate', 'CurrentDateTime', 'InterviewGuid']);

const OPERATORS = new Set([
    'EqualTo',
    'NotEqualTo',
    'GreaterThan',
    'GreaterThanOrEqualTo',
    'LessThan',
    'LessThanOrEqualTo',
    'StartsWith',
    'EndsWith',
    'Contains',
    'IsNull',
    'IsBlank',
    'IsEmpty'
]);
const ASSIGNMENT_OPERATORS = new Set(['Assign', 'Add', 'Subtract']);

/** `{!name}` merge fields of a text. */
export function mergeReferences(textValue: string): string[] {
    return [...textValue.matchAll(/\{!([^}]+)\}/g)].map((m) => m[1].trim());
}

interface Checker {
    staging: Staging;
    definition: ScreenFlowDefinition;
}

function checkReference({ staging, definition }: Checker, reference: string, where: string): void {
    const [head, ...path] = reference.split('.');
    const problem = () => new ComponentProblem(`${where}: the flow references ${reference}, which it does not define`);
    if (head === '$Flow') {
        if (path.length !== 1 || !FLOW_GLOBALS.has(path[0])) throw problem();
        return;
    }
    if (head === '$GlobalConstant') {
        if (!['True', 'False', 'EmptyString'].includes(path[0] ?? '')) throw problem();
        return;
    }
    if (head === '$User') {
        if (path.length !== 1 || !stagedObject(staging, 'User').fields.some((f) => f.name === path[0])) throw problem();
        return;
    }
    if (head === '$Label') {
        if (path.length !== 1 || !readMetadata(staging.db, 'CustomLabel', path[0])) throw problem();
        return;
    }
    const variable = definition.variables.get(head);
    if (variable) {
        if (path.length === 0) return;
        if (variable.dataType !== 'SObject' || variable.isCollection || path.length > 1) throw problem();
        checkFields(staging, variable.objectType!, path, where);
        return;
    }
    if (definition.constants.has(head) || definition.textTemplates.has(head)) {
        if (path.length > 0) throw problem();
        return;
    }
    const element = definition.elements.get(head);
    if (!element) throw problem();
    const object = recordObjectOf(definition, element);
    if (path.length === 0) return;
    if (!object || path.length > 1) throw problem();
    checkFields(staging, object, path, where);
}

/** The object of the single record an element stands for (a Get Records' first record, a loop's current item). */
function recordObjectOf(definition: ScreenFlowDefinition, element: ScreenFlowElement): string | undefined {
    if (element.kind === 'recordLookup' && element.firstOnly && !element.outputReference) return element.object;
    if (element.kind === 'loop' && !element.itemVariable) {
        const source = definition.elements.get(element.collection);
        if (source?.kind === 'recordLookup') return source.object;
        const variable = definition.variables.get(element.collection);
        return variable?.dataType === 'SObject' ? variable.objectType : undefined;
    }
    return undefined;
}

function checkFields(staging: Staging, objectName: string, fields: string[], where: string): void {
    const object = stagedObject(staging, objectName);
    for (const field of fields)
        if (!object.fields.some((f) => f.name.toLowerCase() === field.toLowerCase()))
            throw new ComponentProblem(`${where}: the field ${field} does not exist on ${object.name}`);
}

function checkValue(checker: Checker, value: FlowValue | undefined, where: string): void {
    if (value && 'reference' in value) checkReference(checker, value.reference, where);
}

function checkText(checker: Checker, textValue: string, where: string): void {
    for (const reference of mergeReferences(textValue)) checkReference(checker, reference, where);
}

/** A variable an element writes to: it must be a variable, not a constant or an element. */
function checkTarget(checker: Checker, target: string, where: string): void {
    const [head, ...path] = target.split('.');
    if (!checker.definition.variables.has(head))
        throw new ComponentProblem(`${where}: ${target} is not a variable of the flow`);
    checkReference(checker, target, where);
    if (path.length > 1) throw new ComponentProblem(`${where}: ${target} is not a variable of the flow`);
}

/** A record (collection) variable, or the record(s) a Get Records stored automatically: their object. */
function recordVariableObject(checker: Checker, reference: string, where: string): string {
    const variable = checker.definition.variables.get(reference);
    if (variable?.dataType === 'SObject') return variable.objectType!;
    const element = checker.definition.elements.get(reference);
    if (element?.kind === 'recordLookup' && !element.outputReference) return element.object;
    throw new ComponentProblem(`${where}: ${reference} is not a record variable of the flow`);
}

/** The lightning__FlowScreen properties of a deployed bundle, by name, with their role. */
function flowScreenProperties(staging: Staging, component: string, where: string): Map<string, string> {
    const files = readMetadata<Record<string, string>>(staging.db, 'LightningComponentBundle', component);
    const metaXml = files?.[`${component}.js-meta.xml`];
    if (!metaXml) throw new ComponentProblem(`${where}: the component c:${component} does not exist in this org`);
    type Property = { name?: string; role?: string };
    type Config = { targets?: string; property?: Property[] };
    const bundle = (metaParser.parse(metaXml) as Record<string, Record<string, unknown> | undefined>)
        .LightningComponentBundle;
    const targets = ((bundle?.targets as { target?: string[] } | undefined)?.target ?? []).map(String);
    if (!targets.includes('lightning__FlowScreen') || String(bundle?.isExposed) !== 'true')
        throw new ComponentProblem(
            `${where}: the component c:${component} is not available for flow screens (an exposed component with the lightning__FlowScreen target)`
        );
    const configs = ((bundle?.targetConfigs as { targetConfig?: Config[] } | undefined)?.targetConfig ?? []).filter(
        (c) => (c.targets ?? '').split(',').some((t) => t.trim() === 'lightning__FlowScreen')
    );
    return new Map(configs.flatMap((c) => (c.property ?? []).map((p) => [String(p.name), p.role ?? ''])));
}

function checkScreenField(checker: Checker, screen: string, field: ScreenField): void {
    const where = `Screen ${screen}, field ${field.name}`;
    if (field.kind === 'displayText') return checkText(checker, field.text, where);
    const properties = flowScreenProperties(checker.staging, field.component, where);
    for (const input of field.inputs) {
        const role = properties.get(input.name);
        if (role === undefined || role === 'outputOnly')
            throw new ComponentProblem(`${where}: c:${field.component} has no input property ${input.name}`);
        checkValue(checker, input.value, where);
    }
    for (const output of field.outputs) {
        const role = properties.get(output.name);
        if (role === undefined || role === 'inputOnly')
            throw new ComponentProblem(`${where}: c:${field.component} has no output property ${output.name}`);
        checkTarget(checker, output.target, where);
    }
}

function connectorsOf(element: ScreenFlowElement): (string | undefined)[] {
    switch (element.kind) {
        case 'decision':
            return [...element.rules.map((r) => r.connector), element.defaultConnector];
        case 'loop':
            return [element.next, element.done];
        case 'recordLookup':
        case 'recordCreate':
        case 'recordUpdate':
            return [element.connector, element.faultConnector];
        default:
            return [element.connector];
    }
}

function checkElement(checker: Checker, element: ScreenFlowElement): void {
    const { staging, definition } = checker;
    const where = element.name;
    switch (element.kind) {
        case 'screen':
            for (const field of element.fields) checkScreenField(checker, element.name, field);
            return;
        case 'assignment':
            for (const item of element.items) {
                if (!ASSIGNMENT_OPERATORS.has(item.operator))
                    throw new ComponentProblem(
                        `${where}: the assignment operator ${item.operator} is not supported by local-org`
                    );
                checkTarget(checker, item.target, where);
                checkValue(checker, item.value, where);
            }
            return;
        case 'decision':
            for (const condition of element.rules.flatMap((r) => r.conditions)) {
                if (!OPERATORS.has(condition.operator))
                    throw new ComponentProblem(
                        `${where}: the operator ${condition.operator} is not supported by local-org`
                    );
                checkReference(checker, condition.left, where);
                checkValue(checker, condition.right, where);
            }
            return;
        case 'recordLookup':
            checkFields(staging, element.object, [...element.fields, ...element.filters.map((f) => f.left)], where);
            for (const filter of element.filters) checkValue(checker, filter.right, where);
            if (element.outputReference) {
                const object = recordVariableObject(checker, element.outputReference, where);
                const variable = definition.variables.get(element.outputReference)!;
                if (
                    object.toLowerCase() !== element.object.toLowerCase() ||
                    variable.isCollection === element.firstOnly
                )
                    throw new ComponentProblem(`${where}: ${element.outputReference} cannot hold what it gets`);
            }
            return;
        case 'recordCreate':
            if (element.inputReference) {
                if (element.fields.length > 0 || element.object)
                    throw new ComponentProblem(`${where}: either a record variable or an object with field values`);
                recordVariableObject(checker, element.inputReference, where);
                return;
            }
            checkFields(
                staging,
                element.object ?? '',
                element.fields.map((f) => f.field),
                where
            );
            for (const field of element.fields) checkValue(checker, field.value, where);
            if (element.assignRecordIdToReference) checkTarget(checker, element.assignRecordIdToReference, where);
            return;
        case 'recordUpdate': {
            const object = element.inputReference
                ? recordVariableObject(checker, element.inputReference, where)
                : (element.object ?? '');
            if (element.inputReference && element.filters.length > 0)
                throw new ComponentProblem(`${where}: filters apply to an object, not to a record variable`);
            checkFields(
                staging,
                object,
                [...element.fields.map((f) => f.field), ...element.filters.map((f) => f.left)],
                where
            );
            for (const value of [...element.fields.map((f) => f.value), ...element.filters.map((f) => f.right)])
                checkValue(checker, value, where);
            return;
        }
        case 'loop': {
            const source = definition.elements.get(element.collection);
            const variable = definition.variables.get(element.collection);
            const isCollection =
                variable?.isCollection ||
                (source?.kind === 'recordLookup' && !source.firstOnly && !source.outputReference);
            if (!isCollection) throw new ComponentProblem(`${where}: ${element.collection} is not a collection`);
            if (element.itemVariable) checkTarget(checker, element.itemVariable, where);
            return;
        }
        case 'rollback':
            return;
    }
}

export function checkScreenFlow(staging: Staging, definition: ScreenFlowDefinition): void {
    const checker = { staging, definition };
    for (const variable of definition.variables.values()) {
        if (variable.objectType) stagedObject(staging, variable.objectType);
        checkValue(checker, variable.value, `Variable ${variable.name}`);
    }
    for (const template of definition.textTemplates.entries()) checkText(checker, template[1], template[0]);
    if (!definition.start) throw new ComponentProblem('The flow has no start element');
    for (const target of [definition.start, ...[...definition.elements.values()].flatMap(connectorsOf)])
        if (target !== undefined && !definition.elements.has(target))
            throw new ComponentProblem(`A connector points to ${target}, which does not exist`);
    for (const element of definition.elements.values()) checkElement(checker, element);
}
