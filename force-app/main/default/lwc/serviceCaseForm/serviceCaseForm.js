import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelFormat';
import KIND_LABEL from '@salesforce/label/c.New_Service_Case_Kind_Label';
import KIND_HOMEOWNER from '@salesforce/label/c.New_Service_Case_Kind_Homeowner';
import KIND_INSTALLER from '@salesforce/label/c.New_Service_Case_Kind_Installer';
import CONTRACT_LABEL from '@salesforce/label/c.New_Service_Case_Contract_Label';
import CONTRACT_OPTION from '@salesforce/label/c.New_Service_Case_Contract_Option';
import NO_CONTRACTS from '@salesforce/label/c.New_Service_Case_No_Contracts';
import INSTALLER_CONTACT_LABEL from '@salesforce/label/c.New_Service_Case_Installer_Contact_Label';
import NO_CONTACTS from '@salesforce/label/c.New_Service_Case_No_Contacts';
import HOMEOWNER_CONTEXT from '@salesforce/label/c.New_Service_Case_Homeowner_Context';
import INSTALLER_CONTEXT from '@salesforce/label/c.New_Service_Case_Installer_Context';
import WARNING_TITLE from '@salesforce/label/c.New_Service_Case_Warning_Title';
import WARNING_TEXT from '@salesforce/label/c.New_Service_Case_Warning_Text';
import CONFIRM from '@salesforce/label/c.New_Service_Case_Confirm';
import SUBJECT from '@salesforce/label/c.New_Service_Case_Subject';
import DESCRIPTION from '@salesforce/label/c.New_Service_Case_Description';

/**
 * @typedef {import('c/serviceCaseDraft').CaseKind} CaseKind
 * @typedef {import('c/serviceCaseDraft').StartingRecord} StartingRecord
 * @typedef {import('c/serviceCaseDraft').ContractChoice} ContractChoice
 * @typedef {{ kind: CaseKind, kinds: ReadonlyArray<CaseKind>, start: StartingRecord, contractId: string | null, installerContactId: string | null, needsConfirmation: boolean, confirmed: boolean, subject: string, description: string }} FormState
 */

/** @type {Record<CaseKind, string>} */
const KIND_LABELS = { Homeowner: KIND_HOMEOWNER, Installer: KIND_INSTALLER };

/**
 * The New Service Case form. It keeps no values of its own: each edit is reported as `formchange` (detail
 * `{ name, value }`, name one of kind, contractId, installerContactId, confirmed, subject, description) and the
 * action passes the new state back.
 */
export default class ServiceCaseForm extends LightningElement {
    /** @type {FormState | undefined} */
    @api state;

    label = {
        KIND_LABEL,
        CONTRACT_LABEL,
        NO_CONTRACTS,
        INSTALLER_CONTACT_LABEL,
        NO_CONTACTS,
        CONFIRM,
        SUBJECT,
        DESCRIPTION
    };

    get start() {
        return /** @type {StartingRecord} */ (this.state?.start);
    }

    get choosesKind() {
        return (this.state?.kinds.length ?? 0) > 1;
    }

    get kindOptions() {
        return (this.state?.kinds ?? []).map((kind) => ({ label: KIND_LABELS[kind], value: kind }));
    }

    get isHomeowner() {
        return this.state?.kind === 'Homeowner';
    }

    get isInstaller() {
        return this.state?.kind === 'Installer';
    }

    /** @returns {ContractChoice | undefined} */
    get contract() {
        return this.start?.contracts.find((contract) => contract.id === this.state?.contractId);
    }

    /** An account's contracts to choose from; a contract's own case names it in the context line instead. */
    get choosesContract() {
        return this.start?.objectApiName === 'Account' && this.start.contracts.length > 0;
    }

    get hasNoContracts() {
        return this.start?.contracts.length === 0;
    }

    get contractOptions() {
        return (this.start?.contracts ?? []).map((contract) => ({
            label: formatLabel(CONTRACT_OPTION, contract.number, contract.statusLabel),
            value: contract.id
        }));
    }

    get choosesContact() {
        return this.start?.objectApiName === 'Account' && this.start.contacts.length > 0;
    }

    get hasNoContacts() {
        return this.start?.objectApiName === 'Account' && this.start.contacts.length === 0;
    }

    get contactOptions() {
        return (this.start?.contacts ?? []).map((contact) => ({ label: contact.name, value: contact.id }));
    }

    /** What the case will be for, in a sentence. */
    get contextText() {
        const start = this.start;
        if (!start) {
            return '';
        }
        if (this.isHomeowner) {
            return this.contract ? formatLabel(HOMEOWNER_CONTEXT, this.contract.number, start.accountName) : '';
        }
        const contact = start.contacts.find((candidate) => candidate.id === this.state?.installerContactId);
        return contact ? formatLabel(INSTALLER_CONTEXT, contact.name, start.accountName) : '';
    }

    get warningTitle() {
        return formatLabel(WARNING_TITLE, this.contract?.statusLabel ?? '');
    }

    get warningText() {
        return formatLabel(WARNING_TEXT, this.contract?.statusLabel ?? '');
    }

    /**
     * @param {string} name
     * @param {any} value
     */
    report(name, value) {
        this.dispatchEvent(new CustomEvent('formchange', { detail: { name, value } }));
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleKindChange(event) {
        this.report('kind', event.detail.value);
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleContractChange(event) {
        this.report('contractId', event.detail.value || null);
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleContactChange(event) {
        this.report('installerContactId', event.detail.value || null);
    }

    /** @param {CustomEvent<{ checked: boolean }>} event */
    handleConfirmChange(event) {
        this.report('confirmed', event.detail.checked);
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleSubjectChange(event) {
        this.report('subject', event.detail.value);
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleDescriptionChange(event) {
        this.report('description', event.detail.value);
    }
}
