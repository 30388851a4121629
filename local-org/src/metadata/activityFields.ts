/**
 * Activity custom fields. On Salesforce, tasks and events share their custom fields: an admin defines them once on
 * the Activity object (Setup, Object Manager, Activity; `objects/Activity/fields/X__c.field-meta.xml`, CustomField
 * `Activity.X__c` in the Metadata API) and each one is then a field of Task and of Event, `Task.X__c` and
 * `Event.X__c` on every data API. Activity itself is no sObject: it cannot be queried or written.
 *
 * What an Activity field cannot be, refused by name at deploy:
 * - the detail side of a master-detail relationship (tasks and events are owned or related through WhoId/WhatId,
 *   never children in a master-detail; Object Reference "LookedUpFromActivity" lists only lookups *from* an activity);
 * - the target of a lookup from any object (no object can look up to a task or an event);
 * - a Long Text Area or Rich Text Area, and more than 100 of them: "Limit to 100 custom fields", "Lack of support
 *   for custom LONG TEXT fields" (blog.truly.co, "Why Salesforce limits activities to 100 custom fields", 2020; the
 *   Salesforce Help pages that state it, "Custom Fields Allowed Per Object" and "Activity Custom Fields", were not
 *   found quoting the activity figure, so this rests on that source);
 * - a roll-up summary (activities are never the master of a master-detail).
 * A custom field on Task or Event alone does not exist on Salesforce, so `objects/Task/fields/X__c` is refused too.
 * local-org has no Event object (its catalogue holds Task only): Activity fields land on Task, and on Event when the
 * catalogue has it.
 */
import type { FieldDef, ObjectDef } from '../schema.ts';
import { ComponentProblem } from './problem.ts';

export const ACTIVITY = 'Activity';

/** The objects an Activity custom field lands on. */
const ACTIVITY_OBJECTS = ['Task', 'Event'];

/** Activities (tasks and events together) have 100 custom fields (see the sources above). */
export const MAX_ACTIVITY_CUSTOM_FIELDS = 100;

const NOT_ON_ACTIVITIES = new Set(['MasterDetail', 'LongTextArea', 'Html', 'Summary']);

export function isActivity(objectName: string): boolean {
    return objectName.toLowerCase() === ACTIVITY.toLowerCase();
}

export function isActivityObject(objectName: string): boolean {
    return ACTIVITY_OBJECTS.some((name) => name.toLowerCase() === objectName.toLowerCase());
}

/** Task (and Event when present) in the staged schema. */
export function activityObjects(objects: Map<string, ObjectDef>): ObjectDef[] {
    return ACTIVITY_OBJECTS.flatMap((name) => objects.get(name.toLowerCase()) ?? []);
}

/** A field type an Activity field cannot have, refused before anything is built. */
export function checkActivityFieldType(type: string | undefined, fieldName: string): void {
    if (type && NOT_ON_ACTIVITIES.has(type))
        throw new ComponentProblem(`Activity custom fields cannot be of type ${type} (Activity.${fieldName})`);
}

/** A custom field named on Task or Event rather than on Activity. */
export function refuseOwnActivityField(objectName: string, fieldName: string): void {
    throw new ComponentProblem(
        `Custom fields of ${objectName} are Activity custom fields, shared by Task and Event: define ${objectName}.${fieldName} as Activity.${fieldName} (objects/Activity/fields)`
    );
}

/** A lookup to a task, an event or Activity, from any object. */
export function refuseLookupToActivity(field: FieldDef, objectName: string): void {
    const target = field.referenceTo?.[0] ?? '';
    if (isActivity(target) || isActivityObject(target))
        throw new ComponentProblem(
            `A lookup cannot point to ${target} (${objectName}.${field.name}): tasks and events are not lookup targets`
        );
}

/** The org's Activity custom fields once the new one is added (Task holds every one of them). */
export function checkActivityFieldLimit(objects: Map<string, ObjectDef>, fieldName: string): void {
    const task = objects.get('task');
    const count = task?.fields.filter((f) => f.activity && f.name.toLowerCase() !== fieldName.toLowerCase()).length;
    if ((count ?? 0) + 1 > MAX_ACTIVITY_CUSTOM_FIELDS)
        throw new ComponentProblem(
            `You have reached the maximum number of ${MAX_ACTIVITY_CUSTOM_FIELDS} custom fields on Activity (Activity.${fieldName})`
        );
}
