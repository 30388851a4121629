import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import USER_ID from '@salesforce/user/Id';
import OWNER_FIELD from '@salesforce/schema/Case.OwnerId';
import STATUS_FIELD from '@salesforce/schema/Case.Status';
import { isQueueOwned, ownerName } from 'c/caseOwner';
import { formatLabel } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Case_Take_Title';
import LOADING from '@salesforce/label/c.Case_Take_Loading';
import FROM_QUEUE from '@salesforce/label/c.Case_Take_From_Queue';
import FROM_QUEUE_KEEPS_STATUS from '@salesforce/label/c.Case_Take_From_Queue_Keeps_Status';
import NOT_IN_QUEUE from '@salesforce/label/c.Case_Take_Not_In_Queue';
import CLOSED from '@salesforce/label/c.Case_Take_Closed';
import TAKE from '@salesforce/label/c.Case_Take_Button';
import CANCEL from '@salesforce/label/c.Case_Take_Cancel';
import TAKEN_TITLE from '@salesforce/label/c.Case_Take_Taken_Title';
import TAKEN_MESSAGE from '@salesforce/label/c.Case_Take_Taken_Message';
import TAKE_FAILED from '@salesforce/label/c.Case_Take_Failed';
import LOAD_FAILED from '@salesforce/label/c.Case_Take_Load_Failed';

/**
 * Taking a New case moves it to Working (force-app businessProcesses: New, then Working). A case in any other
 * status keeps it: a service request waits Pending in a department's queue, and Working is no status of the
 * Service Request Process (its life cycle moves on with the Service Request Progress action).
 */
export const NEW_STATUS = 'New';
export const WORKING_STATUS = 'Working';

// One mutation: the owner and (from New) the status together. The org refuses a user who is not a member of the queue (the
// Case_Take_From_Queue_Check flow's Custom Error), so the rule holds for every client, not only this one.
const TAKE_MUTATION = gql`
    mutation TakeCase($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                    Status {
                        value
                    }
                }
            }
        }
    }
`;

/**
 * @typedef {import('c/caseOwner').CaseOwner} CaseOwner
 * @typedef {{ Id: string, Status: { value: string | null }, IsClosed: { value: boolean }, Owner: CaseOwner | null }} TakenCase
 */

/** The Take quick action: the current user takes a case from the queue that owns it. */
export default class CaseTake extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, TAKE, CANCEL };

    isLoading = true;
    isSaving = false;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    /** @type {TakenCase | undefined} */
    takenCase;

    /**
     * @param {import('lightning/graphql').GraphQLResult<{ uiapi: { query: { Case: { edges: { node: TakenCase }[] } } } }>} result
     */
    @wire(graphql, {
        query: gql`
            query TakeCaseOwner($caseId: ID) {
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
                }
            }
        `,
        variables: '$caseVariables'
    })
    wiredCase({ data, errors }) {
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.isLoading = false;
        this.takenCase = data.uiapi.query.Case.edges[0]?.node;
        this.loadError = this.takenCase ? undefined : [];
    }

    get caseVariables() {
        return { caseId: this.recordId };
    }

    get isLoaded() {
        return !this.isLoading && !this.loadError && Boolean(this.takenCase);
    }

    get isClosed() {
        return Boolean(this.takenCase?.IsClosed?.value);
    }

    /** Only a case a queue owns can be taken; a closed one is done. */
    get canTake() {
        return this.isLoaded && !this.isClosed && isQueueOwned(this.takenCase?.Owner);
    }

    get explanation() {
        if (!this.isLoaded) {
            return '';
        }
        const owner = ownerName(this.takenCase?.Owner);
        if (this.isClosed) {
            return CLOSED;
        }
        if (!this.canTake) {
            return formatLabel(NOT_IN_QUEUE, owner);
        }
        return this.movesToWorking
            ? formatLabel(FROM_QUEUE, owner, WORKING_STATUS)
            : formatLabel(FROM_QUEUE_KEEPS_STATUS, owner, this.takenCase?.Status?.value ?? '');
    }

    get movesToWorking() {
        return this.takenCase?.Status?.value === NEW_STATUS;
    }

    get isTakeDisabled() {
        return !this.canTake || this.isSaving;
    }

    get takeFailedMessage() {
        return TAKE_FAILED;
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    async handleTake() {
        if (this.isTakeDisabled) {
            return;
        }
        this.isSaving = true;
        this.saveError = undefined;
        try {
            /** @type {Record<string, string>} */
            const values = { [OWNER_FIELD.fieldApiName]: USER_ID };
            if (this.movesToWorking) {
                values[STATUS_FIELD.fieldApiName] = WORKING_STATUS;
            }
            const result = await executeMutation({
                query: TAKE_MUTATION,
                operationName: 'TakeCase',
                variables: { input: { Id: this.recordId, Case: values } }
            });
            if (result.errors?.length) {
                this.saveError = result.errors;
                return;
            }
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            this.dispatchEvent(new RefreshEvent());
            this.dispatchEvent(new ShowToastEvent({ title: TAKEN_TITLE, message: TAKEN_MESSAGE, variant: 'success' }));
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.saveError = error;
        } finally {
            this.isSaving = false;
        }
    }
}
