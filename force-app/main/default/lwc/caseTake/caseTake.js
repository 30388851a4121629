import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import { CloseActionScreenEvent } from 'lightning/actions';
import USER_ID from '@salesforce/user/Id';
import OWNER_FIELD from '@salesforce/schema/Case.OwnerId';
import STATUS_FIELD from '@salesforce/schema/Case.Status';
import { isQueueOwned, ownerName } from 'c/caseOwner';
import {
    CASE_OWNER_ACTION_QUERY,
    LOADING_CASE,
    actionState,
    caseOwnerActionVariables,
    loadedCase,
    saveCase
} from 'c/caseOwnerAction';
import { formatLabel } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Case_Take_Title';
import LOADING from '@salesforce/label/c.Case_Take_Loading';
import NO_ACCESS from '@salesforce/label/c.Case_Take_No_Access';
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

/**
 * The Take quick action: the current user takes a case from the queue that owns it, in one mutation (the owner and,
 * from New, the status). The org refuses a user who is not a member of the queue (the Case_Take_From_Queue_Check
 * flow's Custom Error), so the rule holds for every client, not only this one.
 */
export default class CaseTake extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, NO_ACCESS, TAKE, CANCEL };

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

    /** The fields Take writes: the owner, and the status from New. */
    get writtenFields() {
        return this.movesToWorking ? [OWNER_FIELD.fieldApiName, STATUS_FIELD.fieldApiName] : [OWNER_FIELD.fieldApiName];
    }

    /** @returns {import('c/caseOwnerAction').ActionState} */
    get state() {
        return actionState(this.loaded, this.writtenFields);
    }

    get takenCase() {
        return this.loaded.ownedCase;
    }

    get movesToWorking() {
        return this.takenCase?.Status?.value === NEW_STATUS;
    }

    /** Only a case a queue owns can be taken; a closed one is done. */
    get canTake() {
        return this.state.showsCase && !this.state.isClosed && isQueueOwned(this.takenCase?.Owner);
    }

    get explanation() {
        if (!this.state.isLoaded) {
            return '';
        }
        const owner = ownerName(this.takenCase?.Owner);
        if (this.state.isClosed) {
            return CLOSED;
        }
        if (!this.canTake) {
            return formatLabel(NOT_IN_QUEUE, owner);
        }
        return this.movesToWorking
            ? formatLabel(FROM_QUEUE, owner, WORKING_STATUS)
            : formatLabel(FROM_QUEUE_KEEPS_STATUS, owner, this.takenCase?.Status?.value ?? '');
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
        /** @type {Record<string, string>} */
        const values = { [OWNER_FIELD.fieldApiName]: USER_ID };
        if (this.movesToWorking) {
            values[STATUS_FIELD.fieldApiName] = WORKING_STATUS;
        }
        this.isSaving = true;
        this.saveError = undefined;
        this.saveError = await saveCase(this, {
            recordId: this.recordId,
            values,
            savedTitle: TAKEN_TITLE,
            savedMessage: TAKEN_MESSAGE
        });
        this.isSaving = false;
    }
}
