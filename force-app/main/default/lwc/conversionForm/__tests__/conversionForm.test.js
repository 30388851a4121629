import { createElement } from '@lwc/engine-dom';
import ConversionForm from 'c/conversionForm';
import { targetByKey } from 'c/followUpTargets';
import { flushPromises } from 'jest-utils/flushPromises';

// The labels with their placeholders (as in CustomLabels), so the messages' names can be checked.
jest.mock(
    '@salesforce/label/c.Conversion_Process_Missing_Required',
    () => ({ default: 'Fill in the required fields to save: {0}.' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Conversion_Process_Record_Type_Not_Found',
    () => ({ default: "The {0} record type wasn't found. Choose the record type for the new case." }),
    { virtual: true }
);
jest.mock('@salesforce/label/c.Conversion_Process_Record_Type', () => ({ default: 'Record Type' }), {
    virtual: true
});

const caseObjectInfo = require('./data/caseObjectInfo.json');
const opportunityObjectInfo = require('./data/opportunityObjectInfo.json');

const RECORD_TYPE = { customerRequest: '012LO0000000001YAA', homeowner: '012LO0000000002YAA' };
const CHOICES = [
    { label: 'Customer Request', value: RECORD_TYPE.customerRequest },
    { label: 'Homeowner', value: RECORD_TYPE.homeowner }
];
const ACCOUNT_ID = '001LO0000000001AAA';
const CONTACT_ID = '003LO0000000001AAA';

const CASE_SPECS = [
    { fieldApiName: 'Subject', kind: 'text' },
    { fieldApiName: 'Description', kind: 'textarea' },
    { fieldApiName: 'Priority', kind: 'picklist' },
    { fieldApiName: 'AccountId', kind: 'lookup', lookupObject: 'Account' },
    {
        fieldApiName: 'ContactId',
        kind: 'lookup',
        lookupObject: 'Contact',
        lookupFilter: { fieldPath: 'AccountId', equalsField: 'AccountId' }
    },
    { fieldApiName: 'SuppliedEmail', kind: 'email' },
    { fieldApiName: 'Web_Street__c', kind: 'text' }
];

const CASE_VALUES = {
    Subject: 'Slate samples',
    Description: 'Three grey slate tiles, please.',
    Priority: 'High',
    AccountId: ACCOUNT_ID,
    ContactId: CONTACT_ID,
    SuppliedEmail: 'nora@northwind.example',
    Web_Street__c: '1 Harbour Road'
};

const OPPORTUNITY_SPECS = [
    { fieldApiName: 'Name', kind: 'text' },
    { fieldApiName: 'CloseDate', kind: 'date' },
    { fieldApiName: 'StageName', kind: 'picklist' },
    { fieldApiName: 'LeadSource', kind: 'picklist' }
];

/** A case follow-up's form (a Customer Request by default), with the props changed by `props`. */
async function renderCase(props = {}) {
    return render({
        target: targetByKey('Customer_Request'),
        objectInfo: caseObjectInfo,
        fieldSpecs: CASE_SPECS,
        values: CASE_VALUES,
        recordTypeId: RECORD_TYPE.customerRequest,
        recordTypeChoices: CHOICES,
        ...props
    });
}

async function renderOpportunity(props = {}) {
    return render({
        target: targetByKey('Opportunity'),
        objectInfo: opportunityObjectInfo,
        fieldSpecs: OPPORTUNITY_SPECS,
        values: { Name: 'Northwind – Slate samples', CloseDate: '2026-12-30', StageName: 'Partner Qualified' },
        recordTypeId: null,
        recordTypeChoices: [],
        ...props
    });
}

async function render(props) {
    const element = createElement('c-conversion-form', { is: ConversionForm });
    Object.assign(element, props);
    const events = [];
    element.addEventListener('fieldchange', (event) => events.push(['fieldchange', event.detail, event.bubbles]));
    element.addEventListener('recordtypechange', (event) =>
        events.push(['recordtypechange', event.detail, event.bubbles])
    );
    document.body.appendChild(element);
    await flushPromises();
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const field = (element, apiName) => $(element, `[data-field="${apiName}"]`);
const fieldNames = (element) => [...element.shadowRoot.querySelectorAll('[data-field]')].map((f) => f.dataset.field);
const optionValues = (input) => input.options.map((option) => option.value);

async function change(target, detail) {
    target.dispatchEvent(new CustomEvent('change', { detail }));
    await flushPromises();
}

describe('c-conversion-form', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
    });

    describe('a case follow-up', () => {
        it('renders the record type choice and the fields the user may set, with their values', async () => {
            const { element } = await renderCase();

            const recordType = $(element, 'lightning-combobox.record-type');
            expect(recordType.label).toBe('Record Type');
            expect(recordType.options).toEqual(CHOICES);
            expect(recordType.value).toBe(RECORD_TYPE.customerRequest);
            expect(recordType.required).toBe(true);
            // Web Street is in the specs but not createable; the object's other fields are not in the specs.
            expect(fieldNames(element)).toEqual([
                'Subject',
                'Description',
                'Priority',
                'AccountId',
                'ContactId',
                'SuppliedEmail'
            ]);
            expect(field(element, 'Subject').tagName).toBe('LIGHTNING-INPUT');
            expect(field(element, 'Subject').type).toBe('text');
            expect(field(element, 'Subject').label).toBe('Subject');
            expect(field(element, 'Subject').value).toBe('Slate samples');
            expect(field(element, 'Subject').required).toBe(true);
            expect(field(element, 'Description').tagName).toBe('LIGHTNING-TEXTAREA');
            expect(field(element, 'Description').value).toBe('Three grey slate tiles, please.');
            expect(field(element, 'Description').required).toBe(false);
            expect(field(element, 'Priority').tagName).toBe('LIGHTNING-COMBOBOX');
            expect(field(element, 'Priority').value).toBe('High');
            expect(field(element, 'SuppliedEmail').type).toBe('email');
            expect(field(element, 'SuppliedEmail').label).toBe('Email Address');
            const account = field(element, 'AccountId');
            expect(account.tagName).toBe('LIGHTNING-RECORD-PICKER');
            expect(account.objectApiName).toBe('Account');
            expect(account.value).toBe(ACCOUNT_ID);
            expect(account.filter).toBeUndefined();
            expect($(element, '.record-type-not-found')).toBeNull();
            expect($(element, '.missing').textContent).toBe('');
            await expect(element).toBeAccessible();
        });

        it('offers the picklist values of the chosen record type, or the master’s while none is chosen', async () => {
            const { element } = await renderCase();
            expect(field(element, 'Priority').options).toEqual([
                { label: 'High', value: 'High' },
                { label: 'Medium', value: 'Medium' }
            ]);

            element.recordTypeId = RECORD_TYPE.homeowner;
            await flushPromises();
            expect(field(element, 'Priority').options).toEqual([
                { label: 'Medium', value: 'Medium' },
                { label: 'Low (homeowners)', value: 'Low' }
            ]);

            element.recordTypeId = null;
            await flushPromises();
            expect(optionValues(field(element, 'Priority'))).toEqual(['High', 'Medium', 'Low']);
        });

        it('narrows the contact picker to the account’s contacts, and not while no account is chosen', async () => {
            const { element } = await renderCase();
            expect(field(element, 'ContactId').filter).toEqual({
                criteria: [{ fieldPath: 'AccountId', operator: 'eq', value: ACCOUNT_ID }]
            });

            element.values = { ...CASE_VALUES, AccountId: null, ContactId: null };
            await flushPromises();
            expect(field(element, 'ContactId').filter).toBeUndefined();
            expect(field(element, 'ContactId').value).toBeUndefined();
            expect(field(element, 'AccountId').value).toBeUndefined();
        });

        it('names the record type and the required fields still empty, and marks them required', async () => {
            const { element } = await renderCase({
                values: { ...CASE_VALUES, Subject: null, Priority: '' },
                recordTypeId: null
            });

            expect($(element, '.missing').textContent).toBe(
                'Fill in the required fields to save: Record Type, Subject, Priority.'
            );
            expect($(element, '.missing').getAttribute('aria-live')).toBe('polite');
            expect(field(element, 'Subject').value).toBe('');
            expect(field(element, 'Subject').required).toBe(true);
            expect(field(element, 'Priority').required).toBe(true);
            expect($(element, 'lightning-combobox.record-type').value).toBeNull();
            await expect(element).toBeAccessible();
        });

        it('says when the target’s record type is not among the choices', async () => {
            const { element } = await renderCase({ target: targetByKey('Sample_Request'), recordTypeId: null });

            expect($(element, '.record-type-not-found').textContent).toBe(
                "The Sample Request record type wasn't found. Choose the record type for the new case."
            );
            await expect(element).toBeAccessible();
        });
    });

    describe('an opportunity', () => {
        it('has no record type choice and offers the picklist values of the user’s default record type', async () => {
            const { element } = await renderOpportunity();

            expect($(element, 'lightning-combobox.record-type')).toBeNull();
            expect($(element, '.record-type-not-found')).toBeNull();
            expect(fieldNames(element)).toEqual(['Name', 'CloseDate', 'StageName', 'LeadSource']);
            expect(field(element, 'Name').label).toBe('Opportunity Name');
            expect(field(element, 'CloseDate').type).toBe('date');
            expect(field(element, 'CloseDate').value).toBe('2026-12-30');
            expect(optionValues(field(element, 'StageName'))).toEqual(['Partner Qualified', 'Closed Won']);
            expect(field(element, 'StageName').value).toBe('Partner Qualified');
            // The default record type has no values of its own for Lead Source: the master's apply.
            expect(optionValues(field(element, 'LeadSource'))).toEqual(['Web', 'Other']);
            expect(field(element, 'LeadSource').value).toBe('');
            expect($(element, '.missing').textContent).toBe('');
            await expect(element).toBeAccessible();
        });

        it('does not ask for a record type among the missing values', async () => {
            const { element } = await renderOpportunity({ values: { Name: '', StageName: 'Closed Won' } });

            expect($(element, '.missing').textContent).toBe(
                'Fill in the required fields to save: Opportunity Name, Close Date.'
            );
        });
    });

    describe('reporting edits', () => {
        it.each([
            ['a text input', 'Subject', { value: 'Slate samples for the depot' }, 'Slate samples for the depot'],
            ['an emptied text input', 'Subject', { value: '' }, null],
            ['a textarea', 'Description', { value: 'Two tiles.' }, 'Two tiles.'],
            ['a picklist', 'Priority', { value: 'Medium' }, 'Medium'],
            ['a record picker', 'ContactId', { recordId: '003LO0000000002AAA' }, '003LO0000000002AAA'],
            ['a cleared record picker', 'ContactId', { recordId: null }, null],
            ['an input without a value', 'SuppliedEmail', {}, null]
        ])(
            'fires fieldchange for %s with the field and its value, empty as null',
            async (_, apiName, detail, value) => {
                const { element, events } = await renderCase();
                await change(field(element, apiName), detail);

                expect(events).toEqual([['fieldchange', { fieldApiName: apiName, value }, false]]);
            }
        );

        it.each([
            ['a record type', RECORD_TYPE.homeowner, RECORD_TYPE.homeowner],
            ['no record type', '', null]
        ])('fires recordtypechange when the agent chooses %s', async (_, value, recordTypeId) => {
            const { element, events } = await renderCase();
            await change($(element, 'lightning-combobox.record-type'), { value });

            expect(events).toEqual([['recordtypechange', { recordTypeId }, false]]);
        });

        it('keeps no values of its own: it shows what the parent passes back', async () => {
            const { element } = await renderCase();
            await change(field(element, 'Subject'), { value: 'Edited' });
            expect(field(element, 'Subject').value).toBe('Slate samples');

            element.values = { ...CASE_VALUES, Subject: 'Edited' };
            await flushPromises();
            expect(field(element, 'Subject').value).toBe('Edited');
        });
    });
});
