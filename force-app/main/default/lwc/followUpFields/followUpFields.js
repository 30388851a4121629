/**
 * The fields of a follow-up's form as the org describes them to the user: which fields each target object shows,
 * their picklist values per record type, which required values are still empty, and values a record type does not
 * offer. Shared by the form that renders them (c-conversion-form) and the action that saves them
 * (c-conversion-process), so both read the same rules; a UI component may not export them itself.
 */
import CASE_SUBJECT from '@salesforce/schema/Case.Subject';
import CASE_DESCRIPTION from '@salesforce/schema/Case.Description';
import CASE_ORIGIN from '@salesforce/schema/Case.Origin';
import CASE_PRIORITY from '@salesforce/schema/Case.Priority';
import CASE_ACCOUNT from '@salesforce/schema/Case.AccountId';
import CASE_CONTACT from '@salesforce/schema/Case.ContactId';
import CASE_SUPPLIED_NAME from '@salesforce/schema/Case.SuppliedName';
import CASE_SUPPLIED_EMAIL from '@salesforce/schema/Case.SuppliedEmail';
import CASE_SUPPLIED_PHONE from '@salesforce/schema/Case.SuppliedPhone';
import CASE_SUPPLIED_COMPANY from '@salesforce/schema/Case.SuppliedCompany';
import CASE_WEB_STREET from '@salesforce/schema/Case.Web_Street__c';
import CASE_WEB_CITY from '@salesforce/schema/Case.Web_City__c';
import CASE_WEB_POSTAL_CODE from '@salesforce/schema/Case.Web_Postal_Code__c';
import CASE_WEB_COUNTRY from '@salesforce/schema/Case.Web_Country__c';
import OPPORTUNITY_NAME from '@salesforce/schema/Opportunity.Name';
import OPPORTUNITY_ACCOUNT from '@salesforce/schema/Opportunity.AccountId';
import OPPORTUNITY_CLOSE_DATE from '@salesforce/schema/Opportunity.CloseDate';
import OPPORTUNITY_STAGE from '@salesforce/schema/Opportunity.StageName';
import OPPORTUNITY_DESCRIPTION from '@salesforce/schema/Opportunity.Description';
import OPPORTUNITY_LEAD_SOURCE from '@salesforce/schema/Opportunity.LeadSource';
import RECORD_TYPE from '@salesforce/label/c.Conversion_Process_Record_Type';

/**
 * @typedef {import('c/followUpTargets').FollowUpTarget} FollowUpTarget
 * @typedef {{ recordTypeId: string, name: string, available: boolean, master: boolean, defaultRecordTypeMapping: boolean }} RecordTypeInfo
 * @typedef {{ value: string, label: string }} PicklistEntry
 * @typedef {{ recordTypeID: string, defaultValue: { value: string } | null, picklistValues: PicklistEntry[] }} PicklistValues
 * @typedef {{ ApiName: string, label: string, createable: boolean, updateable?: boolean, required: boolean, picklistValuesByRecordTypeIDs?: PicklistValues[] }} FieldInfo
 * @typedef {{ ApiName: string, label: string, labelPlural: string, createable: boolean, updateable?: boolean, recordTypeInfos: RecordTypeInfo[], fields: FieldInfo[] }} ObjectInfo
 * @typedef {'text' | 'textarea' | 'email' | 'tel' | 'date' | 'picklist' | 'lookup'} FieldKind
 * @typedef {{ fieldPath: string, equalsField: string }} LookupFilterSpec the lookup offers only records whose
 *   `fieldPath` equals the form's value of `equalsField` (no filter while that value is empty)
 * @typedef {{ fieldApiName: string, kind: FieldKind, lookupObject?: string, lookupFilter?: LookupFilterSpec }} FormFieldSpec
 * @typedef {Record<string, string | null>} FormValues field API name → value, as the agent edits them
 * @typedef {{
 *   target: Readonly<FollowUpTarget> | undefined, objectInfo: ObjectInfo | undefined,
 *   fieldSpecs: ReadonlyArray<FormFieldSpec>, values: FormValues, recordTypeId: string | null
 * }} FollowUpForm the form of one follow-up: what it is, what the org says of its object, and the agent's values
 * @typedef {{ spec: FormFieldSpec, label: string, required: boolean, value: string | null }} FormField
 */

