import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import { FlowAttributeChangeEvent, FlowNavigationFinishEvent, FlowNavigationNextEvent } from 'lightning/flowSupport';
import { formatLabel } from 'c/labelFormat';
import { CONTEXT_QUERY, KNOWN_CONTACTS_QUERY } from './documents';
import { ACCOUNT_PREFIX, CASE_PREFIX, CONTACT_PREFIX, isIdOf, relateOutputs, relatesThroughParent } from './selection';
import { accountOptions, caseOptions, contactName, contactOptions, openCasesOf, parentAccountOf } from './rows';
import TITLE from '@salesforce/label/c.Relate_Interaction_Title';
import CONTACTS from '@salesforce/label/c.Relate_Interaction_Contacts';
import PRIMARY from '@salesforce/label/c.Relate_Interaction_Primary';
import ACCOUNT from '@salesforce/label/c.Relate_Interaction_Account';
import OPEN_CASES from '@salesforce/label/c.Relate_Interaction_Open_Cases';
import CASES_LOADING from '@salesforce/label/c.Relate_Interaction_Cases_Loading';
import CASES_FAILED from '@salesforce/label/c.Relate_Interaction_Cases_Failed';
import USE_PARENT from '@salesforce/label/c.Relate_Interaction_Use_Parent';
import SUMMARY from '@salesforce/label/c.Relate_Interaction_Summary';
import NOBODY from '@salesforce/label/c.Relate_Interaction_Nobody';
import SAVE from '@salesforce/label/c.Relate_Interaction_Save';
import NEEDS_ACCOUNT from '@salesforce/label/c.Relate_Interaction_Needs_Account';
import CASE_NEEDS_CONTACT from '@salesforce/label/c.Relate_Interaction_Case_Needs_Contact';
import CANNOT_CONTINUE from '@salesforce/label/c.Relate_Interaction_Cannot_Continue';

/**
 * @typedef {import('c/recordMatcher').MatchResult} MatchResult
 * @typedef {import('./rows').ContactLike} ContactLike
 * @typedef {import('./rows').AccountLike} AccountLike
 * @typedef {import('./rows').OpenCase} OpenCase
 * @typedef {{ data?: any, errors?: any[] }} Answer
 */

/**
 * Relate Interaction: the screen of the `Relate_Interaction` flow, which a Task quick action starts. The caller's
 * phone, email and name recorded on the task prefill a search (c-interaction-search: matchSearch's requests, scored
 * by the matcher, with its reasons); the agent may search by a typed name, email or phone; then chooses the contacts (several, one of
 * them primary: the task's Name), the account and, optionally, one of the open cases of that account or those
 * contacts (Related To). Save hands the choice to the flow as its outputs (one FlowAttributeChangeEvent each) and
 * moves on (FlowNavigationNextEvent): the flow's Update/Create Records write the task and its TaskRelation rows in
 * one transaction. Task and TaskRelation are not UI API objects, so this component writes nothing itself.
 */
export default class RelateInteraction extends LightningElement {
    // ----- the flow's inputs (Get_Task's fields) -----
    /** @type {string} the Task's Id */
    @api recordId = '';
    /** @type {string | undefined} */
    @api subject;
    /** @type {string | undefined} */
    @api description;
    /** @type {string | undefined} Call, Chat or Email */
    @api taskType;
    /** @type {string | undefined} */
    @api callerPhone;
    /** @type {string | undefined} */
    @api callerEmail;
    /** @type {string | undefined} */
    @api callerName;
    /** @type {string | undefined} the task's Name now (primary contact or lead) */
    @api whoId;
    /** @type {string | undefined} the task's Related To now */
    @api whatId;
    /** @type {string[]} the navigation the flow allows on this screen (NEXT, BACK, PAUSE, FINISH) */
    @api availableActions = [];

    // ----- the flow's outputs, set through FlowAttributeChangeEvent -----
    /** @type {string | null | undefined} the primary contact → Task.WhoId */
    @api contactId;
    /** @type {string | null | undefined} the case or account → Task.WhatId */
    @api relatedToId;
    /** @type {string[] | undefined} the other contacts → TaskRelation rows */
    @api otherContactIds;

    label = { TITLE, CONTACTS, PRIMARY, ACCOUNT, OPEN_CASES, CASES_LOADING, SAVE };

    /** @type {MatchResult | undefined} the last search's ranked candidates */
    match;
    /** @type {Map<string, ContactLike>} every contact found or read, by Id */
    contacts = new Map();
    /** @type {Map<string, AccountLike>} every account found or read, by Id */
    accounts = new Map();

    /** @type {string[] | undefined} the contacts chosen; undefined until the agent or the task's WhoId sets them */
    chosenContactIds;
    /** @type {string | null} */
    primaryId = null;
    /** @type {string | null | undefined} the account chosen; undefined until set */
    chosenAccountId;
    /** @type {string | null | undefined} the case chosen ('' or null: none); undefined until set */
    chosenCaseId;
    useParentAccount = true;

