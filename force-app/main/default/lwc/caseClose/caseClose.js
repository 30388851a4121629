import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import { getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { CloseActionScreenEvent } from 'lightning/actions';
import CASE_OBJECT from '@salesforce/schema/Case';
import STATUS_FIELD from '@salesforce/schema/Case.Status';
import RESOLUTION_FIELD from '@salesforce/schema/Case.Resolution__c';
import {
    CASE_OWNER_ACTION_QUERY,
    LOADING_CASE,
    actionState,
    caseOwnerActionVariables,
    loadedCase,
    saveCase
} from 'c/caseOwnerAction';
import TITLE from '@salesforce/label/c.Case_Close_Title';
import LOADING from '@salesforce/label/c.Case_Close_Loading';
import NO_ACCESS from '@salesforce/label/c.Case_Close_No_Access';
import STATUS from '@salesforce/label/c.Case_Close_Status';
import RESOLUTION from '@salesforce/label/c.Case_Close_Resolution';
import CLOSE from '@salesforce/label/c.Case_Close_Button';
import CANCEL from '@salesforce/label/c.Case_Close_Cancel';
import ALREADY_CLOSED from '@salesforce/label/c.Case_Close_Already_Closed';
import CLOSED_TITLE from '@salesforce/label/c.Case_Close_Closed_Title';
import CLOSED_MESSAGE from '@salesforce/label/c.Case_Close_Closed_Message';
import CLOSE_FAILED from '@salesforce/label/c.Case_Close_Failed';
import LOAD_FAILED from '@salesforce/label/c.Case_Close_Load_Failed';

/** The master record type's id, for a case without a record type (UI API "Record Type" representation). */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/**
 * @typedef {{ value: string, label: string, attributes: { closed?: boolean } | null }} StatusValue
 */

/**
 * The Close quick action: a closed status of the case's support process and a resolution, in one mutation, so a
 * case is never closed without its resolution.
 */
export default class CaseClose extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, NO_ACCESS, STATUS, RESOLUTION, CLOSE, CANCEL };

    /** @type {import('c/caseOwnerAction').LoadedCase} */
    loaded = LOADING_CASE;
    /** @type {{ label: string, value: string }[] | undefined} */
    closedStatuses;
    /** @type {any} */
    statusesError;
    /** @type {any} */
    saveError;
    isSaving = false;
    status = '';
    resolution = '';

    /** @param {{ data?: any, errors?: any }} result */
    @wire(graphql, { query: CASE_OWNER_ACTION_QUERY, variables: '$caseVariables' })
    wiredCase(result) {
        this.loaded = loadedCase(result) ?? this.loaded;
    }

    /**
     * The closed statuses come from the record type's Status values (its support process): UI API marks each Case
     * Status value with `attributes.closed` ("Case Status Picklist Value Attributes", UI API Developer Guide).
     * @param {{ data?: { picklistFieldValues: Record<string, { values: StatusValue[] }> }, error?: any }} result
     */
    @wire(getPicklistValuesByRecordType, { objectApiName: CASE_OBJECT, recordTypeId: '$recordTypeId' })
    wiredStatuses({ data, error }) {
        if (error) {
            this.statusesError = error;
            return;
        }
        if (!data) {
            return;
        }
        this.closedStatuses = data.picklistFieldValues[STATUS_FIELD.fieldApiName].values
            .filter((v) => v.attributes?.closed === true)
            .map((v) => ({ label: v.label, value: v.value }));
        if (this.closedStatuses.length === 1) {
            this.status = this.closedStatuses[0].value;
        }
    }

    get caseVariables() {
        return caseOwnerActionVariables(this.recordId);
    }

    get caseToClose() {
        return this.loaded.ownedCase;
    }

    /** Waits for the case: its record type decides the support process, so the statuses it may close with. */
    get recordTypeId() {
        if (!this.caseToClose) {
            return undefined;
        }
        return this.caseToClose.RecordTypeId?.value ?? MASTER_RECORD_TYPE_ID;
    }

    /** @returns {import('c/caseOwnerAction').ActionState} */
    get state() {
        // The case's load failure first, else the statuses'; the form waits for the statuses too.
        const loadError = this.loaded.loadError ?? this.statusesError;
        const isLoading = !loadError && (!this.caseToClose || !this.closedStatuses);
        // Close writes the status and the resolution.
        const fields = [STATUS_FIELD.fieldApiName, RESOLUTION_FIELD.fieldApiName];
        return actionState({ ...this.loaded, isLoading, loadError }, fields);
    }

    get showForm() {
        return this.state.showsCase && !this.state.isClosed;
    }

    get alreadyClosedMessage() {
        return ALREADY_CLOSED;
    }

    /** Both a closed status and a resolution are required: Close stays disabled until both are given. */
    get isCloseDisabled() {
        return !this.showForm || this.isSaving || !this.status || !this.resolution.trim();
    }

    get closeFailedMessage() {
        return CLOSE_FAILED;
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleStatusChange(event) {
        this.status = event.detail.value;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleResolutionChange(event) {
        this.resolution = event.detail.value;
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    async handleClose() {
        if (this.isCloseDisabled) {
            return;
        }
        this.isSaving = true;
        this.saveError = undefined;
        this.saveError = await saveCase(this, {
            recordId: this.recordId,
            values: {
                [STATUS_FIELD.fieldApiName]: this.status,
                [RESOLUTION_FIELD.fieldApiName]: this.resolution.trim()
            },
            savedTitle: CLOSED_TITLE,
            savedMessage: CLOSED_MESSAGE
        });
        this.isSaving = false;
    }
}
