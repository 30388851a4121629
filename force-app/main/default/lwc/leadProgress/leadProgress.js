import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import USER_ID from '@salesforce/user/Id';
import {
    CANCELLATION_REASON_FIELD,
    LOST_REASON_FIELD,
    lifecycleState,
    sameId,
    stepFields,
    stepsFor,
    stepsInProcess
} from 'c/leadLifecycle';
import { formatLabel } from 'c/labelFormat';
import TITLE from '@salesforce/label/c.Lead_Progress_Title';
import LOADING from '@salesforce/label/c.Lead_Progress_Loading';
import LOAD_FAILED from '@salesforce/label/c.Lead_Progress_Load_Failed';
import SAVE_FAILED from '@salesforce/label/c.Lead_Progress_Save_Failed';
import STATUS from '@salesforce/label/c.Lead_Progress_Status';
import STEPS from '@salesforce/label/c.Lead_Progress_Steps';
import ACCEPT from '@salesforce/label/c.Lead_Progress_Accept';
import START from '@salesforce/label/c.Lead_Progress_Start';
import WON from '@salesforce/label/c.Lead_Progress_Won';
import LOST from '@salesforce/label/c.Lead_Progress_Lost';
import CANCEL_LEAD from '@salesforce/label/c.Lead_Progress_Cancel_Lead';
import CHOOSE_REASON from '@salesforce/label/c.Lead_Progress_Choose_Reason';
import CONFIRM from '@salesforce/label/c.Lead_Progress_Confirm';
import BACK from '@salesforce/label/c.Lead_Progress_Back';
import CLOSE from '@salesforce/label/c.Lead_Progress_Close';
import CONVERT_HINT from '@salesforce/label/c.Lead_Progress_Convert_Hint';
import NO_STEP from '@salesforce/label/c.Lead_Progress_No_Step';
import OUTSIDE_LIFECYCLE from '@salesforce/label/c.Lead_Progress_Outside_Lifecycle';
import READ_ONLY from '@salesforce/label/c.Lead_Progress_Read_Only';
import SAVED from '@salesforce/label/c.Lead_Progress_Saved';

/** @typedef {import('c/leadLifecycle').Step} Step */
/** @typedef {{ value: string | null, displayValue?: string | null }} FieldValue */
/**
 * @typedef {{ Id: string, Status: FieldValue, OwnerId: FieldValue, RecordTypeId: FieldValue,
 *   IsConverted: { value: boolean | null } }} LeadNode
 * @typedef {{ value: string, label: string }} PicklistEntry
 * @typedef {{ ApiName: string, label?: string, updateable: boolean,
 *   picklistValuesByRecordTypeIDs?: { recordTypeID: string, picklistValues: PicklistEntry[] }[] }} FieldInfo
 * @typedef {{ ApiName: string, updateable: boolean, fields: FieldInfo[] }} LeadInfo
 */

const STEP_LABELS = { accept: ACCEPT, start: START, won: WON, lost: LOST, cancel: CANCEL_LEAD };

