import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import CASE_RECORD_TYPE from '@salesforce/schema/Case.RecordTypeId';
import CASE_STATUS from '@salesforce/schema/Case.Status';
import OPPORTUNITY_STAGE from '@salesforce/schema/Opportunity.StageName';
import {
    CONVERTED_WEB_FORM_STATUS,
    FOLLOW_UP_TARGETS,
    draftFollowUp,
    proposeTarget,
    targetByKey
} from 'c/followUpTargets';
import {
    FORM_FIELDS,
    defaultPicklistValue,
    formFields,
    keepValidPicklistValues,
    missingRequired
} from 'c/followUpFields';
import { formatLabel } from 'c/labelFormat';
import { errorCodes, failedOperation } from 'c/ldsUtils';
import TITLE from '@salesforce/label/c.Conversion_Process_Title';
import LOADING from '@salesforce/label/c.Conversion_Process_Loading';
import LOAD_FAILED from '@salesforce/label/c.Conversion_Process_Load_Failed';
import TARGET_LABEL from '@salesforce/label/c.Conversion_Process_Target_Label';
import TARGET_CUSTOMER_REQUEST from '@salesforce/label/c.Conversion_Process_Target_Customer_Request';
import TARGET_SAMPLE_REQUEST from '@salesforce/label/c.Conversion_Process_Target_Sample_Request';
import TARGET_OPPORTUNITY from '@salesforce/label/c.Conversion_Process_Target_Opportunity';
import PROPOSED from '@salesforce/label/c.Conversion_Process_Proposed';
import PROPOSED_NO_TYPE from '@salesforce/label/c.Conversion_Process_Proposed_No_Type';
import UNAVAILABLE_NO_CREATE from '@salesforce/label/c.Conversion_Process_Unavailable_No_Create';
import UNAVAILABLE_NO_LINEAGE from '@salesforce/label/c.Conversion_Process_Unavailable_No_Lineage';
import UNAVAILABLE_RECORD_TYPE from '@salesforce/label/c.Conversion_Process_Unavailable_Record_Type';
import NO_ACCOUNT_CONTACT from '@salesforce/label/c.Conversion_Process_No_Account_Contact';
import NO_ACCOUNT from '@salesforce/label/c.Conversion_Process_No_Account';
import NO_CONTACT from '@salesforce/label/c.Conversion_Process_No_Contact';
import EARLIER_HEADING from '@salesforce/label/c.Conversion_Process_Earlier_Heading';
import EARLIER_HINT from '@salesforce/label/c.Conversion_Process_Earlier_Hint';
import CONFIRM from '@salesforce/label/c.Conversion_Process_Confirm';
import FORM_HEADING from '@salesforce/label/c.Conversion_Process_Form_Heading';
import LINEAGE from '@salesforce/label/c.Conversion_Process_Lineage';
import NEXT from '@salesforce/label/c.Conversion_Process_Next';
import BACK from '@salesforce/label/c.Conversion_Process_Back';
import CONTINUE from '@salesforce/label/c.Conversion_Process_Continue';
import SAVE from '@salesforce/label/c.Conversion_Process_Save';
import CANCEL from '@salesforce/label/c.Conversion_Process_Cancel';
import CONVERTED_TITLE from '@salesforce/label/c.Conversion_Process_Converted_Title';
import CONVERTED_MESSAGE from '@salesforce/label/c.Conversion_Process_Converted_Message';
import ERROR_RULE from '@salesforce/label/c.Conversion_Process_Error_Rule';
import ERROR_REQUIRED from '@salesforce/label/c.Conversion_Process_Error_Required';
import ERROR_ACCESS from '@salesforce/label/c.Conversion_Process_Error_Access';
import ERROR_DUPLICATE from '@salesforce/label/c.Conversion_Process_Error_Duplicate';
import ERROR_WEB_FORM from '@salesforce/label/c.Conversion_Process_Error_Web_Form';
import ERROR_GENERIC from '@salesforce/label/c.Conversion_Process_Error_Generic';
import CANNOT_CONVERT from '@salesforce/label/c.Conversion_Process_Cannot_Convert';
import UNAVAILABLE_NO_EDIT from '@salesforce/label/c.Conversion_Process_Unavailable_No_Edit';
import CLOSE from '@salesforce/label/c.Conversion_Process_Close';

