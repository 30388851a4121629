/**
 * The lead life cycle (issue 23): each Lead Status value of force-app's LeadStatus value set and the life-cycle
 * state it stands for, and the steps the Lead Progress action offers from each. The org enforces the same rules
 * with validation rules on Lead (Lost_Needs_Reason, Cancelled_Needs_Reason, Cancel_Only_From_Pending,
 * Closed_Lead_Is_Locked, Won_Only_By_Conversion); this module only decides what to offer.
 * A plain ES module: the component, jest and Node scripts share it.
 */

/** @typedef {'pending' | 'inProgress' | 'won' | 'lost' | 'cancelled'} LifecycleState */
/** @typedef {'accept' | 'start' | 'won' | 'lost' | 'cancel'} StepName */
/**
 * @typedef {{ name: StepName, fields: Record<string, string>, reasonField?: string, convert?: boolean }} Step
 *   fields: what the step's one mutation sets; reasonField: a picklist the user must fill in first;
 *   convert: the step is the standard Convert, not a mutation
 */

export const STATUS_PENDING = 'Pending';
export const STATUS_IN_PROGRESS = 'In Progress';
export const STATUS_WON = 'Won';
export const STATUS_LOST = 'Lost';
export const STATUS_CANCELLED = 'Cancelled';

/** @type {Readonly<Record<string, LifecycleState>>} */
export const LIFECYCLE_STATES = Object.freeze({
    [STATUS_PENDING]: 'pending',
    [STATUS_IN_PROGRESS]: 'inProgress',
    [STATUS_WON]: 'won',
    [STATUS_LOST]: 'lost',
    [STATUS_CANCELLED]: 'cancelled'
});

export const LOST_REASON_FIELD = 'Lost_Reason__c';
export const CANCELLATION_REASON_FIELD = 'Cancellation_Reason__c';

/**
 * @param {string | null | undefined} status
 * @returns {LifecycleState | null} null for a status outside the life cycle (an org's own value)
 */
export function lifecycleState(status) {
    return (status && LIFECYCLE_STATES[status]) || null;
}

/**
 * The steps offered for a lead, in the order the action shows them. Accept takes a pending lead from its queue
 * (or another user) by making the user its owner; Start Progress follows once the user owns it. Won is the
 * standard Convert: lead conversion has no UI API (GraphQL) mutation and no flow action without Apex.
 * @param {{ status: string | null, ownerId: string | null, isConverted: boolean }} lead
 * @param {string} userId
 * @returns {Step[]}
 */
export function stepsFor(lead, userId) {
    if (lead.isConverted) {
        return [];
    }
    const state = lifecycleState(lead.status);
    if (state === 'pending') {
        const owned = sameId(lead.ownerId, userId);
        return [
            owned
                ? { name: 'start', fields: { Status: STATUS_IN_PROGRESS } }
                : { name: 'accept', fields: { OwnerId: userId } },
            { name: 'cancel', fields: { Status: STATUS_CANCELLED }, reasonField: CANCELLATION_REASON_FIELD }
        ];
    }
    if (state === 'inProgress') {
        return [
            { name: 'won', fields: {}, convert: true },
            { name: 'lost', fields: { Status: STATUS_LOST }, reasonField: LOST_REASON_FIELD }
        ];
    }
    return [];
}

/**
 * The Lead Status a step leads to: the one its mutation sets, Won for the conversion; null when it keeps the status.
 * @param {Step} step
 * @returns {string | null}
 */
export function stepStatus(step) {
    return step.fields.Status ?? (step.convert ? STATUS_WON : null);
}

/**
 * The steps the lead's type allows: a lead type is a record type whose lead process lists the Lead Status values
 * its leads may have (the org refuses any other), so a step to a status outside it is not offered.
 * @param {Step[]} steps
 * @param {string[] | null} processStatuses the lead's record type's Status values; null when unknown (every step)
 * @returns {Step[]}
 */
export function stepsInProcess(steps, processStatuses) {
    if (!processStatuses) {
        return steps;
    }
    return steps.filter((step) => {
        const status = stepStatus(step);
        return status === null || processStatuses.includes(status);
    });
}

/**
 * Ids compare by their first 15 characters: the 15- and 18-character forms name the same record.
 * @param {string | null | undefined} a
 * @param {string | null | undefined} b
 */
export function sameId(a, b) {
    return Boolean(a) && Boolean(b) && String(a).slice(0, 15) === String(b).slice(0, 15);
}

/**
 * The fields one step's mutation writes: the step's own, plus the chosen reason when it needs one.
 * @param {Step} step
 * @param {string | null} reason
 * @returns {Record<string, string>}
 */
export function stepFields(step, reason) {
    return step.reasonField ? { ...step.fields, [step.reasonField]: reason ?? '' } : { ...step.fields };
}
