import { createElement } from '@lwc/engine-dom';
import CaseTake from 'c/caseTake';
import { CASE_OWNER_ACTION_MUTATION, CASE_OWNER_ACTION_QUERY } from 'c/caseOwnerAction';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import USER_ID from '@salesforce/user/Id';
import { flushPromises } from 'jest-utils/flushPromises';

const queueOwnedCase = require('./data/queueOwnedCase.json');
const userOwnedCase = require('./data/userOwnedCase.json');
const closedCase = require('./data/closedCase.json');
const queueOwnedServiceRequest = require('./data/queueOwnedServiceRequest.json');
const mutationTaken = require('./data/mutationTaken.json');
const mutationNotMember = require('./data/mutationNotMember.json');

/** The same case as the viewer reads it: Case is not updateable for them, nor any of its fields. */
function asViewer(data) {
    const copy = JSON.parse(JSON.stringify(data));
    const [info] = copy.uiapi.objectInfos;
    info.updateable = false;
    info.fields.forEach((field) => (field.updateable = false));
    return copy;
}

const SHOW_TOAST = 'lightning__showtoast';
const CASE_ID = '500LO0000000001AAA';

function render() {
    const element = createElement('c-case-take', { is: CaseTake });
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

describe('c-case-take', () => {
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
        expect($(element, '.explanation').textContent).toBe('c.Case_Take_From_Queue');
        expect($(element, 'lightning-button.take').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('takes a New case in one mutation: the current user as owner, the status Working', async () => {
        executeMutation.mockResolvedValueOnce(mutationTaken);
        const { element, events } = await loaded(queueOwnedCase);

        $(element, 'lightning-button.take').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: CASE_OWNER_ACTION_MUTATION,
            operationName: 'UpdateCase',
            variables: { input: { Id: CASE_ID, Case: { OwnerId: USER_ID, Status: 'Working' } } }
        });
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
        expect(events.refresh).toBe(1);
        expect(events.toast).toEqual([
            { title: 'c.Case_Take_Taken_Title', message: 'c.Case_Take_Taken_Message', variant: 'success' }
        ]);
        expect(events.close).toBe(1);
    });

    it('takes a case in another status (a Pending service request) without changing its status', async () => {
        executeMutation.mockResolvedValueOnce(mutationTaken);
        const { element, events } = await loaded(queueOwnedServiceRequest);

        expect($(element, '.explanation').textContent).toBe('c.Case_Take_From_Queue_Keeps_Status');
        $(element, 'lightning-button.take').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: CASE_OWNER_ACTION_MUTATION,
            operationName: 'UpdateCase',
            variables: { input: { Id: CASE_ID, Case: { OwnerId: USER_ID } } }
        });
        expect(events.close).toBe(1);
        await expect(element).toBeAccessible();
    });

    it('shows the org’s refusal when the user is not a member of the queue, and stays open', async () => {
        executeMutation.mockResolvedValueOnce(mutationNotMember);
        const { element, events } = await loaded(queueOwnedCase);

        $(element, 'lightning-button.take').click();
        await flushPromises();

        const panel = $(element, 'c-error-panel.save-error');
        expect(panel.friendlyMessage).toBe('c.Case_Take_Failed');
        expect(panel.errors).toEqual(mutationNotMember.errors);
        expect(events.close).toBe(0);
        expect(events.toast).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows a network failure the same way', async () => {
        executeMutation.mockRejectedValueOnce(new Error('Failed to fetch'));
        const { element } = await loaded(queueOwnedCase);

        $(element, 'lightning-button.take').click();
        await flushPromises();

        expect($(element, 'c-error-panel.save-error').errors).toEqual(new Error('Failed to fetch'));
    });

    it.each([
        [userOwnedCase, 'c.Case_Take_Not_In_Queue', true],
        [closedCase, 'c.Case_Take_Closed', true]
    ])('%#: a user-owned or closed case: nothing to take', async (data, text, disabled) => {
        const { element } = await loaded(data);

        expect($(element, '.explanation').textContent).toBe(text);
        expect($(element, 'lightning-button.take').disabled).toBe(disabled);
        await expect(element).toBeAccessible();
    });

    it('says when the case cannot be loaded, and offers nothing to take', async () => {
        const { element } = render();
        graphql.emitErrors([{ message: 'Insufficient privileges' }]);
        await flushPromises();

        expect($(element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Case_Take_Load_Failed');
        expect($(element, 'lightning-button.take').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('tells the viewer up front that they cannot take the case: one sentence, no explanation, no Take', async () => {
        const { element } = await loaded(asViewer(queueOwnedCase));

        expect($(element, '.no-access').textContent).toBe('c.Case_Take_No_Access');
        expect($(element, '.explanation')).toBeNull();
        expect($(element, 'lightning-button.take')).toBeNull();
        expect(executeMutation).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('needs edit on the status only where Take moves it to Working', async () => {
        const data = JSON.parse(JSON.stringify(queueOwnedServiceRequest));
        data.uiapi.objectInfos[0].fields.find((field) => field.ApiName === 'Status').updateable = false;
        const pending = await loaded(data);
        expect($(pending.element, '.no-access')).toBeNull();
        expect($(pending.element, 'lightning-button.take').disabled).toBe(false);

        const fresh = JSON.parse(JSON.stringify(queueOwnedCase));
        fresh.uiapi.objectInfos[0].fields.find((field) => field.ApiName === 'Status').updateable = false;
        const created = await loaded(fresh);
        expect($(created.element, '.no-access').textContent).toBe('c.Case_Take_No_Access');
    });
});
