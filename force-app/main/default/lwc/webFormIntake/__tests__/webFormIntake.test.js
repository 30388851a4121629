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

const SHOW_TOAST = 'lightning__showtoast';
const CASE_ID = '500LO0000000001AAA';
const ACME = '001LO0000000001AAA';
const ACME_WIDGETS = '001LO0000000002AAA';
const JOHN = '003LO0000000001AAA';

const EXPECTED_CASE_QUERY = `
    query WebFormIntakeCase($caseId: ID) {
        uiapi {
            query {
                Case(where: { Id: { eq: $caseId } }) {
                    edges {
                        node {
                            Id
                            SuppliedName {
                                value
                            }
                            SuppliedEmail {
                                value
                            }
                            SuppliedPhone {
                                value
                            }
                            SuppliedCompany {
                                value
                            }
                            Web_Street__c @optional {
                                value
                            }
                            Web_City__c @optional {
                                value
                            }
                            Web_Postal_Code__c @optional {
                                value
                            }
                            Web_Country__c @optional {
                                value
                            }
                            AccountId {
                                value
                            }
                            Account {
                                Name {
                                    value
                                }
                            }
                            ContactId {
                                value
                            }
                            Contact {
                                Name {
                                    value
                                }
                            }
                        }
                    }
                }
            }
        }
    }
`;

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
    const { AccountId = null, AccountName = null, ContactId = null, ContactName = null, Country } = links;
    const node = { Id: CASE_ID };
    for (const [field, value] of Object.entries(WEB_FORM)) {
        node[field] = { value };
    }
    if (Country !== undefined) {
        node.Web_Country__c = { value: Country };
    }
    node.AccountId = { value: AccountId };
    node.Account = AccountId ? { Name: { value: AccountName } } : null;
    node.ContactId = { value: ContactId };
    node.Contact = ContactId ? { Name: { value: ContactName } } : null;
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

const isCaseWire = (config) => config.query === EXPECTED_CASE_QUERY;
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

async function render(links, match = matchAnswer(), countries = FREE_TEXT_COUNTRIES) {
    const element = createElement('c-web-form-intake', { is: WebFormIntake });
    element.recordId = CASE_ID;
    const events = { toast: [], refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    await emitCase(caseAnswer(links));
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

            expect(gql.mock.results.map((result) => result.value)).toContain(EXPECTED_CASE_QUERY);
            expect(gql.mock.results.map((result) => result.value)).toContain(MATCH_CANDIDATES_QUERY);
            expect(gql.mock.results.map((result) => result.value)).toContain(MATCH_NAME_CANDIDATES_QUERY);
            expect(matchConfigs()).toEqual([]);
            expect($(element, 'lightning-spinner').alternativeText).toBe('c.Web_Form_Intake_Loading');
            await expect(element).toBeAccessible();
        });

        it('says when Web-to-Case already linked the contact, and searches nothing', async () => {
            const { element } = await render(
                { AccountId: ACME, AccountName: 'Acme Corporation', ContactId: JOHN, ContactName: 'John Smith' },
                null
            );

            expect(text($(element, '.linked-contact'))).toBe('c.Web_Form_Intake_Linked_Contact');
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
            expect(text($(element, '.undo-text'))).toBe('c.Web_Form_Intake_Undo_Hint');
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
                    ContactName: 'John Smith'
                })
            );
            expect(text($(element, '.linked-contact'))).toBe('c.Web_Form_Intake_Linked_Contact');
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
                    message: 'c.Web_Form_Intake_Created_Message',
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
                    message: 'c.Web_Form_Intake_Created_Message',
                    variant: 'success'
                }
            ]);
            expect($(element, '.prospect-form')).toBeNull();
            expect($(element, 'c-error-panel.save-error')).toBeNull();
            expect(text($(element, '.undo-text'))).toBe('c.Web_Form_Intake_Undo_Hint');
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

describe('the written-out search documents', () => {
    it('are exactly matchSearch’s (the platform compiles gql templates without substitutions)', () => {
        const { readFileSync } = require('fs');
        const source = readFileSync(require.resolve('../searchDocuments.js'), 'utf8');
        const documents = [...source.matchAll(/gql`([^`]*)`/g)].map((match) => match[1]);
        expect(documents).toContain(MATCH_CANDIDATES_QUERY);
        expect(documents).toContain(MATCH_NAME_CANDIDATES_QUERY);
    });
});
