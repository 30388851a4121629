import { LightningElement, api, wire } from 'lwc';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { CloseActionScreenEvent } from 'lightning/actions';
import { RefreshEvent } from 'lightning/refresh';
import CASE_RECORD_TYPE from '@salesforce/schema/Case.RecordTypeId';
import CASE_ACCOUNT from '@salesforce/schema/Case.AccountId';
import CASE_CONTACT from '@salesforce/schema/Case.ContactId';
import CASE_SUBJECT from '@salesforce/schema/Case.Subject';
import CASE_DESCRIPTION from '@salesforce/schema/Case.Description';
import CASE_CONTRACT from '@salesforce/schema/Case.Contract__c';
import CASE_INSTALLER_CONTACT from '@salesforce/schema/Case.Installer_Contact__c';
import CASE_ACKNOWLEDGED from '@salesforce/schema/Case.Contract_Status_Acknowledged__c';
import { errorCodes } from 'c/ldsUtils';
import { CASE_OBJECT_INFO_INPUTS, CREATE_SERVICE_CASE_MUTATION, START_QUERY } from './serviceCaseDocuments';
import {
    creatableKinds,
    draftDefaults,
    needsConfirmation,
    readStartingRecord,
    recordTypeIdFor
} from 'c/serviceCaseDraft';
import TITLE from '@salesforce/label/c.New_Service_Case_Title';
import LOADING from '@salesforce/label/c.New_Service_Case_Loading';
import LOAD_FAILED from '@salesforce/label/c.New_Service_Case_Load_Failed';
import CANNOT_CREATE from '@salesforce/label/c.New_Service_Case_Cannot_Create';
import SAVE from '@salesforce/label/c.New_Service_Case_Save';
import CANCEL from '@salesforce/label/c.New_Service_Case_Cancel';
import CLOSE from '@salesforce/label/c.New_Service_Case_Close';
import CREATED_TITLE from '@salesforce/label/c.New_Service_Case_Created_Title';
import CREATED_MESSAGE from '@salesforce/label/c.New_Service_Case_Created_Message';
import ERROR_RULE from '@salesforce/label/c.New_Service_Case_Error_Rule';
import ERROR_ACCESS from '@salesforce/label/c.New_Service_Case_Error_Access';
import ERROR_GENERIC from '@salesforce/label/c.New_Service_Case_Error_Generic';

/**
 * @typedef {import('c/serviceCaseDraft').CaseKind} CaseKind
 * @typedef {import('c/serviceCaseDraft').StartingRecord} StartingRecord
 * @typedef {import('c/serviceCaseDraft').ContractChoice} ContractChoice
 */

/** The fields each kind of case writes: the user must be able to set them all. */
const KIND_FIELDS = Object.freeze({
    Homeowner: [CASE_ACCOUNT, CASE_CONTRACT, CASE_SUBJECT, CASE_ACKNOWLEDGED].map((f) => f.fieldApiName),
    Installer: [CASE_ACCOUNT, CASE_CONTACT, CASE_INSTALLER_CONTACT, CASE_SUBJECT].map((f) => f.fieldApiName)
});

/** @type {Record<string, string>} */
const ERROR_SUMMARY_BY_CODE = {
    FIELD_CUSTOM_VALIDATION_EXCEPTION: ERROR_RULE,
    FIELD_FILTER_VALIDATION_EXCEPTION: ERROR_RULE,
    REQUIRED_FIELD_MISSING: ERROR_RULE,
    STRING_TOO_LONG: ERROR_RULE,
    INSUFFICIENT_ACCESS_OR_READONLY: ERROR_ACCESS,
    INVALID_FIELD_FOR_INSERT_UPDATE: ERROR_ACCESS,
    INVALID_CROSS_REFERENCE_KEY: ERROR_ACCESS,
    CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY: ERROR_ACCESS
};

/**
 * @param {any} errors the GraphQL errors of the mutation, or what the request threw
 * @returns {string}
 */
function errorSummary(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const summary = errorCodes(list)
        .map((code) => ERROR_SUMMARY_BY_CODE[code])
        .find(Boolean);
    return summary ?? ERROR_GENERIC;
}

/**
 * @param {{ value: any } | null | undefined} field
 * @returns {any}
 */
function valueOf(field) {
    return field?.value ?? null;
}

/**
 * The New Service Case quick action on a Contract, an Account or a Contact: lists the account's open cases, then
 * drafts a Homeowner case (under a contract) or an Installer case (for an installer contact) as the starting record
 * allows, asks for a confirmation on a Cancelled or Pending Cancellation contract, and creates the case in one
 * mutation. The form itself is c-service-case-form; the open cases c-open-cases.
 */
