/**
 * Record-triggered Flow metadata → a definition local-org can run: the trigger, and the elements it supports
 * (assignments, decisions, record creates and updates, formulas, variables, text templates). Any other element
 * is refused at deploy, naming it, so a flow never half-runs here.
 */
import { ComponentProblem } from '../metadata/problem.ts';
import { child, flag, list, parseXml, text, type XmlNode } from '../metadata/xml.ts';

export type TriggerType = 'RecordBeforeSave' | 'RecordAfterSave';
export type RecordTriggerType = 'Create' | 'Update' | 'CreateAndUpdate';

/** A flow value: a literal, or a reference to `$Record.Field`, a variable, a formula or an element's output. */
export type FlowValue = { literal: string | number | boolean | null } | { reference: string };

export interface FlowCondition {
    left: string;
    operator: string;
    right: FlowValue | undefined;
}

export interface FlowDecisionRule {
    name: string;
    logic: string;
    conditions: FlowCondition[];
    connector?: string;
}

export interface FlowFieldValue {
    field: string;
    value: FlowValue;
}

export type FlowElement =
    | {
          kind: 'assignment';
          name: string;
          items: { target: string; operator: string; value: FlowValue }[];
          connector?: string;
      }
    | { kind: 'decision'; name: string; rules: FlowDecisionRule[]; defaultConnector?: string }
    | {
          kind: 'recordCreate';
          name: string;
          object: string;
          fields: FlowFieldValue[];
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
          /** Get Records, kept automatically under the element's name: the first match, or all of them. */
          kind: 'recordLookup';
          name: string;
          object: string;
          firstOnly: boolean;
          /** queriedFields: every field is read, but a field that does not exist fails the deploy, as on Salesforce. */
          fields: string[];
          filters: FlowCondition[];
          connector?: string;
          faultConnector?: string;
      }
    | {
          /** Loop over a Get Records collection: each item under the loop's name, then the "after last" path. */
          kind: 'loop';
          name: string;
          collection: string;
          ascending: boolean;
          next?: string;
          done?: string;
      }
    | {
          /** Custom Error: fails the save with these messages, as a validation rule would. */
          kind: 'customError';
          name: string;
          messages: { message: string; field?: string }[];
      };

export interface FlowDefinition {
    apiName: string;
    label: string;
    active: boolean;
    object: string;
    triggerType: TriggerType;
    recordTriggerType: RecordTriggerType;
    entry: { logic: string; conditions: FlowCondition[]; formula?: string; requireChange: boolean };
    start?: string;
    elements: Map<string, FlowElement>;
    formulas: Map<string, { dataType: string; expression: string }>;
    textTemplates: Map<string, string>;
    variables: Map<string, { dataType: string; value: FlowValue | undefined }>;
}

