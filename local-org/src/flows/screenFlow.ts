/**
 * Screen flows (processType `Flow`) → a definition local-org can run as an interview (interview.ts). The subset:
 * screens whose fields are Lightning web components (`ComponentInstance`) and display text, input/output variables
 * (text, number, currency, boolean, date, date/time and record variables, single or collections), assignments,
 * decisions, Get / Create / Update Records, loops, text templates, constants, fault connectors and Roll Back Records.
 * Anything else is refused at deploy, naming it, so an interview never half-runs here.
 *
 * Element shapes: Metadata API Developer Guide, "Flow" (FlowScreen, FlowScreenField with fieldType ComponentInstance
 * / DisplayText, extensionName, inputParameters, outputParameters with assignToReference, storeOutputAutomatically;
 * FlowRecordRollback as `recordRollbacks`; FlowVariable with isCollection, isInput, isOutput, objectType).
 */
import { ComponentProblem } from '../metadata/problem.ts';
import { child, flag, list, parseXml, text, type XmlNode } from '../metadata/xml.ts';
import {
    conditions,
    connector,
    fieldValues,
    flowValue,
    type FlowCondition,
    type FlowDecisionRule,
    type FlowFieldValue,
    type FlowValue
} from './definition.ts';

export type ScreenField =
    | {
          kind: 'component';
          name: string;
          /** `c:relateInteraction` as written; `component` is the bundle name. */
          extensionName: string;
          component: string;
          inputs: { name: string; value: FlowValue }[];
          outputs: { name: string; target: string }[];
      }
    | { kind: 'displayText'; name: string; text: string };

export interface Screen {
    kind: 'screen';
    name: string;
    label: string;
    fields: ScreenField[];
    allowBack: boolean;
    allowFinish: boolean;
    showHeader: boolean;
    showFooter: boolean;
    connector?: string;
}

export type ScreenFlowElement =
    | Screen
    | {
          kind: 'assignment';
          name: string;
          items: { target: string; operator: string; value: FlowValue }[];
          connector?: string;
      }
    | { kind: 'decision'; name: string; rules: FlowDecisionRule[]; defaultConnector?: string }
    | {
          /** Get Records: stored automatically under its name, or into a record (collection) variable. */
          kind: 'recordLookup';
          name: string;
          object: string;
          firstOnly: boolean;
          fields: string[];
          filters: FlowCondition[];
          outputReference?: string;
          connector?: string;
          faultConnector?: string;
      }
    | {
          /** Create Records from field values (its Id stored under its name) or from a record (collection) variable. */
          kind: 'recordCreate';
          name: string;
          object?: string;
          inputReference?: string;
          fields: FlowFieldValue[];
          assignRecordIdToReference?: string;
          connector?: string;
          faultConnector?: string;
      }
    | {
          kind: 'recordUpdate';
          name: string;
          inputReference?: string;
          object?: string;
          filters: FlowCondition[];
          fields: FlowFieldValue[];
          connector?: string;
          faultConnector?: string;
      }
    | {
          /** Loop over a collection: each item in `itemVariable`, or automatically under the loop's name. */
          kind: 'loop';
          name: string;
          collection: string;
          ascending: boolean;
          itemVariable?: string;
          next?: string;
          done?: string;
      }
    | { kind: 'rollback'; name: string; connector?: string };

export interface ScreenFlowVariable {
    name: string;
    dataType: string;
    objectType?: string;
    isCollection: boolean;
    isInput: boolean;
    isOutput: boolean;
    value?: FlowValue;
}

export interface ScreenFlowDefinition {
    apiName: string;
    label: string;
    active: boolean;
    start?: string;
    elements: Map<string, ScreenFlowElement>;
    variables: Map<string, ScreenFlowVariable>;
    constants: Map<string, FlowValue | undefined>;
    textTemplates: Map<string, string>;
}

/** Top-level Flow elements a screen flow may have here; any other is refused by name. */
const SUPPORTED = new Set([
    'apiVersion',
    'label',
    'description',
    'processType',
    'status',
    'start',
    'startElementReference',
    'assignments',
    'decisions',
    'recordCreates',
    'recordUpdates',
    'recordLookups',
    'recordRollbacks',
    'loops',
    'screens',
    'variables',
    'textTemplates',
    'constants',
    'interviewLabel',
    'processMetadataValues',
    'environments',
    'areMetricsLoggedToDataCloud',
    'runInMode',
    'isTemplate',
    'fullName'
]);

/** Variable data types local-org keeps; Picklist, Multipicklist and Apex-defined types are refused. */
export const VARIABLE_TYPES = new Set(['String', 'Number', 'Currency', 'Boolean', 'Date', 'DateTime', 'SObject']);

