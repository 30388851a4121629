import { createElement } from '@lwc/engine-dom';
import ServiceRequestProgress, { parseNextSteps } from 'c/serviceRequestProgress';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

const pendingRequest = require('./data/pendingRequest.json');
const finalResolvedRequest = require('./data/finalResolvedRequest.json');
const completedRequest = require('./data/completedRequest.json');
const pendingRequestReadOnly = require('./data/pendingRequestReadOnly.json');
const customerRequest = require('./data/customerRequest.json');
const queueOwnedRequest = require('./data/queueOwnedRequest.json');
const mutationSaved = require('./data/mutationSaved.json');
const mutationOpenActivity = require('./data/mutationOpenActivity.json');

// The sfdx-lwc-jest stub names its event but does not export the name.
const SHOW_TOAST = 'lightning__showtoast';
const CASE_ID = '500LO0000000001AAA';

const EXPECTED_MUTATION = `
    mutation ProgressServiceRequest($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                    Status {
                        value
                    }
                }
            }
        }
    }
`;

function render() {
    const element = createElement('c-service-request-progress', { is: ServiceRequestProgress });
    element.recordId = CASE_ID;
    const events = { toast: [], close: 0, refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(CloseScreenEventName, () => (events.close += 1));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function loaded(fixture) {
    const rendered = render();
    graphql.emit(fixture);
    await flushPromises();
    return rendered;
}

async function choose(element, status) {
    $(element, 'lightning-radio-group.steps').dispatchEvent(new CustomEvent('change', { detail: { value: status } }));
    await flushPromises();
}

async function type(element, value) {
    $(element, 'lightning-textarea.step-field').dispatchEvent(new CustomEvent('change', { detail: { value } }));
    await flushPromises();
}

describe('c-service-request-progress', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('reads the next steps as the org writes them', () => {
        expect(parseNextSteps('Responded:Responded;Cancelled:Cancelled;')).toEqual([
            { status: 'Responded', state: 'Responded' },
            { status: 'Cancelled', state: 'Cancelled' }
        ]);
        expect(parseNextSteps('Waiting: Customer:Pending;')).toEqual([
            { status: 'Waiting: Customer', state: 'Pending' }
        ]);
        expect(parseNextSteps(null)).toEqual([]);
    });

    it('asks for the request by its id and offers the configured next steps, the first one chosen', async () => {
        const { element } = await loaded(pendingRequest);

        expect(graphql.getLastConfig().variables).toEqual({ caseId: CASE_ID, objectInfoInputs: [{ apiName: 'Case' }] });
        expect($(element, '.current').textContent).toBe('c.Service_Request_Progress_Current');
        const steps = $(element, 'lightning-radio-group.steps');
        expect(steps.options).toEqual([
            { label: 'c.Service_Request_Progress_Step_Respond', value: 'Responded' },
            { label: 'c.Service_Request_Progress_Step_Cancel', value: 'Cancelled' }
        ]);
        expect(steps.value).toBe('Responded');
        expect($(element, 'lightning-textarea.step-field').label).toBe('c.Service_Request_Progress_Response');
        expect($(element, 'lightning-button.save').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('asks each step for its field: a response to respond, a reason to cancel, nothing to complete', async () => {
        const { element } = await loaded(pendingRequest);
        await choose(element, 'Cancelled');
        expect($(element, 'lightning-textarea.step-field').label).toBe('c.Service_Request_Progress_Reason');
        await type(element, '  ');
        expect($(element, 'lightning-button.save').disabled).toBe(true);
        await type(element, 'Duplicate request');
        expect($(element, 'lightning-button.save').disabled).toBe(false);

        const other = await loaded(finalResolvedRequest);
        expect($(other.element, 'lightning-radio-group.steps').value).toBe('Completed');
        expect($(other.element, 'lightning-textarea.step-field')).toBeNull();
        expect($(other.element, 'lightning-button.save').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('saves a step with one mutation of the status and its field, then refreshes, toasts and closes', async () => {
        executeMutation.mockResolvedValueOnce(mutationSaved);
        const { element, events } = await loaded(pendingRequest);
        await type(element, ' We are on it. ');

        $(element, 'lightning-button.save').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: EXPECTED_MUTATION,
            operationName: 'ProgressServiceRequest',
            variables: { input: { Id: CASE_ID, Case: { Status: 'Responded', Response__c: 'We are on it.' } } }
        });
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
        expect(events.refresh).toBe(1);
        expect(events.toast).toEqual([
            {
                title: 'c.Service_Request_Progress_Saved_Title',
                message: 'c.Service_Request_Progress_Saved_Message',
                variant: 'success'
            }
        ]);
        expect(events.close).toBe(1);
    });

    it('shows the org’s refusal in plain words and stays open, nothing refreshed', async () => {
        executeMutation.mockResolvedValueOnce(mutationOpenActivity);
        const { element, events } = await loaded(finalResolvedRequest);

        $(element, 'lightning-button.save').click();
        await flushPromises();

        const panel = $(element, 'c-error-panel.save-error');
        expect(panel.friendlyMessage).toBe('c.Service_Request_Progress_Save_Failed');
        expect(panel.errors).toEqual(mutationOpenActivity.errors);
        expect(notifyRecordUpdateAvailable).not.toHaveBeenCalled();
        expect(events).toEqual({ toast: [], close: 0, refresh: 0 });
        await expect(element).toBeAccessible();
    });

    it('shows a failed request as an error too', async () => {
        executeMutation.mockRejectedValueOnce(new Error('Failed to fetch'));
        const { element, events } = await loaded(finalResolvedRequest);
        $(element, 'lightning-button.save').click();
        await flushPromises();
        expect($(element, 'c-error-panel.save-error').errors).toEqual(new Error('Failed to fetch'));
        expect(events.close).toBe(0);
    });

    it('says when there is no next step', async () => {
        const { element } = await loaded(completedRequest);
        expect($(element, '.no-next-step').textContent).toBe('c.Service_Request_Progress_No_Next_Step');
        expect($(element, 'lightning-radio-group')).toBeNull();
        expect($(element, 'lightning-button.close')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says to take a request a queue owns first, and offers no step', async () => {
        const { element } = await loaded(queueOwnedRequest);
        expect($(element, '.take-first').textContent).toBe('c.Service_Request_Progress_Take_First');
        expect($(element, 'lightning-radio-group')).toBeNull();
        expect($(element, '.no-next-step')).toBeNull();
        expect($(element, 'lightning-button.save')).toBeNull();
        expect($(element, 'lightning-button.close')).not.toBeNull();
        await expect(element).toBeAccessible();
    });

    it('tells a user who may not edit the request, and offers no step', async () => {
        const { element } = await loaded(pendingRequestReadOnly);
        expect($(element, '.read-only').textContent).toBe('c.Service_Request_Progress_Read_Only');
        expect($(element, 'lightning-button.save')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('says when the case is not a service request', async () => {
        const { element } = await loaded(customerRequest);
        expect($(element, '.not-a-request').textContent).toBe('c.Service_Request_Progress_Not_A_Request');
        expect($(element, '.current')).toBeNull();
        await expect(element).toBeAccessible();
    });

    it('shows a load failure', async () => {
        const { element } = render();
        const errors = [{ message: 'Case is not supported' }];
        graphql.emitErrors(errors);
        await flushPromises();
        const panel = $(element, 'c-error-panel.load-error');
        expect(panel.friendlyMessage).toBe('c.Service_Request_Progress_Load_Failed');
        expect(panel.errors).toEqual(errors);
        expect($(element, 'lightning-spinner')).toBeNull();
        await expect(element).toBeAccessible();
    });
});
