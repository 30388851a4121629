/**
 * The follow-up records a web-form case can be converted into, and which one each web-form Type proposes.
 * Shared by the Conversion Process action and the tooling; the agent can always pick another target.
 */

/**
 * @typedef {'Customer_Request' | 'Sample_Request' | 'Opportunity'} FollowUpTargetKey
 * @typedef {{ key: FollowUpTargetKey, objectApiName: 'Case' | 'Opportunity', recordTypeDeveloperName: string | null }} FollowUpTarget
 */

/** @type {ReadonlyArray<Readonly<FollowUpTarget>>} */
export const FOLLOW_UP_TARGETS = Object.freeze([
    Object.freeze({ key: 'Customer_Request', objectApiName: 'Case', recordTypeDeveloperName: 'Customer_Request' }),
    Object.freeze({ key: 'Sample_Request', objectApiName: 'Case', recordTypeDeveloperName: 'Sample_Request' }),
    Object.freeze({ key: 'Opportunity', objectApiName: 'Opportunity', recordTypeDeveloperName: null })
]);

/** @type {Readonly<Record<string, FollowUpTargetKey>>} web-form Type value → proposed follow-up */
export const PROPOSED_TARGET_BY_WEB_FORM_TYPE = Object.freeze({
    'Sample Request': 'Sample_Request',
    'Quote Request': 'Opportunity',
    'Product Information': 'Customer_Request',
    'Technical Question': 'Customer_Request',
    Complaint: 'Customer_Request',
    Other: 'Customer_Request'
});

// A web form without a Type (or with one added by an admin later) is most often a general request.
/** @type {FollowUpTargetKey} */
export const DEFAULT_TARGET_KEY = 'Customer_Request';

/**
 * The follow-up proposed for a web form of the given Type.
 * @param {string | null | undefined} webFormType the Case Type value (API name)
 * @returns {Readonly<FollowUpTarget>}
 */
export function proposeTarget(webFormType) {
    const key = (webFormType && PROPOSED_TARGET_BY_WEB_FORM_TYPE[webFormType]) || DEFAULT_TARGET_KEY;
    return targetByKey(key);
}

/**
 * @param {string} key
 * @returns {Readonly<FollowUpTarget>}
 */
export function targetByKey(key) {
    const target = FOLLOW_UP_TARGETS.find((candidate) => candidate.key === key);
    if (!target) {
        throw new Error(`Unknown follow-up target: ${key}`);
    }
    return target;
}
