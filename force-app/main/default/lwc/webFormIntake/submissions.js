/**
 * The matcher's submission the intake searches with: the web form's own (what the agent types is c/candidateSearch's).
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
