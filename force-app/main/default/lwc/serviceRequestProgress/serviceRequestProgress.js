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
import RESPONSE_CATEGORY from '@salesforce/label/c.Service_Request_Progress_Response_Category';
import TEMPORARY_CATEGORY from '@salesforce/label/c.Service_Request_Progress_Temporary_Category';
import FINAL_CATEGORY from '@salesforce/label/c.Service_Request_Progress_Final_Category';
import CATEGORY_PATH from '@salesforce/label/c.Service_Request_Progress_Category_Path';
import NEEDS_ACCEPTANCE from '@salesforce/label/c.Service_Request_Progress_Needs_Acceptance';
import NO_REASONS from '@salesforce/label/c.Service_Request_Progress_No_Reasons';
import STEP_CUSTOMER_ACCEPTED from '@salesforce/label/c.Service_Request_Progress_Step_Customer_Accepted';
import AWAITING_ACCEPTANCE from '@salesforce/label/c.Service_Request_Progress_Awaiting_Acceptance';
import ACCEPTED_MESSAGE from '@salesforce/label/c.Service_Request_Progress_Accepted_Message';

/** @typedef {{ value: string | null, displayValue?: string | null }} FieldValue */
/**
 * @typedef {{ Id: string, OwnerId?: FieldValue, Status: FieldValue, Lifecycle_State__c: FieldValue, Next_Steps__c: FieldValue, Step_Choices__c?: FieldValue, Awaiting_Acceptance__c?: { value: boolean | null }, [field: string]: any }} RequestNode
 * @typedef {{ ApiName: string, updateable: boolean, fields: { ApiName: string, updateable: boolean }[] }} CaseInfo
 * @typedef {{ status: string, state: string }} Step
 * @typedef {{ field: string, label: string }} StepField
 * @typedef {{ field: string, label: string, kind: string }} StepChoice a category or reason, from Step Choices
 * @typedef {{ kind: string, name: string, parent: string, requiresAcceptance: boolean, label: string }} Choice
 */

/**
 * What each life-cycle state's step is called, the text it needs and the choice it offers (Step_Choices__c
 * entries of `kind`). The org requires a response and a cancellation reason of the request's type, and checks a
 * category against the type and step; a step whose type has no categories needs none.
 * @type {Readonly<Record<string, { label: string, field: StepField | null, choice: StepChoice | null }>>}
 */
const STEP_BY_STATE = Object.freeze({
    Responded: {
        label: STEP_RESPOND,
        field: { field: 'Response__c', label: RESPONSE_LABEL },
        choice: { field: 'Response_Category__c', label: RESPONSE_CATEGORY, kind: 'Response' }
    },
    'Temporary Resolved': {
        label: STEP_TEMPORARY,
        field: null,
        choice: { field: 'Temporary_Resolution_Category__c', label: TEMPORARY_CATEGORY, kind: 'Temporary_Resolution' }
    },
    'Final Resolved': {
        label: STEP_FINAL,
        field: null,
        choice: { field: 'Final_Resolution_Category__c', label: FINAL_CATEGORY, kind: 'Final_Resolution' }
    },
    Completed: { label: STEP_COMPLETE, field: null, choice: null },
    Cancelled: {
        label: STEP_CANCEL,
        field: null,
        choice: { field: 'Cancellation_Reason__c', label: REASON_LABEL, kind: 'Cancellation' }
    }
});

/** The order of the life-cycle states: a step to a later state "moves on", which an awaited acceptance holds. */
const STATE_RANK = Object.freeze({
    Pending: 1,
    Responded: 2,
    'Temporary Resolved': 3,
    'Final Resolved': 4,
    Completed: 5,
    Cancelled: 5
});

/** The step that records the customer's acceptance: no status change, only Customer_Accepted_On__c. */
const CUSTOMER_ACCEPTED = '__customer_accepted__';

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
 * `Step:Name:Parent:RequiresAcceptance:Label;` as the Service_Request_Categories flow writes it, the label
 * percent-encoded (`%`, `:` and `;`), since UI API serves no custom metadata records to a component.
 * @param {string | null | undefined} text
 * @returns {Choice[]}
 */
export function parseStepChoices(text) {
    return (text ?? '')
        .split(';')
        .map((entry) => entry.split(':'))
        .filter((parts) => parts.length === 5)
        .map(([kind, name, parent, requiresAcceptance, label]) => ({
            kind,
            name,
            parent,
            requiresAcceptance: requiresAcceptance === 'true',
            label: decodeURIComponent(label)
        }));
}

/**
 * A choice's label with its ancestors' ("Parent › Child"), from the same step's choices.
 * @param {Choice} choice
 * @param {Choice[]} choices
 * @returns {string}
 */
