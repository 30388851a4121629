import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import { formatLabel } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Service_Request_Progress_Title';
import CURRENT from '@salesforce/label/c.Service_Request_Progress_Current';
import NEXT_STEP from '@salesforce/label/c.Service_Request_Progress_Next_Step';
import NO_NEXT_STEP from '@salesforce/label/c.Service_Request_Progress_No_Next_Step';
import STEP_RESPOND from '@salesforce/label/c.Service_Request_Progress_Step_Respond';
import STEP_TEMPORARY from '@salesforce/label/c.Service_Request_Progress_Step_Temporary_Resolve';
import STEP_FINAL from '@salesforce/label/c.Service_Request_Progress_Step_Final_Resolve';
import STEP_COMPLETE from '@salesforce/label/c.Service_Request_Progress_Step_Complete';
import STEP_CANCEL from '@salesforce/label/c.Service_Request_Progress_Step_Cancel';
import STEP_OTHER from '@salesforce/label/c.Service_Request_Progress_Step_Other';
import RESPONSE_LABEL from '@salesforce/label/c.Service_Request_Progress_Response';
import REASON_LABEL from '@salesforce/label/c.Service_Request_Progress_Reason';
import SAVE from '@salesforce/label/c.Service_Request_Progress_Save';
import CANCEL from '@salesforce/label/c.Service_Request_Progress_Cancel';
import CLOSE from '@salesforce/label/c.Service_Request_Progress_Close';
import LOADING from '@salesforce/label/c.Service_Request_Progress_Loading';
import LOAD_FAILED from '@salesforce/label/c.Service_Request_Progress_Load_Failed';
import SAVE_FAILED from '@salesforce/label/c.Service_Request_Progress_Save_Failed';
import NOT_A_REQUEST from '@salesforce/label/c.Service_Request_Progress_Not_A_Request';
import READ_ONLY from '@salesforce/label/c.Service_Request_Progress_Read_Only';
import TAKE_FIRST from '@salesforce/label/c.Service_Request_Progress_Take_First';
import SAVED_TITLE from '@salesforce/label/c.Service_Request_Progress_Saved_Title';
import SAVED_MESSAGE from '@salesforce/label/c.Service_Request_Progress_Saved_Message';

/** @typedef {{ value: string | null, displayValue?: string | null }} FieldValue */
/**
 * @typedef {{ Id: string, OwnerId?: FieldValue, Status: FieldValue, Lifecycle_State__c: FieldValue, Next_Steps__c: FieldValue }} RequestNode
 * @typedef {{ ApiName: string, updateable: boolean, fields: { ApiName: string, updateable: boolean }[] }} CaseInfo
 * @typedef {{ status: string, state: string }} Step
 * @typedef {{ field: string, label: string }} StepField
 */

/**
 * What each life-cycle state's step is called, and the field it needs (the org requires the same).
 * @type {Readonly<Record<string, { label: string, field: StepField | null }>>}
 */
const STEP_BY_STATE = Object.freeze({
    Responded: { label: STEP_RESPOND, field: { field: 'Response__c', label: RESPONSE_LABEL } },
    'Temporary Resolved': { label: STEP_TEMPORARY, field: null },
    'Final Resolved': { label: STEP_FINAL, field: null },
    Completed: { label: STEP_COMPLETE, field: null },
    Cancelled: { label: STEP_CANCEL, field: { field: 'Cancellation_Reason__c', label: REASON_LABEL } }
});

/** Ids of groups (queues among them) start with 00G; the org's Service_Request_Accept_Before_Progress rule checks the same. */
const QUEUE_ID_PREFIX = '00G';

const CASE_OBJECT_INFO_INPUTS = Object.freeze([{ apiName: 'Case' }]);

