import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import CASE_OBJECT from '@salesforce/schema/Case';
import STATUS_FIELD from '@salesforce/schema/Case.Status';
import RESOLUTION_FIELD from '@salesforce/schema/Case.Resolution__c';
import TITLE from '@salesforce/label/c.Case_Close_Title';
import LOADING from '@salesforce/label/c.Case_Close_Loading';
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

// One mutation: the closed status and the resolution together, so a case is never closed without its resolution.
const CLOSE_MUTATION = gql`
    mutation CloseCase($input: CaseUpdateInput!) {
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
 * @typedef {{ Id: string, IsClosed: { value: boolean }, RecordTypeId: { value: string | null } }} CaseToClose
 * @typedef {{ value: string, label: string, attributes: { closed?: boolean } | null }} StatusValue
 */

/** The Close quick action: a closed status of the case's support process and a resolution, in one save. */
export default class CaseClose extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, STATUS, RESOLUTION, CLOSE, CANCEL };

    /** @type {CaseToClose | undefined} */
    caseToClose;
    /** @type {{ label: string, value: string }[] | undefined} */
    closedStatuses;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    isSaving = false;
    status = '';
    resolution = '';

    /**
     * @param {import('lightning/graphql').GraphQLResult<{ uiapi: { query: { Case: { edges: { node: CaseToClose }[] } } } }>} result
     */
    @wire(graphql, {
        query: gql`
            query CloseCaseState($caseId: ID) {
                uiapi {
                    query {
                        Case(where: { Id: { eq: $caseId } }) {
                            edges {
                                node {
                                    Id
                                    IsClosed {
                                        value
                                    }
                                    RecordTypeId {
                                        value
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
            return;
        }
        if (!data) {
            return;
        }
        this.caseToClose = data.uiapi.query.Case.edges[0]?.node;
        this.loadError = this.caseToClose ? undefined : [];
    }

    /**
     * The closed statuses come from the record type's Status values (its support process): UI API marks each Case
     * Status value with `attributes.closed` ("Case Status Picklist Value Attributes", UI API Developer Guide).
     * @param {{ data?: { picklistFieldValues: Record<string, { values: StatusValue[] }> }, error?: any }} result
     */
    @wire(getPicklistValuesByRecordType, { objectApiName: CASE_OBJECT, recordTypeId: '$recordTypeId' })
    wiredStatuses({ data, error }) {
        if (error) {
            this.loadError = error;
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
        return { caseId: this.recordId };
    }

    /** Waits for the case: its record type decides the support process, so the statuses it may close with. */
    get recordTypeId() {
        if (!this.caseToClose) {
            return undefined;
        }
        return this.caseToClose.RecordTypeId?.value ?? MASTER_RECORD_TYPE_ID;
    }

    get isLoading() {
        return !this.loadError && (!this.caseToClose || !this.closedStatuses);
    }

    get isLoaded() {
        return !this.loadError && Boolean(this.caseToClose) && Boolean(this.closedStatuses);
    }

    get isClosed() {
        return Boolean(this.caseToClose?.IsClosed?.value);
    }

    get showForm() {
        return this.isLoaded && !this.isClosed;
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
        try {
            const result = await executeMutation({
                query: CLOSE_MUTATION,
                operationName: 'CloseCase',
                variables: {
                    input: {
                        Id: this.recordId,
                        Case: {
                            [STATUS_FIELD.fieldApiName]: this.status,
                            [RESOLUTION_FIELD.fieldApiName]: this.resolution.trim()
                        }
                    }
                }
            });
            if (result.errors?.length) {
                this.saveError = result.errors;
                return;
            }
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            this.dispatchEvent(new RefreshEvent());
            this.dispatchEvent(
                new ShowToastEvent({ title: CLOSED_TITLE, message: CLOSED_MESSAGE, variant: 'success' })
            );
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.saveError = error;
        } finally {
            this.isSaving = false;
        }
    }
}
