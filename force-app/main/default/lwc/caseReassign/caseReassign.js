import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import { CloseActionScreenEvent } from 'lightning/actions';
import OWNER_FIELD from '@salesforce/schema/Case.OwnerId';
import ROUTE_FIELD from '@salesforce/schema/Case.Route_To_Queue__c';
import NOTE_FIELD from '@salesforce/schema/Case.Handover_Note__c';
import { ownerName } from 'c/caseOwner';
import {
    CASE_OWNER_ACTION_QUERY,
    LOADING_CASE,
    actionState,
    caseOwnerActionVariables,
    loadedCase,
    saveCase
} from 'c/caseOwnerAction';
import { formatLabel } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Case_Reassign_Title';
import LOADING from '@salesforce/label/c.Case_Reassign_Loading';
import NO_ACCESS from '@salesforce/label/c.Case_Reassign_No_Access';
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

/**
 * The Reassign quick action: hands a case to another user or to a queue, with an optional note, in one mutation: the
 * new owner (a user directly, a queue through Route_To_Queue__c) and the handover note. The note is a Case field, not
 * a case comment (CaseComment is no UI API object) nor a Task (a second record and a second permission): it says why
 * the case moved, and the owner change itself is kept in Case History.
 */
export default class CaseReassign extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, NO_ACCESS, TARGET_KIND, USER, QUEUE, NOTE, REASSIGN, CANCEL };
    targetKinds = [
        { label: TO_USER, value: 'user' },
        { label: TO_QUEUE, value: 'queue' }
    ];
    queues = CASE_QUEUES;
    activeUsers = ACTIVE_USERS;

    /** @type {import('c/caseOwnerAction').LoadedCase} */
    loaded = LOADING_CASE;
    isSaving = false;
    /** @type {any} */
    saveError;
    targetKind = 'user';
    /** @type {string | null} */
    userId = null;
    queueName = '';
    note = '';

    /** @param {{ data?: any, errors?: any }} result */
    @wire(graphql, { query: CASE_OWNER_ACTION_QUERY, variables: '$caseVariables' })
    wiredCase(result) {
        this.loaded = loadedCase(result) ?? this.loaded;
    }

    get caseVariables() {
        return caseOwnerActionVariables(this.recordId);
    }

    /** @returns {import('c/caseOwnerAction').ActionState} */
    get state() {
        // Reassign writes the owner (to a user), the routing field (to a queue) and the note: it needs all three.
        const fields = [OWNER_FIELD.fieldApiName, ROUTE_FIELD.fieldApiName, NOTE_FIELD.fieldApiName];
        return actionState(this.loaded, fields);
    }

    get showForm() {
        return this.state.showsCase && !this.state.isClosed;
    }

    get toUser() {
        return this.targetKind === 'user';
    }

    get explanation() {
        if (!this.state.isLoaded) {
            return '';
        }
        return this.state.isClosed ? CLOSED : formatLabel(CURRENT_OWNER, ownerName(this.loaded.ownedCase?.Owner));
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
        // An empty note clears the previous handover's note, which would otherwise describe the wrong move.
        const note = this.note.trim() || null;
        this.isSaving = true;
        this.saveError = undefined;
        this.saveError = await saveCase(this, {
            recordId: this.recordId,
            values: { ...this.ownerFields, [NOTE_FIELD.fieldApiName]: note },
            savedTitle: DONE_TITLE,
            savedMessage: DONE_MESSAGE
        });
        this.isSaving = false;
    }
}
