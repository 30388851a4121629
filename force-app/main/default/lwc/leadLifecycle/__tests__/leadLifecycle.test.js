import { lifecycleState, sameId, stepFields, stepsFor } from 'c/leadLifecycle';

const USER = '005LO0000000001AAA';
const QUEUE = '00GLO0000000001AAA';

describe('c/leadLifecycle', () => {
    it('maps the statuses to life-cycle states and leaves others out', () => {
        expect(lifecycleState('Pending')).toBe('pending');
        expect(lifecycleState('Won')).toBe('won');
        expect(lifecycleState('Open - Not Contacted')).toBeNull();
    });

    it('offers Accept for a pending lead owned by a queue, Start Progress once the user owns it', () => {
        expect(stepsFor({ status: 'Pending', ownerId: QUEUE, isConverted: false }, USER).map((s) => s.name)).toEqual([
            'accept',
            'cancel'
        ]);
        const owned = stepsFor({ status: 'Pending', ownerId: USER.slice(0, 15), isConverted: false }, USER);
        expect(owned.map((s) => s.name)).toEqual(['start', 'cancel']);
        expect(owned[0].fields).toEqual({ Status: 'In Progress' });
    });

    it('offers Won (the standard Convert) and Lost in progress, nothing once closed or converted', () => {
        const steps = stepsFor({ status: 'In Progress', ownerId: USER, isConverted: false }, USER);
        expect(steps.map((s) => [s.name, Boolean(s.convert)])).toEqual([
            ['won', true],
            ['lost', false]
        ]);
        for (const status of ['Won', 'Lost', 'Cancelled', 'Open - Not Contacted']) {
            expect(stepsFor({ status, ownerId: USER, isConverted: false }, USER)).toEqual([]);
        }
        expect(stepsFor({ status: 'In Progress', ownerId: USER, isConverted: true }, USER)).toEqual([]);
    });

    it('adds the chosen reason to a step that needs one', () => {
        const [, lost] = stepsFor({ status: 'In Progress', ownerId: USER, isConverted: false }, USER);
        expect(stepFields(lost, 'Price')).toEqual({ Status: 'Lost', Lost_Reason__c: 'Price' });
        expect(sameId(USER, USER.slice(0, 15))).toBe(true);
        expect(sameId(null, USER)).toBe(false);
    });
});
