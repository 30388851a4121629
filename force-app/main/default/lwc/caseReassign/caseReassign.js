import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import OWNER_FIELD from '@salesforce/schema/Case.OwnerId';
import ROUTE_FIELD from '@salesforce/schema/Case.Route_To_Queue__c';
import NOTE_FIELD from '@salesforce/schema/Case.Handover_Note__c';
import { ownerName } from 'c/caseOwner';
import { formatLabel } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Case_Reassign_Title';
import LOADING from '@salesforce/label/c.Case_Reassign_Loading';
import CURRENT_OWNER from '@salesforce/label/c.Case_Reassign_Current_Owner';
import TARGET_KIND from '@salesforce/label/c.Case_Reassign_Target_Kind';
import TO_USER from '@salesforce/label/c.Case_Reassign_To_User';
import TO_QUEUE from '@salesforce/label/c.Case_Reassign_To_Queue';
import USER from '@salesforce/label/c.Case_Reassign_User';
import QUEUE from '@salesforce/label/c.Case_Reassign_Queue';
import NOTE from '@salesforce/label/c.Case_Reassign_Note';
import CLOSED from '@salesforce/label/c.Case_Reassign_Closed';
import REASSIGN from '@salesforce/label/c.Case_Reassign_Button';
import CANCEL from '@salesforce/label/c.Case_Reassign_Cancel';
import DONE_TITLE from '@salesforce/label/c.Case_Reassign_Done_Title';
import DONE_MESSAGE from '@salesforce/label/c.Case_Reassign_Done_Message';
import FAILED from '@salesforce/label/c.Case_Reassign_Failed';
import LOAD_FAILED from '@salesforce/label/c.Case_Reassign_Load_Failed';
import QUEUE_BACK_OFFICE from '@salesforce/label/c.Case_Queue_Back_Office';
import QUEUE_DACH from '@salesforce/label/c.Case_Queue_DACH';
import QUEUE_FRANCE_BENELUX from '@salesforce/label/c.Case_Queue_France_Benelux';
import QUEUE_INTERNATIONAL from '@salesforce/label/c.Case_Queue_International';
import QUEUE_NORTH_AMERICA from '@salesforce/label/c.Case_Queue_North_America';
import QUEUE_UK_IRELAND from '@salesforce/label/c.Case_Queue_UK_Ireland';

/**
 * The case queues (force-app/main/default/queues), by API name. Components cannot read queues: Group is not an
 * object UI API supports ("All Supported Objects", User Interface API Developer Guide), so neither GraphQL nor
 * lightning-record-picker can list them. A queue is chosen here by name and set in Route_To_Queue__c; the
 * Case_Route_To_Queue before-save flow makes it the owner in the same save and refuses a name that is no case
 * queue, as Send to Back Office does.
 */
export const CASE_QUEUES = [
    { value: 'Back_Office', label: QUEUE_BACK_OFFICE },
    { value: 'DACH', label: QUEUE_DACH },
    { value: 'France_Benelux', label: QUEUE_FRANCE_BENELUX },
    { value: 'International', label: QUEUE_INTERNATIONAL },
    { value: 'North_America', label: QUEUE_NORTH_AMERICA },
    { value: 'UK_Ireland', label: QUEUE_UK_IRELAND }
];

/** Only active users can own records: the picker offers no one else. */
const ACTIVE_USERS = { criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }] };

// One mutation: the new owner (a user directly, a queue through Route_To_Queue__c) and the handover note. The
// note is a Case field, not a case comment (CaseComment is no UI API object) nor a Task (a second record and a
// second permission): it says why the case moved, and the owner change itself is kept in Case History.
const REASSIGN_MUTATION = gql`
    mutation ReassignCase($input: CaseUpdateInput!) {
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
 * @typedef {{ Id: string, IsClosed: { value: boolean }, Owner: CaseOwner | null }} CaseToReassign
 */

/** The Reassign quick action: hands a case to another user or to a queue, with an optional note. */
export default class CaseReassign extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, TARGET_KIND, USER, QUEUE, NOTE, REASSIGN, CANCEL };
    targetKinds = [
        { label: TO_USER, value: 'user' },
        { label: TO_QUEUE, value: 'queue' }
    ];
    queues = CASE_QUEUES;
    activeUsers = ACTIVE_USERS;

    isLoading = true;
    isSaving = false;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    /** @type {CaseToReassign | undefined} */
    caseToReassign;
    targetKind = 'user';
    /** @type {string | null} */
    userId = null;
    queueName = '';
    note = '';

    /**
     * @param {import('lightning/graphql').GraphQLResult<{ uiapi: { query: { Case: { edges: { node: CaseToReassign }[] } } } }>} result
     */
    @wire(graphql, {
        query: gql`
            query ReassignCaseOwner($caseId: ID) {
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
        this.caseToReassign = data.uiapi.query.Case.edges[0]?.node;
        this.loadError = this.caseToReassign ? undefined : [];
    }

    get caseVariables() {
        return { caseId: this.recordId };
    }

    get isLoaded() {
        return !this.isLoading && !this.loadError && Boolean(this.caseToReassign);
    }

    get isClosed() {
        return Boolean(this.caseToReassign?.IsClosed?.value);
    }

    get showForm() {
        return this.isLoaded && !this.isClosed;
    }

    get toUser() {
        return this.targetKind === 'user';
    }

    get explanation() {
        if (!this.isLoaded) {
            return '';
        }
        return this.isClosed ? CLOSED : formatLabel(CURRENT_OWNER, ownerName(this.caseToReassign?.Owner));
    }

    /** The fields the save writes: the owner for a user, the routing field for a queue. */
    get ownerFields() {
        if (this.toUser) {
            return this.userId ? { [OWNER_FIELD.fieldApiName]: this.userId } : undefined;
        }
        return this.queueName ? { [ROUTE_FIELD.fieldApiName]: this.queueName } : undefined;
    }

    get isReassignDisabled() {
        return !this.showForm || this.isSaving || !this.ownerFields;
    }

    get failedMessage() {
        return FAILED;
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleTargetKindChange(event) {
        this.targetKind = event.detail.value;
    }

    /** @param {CustomEvent<{ recordId: string | null }>} event from the record picker */
    handleUserChange(event) {
        this.userId = event.detail.recordId ?? null;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleQueueChange(event) {
        this.queueName = event.detail.value;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleNoteChange(event) {
        this.note = event.detail.value;
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    async handleReassign() {
        if (this.isReassignDisabled) {
            return;
        }
        this.isSaving = true;
        this.saveError = undefined;
        try {
            // An empty note clears the previous handover's note, which would otherwise describe the wrong move.
            const note = this.note.trim() || null;
            const result = await executeMutation({
                query: REASSIGN_MUTATION,
                operationName: 'ReassignCase',
                variables: {
                    input: { Id: this.recordId, Case: { ...this.ownerFields, [NOTE_FIELD.fieldApiName]: note } }
                }
            });
            if (result.errors?.length) {
                this.saveError = result.errors;
                return;
            }
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            this.dispatchEvent(new RefreshEvent());
            this.dispatchEvent(new ShowToastEvent({ title: DONE_TITLE, message: DONE_MESSAGE, variant: 'success' }));
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.saveError = error;
        } finally {
            this.isSaving = false;
        }
    }
}