const SCREEN_KEYS = new Set([
    'name',
    'label',
    'locationX',
    'locationY',
    'fields',
    'allowBack',
    'allowFinish',
    'allowPause',
    'showFooter',
    'showHeader',
    'connector',
    'description',
    'processMetadataValues'
]);

const FIELD_KEYS = new Set([
    'name',
    'fieldType',
    'extensionName',
    'inputParameters',
    'outputParameters',
    'storeOutputAutomatically',
    'fieldText',
    'inputsOnNextNavToAssocScrn',
    'isRequired',
    'processMetadataValues'
]);

function refuse(what: string): never {
    throw new ComponentProblem(`${what} is not supported by local-org`);
}

function screenField(screen: string, node: XmlNode): ScreenField {
    const name = text(node, 'name') ?? '';
    const fieldType = text(node, 'fieldType') ?? '';
    const unknown = Object.keys(node).find((key) => !FIELD_KEYS.has(key));
    if (unknown) refuse(`Screen ${screen}, field ${name}: ${unknown}`);
    if (fieldType === 'DisplayText') return { kind: 'displayText', name, text: text(node, 'fieldText') ?? '' };
    if (fieldType !== 'ComponentInstance')
        refuse(`Screen ${screen}, field ${name}: the screen component type ${fieldType || '(none)'}`);
    if (flag(node, 'storeOutputAutomatically'))
        refuse(`Screen ${screen}, field ${name}: storing a component's outputs automatically`);
    const extensionName = text(node, 'extensionName') ?? '';
    const component = /^c:[a-zA-Z][a-zA-Z0-9_]*$/.test(extensionName) ? extensionName.slice(2) : undefined;
    if (!component)
        refuse(`Screen ${screen}, field ${name}: the component ${extensionName || '(none)'} (only c: components)`);
    return {
        kind: 'component',
        name,
        extensionName,
        component,
        inputs: list(node, 'inputParameters').map((p) => ({
            name: text(p, 'name') ?? '',
            value: flowValue(child(p, 'value')) ?? { literal: null }
        })),
        outputs: list(node, 'outputParameters').map((p) => ({
            name: text(p, 'name') ?? '',
            target: text(p, 'assignToReference') ?? ''
        }))
    };
}

function screen(node: XmlNode): Screen {
    const name = text(node, 'name') ?? '';
    const unknown = Object.keys(node).find((key) => !SCREEN_KEYS.has(key));
    if (unknown) refuse(`Screen ${name}: ${unknown}`);
    return {
        kind: 'screen',
        name,
        label: text(node, 'label') ?? name,
        fields: list(node, 'fields').map((f) => screenField(name, f)),
        allowBack: flag(node, 'allowBack', true),
        allowFinish: flag(node, 'allowFinish', true),
        showHeader: flag(node, 'showHeader', true),
        showFooter: flag(node, 'showFooter', true),
        connector: connector(node)
    };
}

function recordLookup(node: XmlNode): ScreenFlowElement {
    const name = text(node, 'name') ?? '';
    const automatic = flag(node, 'storeOutputAutomatically');
    const outputReference = text(node, 'outputReference');
    if (list(node, 'outputAssignments').length > 0) refuse(`Get Records ${name}: storing fields in separate variables`);
    if (!automatic && !outputReference) refuse(`Get Records ${name} without a place to store the records`);
    if (text(node, 'sortField')) refuse(`Get Records ${name}: sorting`);
    if ((text(node, 'filterLogic') ?? 'and') !== 'and')
        refuse(`Get Records ${name}: filter logic ${text(node, 'filterLogic')}`);
    const filters = conditions(node, 'filters');
    const other = filters.find((f) => !['EqualTo', 'NotEqualTo', 'IsNull'].includes(f.operator));
    if (other) refuse(`Get Records ${name}: operator ${other.operator}`);
    return {
        kind: 'recordLookup',
        name,
        object: text(node, 'object') ?? '',
        firstOnly: flag(node, 'getFirstRecordOnly'),
        fields: list(node, 'queriedFields').map(String),
        filters,
        ...(automatic ? {} : { outputReference }),
        connector: connector(node),
        faultConnector: connector(node, 'faultConnector')
    };
}

