/**
 * What the Case owner actions (Take, Send to Back Office, Reassign, Close) share: one GraphQL query for the case
 * (its status, record type and polymorphic Owner) together with Case's object info, the decision whether the user
 * may write what an action writes, and the save (one CaseUpdate mutation, then the record refreshed, a toast and the
 * action closed). Access is read first from UI API's `updateable`, which joins object and field permissions, so a
 * user who may not write the case is told so before any form, as Lead Progress and New Service Case do; the org still
 * enforces the same permissions on the save.
 */
import { gql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';

/**
 * @typedef {import('c/caseOwner').CaseOwner} CaseOwner
 * @typedef {{ Id: string, Status: { value: string | null }, IsClosed: { value: boolean },
 *   RecordTypeId: { value: string | null }, Owner: CaseOwner | null }} OwnedCase
 * @typedef {{ ApiName: string, updateable: boolean, fields: { ApiName: string, updateable: boolean }[] }} CaseInfo
 * @typedef {{ isLoading: boolean, loadError: any, ownedCase: OwnedCase | undefined, caseInfo: CaseInfo | undefined }} LoadedCase
 */

const CASE_OBJECT_INFO_INPUTS = Object.freeze([Object.freeze({ apiName: 'Case' })]);

/** The case an owner action works on, and Case's access for the user, in one request. */
export const CASE_OWNER_ACTION_QUERY = gql`
    query CaseOwnerAction($caseId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
        uiapi {
            query {
                Case(where: { Id: { eq: $caseId } }) {
                    edges {
                        node {
                            Id
                            Status {
                                value
                            }
                            IsClosed {
                                value
                            }
                            RecordTypeId {
                                value
                            }
                            Owner {
                                __typename
                                ... on User {
                                    Name {
                                        value
                                    }
                                }
                                ... on Group {
                                    Name {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
            }
            objectInfos(objectInfoInputs: $objectInfoInputs) {
                ApiName
                updateable
                fields {
                    ApiName
                    updateable
                }
            }
        }
    }
`;

/** Every owner action's write: one CaseUpdate of the fields the action sets. */
export const CASE_OWNER_ACTION_MUTATION = gql`
    mutation UpdateCase($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                }
            }
        }
    }
`;

/**
 * @param {string} recordId
 * @returns {{ caseId: string, objectInfoInputs: readonly { apiName: string }[] }}
 */
export function caseOwnerActionVariables(recordId) {
    return { caseId: recordId, objectInfoInputs: CASE_OBJECT_INFO_INPUTS };
}

/** @type {LoadedCase} */
export const LOADING_CASE = Object.freeze({
    isLoading: true,
    loadError: undefined,
    ownedCase: undefined,
    caseInfo: undefined
});

/**
 * The wire's answer as the action's state; undefined while there is none yet (the wire keeps the last state). A
 * case that is not found (deleted, or not shared with the user) is a load failure with no message of its own.
 * @param {{ data?: any, errors?: any }} result
 * @returns {LoadedCase | undefined}
 */
export function loadedCase({ data, errors }) {
    if (errors) return { isLoading: false, loadError: errors, ownedCase: undefined, caseInfo: undefined };
    if (!data) return undefined;
    const ownedCase = data.uiapi.query.Case.edges[0]?.node;
    const caseInfo = (data.uiapi.objectInfos ?? []).find((/** @type {CaseInfo} */ info) => info.ApiName === 'Case');
    return { isLoading: false, loadError: ownedCase ? undefined : [], ownedCase, caseInfo };
}

/**
 * Whether the user may update the case and each field the action writes.
 * @param {CaseInfo | undefined} caseInfo
 * @param {string[]} fieldApiNames
 * @returns {boolean}
 */
export function canWrite(caseInfo, fieldApiNames) {
    const editable = (/** @type {string} */ name) =>
        Boolean(caseInfo?.fields.some((field) => field.ApiName === name && field.updateable));
    return Boolean(caseInfo?.updateable) && fieldApiNames.every(editable);
}

/**
 * @typedef {{ isLoading: boolean, loadError: any, isLoaded: boolean, ownedCase: OwnedCase | undefined,
 *   isClosed: boolean, cannotWrite: boolean, offersSave: boolean, showsCase: boolean }} ActionState
 */

/**
 * What an owner action shows, from its loaded case and the fields it writes: the spinner, the load failure, the
 * one-sentence refusal for a user who may not write them (no form, no save button), or the case itself.
 * @param {LoadedCase} loaded
 * @param {string[]} writtenFields
 * @returns {ActionState}
 */
export function actionState(loaded, writtenFields) {
    const isLoaded = !loaded.isLoading && !loaded.loadError && Boolean(loaded.ownedCase);
    const cannotWrite = isLoaded && !canWrite(loaded.caseInfo, writtenFields);
    return {
        isLoading: loaded.isLoading,
        loadError: loaded.loadError,
        isLoaded,
        ownedCase: loaded.ownedCase,
        isClosed: Boolean(loaded.ownedCase?.IsClosed?.value),
        cannotWrite,
        offersSave: !cannotWrite,
        showsCase: isLoaded && !cannotWrite
    };
}

/**
 * Saves the case's new values in one mutation; once saved, the record is refreshed, a success toast shown and the
 * action closed. Returns what went wrong (the org's GraphQL errors or the thrown error), or undefined when saved.
 * @param {EventTarget} action the action component, which the events come from
 * @param {{ recordId: string, values: Record<string, unknown>, savedTitle: string, savedMessage: string }} save
 * @returns {Promise<any>}
 */
export async function saveCase(action, { recordId, values, savedTitle, savedMessage }) {
    try {
        const result = await executeMutation({
            query: CASE_OWNER_ACTION_MUTATION,
            operationName: 'UpdateCase',
            variables: { input: { Id: recordId, Case: values } }
        });
        if (result.errors?.length) return result.errors;
        await notifyRecordUpdateAvailable([{ recordId }]);
        action.dispatchEvent(new RefreshEvent());
        action.dispatchEvent(new ShowToastEvent({ title: savedTitle, message: savedMessage, variant: 'success' }));
        action.dispatchEvent(new CloseActionScreenEvent());
        return undefined;
    } catch (error) {
        return error;
    }
}
