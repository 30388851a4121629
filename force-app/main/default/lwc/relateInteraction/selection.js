/**
 * What the agent chose, and what the flow writes from it: pure functions, no platform imports.
 *
 * The service team's procedure (issue 24): "Name" is the customer contact (the primary contact, Task.WhoId; the
 * other contacts become TaskRelation rows, Shared Activities), "Related To" (Task.WhatId) is the case when there is
 * one, otherwise the account; a sales rep without a contact record is related through the installer's parent
 * account.
 */
/**
 * @typedef {{ contactIds: string[], primaryId: string | null, accountId: string | null,
 *   parentAccountId: string | null, useParentAccount: boolean, caseId: string | null }} Selection
 * @typedef {{ contactId: string | null, relatedToId: string | null, otherContactIds: string[] }} RelateOutputs
 */

/** Salesforce key prefixes of the records a task is related to here. */
export const CONTACT_PREFIX = '003';
export const ACCOUNT_PREFIX = '001';
export const CASE_PREFIX = '500';

/**
 * @param {unknown} id
 * @param {string} prefix
 * @returns {boolean}
 */
export function isIdOf(id, prefix) {
    return typeof id === 'string' && id.startsWith(prefix);
}

/**
 * Whether the task is related through the chosen account's parent: only when no contact is chosen (a sales rep
 * without a contact record) and no case, and the agent kept that choice.
 * @param {Selection} selection
 * @returns {boolean}
 */
export function relatesThroughParent(selection) {
    return (
        selection.contactIds.length === 0 &&
        !selection.caseId &&
        Boolean(selection.parentAccountId) &&
        selection.useParentAccount
    );
}

/**
 * The flow's outputs: the primary contact (the first chosen when none is marked), Related To (the case, else the
 * account or its parent) and the other contacts.
 * @param {Selection} selection
 * @returns {RelateOutputs}
 */
export function relateOutputs(selection) {
    const primary =
        selection.primaryId && selection.contactIds.includes(selection.primaryId)
            ? selection.primaryId
            : (selection.contactIds[0] ?? null);
    const account = relatesThroughParent(selection) ? selection.parentAccountId : selection.accountId;
    return {
        contactId: primary,
        relatedToId: selection.caseId || account || null,
        otherContactIds: selection.contactIds.filter((id) => id !== primary)
    };
}
