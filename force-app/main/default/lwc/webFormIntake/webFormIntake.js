import { LightningElement, api, wire } from 'lwc';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import { SUGGEST_THRESHOLD, matchSubmission } from 'c/recordMatcher';
import { candidatesFromResponse, matchSearchRequests } from 'c/matchSearch';
import { formatLabel } from 'c/labelFormat';
import { adviceText, reasonsText } from 'c/intakeReasons';
import {
    COUNTRY_OBJECT_INFO_INPUTS,
    REQUIRED_CONTACT_FIELDS,
    REQUIRED_PROSPECT_FIELDS,
    contactVariables,
    countriesOf,
    countryNamed,
    missingProspectFields,
    prospectVariables,
    splitName,
    websiteFromEmail
} from 'c/prospectInput';
import { IDENTIFIER_QUERY, NAME_QUERY, submissionOfSearch } from 'c/candidateSearch';
import {
    ACCESS_QUERY,
    ACCOUNT_CONTACTS_QUERY,
    ADD_CONTACT_MUTATION,
    COUNTRY_QUERY,
    CREATE_PROSPECT_MUTATION,
    LINK_MUTATION,
    UNDO_CONTACT_MUTATION,
    UNDO_PROSPECT_MUTATION,
    WEB_FORM_QUERY
} from './documents';
import { submissionOf } from './submissions';
import { duplicatesOf } from './duplicates';
import { ACCESS_OBJECT_INFO_INPUTS, NO_ACCESS, intakeAccess } from './access';
import { accessNote, linkNote, undoPlan } from './notes';
import TITLE from '@salesforce/label/c.Web_Form_Intake_Title';
import LOADING from '@salesforce/label/c.Web_Form_Intake_Loading';
import LOAD_FAILED from '@salesforce/label/c.Web_Form_Intake_Load_Failed';
import SEARCHING from '@salesforce/label/c.Web_Form_Intake_Searching';
import SEARCH_FAILED from '@salesforce/label/c.Web_Form_Intake_Search_Failed';
import LINK_ACCOUNT from '@salesforce/label/c.Web_Form_Intake_Link_Account';
import LINK_CONTACT from '@salesforce/label/c.Web_Form_Intake_Link_Contact';
import CREATE_PROSPECT from '@salesforce/label/c.Web_Form_Intake_Create_Prospect';
import ADD_CONTACT from '@salesforce/label/c.Web_Form_Intake_Add_Contact';
import FORM_HEADING from '@salesforce/label/c.Web_Form_Intake_Form_Heading';
import ADD_CONTACT_HEADING from '@salesforce/label/c.Web_Form_Intake_Add_Contact_Heading';
import ACCOUNT_CONTACTS_SEARCHING from '@salesforce/label/c.Web_Form_Intake_Account_Contacts_Searching';
import ACCOUNT_CONTACTS_FOUND from '@salesforce/label/c.Web_Form_Intake_Account_Contacts_Found';
import ACCOUNT_CONTACTS_NONE from '@salesforce/label/c.Web_Form_Intake_Account_Contacts_None';
import ACCOUNT_CONTACTS_FAILED from '@salesforce/label/c.Web_Form_Intake_Account_Contacts_Failed';
import ACCOUNT_CONTACTS_TRUNCATED from '@salesforce/label/c.Web_Form_Intake_Account_Contacts_Truncated';
import SEARCH_LABEL from '@salesforce/label/c.Web_Form_Intake_Search_Label';
import SEARCH from '@salesforce/label/c.Web_Form_Intake_Search';
import SEARCH_RESULTS_FOR from '@salesforce/label/c.Web_Form_Intake_Search_Results_For';
import CLEAR_SEARCH from '@salesforce/label/c.Web_Form_Intake_Clear_Search';
import COUNTRY_NOT_IN_LIST from '@salesforce/label/c.Web_Form_Intake_Country_Not_In_List';
import COUNTRY_LIST_UNAVAILABLE from '@salesforce/label/c.Web_Form_Intake_Country_List_Unavailable';
import HOUSEHOLD_NAME from '@salesforce/label/c.Web_Form_Intake_Household_Name';
import LINKED_TITLE from '@salesforce/label/c.Web_Form_Intake_Linked_Title';
import LINKED_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Linked_Message';
import EVIDENCE_DUPLICATE_RULE from '@salesforce/label/c.Web_Form_Intake_Evidence_Duplicate_Rule';
import EVIDENCE_CHOSEN from '@salesforce/label/c.Web_Form_Intake_Evidence_Chosen';
import CREATED_TITLE from '@salesforce/label/c.Web_Form_Intake_Created_Title';
import CREATED_PROSPECT_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Created_Prospect_Message';
import CONTACT_ADDED_TITLE from '@salesforce/label/c.Web_Form_Intake_Contact_Added_Title';
import CONTACT_ADDED_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Contact_Added_Message';
import UNDONE_TITLE from '@salesforce/label/c.Web_Form_Intake_Undone_Title';
import LINK_FAILED from '@salesforce/label/c.Web_Form_Intake_Link_Failed';
import CREATE_FAILED from '@salesforce/label/c.Web_Form_Intake_Create_Failed';
import ADD_CONTACT_FAILED from '@salesforce/label/c.Web_Form_Intake_Add_Contact_Failed';
import UNDO_FAILED from '@salesforce/label/c.Web_Form_Intake_Undo_Failed';
import DUPLICATES from '@salesforce/label/c.Web_Form_Intake_Duplicates';
import DUPLICATE_RECORD from '@salesforce/label/c.Web_Form_Intake_Duplicate_Record';

