/**
 * The follow-up records a web-form case can be converted into, and which one each web-form Type proposes.
 * Shared by the Conversion Process action and the tooling; the agent can always pick another target.
 */

/**
 * @typedef {'Customer_Request' | 'Sample_Request' | 'Opportunity'} FollowUpTargetKey
 * @typedef {{
 *   key: FollowUpTargetKey, objectApiName: 'Case' | 'Opportunity', recordTypeDeveloperName: string | null,
 *   recordTypeLabel: string | null, lineageField: 'Converted_From__c' | 'Source_Case__c'
 * }} FollowUpTarget
 * `recordTypeLabel` is the deployed record type's label: UI API (and so a component) sees record types by label and
 * id only, never by developer name. `lineageField` points the follow-up back at the web form.
 */

/** @type {ReadonlyArray<Readonly<FollowUpTarget>>} */
export const FOLLOW_UP_TARGETS = Object.freeze([
    Object.freeze({
        key: 'Customer_Request',
        objectApiName: 'Case',
        recordTypeDeveloperName: 'Customer_Request',
        recordTypeLabel: 'Customer Request',
        lineageField: 'Converted_From__c'
    }),
    Object.freeze({
        key: 'Sample_Request',
        objectApiName: 'Case',
        recordTypeDeveloperName: 'Sample_Request',
        recordTypeLabel: 'Sample Request',
        lineageField: 'Converted_From__c'
    }),
    Object.freeze({
        key: 'Opportunity',
        objectApiName: 'Opportunity',
        recordTypeDeveloperName: null,
        recordTypeLabel: null,
        lineageField: 'Source_Case__c'
    })
]);

/** The status a converted web form gets (Case Status value, in the Web Form support process). */
export const CONVERTED_WEB_FORM_STATUS = 'Closed - Accepted';

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

/**
 * @typedef {{
 *   Id: string, Subject?: string | null, Description?: string | null, Priority?: string | null,
 *   AccountId?: string | null, ContactId?: string | null, AccountName?: string | null,
 *   SuppliedName?: string | null, SuppliedEmail?: string | null, SuppliedPhone?: string | null,
 *   SuppliedCompany?: string | null, Web_Street__c?: string | null, Web_City__c?: string | null,
 *   Web_Postal_Code__c?: string | null, Web_Country__c?: string | null
 * }} WebForm the web-form case's values
 * @typedef {Record<string, string | null>} FollowUpDraft field API name → value for the new record
 */

/** Days from today to a converted opportunity's proposed close date; the agent changes it in the form. */
export const OPPORTUNITY_CLOSE_IN_DAYS = 30;

// The submitter's details travel with a case follow-up, so the agent working it sees who asked.
const SUBMITTER_FIELDS = [
    'SuppliedName',
    'SuppliedEmail',
    'SuppliedPhone',
    'SuppliedCompany',
    'Web_Street__c',
    'Web_City__c',
    'Web_Postal_Code__c',
    'Web_Country__c'
];

/**
 * The new record's values pre-filled from the web form, with its lineage to the web form. The record type (case
 * follow-ups) and the opportunity's stage come from the org and are added by the caller.
 * @param {WebForm} webForm
 * @param {Readonly<FollowUpTarget>} target
 * @param {Date} today
 * @returns {FollowUpDraft}
 */
export function draftFollowUp(webForm, target, today) {
    if (target.objectApiName === 'Opportunity') {
        return {
            Name: opportunityName(webForm),
            AccountId: webForm.AccountId ?? null,
            CloseDate: isoDateInDays(today, OPPORTUNITY_CLOSE_IN_DAYS),
            Description: webForm.Description ?? null,
            LeadSource: 'Web',
            Source_Case__c: webForm.Id
        };
    }
    /** @type {FollowUpDraft} */
    const draft = {
        Subject: webForm.Subject ?? null,
        Description: webForm.Description ?? null,
        Origin: 'Web',
        Priority: webForm.Priority ?? null,
        AccountId: webForm.AccountId ?? null,
        ContactId: webForm.ContactId ?? null,
        Converted_From__c: webForm.Id
    };
    for (const field of SUBMITTER_FIELDS) {
        draft[field] = /** @type {Record<string, string | null | undefined>} */ (webForm)[field] ?? null;
    }
    return draft;
}

/**
 * `<company> – <subject>`: the account's name when the web form is linked, else the company the submitter typed.
 * @param {WebForm} webForm
 * @returns {string}
 */
function opportunityName(webForm) {
    const company = webForm.AccountName || webForm.SuppliedCompany || webForm.SuppliedName || '';
    return [company, webForm.Subject ?? ''].filter((part) => part.trim() !== '').join(' – ');
}

/**
 * @param {Date} today
 * @param {number} days
 * @returns {string} YYYY-MM-DD in the browser's calendar
 */
function isoDateInDays(today, days) {
    const date = new Date(today.getFullYear(), today.getMonth(), today.getDate() + days);
    const month = String(date.getMonth() + 1).padStart(2, '0');
    const day = String(date.getDate()).padStart(2, '0');
    return `${date.getFullYear()}-${month}-${day}`;
}
