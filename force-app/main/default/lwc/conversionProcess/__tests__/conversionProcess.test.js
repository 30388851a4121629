import { createElement } from '@lwc/engine-dom';
import ConversionProcess from 'c/conversionProcess';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

const webFormLinked = require('./data/webFormLinked.json');
const webFormConvertedUnlinked = require('./data/webFormConvertedUnlinked.json');
const objectInfosAgent = require('./data/objectInfosAgent.json');
const objectInfosViewer = require('./data/objectInfosViewer.json');
const convertedToCase = require('./data/convertedToCase.json');
const convertedToOpportunity = require('./data/convertedToOpportunity.json');
const rejectedByRule = require('./data/rejectedByRule.json');
const duplicatesDetected = require('./data/duplicatesDetected.json');
const requiredFieldMissing = require('./data/requiredFieldMissing.json');
const cannotInsert = require('./data/cannotInsert.json');
const webFormNotClosed = require('./data/webFormNotClosed.json');
// Shared with local-org/test/conversion.test.ts, which runs the same variables against an org.
const expectedVariables = require('./data/expectedVariables.json');

// The sfdx-lwc-jest stub names its event but does not export the name.
const SHOW_TOAST = 'lightning__showtoast';
const WEB_FORM_ID = '500LO0000000001AAA';
const NOW = new Date('2026-11-30T10:00:00.000Z');
const RECORD_TYPE = {
    customerRequest: '012LO0000000001YAA',
    homeowner: '012LO0000000002YAA',
    installer: '012LO0000000003YAA',
    sampleRequest: '012LO0000000004YAA',
    webForm: '012LO0000000005YAA'
};

const EXPECTED_CASE_MUTATION = `
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

const EXPECTED_OPPORTUNITY_MUTATION = `
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

const SUBMITTER = {
    SuppliedName: 'Nora Wind',
    SuppliedEmail: 'nora@northwind.example',
    SuppliedPhone: '+44 20 7946 0000',
    SuppliedCompany: 'Northwind Roofing Ltd',
    Web_Street__c: '1 Harbour Road',
    Web_City__c: 'Bristol',
    Web_Postal_Code__c: 'BS1 5TT',
    Web_Country__c: 'United Kingdom'
};

const CLOSE_WEB_FORM = { Id: WEB_FORM_ID, Case: { Status: 'Closed - Accepted' } };

/** A wire answer: the web form (a fixture, optionally changed) with the object infos a user sees. */
function answer(webForm = webFormLinked, objectInfos = objectInfosAgent, adjust = () => {}) {
    const data = JSON.parse(JSON.stringify({ uiapi: { ...webForm.uiapi, objectInfos } }));
    adjust(data.uiapi.query.Case.edges[0].node, data.uiapi.objectInfos);
    return data;
}

const caseInfo = (infos) => infos.find((info) => info.ApiName === 'Case');
const opportunityInfo = (infos) => infos.find((info) => info.ApiName === 'Opportunity');

/** expectedVariables.json with the ids of this test's fixtures in place of $webForm, $account... */
function withFixtureIds(variables) {
    const ids = {
        $webForm: WEB_FORM_ID,
        $account: '001LO0000000001AAA',
        $contact: '003LO0000000001AAA'
    };
    return JSON.parse(JSON.stringify(variables), (key, value) => {
        if (typeof value !== 'string' || !value.startsWith('$')) {
            return value;
        }
        if (value.startsWith('$recordType:')) {
            const label = value.slice('$recordType:'.length);
            return caseInfo(objectInfosAgent).recordTypeInfos.find((rt) => rt.name === label).recordTypeId;
        }
        return ids[value];
    });
}

