import { createElement } from '@lwc/engine-dom';
import LogReview from 'c/logReview';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

const caseWithoutReview = require('./data/caseWithoutReview.json');
const caseWithReview = require('./data/caseWithReview.json');
const caseWithReviewReadOnly = require('./data/caseWithReviewReadOnly.json');
const caseWithoutReviewAccess = require('./data/caseWithoutReviewAccess.json');
const mutationSaved = require('./data/mutationSaved.json');
const mutationTooLong = require('./data/mutationTooLong.json');

// The sfdx-lwc-jest stub names its event but does not export the name.
const SHOW_TOAST = 'lightning__showtoast';
const CASE_ID = '500LO0000000001AAA';
const NOW = new Date('2026-11-30T10:00:00.000Z');
// In jest a Custom Label import is its name, so the template shows the label names.
const TEMPLATE = 'c.Log_Review_Heading_Status \nc.Log_Review_Heading_Actions \nc.Log_Review_Heading_Owner ';

const EXPECTED_MUTATION = `
    mutation LogCaseReview($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                    Last_Review_Comments__c {
                        value
                    }
                    Last_Reviewed_On__c {
                        value
                    }
                }
            }
        }
    }
`;

function render() {
    const element = createElement('c-log-review', { is: LogReview });
    element.recordId = CASE_ID;
    const events = { toast: [], close: 0, refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(CloseScreenEventName, () => (events.close += 1));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const $$ = (element, selector) => [...element.shadowRoot.querySelectorAll(selector)];

function type(element, value) {
    $(element, 'lightning-textarea.comments').dispatchEvent(new CustomEvent('change', { detail: { value } }));
    return flushPromises();
}

function saveButton(element) {
    return $(element, 'lightning-button.save');
}

describe('c-log-review', () => {
    beforeEach(() => {
        // Only Date is faked: the promises and timers the component and flushPromises use stay real.
        jest.useFakeTimers({ now: NOW, doNotFake: ['setTimeout', 'setImmediate', 'nextTick', 'queueMicrotask'] });
    });

    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.useRealTimers();
        jest.clearAllMocks();
    });

    it('asks for the case by its id and starts from the template when the case has no review', async () => {
        const { element } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();

        expect(graphql.getLastConfig().variables).toEqual({ caseId: CASE_ID, objectInfoInputs: [{ apiName: 'Case' }] });
        expect($(element, 'lightning-textarea.comments').value).toBe(TEMPLATE);
        expect($(element, '.no-latest').textContent).toBe('c.Log_Review_No_Latest');
        expect($(element, 'lightning-radio-group')).toBeNull();
        expect($(element, '.counter').textContent).toBe('c.Log_Review_Counter');
        expect(saveButton(element).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('starts from the latest review when there is one, and the agent can switch to the template and back', async () => {
        const { element } = render();
        graphql.emit(caseWithReview);
        await flushPromises();

        const latest = caseWithReview.uiapi.query.Case.edges[0].node.Last_Review_Comments__c.value;
        expect($(element, 'lightning-textarea.comments').value).toBe(latest);
        expect($(element, '.latest').textContent).toBe('c.Log_Review_Latest_By');
        const choice = $(element, 'lightning-radio-group');
        expect(choice.value).toBe('latest');
        expect(choice.options.map((option) => option.value)).toEqual(['latest', 'template']);

        choice.dispatchEvent(new CustomEvent('change', { detail: { value: 'template' } }));
        await flushPromises();
        expect($(element, 'lightning-textarea.comments').value).toBe(TEMPLATE);

        choice.dispatchEvent(new CustomEvent('change', { detail: { value: 'latest' } }));
        await flushPromises();
        expect($(element, 'lightning-textarea.comments').value).toBe(latest);
        await expect(element).toBeAccessible();
    });

    it('keeps what the agent typed when the case is read again', async () => {
        const { element } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();
        await type(element, 'My own words');
        graphql.emit(caseWithReview);
        await flushPromises();

        expect($(element, 'lightning-textarea.comments').value).toBe('My own words');
    });

    it('disables Save when the review is empty, saying why', async () => {
        const { element } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();
        await type(element, '   ');

        expect(saveButton(element).disabled).toBe(true);
        expect($(element, '.problem').textContent).toBe('c.Log_Review_Empty');
        await expect(element).toBeAccessible();
    });

    it('counts like the org: 1000 UTF-16 units save, one more is refused with the reason', async () => {
        const { element } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();

        await type(element, '👍'.repeat(500));
        expect(saveButton(element).disabled).toBe(false);
        expect($(element, '.problem').textContent).toBe('');

        await type(element, `${'👍'.repeat(500)}a`);
        expect(saveButton(element).disabled).toBe(true);
        expect($(element, '.problem').textContent).toBe('c.Log_Review_Too_Long_One');

        await type(element, `${'👍'.repeat(500)}ab`);
        expect($(element, '.problem').textContent).toBe('c.Log_Review_Too_Long');
        expect($(element, '.counter').classList).toContain('slds-text-color_error');
        await expect(element).toBeAccessible();
    });

    it('saves with one mutation of the case review fields, then refreshes, toasts and closes', async () => {
        executeMutation.mockResolvedValueOnce(mutationSaved);
        const { element, events } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();
        await type(element, 'All done.');

        saveButton(element).click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: EXPECTED_MUTATION,
            operationName: 'LogCaseReview',
            variables: {
                input: {
                    Id: CASE_ID,
                    Case: {
                        Last_Review_Comments__c: 'All done.',
                        Last_Reviewed_By__c: '005000000000000000',
                        Last_Reviewed_On__c: '2026-11-30T10:00:00.000Z'
                    }
                }
            }
        });
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
        expect(events.refresh).toBe(1);
        expect(events.toast).toEqual([
            { title: 'c.Log_Review_Saved_Title', message: 'c.Log_Review_Saved_Message', variant: 'success' }
        ]);
        expect(events.close).toBe(1);
    });

    it('shows the org’s refusal in the panel and stays open, nothing refreshed', async () => {
        executeMutation.mockResolvedValueOnce(mutationTooLong);
        const { element, events } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();
        await type(element, 'Short enough here.');

        saveButton(element).click();
        await flushPromises();

        const panel = $(element, 'c-error-panel.save-error');
        expect(panel.friendlyMessage).toBe('c.Log_Review_Save_Failed');
        expect(panel.errors).toEqual(mutationTooLong.errors);
        expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
        expect(events).toEqual({ toast: [], close: 0, refresh: 0 });
        expect(saveButton(element).disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('shows a failed request as an error too', async () => {
        executeMutation.mockRejectedValueOnce(new Error('Failed to fetch'));
        const { element, events } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();
        await type(element, 'Anything.');

        saveButton(element).click();
        await flushPromises();

        expect($(element, 'c-error-panel.save-error').errors).toEqual(new Error('Failed to fetch'));
        expect(events.close).toBe(0);
    });

    it('cannot save when the case cannot be read, and says so', async () => {
        const { element } = render();
        graphql.emitErrors([{ message: 'Insufficient privileges' }]);
        await flushPromises();

        expect($(element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Log_Review_Load_Failed');
        expect(saveButton(element)).toBeNull();
        expect($(element, 'lightning-textarea')).toBeNull();
        expect($(element, 'lightning-button.close').label).toBe('c.Log_Review_Close');
        await expect(element).toBeAccessible();
    });

    it('closes on Cancel without writing', async () => {
        const { element, events } = render();
        graphql.emit(caseWithoutReview);
        await flushPromises();

        $(element, 'lightning-button.cancel').click();
        await flushPromises();

        expect(events.close).toBe(1);
        expect(executeMutation).not.toHaveBeenCalled();
    });

    describe('a user who may not log a review', () => {
        /** Everything in the panel a user could type into, choose or save with. */
        const editable = (element) =>
            $$(element, 'lightning-textarea, lightning-input, lightning-radio-group, lightning-button.save');

        it('reads the review fields @optional and asks whether the user may edit them', async () => {
            render();
            graphql.emit(caseWithReview);
            await flushPromises();

            const query = graphql.getLastConfig().query;
            for (const field of ['Last_Review_Comments__c', 'Last_Reviewed_On__c', 'Last_Reviewed_By__r']) {
                expect(query).toContain(`${field} @optional {`);
            }
            expect(query).toContain('objectInfos(objectInfoInputs: $objectInfoInputs)');
        });

        it('shows the latest review read-only and says they cannot log one, with nothing editable', async () => {
            const { element, events } = render();
            graphql.emit(caseWithReviewReadOnly);
            await flushPromises();

            const latest = caseWithReviewReadOnly.uiapi.query.Case.edges[0].node.Last_Review_Comments__c.value;
            expect($(element, '.read-only').textContent).toBe('c.Log_Review_Read_Only');
            expect($(element, '.latest').textContent).toBe('c.Log_Review_Latest_By');
            expect($(element, 'lightning-formatted-text.latest-text').value).toBe(latest);
            expect(editable(element)).toEqual([]);
            expect($$(element, 'lightning-button').map((button) => button.label)).toEqual(['c.Log_Review_Close']);
            expect($(element, 'c-error-panel')).toBeNull();
            await expect(element).toBeAccessible();

            $(element, 'lightning-button.close').click();
            await flushPromises();
            expect(events.close).toBe(1);
            expect(executeMutation).not.toHaveBeenCalled();
        });

        it('says when the case has no review yet', async () => {
            const { element } = render();
            graphql.emit({
                ...caseWithoutReview,
                uiapi: { ...caseWithoutReview.uiapi, objectInfos: caseWithReviewReadOnly.uiapi.objectInfos }
            });
            await flushPromises();

            expect($(element, '.read-only').textContent).toBe('c.Log_Review_Read_Only');
            expect($(element, '.no-latest').textContent).toBe('c.Log_Review_No_Latest');
            expect(editable(element)).toEqual([]);
            await expect(element).toBeAccessible();
        });

        it('says they cannot see or log reviews when the review fields are hidden from them, without errors', async () => {
            const { element } = render();
            graphql.emit(caseWithoutReviewAccess);
            await flushPromises();

            expect($(element, '.no-access').textContent).toBe('c.Log_Review_No_Access');
            expect($(element, '.read-only')).toBeNull();
            expect($(element, 'c-error-panel')).toBeNull();
            expect(editable(element)).toEqual([]);
            expect($$(element, 'lightning-button').map((button) => button.label)).toEqual(['c.Log_Review_Close']);
            await expect(element).toBeAccessible();
        });
    });
});