// One mutation per step: the step's fields (and its reason) on the lead, nothing else.
const PROGRESS_MUTATION = gql`
    mutation LeadProgressStep($input: LeadUpdateInput!) {
        uiapi {
            LeadUpdate(input: $input) {
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

// Lead's access, the Status values each lead type's process offers and the reasons' picklist values: those come back
// only when objectInfoInputs names recordTypeIDs (`[]`: every record type and Master), here for these three fields
// only (GraphQL API Developer Guide, "Get Object Metadata").
const LEAD_OBJECT_INFO_INPUTS = Object.freeze([
    Object.freeze({
        apiName: 'Lead',
        recordTypeIDs: Object.freeze([]),
        fieldNames: Object.freeze(['Status', LOST_REASON_FIELD, CANCELLATION_REASON_FIELD])
    })
]);

// A lead without a record type has the Master record type's values (UI API: the master record type's Id).
const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/**
 * The Lead Progress quick action: shows the lead's life-cycle status and offers its next steps. Accept, Start
 * Progress, Lost and Cancel are one GraphQL mutation each; the org's validation rules enforce the same rules.
 * Won is the standard Convert: lead conversion is not available through UI API or flows without Apex, so the
 * action says to use Convert on the lead's page.
 */
export default class LeadProgress extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = {
        TITLE,
        LOADING,
        LOAD_FAILED,
        SAVE_FAILED,
        STEPS,
        CHOOSE_REASON,
        CONFIRM,
        BACK,
        CLOSE,
        CONVERT_HINT,
        READ_ONLY
    };

    /** @type {LeadNode | undefined} */
    lead;
    /** @type {LeadInfo | undefined} */
    leadInfo;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    isLoading = true;
    isSaving = false;
    /** @type {Step | null} the step waiting for its reason */
    pendingStep = null;
    /** @type {string | null} */
    reason = null;
    showsConvert = false;

    /**
     * @param {import('lightning/graphql').GraphQLResult<{ uiapi: { query: { Lead: { edges: { node: LeadNode }[] } }, objectInfos: LeadInfo[] } }>} result
     */
    @wire(graphql, {
        query: gql`
            query LeadProgressLead($leadId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
                uiapi {
                    query {
                        Lead(where: { Id: { eq: $leadId } }) {
                            edges {
                                node {
                                    Id
                                    Status {
                                        value
                                        displayValue
                                    }
                                    OwnerId {
                                        value
                                    }
                                    RecordTypeId {
                                        value
                                    }
                                    IsConverted {
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
                            label
                            updateable
                            ... on PicklistField {
                                picklistValuesByRecordTypeIDs {
                                    recordTypeID
                                    picklistValues {
                                        value
                                        label
                                    }
                                }
                            }
                        }
                    }
                }
            }
        `,
        variables: '$leadVariables'
    })
    wiredLead({ data, errors }) {
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.isLoading = false;
        this.lead = data.uiapi.query.Lead.edges[0]?.node;
        this.leadInfo = (data.uiapi.objectInfos ?? []).find((info) => info.ApiName === 'Lead');
        this.loadError = this.lead ? undefined : [];
    }

    get leadVariables() {
        return { leadId: this.recordId, objectInfoInputs: LEAD_OBJECT_INFO_INPUTS };
    }

    get isLoaded() {
        return !this.isLoading && !this.loadError && Boolean(this.lead);
    }

    /** @param {string} apiName */
    fieldInfo(apiName) {
        return this.leadInfo?.fields.find((field) => field.ApiName === apiName);
    }

    /** Whether the user may change the lead's status (UI API's updateable joins object and field access). */
    get canProgress() {
        return Boolean(this.leadInfo?.updateable) && Boolean(this.fieldInfo('Status')?.updateable);
    }

    get steps() {
        const lead = this.lead;
        if (!lead) {
            return [];
        }
        const steps = stepsFor(
            { status: lead.Status.value, ownerId: lead.OwnerId.value, isConverted: Boolean(lead.IsConverted.value) },
            USER_ID
        );
        return stepsInProcess(steps, this.processStatuses);
    }

    /** The Status values the lead's type (record type, through its lead process) offers; null when not known. */
    get processStatuses() {
        const recordTypeId = this.lead?.RecordTypeId?.value || MASTER_RECORD_TYPE_ID;
        const byType = this.fieldInfo('Status')?.picklistValuesByRecordTypeIDs ?? [];
        const entry = byType.find((candidate) => sameId(candidate.recordTypeID, recordTypeId));
        return entry ? entry.picklistValues.map((value) => value.value) : null;
    }

    get statusText() {
        return formatLabel(STATUS, this.lead?.Status.displayValue ?? this.lead?.Status.value ?? '');
    }

    get showsReadOnly() {
        return !this.canProgress;
    }

    get showsSteps() {
        return this.canProgress && !this.pendingStep && !this.showsConvert && this.steps.length > 0;
    }

    get showsNoStep() {
        return this.canProgress && this.steps.length === 0;
    }

    get noStepText() {
        const status = this.lead?.Status.displayValue ?? this.lead?.Status.value ?? '';
        return lifecycleState(this.lead?.Status.value) ? formatLabel(NO_STEP, status) : OUTSIDE_LIFECYCLE;
    }

    get stepButtons() {
        return this.steps.map((step, index) => ({
            name: step.name,
            label: STEP_LABELS[step.name],
            variant: index === 0 ? 'brand' : 'neutral',
            className: `step step-${step.name} slds-m-right_x-small`
        }));
    }

    get showsReason() {
        return Boolean(this.pendingStep);
    }

    get reasonLabel() {
        const field = this.pendingStep?.reasonField;
        return (field && this.fieldInfo(field)?.label) || field || '';
    }

    /** The reason picklist's values (the lead's record types share them; the first set is the master's). */
    get reasonOptions() {
        const field = this.pendingStep?.reasonField;
        const byType = (field && this.fieldInfo(field)?.picklistValuesByRecordTypeIDs) || [];
        return (byType[0]?.picklistValues ?? []).map((entry) => ({ label: entry.label, value: entry.value }));
    }

    get isConfirmDisabled() {
        return this.isSaving || !this.reason;
    }

    /** @param {Event} event */
    handleStep(event) {
        const name = /** @type {HTMLElement} */ (event.currentTarget).dataset.step;
        const step = this.steps.find((candidate) => candidate.name === name);
        if (!step) {
            return;
        }
        this.saveError = undefined;
        if (step.convert) {
            this.showsConvert = true;
            return;
        }
        if (step.reasonField) {
            this.pendingStep = step;
            this.reason = null;
            return;
        }
        this.save(step, null);
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleReasonChange(event) {
        this.reason = event.detail.value;
    }

    handleBack() {
        this.pendingStep = null;
        this.reason = null;
    }

    handleConfirm() {
        if (this.pendingStep && this.reason) {
            this.save(this.pendingStep, this.reason);
        }
    }

    handleClose() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    /**
     * @param {Step} step
     * @param {string | null} reason
     */
    async save(step, reason) {
        this.isSaving = true;
        try {
            const result = await executeMutation({
                query: PROGRESS_MUTATION,
                operationName: 'LeadProgressStep',
                variables: { input: { Id: this.recordId, Lead: stepFields(step, reason) } }
            });
            if (result.errors?.length) {
                this.saveError = result.errors;
                return;
            }
            // LDS does not re-run queries after a mutation: the record page is told explicitly.
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            this.dispatchEvent(new RefreshEvent());
            this.dispatchEvent(
                new ShowToastEvent({ title: formatLabel(SAVED, STEP_LABELS[step.name]), variant: 'success' })
            );
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.saveError = error;
        } finally {
            this.isSaving = false;
        }
    }
}
