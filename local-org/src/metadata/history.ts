/**
 * Field history tracking at deploy: CustomObject.enableHistory and CustomField.trackHistory, on custom fields and on
 * standard ones. In source format a standard field's tracking is a field file of its own (objects/Case/fields/
 * Status.field-meta.xml: `<fullName>Status</fullName><trackHistory>true</trackHistory>`), as a retrieve writes it.
 *
 * Rules (Salesforce Help, "Track Object Field History" and "Field History Tracking"): up to 20 standard and custom
 * fields per object; formula, roll-up summary and auto-number fields, Created By and Last Modified By cannot be
 * tracked. Case history is always on; other objects track only with history enabled on the object.
 */
import {
    historyEnabled,
    historyObjectFor,
    historyObjectName,
    historySwitchable,
    untrackableReason
} from '../history.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { createObjectTable } from '../store.ts';
import type { Applied, Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { flag, text, type XmlNode } from './xml.ts';

/** "You can select up to 20 standard and custom fields per object" (Salesforce Help, "Track Object Field History"). */
export const MAX_TRACKED_FIELDS = 20;

/** Elements of a standard field's file local-org applies (`type` only repeats what the field is). */
const STANDARD_FIELD_ELEMENTS = ['fullName', 'trackHistory', 'trackFeedHistory', 'trackTrending', 'type'];

/** CustomObject.enableHistory: turns history on for the object and makes its history object. */
export function applyEnableHistory(staging: Staging, object: ObjectDef, node: XmlNode): void {
    const value = text(node, 'enableHistory');
    if (value === undefined) return;
    const enable = value === 'true';
    if (!historySwitchable(object)) {
        if (enable === historyEnabled(object)) return;
        throw new ComponentProblem(
            historyObjectName(object)
                ? `CustomObject.enableHistory = ${value} (${object.name}): ${object.name} history is always on`
                : `CustomObject.enableHistory = ${value} (${object.name}) is not supported by local-org: it keeps no field history for ${object.name}`
        );
    }
    if (!enable) {
        const tracked = object.fields.filter((f) => f.trackHistory).map((f) => f.name);
        if (tracked.length > 0)
            throw new ComponentProblem(
                `CustomObject.enableHistory = false (${object.name}) while fields still track history: ${tracked.join(', ')}. Set trackHistory to false on them first.`
            );
    }
    object.enableHistory = enable;
    if (enable) ensureHistoryObject(staging, object);
}

function ensureHistoryObject(staging: Staging, object: ObjectDef): void {
    const history = historyObjectFor(object);
    const existing = staging.objects.get(history.name.toLowerCase());
    if (!existing) createObjectTable(staging.db, history);
    staging.objects.set(history.name.toLowerCase(), history);
}

/** trackFeedHistory and trackTrending switch on Chatter feed tracking and historical trending, which local-org has not. */
function refuseFeedAndTrending(objectName: string, fieldName: string, node: XmlNode): void {
    for (const key of ['trackFeedHistory', 'trackTrending']) {
        if (flag(node, key))
            throw new ComponentProblem(
                `CustomField.${key} = true (${objectName}.${fieldName}) is not supported by local-org (it has no ${key === 'trackFeedHistory' ? 'Chatter feed tracking' : 'historical trend reporting'})`
            );
    }
}

/** A field's trackHistory, checked against the object's history switch, the field's type and the 20-field limit. */
export function applyTrackHistory(object: ObjectDef, field: FieldDef, node: XmlNode): void {
    refuseFeedAndTrending(object.name, field.name, node);
    const track = flag(node, 'trackHistory');
    if (!track) {
        delete field.trackHistory;
        return;
    }
    const name = `${object.name}.${field.name}`;
    if (!historyObjectName(object))
        throw new ComponentProblem(
            `trackHistory on ${name} is not supported by local-org: it keeps no field history for ${object.name}`
        );
    if (!historyEnabled(object))
        throw new ComponentProblem(
            `trackHistory on ${name} needs history enabled on ${object.name} (CustomObject.enableHistory)`
        );
    const reason = untrackableReason(field);
    if (reason) throw new ComponentProblem(`trackHistory on ${name}: ${reason}`);
    field.trackHistory = true;
}

/** After a field is applied: an object tracks at most 20 fields. */
export function checkTrackedFieldLimit(object: ObjectDef): void {
    const tracked = object.fields.filter((f) => f.trackHistory).length;
    if (tracked > MAX_TRACKED_FIELDS)
        throw new ComponentProblem(
            `${object.name} would track the history of ${tracked} fields; an object can track at most ${MAX_TRACKED_FIELDS}`
        );
}

/** A standard field's own file: only its history tracking is applied; anything else about it is refused by name. */
export function applyStandardField(object: ObjectDef, field: FieldDef, node: XmlNode): Applied {
    const unknown = Object.keys(node).filter((key) => !STANDARD_FIELD_ELEMENTS.includes(key));
    if (unknown.length > 0)
        throw new ComponentProblem(
            `${object.name}.${field.name} is a standard field: local-org applies only its trackHistory, not ${unknown.join(', ')}`
        );
    const before = field.trackHistory === true;
    applyTrackHistory(object, field, node);
    checkTrackedFieldLimit(object);
    return { created: false, changed: before !== (field.trackHistory === true) };
}
