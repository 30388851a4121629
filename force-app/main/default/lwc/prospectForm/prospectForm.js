import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelFormat';
import { REQUIRED_CONTACT_FIELDS, REQUIRED_PROSPECT_FIELDS, missingProspectFields } from 'c/prospectInput';
import FORM_ACCOUNT from '@salesforce/label/c.Web_Form_Intake_Form_Account';
import FORM_CONTACT from '@salesforce/label/c.Web_Form_Intake_Form_Contact';
import FORM_ADDRESS from '@salesforce/label/c.Web_Form_Intake_Form_Address';
import FORM_MAILING_ADDRESS from '@salesforce/label/c.Web_Form_Intake_Form_Mailing_Address';
import ACCOUNT_NAME from '@salesforce/label/c.Web_Form_Intake_Account_Name';
import ACCOUNT_PHONE from '@salesforce/label/c.Web_Form_Intake_Account_Phone';
import WEBSITE from '@salesforce/label/c.Web_Form_Intake_Website';
import BILLING_STREET from '@salesforce/label/c.Web_Form_Intake_Billing_Street';
import BILLING_CITY from '@salesforce/label/c.Web_Form_Intake_Billing_City';
import BILLING_POSTAL_CODE from '@salesforce/label/c.Web_Form_Intake_Billing_Postal_Code';
import BILLING_COUNTRY from '@salesforce/label/c.Web_Form_Intake_Billing_Country';
import FIRST_NAME from '@salesforce/label/c.Web_Form_Intake_First_Name';
import LAST_NAME from '@salesforce/label/c.Web_Form_Intake_Last_Name';
import EMAIL from '@salesforce/label/c.Web_Form_Intake_Email';
import CONTACT_PHONE from '@salesforce/label/c.Web_Form_Intake_Contact_Phone';
import MISSING_REQUIRED from '@salesforce/label/c.Web_Form_Intake_Missing_Required';
import SAVE from '@salesforce/label/c.Web_Form_Intake_Save';
import CANCEL from '@salesforce/label/c.Web_Form_Intake_Cancel';

/**
 * @typedef {import('c/prospectInput').ProspectValues} ProspectValues
 * @typedef {'Account' | 'Contact' | 'Address'} FormPart
 */

/** The new prospect's form: field keys (c/prospectInput's), labels, and which part of the form each is in. */
const FORM_FIELDS = [
    { key: 'Name', part: 'Account', label: ACCOUNT_NAME, type: 'text' },
    { key: 'AccountPhone', part: 'Account', label: ACCOUNT_PHONE, type: 'tel' },
    { key: 'Website', part: 'Account', label: WEBSITE, type: 'text' },
    { key: 'BillingStreet', part: 'Address', label: BILLING_STREET, type: 'text' },
    { key: 'BillingCity', part: 'Address', label: BILLING_CITY, type: 'text' },
    { key: 'BillingPostalCode', part: 'Address', label: BILLING_POSTAL_CODE, type: 'text' },
    { key: 'BillingCountry', part: 'Address', label: BILLING_COUNTRY, type: 'text' },
    { key: 'FirstName', part: 'Contact', label: FIRST_NAME, type: 'text' },
    { key: 'LastName', part: 'Contact', label: LAST_NAME, type: 'text' },
    { key: 'Email', part: 'Contact', label: EMAIL, type: 'email' },
    { key: 'ContactPhone', part: 'Contact', label: CONTACT_PHONE, type: 'tel' }
];

/**
 * Web Form Intake's form for a new prospect (account, contact and their address), or for a contact added to the
 * case's account (`contact-only`: the contact and its mailing address). Split out of c-web-form-intake, which keeps
 * the values and saves: this one shows them and reports each edit with `fieldchange` (detail `{ key, value }`), and
 * the buttons with `save` and `cancel`.
 */
export default class ProspectForm extends LightningElement {
    /** @type {string} */
    @api heading = '';
    /** The contact only, for an account the case already has. */
    @api contactOnly = false;
    /** @type {ProspectValues} the values to show, by c/prospectInput's keys */
    @api values = {};
    /** @type {string} why the country will not be saved as shown, if it will not */
    @api countryNotice = '';
    @api saveDisabled = false;

    label = { SAVE, CANCEL };

    get requiredFields() {
        return this.contactOnly ? REQUIRED_CONTACT_FIELDS : REQUIRED_PROSPECT_FIELDS;
    }

    // The address is one part, typed once: it becomes the account's billing and the contact's mailing address.
    get formSections() {
        const required = new Set(this.requiredFields);
        const sections = this.contactOnly
            ? [
                  { key: 'Contact', legend: FORM_CONTACT },
                  { key: 'Address', legend: FORM_MAILING_ADDRESS }
              ]
            : [
                  { key: 'Account', legend: FORM_ACCOUNT },
                  { key: 'Contact', legend: FORM_CONTACT },
                  { key: 'Address', legend: FORM_ADDRESS }
              ];
        return sections.map((section) => ({
            ...section,
            fields: FORM_FIELDS.filter((field) => field.part === section.key).map((field) => ({
                ...field,
                required: required.has(field.key),
                value: this.values[field.key] ?? ''
            }))
        }));
    }

    get missingRequiredText() {
        const missing = new Set(missingProspectFields(this.values, this.requiredFields));
        const labels = FORM_FIELDS.filter((field) => missing.has(field.key)).map((field) => field.label);
        return labels.length ? formatLabel(MISSING_REQUIRED, labels.join(', ')) : '';
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleFieldChange(event) {
        // The base input's own change event is composed and bubbles out of this component: it stops here.
        event.stopPropagation();
        const key = /** @type {HTMLElement} */ (event.target).dataset.field ?? '';
        this.dispatchEvent(new CustomEvent('fieldchange', { detail: { key, value: event.detail.value ?? '' } }));
    }

    handleSave() {
        this.dispatchEvent(new CustomEvent('save'));
    }

    handleCancel() {
        this.dispatchEvent(new CustomEvent('cancel'));
    }
}