/**
 * @typedef {import('c/followUpTargets').FollowUpTarget} FollowUpTarget
 * @typedef {import('c/followUpTargets').FollowUpTargetKey} FollowUpTargetKey
 * @typedef {import('c/followUpTargets').WebForm} WebForm
 * @typedef {import('c/followUpFields').ObjectInfo} ObjectInfo
 * @typedef {import('c/followUpFields').FormFieldSpec} FormFieldSpec
 * @typedef {import('c/followUpFields').FormValues} FormValues
 * @typedef {import('c/followUpFields').FollowUpForm} FollowUpForm
 * @typedef {'target' | 'confirm' | 'form'} Step
 * @typedef {{ value: any, displayValue?: string | null }} FieldValue
 * @typedef {{ key: FollowUpTargetKey | 'webForm', reason: string }} Unavailability
 * @typedef {{ id: string, url: string, name: string, detail: string }} EarlierFollowUp
 */

/** @type {Record<FollowUpTargetKey, string>} */
const TARGET_LABELS = {
    Customer_Request: TARGET_CUSTOMER_REQUEST,
    Sample_Request: TARGET_SAMPLE_REQUEST,
    Opportunity: TARGET_OPPORTUNITY
};

// The web form, its earlier follow-ups, and what the user may create: one request when the action opens. Custom
// fields are @optional so a user who may not read them (a viewer) still opens the action and sees why they cannot
// convert. Picklist values come back only through objectInfoInputs with recordTypeIDs (GraphQL API Developer
// Guide, "Get Object Metadata": apiNames, or objectInfoInputs naming only apiName, return no picklist values).
const WEB_FORM_QUERY = gql`
    query ConversionProcessWebForm($caseId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
        uiapi {
            query {
                Case(where: { Id: { eq: $caseId } }) {
                    edges {
                        node {
                            Id
                            RecordTypeId {
                                value
                            }
                            CaseNumber {
                                value
                            }
                            Type {
                                value
                                displayValue
                            }
                            Subject {
                                value
                            }
                            Description {
                                value
                            }
                            Priority {
                                value
                            }
                            AccountId {
                                value
                            }
                            Account {
                                Name {
                                    value
                                }
                            }
                            ContactId {
                                value
                            }
                            SuppliedName {
                                value
                            }
                            SuppliedEmail {
                                value
                            }
                            SuppliedPhone {
                                value
                            }
                            SuppliedCompany {
                                value
                            }
                            Web_Street__c @optional {
                                value
                            }
                            Web_City__c @optional {
                                value
                            }
                            Web_Postal_Code__c @optional {
                                value
                            }
                            Web_Country__c @optional {
                                value
                            }
                            Converted_Follow_Ups__r(first: 50, orderBy: { CreatedDate: { order: DESC } }) @optional {
                                edges {
                                    node {
                                        Id
                                        RecordTypeId {
                                            value
                                        }
                                        CaseNumber {
                                            value
                                        }
                                        Subject {
                                            value
                                        }
                                        Status {
                                            displayValue
                                        }
                                    }
                                }
                            }
                            Converted_Opportunities__r(first: 50, orderBy: { CreatedDate: { order: DESC } }) @optional {
                                edges {
                                    node {
                                        Id
                                        Name {
                                            value
                                        }
                                        StageName {
                                            displayValue
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            objectInfos(objectInfoInputs: $objectInfoInputs) {
                ApiName
                label
                labelPlural
                createable
                updateable
                recordTypeInfos {
                    recordTypeId
                    name
                    available
                    master
                    defaultRecordTypeMapping
                }
                fields {
                    ApiName
                    label
                    createable
                    updateable
                    required
                    ... on PicklistField {
                        picklistValuesByRecordTypeIDs {
                            recordTypeID
                            defaultValue {
                                value
                            }
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
`;