const PROGRESS_MUTATION = gql`
    mutation ProgressServiceRequest($input: CaseUpdateInput!) {
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
 * `Status:State;Status:State;` as the Service_Request_Lifecycle flow writes it (the configuration's next steps).
 * @param {string | null | undefined} text
 * @returns {Step[]}
 */
export function parseNextSteps(text) {
    return (text ?? '')
        .split(';')
        .filter((entry) => entry.includes(':'))
        .map((entry) => {
            const separator = entry.lastIndexOf(':');
            return { status: entry.slice(0, separator), state: entry.slice(separator + 1) };
        });
}

/**
 * The Service Request Progress quick action: the request's state, the next steps its configuration allows, the
 * field each step needs, and one mutation per step. The org enforces the same rules for every client; its
 * message is shown when it refuses a step (a permission, an open activity...).
 */
export default class ServiceRequestProgress extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, NEXT_STEP, NO_NEXT_STEP, SAVE, CANCEL, CLOSE, LOADING };

    isLoading = true;
    isSaving = false;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    /** @type {RequestNode | undefined} */
    request;
    /** @type {CaseInfo | undefined} */
    caseInfo;
    /** @type {string} the status of the chosen step */
    chosenStatus = '';
    /** @type {string} */
    fieldValue = '';

    /**
     * @param {import('lightning/graphql').GraphQLResult<{ uiapi: { query: { Case: { edges: { node: RequestNode }[] } }, objectInfos: CaseInfo[] } }>} result
     */
    @wire(graphql, {
        query: gql`
            query ServiceRequestProgress($caseId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
                uiapi {
                    query {
                        Case(where: { Id: { eq: $caseId } }) {
                            edges {
                                node {
                                    Id
                                    OwnerId {
                                        value
                                    }
                                    Status {
                                        value
                                        displayValue
                                    }
                                    Lifecycle_State__c {
                                        value
                                    }
                                    Next_Steps__c {
                                        value
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
        `,
        variables: '$caseVariables'
    })
    wiredRequest({ data, errors }) {
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.isLoading = false;
        this.request = data.uiapi.query.Case.edges[0]?.node;
        this.caseInfo = (data.uiapi.objectInfos ?? []).find((info) => info.ApiName === 'Case');
        this.loadError = this.request ? undefined : [];
        if (!this.steps.some((step) => step.status === this.chosenStatus)) {
            this.chosenStatus = this.steps[0]?.status ?? '';
            this.fieldValue = '';
        }
    }

    get caseVariables() {
        return { caseId: this.recordId, objectInfoInputs: CASE_OBJECT_INFO_INPUTS };
    }

    get isLoaded() {
        return !this.isLoading && !this.loadError && Boolean(this.request);
    }

    /** The org sets the life-cycle state on every service request, and only on them (Service_Request_Lifecycle). */
    get isServiceRequest() {
        return Boolean(this.request?.Lifecycle_State__c?.value);
    }

    get showsNotARequest() {
        return this.isLoaded && !this.isServiceRequest;
    }

    /** @returns {Step[]} */
    get steps() {
        return parseNextSteps(this.request?.Next_Steps__c?.value);
    }

    /** @returns {StepField | null} */
    get chosenField() {
        const step = this.steps.find((candidate) => candidate.status === this.chosenStatus);
        return step ? (STEP_BY_STATE[step.state]?.field ?? null) : null;
    }

    /** Edit on Case, on Status and on the fields the steps need. */
    get canProgress() {
        const info = this.caseInfo;
        const editable = (/** @type {string} */ name) =>
            Boolean(info?.fields.some((field) => field.ApiName === name && field.updateable));
        return (
            Boolean(info?.updateable) && editable('Status') && (!this.chosenField || editable(this.chosenField.field))
        );
    }

    /** A request a department's queue owns is accepted (Take) before it moves on; the org refuses it otherwise. */
    get isQueueOwned() {
        return Boolean(this.request?.OwnerId?.value?.startsWith(QUEUE_ID_PREFIX));
    }

    get showsTakeFirst() {
        return this.isLoaded && this.isServiceRequest && this.canProgress && this.isQueueOwned;
    }

    get showsForm() {
        return (
            this.isLoaded && this.isServiceRequest && this.canProgress && !this.isQueueOwned && this.steps.length > 0
        );
    }

    get showsReadOnly() {
        return this.isLoaded && this.isServiceRequest && !this.canProgress;
    }

    get showsNoNextStep() {
        return (
            this.isLoaded && this.isServiceRequest && this.canProgress && !this.isQueueOwned && this.steps.length === 0
        );
    }

    get currentText() {
        const status = this.request?.Status?.displayValue ?? this.request?.Status?.value ?? '';
        return formatLabel(CURRENT, status, this.request?.Lifecycle_State__c?.value ?? '');
    }

    get stepOptions() {
        return this.steps.map((step) => ({
            label: formatLabel(STEP_BY_STATE[step.state]?.label ?? STEP_OTHER, step.status),
            value: step.status
        }));
    }

    get notARequestText() {
        return NOT_A_REQUEST;
    }

    get takeFirstText() {
        return TAKE_FIRST;
    }

    get readOnlyText() {
        return READ_ONLY;
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    get saveFailedMessage() {
        return SAVE_FAILED;
    }

    get isSaveDisabled() {
        return (
            !this.showsForm ||
            this.isSaving ||
            !this.chosenStatus ||
            Boolean(this.chosenField && !this.fieldValue.trim())
        );
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleStepChange(event) {
        this.chosenStatus = event.detail.value;
        this.fieldValue = '';
        this.saveError = undefined;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleFieldChange(event) {
        this.fieldValue = event.detail.value ?? '';
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    async handleSave() {
        if (this.isSaveDisabled) {
            return;
        }
        this.isSaving = true;
        this.saveError = undefined;
        /** @type {Record<string, string>} */
        const values = { Status: this.chosenStatus };
        if (this.chosenField) {
            values[this.chosenField.field] = this.fieldValue.trim();
        }
        try {
            const result = await executeMutation({
                query: PROGRESS_MUTATION,
                operationName: 'ProgressServiceRequest',
                variables: { input: { Id: this.recordId, Case: values } }
            });
            if (result.errors?.length) {
                this.saveError = result.errors;
                return;
            }
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            this.dispatchEvent(new RefreshEvent());
            this.dispatchEvent(
                new ShowToastEvent({
                    title: SAVED_TITLE,
                    message: formatLabel(SAVED_MESSAGE, this.chosenStatus),
                    variant: 'success'
                })
            );
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.saveError = error;
        } finally {
            this.isSaving = false;
        }
    }
}
