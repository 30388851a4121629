import { LightningElement, api, wire } from 'lwc';
import { graphql } from 'lightning/graphql';
import { matchSubmission } from 'c/recordMatcher';
import { candidatesFromResponse, matchSearchRequests } from 'c/matchSearch';
import { IDENTIFIER_QUERY, NAME_QUERY, submissionOfSearch } from 'c/candidateSearch';
import { formatLabel } from 'c/labelFormat';
import { splitName } from 'c/prospectInput';
import CALLER from '@salesforce/label/c.Relate_Interaction_Caller';
import CALLER_UNKNOWN from '@salesforce/label/c.Relate_Interaction_Caller_Unknown';
import SEARCH_LABEL from '@salesforce/label/c.Relate_Interaction_Search_Label';
import SEARCH from '@salesforce/label/c.Relate_Interaction_Search';
import CLEAR_SEARCH from '@salesforce/label/c.Relate_Interaction_Clear_Search';
import SEARCHING from '@salesforce/label/c.Relate_Interaction_Searching';
import SEARCH_FAILED from '@salesforce/label/c.Relate_Interaction_Search_Failed';
import RESULTS_FOR from '@salesforce/label/c.Relate_Interaction_Results_For';
import NO_CANDIDATES from '@salesforce/label/c.Relate_Interaction_No_Candidates';

/**
 * @typedef {import('c/recordMatcher').Submission} Submission
 * @typedef {import('c/recordMatcher').MatchResult} MatchResult
 * @typedef {{ data?: any, errors?: any[] }} Answer
 */

/** Candidates scored: enough for the ten of each kind Relate Interaction lists. */
const TOP = 20;

/**
 * The matcher's submission for the caller the telephony, chat or email system recorded on the task; undefined
 * when it recorded nothing (an unknown chat visitor), so nothing is searched until the agent types.
 * @param {{ callerName?: string | null, callerEmail?: string | null, callerPhone?: string | null }} caller
 * @returns {Submission | undefined}
 */
export function callerSubmission({ callerName, callerEmail, callerPhone }) {
    const text = (/** @type {unknown} */ value) => (typeof value === 'string' ? value.trim() : '');
    if (!text(callerName) && !text(callerEmail) && !text(callerPhone)) {
        return undefined;
    }
    return {
        ...splitName(text(callerName) || null),
        Email: text(callerEmail) || null,
        Phone: text(callerPhone) || null
    };
}

/**
 * Relate Interaction's search: the caller's details from the task, or what the agent types (a name, email or
 * phone), sent as matchSearch's requests (at most two GraphQL requests) and scored by the matcher. It reports
 * each scored answer with `searched` (detail `{ match, accounts, contacts }`: the ranked candidates with their
 * reasons, and the records found); the parent shows them as choices.
 */
export default class InteractionSearch extends LightningElement {
    /** @type {string | undefined} */
    @api callerName;
    /** @type {string | undefined} */
    @api callerEmail;
    /** @type {string | undefined} */
    @api callerPhone;

    label = { SEARCH_LABEL, SEARCH, CLEAR_SEARCH, SEARCHING, NO_CANDIDATES };

    /** @type {string} what the agent typed in the search box */
    searchInput = '';
    /** @type {string} the search that runs ('' = the caller's details) */
    searchText = '';
    /** @type {{ identifiers?: Answer, names?: Answer }} the latest answer of each search request */
    answers = {};
    /** @type {MatchResult | undefined} */
    match;
    /** @type {any} */
    searchError;

    /** The search's submission: what the agent typed, else the caller's details; none for an unknown caller. */
    get submission() {
        if (this.searchText) {
            return submissionOfSearch(this.searchText);
        }
        return callerSubmission({
            callerName: this.callerName,
            callerEmail: this.callerEmail,
            callerPhone: this.callerPhone
        });
    }

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

    /** The name request is sent only when the submission gives a name. */
    get nameQuery() {
        return this.searchRequests.length > 1 ? NAME_QUERY : undefined;
    }

    get nameVariables() {
        return this.searchRequests[1]?.variables;
    }

    /** @param {Answer} answer */
    @wire(graphql, { query: '$identifierQuery', variables: '$identifierVariables' })
    wiredIdentifiers({ data, errors }) {
        this.answers = { ...this.answers, identifiers: { data, errors } };
        this.scoreAnswers();
    }

    /** @param {Answer} answer */
    @wire(graphql, { query: '$nameQuery', variables: '$nameVariables' })
    wiredNames({ data, errors }) {
        this.answers = { ...this.answers, names: { data, errors } };
        this.scoreAnswers();
    }

    /** Scores the candidates once every request of the search has answered, and reports them. */
    scoreAnswers() {
        const submission = this.submission;
        if (!submission) {
            return;
        }
        const expected = [this.answers.identifiers, ...(this.searchRequests.length > 1 ? [this.answers.names] : [])];
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
        this.match = matchSubmission(submission, records, { top: TOP });
        this.dispatchEvent(new CustomEvent('searched', { detail: { match: this.match, ...records } }));
    }

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
        if (text && text !== this.searchText) {
            this.startSearch(text);
        }
    }

    handleClearSearch() {
        this.searchInput = '';
        this.startSearch('');
    }

    /** @param {string} text */
    startSearch(text) {
        this.match = undefined;
        this.answers = {};
        this.searchError = undefined;
        this.searchText = text;
    }

    get isSearching() {
        return Boolean(this.submission) && !this.match && !this.searchError;
    }

    get hasNoCandidates() {
        return Boolean(this.match) && this.match?.candidates.length === 0;
    }

    get searchFailedMessage() {
        return SEARCH_FAILED;
    }

    get searchHeading() {
        return this.searchText ? formatLabel(RESULTS_FOR, this.searchText) : '';
    }

    /** Who the task says called, or that nobody is known (an unknown chat visitor). */
    get callerText() {
        const parts = [this.callerName, this.callerPhone, this.callerEmail].filter((part) => part && part.trim());
        return parts.length ? formatLabel(CALLER, parts.join(' · ')) : CALLER_UNKNOWN;
    }
}
