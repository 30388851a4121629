/**
 * The matcher's submissions the intake searches with: the web form's own, or what the agent typed.
 */
import { splitName } from 'c/prospectInput';

/**
 * @typedef {import('c/recordMatcher').Submission} Submission
 * @typedef {import('./webFormIntake').WebForm} WebForm
 */

/**
 * The matcher's submission for a web form.
 * @param {WebForm} webForm
 * @returns {Submission}
 */
export function submissionOf(webForm) {
    return {
        ...splitName(webForm.SuppliedName),
        Email: webForm.SuppliedEmail,
        Phone: webForm.SuppliedPhone,
        Company: webForm.SuppliedCompany,
        Street: webForm.Web_Street__c,
        City: webForm.Web_City__c,
        PostalCode: webForm.Web_Postal_Code__c,
        Country: webForm.Web_Country__c
    };
}

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
