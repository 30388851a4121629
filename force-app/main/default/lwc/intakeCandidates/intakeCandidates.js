import { LightningElement, api } from 'lwc';
import { formatLabel } from 'c/labelFormat';
import { reasonsText } from 'c/intakeReasons';
import HEADING_ACCOUNTS from '@salesforce/label/c.Web_Form_Intake_Heading_Accounts';
import HEADING_CONTACTS from '@salesforce/label/c.Web_Form_Intake_Heading_Contacts';
import NO_CANDIDATES from '@salesforce/label/c.Web_Form_Intake_No_Candidates';
import SCORE from '@salesforce/label/c.Web_Form_Intake_Score';
import ACCOUNT_OF from '@salesforce/label/c.Web_Form_Intake_Account_Of';
import LINK_ACCOUNT from '@salesforce/label/c.Web_Form_Intake_Link_Account';
import LINK_CONTACT from '@salesforce/label/c.Web_Form_Intake_Link_Contact';

/**
 * @typedef {import('c/recordMatcher').AccountRecord} AccountRecord
 * @typedef {import('c/recordMatcher').ContactRecord} ContactRecord
 * @typedef {import('c/recordMatcher').MatchResult['candidates'][number]} Candidate
 */

/** Candidates shown per kind of record. */
const TOP = 10;

/**
 * @param {ContactRecord | undefined} contact
 * @returns {string}
 */
function contactName(contact) {
    return [contact?.FirstName, contact?.LastName].filter(Boolean).join(' ');
}

/**
 * Web Form Intake's ranked candidates: accounts and contacts, best first, each with its score, the matcher's
 * reasons and a link button. Split out of c-web-form-intake, which holds the search and the writes: this one shows
 * what it is given and reports the agent's choice with `link` (detail `{ type: 'Account' | 'Contact', id }`).
 */
export default class IntakeCandidates extends LightningElement {
    /** @type {ReadonlyArray<Candidate>} the matcher's candidates, best first */
    @api candidates = [];
    /** @type {ReadonlyArray<AccountRecord>} the records the search found, by which candidates are shown */
    @api accounts = [];
    /** @type {ReadonlyArray<ContactRecord>} */
    @api contacts = [];
    /** @type {string | null} the account the case is linked to: it cannot be linked again */
    @api linkedAccountId = null;
    /** @type {string | null} */
    @api linkedContactId = null;
    /** Whether link buttons are offered at all (false for a user who may not edit the case). */
    @api canLink = false;
    /** While a write is running, no other link is offered. */
    @api disabled = false;

    label = { HEADING_ACCOUNTS, HEADING_CONTACTS, NO_CANDIDATES };

    /**
     * Ranked candidates of one type for display.
     * @param {'Account' | 'Contact'} type
     */
    rows(type) {
        const accounts = new Map(this.accounts.map((account) => [account.Id, account]));
        const contacts = new Map(this.contacts.map((contact) => [contact.Id, contact]));
        const candidates = this.candidates.filter((candidate) => candidate.type === type).slice(0, TOP);
        return candidates.map((candidate, index) => {
            const account = type === 'Account' ? accounts.get(candidate.id) : undefined;
            const contact = type === 'Contact' ? contacts.get(candidate.id) : undefined;
            const contactAccount = contact?.AccountId ? accounts.get(contact.AccountId) : undefined;
            const name = type === 'Account' ? (account?.Name ?? candidate.id) : contactName(contact) || candidate.id;
            const detail =
                type === 'Account'
                    ? [account?.BillingCity, account?.Website].filter(Boolean).join(' · ')
                    : [contact?.Email, contactAccount?.Name ? formatLabel(ACCOUNT_OF, contactAccount.Name) : '']
                          .filter(Boolean)
                          .join(' · ');
            const linkLabel = type === 'Account' ? LINK_ACCOUNT : LINK_CONTACT;
            const linked = type === 'Account' ? this.linkedAccountId : this.linkedContactId;
            return {
                key: candidate.id,
                id: candidate.id,
                rank: index + 1,
                name,
                detail,
                url: `/lightning/r/${type}/${candidate.id}/view`,
                score: formatLabel(SCORE, Math.round(candidate.score * 100)),
                reasons: reasonsText(candidate.reasons),
                linkLabel,
                linkTitle: `${linkLabel}: ${name}`,
                // The record the case is already linked to cannot be linked again.
                disabled: this.disabled || linked === candidate.id
            };
        });
    }

    get accountRows() {
        return this.rows('Account');
    }

    get contactRows() {
        return this.rows('Contact');
    }

    get hasAccountRows() {
        return this.accountRows.length > 0;
    }

    get hasContactRows() {
        return this.contactRows.length > 0;
    }

    get hasNoCandidates() {
        return !this.hasAccountRows && !this.hasContactRows;
    }

    /** @param {Event} event */
    handleLink(event) {
        const { id, type } = /** @type {HTMLElement} */ (event.currentTarget).dataset;
        this.dispatchEvent(new CustomEvent('link', { detail: { type, id } }));
    }
}
