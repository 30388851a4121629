import { createElement } from '@lwc/engine-dom';
import NewServiceCase from 'c/newServiceCase';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

// The labels with their placeholders (as in CustomLabels), so what the texts name can be checked.
jest.mock('@salesforce/label/c.New_Service_Case_Warning_Title', () => ({ default: 'This contract is {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.New_Service_Case_Contract_Option', () => ({ default: '{0} ({1})' }), { virtual: true });
jest.mock(
    '@salesforce/label/c.New_Service_Case_Homeowner_Context',
    () => ({ default: 'Homeowner case on contract {0} of {1}.' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.New_Service_Case_Installer_Context',
    () => ({ default: 'Installer case for {0} of {1}.' }),
    { virtual: true }
);

// Fixtures are local-org's answers to the component's own documents (local-org/test/newServiceCase.test.ts
// checks that they keep the shape the org answers).
const startContract = require('./data/startContract.json');
const startAccount = require('./data/startAccount.json');
const startInstallerAccount = require('./data/startInstallerAccount.json');
const startContact = require('./data/startContact.json');
const objectInfosAgent = require('./data/objectInfosAgent.json');
const objectInfosViewer = require('./data/objectInfosViewer.json');
const created = require('./data/created.json');
const rejectedByFilter = require('./data/rejectedByFilter.json');

const SHOW_TOAST = 'lightning__showtoast';
const HOMEOWNER = '012LO0000000002YAA';
const INSTALLER = '012LO0000000003YAA';
const BERG = '001LO0000000001YAA';
const SUNFIT = '001LO0000000002YAA';
const ACTIVE_CONTRACT = '800LO0000000001YAA';
const PENDING_CONTRACT = '800LO0000000002YAA';
const CANCELLED_CONTRACT = '800LO0000000003YAA';
const PRIYA = '003LO0000000001YAA';
const DEV = '003LO0000000002YAA';

const EXPECTED_MUTATION = `
    mutation CreateServiceCase($input: CaseCreateInput!) {
        uiapi(input: { allOrNone: true }) {
            serviceCase: CaseCreate(input: $input) {
                Record {
                    Id
                    CaseNumber {
                        value
                    }
                }
            }
        }
    }
`;

const isStartQuery = (config) => Boolean(config?.query?.includes('NewServiceCaseStart'));
const isOpenCases = (config) => Boolean(config?.query?.includes('query OpenCases'));

async function render(recordId, start, objectInfos = objectInfosAgent) {
    const element = createElement('c-new-service-case', { is: NewServiceCase });
    element.recordId = recordId;
    const events = { toast: [], close: 0, refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(CloseScreenEventName, () => (events.close += 1));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    // The wire gets its config after the element connects: emitting to the start query needs it set.
    await flushPromises();
    if (start) {
        graphql.emit({ uiapi: { ...start.uiapi, objectInfos } }, isStartQuery);
        await flushPromises();
    }
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const form = (element) => $(element, 'c-service-case-form');
const $form = (element, selector) => form(element).shadowRoot.querySelector(selector);

async function change(target, detail) {
    target.dispatchEvent(new CustomEvent('change', { detail }));
    await flushPromises();
}

async function save(element) {
    $(element, 'lightning-button.save').click();
    await flushPromises();
}

describe('c-new-service-case', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('reads the starting record and Case’s access with one query, and shows a spinner meanwhile', async () => {
        const { element } = await render(PENDING_CONTRACT);
        const { query, variables } = graphql.getLastConfig();
        expect(gql.mock.results.map((result) => result.value)).toContain(query);
        expect(query).toContain('query NewServiceCaseStart($recordId: ID, $objectInfoInputs: [ObjectInfoInput!])');
        expect(query).toContain('objectInfos(objectInfoInputs: $objectInfoInputs)');
        expect(variables).toEqual({ recordId: PENDING_CONTRACT, objectInfoInputs: [{ apiName: 'Case' }] });
        expect($(element, 'lightning-spinner')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    describe('from a Pending Cancellation contract', () => {
        it('lists the account’s open cases before the form and warns, naming the status', async () => {
            const { element } = await render(PENDING_CONTRACT, startContract);
            expect($(element, 'c-open-cases').accountId).toBe(BERG);
            expect($form(element, 'lightning-radio-group.kind')).toBeNull();
            expect($form(element, '.context').textContent).toBe(
                'Homeowner case on contract 00000101 of Berg Household.'
            );
            expect($form(element, '.warning-title').textContent).toBe('This contract is Pending Cancellation');
            expect($form(element, 'lightning-input.confirm').checked).toBe(false);
            expect($(element, 'lightning-button.save').disabled).toBe(true);
            await expect(element).toBeAccessible();
        });

        it('saves only after the confirmation, in one mutation that sets the acknowledgement and no owner', async () => {
            executeMutation.mockResolvedValueOnce(created);
            const { element, events } = await render(PENDING_CONTRACT, startContract);
            await change($form(element, 'lightning-input.subject'), { value: 'Roof leak' });
            expect($(element, 'lightning-button.save').disabled).toBe(true);
            await change($form(element, 'lightning-input.confirm'), { checked: true });
            expect($(element, 'lightning-button.save').disabled).toBe(false);
            await save(element);

            expect(executeMutation).toHaveBeenCalledTimes(1);
            expect(executeMutation).toHaveBeenCalledWith({
                query: EXPECTED_MUTATION,
                operationName: 'CreateServiceCase',
                variables: {
                    input: {
                        Case: {
                            RecordTypeId: HOMEOWNER,
                            AccountId: BERG,
                            Contract__c: PENDING_CONTRACT,
                            Contract_Status_Acknowledged__c: true,
                            Subject: 'Roof leak'
                        }
                    }
                }
            });
            expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: PENDING_CONTRACT }]);
            expect(events.toast).toEqual([
                {
                    title: 'c.New_Service_Case_Created_Title',
                    message: 'c.New_Service_Case_Created_Message',
                    messageData: [{ url: '/lightning/r/Case/500LO0000000002YAA/view', label: '00001004' }],
                    variant: 'success',
                    mode: 'sticky'
                }
            ]);
            expect(events.refresh).toBe(1);
            expect(events.close).toBe(1);
        });

        it('shows the org’s refusal with a summary, keeps the form and closes nothing', async () => {
            executeMutation.mockResolvedValueOnce(rejectedByFilter);
            const { element, events } = await render(PENDING_CONTRACT, startContract);
            await change($form(element, 'lightning-input.subject'), { value: 'Roof leak' });
            await change($form(element, 'lightning-input.confirm'), { checked: true });
            await save(element);
            const panel = $(element, 'c-error-panel.save-error');
            expect(panel.friendlyMessage).toBe('c.New_Service_Case_Error_Rule');
            expect(panel.errors).toEqual(rejectedByFilter.errors);
            expect(events.toast).toEqual([]);
            expect(events.close).toBe(0);
            expect(form(element)).not.toBeNull();
            await expect(element).toBeAccessible();
        });

        it('reports a request that failed outright with the generic summary', async () => {
            executeMutation.mockRejectedValueOnce(new Error('Network down'));
            const { element } = await render(PENDING_CONTRACT, startContract);
            await change($form(element, 'lightning-input.subject'), { value: 'Roof leak' });
            await change($form(element, 'lightning-input.confirm'), { checked: true });
            await save(element);
            expect($(element, 'c-error-panel.save-error').friendlyMessage).toBe('c.New_Service_Case_Error_Generic');
        });
    });

    describe('from an account', () => {
        it('offers both kinds, pre-selects the Activated contract and warns only on another status', async () => {
            const { element } = await render(BERG, startAccount);
            expect($(element, 'c-open-cases').accountId).toBe(BERG);
            const kind = $form(element, 'lightning-radio-group.kind');
            expect(kind.value).toBe('Homeowner');
            expect(kind.options.map((option) => option.value)).toEqual(['Homeowner', 'Installer']);
            const contract = $form(element, 'lightning-combobox.contract');
            expect(contract.value).toBe(ACTIVE_CONTRACT);
            expect(contract.options).toEqual([
                { label: '00000100 (Activated)', value: ACTIVE_CONTRACT },
                { label: '00000101 (Pending Cancellation)', value: PENDING_CONTRACT },
                { label: '00000102 (Cancelled)', value: CANCELLED_CONTRACT }
            ]);
            expect($form(element, '.warning')).toBeNull();
            await expect(element).toBeAccessible();

            await change(contract, { value: CANCELLED_CONTRACT });
            expect($form(element, '.warning-title').textContent).toBe('This contract is Cancelled');
            await expect(element).toBeAccessible();
        });

        it('creates a Homeowner case on the Activated contract without an acknowledgement', async () => {
            executeMutation.mockResolvedValueOnce(created);
            const { element } = await render(BERG, startAccount);
            await change($form(element, 'lightning-input.subject'), { value: 'Roof leak' });
            await change($form(element, 'lightning-textarea.description'), { value: 'Water in the attic' });
            await save(element);
            expect(executeMutation.mock.calls[0][0].variables).toEqual({
                input: {
                    Case: {
                        RecordTypeId: HOMEOWNER,
                        AccountId: BERG,
                        Contract__c: ACTIVE_CONTRACT,
                        Subject: 'Roof leak',
                        Description: 'Water in the attic'
                    }
                }
            });
        });

        it('a new contract needs its own confirmation', async () => {
            const { element } = await render(BERG, startAccount);
            await change($form(element, 'lightning-input.subject'), { value: 'Roof leak' });
            await change($form(element, 'lightning-combobox.contract'), { value: PENDING_CONTRACT });
            await change($form(element, 'lightning-input.confirm'), { checked: true });
            expect($(element, 'lightning-button.save').disabled).toBe(false);
            await change($form(element, 'lightning-combobox.contract'), { value: CANCELLED_CONTRACT });
            expect($form(element, 'lightning-input.confirm').checked).toBe(false);
            expect($(element, 'lightning-button.save').disabled).toBe(true);
        });

        it('an Installer case needs the installer contact, chosen among the account’s contacts', async () => {
            executeMutation.mockResolvedValueOnce(created);
            const { element } = await render(SUNFIT, startInstallerAccount);
            await change($form(element, 'lightning-radio-group.kind'), { value: 'Installer' });
            await change($form(element, 'lightning-input.subject'), { value: 'Warranty registration' });
            const contact = $form(element, 'lightning-combobox.installer-contact');
            expect(contact.options).toEqual([
                { label: 'Dev Patel', value: DEV },
                { label: 'Priya Rao', value: PRIYA }
            ]);
            expect($(element, 'lightning-button.save').disabled).toBe(true);
            await change(contact, { value: PRIYA });
            expect($form(element, '.context').textContent).toBe('Installer case for Priya Rao of Sunfit Installers.');
            await expect(element).toBeAccessible();
            await save(element);
            expect(executeMutation.mock.calls[0][0].variables).toEqual({
                input: {
                    Case: {
                        RecordTypeId: INSTALLER,
                        AccountId: SUNFIT,
                        Installer_Contact__c: PRIYA,
                        Subject: 'Warranty registration'
                    }
                }
            });
        });

        it('says what is missing when the account has no contract or no contact', async () => {
            const { element } = await render(SUNFIT, startInstallerAccount);
            expect($form(element, '.no-contracts')).not.toBeNull();
            expect($(element, 'lightning-button.save').disabled).toBe(true);
            const { element: berg } = await render(BERG, startAccount);
            await change($form(berg, 'lightning-radio-group.kind'), { value: 'Installer' });
            expect($form(berg, '.no-contacts')).not.toBeNull();
            expect($(berg, 'lightning-button.save').disabled).toBe(true);
            await expect(berg).toBeAccessible();
        });
    });

    describe('from a contact', () => {
        it('creates an Installer case for the contact and its account', async () => {
            executeMutation.mockResolvedValueOnce(created);
            const { element } = await render(PRIYA, startContact);
            expect($(element, 'c-open-cases').accountId).toBe(SUNFIT);
            expect($form(element, 'lightning-radio-group.kind')).toBeNull();
            expect($form(element, '.context').textContent).toBe('Installer case for Priya Rao of Sunfit Installers.');
            await expect(element).toBeAccessible();
            await change($form(element, 'lightning-input.subject'), { value: 'Inverter error' });
            await save(element);
            expect(executeMutation.mock.calls[0][0].variables).toEqual({
                input: {
                    Case: {
                        RecordTypeId: INSTALLER,
                        AccountId: SUNFIT,
                        ContactId: PRIYA,
                        Installer_Contact__c: PRIYA,
                        Subject: 'Inverter error'
                    }
                }
            });
        });
    });

    describe('a user who may not create cases (the viewer)', () => {
        it('says so, offers only Close and shows no form', async () => {
            const { element, events } = await render(PENDING_CONTRACT, startContract, objectInfosViewer);
            expect($(element, '.cannot-create').textContent).toBe('c.New_Service_Case_Cannot_Create');
            expect(form(element)).toBeNull();
            expect($(element, 'lightning-button.save')).toBeNull();
            $(element, 'lightning-button.close').click();
            expect(events.close).toBe(1);
            expect(executeMutation).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });
    });

    describe('loading', () => {
        it('shows the load error, and a record the user cannot see as one with no messages', async () => {
            const { element } = await render(PENDING_CONTRACT);
            graphql.emitErrors([{ message: 'Boom' }], isStartQuery);
            await flushPromises();
            expect($(element, 'c-error-panel.load-error').errors).toEqual([{ message: 'Boom' }]);
            await expect(element).toBeAccessible();

            const empty = {
                uiapi: { query: { Contract: { edges: [] }, Account: { edges: [] }, Contact: { edges: [] } } }
            };
            const { element: missing } = await render(PENDING_CONTRACT, empty);
            expect($(missing, 'c-error-panel.load-error').errors).toEqual([]);
            expect($(missing, 'c-open-cases')).toBeNull();
        });

        it('the open-case list reads its own query for the account', async () => {
            await render(PENDING_CONTRACT, startContract);
            const configs = [];
            graphql.emit(undefined, (config) => {
                if (isOpenCases(config)) configs.push(config.variables);
                return false;
            });
            expect(configs).toEqual([{ accountId: BERG, excludeId: null }]);
        });
    });
});