export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** @type {Readonly<Record<FollowUpTarget['objectApiName'], ReadonlyArray<FormFieldSpec>>>} the form's fields, in order */
export const FORM_FIELDS = Object.freeze({
    Case: [
        { fieldApiName: CASE_SUBJECT.fieldApiName, kind: 'text' },
        { fieldApiName: CASE_DESCRIPTION.fieldApiName, kind: 'textarea' },
        { fieldApiName: CASE_ORIGIN.fieldApiName, kind: 'picklist' },
        { fieldApiName: CASE_PRIORITY.fieldApiName, kind: 'picklist' },
        { fieldApiName: CASE_ACCOUNT.fieldApiName, kind: 'lookup', lookupObject: 'Account' },
        {
            fieldApiName: CASE_CONTACT.fieldApiName,
            kind: 'lookup',
            lookupObject: 'Contact',
            // A case's contact is picked among the chosen account's contacts.
            lookupFilter: { fieldPath: 'AccountId', equalsField: CASE_ACCOUNT.fieldApiName }
        },
        { fieldApiName: CASE_SUPPLIED_NAME.fieldApiName, kind: 'text' },
        { fieldApiName: CASE_SUPPLIED_EMAIL.fieldApiName, kind: 'email' },
        { fieldApiName: CASE_SUPPLIED_PHONE.fieldApiName, kind: 'tel' },
        { fieldApiName: CASE_SUPPLIED_COMPANY.fieldApiName, kind: 'text' },
        { fieldApiName: CASE_WEB_STREET.fieldApiName, kind: 'text' },
        { fieldApiName: CASE_WEB_CITY.fieldApiName, kind: 'text' },
        { fieldApiName: CASE_WEB_POSTAL_CODE.fieldApiName, kind: 'text' },
        { fieldApiName: CASE_WEB_COUNTRY.fieldApiName, kind: 'text' }
    ],
    Opportunity: [
        { fieldApiName: OPPORTUNITY_NAME.fieldApiName, kind: 'text' },
        { fieldApiName: OPPORTUNITY_ACCOUNT.fieldApiName, kind: 'lookup', lookupObject: 'Account' },
        { fieldApiName: OPPORTUNITY_CLOSE_DATE.fieldApiName, kind: 'date' },
        { fieldApiName: OPPORTUNITY_STAGE.fieldApiName, kind: 'picklist' },
        { fieldApiName: OPPORTUNITY_DESCRIPTION.fieldApiName, kind: 'textarea' },
        { fieldApiName: OPPORTUNITY_LEAD_SOURCE.fieldApiName, kind: 'picklist' }
    ]
});

/**
 * A case follow-up's record type is chosen in the form; an opportunity gets the user's default.
 * @param {Readonly<FollowUpTarget> | undefined} target
 */
export function choosesRecordType(target) {
    return target?.objectApiName === 'Case';
}

/**
 * The record type whose picklist values apply: the chosen one for a case, the user's default for an opportunity.
 * @param {FollowUpForm} form
 * @returns {string}
 */
export function picklistRecordTypeId(form) {
    if (choosesRecordType(form.target)) {
        return form.recordTypeId ?? MASTER_RECORD_TYPE_ID;
    }
    const types = form.objectInfo?.recordTypeInfos ?? [];
    const preferred = types.find((rt) => rt.available && rt.defaultRecordTypeMapping);
    return preferred?.recordTypeId ?? MASTER_RECORD_TYPE_ID;
}

/**
 * @param {FollowUpForm} form
 * @param {string} fieldApiName
 * @returns {PicklistValues | undefined} the values the record type offers, else the master record type's
 */
export function picklistValues(form, fieldApiName) {
    const field = form.objectInfo?.fields.find((candidate) => candidate.ApiName === fieldApiName);
    const byType = field?.picklistValuesByRecordTypeIDs ?? [];
    const recordTypeId = picklistRecordTypeId(form);
    return (
        byType.find((entry) => entry.recordTypeID === recordTypeId) ??
        byType.find((entry) => entry.recordTypeID === MASTER_RECORD_TYPE_ID)
    );
}

/**
 * @param {FollowUpForm} form
 * @param {string} fieldApiName
 * @returns {string | null} the record type's default value, else its first
 */
export function defaultPicklistValue(form, fieldApiName) {
    const offered = picklistValues(form, fieldApiName);
    return offered?.defaultValue?.value ?? offered?.picklistValues[0]?.value ?? null;
}

/**
 * A value the record type does not offer would be refused by the org: it is cleared instead.
 * @param {FollowUpForm} form
 * @returns {FormValues} the form's values with those cleared
 */
export function keepValidPicklistValues(form) {
    const values = { ...form.values };
    for (const spec of form.fieldSpecs.filter((candidate) => candidate.kind === 'picklist')) {
        const offered = picklistValues(form, spec.fieldApiName)?.picklistValues ?? [];
        const current = values[spec.fieldApiName];
        if (current && !offered.some((entry) => entry.value === current)) {
            values[spec.fieldApiName] = null;
        }
    }
    return values;
}

/**
 * The form's fields: only those the user may set on create, labelled as the org labels them.
 * @param {FollowUpForm} form
 * @returns {FormField[]}
 */
export function formFields(form) {
    return form.fieldSpecs.flatMap((spec) => {
        const field = form.objectInfo?.fields.find((candidate) => candidate.ApiName === spec.fieldApiName);
        if (!field?.createable) {
            return [];
        }
        return [{ spec, label: field.label, required: field.required, value: form.values[spec.fieldApiName] ?? null }];
    });
}

/**
 * Labels of required values still empty (the record type of a case included).
 * @param {FollowUpForm} form
 * @returns {string[]}
 */
export function missingRequired(form) {
    const missing = formFields(form)
        .filter((field) => field.required && (field.value === null || field.value === ''))
        .map((field) => field.label);
    if (choosesRecordType(form.target) && !form.recordTypeId) {
        missing.unshift(RECORD_TYPE);
    }
    return missing;
}
