import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import { CloseActionScreenEvent } from 'lightning/actions';
import ROUTE_FIELD from '@salesforce/schema/Case.Route_To_Queue__c';
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
import TITLE from '@salesforce/label/c.Case_Send_Back_Office_Title';
import LOADING from '@salesforce/label/c.Case_Send_Back_Office_Loading';
import NO_ACCESS from '@salesforce/label/c.Case_Send_Back_Office_No_Access';
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

/**
 * The Send to Back Office quick action: the Back Office queue becomes the case's owner. Components cannot read
 * queues through UI API (Group is a setup object): the action names the queue in Route_To_Queue__c, and the
 * Case_Route_To_Queue before-save flow makes it the owner in the same save (docs/ARCHITECTURE.md).
 */
export default class CaseSendToBackOffice extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, NO_ACCESS, SEND, CANCEL };

    /** @type {import('c/caseOwnerAction').LoadedCase} */
    loaded = LOADING_CASE;
    isSaving = false;
    /** @type {any} */
    saveError;

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
        // Sending writes the routing field only; the flow sets the owner in system mode.
        return actionState(this.loaded, [ROUTE_FIELD.fieldApiName]);
    }

    /** A closed case is done: it is not sent anywhere. */
    get canSend() {
        return this.state.showsCase && !this.state.isClosed;
    }

    get explanation() {
        if (!this.state.isLoaded) {
            return '';
        }
        return this.state.isClosed ? CLOSED : formatLabel(CONFIRM, ownerName(this.loaded.ownedCase?.Owner));
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
        this.saveError = await saveCase(this, {
            recordId: this.recordId,
            values: { [ROUTE_FIELD.fieldApiName]: BACK_OFFICE_QUEUE },
            savedTitle: SENT_TITLE,
            savedMessage: SENT_MESSAGE
        });
        this.isSaving = false;
    }
}