    /** @type {OpenCase[]} */
    openCases = [];
    /** @type {{ id: string, name: string } | null} */
    parentAccount = null;
    /** @type {string} the context variables the last answer (data or errors) was for */
    answeredContext = '';
    /** @type {any} */
    contextError;
    /** @type {string} why Save did nothing */
    saveProblem = '';

    // ----- the search's results (c-interaction-search) -----

    /** @param {CustomEvent<{ match: MatchResult, contacts: ContactLike[], accounts: AccountLike[] }>} event */
    handleSearched(event) {
        const { match, contacts, accounts } = event.detail;
        this.remember(contacts, accounts);
        this.match = match;
    }

    /**
     * @param {ContactLike[]} contacts
     * @param {AccountLike[]} accounts
     */
    remember(contacts, accounts) {
        const contactsById = new Map(this.contacts);
        const accountsById = new Map(this.accounts);
        contacts.forEach((contact) => contactsById.set(contact.Id, contact));
        accounts.forEach((account) => accountsById.set(account.Id, account));
        this.contacts = contactsById;
        this.accounts = accountsById;
    }

    // ----- the task's current relations -----

    /** The task's WhoId when it is a contact: shown and chosen from the start. */
    get relatedContactIds() {
        return isIdOf(this.whoId, CONTACT_PREFIX) ? [/** @type {string} */ (this.whoId)] : [];
    }

    get knownQuery() {
        return this.relatedContactIds.length ? KNOWN_CONTACTS_QUERY : undefined;
    }

    get knownVariables() {
        return this.relatedContactIds.length ? { contactIds: this.relatedContactIds } : undefined;
    }

    /** @param {Answer} answer */
    @wire(graphql, { query: '$knownQuery', variables: '$knownVariables' })
    wiredKnown({ data }) {
        /** @type {any[]} */
        const edges = data?.uiapi?.query?.Contact?.edges ?? [];
        const value = (/** @type {any} */ field) => field?.value ?? null;
        const contacts = edges.map(({ node }) => ({
            Id: node.Id,
            AccountId: value(node.AccountId),
            FirstName: value(node.FirstName),
            LastName: value(node.LastName),
            Email: value(node.Email),
            Phone: value(node.Phone)
        }));
        const accounts = edges
            .filter(({ node }) => node.Account?.Id)
            .map(({ node }) => ({ Id: node.Account.Id, Name: value(node.Account.Name) }));
        this.remember(contacts, accounts);
    }

    // ----- the agent's choice -----

    get contactIds() {
        return this.chosenContactIds ?? this.relatedContactIds;
    }

    get accountId() {
        if (this.chosenAccountId !== undefined) {
            return this.chosenAccountId;
        }
        if (isIdOf(this.whatId, ACCOUNT_PREFIX)) {
            return /** @type {string} */ (this.whatId);
        }
        return this.accountOfContacts(this.contactIds);
    }

    get caseId() {
        if (this.chosenCaseId !== undefined) {
            return this.chosenCaseId || null;
        }
        const current = isIdOf(this.whatId, CASE_PREFIX) ? this.whatId : null;
        return current && this.openCases.some((openCase) => openCase.id === current) ? current : null;
    }

    /**
     * @param {string[]} contactIds
     * @returns {string | null}
     */
    accountOfContacts(contactIds) {
        const withAccount = contactIds.map((id) => this.contacts.get(id)).find((contact) => contact?.AccountId);
        return withAccount?.AccountId ?? null;
    }

    get selection() {
        return {
            contactIds: this.contactIds,
            primaryId: this.primaryId,
            accountId: this.accountId,
            parentAccountId: this.parentAccount?.id ?? null,
            useParentAccount: this.useParentAccount,
            caseId: this.caseId
        };
    }

    get contactOptions() {
        return contactOptions({
            candidates: this.match?.candidates ?? [],
            contacts: this.contacts,
            accounts: this.accounts,
            chosenIds: this.contactIds,
            relatedIds: this.relatedContactIds
        });
    }

    get hasContactOptions() {
        return this.contactOptions.length > 0;
    }

    get primaryOptions() {
        return this.contactIds.map((id) => ({ value: id, label: contactName(this.contacts.get(id)) || id }));
    }

    /** Which contact is the task's Name: asked only when several are chosen. */
    get showPrimary() {
        return this.contactIds.length > 1;
    }

    get primaryValue() {
        return relateOutputs(this.selection).contactId ?? '';
    }

    get accountOptions() {
        const first = [this.accountId, ...this.contactIds.map((id) => this.contacts.get(id)?.AccountId)];
        return accountOptions({
            candidates: this.match?.candidates ?? [],
            accounts: this.accounts,
            firstIds: /** @type {string[]} */ (first.filter(Boolean)),
            relatedIds: isIdOf(this.whatId, ACCOUNT_PREFIX) ? [/** @type {string} */ (this.whatId)] : []
        });
    }

    get hasAccountOptions() {
        return this.accountOptions.length > 0;
    }

    get accountValue() {
        return this.accountId ?? '';
    }

    get caseOptions() {
        return caseOptions(this.openCases);
    }

    get caseValue() {
        return this.caseId ?? '';
    }

