/**
 * A CustomObject's own settings (not its fields and other children): each one local-org reads is applied
 * (objects.ts, history.ts); each setting it does not apply is refused by name, unless its value is what local-org does
 * anyway or it only opens an API local-org refuses by name wherever it is called. Nothing is stored and ignored.
 */
import { ComponentProblem } from './problem.ts';
import { text, type XmlNode } from './xml.ts';

/** Children deployed as components of their own (deploy.ts, OBJECT_CHILDREN). */
const CHILD_ELEMENTS = new Set([
    'fields',
    'businessProcesses',
    'recordTypes',
    'validationRules',
    'listViews',
    'compactLayouts',
    'webLinks',
    'fieldSets'
]);

/**
 * Applied by objects.ts and history.ts (actionOverrides and deploymentStatus are checked there too);
 * compactLayoutAssignment by rest/layouts.ts (the primary compact layout); searchLayouts by searchLayouts.ts, which
 * refuses the elements it does not apply.
 */
const APPLIED = new Set([
    'sharingModel',
    'enableHistory',
    'actionOverrides',
    'deploymentStatus',
    'compactLayoutAssignment',
    'searchLayouts'
]);

/** Applied to custom objects only: a standard object keeps its names. */
const APPLIED_TO_CUSTOM = new Set(['label', 'pluralLabel', 'nameField']);

/** The admin's own notes: no behaviour on Salesforce either. */
const DOCUMENTATION = new Set(['description']);

/**
 * Settings that only open an API local-org refuses by name wherever it is called (Reports and Analytics, Chatter,
 * search, Streaming API, external users of Experience Cloud): any value behaves the same here.
 */
const GATES_OF_REFUSED_APIS = new Set([
    'enableReports',
    'enableFeeds',
    'allowInChatterGroups',
    'enableSearch',
    'enableStreamingApi',
    'externalSharingModel'
]);

/** Settings accepted at the one value that is local-org's behaviour. */
const FIXED_VALUES: Record<string, { value: string; behaviour: string }> = {
    // Task.WhatId and Event.WhatId point to the catalogue's objects only.
    enableActivities: { value: 'false', behaviour: 'tasks cannot relate to its records' },
    enableBulkApi: { value: 'true', behaviour: 'Bulk API works on every object' },
    enableSharing: { value: 'true', behaviour: 'no object opts out of sharing' },
    visibility: { value: 'Public', behaviour: 'it has no managed packages' }
};

export function refuseUnappliedSettings(objectName: string, node: XmlNode): void {
    const custom = objectName.endsWith('__c');
    for (const key of Object.keys(node)) {
        if (CHILD_ELEMENTS.has(key) || APPLIED.has(key) || DOCUMENTATION.has(key) || GATES_OF_REFUSED_APIS.has(key))
            continue;
        if (APPLIED_TO_CUSTOM.has(key) && custom) continue;
        const fixed = FIXED_VALUES[key];
        const value = text(node, key);
        if (fixed && value === fixed.value) continue;
        throw new ComponentProblem(
            fixed
                ? `CustomObject.${key} = ${value} (${objectName}) is not supported by local-org (it behaves as ${fixed.value}: ${fixed.behaviour})`
                : `CustomObject.${key} (${objectName}) is not supported by local-org`
        );
    }
}