function parseElements(root: XmlNode): Map<string, ScreenFlowElement> {
    const elements = new Map<string, ScreenFlowElement>();
    const add = (element: ScreenFlowElement) => {
        if (elements.has(element.name)) throw new ComponentProblem(`Two elements are named ${element.name}`);
        elements.set(element.name, element);
    };
    for (const node of list(root, 'screens')) add(screen(node));
    for (const node of list(root, 'assignments'))
        add({
            kind: 'assignment',
            name: text(node, 'name') ?? '',
            items: list(node, 'assignmentItems').map((i) => ({
                target: text(i, 'assignToReference') ?? '',
                operator: text(i, 'operator') ?? 'Assign',
                value: flowValue(child(i, 'value')) ?? { literal: null }
            })),
            connector: connector(node)
        });
    for (const node of list(root, 'decisions'))
        add({
            kind: 'decision',
            name: text(node, 'name') ?? '',
            rules: list(node, 'rules').map((r) => ({
                name: text(r, 'name') ?? '',
                logic: text(r, 'conditionLogic') ?? 'and',
                conditions: conditions(r, 'conditions'),
                connector: connector(r)
            })),
            defaultConnector: connector(node, 'defaultConnector')
        });
    for (const node of list(root, 'recordLookups')) add(recordLookup(node));
    for (const node of list(root, 'recordCreates'))
        add({
            kind: 'recordCreate',
            name: text(node, 'name') ?? '',
            object: text(node, 'object'),
            inputReference: text(node, 'inputReference'),
            fields: fieldValues(node),
            assignRecordIdToReference: text(node, 'assignRecordIdToReference'),
            connector: connector(node),
            faultConnector: connector(node, 'faultConnector')
        });
    for (const node of list(root, 'recordUpdates'))
        add({
            kind: 'recordUpdate',
            name: text(node, 'name') ?? '',
            inputReference: text(node, 'inputReference'),
            object: text(node, 'object'),
            filters: conditions(node, 'filters'),
            fields: fieldValues(node),
            connector: connector(node),
            faultConnector: connector(node, 'faultConnector')
        });
    for (const node of list(root, 'loops'))
        add({
            kind: 'loop',
            name: text(node, 'name') ?? '',
            collection: text(node, 'collectionReference') ?? '',
            ascending: (text(node, 'iterationOrder') ?? 'Asc') === 'Asc',
            itemVariable: text(node, 'assignNextValueToReference'),
            next: connector(node, 'nextValueConnector'),
            done: connector(node, 'noMoreValuesConnector')
        });
    for (const node of list(root, 'recordRollbacks'))
        add({ kind: 'rollback', name: text(node, 'name') ?? '', connector: connector(node) });
    return elements;
}

function variable(node: XmlNode): ScreenFlowVariable {
    const name = text(node, 'name') ?? '';
    const dataType = text(node, 'dataType') ?? 'String';
    if (!VARIABLE_TYPES.has(dataType)) refuse(`Variable ${name}: the data type ${dataType}`);
    if (dataType === 'SObject' && !text(node, 'objectType'))
        throw new ComponentProblem(`Variable ${name}: a record variable needs an objectType`);
    return {
        name,
        dataType,
        objectType: text(node, 'objectType'),
        isCollection: flag(node, 'isCollection'),
        isInput: flag(node, 'isInput'),
        isOutput: flag(node, 'isOutput'),
        value: flowValue(child(node, 'value'))
    };
}

export function isScreenFlowXml(xml: string): boolean {
    const root = parseXml(xml).Flow as XmlNode | undefined;
    return text(root, 'processType') === 'Flow';
}

export function parseScreenFlow(apiName: string, xml: string): ScreenFlowDefinition {
    const root = parseXml(xml).Flow as XmlNode | undefined;
    if (!root) throw new ComponentProblem('The file is not a Flow');
    const unsupported = Object.keys(root).filter((key) => !SUPPORTED.has(key));
    if (unsupported.length > 0)
        throw new ComponentProblem(
            `In a screen flow, the element ${unsupported.join(', ')} is not supported by local-org (it runs screens with components and display text, assignments, decisions, loops, Get, Create and Update Records, Roll Back Records, variables, constants and text templates)`
        );
    const runInMode = text(root, 'runInMode') ?? 'DefaultMode';
    // A screen flow launched from a quick action runs in user context in DefaultMode; system context is not modelled.
    if (runInMode !== 'DefaultMode') refuse(`Running a screen flow in ${runInMode}`);
    const start = child(root, 'start');
    if (start && (text(start, 'triggerType') || text(start, 'object')))
        throw new ComponentProblem('A screen flow (processType Flow) has no trigger');
    const variables = new Map(list(root, 'variables').map((v) => [text(v, 'name') ?? '', variable(v)]));
    return {
        apiName,
        label: text(root, 'label') ?? apiName,
        active: text(root, 'status') === 'Active',
        start: (start ? connector(start) : undefined) ?? text(root, 'startElementReference'),
        elements: parseElements(root),
        variables,
        constants: new Map(list(root, 'constants').map((c) => [text(c, 'name') ?? '', flowValue(child(c, 'value'))])),
        textTemplates: new Map(list(root, 'textTemplates').map((t) => [text(t, 'name') ?? '', text(t, 'text') ?? '']))
    };
}
