/**
 * The options the agent chooses from: contacts (several), the account, the open case. Built from what the search
 * found (ranked by the matcher, with its reasons) plus what is chosen or already related, so a choice stays on
 * screen when the agent searches again.
 */
import { formatLabel } from 'c/labelFormat';
import { reasonsText } from 'c/intakeReasons';
import SCORE from '@salesforce/label/c.Web_Form_Intake_Score';
import OPTION from '@salesforce/label/c.Relate_Interaction_Option';
import RELATED_NOW from '@salesforce/label/c.Relate_Interaction_Related_Now';
import NO_CASE from '@salesforce/label/c.Relate_Interaction_No_Case';

/**
 * @typedef {import('c/recordMatcher').Candidate} Candidate
 * @typedef {{ Id: string, AccountId?: string | null, FirstName?: string | null, LastName?: string | null,
 *   Email?: string | null, Phone?: string | null }} ContactLike
 * @typedef {{ Id: string, Name?: string | null, BillingCity?: string | null, Website?: string | null }} AccountLike
 * @typedef {{ label: string, value: string }} Option
 * @typedef {{ id: string, name: string, detail: string }} OpenCase
 */

/** Candidates shown per kind of record, as Web Form Intake shows them. */
export const TOP = 10;

/**
 * @param {ContactLike | undefined} contact
 * @returns {string}
 */
export function contactName(contact) {
    return [contact?.FirstName, contact?.LastName].filter(Boolean).join(' ');
}

/**
 * "name · details — reasons (score)", or without the reasons for a record the agent chose or that is related now.
 * @param {string[]} parts the name and its details
 * @param {Candidate | undefined} candidate
 * @param {boolean} relatedNow
 * @returns {string}
 */
function optionLabel(parts, candidate, relatedNow) {
    const text = parts.filter(Boolean).join(' · ');
    if (relatedNow) {
        return formatLabel(OPTION, text, RELATED_NOW);
    }
    if (!candidate) {
        return text;
    }
    const score = formatLabel(SCORE, Math.round(candidate.score * 100));
    const reasons = reasonsText(candidate.reasons);
    return formatLabel(OPTION, text, reasons ? `${reasons} (${score})` : score);
}

/**
 * Ids in order, each once: the chosen and related ones first, then the candidates best first.
 * @param {string[]} first
 * @param {Candidate[]} candidates
 * @param {'Account' | 'Contact'} type
 * @returns {string[]}
 */
function orderedIds(first, candidates, type) {
    const ranked = candidates.filter((candidate) => candidate.type === type).slice(0, TOP);
    return [...new Set([...first, ...ranked.map((candidate) => candidate.id)])];
}

/**
 * @param {{ candidates: Candidate[], contacts: Map<string, ContactLike>, accounts: Map<string, AccountLike>,
 *   chosenIds: string[], relatedIds: string[] }} input
 * @returns {Option[]}
 */
export function contactOptions({ candidates, contacts, accounts, chosenIds, relatedIds }) {
    const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    return orderedIds([...relatedIds, ...chosenIds], candidates, 'Contact')
        .filter((id) => contacts.has(id))
        .map((id) => {
            const contact = contacts.get(id);
            const account = contact?.AccountId ? accounts.get(contact.AccountId) : undefined;
            const parts = [contactName(contact) || id, contact?.Email ?? '', account?.Name ?? ''];
            return { value: id, label: optionLabel(parts, byId.get(id), relatedIds.includes(id)) };
        });
}

/**
 * @param {{ candidates: Candidate[], accounts: Map<string, AccountLike>, firstIds: string[],
 *   relatedIds: string[] }} input firstIds: the chosen account and the chosen contacts' accounts
 * @returns {Option[]}
 */
export function accountOptions({ candidates, accounts, firstIds, relatedIds }) {
    const byId = new Map(candidates.map((candidate) => [candidate.id, candidate]));
    return orderedIds([...relatedIds, ...firstIds], candidates, 'Account')
        .filter((id) => accounts.has(id))
        .map((id) => {
            const account = accounts.get(id);
            const parts = [account?.Name ?? id, account?.BillingCity ?? '', account?.Website ?? ''];
            return { value: id, label: optionLabel(parts, byId.get(id), relatedIds.includes(id)) };
        });
}

/**
 * "No case" first (the task is then related to the account), then each open case.
 * @param {OpenCase[]} cases
 * @returns {Option[]}
 */
export function caseOptions(cases) {
    return [
        { value: '', label: NO_CASE },
        ...cases.map((openCase) => ({
            value: openCase.id,
            label: [openCase.name, openCase.detail].filter(Boolean).join(' · ')
        }))
    ];
}

/**
 * The open cases of the context query's answer.
 * @param {any} data
 * @returns {OpenCase[]}
 */
export function openCasesOf(data) {
    /** @type {any[]} */
    const edges = data?.uiapi?.query?.Case?.edges ?? [];
    return edges.map(({ node }) => ({
        id: node.Id,
        name: node.CaseNumber?.value ?? node.Id,
        detail: [node.Status?.displayValue, node.Subject?.value].filter(Boolean).join(' · ')
    }));
}

/**
 * The chosen account's parent, from the context query's answer.
 * @param {any} data
 * @returns {{ id: string, name: string } | null}
 */
export function parentAccountOf(data) {
    const node = data?.uiapi?.query?.Account?.edges?.[0]?.node;
    const id = node?.ParentId?.value;
    return id ? { id, name: node?.Parent?.Name?.value ?? id } : null;
}
