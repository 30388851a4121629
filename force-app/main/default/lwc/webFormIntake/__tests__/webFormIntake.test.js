import { createElement } from '@lwc/engine-dom';
import WebFormIntake from 'c/webFormIntake';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { RefreshEventName } from 'lightning/refresh';
import {
    MATCH_CANDIDATES_QUERY,
    MATCH_NAME_CANDIDATES_QUERY,
    candidatesFromResponse,
    matchSearchRequests
} from 'c/matchSearch';
import { withMatchKeys } from 'c/matchKeys';
import { matchSubmission } from 'c/recordMatcher';
import { flushPromises } from 'jest-utils/flushPromises';

// Labels whose arguments a test reads (the jest transform falls back to "c.<Name>" for labels not mocked). The
// factories are inline: jest hoists them above everything, and the component imports the labels on load.
jest.mock('@salesforce/label/c.Web_Form_Intake_Linked_By_You', () => ({ default: 'Linked by you: {0} | {1}' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Web_Form_Intake_Linked_Contact_Other_Email',
    () => ({ default: 'Other email: {0} | {1} | {2} | {3}' }),
    { virtual: true }
);
jest.mock('@salesforce/label/c.Web_Form_Intake_Household_Name', () => ({ default: '{0} Household' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Web_Form_Intake_Created_Prospect_Message',
    () => ({ default: 'Created the account {0} with its contact {1}.' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Web_Form_Intake_Account_And_Contact',
    () => ({ default: 'the account {0} with its contact {1}' }),
    { virtual: true }
);
jest.mock('@salesforce/label/c.Web_Form_Intake_The_Contact', () => ({ default: 'the contact {0}' }), { virtual: true });
jest.mock('@salesforce/label/c.Web_Form_Intake_Undo_Delete_Hint', () => ({ default: 'Undo deletes {0}.' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Web_Form_Intake_Undo_Keep_Hint', () => ({ default: 'Undo keeps {0}.' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Web_Form_Intake_Contact_Added_Message', () => ({ default: 'Added {0} to {1}.' }), {
    virtual: true
});
jest.mock('@salesforce/label/c.Web_Form_Intake_Add_Contact', () => ({ default: 'Add contact to {0}' }), {
    virtual: true
});

const SHOW_TOAST = 'lightning__showtoast';
const CASE_ID = '500LO0000000001AAA';
const ACME = '001LO0000000001AAA';
const ACME_WIDGETS = '001LO0000000002AAA';
const JOHN = '003LO0000000001AAA';

const EXPECTED_LINK_MUTATION = `
    mutation WebFormIntakeLink($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                    AccountId {
                        value
                    }
                    ContactId {
                        value
                    }
                }
            }
        }
    }
`;

const EXPECTED_CREATE_MUTATION = `
    mutation WebFormIntakeCreateProspect(
        $account: AccountCreateInput!
        $contact: ContactCreateInput!
        $webForm: CaseUpdateInput!
    ) {
        uiapi(input: { allOrNone: true }) {
            account: AccountCreate(input: $account) {
                Record {
                    Id
                    Name {
                        value
                    }
                }
            }
            contact: ContactCreate(input: $contact) {
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
                    AccountId {
                        value
                    }
                    ContactId {
                        value
                    }
                }
            }
        }
    }
`;

const WEB_FORM = {
    SuppliedName: 'Jane Smith',
    SuppliedEmail: 'jane.smith@acme-corp.example',
    SuppliedPhone: '+1 (415) 555-0199',
    SuppliedCompany: 'ACME Corp.',
    Web_Street__c: '1 Market Street',
    Web_City__c: 'San Francisco',
    Web_Postal_Code__c: '94105',
    Web_Country__c: 'United States'
};

const SUBMISSION = {
    FirstName: 'Jane',
    LastName: 'Smith',
    Email: WEB_FORM.SuppliedEmail,
    Phone: WEB_FORM.SuppliedPhone,
    Company: WEB_FORM.SuppliedCompany,
    Street: WEB_FORM.Web_Street__c,
    City: WEB_FORM.Web_City__c,
    PostalCode: WEB_FORM.Web_Postal_Code__c,
    Country: WEB_FORM.Web_Country__c
};

/** The case wire's answer: the web form with its links. */
function caseAnswer(links = {}) {
    const {
        AccountId = null,
        AccountName = null,
        ContactId = null,
        ContactName = null,
        ContactEmail = null,
        Country,
        ...overrides
    } = links;
    const node = { Id: CASE_ID };
    for (const [field, value] of Object.entries({ ...WEB_FORM, ...overrides })) {
        node[field] = { value };
    }
    if (Country !== undefined) {
        node.Web_Country__c = { value: Country };
    }
    node.AccountId = { value: AccountId };
    node.Account = AccountId ? { Name: { value: AccountName } } : null;
    node.ContactId = { value: ContactId };
    node.Contact = ContactId ? { Name: { value: ContactName }, Email: { value: ContactEmail } } : null;
    return { uiapi: { query: Case({ edges: [{ node }] }) } };
}

function Case(connection) {
    return { Case: connection };
}

const wrap = (fields) =>
    Object.fromEntries(
        Object.entries(fields).map(([key, value]) => [key, key === 'Id' ? value : { value: value ?? null }])
    );

const ACME_NODE = wrap({
    Id: ACME,
    Name: 'Acme Corporation',
    Phone: '415-555-0100',
    Website: 'https://www.acme-corp.example',
    BillingStreet: '1 Market St',
    BillingCity: 'San Francisco',
    BillingPostalCode: '94105',
    BillingCountry: 'United States'
});
const WIDGETS_NODE = wrap({
    Id: ACME_WIDGETS,
    Name: 'Acme Widgets',
    Phone: null,
    Website: null,
    BillingStreet: null,
    BillingCity: 'Denver',
    BillingPostalCode: null,
    BillingCountry: null
});
const JOHN_NODE = {
    ...wrap({
        Id: JOHN,
        AccountId: ACME,
        FirstName: 'John',
        LastName: 'Smith',
        Email: 'john.smith@acme-corp.example',
        Phone: null,
        MailingStreet: null,
        MailingCity: null,
        MailingPostalCode: null
    }),
    Account: ACME_NODE
};

const edges = (...nodes) => ({ edges: nodes.map((node) => ({ node })) });
const EMPTY = edges();

/** The retrieval's answer: Acme Corporation by domain and name, Acme Widgets by name word, John Smith by domain. */
function matchAnswer({ accounts = [ACME_NODE, WIDGETS_NODE], contacts = [JOHN_NODE] } = {}) {
    return {
        uiapi: {
            query: {
                byEmail: EMPTY,
                contactsByPhone: EMPTY,
                contactsByDomain: edges(...contacts),
                contactsByStreet: EMPTY,
                contactsByName: EMPTY,
                contactsByPostal: EMPTY,
                contactsByLocality: EMPTY,
                accountsByPhone: EMPTY,
                accountsByDomain: edges(...accounts.filter((node) => node.Id === ACME)),
                accountsByStreet: EMPTY,
                accountsByName: EMPTY,
                accountsByNameAlt: EMPTY,
                accountsByWord: edges(...accounts)
            }
        }
    };
}

const isCaseWire = (config) => String(config.query).includes('query WebFormIntakeCase(');
const isAccessWire = (config) => String(config.query).includes('query WebFormIntakeAccess(');
// The user's objectInfo for Account, Contact and Case, as local-org answers WebFormIntakeAccess for its agent (the
// Caseline_Agent permission set) and its viewer (Read Only profile, no permission set).
const AGENT_ACCESS = require('./data/objectInfosAgent.json');
const VIEWER_ACCESS = require('./data/objectInfosViewer.json');
// Both search wires (identifiers, company-name prefixes) get the same answer here: candidatesFromResponse merges
// the answers by branch, so the records are those of one combined answer.
const isMatchWire = (config) => config.query === MATCH_CANDIDATES_QUERY || config.query === MATCH_NAME_CANDIDATES_QUERY;
const refresh = jest.fn(() => Promise.resolve());

async function emitCase(data) {
    // The wires receive their configs asynchronously after the element connects or a reactive value changes.
    await flushPromises();
    graphql.emit(data, isCaseWire, refresh);
    await flushPromises();
}

const isCountryWire = (config) => String(config.query).includes('query WebFormIntakeCountries(');

/** Account's object info as the country query reads it: without BillingCountryCode in a free-text org. */
function accountInfo(countries) {
    const fields = [{ ApiName: 'Name' }, { ApiName: 'BillingCountry' }];
    if (countries) {
        fields.push({
            ApiName: 'BillingCountryCode',
            picklistValuesByRecordTypeIDs: [
                {
                    recordTypeID: '012000000000000AAA',
                    picklistValues: countries.map(([value, label]) => ({ value, label }))
                }
            ]
        });
    }
    return { uiapi: { objectInfos: [{ ApiName: 'Account', fields }] } };
}
const FREE_TEXT_COUNTRIES = accountInfo(null);
const COUNTRY_PICKLISTS = accountInfo([
    ['DE', 'Germany'],
    ['FR', 'France'],
    ['US', 'United States']
]);

async function emitCountries(data) {
    await flushPromises();
    graphql.emit(data, isCountryWire);
    await flushPromises();
}

async function emitMatch(data) {
    await flushPromises();
    graphql.emit(data, isMatchWire);
    await flushPromises();
}

/** The configs of the matching wire that were sent (a wire with an undefined query sends nothing). */
function matchConfigs() {
    const configs = [];
    graphql.emit(undefined, (config) => {
        if (isMatchWire(config)) {
            configs.push(config);
        }
        return false;
    });
    return configs;
}

async function emitAccess(data) {
    await flushPromises();
    graphql.emit(data, isAccessWire);
    await flushPromises();
}

async function render(links, match = matchAnswer(), countries = FREE_TEXT_COUNTRIES, access = AGENT_ACCESS) {
    const element = createElement('c-web-form-intake', { is: WebFormIntake });
    element.recordId = CASE_ID;
    const events = { toast: [], refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    await emitCase(caseAnswer(links));
    await emitAccess(access);
    if (countries) {
        await emitCountries(countries);
    }
    if (match) {
        await emitMatch(match);
    }
    return { element, events };
}

/** The nodes a selector finds in the component and in its child components (c-intake-candidates, c-prospect-form). */
function deepAll(root, selector) {
    const found = [...root.querySelectorAll(selector)];
    for (const node of root.querySelectorAll('*')) {
        if (node.shadowRoot && node.tagName.startsWith('C-')) {
            found.push(...deepAll(node.shadowRoot, selector));
        }
    }
    return found;
}
const $ = (element, selector) => deepAll(element.shadowRoot, selector)[0] ?? null;
const $$ = (element, selector) => deepAll(element.shadowRoot, selector);
/** The nodes a selector finds inside one child component. */
const within = (element, host, selector) => deepAll($(element, host).shadowRoot, selector);
const text = (node) => node.textContent.trim();

async function click(target) {
    target.click();
    await flushPromises();
}

async function change(target, value) {
    target.dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

function candidateRows(element, list) {
    return $$(element, `ol.${list} li`).map((item) => ({
        id: item.dataset.id,
        name: text(item.querySelector('.name')),
        score: text(item.querySelector('.score')),
        reasons: text(item.querySelector('.reasons'))
    }));
}

describe('c-web-form-intake', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    describe('reading', () => {
        it('reads the web form with one query for this case, and sends no search before it is read', async () => {
            const element = createElement('c-web-form-intake', { is: WebFormIntake });
            element.recordId = CASE_ID;
            document.body.appendChild(element);
            await flushPromises();

            const documents = gql.mock.results.map((result) => result.value);
            expect(documents.filter((document) => document.includes('query WebFormIntakeCase('))).toHaveLength(1);
            expect(gql.mock.results.map((result) => result.value)).toContain(MATCH_CANDIDATES_QUERY);
            expect(gql.mock.results.map((result) => result.value)).toContain(MATCH_NAME_CANDIDATES_QUERY);
            expect(matchConfigs()).toEqual([]);
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Web_Form_Intake_Loading');
            await expect(element).toBeAccessible();
        });

        it('says when Web-to-Case already linked the contact, and searches nothing', async () => {
            const { element } = await render(
                {
                    AccountId: ACME,
                    AccountName: 'Acme Corporation',
                    ContactId: JOHN,
                    ContactName: 'John Smith',
                    ContactEmail: 'Jane.Smith@ACME-corp.example'
                },
                null
            );

            expect(text($(element, '.linked-contact'))).toBe('c.Web_Form_Intake_Linked_Contact_Same_Email');
            expect(matchConfigs()).toEqual([]);
            expect($(element, 'ol.accounts')).toBeNull();
            expect($(element, 'lightning-button.create')).toBeNull();
            expect(executeMutation).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('sends matchSearch’s two search requests for a web form that names a company', async () => {
            const { element } = await render(undefined, null);

            expect(matchSearchRequests(SUBMISSION).map((request) => request.query)).toEqual([
                MATCH_CANDIDATES_QUERY,
                MATCH_NAME_CANDIDATES_QUERY
            ]);

            expect(matchConfigs()).toEqual(matchSearchRequests(SUBMISSION));
            expect(text($(element, '.searching'))).toBe('c.Web_Form_Intake_Searching');
            await expect(element).toBeAccessible();
        });

        it('shows the ranked accounts and contacts with scores and reasons, and the advice; writes nothing', async () => {
            const { element } = await render();
            const expected = matchSubmission(SUBMISSION, candidatesFromResponse(matchAnswer()), { top: 20 });
            const accounts = expected.candidates.filter((candidate) => candidate.type === 'Account');

            const rows = candidateRows(element, 'accounts');
            expect(rows.map((row) => row.id)).toEqual(accounts.map((candidate) => candidate.id));
            expect(rows[0]).toMatchObject({ id: ACME, name: 'Acme Corporation' });
            expect(rows[0].score).toBe('c.Web_Form_Intake_Score');
            expect(rows[0].reasons).toContain('c.Web_Form_Intake_Reason_Email_Domain');
            expect(candidateRows(element, 'contacts')[0]).toMatchObject({ id: JOHN, name: 'John Smith' });
            expect(text($(element, '.advice'))).toBe(
                `c.Web_Form_Intake_Advice_${expected.decision.replace(/^./, (c) => c.toUpperCase())}`
            );
            expect($(element, 'lightning-button.create').label).toBe('c.Web_Form_Intake_Create_Prospect');
            expect(executeMutation).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('advises a new prospect when nothing plausible is found', async () => {
            const { element } = await render(undefined, matchAnswer({ accounts: [], contacts: [] }));

            expect(text($(element, '.advice'))).toBe('c.Web_Form_Intake_Advice_New');
            expect(text($(element, '.no-candidates'))).toBe('c.Web_Form_Intake_No_Candidates');
            expect(executeMutation).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('says when the web form has an account but no contact, and still searches', async () => {
            const { element } = await render({ AccountId: ACME, AccountName: 'Acme Corporation' });

            expect(text($(element, '.linked-account'))).toBe('c.Web_Form_Intake_Linked_Account');
            expect(candidateRows(element, 'accounts').length).toBeGreaterThan(0);
            // The account it is linked to cannot be linked again; the others can.
            expect($(element, `ol.accounts li[data-id="${ACME}"] lightning-button`).disabled).toBe(true);
            expect($(element, `ol.contacts li[data-id="${JOHN}"] lightning-button`).disabled).toBe(false);
        });

        it('shows why the web form could not be read', async () => {
            const element = createElement('c-web-form-intake', { is: WebFormIntake });
            element.recordId = CASE_ID;
            document.body.appendChild(element);
            await flushPromises();
            graphql.emitErrors([{ message: 'No access' }], isCaseWire);
            await flushPromises();

            expect($(element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Web_Form_Intake_Load_Failed');
            await expect(element).toBeAccessible();
        });

        it('shows why the search failed', async () => {
            const { element } = await render(undefined, null);
            await flushPromises();
            graphql.emitErrors([{ message: 'Too many requests' }], isMatchWire);
            await flushPromises();

            expect($(element, 'c-error-panel.search-error').friendlyMessage).toBe('c.Web_Form_Intake_Search_Failed');
            expect($(element, '.searching')).toBeNull();
            await expect(element).toBeAccessible();
        });
    });

    describe('searching', () => {
        it.each([
            ['an email', 'jane@acme-corp.example', { Email: 'jane@acme-corp.example' }],
            ['a phone number', '415 555 0100', { Phone: '415 555 0100' }],
            ['a name', 'Acme Corporation', { FirstName: 'Acme', LastName: 'Corporation', Company: 'Acme Corporation' }]
        ])('runs the same retrieval for %s the agent types', async (_, typed, submission) => {
            const { element } = await render();
            await change($(element, 'lightning-input.search-input'), typed);
            await click($(element, 'lightning-button.search-button'));

            const configs = matchConfigs();
            expect(configs).toEqual(matchSearchRequests(submission));
            await emitMatch(matchAnswer());
            expect(text($(element, '.search-heading'))).toBe('c.Web_Form_Intake_Search_Results_For');
            expect($(element, '.advice')).toBeNull();
            const expected = matchSubmission(submission, candidatesFromResponse(matchAnswer()), { top: 20 });
            expect(candidateRows(element, 'accounts').map((row) => row.id)).toEqual(
                expected.candidates.filter((candidate) => candidate.type === 'Account').map((candidate) => candidate.id)
            );
            expect(candidateRows(element, 'accounts')[0].id).toBe(ACME);
            expect(executeMutation).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('goes back to the web form’s own matches', async () => {
            const { element } = await render();
            await change($(element, 'lightning-input.search-input'), 'Jane Smith');
            await click($(element, 'lightning-button.search-button'));
            await click($(element, 'lightning-button.clear-search'));

            expect(matchConfigs()).toEqual(matchSearchRequests(SUBMISSION));
        });
    });

    describe('linking', () => {
        it('links the account with one CaseUpdate, refreshes and can undo it', async () => {
            const { element, events } = await render();
            executeMutation.mockResolvedValue({ data: {}, errors: undefined });

            await click($(element, `ol.accounts li[data-id="${ACME}"] lightning-button.link-account`));

            expect(executeMutation).toHaveBeenCalledTimes(1);
            expect(executeMutation).toHaveBeenCalledWith({
                query: EXPECTED_LINK_MUTATION,
                operationName: 'WebFormIntakeLink',
                variables: { input: { Id: CASE_ID, Case: { AccountId: ACME } } }
            });
            expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
            expect(events.refresh).toBe(1);
            expect(events.toast).toEqual([
                {
                    title: 'c.Web_Form_Intake_Linked_Title',
                    message: 'c.Web_Form_Intake_Linked_Message',
                    variant: 'success'
                }
            ]);
            expect(refresh).toHaveBeenCalledTimes(1);
            expect(text($(element, '.undo-text'))).toBe('c.Web_Form_Intake_Undo_Link_Hint');
            await expect(element).toBeAccessible();

            await emitCase(caseAnswer({ AccountId: ACME, AccountName: 'Acme Corporation' }));
            await click($(element, 'lightning-button.undo-button'));

            expect(executeMutation).toHaveBeenCalledTimes(2);
            expect(executeMutation).toHaveBeenLastCalledWith({
                query: EXPECTED_LINK_MUTATION,
                operationName: 'WebFormIntakeLink',
                variables: { input: { Id: CASE_ID, Case: { AccountId: null, ContactId: null } } }
            });
            expect(events.toast[1]).toEqual({
                title: 'c.Web_Form_Intake_Undone_Title',
                message: 'c.Web_Form_Intake_Undone_Message',
                variant: 'success'
            });
            expect($(element, 'lightning-button.undo-button')).toBeNull();
        });

        it('links the contact and its account together', async () => {
            const { element } = await render();
            executeMutation.mockResolvedValue({ data: {}, errors: undefined });

            await click($(element, `ol.contacts li[data-id="${JOHN}"] lightning-button.link-contact`));

            expect(executeMutation).toHaveBeenCalledWith({
                query: EXPECTED_LINK_MUTATION,
                operationName: 'WebFormIntakeLink',
                variables: { input: { Id: CASE_ID, Case: { ContactId: JOHN, AccountId: ACME } } }
            });
            await emitCase(
                caseAnswer({
                    AccountId: ACME,
                    AccountName: 'Acme Corporation',
                    ContactId: JOHN,
                    ContactName: 'John Smith',
                    ContactEmail: 'john.smith@acme-corp.example'
                })
            );
            // Who linked it (the agent, here) and on what evidence (the matcher's reasons for John Smith).
            expect(text($(element, '.linked-contact'))).toMatch(
                /^Linked by you: John Smith \| c\.Web_Form_Intake_Reason_\w+(, c\.Web_Form_Intake_Reason_\w+)*$/
            );
            expect($(element, 'lightning-button.undo-button')).not.toBeNull();
        });

        it('shows a failed link and changes nothing', async () => {
            const { element, events } = await render();
            executeMutation.mockResolvedValue({
                data: { uiapi: { CaseUpdate: null } },
                errors: [
                    {
                        message: 'insufficient access rights on object id',
                        extensions: { errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY' }
                    }
                ]
            });

            await click($(element, `ol.accounts li[data-id="${ACME}"] lightning-button.link-account`));

            expect($(element, 'c-error-panel.save-error').friendlyMessage).toBe('c.Web_Form_Intake_Link_Failed');
            expect(events.toast).toEqual([]);
            expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
            expect($(element, 'lightning-button.undo-button')).toBeNull();
            await expect(element).toBeAccessible();
        });
    });

    describe('creating a new prospect', () => {
        async function openForm() {
            const rendered = await render(undefined, matchAnswer({ accounts: [], contacts: [] }));
            await click($(rendered.element, 'lightning-button.create'));
            return rendered;
        }

        const fieldValues = (element) =>
            Object.fromEntries(
                $$(element, '.prospect-form lightning-input').map((input) => [input.dataset.field, input.value])
            );

        it('opens a form pre-filled from the web form; nothing is written yet', async () => {
            const { element } = await openForm();

            expect(fieldValues(element)).toEqual({
                Name: 'ACME Corp.',
                AccountPhone: '+1 (415) 555-0199',
                Website: 'acme-corp.example',
                BillingStreet: '1 Market Street',
                BillingCity: 'San Francisco',
                BillingPostalCode: '94105',
                BillingCountry: 'United States',
                FirstName: 'Jane',
                LastName: 'Smith',
                Email: 'jane.smith@acme-corp.example',
                ContactPhone: '+1 (415) 555-0199'
            });
            // The address is typed once, in its own part, since it is written to both account and contact.
            expect(
                $$(element, '.prospect-form fieldset').map((fieldset) => [
                    fieldset.querySelector('legend').textContent.trim(),
                    [...fieldset.querySelectorAll('lightning-input')].map((input) => input.dataset.field)
                ])
            ).toEqual([
                ['c.Web_Form_Intake_Form_Account', ['Name', 'AccountPhone', 'Website']],
                ['c.Web_Form_Intake_Form_Contact', ['FirstName', 'LastName', 'Email', 'ContactPhone']],
                [
                    'c.Web_Form_Intake_Form_Address',
                    ['BillingStreet', 'BillingCity', 'BillingPostalCode', 'BillingCountry']
                ]
            ]);
            expect(executeMutation).not.toHaveBeenCalled();
            await expect(element).toBeAccessible();
        });

        it('creates account, contact and case link in one all-or-none mutation with match keys', async () => {
            const { element, events } = await openForm();
            await change($(element, 'lightning-input[data-field="Name"]'), 'Acme Corp West');
            executeMutation.mockResolvedValue({
                data: {
                    uiapi: {
                        account: { Record: { Id: '001LO0000000009AAA', Name: { value: 'Acme Corp West' } } },
                        contact: { Record: { Id: '003LO0000000009AAA', Name: { value: 'Jane Smith' } } },
                        webForm: { Record: { Id: CASE_ID } }
                    }
                },
                errors: undefined
            });

            await click($(element, 'lightning-button.save'));

            const account = {
                Name: 'Acme Corp West',
                Phone: '+1 (415) 555-0199',
                Website: 'acme-corp.example',
                BillingStreet: '1 Market Street',
                BillingCity: 'San Francisco',
                BillingPostalCode: '94105',
                BillingCountry: 'United States'
            };
            const contact = {
                FirstName: 'Jane',
                LastName: 'Smith',
                Email: 'jane.smith@acme-corp.example',
                Phone: '+1 (415) 555-0199',
                MailingStreet: '1 Market Street',
                MailingCity: 'San Francisco',
                MailingPostalCode: '94105',
                MailingCountry: 'United States'
            };
            expect(executeMutation).toHaveBeenCalledTimes(1);
            expect(executeMutation).toHaveBeenCalledWith({
                query: EXPECTED_CREATE_MUTATION,
                operationName: 'WebFormIntakeCreateProspect',
                variables: {
                    account: { Account: withMatchKeys('Account', account) },
                    contact: { Contact: { ...withMatchKeys('Contact', contact), AccountId: '@{account}' } },
                    webForm: { Id: CASE_ID, Case: { AccountId: '@{account}', ContactId: '@{contact}' } }
                }
            });
            const sent = executeMutation.mock.calls[0][0].variables;
            expect(sent.account.Account.Match_Name_Key__c).toEqual(expect.any(String));
            expect(sent.contact.Contact.Match_Name_Key__c).toEqual(expect.any(String));
            expect(sent.contact.Contact.Match_Street_Key__c).toEqual(expect.any(String));
            expect(sent.contact.Contact.Match_Postal_Key__c).toEqual(expect.any(String));
            expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
            expect(events.refresh).toBe(1);
            expect(events.toast).toEqual([
                {
                    title: 'c.Web_Form_Intake_Created_Title',
                    message: 'Created the account Acme Corp West with its contact Jane Smith.',
                    variant: 'success'
                }
            ]);
            expect(refresh).toHaveBeenCalledTimes(1);
            expect($(element, '.prospect-form')).toBeNull();
        });

        it('reports a saved prospect as saved when the refresh after it fails, so the agent does not save it twice', async () => {
            const { element, events } = await openForm();
            executeMutation.mockResolvedValue({
                data: {
                    uiapi: {
                        account: { Record: { Id: '001LO0000000009AAA', Name: { value: 'ACME Corp.' } } },
                        contact: { Record: { Id: '003LO0000000009AAA', Name: { value: 'Jane Smith' } } },
                        webForm: { Record: { Id: CASE_ID } }
                    }
                },
                errors: undefined
            });
            refresh.mockRejectedValueOnce(new Error('The connection was lost.'));

            await click($(element, 'lightning-button.save'));

            expect(executeMutation).toHaveBeenCalledTimes(1);
            expect(refresh).toHaveBeenCalledTimes(1);
            expect(events.toast).toEqual([
                {
                    title: 'c.Web_Form_Intake_Created_Title',
                    message: 'Created the account ACME Corp. with its contact Jane Smith.',
                    variant: 'success'
                }
            ]);
            expect($(element, '.prospect-form')).toBeNull();
            expect($(element, 'c-error-panel.save-error')).toBeNull();
            expect(text($(element, '.undo-text'))).toBe(
                'Undo deletes the account ACME Corp. with its contact Jane Smith.'
            );
        });

        it('writes the address the agent edited, once in the form, to both the account and the contact', async () => {
            const { element } = await openForm();
            await change($(element, 'lightning-input[data-field="BillingStreet"]'), '500 Howard Street');
            executeMutation.mockResolvedValue({
                data: {
                    uiapi: {
                        account: { Record: { Id: '001LO0000000009AAA', Name: { value: 'ACME Corp.' } } },
                        contact: { Record: { Id: '003LO0000000009AAA', Name: { value: 'Jane Smith' } } },
                        webForm: { Record: { Id: CASE_ID } }
                    }
                },
                errors: undefined
            });

            await click($(element, 'lightning-button.save'));

            const account = {
                Name: 'ACME Corp.',
                Phone: '+1 (415) 555-0199',
                Website: 'acme-corp.example',
                BillingStreet: '500 Howard Street',
                BillingCity: 'San Francisco',
                BillingPostalCode: '94105',
                BillingCountry: 'United States'
            };
            const contact = {
                FirstName: 'Jane',
                LastName: 'Smith',
                Email: 'jane.smith@acme-corp.example',
                Phone: '+1 (415) 555-0199',
                MailingStreet: '500 Howard Street',
                MailingCity: 'San Francisco',
                MailingPostalCode: '94105',
                MailingCountry: 'United States'
            };
            expect(executeMutation).toHaveBeenCalledTimes(1);
            expect(executeMutation).toHaveBeenCalledWith({
                query: EXPECTED_CREATE_MUTATION,
                operationName: 'WebFormIntakeCreateProspect',
                variables: {
                    account: { Account: withMatchKeys('Account', account) },
                    contact: { Contact: { ...withMatchKeys('Contact', contact), AccountId: '@{account}' } },
                    webForm: { Id: CASE_ID, Case: { AccountId: '@{account}', ContactId: '@{contact}' } }
                }
            });
            // The street keys are those of the edited street, not of the web form's.
            const sent = executeMutation.mock.calls[0][0].variables;
            const webFormStreet = { MailingStreet: WEB_FORM.Web_Street__c, BillingStreet: WEB_FORM.Web_Street__c };
            expect(sent.account.Account.Match_Street_Key__c).toEqual(expect.any(String));
            expect(sent.account.Account.Match_Street_Key__c).not.toBe(
                withMatchKeys('Account', webFormStreet).Match_Street_Key__c
            );
            expect(sent.contact.Contact.Match_Street_Key__c).toEqual(expect.any(String));
            expect(sent.contact.Contact.Match_Street_Key__c).not.toBe(
                withMatchKeys('Contact', webFormStreet).Match_Street_Key__c
            );
        });

        describe('the country, as the org accepts it', () => {
            const ACCOUNT_WITHOUT_COUNTRY = {
                Name: 'ACME Corp.',
                Phone: '+1 (415) 555-0199',
                Website: 'acme-corp.example',
                BillingStreet: '1 Market Street',
                BillingCity: 'San Francisco',
                BillingPostalCode: '94105'
            };
            const CONTACT_WITHOUT_COUNTRY = {
                FirstName: 'Jane',
                LastName: 'Smith',
                Email: 'jane.smith@acme-corp.example',
                Phone: '+1 (415) 555-0199',
                MailingStreet: '1 Market Street',
                MailingCity: 'San Francisco',
                MailingPostalCode: '94105'
            };
            const created = {
                data: {
                    uiapi: {
                        account: { Record: { Id: '001LO0000000009AAA', Name: { value: 'ACME Corp.' } } },
                        contact: { Record: { Id: '003LO0000000009AAA', Name: { value: 'Jane Smith' } } },
                        webForm: { Record: { Id: CASE_ID } }
                    }
                },
                errors: undefined
            };

            async function saveIn(countries, webFormCountry) {
                const rendered = await render(
                    { Country: webFormCountry },
                    matchAnswer({ accounts: [], contacts: [] }),
                    countries
                );
                await click($(rendered.element, 'lightning-button.create'));
                return rendered;
            }

            function sentPayload(accountCountry, contactCountry) {
                return {
                    query: EXPECTED_CREATE_MUTATION,
                    operationName: 'WebFormIntakeCreateProspect',
                    variables: {
                        account: {
                            Account: { ...withMatchKeys('Account', ACCOUNT_WITHOUT_COUNTRY), ...accountCountry }
                        },
                        contact: {
                            Contact: {
                                ...withMatchKeys('Contact', CONTACT_WITHOUT_COUNTRY),
                                ...contactCountry,
                                AccountId: '@{account}'
                            }
                        },
                        webForm: { Id: CASE_ID, Case: { AccountId: '@{account}', ContactId: '@{contact}' } }
                    }
                };
            }

            it('sends a country the org lists as its code, to the account and the contact', async () => {
                const { element } = await saveIn(COUNTRY_PICKLISTS, 'United States');
                expect($(element, 'lightning-input[data-field="BillingCountry"]').value).toBe('United States');
                expect(text($(element, '.country-notice'))).toBe('');
                executeMutation.mockResolvedValue(created);

                await click($(element, 'lightning-button.save'));

                expect(executeMutation).toHaveBeenCalledTimes(1);
                expect(executeMutation).toHaveBeenCalledWith(
                    sentPayload({ BillingCountryCode: 'US' }, { MailingCountryCode: 'US' })
                );
            });

            it('finds the org’s country by its code or its name, whatever the case', async () => {
                const { element } = await saveIn(COUNTRY_PICKLISTS, 'United States');
                await change($(element, 'lightning-input[data-field="BillingCountry"]'), 'germany');
                executeMutation.mockResolvedValue(created);

                await click($(element, 'lightning-button.save'));

                expect(executeMutation).toHaveBeenCalledWith(
                    sentPayload({ BillingCountryCode: 'DE' }, { MailingCountryCode: 'DE' })
                );
            });

            it('leaves a country the org does not list empty, says so, and saves the prospect without it', async () => {
                const { element, events } = await saveIn(COUNTRY_PICKLISTS, 'Atlantis');
                expect($(element, 'lightning-input[data-field="BillingCountry"]').value).toBe('');
                expect(text($(element, '.country-notice'))).toBe('c.Web_Form_Intake_Country_Not_In_List');
                await expect(element).toBeAccessible();
                executeMutation.mockResolvedValue(created);

                await click($(element, 'lightning-button.save'));

                expect(executeMutation).toHaveBeenCalledWith(sentPayload({}, {}));
                expect(events.toast[0].variant).toBe('success');
            });

            it('sends any country as text in an org with free-text countries', async () => {
                const { element } = await saveIn(FREE_TEXT_COUNTRIES, 'Atlantis');
                expect($(element, 'lightning-input[data-field="BillingCountry"]').value).toBe('Atlantis');
                expect(text($(element, '.country-notice'))).toBe('');
                executeMutation.mockResolvedValue(created);

                await click($(element, 'lightning-button.save'));

                expect(executeMutation).toHaveBeenCalledWith(
                    sentPayload({ BillingCountry: 'Atlantis' }, { MailingCountry: 'Atlantis' })
                );
            });

            it('waits for the org’s country list before saving, and saves without a country if it cannot be read', async () => {
                const { element } = await saveIn(null, 'United States');
                expect($(element, 'lightning-button.save').disabled).toBe(true);

                await flushPromises();
                graphql.emitErrors([{ message: 'Service unavailable' }], isCountryWire);
                await flushPromises();
                expect($(element, 'lightning-button.save').disabled).toBe(false);
                expect(text($(element, '.country-notice'))).toBe('c.Web_Form_Intake_Country_List_Unavailable');
                executeMutation.mockResolvedValue(created);

                await click($(element, 'lightning-button.save'));

                expect(executeMutation).toHaveBeenCalledWith(sentPayload({}, {}));
            });
        });

        it('requires the account name and the last name', async () => {
            const { element } = await openForm();
            await change($(element, 'lightning-input[data-field="LastName"]'), ' ');

            expect($(element, 'lightning-button.save').disabled).toBe(true);
            expect(text($(element, '.missing'))).toBe('c.Web_Form_Intake_Missing_Required');
            await click($(element, 'lightning-button.save'));
            expect(executeMutation).not.toHaveBeenCalled();
        });

        it('shows a failed create; nothing was saved', async () => {
            const { element, events } = await openForm();
            executeMutation.mockResolvedValue({
                data: { uiapi: { account: null, contact: null, webForm: null } },
                errors: [
                    {
                        message: 'Required fields are missing: [LastName]',
                        paths: ['uiapi', 'ContactCreate'],
                        extensions: { ErrorType: 'DataFetchingException', errorCode: 'REQUIRED_FIELD_MISSING' }
                    }
                ]
            });

            await click($(element, 'lightning-button.save'));

            expect($(element, 'c-error-panel.save-error').friendlyMessage).toBe('c.Web_Form_Intake_Create_Failed');
            expect($(element, '.prospect-form')).not.toBeNull();
            expect(events.toast).toEqual([]);
            await expect(element).toBeAccessible();
        });

        it('shows the records a duplicate rule names and links one instead', async () => {
            const rendered = await render();
            const { element } = rendered;
            await click($(element, 'lightning-button.create'));
            executeMutation.mockResolvedValueOnce({
                data: { uiapi: { account: null, contact: null, webForm: null } },
                errors: [
                    {
                        message: 'Use one of these records?',
                        paths: ['uiapi', 'AccountCreate'],
                        extensions: {
                            ErrorType: 'DataFetchingException',
                            errorCode: 'DUPLICATES_DETECTED',
                            duplicateResults: [{ matchResults: [{ matchRecords: [{ record: { Id: ACME } }] }] }]
                        }
                    },
                    {
                        message: `DUPLICATES_DETECTED: Use one of these records? ${JOHN}`,
                        paths: ['uiapi', 'ContactCreate']
                    }
                ]
            });

            await click($(element, 'lightning-button.save'));

            const duplicates = $$(element, '.duplicates li').map((item) => [
                item.dataset.id,
                text(item.querySelector('a'))
            ]);
            expect(duplicates).toEqual([
                [ACME, 'Acme Corporation'],
                [JOHN, 'John Smith']
            ]);
            expect($(element, 'c-error-panel.save-error')).toBeNull();
            await expect(element).toBeAccessible();

            executeMutation.mockResolvedValueOnce({ data: {}, errors: undefined });
            await click($(element, `.duplicates li[data-id="${JOHN}"] lightning-button`));
            expect(executeMutation).toHaveBeenLastCalledWith({
                query: EXPECTED_LINK_MUTATION,
                operationName: 'WebFormIntakeLink',
                variables: { input: { Id: CASE_ID, Case: { ContactId: JOHN, AccountId: ACME } } }
            });
            expect($(element, '.duplicates')).toBeNull();
        });
    });
});

describe('c-web-form-intake (issue 18: add contact, link notes, undo, pre-fill; issue 17: less access)', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    const ACME_LINKED = { AccountId: ACME, AccountName: 'Acme Corporation' };
    const NEW_CONTACT = '003LO0000000009AAA';
    const NEW_ACCOUNT = '001LO0000000009AAA';
    const isAccountContactsWire = (config) => String(config.query).includes('query WebFormIntakeAccountContacts(');
    const buttons = (element) => $$(element, 'lightning-button').map((button) => button.className);
    const ACTION_BUTTON = /\b(create|add-contact|link-account|link-contact|link-duplicate|undo-button)\b/;

    /** The account's contacts as the last search before "Add contact" reads them. */
    async function emitAccountContacts(...nodes) {
        await flushPromises();
        graphql.emit({ uiapi: { query: { Contact: edges(...nodes) } } }, isAccountContactsWire);
        await flushPromises();
    }

    function accountContactsConfigs() {
        const configs = [];
        graphql.emit(undefined, (config) => {
            if (isAccountContactsWire(config)) {
                configs.push(config);
            }
            return false;
        });
        return configs;
    }

    /** Agent access with one object's delete permission taken away. */
    function accessWithout(apiName, permission) {
        const copy = JSON.parse(JSON.stringify(AGENT_ACCESS));
        copy.uiapi.objectInfos.find((info) => info.ApiName === apiName)[permission] = false;
        return copy;
    }

    /** The viewer's access plus read (only) on the match keys, as the Caseline_Viewer permission set grants. */
    function viewerReadingMatchKeys() {
        const copy = JSON.parse(JSON.stringify(VIEWER_ACCESS));
        for (const info of copy.uiapi.objectInfos) {
            const agent = AGENT_ACCESS.uiapi.objectInfos.find((entry) => entry.ApiName === info.ApiName);
            for (const field of agent.fields.filter((entry) => entry.ApiName.startsWith('Match_'))) {
                info.fields.push({ ...field, createable: false, updateable: false });
            }
        }
        return copy;
    }

    describe('"Add contact to ⟨Account⟩" when the case has an account but no contact', () => {
        const EXPECTED_ADD_CONTACT_MUTATION = `
    mutation WebFormIntakeAddContact($contact: ContactCreateInput!, $webForm: CaseUpdateInput!) {
        uiapi(input: { allOrNone: true }) {
            contact: ContactCreate(input: $contact) {
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
                    ContactId {
                        value
                    }
                }
            }
        }
    }
`;
        const added = {
            data: {
                uiapi: {
                    contact: { Record: { Id: NEW_CONTACT, Name: { value: 'Jane Smith' } } },
                    webForm: { Record: { Id: CASE_ID, ContactId: { value: NEW_CONTACT } } }
                }
            },
            errors: undefined
        };

        it('offers "Add contact to Acme Corporation", not "Create new prospect" (which would make a second account)', async () => {
            const { element } = await render(ACME_LINKED);

            expect($(element, 'lightning-button.create')).toBeNull();
            expect($(element, 'lightning-button.add-contact').label).toBe('Add contact to Acme Corporation');
            expect(accountContactsConfigs()).toEqual([]);
            await expect(element).toBeAccessible();
        });

        it('searches the account’s contacts once more before the contact can be saved, and shows those like this person', async () => {
            const { element } = await render(ACME_LINKED);
            await click($(element, 'lightning-button.add-contact'));

            expect(accountContactsConfigs().map((config) => config.variables)).toEqual([{ accountId: ACME }]);
            expect(text($(element, '.account-contacts-text'))).toBe('c.Web_Form_Intake_Account_Contacts_Searching');
            expect($(element, 'lightning-button.save').disabled).toBe(true);
            // The form asks for the contact only: the account is the case's.
            expect($$(element, '.prospect-form lightning-input').map((input) => input.dataset.field)).toEqual([
                'FirstName',
                'LastName',
                'Email',
                'ContactPhone',
                'BillingStreet',
                'BillingCity',
                'BillingPostalCode',
                'BillingCountry'
            ]);

            const janeAtAcme = {
                ...wrap({
                    Id: '003LO0000000002AAA',
                    AccountId: ACME,
                    FirstName: 'Jane',
                    LastName: 'Smith',
                    Email: WEB_FORM.SuppliedEmail,
                    Phone: null,
                    MailingStreet: null,
                    MailingCity: null,
                    MailingPostalCode: null
                })
            };
            const stranger = wrap({
                Id: '003LO0000000003AAA',
                AccountId: ACME,
                FirstName: 'Oskar',
                LastName: 'Berg',
                Email: 'oskar@elsewhere.example',
                Phone: null,
                MailingStreet: null,
                MailingCity: null,
                MailingPostalCode: null
            });
            await emitAccountContacts(janeAtAcme, stranger);

            expect(text($(element, '.account-contacts-text'))).toBe('c.Web_Form_Intake_Account_Contacts_Found');
            expect(within(element, '.similar-contacts', 'ol.contacts li').map((item) => item.dataset.id)).toEqual([
                '003LO0000000002AAA'
            ]);
            expect($(element, 'lightning-button.save').disabled).toBe(false);
            await expect(element).toBeAccessible();

            // Linking the one found instead.
            executeMutation.mockResolvedValue({ data: {}, errors: undefined });
            await click(within(element, '.similar-contacts', 'lightning-button.link-contact')[0]);
            expect(executeMutation).toHaveBeenCalledWith({
                query: EXPECTED_LINK_MUTATION,
                operationName: 'WebFormIntakeLink',
                variables: { input: { Id: CASE_ID, Case: { ContactId: '003LO0000000002AAA', AccountId: ACME } } }
            });
        });

        it('creates the contact under the account and links the case to it in one all-or-none mutation', async () => {
            const { element, events } = await render(ACME_LINKED);
            await click($(element, 'lightning-button.add-contact'));
            await emitAccountContacts();
            expect(text($(element, '.account-contacts-text'))).toBe('c.Web_Form_Intake_Account_Contacts_None');
            executeMutation.mockResolvedValue(added);

            await click($(element, 'lightning-button.save'));

            const contact = {
                FirstName: 'Jane',
                LastName: 'Smith',
                Email: 'jane.smith@acme-corp.example',
                Phone: '+1 (415) 555-0199',
                MailingStreet: '1 Market Street',
                MailingCity: 'San Francisco',
                MailingPostalCode: '94105',
                MailingCountry: 'United States'
            };
            expect(executeMutation).toHaveBeenCalledTimes(1);
            expect(executeMutation.mock.calls[0][0]).toStrictEqual({
                query: EXPECTED_ADD_CONTACT_MUTATION,
                operationName: 'WebFormIntakeAddContact',
                variables: {
                    contact: { Contact: { ...withMatchKeys('Contact', contact), AccountId: ACME } },
                    webForm: { Id: CASE_ID, Case: { ContactId: '@{contact}' } }
                }
            });
            expect(events.toast).toEqual([
                {
                    title: 'c.Web_Form_Intake_Contact_Added_Title',
                    message: 'Added Jane Smith to Acme Corporation.',
                    variant: 'success'
                }
            ]);
            await emitCase(caseAnswer({ ...ACME_LINKED, ContactId: NEW_CONTACT, ContactName: 'Jane Smith' }));
            expect(text($(element, '.linked-contact'))).toBe('c.Web_Form_Intake_Created_By_You');
            expect(text($(element, '.undo-text'))).toBe('Undo deletes the contact Jane Smith.');

            // Undo puts the case back on the account alone and deletes the contact, all or none.
            executeMutation.mockResolvedValue({ data: {}, errors: undefined });
            await click($(element, 'lightning-button.undo-button'));
            expect(executeMutation.mock.calls[1][0]).toMatchObject({
                operationName: 'WebFormIntakeUndoContact',
                variables: {
                    webForm: { Id: CASE_ID, Case: { AccountId: ACME, ContactId: null } },
                    contact: { Id: NEW_CONTACT }
                }
            });
            expect(executeMutation.mock.calls[1][0].query).toMatch(/uiapi\(input: \{ allOrNone: true \}\)/);
            expect(events.toast[1].message).toBe('c.Web_Form_Intake_Undone_Deleted_Message');
        });

        it('says when the account has more contacts than the last search compared', async () => {
            const { element } = await render(ACME_LINKED);
            await click($(element, 'lightning-button.add-contact'));
            await flushPromises();
            graphql.emit(
                { uiapi: { query: { Contact: { pageInfo: { hasNextPage: true }, ...edges() } } } },
                isAccountContactsWire
            );
            await flushPromises();

            expect(text($(element, '.account-contacts-text'))).toBe(
                'c.Web_Form_Intake_Account_Contacts_None c.Web_Form_Intake_Account_Contacts_Truncated'
            );
        });

        it('does not save while the last search failed, and says why', async () => {
            const { element } = await render(ACME_LINKED);
            await click($(element, 'lightning-button.add-contact'));
            await flushPromises();
            graphql.emitErrors([{ message: 'Service unavailable' }], isAccountContactsWire);
            await flushPromises();

            expect($(element, 'c-error-panel.account-contacts-error').friendlyMessage).toBe(
                'c.Web_Form_Intake_Account_Contacts_Failed'
            );
            expect($(element, 'lightning-button.save').disabled).toBe(true);
        });
    });

    describe('who linked the case, and on what evidence', () => {
        it('does not credit Web-to-Case with a link whose contact has another email', async () => {
            const { element } = await render(
                {
                    ...ACME_LINKED,
                    ContactId: JOHN,
                    ContactName: 'John Smith',
                    ContactEmail: 'john.smith@acme-corp.example'
                },
                null
            );

            expect(text($(element, '.linked-contact'))).toBe(
                'Other email: John Smith | Acme Corporation | john.smith@acme-corp.example | jane.smith@acme-corp.example'
            );
        });

        it('says the agent linked it on the duplicate rule’s word', async () => {
            const { element } = await render();
            await click($(element, 'lightning-button.create'));
            executeMutation.mockResolvedValueOnce({
                data: { uiapi: { account: null, contact: null, webForm: null } },
                errors: [{ message: `DUPLICATES_DETECTED: Use one of these records? ${ACME}` }]
            });
            await click($(element, 'lightning-button.save'));
            executeMutation.mockResolvedValueOnce({ data: {}, errors: undefined });
            await click($(element, `.duplicates li[data-id="${ACME}"] lightning-button`));
            await emitCase(caseAnswer(ACME_LINKED));

            expect(text($(element, '.linked-account'))).toBe(
                'Linked by you: Acme Corporation | c.Web_Form_Intake_Evidence_Duplicate_Rule'
            );
        });
    });

    describe('undo after "Create new prospect"', () => {
        const created = {
            data: {
                uiapi: {
                    account: { Record: { Id: NEW_ACCOUNT, Name: { value: 'ACME Corp.' } } },
                    contact: { Record: { Id: NEW_CONTACT, Name: { value: 'Jane Smith' } } },
                    webForm: { Record: { Id: CASE_ID } }
                }
            },
            errors: undefined
        };

        async function createProspect(access) {
            const rendered = await render(undefined, matchAnswer({ accounts: [], contacts: [] }), undefined, access);
            await click($(rendered.element, 'lightning-button.create'));
            executeMutation.mockResolvedValueOnce(created);
            await click($(rendered.element, 'lightning-button.save'));
            await emitCase(
                caseAnswer({
                    AccountId: NEW_ACCOUNT,
                    AccountName: 'ACME Corp.',
                    ContactId: NEW_CONTACT,
                    ContactName: 'Jane Smith'
                })
            );
            return rendered;
        }

        it('deletes what was just created, when the user may delete it, and says so first', async () => {
            const { element, events } = await createProspect(AGENT_ACCESS);
            expect(text($(element, '.undo-text'))).toBe(
                'Undo deletes the account ACME Corp. with its contact Jane Smith.'
            );
            expect($(element, 'lightning-button.undo-button').label).toBe('c.Web_Form_Intake_Undo_Delete');
            executeMutation.mockResolvedValueOnce({ data: {}, errors: undefined });

            await click($(element, 'lightning-button.undo-button'));

            expect(executeMutation.mock.calls[1][0]).toMatchObject({
                operationName: 'WebFormIntakeUndoProspect',
                variables: {
                    webForm: { Id: CASE_ID, Case: { AccountId: null, ContactId: null } },
                    contact: { Id: NEW_CONTACT },
                    account: { Id: NEW_ACCOUNT }
                }
            });
            const undo = executeMutation.mock.calls[1][0].query;
            // All or none, the case unlinked before the records are deleted.
            expect(undo).toMatch(/allOrNone: true/);
            expect(undo.indexOf('CaseUpdate')).toBeLessThan(undo.indexOf('ContactDelete'));
            expect(undo.indexOf('ContactDelete')).toBeLessThan(undo.indexOf('AccountDelete'));
            expect(events.toast[1].message).toBe('c.Web_Form_Intake_Undone_Deleted_Message');
        });

        it('says that undo only unlinks when the user may not delete the account', async () => {
            const { element, events } = await createProspect(accessWithout('Account', 'deletable'));
            expect(text($(element, '.undo-text'))).toBe(
                'Undo keeps the account ACME Corp. with its contact Jane Smith.'
            );
            expect($(element, 'lightning-button.undo-button').label).toBe('c.Web_Form_Intake_Undo_Unlink');
            executeMutation.mockResolvedValueOnce({ data: {}, errors: undefined });

            await click($(element, 'lightning-button.undo-button'));

            expect(executeMutation.mock.calls[1][0]).toEqual({
                query: EXPECTED_LINK_MUTATION,
                operationName: 'WebFormIntakeLink',
                variables: { input: { Id: CASE_ID, Case: { AccountId: null, ContactId: null } } }
            });
            expect(events.toast[1].message).toBe('c.Web_Form_Intake_Undone_Kept_Message');
        });
    });

    describe('the prospect form’s pre-fill', () => {
        const fieldValues = (element) =>
            Object.fromEntries(
                $$(element, '.prospect-form lightning-input').map((input) => [input.dataset.field, input.value])
            );

        it.each([
            ['a subdomain of a shared domain', 'jane@mail.example.com'],
            ['a shared domain', 'jane@example.org'],
            ['a free-mail provider', 'jane.smith@googlemail.com'],
            ['a subdomain of a free-mail provider', 'jane@eu.yahoo.co.uk']
        ])('leaves Website empty for an address at %s', async (_, email) => {
            const { element } = await render({ SuppliedEmail: email }, matchAnswer({ accounts: [], contacts: [] }));
            await click($(element, 'lightning-button.create'));

            expect(fieldValues(element).Website).toBe('');
        });

        it('splits a name as names, dropping symbols and emoji', async () => {
            const { element } = await render(
                { SuppliedName: 'Zoë Ñúñez-Øberg 😀' },
                matchAnswer({ accounts: [], contacts: [] })
            );
            await click($(element, 'lightning-button.create'));

            expect(fieldValues(element)).toMatchObject({ FirstName: 'Zoë', LastName: 'Ñúñez-Øberg' });
        });

        it('names the account of a person without company as a household, and the toast does not repeat the name', async () => {
            const { element, events } = await render(
                { SuppliedName: 'Marta Kowalski', SuppliedCompany: null, SuppliedEmail: 'marta.k@gmail.com' },
                matchAnswer({ accounts: [], contacts: [] })
            );
            await click($(element, 'lightning-button.create'));
            expect(fieldValues(element)).toMatchObject({
                Name: 'Kowalski Household',
                FirstName: 'Marta',
                LastName: 'Kowalski',
                Website: ''
            });
            executeMutation.mockResolvedValueOnce({
                data: {
                    uiapi: {
                        account: { Record: { Id: NEW_ACCOUNT, Name: { value: 'Kowalski Household' } } },
                        contact: { Record: { Id: NEW_CONTACT, Name: { value: 'Marta Kowalski' } } },
                        webForm: { Record: { Id: CASE_ID } }
                    }
                },
                errors: undefined
            });

            await click($(element, 'lightning-button.save'));

            expect(events.toast[0].message).toBe(
                'Created the account Kowalski Household with its contact Marta Kowalski.'
            );
        });
    });

    describe('a user with less access (issue 17)', () => {
        it('a viewer who cannot read the match keys: no search sent, no error, no action, one sentence', async () => {
            const { element } = await render(ACME_LINKED, null, undefined, VIEWER_ACCESS);

            expect(matchConfigs()).toEqual([]);
            expect(text($(element, '.access-note'))).toBe('c.Web_Form_Intake_Access_No_Search_Read_Only');
            expect($$(element, 'c-error-panel')).toEqual([]);
            expect($(element, 'lightning-input.search-input')).toBeNull();
            expect(buttons(element).filter((name) => ACTION_BUTTON.test(name))).toEqual([]);
            await expect(element).toBeAccessible();
        });

        it('a viewer who can read the match keys sees the matches without link buttons', async () => {
            const { element } = await render(undefined, matchAnswer(), undefined, viewerReadingMatchKeys());

            expect(matchConfigs()).toEqual(matchSearchRequests(SUBMISSION));
            expect(candidateRows(element, 'accounts').length).toBeGreaterThan(0);
            expect(text($(element, '.access-note'))).toBe('c.Web_Form_Intake_Access_Read_Only');
            expect(buttons(element).filter((name) => ACTION_BUTTON.test(name))).toEqual([]);
            await expect(element).toBeAccessible();
        });

        it('offers nothing, and says so, when the user’s access cannot be read', async () => {
            const element = createElement('c-web-form-intake', { is: WebFormIntake });
            element.recordId = CASE_ID;
            document.body.appendChild(element);
            await emitCase(caseAnswer());
            graphql.emitErrors([{ message: 'Service unavailable' }], isAccessWire);
            await flushPromises();

            expect(text($(element, '.access-note'))).toBe('c.Web_Form_Intake_Access_Unknown');
            expect(matchConfigs()).toEqual([]);
            expect(buttons(element).filter((name) => ACTION_BUTTON.test(name))).toEqual([]);
        });
    });
});
