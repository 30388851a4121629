import { createElement } from '@lwc/engine-dom';
import { CASE_OWNER_ACTION_MUTATION, CASE_OWNER_ACTION_QUERY } from 'c/caseOwnerAction';
import CaseSendToBackOffice from 'c/caseSendToBackOffice';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

const queueOwnedCase = require('./data/queueOwnedCase.json');
const userOwnedCase = require('./data/userOwnedCase.json');
const closedCase = require('./data/closedCase.json');
const mutationSent = require('./data/mutationSent.json');
const mutationRefused = require('./data/mutationRefused.json');

const SHOW_TOAST = 'lightning__showtoast';

/** The same case as the viewer reads it: Case is not updateable for them, nor any of its fields. */
function asViewer(data) {
    const copy = JSON.parse(JSON.stringify(data));
    const [info] = copy.uiapi.objectInfos;
    info.updateable = false;
    info.fields.forEach((field) => (field.updateable = false));
    return copy;
}
const CASE_ID = '500LO0000000001AAA';

function render() {
    const element = createElement('c-case-send-to-back-office', { is: CaseSendToBackOffice });
    element.recordId = CASE_ID;
    const events = { toast: [], close: 0, refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(CloseScreenEventName, () => (events.close += 1));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function loaded(data) {
    const rendered = render();
    graphql.emit(data);
    await flushPromises();
    return rendered;
}

describe('c-case-send-to-back-office', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('asks for the case’s owner through the polymorphic Owner, by the case id', async () => {
        const { element } = await loaded(queueOwnedCase);

        expect(graphql.getLastConfig().variables).toEqual({ caseId: CASE_ID, objectInfoInputs: [{ apiName: 'Case' }] });
        expect(graphql.getLastConfig().query).toBe(CASE_OWNER_ACTION_QUERY);
        expect($(element, '.explanation').textContent).toBe('c.Case_Send_Back_Office_Confirm');
        expect($(element, 'lightning-button.send').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('names the Back Office queue in one mutation; the org\u2019s flow makes it the owner', async () => {
        executeMutation.mockResolvedValueOnce(mutationSent);
        const { element, events } = await loaded(queueOwnedCase);

        $(element, 'lightning-button.send').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: CASE_OWNER_ACTION_MUTATION,
            operationName: 'UpdateCase',
            variables: { input: { Id: CASE_ID, Case: { Route_To_Queue__c: 'Back_Office' } } }
        });
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
        expect(events.refresh).toBe(1);
        expect(events.toast).toEqual([
            {
                title: 'c.Case_Send_Back_Office_Sent_Title',
                message: 'c.Case_Send_Back_Office_Sent_Message',
                variant: 'success'
            }
        ]);
        expect(events.close).toBe(1);
    });

    it('shows the org’s refusal (a user who may not edit the case), and stays open', async () => {
        executeMutation.mockResolvedValueOnce(mutationRefused);
        const { element, events } = await loaded(queueOwnedCase);

        $(element, 'lightning-button.send').click();
        await flushPromises();

        const panel = $(element, 'c-error-panel.save-error');
        expect(panel.friendlyMessage).toBe('c.Case_Send_Back_Office_Failed');
        expect(panel.errors).toEqual(mutationRefused.errors);
        expect(events.close).toBe(0);
        expect(events.toast).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows a network failure the same way', async () => {
        executeMutation.mockRejectedValueOnce(new Error('Failed to fetch'));
        const { element } = await loaded(queueOwnedCase);

        $(element, 'lightning-button.send').click();
        await flushPromises();

        expect($(element, 'c-error-panel.save-error').errors).toEqual(new Error('Failed to fetch'));
    });

    it.each([
        [userOwnedCase, 'c.Case_Send_Back_Office_Confirm', false],
        [closedCase, 'c.Case_Send_Back_Office_Closed', true]
    ])('%#: a user-owned or closed case: a user-owned one is sent, a closed one not', async (data, text, disabled) => {
        const { element } = await loaded(data);

        expect($(element, '.explanation').textContent).toBe(text);
        expect($(element, 'lightning-button.send').disabled).toBe(disabled);
        await expect(element).toBeAccessible();
    });

    it('says when the case cannot be loaded, and sends nothing', async () => {
        const { element } = render();
        graphql.emitErrors([{ message: 'Insufficient privileges' }]);
        await flushPromises();

        expect($(element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Case_Send_Back_Office_Load_Failed');
        expect($(element, 'lightning-button.send').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('tells the viewer up front that they cannot send the case: one sentence, no explanation, no Send', async () => {
        const { element } = await loaded(asViewer(queueOwnedCase));

        expect($(element, '.no-access').textContent).toBe('c.Case_Send_Back_Office_No_Access');
        expect($(element, '.explanation')).toBeNull();
        expect($(element, 'lightning-button.send')).toBeNull();
        expect(executeMutation).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
