import { createElement } from '@lwc/engine-dom';
import RelateInteraction from 'c/relateInteraction';
import { gql, graphql } from 'lightning/graphql';
import { IDENTIFIER_QUERY, NAME_QUERY } from 'c/candidateSearch';
import { matchSearchRequests } from 'c/matchSearch';
import { flushPromises } from 'jest-utils/flushPromises';

// Labels whose arguments a test reads (the jest transform falls back to "c.<Name>" for labels not mocked).
jest.mock('@salesforce/label/c.Relate_Interaction_Option', () => ({ default: '{0} — {1}' }), { virtual: true });
jest.mock('@salesforce/label/c.Web_Form_Intake_Score', () => ({ default: '{0} %' }), { virtual: true });
jest.mock('@salesforce/label/c.Relate_Interaction_Caller', () => ({ default: 'Caller: {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Relate_Interaction_Results_For', () => ({ default: 'Results for “{0}”' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Relate_Interaction_Summary',
    () => ({ default: 'Name: {0} · Related To: {1} · Other contacts: {2}' }),
    { virtual: true }
);
jest.mock('@salesforce/label/c.Relate_Interaction_Use_Parent', () => ({ default: 'Relate to the parent {0}' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Relate_Interaction_Nobody', () => ({ default: 'none' }), { virtual: true });

const identifierAnswer = require('./data/identifierAnswer.json');
const nameAnswer = require('./data/nameAnswer.json');
const nameAnswerInstaller = require('./data/nameAnswerInstaller.json');
const contextNorthwind = require('./data/contextNorthwind.json');
const contextInstaller = require('./data/contextInstaller.json');
const knownContacts = require('./data/knownContacts.json');

const TASK = '00TLO0000000001YAA';
const NORTHWIND = '001LO0000000001YAA';
const INSTALLER = '001LO0000000003YAA';
const INSTALLER_PARENT = '001LO0000000009YAA';
const ANNA = '003LO0000000001YAA';
const BEN = '003LO0000000002YAA';
const ROOF_CASE = '500LO0000000001YAA';

const PHONE_CALL = {
    recordId: TASK,
    subject: 'Call from +44 20 7946 0102',
    taskType: 'Call',
    callerPhone: '+44 20 7946 0102',
    callerEmail: 'anna.okafor@northwind-roofing.example.com',
    callerName: 'Anna Okafor',
    availableActions: ['NEXT']
};
const UNKNOWN_CHAT = { recordId: TASK, subject: 'Chat', taskType: 'Chat', availableActions: ['NEXT'] };

const FLOW_EVENTS = [
    'lightning__flowattributechange',
    'lightning__flownavigationnext',
    'lightning__flownavigationfinish'
];

async function render(props) {
    const element = createElement('c-relate-interaction', { is: RelateInteraction });
    Object.assign(element, props);
    const fired = [];
    for (const name of FLOW_EVENTS) {
        element.addEventListener(name, (event) =>
            fired.push(event.detail ? [event.detail.attributeName, event.detail.attributeValue] : [name])
        );
    }
    document.body.appendChild(element);
    await flushPromises();
    return { element, fired };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const search = (element) => $(element, 'c-interaction-search');
const $s = (element, selector) => search(element).shadowRoot.querySelector(selector);
const isQuery = (query) => (config) => config.query === query;

async function emit(data, query) {
    graphql.emit(data, isQuery(query));
    await flushPromises();
}

async function emitContext(data) {
    graphql.emit(data, (config) => String(config.query).includes('RelateInteractionContext'));
    await flushPromises();
}

async function answerSearch(identifiers = identifierAnswer, names = nameAnswer) {
    await emit(identifiers, IDENTIFIER_QUERY);
    await emit(names, NAME_QUERY);
}

async function change(element, selector, detail) {
    $(element, selector).dispatchEvent(new CustomEvent('change', { detail }));
    await flushPromises();
}

const optionValues = (element, selector) => $(element, selector).options.map((option) => option.value);
const optionLabels = (element, selector) => $(element, selector).options.map((option) => option.label);

describe('c-relate-interaction', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    describe('documents and variables', () => {
        it('searches for the caller the task records with matchSearch’s requests', async () => {
            const spy = jest.spyOn(graphql.prototype, 'update');
            await render(PHONE_CALL);
            // A caller's name with an email or phone is no name-only search: one request.
            const requests = matchSearchRequests({
                FirstName: 'Anna',
                LastName: 'Okafor',
                Email: PHONE_CALL.callerEmail,
                Phone: PHONE_CALL.callerPhone
            });
            expect(requests).toHaveLength(1);
            const configs = spy.mock.calls.map(([config]) => config).filter((config) => config?.query);
            expect(configs).toEqual([{ query: IDENTIFIER_QUERY, variables: requests[0].variables }]);
            expect(gql.mock.results.map((result) => result.value)).toContain(IDENTIFIER_QUERY);
            spy.mockRestore();
        });

        it('searches nothing for an unknown chat visitor until the agent types; a typed email is searched as one', async () => {
            const spy = jest.spyOn(graphql.prototype, 'update');
            const { element } = await render(UNKNOWN_CHAT);
            expect(spy.mock.calls.filter(([config]) => config?.query)).toEqual([]);
            expect($s(element, '.caller').textContent).toBe('c.Relate_Interaction_Caller_Unknown');

            const input = $s(element, 'lightning-input.search-input');
            input.dispatchEvent(
                new CustomEvent('change', { detail: { value: ' anna.okafor@northwind-roofing.example.com ' } })
            );
            $s(element, 'lightning-button.search-button').click();
            await flushPromises();

            const [identifiers] = matchSearchRequests({ Email: 'anna.okafor@northwind-roofing.example.com' });
            const configs = spy.mock.calls.map(([config]) => config).filter((config) => config?.query);
            expect(configs).toEqual([{ query: IDENTIFIER_QUERY, variables: identifiers.variables }]);
            expect($s(element, '.search-heading').textContent).toBe(
                'Results for “anna.okafor@northwind-roofing.example.com”'
            );
            spy.mockRestore();
        });

        it('reads the open cases of the chosen account or contacts, and the account’s parent, in one document', async () => {
            const spy = jest.spyOn(graphql.prototype, 'update');
            const { element } = await render(PHONE_CALL);
            await answerSearch();
            await change(element, 'lightning-checkbox-group.contacts', { value: [ANNA, BEN] });
            const context = spy.mock.calls
                .map(([config]) => config)
                .filter((config) => config?.query?.includes('RelateInteractionContext'));
            expect(context[context.length - 1].variables).toEqual({ accountId: NORTHWIND, contactIds: [ANNA, BEN] });
            expect(context[0].query).toContain('query RelateInteractionContext($accountId: ID, $contactIds: [ID])');
            expect(context[0].query).toContain('{ IsClosed: { eq: false } }');
            expect(context[0].query).toContain(
                '{ or: [{ AccountId: { eq: $accountId } }, { ContactId: { in: $contactIds } }] }'
            );
            spy.mockRestore();
        });
    });

    describe('choosing', () => {
        it('lists the ranked contacts and accounts with the matcher’s reasons', async () => {
            const { element } = await render(PHONE_CALL);
            expect($s(element, '.caller').textContent).toBe(
                'Caller: Anna Okafor · +44 20 7946 0102 · anna.okafor@northwind-roofing.example.com'
            );
            expect($s(element, '.searching')).not.toBeNull();
            await answerSearch();
            expect($s(element, '.searching')).toBeNull();
            expect(optionValues(element, 'lightning-checkbox-group.contacts')[0]).toBe(ANNA);
            const [anna] = optionLabels(element, 'lightning-checkbox-group.contacts');
            expect(anna).toMatch(
                /^Anna Okafor · anna\.okafor@northwind-roofing\.example\.com · Northwind Roofing Ltd — /
            );
            expect(anna).toContain('c.Web_Form_Intake_Reason_Email');
            expect(anna).toMatch(/\(\d+ %\)$/);
            expect(optionValues(element, 'lightning-radio-group.account')).toEqual([NORTHWIND]);
            await expect(element).toBeAccessible();
        });

        it('takes several contacts, asks which is primary, picks their account and lists its open cases', async () => {
            const { element } = await render(PHONE_CALL);
            await answerSearch();
            expect($(element, 'lightning-radio-group.primary')).toBeNull();
            await change(element, 'lightning-checkbox-group.contacts', { value: [ANNA, BEN] });

            expect($(element, 'lightning-checkbox-group.contacts').value).toEqual([ANNA, BEN]);
            expect(optionValues(element, 'lightning-radio-group.primary')).toEqual([ANNA, BEN]);
            expect($(element, 'lightning-radio-group.primary').value).toBe(ANNA);
            expect($(element, 'lightning-radio-group.account').value).toBe(NORTHWIND);
            expect($(element, '.cases-loading')).not.toBeNull();

            await emitContext(contextNorthwind);
            expect($(element, '.cases-loading')).toBeNull();
            expect(optionLabels(element, 'lightning-radio-group.cases')).toEqual([
                'c.Relate_Interaction_No_Case',
                '00001009 · Escalated · Roof leak after installation',
                '00001015 · Pending · Care instructions for the slate-grey tiles'
            ]);
            expect($(element, 'lightning-radio-group.cases').value).toBe('');
            expect($(element, '.summary').textContent).toBe(
                'Name: Anna Okafor · Related To: Northwind Roofing Ltd · Other contacts: 1'
            );
            await expect(element).toBeAccessible();
        });

        it('starts from the task’s current Name and account, and keeps a choice when the agent searches again', async () => {
            const { element } = await render({ ...PHONE_CALL, whoId: BEN, whatId: NORTHWIND });
            graphql.emit(knownContacts, (config) => String(config.query).includes('RelateInteractionKnownContacts'));
            await flushPromises();
            await answerSearch();
            expect(optionValues(element, 'lightning-checkbox-group.contacts')).toEqual([BEN, ANNA]);
            expect(optionLabels(element, 'lightning-checkbox-group.contacts')[0]).toBe(
                'Ben Murphy · ben.murphy@northwind-roofing.example.com · Northwind Roofing Ltd — c.Relate_Interaction_Related_Now'
            );
            expect($(element, 'lightning-checkbox-group.contacts').value).toEqual([BEN]);
            expect($(element, 'lightning-radio-group.account').value).toBe(NORTHWIND);

            // A second search that finds nobody: Ben stays on screen and chosen.
            const input = $s(element, 'lightning-input.search-input');
            input.dispatchEvent(new CustomEvent('change', { detail: { value: 'Nobody Here' } }));
            $s(element, 'lightning-button.search-button').click();
            await flushPromises();
            const empty = (query) => ({
                uiapi: { query: Object.fromEntries(Object.keys(query.uiapi.query).map((key) => [key, { edges: [] }])) }
            });
            await answerSearch(empty(identifierAnswer), empty(nameAnswer));
            expect($s(element, '.no-candidates').textContent).toBe('c.Relate_Interaction_No_Candidates');
            expect(optionValues(element, 'lightning-checkbox-group.contacts')).toEqual([BEN]);
            await expect(element).toBeAccessible();
        });
    });

    describe('saving', () => {
        async function chooseAnnaAndBen(element) {
            await answerSearch();
            await change(element, 'lightning-checkbox-group.contacts', { value: [ANNA, BEN] });
            await emitContext(contextNorthwind);
        }

        it('hands the primary contact, the case and the other contacts to the flow, then moves on', async () => {
            const { element, fired } = await render(PHONE_CALL);
            await chooseAnnaAndBen(element);
            await change(element, 'lightning-radio-group.primary', { value: BEN });
            await change(element, 'lightning-radio-group.cases', { value: ROOF_CASE });
            expect($(element, '.summary').textContent).toBe(
                'Name: Ben Murphy · Related To: 00001009 · Other contacts: 1'
            );
            $(element, 'lightning-button.save').click();
            expect(fired).toEqual([
                ['contactId', BEN],
                ['relatedToId', ROOF_CASE],
                ['otherContactIds', [ANNA]],
                ['lightning__flownavigationnext']
            ]);
        });

        it('relates to the account when no case is chosen', async () => {
            const { element, fired } = await render(PHONE_CALL);
            await answerSearch();
            await change(element, 'lightning-checkbox-group.contacts', { value: [ANNA] });
            await emitContext(contextNorthwind);
            expect($(element, 'lightning-radio-group.primary')).toBeNull();
            $(element, 'lightning-button.save').click();
            expect(fired).toEqual([
                ['contactId', ANNA],
                ['relatedToId', NORTHWIND],
                ['otherContactIds', []],
                ['lightning__flownavigationnext']
            ]);
        });

        it('relates a sales rep without a contact record through the installer’s parent account, unless the agent says not', async () => {
            const { element, fired } = await render({ ...UNKNOWN_CHAT, availableActions: ['BACK', 'FINISH'] });
            const input = $s(element, 'lightning-input.search-input');
            input.dispatchEvent(new CustomEvent('change', { detail: { value: 'Brightgate' } }));
            $s(element, 'lightning-button.search-button').click();
            await flushPromises();
            await answerSearch(identifierAnswer, nameAnswerInstaller);
            expect(optionValues(element, 'lightning-radio-group.account')).toContain(INSTALLER);
            await change(element, 'lightning-radio-group.account', { value: INSTALLER });
            await emitContext(contextInstaller);
            const useParent = $(element, 'lightning-input.use-parent');
            expect(useParent.label).toBe('Relate to the parent Brightgate Group');
            expect(useParent.checked).toBe(true);
            expect($(element, '.summary').textContent).toBe(
                'Name: none · Related To: Brightgate Group · Other contacts: 0'
            );
            $(element, 'lightning-button.save').click();
            expect(fired).toEqual([
                ['contactId', null],
                ['relatedToId', INSTALLER_PARENT],
                ['otherContactIds', []],
                ['lightning__flownavigationfinish']
            ]);

            fired.length = 0;
            useParent.dispatchEvent(new CustomEvent('change', { detail: { checked: false } }));
            await flushPromises();
            $(element, 'lightning-button.save').click();
            expect(fired[1]).toEqual(['relatedToId', INSTALLER]);
            await expect(element).toBeAccessible();
        });
    });

    describe('errors', () => {
        it('says why Save does nothing without an account, or with a case but no contact', async () => {
            const { element, fired } = await render(UNKNOWN_CHAT);
            $(element, 'lightning-button.save').click();
            await flushPromises();
            expect($(element, '.save-problem').textContent).toBe('c.Relate_Interaction_Needs_Account');
            expect($(element, '.save-problem').getAttribute('role')).toBe('alert');

            const { element: other, fired: otherFired } = await render({ ...UNKNOWN_CHAT, whatId: NORTHWIND });
            await emitContext(contextNorthwind);
            await change(other, 'lightning-radio-group.cases', { value: ROOF_CASE });
            $(other, 'lightning-button.save').click();
            await flushPromises();
            expect($(other, '.save-problem').textContent).toBe('c.Relate_Interaction_Case_Needs_Contact');
            expect([...fired, ...otherFired]).toEqual([]);
            await expect(other).toBeAccessible();
        });

        it('does not fire outputs when the flow offers neither Next nor Finish', async () => {
            const { element, fired } = await render({ ...PHONE_CALL, availableActions: ['BACK'] });
            await answerSearch();
            await change(element, 'lightning-checkbox-group.contacts', { value: [ANNA] });
            $(element, 'lightning-button.save').click();
            await flushPromises();
            expect(fired).toEqual([]);
            expect($(element, '.save-problem').textContent).toBe('c.Relate_Interaction_Cannot_Continue');
        });

        it('shows a failed search and failed open cases through the error panel', async () => {
            const { element } = await render({ ...PHONE_CALL, whatId: NORTHWIND });
            graphql.emitErrors([{ message: 'Field Match_Phone_Key__c is not accessible' }], isQuery(IDENTIFIER_QUERY));
            await flushPromises();
            const searchError = $s(element, 'c-error-panel.search-error');
            expect(searchError.errors).toEqual([{ message: 'Field Match_Phone_Key__c is not accessible' }]);
            expect(searchError.friendlyMessage).toBe('c.Relate_Interaction_Search_Failed');
            expect($s(element, '.searching')).toBeNull();

            graphql.emitErrors([{ message: 'Boom' }], (config) =>
                String(config.query).includes('RelateInteractionContext')
            );
            await flushPromises();
            expect($(element, 'c-error-panel.cases-error').errors).toEqual([{ message: 'Boom' }]);
            expect($(element, 'lightning-radio-group.cases')).toBeNull();
            expect($(element, '.cases-loading')).toBeNull();
            await expect(element).toBeAccessible();
        });
    });
});
