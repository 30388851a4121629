/**
 * The org search for duplicate candidates as a component sends it: matchSearch's two requests written out as gql
 * documents (searchDocuments.js), and the submission for what an agent types into a search box. Shared by the
 * components that search for the account or contact behind a request (Relate Interaction, Web Form Intake).
 */
import { splitName } from 'c/prospectInput';

export { IDENTIFIER_QUERY, NAME_QUERY, SEARCH_FIELDS } from './searchDocuments';

/**
 * @typedef {import('c/recordMatcher').Submission} Submission
 */

/**
 * The submission for what an agent typed: an email, a phone number, or a name (of a person or a company, so it
 * is searched as both).
 * @param {string} text
 * @returns {Submission}
 */
export function submissionOfSearch(text) {
    const trimmed = text.trim();
    if (trimmed.includes('@')) {
        return { Email: trimmed };
    }
    if (/^[+\d\s().\-/]+$/.test(trimmed) && trimmed.replace(/\D/g, '').length >= 7) {
        return { Phone: trimmed };
    }
    return { ...splitName(trimmed), Company: trimmed };
}