const SUPPORTED = new Set([
    'apiVersion',
    'label',
    'description',
    'processType',
    'status',
    'start',
    'assignments',
    'decisions',
    'recordCreates',
    'recordUpdates',
    'recordLookups',
    'customErrors',
    'loops',
    'formulas',
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

const TRIGGER_TYPES: TriggerType[] = ['RecordBeforeSave', 'RecordAfterSave'];
const RECORD_TRIGGER_TYPES: RecordTriggerType[] = ['Create', 'Update', 'CreateAndUpdate'];

export function flowValue(node: XmlNode | undefined): FlowValue | undefined {
    if (!node) return undefined;
    const reference = text(node, 'elementReference');
    if (reference !== undefined) return { reference };
    if (text(node, 'stringValue') !== undefined || 'stringValue' in node)
        return { literal: text(node, 'stringValue') ?? '' };
    if (text(node, 'booleanValue') !== undefined) return { literal: text(node, 'booleanValue') === 'true' };
    if (text(node, 'numberValue') !== undefined) return { literal: Number(text(node, 'numberValue')) };
    if (text(node, 'dateValue') !== undefined) return { literal: text(node, 'dateValue')! };
    if (text(node, 'dateTimeValue') !== undefined) return { literal: text(node, 'dateTimeValue')! };
    return { literal: null };
}

export function connector(node: XmlNode, key = 'connector'): string | undefined {
    return text(child(node, key), 'targetReference');
}

export function conditions(node: XmlNode, key: string): FlowCondition[] {
    return list(node, key).map((c) => ({
        left: text(c, 'leftValueReference') ?? text(c, 'field') ?? '',
        operator: text(c, 'operator') ?? '',
        right: flowValue(child(c, 'rightValue') ?? child(c, 'value'))
    }));
}

export function fieldValues(node: XmlNode): FlowFieldValue[] {
    return list(node, 'inputAssignments').map((a) => ({
        field: text(a, 'field') ?? '',
        value: flowValue(child(a, 'value')) ?? { literal: null }
    }));
}

function parseElements(root: XmlNode): Map<string, FlowElement> {
    const elements = new Map<string, FlowElement>();
    const add = (element: FlowElement) => elements.set(element.name, element);
    for (const node of list(root, 'assignments')) {
        const items = list(node, 'assignmentItems').map((i) => ({
            target: text(i, 'assignToReference') ?? '',
            operator: text(i, 'operator') ?? 'Assign',
            value: flowValue(child(i, 'value')) ?? { literal: null }
        }));
        add({ kind: 'assignment', name: text(node, 'name') ?? '', items, connector: connector(node) });
    }
    for (const node of list(root, 'decisions')) {
        const rules = list(node, 'rules').map((r) => ({
            name: text(r, 'name') ?? '',
            logic: text(r, 'conditionLogic') ?? 'and',
            conditions: conditions(r, 'conditions'),
            connector: connector(r)
        }));
        add({
            kind: 'decision',
            name: text(node, 'name') ?? '',
            rules,
            defaultConnector: connector(node, 'defaultConnector')
        });
    }
    for (const node of list(root, 'recordCreates')) {
        if (text(node, 'inputReference'))
            throw new ComponentProblem(
                `Record create ${text(node, 'name')}: creating from a record variable is not supported by local-org; use field assignments`
            );
        add({
            kind: 'recordCreate',
            name: text(node, 'name') ?? '',
            object: text(node, 'object') ?? '',
            fields: fieldValues(node),
            connector: connector(node),
            faultConnector: connector(node, 'faultConnector')
        });
    }
    for (const node of list(root, 'recordUpdates')) {
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
    }
    for (const node of list(root, 'recordLookups')) add(recordLookup(node));
    for (const node of list(root, 'loops')) add(loop(node));
    for (const node of list(root, 'customErrors')) {
        const messages = list(node, 'customErrorMessages').map((m) => ({
            message: text(m, 'errorMessage') ?? '',
            field: flag(m, 'isFieldError') ? text(m, 'fieldSelection') : undefined
        }));
        // "The error message can have up to 255 characters" (Salesforce Help, "Custom Error Element").
        const tooLong = messages.find((m) => m.message.length > 255);
        if (tooLong)
            throw new ComponentProblem(`Custom Error ${text(node, 'name')}: the error message is over 255 characters`);
        if (messages.length !== 1)
            throw new ComponentProblem(
                `Custom Error ${text(node, 'name')}: local-org shows exactly one message per Custom Error element`
            );
        add({ kind: 'customError', name: text(node, 'name') ?? '', messages });
    }
    return elements;
}

/** A Loop element over a collection an element stored automatically (a Get Records of all records). */
function loop(node: XmlNode): FlowElement {
    const name = text(node, 'name') ?? '';
    if (text(node, 'assignNextValueToReference'))
        throw new ComponentProblem(`Loop ${name}: a loop variable of your own is not supported by local-org`);
    return {
        kind: 'loop',
        name,
        collection: text(node, 'collectionReference') ?? '',
        ascending: (text(node, 'iterationOrder') ?? 'Asc') === 'Asc',
        next: connector(node, 'nextValueConnector'),
        done: connector(node, 'noMoreValuesConnector')
    };
}

/** Operators local-org's Get Records filters on (equality and null checks); others are refused at deploy. */
const LOOKUP_OPERATORS = new Set(['EqualTo', 'NotEqualTo', 'IsNull']);

/**
 * Get Records as local-org runs it: the first record or all of them (in Id order), stored automatically (all
 * fields), filters joined by AND. Sorting, custom filter logic and output variables are refused by name.
 */
function recordLookup(node: XmlNode): FlowElement {
    const name = text(node, 'name') ?? '';
    const refuse = (what: string) => {
        throw new ComponentProblem(`Get Records ${name}: ${what} is not supported by local-org`);
    };
    if (text(node, 'storeOutputAutomatically') !== 'true') refuse('storing the record in variables');
    if (text(node, 'sortField')) refuse('sorting');
    if ((text(node, 'filterLogic') ?? 'and') !== 'and') refuse(`filter logic ${text(node, 'filterLogic')}`);
    const filters = conditions(node, 'filters');
    for (const filter of filters) if (!LOOKUP_OPERATORS.has(filter.operator)) refuse(`operator ${filter.operator}`);
    return {
        kind: 'recordLookup',
        name,
        object: text(node, 'object') ?? '',
        firstOnly: text(node, 'getFirstRecordOnly') === 'true',
        fields: list(node, 'queriedFields').map(String),
        filters,
        connector: connector(node),
        faultConnector: connector(node, 'faultConnector')
    };
}

export function parseFlow(apiName: string, xml: string): FlowDefinition {
    const root = parseXml(xml).Flow as XmlNode | undefined;
    if (!root) throw new ComponentProblem('The file is not a Flow');
    const unsupported = Object.keys(root).filter((key) => !SUPPORTED.has(key));
    if (unsupported.length > 0)
        throw new ComponentProblem(
            `Flow element ${unsupported.join(', ')} is not supported by local-org (it runs record-triggered flows with assignments, decisions, Get Records, record creates and updates, Custom Error, formulas and variables)`
        );
    const start = child(root, 'start');
    const triggerType = text(start, 'triggerType') as TriggerType | undefined;
    const recordTriggerType = text(start, 'recordTriggerType') as RecordTriggerType | undefined;
    if (text(root, 'processType') !== 'AutoLaunchedFlow' || !triggerType || !TRIGGER_TYPES.includes(triggerType)) {
        throw new ComponentProblem(
            `Only record-triggered flows (before or after save) are supported by local-org; ${apiName} is ${triggerType ?? text(root, 'processType') ?? 'of no known type'}`
        );
    }
    if (!recordTriggerType || !RECORD_TRIGGER_TYPES.includes(recordTriggerType))
        throw new ComponentProblem(
            `Record trigger type ${recordTriggerType ?? '(none)'} is not supported by local-org`
        );
    if (list(start, 'scheduledPaths').length > 0)
        throw new ComponentProblem('Scheduled paths are not supported by local-org');
    const definition: FlowDefinition = {
        apiName,
        label: text(root, 'label') ?? apiName,
        active: text(root, 'status') === 'Active',
        object: text(start, 'object') ?? '',
        triggerType,
        recordTriggerType,
        entry: {
            logic: text(start, 'filterLogic') ?? 'and',
            conditions: conditions(start!, 'filters'),
            formula: text(start, 'filterFormula'),
            requireChange: flag(start, 'doesRequireRecordChangedToMeetCriteria')
        },
        start: connector(start!),
        elements: parseElements(root),
        formulas: new Map(
            list(root, 'formulas').map((f) => [
                text(f, 'name') ?? '',
                { dataType: text(f, 'dataType') ?? 'String', expression: text(f, 'expression') ?? '' }
            ])
        ),
        textTemplates: new Map(list(root, 'textTemplates').map((t) => [text(t, 'name') ?? '', text(t, 'text') ?? ''])),
        variables: new Map(
            [...list(root, 'variables'), ...list(root, 'constants')].map((v) => [
                text(v, 'name') ?? '',
                { dataType: text(v, 'dataType') ?? 'String', value: flowValue(child(v, 'value')) }
            ])
        )
    };
    if (
        triggerType === 'RecordBeforeSave' &&
        [...definition.elements.values()].some(
            (e) => e.kind === 'recordCreate' || (e.kind === 'recordUpdate' && e.inputReference !== '$Record')
        )
    ) {
        throw new ComponentProblem(
            'A before-save flow can only change the triggering record ($Record); create or update other records in an after-save flow'
        );
    }
    return definition;
}
