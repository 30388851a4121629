import { adviceText, reasonsText } from 'c/intakeReasons';
import { matchSubmission } from 'c/recordMatcher';

// Two organisations in one building with one switchboard: the matcher suggests, and the advice says why.
const SCHOOL = {
    Id: '001000000000001',
    Name: 'Cameron Elementary School',
    Phone: '773-534-4290',
    BillingStreet: '1234 N Monticello Ave',
    BillingCity: 'Chicago'
};
const HEAD_START = { ...SCHOOL, Id: '001000000000002', Name: 'Cameron Head Start' };

describe('c/intakeReasons', () => {
    it('says why a suggestion is not a link when two records share the deciding evidence', () => {
        const match = matchSubmission(
            {
                Company: 'Cameron Early Learning',
                Phone: '773-534-4290',
                Street: '1234 North Monticello Avenue',
                City: 'Chicago'
            },
            { accounts: [SCHOOL, HEAD_START] }
        );
        expect(match).toMatchObject({ decision: 'suggest', reasonCode: 'ambiguous' });
        expect(adviceText(match)).toBe('c.Web_Form_Intake_Advice_Ambiguous');
    });

    it('gives each decision its advice, and the plain suggestion when the matcher names no cause', () => {
        expect(adviceText({ decision: 'link', reasonCode: 'certain' })).toBe('c.Web_Form_Intake_Advice_Link');
        expect(adviceText({ decision: 'new' })).toBe('c.Web_Form_Intake_Advice_New');
        expect(adviceText({ decision: 'suggest', reasonCode: 'too-little' })).toBe(
            'c.Web_Form_Intake_Advice_Too_Little'
        );
        expect(adviceText({ decision: 'suggest', reasonCode: 'address-differs' })).toBe(
            'c.Web_Form_Intake_Advice_Address_Differs'
        );
        expect(adviceText({ decision: 'suggest', reasonCode: 'uncertain' })).toBe('c.Web_Form_Intake_Advice_Suggest');
        expect(adviceText({ decision: 'suggest' })).toBe('c.Web_Form_Intake_Advice_Suggest');
    });

    it("has a label for another line of an organisation's block of numbers", () => {
        const match = matchSubmission(
            { Company: 'Cameron Elementary', Phone: '773-534-4291', Street: '1234 N Monticello Ave', City: 'Chicago' },
            { accounts: [SCHOOL] }
        );
        expect(match.candidates[0].reasons).toContain('phone number of the same block of lines');
        expect(reasonsText(['phone number of the same block of lines'])).toBe('c.Web_Form_Intake_Reason_Phone_Block');
    });

    it('has a label for every reason the typed search adds', () => {
        expect(
            reasonsText([
                'phone ends with the digits searched',
                'phone matches, at another address',
                'email domain matches',
                'website domain matches'
            ])
        ).toBe(
            'c.Web_Form_Intake_Reason_Phone_Suffix, c.Web_Form_Intake_Reason_Phone_Elsewhere, ' +
                'c.Web_Form_Intake_Reason_Domain_Matches, c.Web_Form_Intake_Reason_Website_Matches'
        );
    });
});