export function choicePath(choice, choices) {
    let path = choice.label;
    const seen = new Set([choice.name]);
    let parent = choices.find((candidate) => candidate.kind === choice.kind && candidate.name === choice.parent);
    while (parent && !seen.has(parent.name)) {
        seen.add(parent.name);
        path = formatLabel(CATEGORY_PATH, parent.label, path);
        const grandparentName = parent.parent;
        parent = choices.find((candidate) => candidate.kind === choice.kind && candidate.name === grandparentName);
    }
    return path;
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
    /** @type {string} the chosen category or reason (its record name) */
    choiceValue = '';

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
                                    Step_Choices__c {
                                        value
                                    }
                                    Awaiting_Acceptance__c {
                                        value
                                    }
                                    Response_Category__c {
                                        value
                                    }
                                    Temporary_Resolution_Category__c {
                                        value
                                    }
                                    Final_Resolution_Category__c {
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
            this.choiceValue = '';
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

    /** The org holds a request whose current category requires acceptance until the customer accepts. */
    get isAwaitingAcceptance() {
        return this.request?.Awaiting_Acceptance__c?.value === true;
    }

    /**
     * The configured next steps; while an acceptance is awaited, the acceptance step and the steps back only
     * (the org refuses moving on).
     * @returns {Step[]}
     */
    get steps() {
        const configured = parseNextSteps(this.request?.Next_Steps__c?.value);
        if (!this.isAwaitingAcceptance) {
            return configured;
        }
        const currentRank = STATE_RANK[/** @type {keyof typeof STATE_RANK} */ (this.currentState)] ?? 0;
        const back = configured.filter(
            (step) => (STATE_RANK[/** @type {keyof typeof STATE_RANK} */ (step.state)] ?? 0) <= currentRank
        );
        return [{ status: CUSTOMER_ACCEPTED, state: '' }, ...back];
    }

    get currentState() {
        return this.request?.Lifecycle_State__c?.value ?? '';
    }

    /** @returns {Choice[]} */
    get choices() {
        return parseStepChoices(this.request?.Step_Choices__c?.value);
    }

    get chosenStep() {
        const step = this.steps.find((candidate) => candidate.status === this.chosenStatus);
        return step ? STEP_BY_STATE[/** @type {keyof typeof STEP_BY_STATE} */ (step.state)] : undefined;
    }

    get isAcceptanceChosen() {
        return this.chosenStatus === CUSTOMER_ACCEPTED;
    }

    /** @returns {StepField | null} */
    get chosenField() {
        return this.chosenStep?.field ?? null;
    }

    /** The chosen step's category or reason, when its type configures some (a reason is always needed). */
    get chosenChoice() {
        const choice = this.chosenStep?.choice;
        if (!choice) {
            return null;
        }
        const options = this.choices
            .filter((candidate) => candidate.kind === choice.kind)
            .map((candidate) => ({
                label: candidate.requiresAcceptance
                    ? formatLabel(NEEDS_ACCEPTANCE, choicePath(candidate, this.choices))
                    : choicePath(candidate, this.choices),
                value: candidate.name
            }))
            .sort((a, b) => a.label.localeCompare(b.label));
        const isReason = choice.kind === 'Cancellation';
        if (options.length === 0 && !isReason) {
            return null;
        }
        return { ...choice, options, showsNoOptions: options.length === 0 };
    }

    get noReasonsText() {
        return NO_REASONS;
    }

    /** The fields the chosen step writes besides the status. */
    get chosenFieldNames() {
        if (this.isAcceptanceChosen) {
            return ['Customer_Accepted_On__c'];
        }
        return [this.chosenField?.field, this.chosenChoice?.field].filter((name) => Boolean(name));
    }

    /** Edit on Case, on Status and on the fields the steps need. */
    get canProgress() {
        const info = this.caseInfo;
        const editable = (/** @type {string | undefined} */ name) =>
            Boolean(info?.fields.some((field) => field.ApiName === name && field.updateable));
        return Boolean(info?.updateable) && editable('Status') && this.chosenFieldNames.every(editable);
    }

    /** The current step's category, when the org waits for the customer to accept it. */
    get awaitingText() {
        const choice = STEP_BY_STATE[/** @type {keyof typeof STEP_BY_STATE} */ (this.currentState)]?.choice;
        const name = choice ? this.request?.[choice.field]?.value : undefined;
        const category = this.choices.find((candidate) => candidate.kind === choice?.kind && candidate.name === name);
        return formatLabel(AWAITING_ACCEPTANCE, category ? choicePath(category, this.choices) : (name ?? ''));
    }

    get showsAwaiting() {
        return this.showsForm && this.isAwaitingAcceptance;
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
            label:
                step.status === CUSTOMER_ACCEPTED
                    ? STEP_CUSTOMER_ACCEPTED
                    : formatLabel(
                          STEP_BY_STATE[/** @type {keyof typeof STEP_BY_STATE} */ (step.state)]?.label ?? STEP_OTHER,
                          step.status
                      ),
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
            Boolean(this.chosenField && !this.fieldValue.trim()) ||
            Boolean(this.chosenChoice && !this.choiceValue)
        );
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleStepChange(event) {
        this.chosenStatus = event.detail.value;
        this.fieldValue = '';
        this.choiceValue = '';
        this.saveError = undefined;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleFieldChange(event) {
        this.fieldValue = event.detail.value ?? '';
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleChoiceChange(event) {
        this.choiceValue = event.detail.value ?? '';
    }

    /** What the chosen step writes: the acceptance time, or the status with its text and choice. */
    stepValues() {
        if (this.isAcceptanceChosen) {
            return { Customer_Accepted_On__c: new Date().toISOString() };
        }
        /** @type {Record<string, string>} */
        const values = { Status: this.chosenStatus };
        if (this.chosenField) {
            values[this.chosenField.field] = this.fieldValue.trim();
        }
        if (this.chosenChoice) {
            values[this.chosenChoice.field] = this.choiceValue;
        }
        return values;
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
        const values = this.stepValues();
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
                    message: this.isAcceptanceChosen ? ACCEPTED_MESSAGE : formatLabel(SAVED_MESSAGE, this.chosenStatus),
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
