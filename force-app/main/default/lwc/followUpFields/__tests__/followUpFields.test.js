import {
    FORM_FIELDS,
    MASTER_RECORD_TYPE_ID,
    choosesRecordType,
    defaultPicklistValue,
    formFields,
    keepValidPicklistValues,
    missingRequired,
    picklistRecordTypeId,
    picklistValues
} from 'c/followUpFields';
import { targetByKey } from 'c/followUpTargets';

// The form's own fixtures: a case with picklist values per record type, an opportunity with a default record type.
const caseObjectInfo = require('../../conversionForm/__tests__/data/caseObjectInfo.json');
const opportunityObjectInfo = require('../../conversionForm/__tests__/data/opportunityObjectInfo.json');

const CUSTOMER_REQUEST = '012LO0000000001YAA';
const HOMEOWNER = '012LO0000000002YAA';
const PARTNER_DEAL = '012LO0000000007YAA';

function caseForm(values = {}, recordTypeId = CUSTOMER_REQUEST) {
    return {
        target: targetByKey('Customer_Request'),
        objectInfo: caseObjectInfo,
        fieldSpecs: FORM_FIELDS.Case,
        values,
        recordTypeId
    };
}

function opportunityForm(values = {}, objectInfo = opportunityObjectInfo) {
    return {
        target: targetByKey('Opportunity'),
        objectInfo,
        fieldSpecs: FORM_FIELDS.Opportunity,
        values,
        recordTypeId: null
    };
}

const withoutDefaultRecordType = {
    ...opportunityObjectInfo,
    recordTypeInfos: opportunityObjectInfo.recordTypeInfos.map((rt) => ({ ...rt, defaultRecordTypeMapping: false }))
};

describe('FORM_FIELDS', () => {
    it('shows a case follow-up the request, the people and the submitter', () => {
        expect(FORM_FIELDS.Case.map((spec) => [spec.fieldApiName, spec.kind])).toEqual([
            ['Subject', 'text'],
            ['Description', 'textarea'],
            ['Origin', 'picklist'],
            ['Priority', 'picklist'],
            ['AccountId', 'lookup'],
            ['ContactId', 'lookup'],
            ['SuppliedName', 'text'],
            ['SuppliedEmail', 'email'],
            ['SuppliedPhone', 'tel'],
            ['SuppliedCompany', 'text'],
            ['Web_Street__c', 'text'],
            ['Web_City__c', 'text'],
            ['Web_Postal_Code__c', 'text'],
            ['Web_Country__c', 'text']
        ]);
        const contact = FORM_FIELDS.Case.find((spec) => spec.fieldApiName === 'ContactId');
        expect(contact).toMatchObject({
            lookupObject: 'Contact',
            lookupFilter: { fieldPath: 'AccountId', equalsField: 'AccountId' }
        });
    });

    it('shows an opportunity its name, account, close date, stage, description and lead source', () => {
        expect(FORM_FIELDS.Opportunity.map((spec) => [spec.fieldApiName, spec.kind])).toEqual([
            ['Name', 'text'],
            ['AccountId', 'lookup'],
            ['CloseDate', 'date'],
            ['StageName', 'picklist'],
            ['Description', 'textarea'],
            ['LeadSource', 'picklist']
        ]);
        expect(FORM_FIELDS.Opportunity.some((spec) => spec.lookupFilter)).toBe(false);
    });
});

describe('record types and picklist values', () => {
    it('chooses the record type of a case follow-up only', () => {
        expect(choosesRecordType(targetByKey('Customer_Request'))).toBe(true);
        expect(choosesRecordType(targetByKey('Sample_Request'))).toBe(true);
        expect(choosesRecordType(targetByKey('Opportunity'))).toBe(false);
        expect(choosesRecordType(undefined)).toBe(false);
    });

    it('takes a case’s picklist values from the chosen record type, the master’s while none is chosen', () => {
        expect(picklistRecordTypeId(caseForm({}, HOMEOWNER))).toBe(HOMEOWNER);
        expect(picklistRecordTypeId(caseForm({}, null))).toBe(MASTER_RECORD_TYPE_ID);
        expect(picklistValues(caseForm({}, HOMEOWNER), 'Priority').picklistValues.map((v) => v.value)).toEqual([
            'Medium',
            'Low'
        ]);
    });

    it('takes an opportunity’s from the user’s default record type, else the master’s', () => {
        expect(picklistRecordTypeId(opportunityForm())).toBe(PARTNER_DEAL);
        expect(picklistRecordTypeId(opportunityForm({}, withoutDefaultRecordType))).toBe(MASTER_RECORD_TYPE_ID);
        // A field without values for the record type falls back to the master's.
        expect(picklistValues(opportunityForm(), 'LeadSource').recordTypeID).toBe(MASTER_RECORD_TYPE_ID);
        expect(picklistValues(opportunityForm(), 'Name')).toBeUndefined();
    });

    it('proposes the record type’s default value, else its first, else nothing', () => {
        expect(defaultPicklistValue(opportunityForm(), 'StageName')).toBe('Partner Qualified');
        expect(defaultPicklistValue(opportunityForm({}, withoutDefaultRecordType), 'StageName')).toBe('Prospecting');
        expect(defaultPicklistValue(opportunityForm(), 'Name')).toBeNull();
    });

    it('clears the values the record type does not offer, and leaves the rest', () => {
        const values = { Priority: 'High', Origin: null, Subject: 'High' };
        expect(keepValidPicklistValues(caseForm(values, HOMEOWNER))).toEqual({
            Priority: null,
            Origin: null,
            Subject: 'High'
        });
        expect(keepValidPicklistValues(caseForm(values, CUSTOMER_REQUEST))).toEqual(values);
        expect(values.Priority).toBe('High');
    });
});

describe('the form’s fields', () => {
    it('lists the fields the user may create, labelled by the org, with their values', () => {
        const fields = formFields(caseForm({ Subject: 'Slate samples', Web_Street__c: '1 Harbour Road' }));

        expect(fields.map((field) => [field.spec.fieldApiName, field.label, field.required, field.value])).toEqual([
            ['Subject', 'Subject', true, 'Slate samples'],
            ['Description', 'Description', false, null],
            ['Priority', 'Priority', true, null],
            ['AccountId', 'Account ID', false, null],
            ['ContactId', 'Contact ID', false, null],
            ['SuppliedEmail', 'Email Address', false, null]
        ]);
        expect(formFields({ ...caseForm(), objectInfo: undefined })).toEqual([]);
    });

    it('names the required values still empty, a case’s record type first', () => {
        expect(missingRequired(caseForm({ Subject: '', Priority: 'High' }, null))).toEqual([
            'c.Conversion_Process_Record_Type',
            'Subject'
        ]);
        expect(missingRequired(caseForm({ Subject: 'Slate samples', Priority: 'High' }))).toEqual([]);
        expect(missingRequired(opportunityForm({ Name: 'Deal', StageName: 'Closed Won' }))).toEqual(['Close Date']);
    });
});
