import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import ROUTE_FIELD from '@salesforce/schema/Case.Route_To_Queue__c';
import { ownerName } from 'c/caseOwner';
import { formatLabel } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Case_Send_Back_Office_Title';
import LOADING from '@salesforce/label/c.Case_Send_Back_Office_Loading';
import CONFIRM from '@salesforce/label/c.Case_Send_Back_Office_Confirm';
import CLOSED from '@salesforce/label/c.Case_Send_Back_Office_Closed';
import SEND from '@salesforce/label/c.Case_Send_Back_Office_Button';
import CANCEL from '@salesforce/label/c.Case_Send_Back_Office_Cancel';
import SENT_TITLE from '@salesforce/label/c.Case_Send_Back_Office_Sent_Title';
import SENT_MESSAGE from '@salesforce/label/c.Case_Send_Back_Office_Sent_Message';
import SEND_FAILED from '@salesforce/label/c.Case_Send_Back_Office_Failed';
import LOAD_FAILED from '@salesforce/label/c.Case_Send_Back_Office_Load_Failed';

/** The Back Office queue's API name (force-app queues/Back_Office): the flow looks the queue up by it. */
export const BACK_OFFICE_QUEUE = 'Back_Office';

// Components cannot read queues through UI API (Group is a setup object): the action names the queue, and the
// Case_Route_To_Queue before-save flow makes it the owner in the same save (docs/ARCHITECTURE.md).
const SEND_MUTATION = gql`
    mutation SendCaseToBackOffice($input: CaseUpdateInput!) {
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
 * @typedef {import('c/caseOwner').CaseOwner} CaseOwner
 * @typedef {{ Id: string, IsClosed: { value: boolean }, Owner: CaseOwner | null }} RoutedCase
 */

/** The Send to Back Office quick action: the Back Office queue becomes the case's owner. */
export default class CaseSendToBackOffice extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, SEND, CANCEL };

    isLoading = true;
    isSaving = false;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    /** @type {RoutedCase | undefined} */
    routedCase;

    /**
     * @param {import('lightning/graphql').GraphQLResult<{ uiapi: { query: { Case: { edges: { node: RoutedCase }[] } } } }>} result
     */
    @wire(graphql, {
        query: gql`
            query BackOfficeCaseOwner($caseId: ID) {
                uiapi {
                    query {
                        Case(where: { Id: { eq: $caseId } }) {
                            edges {
                                node {
                                    Id
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
        this.routedCase = data.uiapi.query.Case.edges[0]?.node;
        this.loadError = this.routedCase ? undefined : [];
    }

    get caseVariables() {
        return { caseId: this.recordId };
    }

    get isLoaded() {
        return !this.isLoading && !this.loadError && Boolean(this.routedCase);
    }

    get isClosed() {
        return Boolean(this.routedCase?.IsClosed?.value);
    }

    /** A closed case is done: it is not sent anywhere. */
    get canSend() {
        return this.isLoaded && !this.isClosed;
    }

    get explanation() {
        if (!this.isLoaded) {
            return '';
        }
        return this.isClosed ? CLOSED : formatLabel(CONFIRM, ownerName(this.routedCase?.Owner));
    }

    get isSendDisabled() {
        return !this.canSend || this.isSaving;
    }

    get sendFailedMessage() {
        return SEND_FAILED;
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    async handleSend() {
        if (this.isSendDisabled) {
            return;
        }
        this.isSaving = true;
        this.saveError = undefined;
        try {
            const result = await executeMutation({
                query: SEND_MUTATION,
                operationName: 'SendCaseToBackOffice',
                variables: { input: { Id: this.recordId, Case: { [ROUTE_FIELD.fieldApiName]: BACK_OFFICE_QUEUE } } }
            });
            if (result.errors?.length) {
                this.saveError = result.errors;
                return;
            }
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            this.dispatchEvent(new RefreshEvent());
            this.dispatchEvent(new ShowToastEvent({ title: SENT_TITLE, message: SENT_MESSAGE, variant: 'success' }));
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.saveError = error;
        } finally {
            this.isSaving = false;
        }
    }
}