export default class NewServiceCase extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = { TITLE, LOADING, LOAD_FAILED, CANNOT_CREATE, SAVE, CANCEL, CLOSE };

    isLoading = true;
    /** @type {any} */
    loadError;
    /** @type {any} */
    saveError;
    saveErrorSummary = '';
    isSaving = false;

    /** @type {StartingRecord | undefined} */
    start;
    /** @type {any} Case's objectInfo */
    caseInfo;

    /** @type {CaseKind} */
    kind = 'Homeowner';
    /** @type {string | null} */
    contractId = null;
    /** @type {string | null} */
    installerContactId = null;
    confirmed = false;
    subject = '';
    description = '';

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: START_QUERY, variables: '$startVariables' })
    wiredStart({ data, errors }) {
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.isLoading = false;
        this.caseInfo = (data.uiapi.objectInfos ?? []).find((/** @type {any} */ info) => info.ApiName === 'Case');
        const firstRead = !this.start;
        this.start = readStartingRecord(data.uiapi.query);
        // Deleted, or not shared with the user: nothing to start from, and no message beyond the summary.
        this.loadError = this.start ? undefined : [];
        if (this.start && firstRead) {
            this.startDraft(this.start);
        }
    }

    get startVariables() {
        return { recordId: this.recordId, objectInfoInputs: CASE_OBJECT_INFO_INPUTS };
    }

    /** @param {StartingRecord} start */
    startDraft(start) {
        const defaults = draftDefaults(start);
        this.kind = defaults.kind;
        this.contractId = defaults.contractId;
        this.installerContactId = defaults.installerContactId;
    }

    // ----- state -----

    get isReady() {
        return !this.isLoading && !this.loadError && Boolean(this.start);
    }

    /** @returns {CaseKind[]} the kinds this starting record allows and the user may create */
    get kinds() {
        return this.start ? creatableKinds(this.start, this.caseInfo, KIND_FIELDS) : [];
    }

    get canCreate() {
        return this.isReady && this.kinds.length > 0;
    }

    get cannotCreate() {
        return this.isReady && this.kinds.length === 0;
    }

    get activeKind() {
        return this.kinds.includes(this.kind) ? this.kind : this.kinds[0];
    }

    /** @returns {ContractChoice | undefined} */
    get contract() {
        return this.start?.contracts.find((contract) => contract.id === this.contractId);
    }

    get needsConfirmation() {
        return this.activeKind === 'Homeowner' && needsConfirmation(this.contract);
    }

    get isSaveDisabled() {
        if (this.isSaving || this.subject.trim() === '') {
            return true;
        }
        if (this.activeKind === 'Homeowner') {
            return !this.contract || (this.needsConfirmation && !this.confirmed);
        }
        return !this.installerContactId;
    }

    // ----- the form, shown by c-service-case-form -----

    /** @param {CustomEvent<{ name: string, value: any }>} event */
    handleFormChange(event) {
        const { name, value } = event.detail;
        if (name === 'kind') {
            this.kind = value;
        } else if (name === 'contractId') {
            // A new contract needs its own confirmation.
            this.contractId = value;
            this.confirmed = false;
        } else if (name === 'installerContactId') {
            this.installerContactId = value;
        } else if (name === 'confirmed') {
            this.confirmed = Boolean(value);
        } else if (name === 'subject') {
            this.subject = value ?? '';
        } else if (name === 'description') {
            this.description = value ?? '';
        }
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    /** The new case's fields: the kind's record type and links, what the agent typed; never OwnerId. */
    caseFields() {
        const start = /** @type {StartingRecord} */ (this.start);
        const kind = this.activeKind;
        /** @type {Record<string, any>} */
        const fields = { [CASE_RECORD_TYPE.fieldApiName]: recordTypeIdFor(this.caseInfo, kind) };
        const accountId = kind === 'Homeowner' ? this.contract?.accountId : start.accountId;
        if (accountId) {
            fields[CASE_ACCOUNT.fieldApiName] = accountId;
        }
        if (kind === 'Homeowner') {
            fields[CASE_CONTRACT.fieldApiName] = this.contractId;
            if (this.needsConfirmation) {
                fields[CASE_ACKNOWLEDGED.fieldApiName] = true;
            }
        } else {
            // From a contact the contact is also the case's contact; from an account, only its installer contact.
            if (start.contactId) {
                fields[CASE_CONTACT.fieldApiName] = start.contactId;
            }
            fields[CASE_INSTALLER_CONTACT.fieldApiName] = this.installerContactId;
        }
        fields[CASE_SUBJECT.fieldApiName] = this.subject.trim();
        if (this.description.trim() !== '') {
            fields[CASE_DESCRIPTION.fieldApiName] = this.description;
        }
        return fields;
    }

    async handleSave() {
        if (this.isSaveDisabled) {
            return;
        }
        this.isSaving = true;
        this.saveError = undefined;
        try {
            /** @type {import('lightning/graphql').GraphQLResult<any>} */
            const result = await executeMutation({
                query: CREATE_SERVICE_CASE_MUTATION,
                operationName: 'CreateServiceCase',
                variables: { input: { Case: this.caseFields() } }
            });
            if (result.errors?.length) {
                this.showSaveError(result.errors);
                return;
            }
            /** @type {any} */
            const record = result.data?.uiapi?.serviceCase?.Record;
            await this.showCreated(record.Id, valueOf(record.CaseNumber) ?? record.Id);
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
     * A sticky toast with a link to the new case (it stays until the agent closes it, as the procedure's pop-up);
     * LDS does not re-run queries after a mutation, so the starting record's page is told explicitly.
     * @param {string} id
     * @param {string} caseNumber
     */
    async showCreated(id, caseNumber) {
        await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
        this.dispatchEvent(new RefreshEvent());
        this.dispatchEvent(
            new ShowToastEvent({
                title: CREATED_TITLE,
                message: CREATED_MESSAGE,
                messageData: [{ url: `/lightning/r/Case/${id}/view`, label: caseNumber }],
                variant: 'success',
                mode: 'sticky'
            })
        );
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    /** The form's inputs, as c-service-case-form shows them. */
    get formState() {
        return {
            kind: this.activeKind,
            kinds: this.kinds,
            start: this.start,
            contractId: this.contractId,
            installerContactId: this.installerContactId,
            needsConfirmation: this.needsConfirmation,
            confirmed: this.confirmed,
            subject: this.subject,
            description: this.description
        };
    }

    get openCasesAccountId() {
        return this.start?.accountId ?? undefined;
    }
}
