import { REVIEW_MAX_LENGTH, reviewLength, reviewProblem, reviewTemplate } from 'c/caseReview';

describe('c/caseReview', () => {
    it('lays the template out one heading per line, ready to type after each colon', () => {
        expect(reviewTemplate(['Current Status:', 'Pending Action Items:', 'Action Owner:'])).toBe(
            'Current Status: \nPending Action Items: \nAction Owner: '
        );
    });

    it('counts length in UTF-16 code units, as Salesforce does for text fields', () => {
        expect(reviewLength('abc')).toBe(3);
        expect(reviewLength('Zoë')).toBe(3);
        expect(reviewLength('日本語')).toBe(3);
        expect(reviewLength('👍')).toBe(2);
        expect(reviewLength('👩‍🔧')).toBe(5);
    });

    it('accepts up to the field length and says by how much a longer review is over', () => {
        expect(REVIEW_MAX_LENGTH).toBe(1000);
        expect(reviewProblem('x'.repeat(1000))).toBeNull();
        expect(reviewProblem('x'.repeat(1001))).toEqual({ kind: 'tooLong', excess: 1 });
        expect(reviewProblem('👍'.repeat(500))).toBeNull();
        expect(reviewProblem('👍'.repeat(500) + 'a')).toEqual({ kind: 'tooLong', excess: 1 });
    });

    it('refuses a review with nothing in it', () => {
        expect(reviewProblem('')).toEqual({ kind: 'empty' });
        expect(reviewProblem('  \n\t')).toEqual({ kind: 'empty' });
        expect(reviewProblem('Done.')).toBeNull();
    });
});

describe('the review field in force-app', () => {
    it('holds exactly REVIEW_MAX_LENGTH characters, so the counter and the org agree', () => {
        const { readFileSync } = require('fs');
        const { join } = require('path');
        const field = readFileSync(
            join(__dirname, '../../../objects/Case/fields/Last_Review_Comments__c.field-meta.xml'),
            'utf8'
        );
        expect(field).toContain(`<length>${REVIEW_MAX_LENGTH}</length>`);
        expect(field).toContain('<trackHistory>false</trackHistory>');
    });
});