/**
 * @typedef {import('c/recordMatcher').Submission} Submission
 * @typedef {import('c/recordMatcher').AccountRecord} AccountRecord
 * @typedef {import('c/recordMatcher').ContactRecord} ContactRecord
 * @typedef {import('c/recordMatcher').MatchResult} MatchResult
 * @typedef {{ value: any, displayValue?: string | null }} FieldValue
 * @typedef {{ SuppliedName: string | null, SuppliedEmail: string | null, SuppliedPhone: string | null,
 *   SuppliedCompany: string | null, Web_Street__c: string | null, Web_City__c: string | null,
 *   Web_Postal_Code__c: string | null, Web_Country__c: string | null, AccountId: string | null,
 *   AccountName: string | null, ContactId: string | null, ContactName: string | null,
 *   ContactEmail: string | null }} WebForm
 * @typedef {import('./notes').CaseLink} CaseLink
 * @typedef {import('./notes').LinkMade} LinkMade
 * @typedef {import('./notes').Created} Created
 * @typedef {import('./access').IntakeAccess} IntakeAccess
 * @typedef {{ id: string, type: 'Account' | 'Contact', name: string }} NamedRecord
 * @typedef {import('c/prospectInput').Country} Country
 * @typedef {'prospect' | 'contact'} FormMode "Create new prospect", or "Add contact to ⟨Account⟩"
 */

/** @type {Record<import('c/recordMatcher').Decision, string>} */

/** Candidates scored: enough for the ten of each kind the list shows. */
const TOP = 20;

/**
 * @param {FieldValue | null | undefined} field
 * @returns {string | null}
 */
function valueOf(field) {
    const value = field?.value;
    return value === null || value === undefined || value === '' ? null : String(value);
}

/**
 * @param {{ FirstName?: string | null, LastName?: string | null } | undefined} person
 * @returns {string}
 */
function personName(person) {
    return [person?.FirstName, person?.LastName].filter(Boolean).join(' ');
}

/**
 * A contact of the last search's answer as the matcher reads it.
 * @param {any} node
 * @returns {ContactRecord}
 */
function contactOf(node) {
    return {
        Id: node.Id,
        AccountId: valueOf(node.AccountId),
        FirstName: valueOf(node.FirstName),
        LastName: valueOf(node.LastName),
        Email: valueOf(node.Email),
        Phone: valueOf(node.Phone),
        MailingStreet: valueOf(node.MailingStreet),
        MailingCity: valueOf(node.MailingCity),
        MailingPostalCode: valueOf(node.MailingPostalCode)
    };
}

/**
 * The Web Form case's intake: says how the case is linked and on what evidence; otherwise finds the accounts and
 * contacts the web form may belong to (matchSearch's selective requests, scored in the browser) and advises
 * link / suggest / new. Every write is the agent's click: link to an account or contact; "Add contact to
 * ⟨Account⟩" when the case has an account but no contact (after a last search among that account's contacts, the
 * contact and the case's link to it in one all-or-none mutation); "Create new prospect" when it has neither
 * (account, contact and case link in one all-or-none mutation); or undo the last of these, which says what it
 * does. It offers only what the user's access allows (access.js) and says what it leaves out. Viewing writes
 * nothing. The candidate list is c-intake-candidates and the form c-prospect-form.
 */
