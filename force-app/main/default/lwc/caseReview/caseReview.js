/**
 * The rules of a case review, shared by the Log Review action and the tooling: the template an agent starts from and
 * the length the org accepts (Case.Last_Review_Comments__c holds 1000 characters).
 */

/** The review comments field's length in force-app; the org refuses longer text with STRING_TOO_LONG. */
export const REVIEW_MAX_LENGTH = 1000;

/**
 * @typedef {{ kind: 'empty' } | { kind: 'tooLong', excess: number }} ReviewProblem
 */

/**
 * The template text: one heading per line, in the order given (Current Status, Pending Action Items, Action Owner).
 * @param {string[]} headings translated headings, each ending in its colon
 * @returns {string}
 */
export function reviewTemplate(headings) {
    return headings.map((heading) => `${heading} `).join('\n');
}

/**
 * The length as Salesforce counts it for text fields: UTF-16 code units, so an emoji outside the Basic Multilingual
 * Plane counts 2 and an accented letter 1. JavaScript's String length counts the same way.
 * @param {string} text
 * @returns {number}
 */
export function reviewLength(text) {
    return text.length;
}

/**
 * Why a review cannot be saved as it is, or null when it can.
 * @param {string} text
 * @returns {ReviewProblem | null}
 */
export function reviewProblem(text) {
    if (text.trim() === '') {
        return { kind: 'empty' };
    }
    const excess = reviewLength(text) - REVIEW_MAX_LENGTH;
    return excess > 0 ? { kind: 'tooLong', excess } : null;
}
