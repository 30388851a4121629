import { LightningElement, api } from 'lwc';
import { choosesRecordType, formFields, missingRequired, picklistValues } from 'c/followUpFields';
import { formatLabel } from 'c/labelFormat';
import RECORD_TYPE from '@salesforce/label/c.Conversion_Process_Record_Type';
import RECORD_TYPE_NOT_FOUND from '@salesforce/label/c.Conversion_Process_Record_Type_Not_Found';
import MISSING_REQUIRED from '@salesforce/label/c.Conversion_Process_Missing_Required';

/**
 * @typedef {import('c/followUpTargets').FollowUpTarget} FollowUpTarget
 * @typedef {import('c/followUpFields').ObjectInfo} ObjectInfo
 * @typedef {import('c/followUpFields').FormFieldSpec} FormFieldSpec
 * @typedef {import('c/followUpFields').FormValues} FormValues
 * @typedef {import('c/followUpFields').FollowUpForm} FollowUpForm
 * @typedef {{ label: string, value: string }} Choice
 */

const INPUT_KINDS = ['text', 'email', 'tel', 'date'];

/**
 * The Conversion Process's form step: the new follow-up's record type and fields, shown with the values it is given.
 * Split out of c-conversion-process so that the action holds the steps, the data and the save, and this the form.
 * It keeps no values of its own: it reports each edit with `fieldchange` (detail `{ fieldApiName, value }`) or
 * `recordtypechange` (detail `{ recordTypeId }`), empty as null, and the parent passes the new values back. (Not
 * `change`: the base inputs' own change events are composed and bubble out of this component under that name.)
 */
export default class ConversionForm extends LightningElement {
    /** @type {Readonly<FollowUpTarget> | undefined} the follow-up being drafted */
    @api target;
    /** @type {ObjectInfo | undefined} the target object as the org describes it to the user */
    @api objectInfo;
    /** @type {ReadonlyArray<FormFieldSpec>} the fields to show, in order */
    @api fieldSpecs = [];
    /** @type {FormValues} */
    @api values = {};
    /** @type {string | null} the chosen record type (a case follow-up) */
    @api recordTypeId = null;
    /** @type {Choice[]} the record types the user may choose (a case follow-up) */
    @api recordTypeChoices = [];

    label = { RECORD_TYPE };

    /** @returns {FollowUpForm} */
    get form() {
        return {
            target: this.target,
            objectInfo: this.objectInfo,
            fieldSpecs: this.fieldSpecs,
            values: this.values,
            recordTypeId: this.recordTypeId
        };
    }

    get choosesRecordType() {
        return choosesRecordType(this.target);
    }

    get recordTypeNotFoundText() {
        const expected = this.target?.recordTypeLabel;
        if (
            !this.choosesRecordType ||
            !expected ||
            this.recordTypeChoices.some((choice) => choice.label === expected)
        ) {
            return '';
        }
        return formatLabel(RECORD_TYPE_NOT_FOUND, expected);
    }

    /** Each field as its input shows it: kind, label, required marker, value, picklist options, lookup filter. */
    get fields() {
        const form = this.form;
        return formFields(form).map(({ spec, label, required, value }) => ({
            apiName: spec.fieldApiName,
            label,
            required,
            value: value ?? '',
            isInput: INPUT_KINDS.includes(spec.kind),
            inputType: spec.kind,
            isTextarea: spec.kind === 'textarea',
            isPicklist: spec.kind === 'picklist',
            options: (picklistValues(form, spec.fieldApiName)?.picklistValues ?? []).map((entry) => ({
                label: entry.label,
                value: entry.value
            })),
            isLookup: spec.kind === 'lookup',
            lookupObject: spec.lookupObject,
            lookupValue: value ?? undefined,
            filter: this.lookupFilter(spec)
        }));
    }

    /** @param {FormFieldSpec} spec */
    lookupFilter(spec) {
        const by = spec.lookupFilter;
        const value = by ? this.values[by.equalsField] : null;
        if (!by || !value) {
            return undefined;
        }
        return { criteria: [{ fieldPath: by.fieldPath, operator: 'eq', value }] };
    }

    get missingRequiredText() {
        const missing = missingRequired(this.form);
        return missing.length ? formatLabel(MISSING_REQUIRED, missing.join(', ')) : '';
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleRecordTypeChange(event) {
        const recordTypeId = event.detail.value || null;
        this.dispatchEvent(new CustomEvent('recordtypechange', { detail: { recordTypeId } }));
    }

    /** @param {CustomEvent<{ value?: string, recordId?: string | null }>} event a base input's, or a record picker's */
    handleFieldChange(event) {
        const element = /** @type {HTMLElement} */ (event.target);
        const fieldApiName = element.dataset.field ?? '';
        const value = 'recordId' in event.detail ? event.detail.recordId : event.detail.value;
        const detail = { fieldApiName, value: value === undefined || value === '' ? null : value };
        this.dispatchEvent(new CustomEvent('fieldchange', { detail }));
    }
}