export default class WebFormIntake extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = {
        TITLE,
        LOADING,
        SEARCHING,
        CREATE_PROSPECT,
        SEARCH_LABEL,
        SEARCH,
        CLEAR_SEARCH,
        DUPLICATES
    };

    isLoading = true;
    /** @type {any} */
    loadError;
    /** @type {WebForm | undefined} */
    webForm;
    /** @type {any} the case wire's last result, refreshed after each write */
    wiredCaseResult;
    /** @type {IntakeAccess | undefined} what the user may do; undefined until known */
    access;
    accessFailed = false;

    /** @type {string} what the agent typed in the search box */
    searchInput = '';
    /** @type {string} the search that runs ('' = the web form's own) */
    searchText = '';
    /** @type {any} */
    searchError;
    /** @type {MatchResult | undefined} */
    match;
    /**
     * The latest answer of each search request; both are reset when the search changes.
     * @type {{ identifiers?: { data?: any, errors?: any[] }, names?: { data?: any, errors?: any[] } }}
     */
    answers = {};
    /** @type {Map<string, AccountRecord>} */
    accounts = new Map();
    /** @type {Map<string, ContactRecord>} */
    contacts = new Map();

    isFormOpen = false;
    /** @type {FormMode} */
    formMode = 'prospect';
    /** @type {Record<string, string>} */
    values = {};
    /** @type {string | null} the account whose contacts the last search before "Add contact" reads */
    accountContactsFor = null;
    /** @type {ContactRecord[] | undefined} that account's contacts like this person; undefined until answered */
    similarContacts;
    /** @type {MatchResult['candidates']} their scores and reasons */
    similarContactCandidates = [];
    /** The account has more contacts than the last search reads (the first 200 by last name). */
    accountContactsTruncated = false;
    /** @type {any} */
    accountContactsError;
    isSaving = false;
    /** @type {any} */
    saveError;
    saveErrorSummary = '';
    /** @type {NamedRecord[] | null} records a duplicate rule named */
    duplicates = null;
    /** @type {LinkMade | null} the last link made here, which Undo reverts */
    lastLink = null;
    /** @type {Country[] | null | undefined} the org's countries; null: free-text countries; undefined: not read yet */
    countries;
    countryListFailed = false;

    // ----- reading -----

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: WEB_FORM_QUERY, variables: '$caseVariables' })
    wiredCase(result) {
        this.wiredCaseResult = result;
        const { data, errors } = result;
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.isLoading = false;
        const node = data.uiapi.query.Case.edges[0]?.node;
        if (!node) {
            this.loadError = [];
            return;
        }
        this.loadError = undefined;
        this.webForm = {
            SuppliedName: valueOf(node.SuppliedName),
            SuppliedEmail: valueOf(node.SuppliedEmail),
            SuppliedPhone: valueOf(node.SuppliedPhone),
            SuppliedCompany: valueOf(node.SuppliedCompany),
            Web_Street__c: valueOf(node.Web_Street__c),
            Web_City__c: valueOf(node.Web_City__c),
            Web_Postal_Code__c: valueOf(node.Web_Postal_Code__c),
            Web_Country__c: valueOf(node.Web_Country__c),
            AccountId: valueOf(node.AccountId),
            AccountName: valueOf(node.Account?.Name),
            ContactId: valueOf(node.ContactId),
            ContactName: valueOf(node.Contact?.Name),
            ContactEmail: valueOf(node.Contact?.Email)
        };
    }

    get caseVariables() {
        return { caseId: this.recordId };
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: ACCESS_QUERY, variables: '$accessVariables' })
    wiredAccess({ data, errors }) {
        if (errors) {
            this.accessFailed = true;
            this.access = NO_ACCESS;
            return;
        }
        if (data) {
            this.accessFailed = false;
            this.access = intakeAccess(data.uiapi.objectInfos);
        }
    }

    get accessVariables() {
        return { objectInfoInputs: ACCESS_OBJECT_INFO_INPUTS };
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: COUNTRY_QUERY, variables: '$countryVariables' })
    wiredCountries({ data, errors }) {
        this.countryListFailed = Boolean(errors);
        if (data) {
            this.countries = countriesOf(data.uiapi.objectInfos);
        }
    }

    get countryVariables() {
        return { objectInfoInputs: COUNTRY_OBJECT_INFO_INPUTS };
    }

    /**
     * The submission being matched: the agent's search, or the web form when it has no contact yet; none for a
     * user who cannot read what the search filters on (the org would refuse the documents).
     */
    get submission() {
        if (!this.access?.canSearch) {
            return undefined;
        }
        if (this.searchText) {
            return submissionOfSearch(this.searchText);
        }
        if (!this.webForm || this.webForm.ContactId) {
            return undefined;
        }
        return submissionOf(this.webForm);
    }

    /** matchSearch's search requests for the current submission; none until there is something to search for. */
    get searchRequests() {
        const submission = this.submission;
        return submission ? matchSearchRequests(submission) : [];
    }

    get identifierQuery() {
        return this.searchRequests.length > 0 ? IDENTIFIER_QUERY : undefined;
    }

    get identifierVariables() {
        return this.searchRequests[0]?.variables;
    }

    /** The company-name request is sent only when the submission names a company. */
    get nameQuery() {
        return this.searchRequests.length > 1 ? NAME_QUERY : undefined;
    }

    get nameVariables() {
        return this.searchRequests[1]?.variables;
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: '$identifierQuery', variables: '$identifierVariables' })
    wiredIdentifierCandidates({ data, errors }) {
        this.answers = { ...this.answers, identifiers: { data, errors } };
        this.scoreAnswers();
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: '$nameQuery', variables: '$nameVariables' })
    wiredNameCandidates({ data, errors }) {
        this.answers = { ...this.answers, names: { data, errors } };
        this.scoreAnswers();
    }

    /** Scores the candidates once every request of the search has answered. */
    scoreAnswers() {
        const submission = this.submission;
        if (!submission) {
            return;
        }
        const expected =
            this.searchRequests.length > 1
                ? [this.answers.identifiers, this.answers.names]
                : [this.answers.identifiers];
        const errors = expected.flatMap((answer) => answer?.errors ?? []);
        if (errors.length > 0) {
            this.searchError = errors;
            this.match = undefined;
            return;
        }
        if (expected.some((answer) => !answer?.data)) {
            return;
        }
        this.searchError = undefined;
        const records = candidatesFromResponse(...expected.map((answer) => answer?.data));
        this.accounts = new Map(records.accounts.map((account) => [account.Id, account]));
        this.contacts = new Map(records.contacts.map((contact) => [contact.Id, contact]));
        this.match = matchSubmission(submission, records, { top: TOP });
    }

    get accountContactsQuery() {
        return this.accountContactsFor ? ACCOUNT_CONTACTS_QUERY : undefined;
    }

    get accountContactsVariables() {
        return this.accountContactsFor ? { accountId: this.accountContactsFor } : undefined;
    }

    /**
     * The last search before "Add contact": the account's contacts scored against the web form; those the matcher
     * would suggest are shown with their link buttons above the form.
     * @param {import('lightning/graphql').GraphQLResult<any>} result
     */
    @wire(graphql, { query: '$accountContactsQuery', variables: '$accountContactsVariables' })
    wiredAccountContacts({ data, errors }) {
        if (!this.accountContactsFor || !this.webForm) {
            return;
        }
        if (errors) {
            this.accountContactsError = errors;
            return;
        }
        if (!data) {
            return;
        }
        this.accountContactsError = undefined;
        /** @type {any[]} */
        const edges = data.uiapi.query.Contact.edges;
        const contacts = edges.map(({ node }) => contactOf(node));
        for (const contact of contacts) {
            this.contacts.set(contact.Id, contact);
        }
        const scored = matchSubmission(submissionOf(this.webForm), { accounts: [], contacts }, { top: TOP });
        const similar = new Set(
            scored.candidates
                .filter((candidate) => candidate.type === 'Contact' && candidate.score >= SUGGEST_THRESHOLD)
                .map((candidate) => candidate.id)
        );
        this.similarContactCandidates = scored.candidates.filter((candidate) => similar.has(candidate.id));
        this.similarContacts = contacts.filter((contact) => similar.has(contact.Id));
        this.accountContactsTruncated = Boolean(data.uiapi.query.Contact.pageInfo?.hasNextPage);
    }

    // ----- state -----

    get isReady() {
        return !this.isLoading && !this.loadError && Boolean(this.webForm);
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    get searchFailedMessage() {
        return SEARCH_FAILED;
    }

    get canSearch() {
        return Boolean(this.access?.canSearch);
    }

    get canLink() {
        return Boolean(this.access?.canLink);
    }

    /** The case's link and who made it on what evidence (notes.js); .linked-contact or .linked-account by state. */
    get linkText() {
        const webForm = this.webForm;
        return webForm ? linkNote(webForm, this.lastLink) : '';
    }

    get linkClass() {
        return `${this.webForm?.ContactId ? 'linked-contact' : 'linked-account'} slds-m-bottom_small`;
    }

    /** What the user's access leaves out, in one sentence. */
    get accessText() {
        const webForm = this.webForm;
        const createsHere = webForm?.AccountId ? this.access?.canAddContact : this.access?.canCreateProspect;
        return webForm && !webForm.ContactId
            ? accessNote(this.access, this.accessFailed, Boolean(createsHere))
            : accessNote(this.access, this.accessFailed, true);
    }

    get showMatches() {
        return this.isReady && Boolean(this.submission);
    }

    get showSearching() {
        return this.showMatches && !this.match && !this.searchError;
    }

    get showResults() {
        return this.showMatches && Boolean(this.match) && !this.searchError;
    }

    get searchHeading() {
        return this.searchText ? formatLabel(SEARCH_RESULTS_FOR, this.searchText) : '';
    }

    get adviceText() {
        return this.match && !this.searchText ? adviceText(this.match) : '';
    }

    get adviceClass() {
        return `advice slds-box slds-box_x-small slds-m-bottom_small slds-theme_${
            this.match?.decision === 'new' ? 'warning' : 'shade'
        }`;
    }

    get candidates() {
        return this.match?.candidates ?? [];
    }

    get candidateAccounts() {
        return [...this.accounts.values()];
    }

    get candidateContacts() {
        return [...this.contacts.values()];
    }

    get linkedAccountId() {
        return this.webForm?.AccountId ?? null;
    }

    get linkedContactId() {
        return this.webForm?.ContactId ?? null;
    }

    /** "Create new prospect": only for a case with neither account nor contact (else it makes a second account). */
    get canCreate() {
        const webForm = this.webForm;
        return (
            this.isReady &&
            !webForm?.AccountId &&
            !webForm?.ContactId &&
            !this.isFormOpen &&
            Boolean(this.access?.canCreateProspect)
        );
    }

    /** "Add contact to ⟨Account⟩": for a case with an account but no contact. */
    get canAddContact() {
        const webForm = this.webForm;
        return (
            this.isReady &&
            Boolean(webForm?.AccountId) &&
            !webForm?.ContactId &&
            !this.isFormOpen &&
            Boolean(this.access?.canAddContact)
        );
    }

    get addContactLabel() {
        return formatLabel(ADD_CONTACT, this.webForm?.AccountName ?? '');
    }

    get undo() {
        return this.lastLink ? undoPlan(this.lastLink, this.access ?? NO_ACCESS) : null;
    }

    // ----- search -----

    /** @param {CustomEvent<{ value: string }>} event */
    handleSearchInput(event) {
        this.searchInput = event.detail.value ?? '';
    }

    /** @param {KeyboardEvent} event */
    handleSearchKeyUp(event) {
        if (event.key === 'Enter') {
            this.handleSearch();
        }
    }

    handleSearch() {
        const text = this.searchInput.trim();
        if (!text || text === this.searchText) {
            return;
        }
        this.match = undefined;
        this.answers = {};
        this.searchError = undefined;
        this.searchText = text;
    }

    handleClearSearch() {
        this.searchInput = '';
        this.searchText = '';
        this.match = undefined;
        this.answers = {};
        this.searchError = undefined;
    }

    // ----- link and undo -----

    /** @param {CustomEvent<{ type: 'Account' | 'Contact', id: string }>} event from the candidates */
    async handleLink(event) {
        const { type, id } = event.detail;
        const candidate = [...this.candidates, ...this.similarContactCandidates].find((entry) => entry.id === id);
        const evidence = candidate?.reasons.length ? reasonsText(candidate.reasons) : EVIDENCE_CHOSEN;
        await (type === 'Account' ? this.linkAccount(id, evidence) : this.linkContact(id, evidence));
    }

    /** @param {Event} event a duplicate's link button */
    async handleLinkDuplicate(event) {
        const { type, id } = /** @type {HTMLElement} */ (event.currentTarget).dataset;
        const evidence = EVIDENCE_DUPLICATE_RULE;
        await (type === 'Account' ? this.linkAccount(id ?? '', evidence) : this.linkContact(id ?? '', evidence));
    }

    /**
     * @param {string} id
     * @param {string} evidence
     */
    async linkAccount(id, evidence) {
        const account = this.accounts.get(id);
        await this.link({ AccountId: id }, account?.Name ?? id, evidence);
    }

    /**
     * @param {string} id
     * @param {string} evidence
     */
    async linkContact(id, evidence) {
        const contact = this.contacts.get(id);
        /** @type {Partial<CaseLink>} */
        const fields = { ContactId: id };
        if (contact?.AccountId) {
            fields.AccountId = contact.AccountId;
        }
        await this.link(fields, personName(contact) || id, evidence);
    }

    /**
     * One CaseUpdate; remembers the case's previous link so the agent can undo it.
     * @param {Partial<CaseLink>} fields
     * @param {string} name
     * @param {string} evidence why the agent linked it, as the link note says it
     */
    async link(fields, name, evidence) {
        if (this.isSaving || !this.webForm) {
            return;
        }
        const previous = { AccountId: this.webForm.AccountId, ContactId: this.webForm.ContactId };
        const ok = await this.updateCase(fields, LINK_FAILED);
        if (ok) {
            this.lastLink = { previous, current: { ...previous, ...fields }, name, evidence, created: null };
            this.duplicates = null;
            this.closeForm();
            await this.afterWrite(LINKED_TITLE, formatLabel(LINKED_MESSAGE, name));
        }
    }

    async handleUndo() {
        const last = this.lastLink;
        const plan = this.undo;
        if (!last || !plan || this.isSaving) {
            return;
        }
        const ok = plan.deletes
            ? await this.undoCreate(last)
            : await this.updateCase({ ...last.previous }, UNDO_FAILED);
        if (ok) {
            this.lastLink = null;
            await this.afterWrite(UNDONE_TITLE, plan.doneMessage);
        }
    }

    /**
     * Puts the case's links back and deletes what was created here, in one all-or-none mutation.
     * @param {LinkMade} last
     * @returns {Promise<boolean>}
     */
    async undoCreate(last) {
        const created = /** @type {Created} */ (last.created);
        const webForm = { Id: this.recordId, Case: { ...last.previous } };
        const contact = { Id: created.contactId };
        return created.accountId
            ? this.mutate(
                  UNDO_PROSPECT_MUTATION,
                  'WebFormIntakeUndoProspect',
                  { webForm, contact, account: { Id: created.accountId } },
                  UNDO_FAILED
              )
            : this.mutate(UNDO_CONTACT_MUTATION, 'WebFormIntakeUndoContact', { webForm, contact }, UNDO_FAILED);
    }

    /**
     * @param {Partial<CaseLink>} fields
     * @param {string} failure summary when the update fails
     * @returns {Promise<boolean>}
     */
    async updateCase(fields, failure) {
        return this.mutate(LINK_MUTATION, 'WebFormIntakeLink', { input: { Id: this.recordId, Case: fields } }, failure);
    }

    /**
     * Runs a mutation; on failure shows the org's errors under the summary and returns false.
     * @param {any} query
     * @param {string} operationName
     * @param {Record<string, any>} variables
     * @param {string} failure
     * @returns {Promise<boolean>}
     */
    async mutate(query, operationName, variables, failure) {
        this.isSaving = true;
        this.saveError = undefined;
        try {
            const result = await executeMutation({ query, operationName, variables });
            if (result.errors?.length) {
                this.showSaveError(result.errors, failure);
                return false;
            }
            return true;
        } catch (error) {
            this.showSaveError(error, failure);
            return false;
        } finally {
            this.isSaving = false;
        }
    }

    // ----- create a new prospect, or add a contact to the case's account -----

    /**
     * The form's values from the web form: names split as names, the website from a company address only, and,
     * without a company, a household account ("Kowalski Household"): Salesforce's Household Account model names
     * a person's account after the household, so the account never reads as a company nor repeats the contact.
     */
    prefilledValues() {
        const webForm = /** @type {WebForm} */ (this.webForm);
        const names = splitName(webForm.SuppliedName);
        const household = names.LastName ? formatLabel(HOUSEHOLD_NAME, names.LastName) : '';
        return {
            Name: webForm.SuppliedCompany ?? household,
            AccountPhone: webForm.SuppliedPhone ?? '',
            Website: websiteFromEmail(webForm.SuppliedEmail),
            BillingStreet: webForm.Web_Street__c ?? '',
            BillingCity: webForm.Web_City__c ?? '',
            BillingPostalCode: webForm.Web_Postal_Code__c ?? '',
            BillingCountry: this.acceptedCountry(webForm.Web_Country__c),
            FirstName: names.FirstName ?? '',
            LastName: names.LastName ?? '',
            Email: webForm.SuppliedEmail ?? '',
            ContactPhone: webForm.SuppliedPhone ?? ''
        };
    }

    handleOpenForm() {
        this.openForm('prospect');
    }

    /** "Add contact to ⟨Account⟩": the form, and the last search among the account's contacts. */
    handleOpenAddContact() {
        this.openForm('contact');
        this.similarContacts = undefined;
        this.similarContactCandidates = [];
        this.accountContactsTruncated = false;
        this.accountContactsError = undefined;
        this.accountContactsFor = this.webForm?.AccountId ?? null;
    }

    /** @param {FormMode} mode */
    openForm(mode) {
        this.formMode = mode;
        this.values = this.prefilledValues();
        this.saveError = undefined;
        this.duplicates = null;
        this.isFormOpen = true;
    }

    handleCancelForm() {
        this.closeForm();
        this.saveError = undefined;
        this.duplicates = null;
    }

    closeForm() {
        this.isFormOpen = false;
        this.accountContactsFor = null;
    }

    get isContactForm() {
        return this.formMode === 'contact';
    }

    get formHeading() {
        return this.isContactForm ? formatLabel(ADD_CONTACT_HEADING, this.webForm?.AccountName ?? '') : FORM_HEADING;
    }

    get requiredFields() {
        return this.isContactForm ? REQUIRED_CONTACT_FIELDS : REQUIRED_PROSPECT_FIELDS;
    }

    get accountContactsText() {
        const account = this.webForm?.AccountName ?? '';
        if (!this.isContactForm || this.accountContactsError) {
            return '';
        }
        if (this.similarContacts === undefined) {
            return formatLabel(ACCOUNT_CONTACTS_SEARCHING, account);
        }
        const found = formatLabel(
            this.similarContacts.length ? ACCOUNT_CONTACTS_FOUND : ACCOUNT_CONTACTS_NONE,
            account
        );
        return this.accountContactsTruncated ? `${found} ${ACCOUNT_CONTACTS_TRUNCATED}` : found;
    }

    get hasSimilarContacts() {
        return this.isContactForm && (this.similarContacts?.length ?? 0) > 0;
    }

    get accountContactsFailedMessage() {
        return ACCOUNT_CONTACTS_FAILED;
    }

    get isSaveDisabled() {
        const countriesPending = this.countries === undefined && !this.countryListFailed;
        const lastSearchPending =
            this.isContactForm && (this.similarContacts === undefined || this.accountContactsError);
        return (
            this.isSaving ||
            countriesPending ||
            Boolean(lastSearchPending) ||
            missingProspectFields(this.values, this.requiredFields).length > 0
        );
    }

    /**
     * The web form's country as the form starts with it: left empty for the agent in an org whose country list
     * does not have it (countryNotice says so).
     * @param {string | null} text
     * @returns {string}
     */
    acceptedCountry(text) {
        // Free-text countries, or a list not read yet (saving waits for it) or unreadable (nothing is sent).
        if (!text || !this.countries) {
            return text ?? '';
        }
        return countryNamed(text, this.countries) ? text : '';
    }

    /** Why the prospect will be saved without the country the agent sees or the web form gave, if it will. */
    get countryNotice() {
        const typed = this.formValue('BillingCountry');
        const text = typed ?? this.webForm?.Web_Country__c ?? null;
        if (!text || this.countries === null) {
            return '';
        }
        if (this.countryListFailed && !this.countries) {
            return COUNTRY_LIST_UNAVAILABLE;
        }
        return this.countries && !countryNamed(text, this.countries) ? formatLabel(COUNTRY_NOT_IN_LIST, text) : '';
    }

    /** @param {CustomEvent<{ key: string, value: string }>} event from the prospect form */
    handleFieldChange(event) {
        const { key, value } = event.detail;
        this.values = { ...this.values, [key]: value };
    }

    /**
     * @param {string} key
     * @returns {string | null}
     */
    formValue(key) {
        const value = String(this.values[key] ?? '').trim();
        return value === '' ? null : value;
    }

    async handleSave() {
        if (this.isSaveDisabled || !this.webForm) {
            return;
        }
        await (this.isContactForm ? this.addContact() : this.createProspect());
    }

    async createProspect() {
        const webForm = /** @type {WebForm} */ (this.webForm);
        const previous = { AccountId: webForm.AccountId, ContactId: webForm.ContactId };
        const result = await this.save(
            CREATE_PROSPECT_MUTATION,
            'WebFormIntakeCreateProspect',
            // c/prospectInput builds the variables (the org smoke tests send them exactly so).
            prospectVariables(this.values, this.recordId, this.countries),
            CREATE_FAILED
        );
        if (!result) {
            return;
        }
        const accountId = result.account?.Record?.Id ?? null;
        const contactId = result.contact?.Record?.Id ?? '';
        const accountName = valueOf(result.account?.Record?.Name) ?? this.formValue('Name') ?? '';
        const contactName = valueOf(result.contact?.Record?.Name) ?? personName(this.contactNameParts());
        this.closeForm();
        this.lastLink = {
            previous,
            current: { AccountId: accountId, ContactId: contactId },
            name: contactName,
            evidence: '',
            created: { accountId, accountName, contactId, contactName }
        };
        await this.afterWrite(CREATED_TITLE, formatLabel(CREATED_PROSPECT_MESSAGE, accountName, contactName));
    }

    async addContact() {
        const webForm = /** @type {WebForm} */ (this.webForm);
        const accountId = /** @type {string} */ (webForm.AccountId);
        const accountName = webForm.AccountName ?? '';
        const previous = { AccountId: accountId, ContactId: webForm.ContactId };
        const result = await this.save(
            ADD_CONTACT_MUTATION,
            'WebFormIntakeAddContact',
            contactVariables(this.values, this.recordId, accountId, this.countries),
            ADD_CONTACT_FAILED
        );
        if (!result) {
            return;
        }
        const contactId = result.contact?.Record?.Id ?? '';
        const contactName = valueOf(result.contact?.Record?.Name) ?? personName(this.contactNameParts());
        this.closeForm();
        this.lastLink = {
            previous,
            current: { AccountId: accountId, ContactId: contactId },
            name: contactName,
            evidence: '',
            created: { accountId: null, accountName, contactId, contactName }
        };
        await this.afterWrite(CONTACT_ADDED_TITLE, formatLabel(CONTACT_ADDED_MESSAGE, contactName, accountName));
    }

    contactNameParts() {
        return { FirstName: this.formValue('FirstName'), LastName: this.formValue('LastName') };
    }

    /**
     * Runs a create mutation; returns its `uiapi` answer, or null (with the errors shown) when nothing was saved.
     * @param {any} query
     * @param {string} operationName
     * @param {Record<string, any>} variables
     * @param {string} failure
     * @returns {Promise<any>}
     */
    async save(query, operationName, variables, failure) {
        this.isSaving = true;
        this.saveError = undefined;
        this.duplicates = null;
        try {
            /** @type {import('lightning/graphql').GraphQLResult<any>} */
            const result = await executeMutation({ query, operationName, variables });
            if (result.errors?.length) {
                this.showSaveError(result.errors, failure);
                return null;
            }
            return result.data?.uiapi ?? {};
        } catch (error) {
            this.showSaveError(error, failure);
            return null;
        } finally {
            this.isSaving = false;
        }
    }

    /**
     * @param {any} errors
     * @param {string} summary
     */
    showSaveError(errors, summary) {
        const duplicates = duplicatesOf(errors);
        if (duplicates) {
            this.duplicates = duplicates.map((record) => ({ ...record, name: this.recordName(record) }));
            this.saveError = undefined;
            return;
        }
        this.saveError = errors;
        this.saveErrorSummary = summary;
    }

    /**
     * @param {{ id: string, type: 'Account' | 'Contact' }} record
     * @returns {string}
     */
    recordName(record) {
        if (record.type === 'Account' && this.accounts.get(record.id)?.Name) {
            return /** @type {string} */ (this.accounts.get(record.id)?.Name);
        }
        return personName(this.contacts.get(record.id)) || formatLabel(DUPLICATE_RECORD, record.id);
    }

    get duplicateRows() {
        return (this.duplicates ?? []).map((record) => ({
            ...record,
            key: record.id,
            url: `/lightning/r/${record.type}/${record.id}/view`,
            linkLabel: record.type === 'Account' ? LINK_ACCOUNT : LINK_CONTACT,
            linkTitle: `${record.type === 'Account' ? LINK_ACCOUNT : LINK_CONTACT}: ${record.name}`
        }));
    }

    get hasDuplicates() {
        return this.duplicates !== null;
    }

    /**
     * LDS does not re-run queries after a mutation: the page, its components and this component's own wire are
     * told explicitly. The write is saved whatever the refresh does, so it is reported first and a failed refresh
     * is not a failed save (which would invite the agent to save again and duplicate it).
     * @param {string} title
     * @param {string} message
     */
    async afterWrite(title, message) {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant: 'success' }));
        this.dispatchEvent(new RefreshEvent());
        try {
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            // lightning/graphql refreshes through the wire result's refresh() (LWC Developer Guide, "refresh");
            // refreshGraphQL is the deprecated lightning/uiGraphQLApi's and not exported by lightning/graphql.
            await this.wiredCaseResult?.refresh?.();
        } catch {
            // The case shows what it showed before the write until the page reloads; the write itself is saved.
        }
    }
}