/**
 * The follow-up objects' metadata with picklist values for every record type (`recordTypeIDs: []` means all of
 * them, "Get Object Metadata"): the form offers the values of the record type the agent picks.
 */
const FOLLOW_UP_OBJECT_INFO_INPUTS = Object.freeze([
    Object.freeze({ apiName: 'Case', recordTypeIDs: Object.freeze([]) }),
    Object.freeze({ apiName: 'Opportunity', recordTypeIDs: Object.freeze([]) })
]);

// One request, all or none: the follow-up is created with its lineage and the web form is closed, or neither.
const CONVERT_TO_CASE_MUTATION = gql`
    mutation ConvertWebFormToCase($followUp: CaseCreateInput!, $webForm: CaseUpdateInput!) {
        uiapi(input: { allOrNone: true }) {
            followUp: CaseCreate(input: $followUp) {
                Record {
                    Id
                    CaseNumber {
                        value
                    }
                }
            }
            webForm: CaseUpdate(input: $webForm) {
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

const CONVERT_TO_OPPORTUNITY_MUTATION = gql`
    mutation ConvertWebFormToOpportunity($followUp: OpportunityCreateInput!, $webForm: CaseUpdateInput!) {
        uiapi(input: { allOrNone: true }) {
            followUp: OpportunityCreate(input: $followUp) {
                Record {
                    Id
                    Name {
                        value
                    }
                }
            }
            webForm: CaseUpdate(input: $webForm) {
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
 * Error codes the org reports (in a GraphQL error's extensions, or leading its message), grouped by what the agent
 * can do about them.
 * @type {Record<string, string>}
 */
const ERROR_SUMMARY_BY_CODE = {
    FIELD_CUSTOM_VALIDATION_EXCEPTION: ERROR_RULE,
    FIELD_INTEGRITY_EXCEPTION: ERROR_RULE,
    INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST: ERROR_RULE,
    STRING_TOO_LONG: ERROR_RULE,
    INVALID_EMAIL_ADDRESS: ERROR_RULE,
    REQUIRED_FIELD_MISSING: ERROR_REQUIRED,
    INSUFFICIENT_ACCESS_OR_READONLY: ERROR_ACCESS,
    INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY: ERROR_ACCESS,
    INVALID_FIELD_FOR_INSERT_UPDATE: ERROR_ACCESS,
    INVALID_CROSS_REFERENCE_KEY: ERROR_ACCESS,
    DUPLICATES_DETECTED: ERROR_DUPLICATE
};

/**
 * The web form's operation as an error names it: Salesforce's `paths` name the field (CaseUpdate, the only update
 * in both conversion mutations), the GraphQL spec's `path` the alias.
 */
const WEB_FORM_OPERATIONS = ['webForm', 'CaseUpdate'];

/**
 * The summary above the org's own messages: what failed, in the agent's words, and that nothing was saved.
 * With allOrNone the org reports the failed operation first and a rollback notice for the others, so the web form
 * is to blame only when its operation is the first one reported.
 * @param {any} errors the GraphQL errors of the mutation, or what the request threw
 * @returns {string}
 */
function errorSummary(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    if (WEB_FORM_OPERATIONS.includes(failedOperation(list) ?? '')) {
        return ERROR_WEB_FORM;
    }
    const summary = errorCodes(list)
        .map((code) => ERROR_SUMMARY_BY_CODE[code])
        .find(Boolean);
    if (summary) {
        return summary;
    }
    // A field or operation missing from the user's schema, or an object they may not create.
    const refused = list.some(
        (error) => error?.extensions?.ErrorType === 'ValidationError' || /cannot be inserted/.test(error?.message ?? '')
    );
    return refused ? ERROR_ACCESS : ERROR_GENERIC;
}

/**
 * @param {FieldValue | null | undefined} field
 * @returns {string | null}
 */
function valueOf(field) {
    return field?.value ?? null;
}

/**
 * @param {string} objectApiName
 * @param {string} id
 * @returns {string}
 */
function recordUrl(objectApiName, id) {
    return `/lightning/r/${objectApiName}/${id}/view`;
}

/**
 * The Conversion Process quick action on a web-form case: the agent picks the follow-up (proposed from the web
 * form's Type), confirms, completes the pre-filled record and saves. One all-or-none mutation creates the follow-up
 * with its lineage and closes the web form as Closed - Accepted.
 * The form step is c-conversion-form, split out so that this file holds the steps, the data and the save.
 */
export default class ConversionProcess extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = {
        TITLE,
        LOADING,
        LOAD_FAILED,
        TARGET_LABEL,
        EARLIER_HEADING,
        EARLIER_HINT,
        NEXT,
        BACK,
        CONTINUE,
        SAVE,
        CANCEL,
        CLOSE
    };

    /** @type {Step} */
    step = 'target';
    isLoading = true;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    saveErrorSummary = '';
    isSaving = false;

    /** @type {WebForm | undefined} */
    webForm;
    /** @type {string | null} */
    webFormRecordTypeId = null;
    webFormCaseNumber = '';
    /** @type {string | null} */
    webFormType = null;
    /** @type {string | null} */
    webFormTypeLabel = null;
    /** @type {EarlierFollowUp[]} */
    earlierFollowUps = [];
    /** @type {Record<string, ObjectInfo>} */
    objectInfos = {};

    /** @type {FollowUpTargetKey} */
    targetKey = 'Customer_Request';
    /** @type {FollowUpTargetKey} */
    proposedKey = 'Customer_Request';
    /** @type {FormValues} the new record's values as the agent edits them */
    values = {};
    /** @type {string | null} */
    recordTypeId = null;
    /** @type {FollowUpTargetKey | null} the target the current values were drafted for */
    draftTargetKey = null;

    /**
     * @param {import('lightning/graphql').GraphQLResult<any>} result
     */
    @wire(graphql, { query: WEB_FORM_QUERY, variables: '$webFormVariables' })
    wiredWebForm({ data, errors }) {
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        const node = data.uiapi.query.Case.edges[0]?.node;
        /** @type {ObjectInfo[]} */
        const infos = data.uiapi.objectInfos ?? [];
        this.objectInfos = Object.fromEntries(infos.map((info) => [info.ApiName, info]));
        this.isLoading = false;
        if (!node) {
            // Deleted, or not shared with the user: nothing to convert, and no message beyond the summary.
            this.loadError = [];
            return;
        }
        this.loadError = undefined;
        this.readWebForm(node);
    }

    get webFormVariables() {
        return { caseId: this.recordId, objectInfoInputs: FOLLOW_UP_OBJECT_INFO_INPUTS };
    }

    /** @param {any} node the web form's GraphQL node */
    readWebForm(node) {
        const firstRead = !this.webForm;
        this.webForm = {
            Id: node.Id,
            Subject: valueOf(node.Subject),
            Description: valueOf(node.Description),
            Priority: valueOf(node.Priority),
            AccountId: valueOf(node.AccountId),
            ContactId: valueOf(node.ContactId),
            AccountName: valueOf(node.Account?.Name),
            SuppliedName: valueOf(node.SuppliedName),
            SuppliedEmail: valueOf(node.SuppliedEmail),
            SuppliedPhone: valueOf(node.SuppliedPhone),
            SuppliedCompany: valueOf(node.SuppliedCompany),
            Web_Street__c: valueOf(node.Web_Street__c),
            Web_City__c: valueOf(node.Web_City__c),
            Web_Postal_Code__c: valueOf(node.Web_Postal_Code__c),
            Web_Country__c: valueOf(node.Web_Country__c)
        };
        this.webFormRecordTypeId = valueOf(node.RecordTypeId);
        this.webFormCaseNumber = valueOf(node.CaseNumber) ?? '';
        this.webFormType = valueOf(node.Type);
        this.webFormTypeLabel = node.Type?.displayValue ?? this.webFormType;
        this.earlierFollowUps = this.readEarlierFollowUps(node);
        if (firstRead) {
            this.proposedKey = proposeTarget(this.webFormType).key;
            this.targetKey = this.proposedKey;
        }
    }

    /**
     * @param {any} node
     * @returns {EarlierFollowUp[]}
     */
    readEarlierFollowUps(node) {
        const caseTypes = this.objectInfos.Case?.recordTypeInfos ?? [];
        /** @type {any[]} */
        const cases = node.Converted_Follow_Ups__r?.edges ?? [];
        /** @type {any[]} */
        const opportunities = node.Converted_Opportunities__r?.edges ?? [];
        return [
            ...cases.map(({ node: followUp }) => {
                const recordType = caseTypes.find((rt) => rt.recordTypeId === valueOf(followUp.RecordTypeId));
                return {
                    id: followUp.Id,
                    url: recordUrl('Case', followUp.Id),
                    name: valueOf(followUp.CaseNumber) ?? followUp.Id,
                    detail: [recordType?.name, followUp.Status?.displayValue, valueOf(followUp.Subject)]
                        .filter(Boolean)
                        .join(' · ')
                };
            }),
            ...opportunities.map(({ node: followUp }) => ({
                id: followUp.Id,
                url: recordUrl('Opportunity', followUp.Id),
                name: valueOf(followUp.Name) ?? followUp.Id,
                detail: [this.objectInfos.Opportunity?.label, followUp.StageName?.displayValue]
                    .filter(Boolean)
                    .join(' · ')
            }))
        ];
    }

    // ----- state -----

    get isReady() {
        return !this.isLoading && !this.loadError && Boolean(this.webForm);
    }

    get isTargetStep() {
        return this.isReady && this.step === 'target';
    }

    get isConfirmStep() {
        return this.isReady && this.step === 'confirm';
    }

    get isFormStep() {
        return this.isReady && this.step === 'form';
    }

    /** @returns {Readonly<FollowUpTarget>} */
    get target() {
        return targetByKey(this.targetKey);
    }

    get targetLabel() {
        return TARGET_LABELS[this.targetKey];
    }

    /** @returns {ObjectInfo | undefined} */
    get targetObjectInfo() {
        return this.objectInfos[this.target.objectApiName];
    }

    // ----- step 1: the target -----

    get targetOptions() {
        return FOLLOW_UP_TARGETS.map((target) => ({ label: TARGET_LABELS[target.key], value: target.key }));
    }

    get proposalText() {
        const proposed = TARGET_LABELS[this.proposedKey];
        return this.webFormType
            ? formatLabel(PROPOSED, this.webFormTypeLabel ?? '', proposed)
            : formatLabel(PROPOSED_NO_TYPE, proposed);
    }

    /**
     * Why the user cannot convert to each target they may not create, in the order the targets are offered.
     * @returns {Unavailability[]}
     */
    get unavailableTargets() {
        return FOLLOW_UP_TARGETS.map((target) => ({ key: target.key, reason: this.unavailableReason(target) })).filter(
            (entry) => entry.reason !== ''
        );
    }

    get hasUnavailableTargets() {
        return this.unavailableTargets.length > 0;
    }

    /**
     * Converting closes the web form (its Status becomes Closed - Accepted), so the user must be able to edit
     * cases and their Status, whatever the target. Empty when they may.
     * @returns {string}
     */
    get webFormUnavailableReason() {
        const info = this.objectInfos.Case;
        const status = info?.fields.find((field) => field.ApiName === CASE_STATUS.fieldApiName);
        return info?.updateable && status?.updateable
            ? ''
            : formatLabel(UNAVAILABLE_NO_EDIT, info?.labelPlural ?? 'Case');
    }

    /** Whether the user may convert at all: close the web form and create at least one follow-up. */
    get canConvert() {
        return this.webFormUnavailableReason === '' && this.unavailableTargets.length < FOLLOW_UP_TARGETS.length;
    }

    get canChooseTarget() {
        return this.isTargetStep && this.canConvert;
    }

    get cannotConvert() {
        return this.isTargetStep && !this.canConvert;
    }

    get cannotConvertText() {
        return CANNOT_CONVERT;
    }

    /**
     * What stops a user who cannot convert: the web form they may not close, or else each target they may not
     * create.
     * @returns {Unavailability[]}
     */
    get cannotConvertReasons() {
        const webForm = this.webFormUnavailableReason;
        return webForm ? [{ key: 'webForm', reason: webForm }] : this.unavailableTargets;
    }

    /**
     * @param {Readonly<FollowUpTarget>} target
     * @returns {string} empty when the user may convert to the target
     */
    unavailableReason(target) {
        const info = this.objectInfos[target.objectApiName];
        const targetLabel = TARGET_LABELS[target.key];
        if (!info?.createable) {
            return formatLabel(UNAVAILABLE_NO_CREATE, targetLabel, info?.labelPlural ?? target.objectApiName);
        }
        const lineage = info.fields.find((field) => field.ApiName === target.lineageField);
        if (!lineage?.createable) {
            return formatLabel(UNAVAILABLE_NO_LINEAGE, targetLabel, lineage?.label ?? target.lineageField);
        }
        if (target.objectApiName === 'Case') {
            const named = info.recordTypeInfos.find((rt) => !rt.master && rt.name === target.recordTypeLabel);
            if ((named && !named.available) || this.caseRecordTypeChoices.length === 0) {
                return formatLabel(UNAVAILABLE_RECORD_TYPE, targetLabel, target.recordTypeLabel ?? '');
            }
        }
        return '';
    }

    get selectedTargetUnavailable() {
        return this.unavailableTargets.some((entry) => entry.key === this.targetKey);
    }

    get isNextDisabled() {
        return !this.canConvert || this.selectedTargetUnavailable;
    }

    get accountNotice() {
        if (!this.webForm) {
            return '';
        }
        const { AccountId, ContactId } = this.webForm;
        if (!AccountId && !ContactId) {
            return NO_ACCOUNT_CONTACT;
        }
        if (!AccountId) {
            return NO_ACCOUNT;
        }
        return ContactId ? '' : NO_CONTACT;
    }

    /** The web form's account, whose open cases the agent checks before converting (c-open-cases). */
    get webFormAccountId() {
        return this.webForm?.AccountId ?? undefined;
    }

    get showsOpenCases() {
        return this.canChooseTarget && Boolean(this.webFormAccountId);
    }

    get hasEarlierFollowUps() {
        return this.earlierFollowUps.length > 0;
    }

    /** @param {CustomEvent<{ value: FollowUpTargetKey }>} event */
    handleTargetChange(event) {
        this.targetKey = event.detail.value;
    }

    handleNext() {
        if (this.isNextDisabled) {
            return;
        }
        this.step = 'confirm';
    }

    // ----- step 2: confirmation -----

    get confirmText() {
        return formatLabel(CONFIRM, this.webFormCaseNumber, this.targetLabel);
    }

    handleContinue() {
        // Back and forth keeps the agent's edits; another target starts a new draft.
        if (this.draftTargetKey !== this.targetKey) {
            this.startDraft();
            this.draftTargetKey = this.targetKey;
        }
        this.step = 'form';
    }

    /** The new record's values from the web form, the record type by its deployed label, and org defaults. */
    startDraft() {
        const webForm = /** @type {WebForm} */ (this.webForm);
        const target = this.target;
        const draft = draftFollowUp(webForm, target, new Date());
        delete draft[target.lineageField];
        this.recordTypeId = null;
        if (target.objectApiName === 'Case') {
            const named = this.caseRecordTypeChoices.find((choice) => choice.label === target.recordTypeLabel);
            this.recordTypeId = named ? named.value : null;
        }
        const stage = OPPORTUNITY_STAGE.fieldApiName;
        if (target.objectApiName === 'Opportunity' && !draft[stage]) {
            draft[stage] = defaultPicklistValue(this.followUpForm, stage);
        }
        this.values = keepValidPicklistValues({ ...this.followUpForm, values: draft });
    }

    handleBack() {
        this.saveError = undefined;
        this.step = this.step === 'form' ? 'confirm' : 'target';
    }

    // ----- step 3: the pre-filled form, shown by c-conversion-form -----

    get formHeading() {
        return formatLabel(FORM_HEADING, this.targetLabel);
    }

    get lineageText() {
        return formatLabel(LINEAGE, this.webFormCaseNumber);
    }

    get isCaseTarget() {
        return this.target.objectApiName === 'Case';
    }

    /** Case record types the user may create, other than the web form's own (a follow-up is never a web form). */
    get caseRecordTypeChoices() {
        const types = this.objectInfos.Case?.recordTypeInfos ?? [];
        return types
            .filter((rt) => rt.available && !rt.master && rt.recordTypeId !== this.webFormRecordTypeId)
            .map((rt) => ({ label: rt.name, value: rt.recordTypeId }));
    }

    /** @returns {ReadonlyArray<FormFieldSpec>} */
    get fieldSpecs() {
        return FORM_FIELDS[this.target.objectApiName];
    }

    /** @returns {FollowUpForm} the form as the agent fills it in */
    get followUpForm() {
        return {
            target: this.target,
            objectInfo: this.targetObjectInfo,
            fieldSpecs: this.fieldSpecs,
            values: this.values,
            recordTypeId: this.recordTypeId
        };
    }

    get isSaveDisabled() {
        return this.isSaving || missingRequired(this.followUpForm).length > 0;
    }

    /** @param {CustomEvent<{ recordTypeId: string | null }>} event */
    handleRecordTypeChange(event) {
        this.recordTypeId = event.detail.recordTypeId;
        this.values = keepValidPicklistValues(this.followUpForm);
    }

    /** @param {CustomEvent<{ fieldApiName: string, value: string | null }>} event */
    handleFieldChange(event) {
        const { fieldApiName, value } = event.detail;
        this.values = { ...this.values, [fieldApiName]: value };
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    /** The mutation's variables: the follow-up's filled-in values plus its lineage, and the web form's new status. */
    conversionVariables() {
        const target = this.target;
        /** @type {Record<string, string>} */
        const followUp = {};
        if (target.objectApiName === 'Case' && this.recordTypeId) {
            followUp[CASE_RECORD_TYPE.fieldApiName] = this.recordTypeId;
        }
        for (const { spec, value } of formFields(this.followUpForm)) {
            if (value !== null && value !== '') {
                followUp[spec.fieldApiName] = value;
            }
        }
        followUp[target.lineageField] = this.recordId;
        return {
            followUp: { [target.objectApiName]: followUp },
            webForm: { Id: this.recordId, Case: { [CASE_STATUS.fieldApiName]: CONVERTED_WEB_FORM_STATUS } }
        };
    }

    async handleSave() {
        if (this.isSaveDisabled) {
            return;
        }
        const isCase = this.isCaseTarget;
        this.isSaving = true;
        this.saveError = undefined;
        try {
            /** @type {import('lightning/graphql').GraphQLResult<any>} */
            const result = await executeMutation({
                query: isCase ? CONVERT_TO_CASE_MUTATION : CONVERT_TO_OPPORTUNITY_MUTATION,
                operationName: isCase ? 'ConvertWebFormToCase' : 'ConvertWebFormToOpportunity',
                variables: this.conversionVariables()
            });
            if (result.errors?.length) {
                this.showSaveError(result.errors);
                return;
            }
            /** @type {any} */
            const record = result.data?.uiapi?.followUp?.Record;
            await this.showConversion(
                this.target.objectApiName,
                record.Id,
                valueOf(isCase ? record.CaseNumber : record.Name) ?? record.Id
            );
        } catch (error) {
            this.showSaveError(error);
        } finally {
            this.isSaving = false;
        }
    }

    /** @param {any} errors */
    showSaveError(errors) {
        this.saveError = errors;
        this.saveErrorSummary = errorSummary(errors);
    }

    /**
     * LDS does not re-run queries after a mutation: the web form's page is told explicitly.
     * @param {string} objectApiName
     * @param {string} id
     * @param {string} name
     */
    async showConversion(objectApiName, id, name) {
        await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
        this.dispatchEvent(new RefreshEvent());
        this.dispatchEvent(
            new ShowToastEvent({
                title: CONVERTED_TITLE,
                message: CONVERTED_MESSAGE,
                messageData: [{ url: recordUrl(objectApiName, id), label: name }],
                variant: 'success'
            })
        );
        this.dispatchEvent(new CloseActionScreenEvent());
    }
}