    /** The open cases, once read: "No case" is always offered with them. */
    get showCases() {
        return !this.isContextLoading && !this.contextError;
    }

    get casesFailedMessage() {
        return CASES_FAILED;
    }

    /** The parent-account choice, for a sales rep without a contact record (no contact and no case chosen). */
    get showParentChoice() {
        return Boolean(this.parentAccount) && this.contactIds.length === 0 && !this.caseId;
    }

    get useParentLabel() {
        return formatLabel(USE_PARENT, this.parentAccount?.name ?? '');
    }

    /** @param {CustomEvent<{ value: string[] }>} event */
    handleContactsChange(event) {
        const chosen = [...(event.detail.value ?? [])];
        const added = chosen.filter((id) => !this.contactIds.includes(id));
        if (!this.accountId && added.length) {
            this.chosenAccountId = this.accountOfContacts(added);
        }
        this.chosenContactIds = chosen;
        this.saveProblem = '';
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handlePrimaryChange(event) {
        this.primaryId = event.detail.value;
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleAccountChange(event) {
        this.chosenAccountId = event.detail.value || null;
        this.chosenCaseId = null;
        this.saveProblem = '';
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleCaseChange(event) {
        this.chosenCaseId = event.detail.value || null;
        this.saveProblem = '';
    }

    /** @param {CustomEvent<{ checked: boolean }>} event */
    handleUseParentChange(event) {
        this.useParentAccount = event.detail.checked;
    }

    // ----- the open cases and the account's parent -----

    get contextQuery() {
        return this.accountId ? CONTEXT_QUERY : undefined;
    }

    get contextVariables() {
        const accountId = this.accountId;
        if (!accountId) {
            return undefined;
        }
        // With no contact chosen, the account's own Id: no ContactId equals it, so the filter matches nothing.
        return { accountId, contactIds: this.contactIds.length ? this.contactIds : [accountId] };
    }

    /** The open cases and the parent are being read for the current choice. */
    get isContextLoading() {
        return Boolean(this.accountId) && this.answeredContext !== JSON.stringify(this.contextVariables);
    }

    /** @param {Answer} answer */
    @wire(graphql, { query: '$contextQuery', variables: '$contextVariables' })
    wiredContext({ data, errors }) {
        if (!data && !errors) {
            return;
        }
        this.answeredContext = JSON.stringify(this.contextVariables);
        if (errors) {
            this.contextError = errors;
            return;
        }
        this.contextError = undefined;
        this.openCases = openCasesOf(data);
        this.parentAccount = parentAccountOf(data);
        const node = data.uiapi.query.Account?.edges?.[0]?.node;
        if (node && !this.accounts.has(node.Id)) {
            this.remember([], [{ Id: node.Id, Name: node.Name?.value ?? null }]);
        }
    }

    // ----- saving: the flow's outputs, then the next screen -----

    /** What the task will say: its Name and Related To. */
    get summaryText() {
        const outputs = relateOutputs(this.selection);
        const name = contactName(this.contacts.get(outputs.contactId ?? '')) || NOBODY;
        const relatedTo = this.recordName(outputs.relatedToId) || NOBODY;
        return formatLabel(SUMMARY, name, relatedTo, outputs.otherContactIds.length);
    }

    /**
     * @param {string | null} id
     * @returns {string}
     */
    recordName(id) {
        if (!id) {
            return '';
        }
        if (this.parentAccount?.id === id && relatesThroughParent(this.selection)) {
            return this.parentAccount.name;
        }
        const openCase = this.openCases.find((entry) => entry.id === id);
        return openCase?.name ?? this.accounts.get(id)?.Name ?? id;
    }

    /** Why the choice cannot be saved: the org rule needs an account (Interaction_Needs_Account). */
    problemOf() {
        const selection = this.selection;
        if (!selection.accountId) {
            return NEEDS_ACCOUNT;
        }
        // With a case as Related To, Task.AccountId comes from the primary contact (Object Reference, Task).
        if (selection.caseId && selection.contactIds.length === 0) {
            return CASE_NEEDS_CONTACT;
        }
        return '';
    }

    handleSave() {
        this.saveProblem = this.problemOf();
        if (this.saveProblem) {
            return;
        }
        const navigation = this.navigationEvent();
        if (!navigation) {
            this.saveProblem = CANNOT_CONTINUE;
            return;
        }
        const outputs = relateOutputs(this.selection);
        this.dispatchEvent(new FlowAttributeChangeEvent('contactId', outputs.contactId));
        this.dispatchEvent(new FlowAttributeChangeEvent('relatedToId', outputs.relatedToId));
        this.dispatchEvent(new FlowAttributeChangeEvent('otherContactIds', outputs.otherContactIds));
        this.dispatchEvent(navigation);
    }

    /** Next when the flow offers it (the writes follow this screen), else Finish; none when it offers neither. */
    navigationEvent() {
        const actions = this.availableActions ?? [];
        if (actions.includes('NEXT')) {
            return new FlowNavigationNextEvent();
        }
        return actions.includes('FINISH') ? new FlowNavigationFinishEvent() : null;
    }
}