async function render(data = answer()) {
    const element = createElement('c-conversion-process', { is: ConversionProcess });
    element.recordId = WEB_FORM_ID;
    const events = { toast: [], close: 0, refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(CloseScreenEventName, () => (events.close += 1));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    graphql.emit(data);
    await flushPromises();
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];
// The form step's record type, fields and missing-required message are rendered by the child c-conversion-form.
const $form = (element, selector) => $(element, 'c-conversion-form').shadowRoot.querySelector(selector);
const $$form = (element, selector) => [...$(element, 'c-conversion-form').shadowRoot.querySelectorAll(selector)];
const field = (element, apiName) => $form(element, `[data-field="${apiName}"]`);

async function click(element, selector) {
    $(element, selector).click();
    await flushPromises();
}

async function change(target, detail) {
    target.dispatchEvent(new CustomEvent('change', { detail }));
    await flushPromises();
}

async function chooseTarget(element, key) {
    await change($(element, 'lightning-radio-group.target'), { value: key });
}

/** Target step → confirmation → the pre-filled form. */
async function openForm(element, key) {
    if (key) {
        await chooseTarget(element, key);
    }
    await click(element, 'lightning-button.next');
    await click(element, 'lightning-button.continue');
}

function unavailableReasons(element) {
    return $$(element, 'ul.unavailable li').map((item) => [item.dataset.target, item.textContent.trim()]);
}

describe('c-conversion-process', () => {
    beforeEach(() => {
        // Only Date is faked: the promises and timers the component and flushPromises use stay real.
        jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
        jest.clearAllMocks();
    });

    describe('choosing the target', () => {
        it('reads the web form, its follow-ups and the objects with one query for this case', async () => {
            const element = createElement('c-conversion-process', { is: ConversionProcess });
            element.recordId = WEB_FORM_ID;
            document.body.appendChild(element);
            await flushPromises();

            // local-org validates and runs the whole document from source (local-org/test/conversion.test.ts); here:
            // its operation, its variables, and the objectInfos form that returns picklist values on Salesforce.
            const { query, variables } = graphql.getLastConfig();
            expect(gql.mock.results.map((result) => result.value)).toContain(query);
            expect(query).toContain(
                'query ConversionProcessWebForm($caseId: ID, $objectInfoInputs: [ObjectInfoInput!])'
            );
            expect(query).toContain('objectInfos(objectInfoInputs: $objectInfoInputs)');
            expect(query).not.toContain('apiNames');
            expect(variables).toEqual({
                caseId: WEB_FORM_ID,
                objectInfoInputs: [
                    { apiName: 'Case', recordTypeIDs: [] },
                    { apiName: 'Opportunity', recordTypeIDs: [] }
                ]
            });
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Conversion_Process_Loading');
            await expect(element).toBeAccessible();
        });

        it('proposes the follow-up from the web form’s Type, visibly, and offers all three', async () => {
            const { element } = await render();

            const choice = $(element, 'lightning-radio-group.target');
            expect(choice.label).toBe('c.Conversion_Process_Target_Label');
            expect(choice.value).toBe('Sample_Request');
            expect(choice.options).toEqual([
                { label: 'c.Conversion_Process_Target_Customer_Request', value: 'Customer_Request' },
                { label: 'c.Conversion_Process_Target_Sample_Request', value: 'Sample_Request' },
                { label: 'c.Conversion_Process_Target_Opportunity', value: 'Opportunity' }
            ]);
            expect($(element, '.proposal').textContent).toBe('c.Conversion_Process_Proposed');
            expect($(element, 'ul.unavailable')).toBeNull();
            expect($(element, '.account-notice')).toBeNull();
            expect($(element, '.earlier')).toBeNull();
            expect($(element, 'lightning-button.next').disabled).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('lists the open cases of the web form’s account before the choice, leaving the web form out', async () => {
            const { element } = await render();
            const openCases = $(element, 'c-open-cases');
            expect(openCases.accountId).toBe('001LO0000000001AAA');
            expect(openCases.excludeId).toBe(WEB_FORM_ID);
            await expect(element).toBeAccessible();

            await click(element, 'lightning-button.next');
            expect($(element, 'c-open-cases')).toBeNull();

            const { element: unlinked } = await render(answer(webFormConvertedUnlinked));
            expect($(unlinked, 'c-open-cases')).toBeNull();
        });

        it.each([
            ['Sample Request', 'Sample_Request'],
            ['Quote Request', 'Opportunity'],
            ['Product Information', 'Customer_Request'],
            ['Technical Question', 'Customer_Request'],
            ['Complaint', 'Customer_Request'],
            ['Other', 'Customer_Request'],
            ['Partnership Enquiry', 'Customer_Request']
        ])('proposes for Type %s: %s', async (type, key) => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node) => {
                    node.Type = { value: type, displayValue: type };
                })
            );
            expect($(element, 'lightning-radio-group.target').value).toBe(key);
        });

        it('proposes a Customer Request when the web form has no Type, and says why', async () => {
            const { element } = await render(answer(webFormConvertedUnlinked));
            expect($(element, 'lightning-radio-group.target').value).toBe('Customer_Request');
            expect($(element, '.proposal').textContent).toBe('c.Conversion_Process_Proposed_No_Type');
        });

        it('lets the agent choose another target, keeping the proposal in view', async () => {
            const { element } = await render();
            await chooseTarget(element, 'Opportunity');

            expect($(element, 'lightning-radio-group.target').value).toBe('Opportunity');
            expect($(element, '.proposal').textContent).toBe('c.Conversion_Process_Proposed');
        });

        it('keeps the agent’s choice when the web form is read again', async () => {
            const { element } = await render();
            await chooseTarget(element, 'Customer_Request');
            graphql.emit(answer());
            await flushPromises();

            expect($(element, 'lightning-radio-group.target').value).toBe('Customer_Request');
        });

        it('lists earlier follow-ups with links and says the web form can be converted again', async () => {
            const { element } = await render(answer(webFormConvertedUnlinked));

            expect($(element, '.earlier h2').textContent).toBe('c.Conversion_Process_Earlier_Heading');
            const links = $$(element, '.earlier a').map((link) => [link.getAttribute('href'), link.textContent]);
            expect(links).toEqual([
                ['/lightning/r/Case/500LO0000000003AAA/view', '00001003'],
                ['/lightning/r/Opportunity/006LO0000000001AAA/view', 'Acme GmbH – Roof panels for a new depot']
            ]);
            const details = $$(element, '.earlier li span').map((span) => span.textContent.trim());
            expect(details).toEqual([
                'Sample Request · New · Roof panels for a new depot',
                'Opportunity · Prospecting'
            ]);
            expect($(element, 'lightning-button.next').disabled).toBe(false);
            await expect(element).toBeAccessible();
        });

        it.each([
            ['neither an account nor a contact', null, null, 'c.Conversion_Process_No_Account_Contact'],
            ['no account', null, '003LO0000000001AAA', 'c.Conversion_Process_No_Account'],
            ['no contact', '001LO0000000001AAA', null, 'c.Conversion_Process_No_Contact']
        ])('says when the web form has %s, and still converts', async (_, accountId, contactId, notice) => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node) => {
                    node.AccountId = { value: accountId };
                    node.Account = accountId ? node.Account : null;
                    node.ContactId = { value: contactId };
                })
            );

            expect($(element, '.account-notice').textContent).toBe(notice);
            expect($(element, 'lightning-button.next').disabled).toBe(false);
            await expect(element).toBeAccessible();
        });
    });

    describe('targets the user may not convert to', () => {
        /** Everything a user could choose, type into or go on with. */
        const offered = (element) =>
            $$(element, 'lightning-radio-group, lightning-input, lightning-textarea, lightning-button.next');
        const cannotConvertReasons = (element) =>
            $$(element, 'ul.cannot-convert-reasons li').map((item) => [item.dataset.reason, item.textContent.trim()]);

        it('tells a read-only user (no edit on cases) they cannot convert and why, offering nothing but Close', async () => {
            const { element, events } = await render(answer(webFormLinked, objectInfosViewer));

            expect($(element, '.cannot-convert-summary').textContent).toBe('c.Conversion_Process_Cannot_Convert');
            expect(cannotConvertReasons(element)).toEqual([['webForm', 'c.Conversion_Process_Unavailable_No_Edit']]);
            expect(offered(element)).toEqual([]);
            expect($(element, '.account-notice')).toBeNull();
            expect($$(element, 'lightning-button').map((button) => button.label)).toEqual([
                'c.Conversion_Process_Close'
            ]);
            await expect(element).toBeAccessible();

            await click(element, 'lightning-button.close');
            expect(events.close).toBe(1);
            expect(executeMutation).not.toHaveBeenCalled();
        });

        it('tells a user who may close the web form but create no follow-up why, for every target', async () => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node, infos) => {
                    caseInfo(infos).createable = false;
                    opportunityInfo(infos).createable = false;
                })
            );

            expect($(element, '.cannot-convert-summary').textContent).toBe('c.Conversion_Process_Cannot_Convert');
            expect(cannotConvertReasons(element)).toEqual([
                ['Customer_Request', 'c.Conversion_Process_Unavailable_No_Create'],
                ['Sample_Request', 'c.Conversion_Process_Unavailable_No_Create'],
                ['Opportunity', 'c.Conversion_Process_Unavailable_No_Create']
            ]);
            expect(offered(element)).toEqual([]);
            await expect(element).toBeAccessible();
        });

        it('cannot convert when the web form Status is not editable, even with create access', async () => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node, infos) => {
                    caseInfo(infos).fields.find((info) => info.ApiName === 'Status').updateable = false;
                })
            );

            expect(cannotConvertReasons(element)).toEqual([['webForm', 'c.Conversion_Process_Unavailable_No_Edit']]);
            expect(offered(element)).toEqual([]);
        });

        it('offers the others when one object is not createable', async () => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node, infos) => {
                    opportunityInfo(infos).createable = false;
                })
            );

            expect(unavailableReasons(element)).toEqual([
                ['Opportunity', 'c.Conversion_Process_Unavailable_No_Create']
            ]);
            expect($(element, 'lightning-button.next').disabled).toBe(false);
            await chooseTarget(element, 'Opportunity');
            expect($(element, 'lightning-button.next').disabled).toBe(true);
            await click(element, 'lightning-button.next');
            expect($(element, '.confirm')).toBeNull();
        });

        it('explains a record type that is not available to the user', async () => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node, infos) => {
                    caseInfo(infos).recordTypeInfos.find((rt) => rt.name === 'Sample Request').available = false;
                })
            );

            expect(unavailableReasons(element)).toEqual([
                ['Sample_Request', 'c.Conversion_Process_Unavailable_Record_Type']
            ]);
            expect($(element, 'lightning-button.next').disabled).toBe(true);
        });

        it('explains a lineage field the user may not set', async () => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node, infos) => {
                    opportunityInfo(infos).fields.find((f) => f.ApiName === 'Source_Case__c').createable = false;
                })
            );

            expect(unavailableReasons(element)).toEqual([
                ['Opportunity', 'c.Conversion_Process_Unavailable_No_Lineage']
            ]);
        });
    });

    describe('confirming', () => {
        it('asks for confirmation before the form, and Back returns to the choice', async () => {
            const { element } = await render();
            await click(element, 'lightning-button.next');

            expect($(element, '.confirm').textContent).toBe('c.Conversion_Process_Confirm');
            expect($(element, 'lightning-radio-group.target')).toBeNull();
            expect($(element, '.step-form')).toBeNull();
            expect(executeMutation).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();

            await click(element, 'lightning-button.back');
            expect($(element, 'lightning-radio-group.target').value).toBe('Sample_Request');
        });
    });

    describe('the pre-filled form', () => {
        it('pre-fills a case follow-up with the chosen record type, the request, the people and the submitter', async () => {
            const { element } = await render();
            await openForm(element);

            expect($(element, '.form-heading').textContent).toBe('c.Conversion_Process_Form_Heading');
            expect($(element, '.lineage').textContent).toBe('c.Conversion_Process_Lineage');
            const recordType = $form(element, 'lightning-combobox.record-type');
            expect(recordType.value).toBe(RECORD_TYPE.sampleRequest);
            expect(recordType.options.map((option) => option.label)).toEqual([
                'Customer Request',
                'Homeowner',
                'Installer',
                'Sample Request'
            ]);
            expect(field(element, 'Subject').value).toBe('Samples of the slate roof tiles');
            expect(field(element, 'Description').value).toBe(
                'Please send three samples of the grey slate tiles to our depot.'
            );
            expect(field(element, 'Origin').value).toBe('Web');
            expect(field(element, 'Priority').value).toBe('High');
            expect(field(element, 'Priority').options.map((option) => option.value)).toEqual(['High', 'Medium', 'Low']);
            expect(field(element, 'AccountId').value).toBe('001LO0000000001AAA');
            expect(field(element, 'AccountId').objectApiName).toBe('Account');
            expect(field(element, 'ContactId').value).toBe('003LO0000000001AAA');
            expect(field(element, 'ContactId').filter).toEqual({
                criteria: [{ fieldPath: 'AccountId', operator: 'eq', value: '001LO0000000001AAA' }]
            });
            expect(field(element, 'SuppliedEmail').value).toBe('nora@northwind.example');
            expect(field(element, 'SuppliedEmail').type).toBe('email');
            expect(field(element, 'Web_Country__c').value).toBe('United Kingdom');
            expect(field(element, 'Web_Country__c').label).toBe('Web Country');
            expect($form(element, '.record-type-not-found')).toBeNull();
            expect($(element, 'lightning-button.save').disabled).toBe(false);
            await expect(element).toBeAccessible();
        });

        it('pre-fills an opportunity: name, account, close date in 30 days, first stage, description, lead source', async () => {
            const { element } = await render();
            await openForm(element, 'Opportunity');

            expect($form(element, 'lightning-combobox.record-type')).toBeNull();
            expect($$form(element, '[data-field]').map((input) => input.dataset.field)).toEqual([
                'Name',
                'AccountId',
                'CloseDate',
                'StageName',
                'Description',
                'LeadSource'
            ]);
            expect(field(element, 'Name').value).toBe('Northwind Roofing – Samples of the slate roof tiles');
            expect(field(element, 'Name').required).toBe(true);
            expect(field(element, 'CloseDate').value).toBe('2026-12-30');
            expect(field(element, 'CloseDate').type).toBe('date');
            expect(field(element, 'StageName').value).toBe('Prospecting');
            expect(field(element, 'LeadSource').value).toBe('Web');
            await expect(element).toBeAccessible();
        });

        it('disables Save while a required value is empty, naming it', async () => {
            const { element } = await render();
            await openForm(element, 'Opportunity');
            await change(field(element, 'Name'), { value: '' });

            expect($(element, 'lightning-button.save').disabled).toBe(true);
            expect($form(element, '.missing').textContent).toBe('c.Conversion_Process_Missing_Required');
            await expect(element).toBeAccessible();
        });

        it('lets the agent choose the record type when the expected one was renamed', async () => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node, infos) => {
                    caseInfo(infos).recordTypeInfos.find((rt) => rt.name === 'Sample Request').name = 'Samples';
                })
            );
            expect(unavailableReasons(element)).toEqual([]);
            await openForm(element);

            expect($form(element, '.record-type-not-found').textContent).toBe(
                'c.Conversion_Process_Record_Type_Not_Found'
            );
            expect($form(element, 'lightning-combobox.record-type').value).toBeNull();
            expect($(element, 'lightning-button.save').disabled).toBe(true);
            await expect(element).toBeAccessible();

            await change($form(element, 'lightning-combobox.record-type'), { value: RECORD_TYPE.sampleRequest });
            expect($(element, 'lightning-button.save').disabled).toBe(false);
        });

        it('keeps the agent’s edits when going back to the confirmation and on again', async () => {
            const { element } = await render();
            await openForm(element);
            await change(field(element, 'Subject'), { value: 'Edited subject' });
            await click(element, 'lightning-button.back');
            await click(element, 'lightning-button.continue');

            expect(field(element, 'Subject').value).toBe('Edited subject');
        });

        it('shows only the fields the user may set', async () => {
            const { element } = await render(
                answer(webFormLinked, objectInfosAgent, (node, infos) => {
                    caseInfo(infos).fields.find((f) => f.ApiName === 'Web_Street__c').createable = false;
                })
            );
            await openForm(element);

            expect(field(element, 'Web_Street__c')).toBeNull();
            expect(field(element, 'Web_City__c')).not.toBeNull();
        });
    });

    describe('saving', () => {
        it.each(['Customer_Request', 'Sample_Request'])(
            'converts into a %s with one all-or-none mutation: the case with its lineage, the web form closed',
            async (key) => {
                executeMutation.mockResolvedValueOnce(convertedToCase);
                const { element } = await render();
                await openForm(element, key);
                await click(element, 'lightning-button.save');

                expect(executeMutation).toHaveBeenCalledTimes(1);
                expect(executeMutation).toHaveBeenCalledWith({
                    query: EXPECTED_CASE_MUTATION,
                    operationName: 'ConvertWebFormToCase',
                    variables: withFixtureIds(expectedVariables[key])
                });
                expect(executeMutation.mock.calls[0][0].variables.followUp.Case).toMatchObject({
                    RecordTypeId: key === 'Sample_Request' ? RECORD_TYPE.sampleRequest : RECORD_TYPE.customerRequest,
                    AccountId: '001LO0000000001AAA',
                    ContactId: '003LO0000000001AAA',
                    ...SUBMITTER,
                    Converted_From__c: WEB_FORM_ID
                });
            }
        );

        it('converts into an Opportunity with one all-or-none mutation: the opportunity with its lineage, the web form closed', async () => {
            executeMutation.mockResolvedValueOnce(convertedToOpportunity);
            const { element } = await render();
            await openForm(element, 'Opportunity');
            await click(element, 'lightning-button.save');

            expect(executeMutation).toHaveBeenCalledTimes(1);
            expect(executeMutation).toHaveBeenCalledWith({
                query: EXPECTED_OPPORTUNITY_MUTATION,
                operationName: 'ConvertWebFormToOpportunity',
                variables: withFixtureIds(expectedVariables.Opportunity)
            });
            expect(executeMutation.mock.calls[0][0].variables).toEqual({
                followUp: {
                    Opportunity: {
                        Name: 'Northwind Roofing – Samples of the slate roof tiles',
                        AccountId: '001LO0000000001AAA',
                        CloseDate: '2026-12-30',
                        StageName: 'Prospecting',
                        Description: 'Please send three samples of the grey slate tiles to our depot.',
                        LeadSource: 'Web',
                        Source_Case__c: WEB_FORM_ID
                    }
                },
                webForm: CLOSE_WEB_FORM
            });
        });

        it('sends what the agent changed and leaves out what they emptied', async () => {
            executeMutation.mockResolvedValueOnce(convertedToCase);
            const { element } = await render();
            await openForm(element, 'Customer_Request');
            await change($form(element, 'lightning-combobox.record-type'), { value: RECORD_TYPE.homeowner });
            await change(field(element, 'Subject'), { value: 'Slate samples for the depot' });
            await change(field(element, 'Priority'), { value: 'Low' });
            await change(field(element, 'ContactId'), { recordId: null });
            await change(field(element, 'Web_Street__c'), { value: '' });
            await click(element, 'lightning-button.save');

            const { followUp } = executeMutation.mock.calls[0][0].variables;
            expect(followUp.Case).toMatchObject({
                RecordTypeId: RECORD_TYPE.homeowner,
                Subject: 'Slate samples for the depot',
                Priority: 'Low',
                Converted_From__c: WEB_FORM_ID
            });
            expect(followUp.Case).not.toHaveProperty('ContactId');
            expect(followUp.Case).not.toHaveProperty('Web_Street__c');
        });

        it('after saving: refreshes the web form explicitly, toasts a link to the new record, and closes', async () => {
            executeMutation.mockResolvedValueOnce(convertedToCase);
            const { element, events } = await render();
            await openForm(element);
            await click(element, 'lightning-button.save');

            expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: WEB_FORM_ID }]);
            expect(events.refresh).toBe(1);
            expect(events.toast).toEqual([
                {
                    title: 'c.Conversion_Process_Converted_Title',
                    message: 'c.Conversion_Process_Converted_Message',
                    messageData: [{ url: '/lightning/r/Case/500LO0000000009AAA/view', label: '00001009' }],
                    variant: 'success'
                }
            ]);
            expect(events.close).toBe(1);
        });

        it('links the toast to a new opportunity by its name', async () => {
            executeMutation.mockResolvedValueOnce(convertedToOpportunity);
            const { element, events } = await render();
            await openForm(element, 'Opportunity');
            await click(element, 'lightning-button.save');

            expect(events.toast[0].messageData).toEqual([
                {
                    url: '/lightning/r/Opportunity/006LO0000000009AAA/view',
                    label: 'Northwind Roofing – Samples of the slate roof tiles'
                }
            ]);
        });

        it.each([
            ['a validation rule', rejectedByRule, 'c.Conversion_Process_Error_Rule'],
            ['a duplicate rule', duplicatesDetected, 'c.Conversion_Process_Error_Duplicate'],
            ['a missing required field', requiredFieldMissing, 'c.Conversion_Process_Error_Required'],
            ['missing create access', cannotInsert, 'c.Conversion_Process_Error_Access'],
            ['a rule on closing the web form', webFormNotClosed, 'c.Conversion_Process_Error_Web_Form']
        ])(
            'shows a refusal by %s in the panel, in words an agent understands, and stays open',
            async (_, response, summary) => {
                executeMutation.mockResolvedValueOnce(response);
                const { element, events } = await render();
                await openForm(element);
                await click(element, 'lightning-button.save');

                const panel = $(element, 'c-error-panel.save-error');
                expect(panel.friendlyMessage).toBe(summary);
                expect(panel.errors).toEqual(response.errors);
                expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
                expect(events).toEqual({ toast: [], close: 0, refresh: 0 });
                expect($(element, 'lightning-button.save').disabled).toBe(false);
                expect(field(element, 'Subject')).not.toBeNull();
                await expect(element).toBeAccessible();
            }
        );

        it('reports code-prefixed messages and schema refusals too', async () => {
            executeMutation.mockResolvedValueOnce({
                data: null,
                errors: [
                    {
                        message: "Validation error (WrongType@[followUp]) : Field 'Web_Street__c' is not defined",
                        locations: [],
                        paths: [],
                        extensions: { ErrorType: 'ValidationError' }
                    }
                ]
            });
            const { element } = await render();
            await openForm(element);
            await click(element, 'lightning-button.save');
            expect($(element, 'c-error-panel.save-error').friendlyMessage).toBe('c.Conversion_Process_Error_Access');

            executeMutation.mockResolvedValueOnce({
                data: null,
                errors: [{ message: 'DUPLICATES_DETECTED: Use one of these records?', paths: ['uiapi', 'CaseCreate'] }]
            });
            await click(element, 'lightning-button.save');
            expect($(element, 'c-error-panel.save-error').friendlyMessage).toBe('c.Conversion_Process_Error_Duplicate');
        });

        it('shows a failed request as an error too', async () => {
            executeMutation.mockRejectedValueOnce(new Error('Failed to fetch'));
            const { element, events } = await render();
            await openForm(element);
            await click(element, 'lightning-button.save');

            const panel = $(element, 'c-error-panel.save-error');
            expect(panel.friendlyMessage).toBe('c.Conversion_Process_Error_Generic');
            expect(panel.errors).toEqual(new Error('Failed to fetch'));
            expect(events.close).toBe(0);
        });
    });

    it('cannot convert when the web form cannot be read, and says so', async () => {
        const element = createElement('c-conversion-process', { is: ConversionProcess });
        element.recordId = WEB_FORM_ID;
        document.body.appendChild(element);
        graphql.emitErrors([{ message: 'Insufficient privileges' }]);
        await flushPromises();

        expect($(element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Conversion_Process_Load_Failed');
        expect($(element, 'lightning-radio-group.target')).toBeNull();
        expect($(element, 'lightning-button.next')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('cannot convert a web form the query does not return (deleted or not shared)', async () => {
        const { element } = await render({ uiapi: { query: { Case: { edges: [] } }, objectInfos: objectInfosAgent } });

        expect($(element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Conversion_Process_Load_Failed');
        expect($(element, 'lightning-radio-group.target')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('closes on Cancel without writing', async () => {
        const { element, events } = await render();
        await click(element, 'lightning-button.cancel');

        expect(events.close).toBe(1);
        expect(executeMutation).not.toHaveBeenCalled();
    });
});
