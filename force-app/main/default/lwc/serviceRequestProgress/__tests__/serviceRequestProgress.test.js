import { createElement } from '@lwc/engine-dom';
import ServiceRequestProgress, { choicePath, parseNextSteps, parseStepChoices } from 'c/serviceRequestProgress';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

// The real texts of the labels that format categories, so the tests read the paths an agent sees.
jest.mock('@salesforce/label/c.Service_Request_Progress_Category_Path', () => ({ default: '{0} › {1}' }), {
    virtual: true
});
jest.mock(
    '@salesforce/label/c.Service_Request_Progress_Needs_Acceptance',
    () => ({ default: '{0} (needs the customer’s acceptance)' }),
    { virtual: true }
);
jest.mock(
    '@salesforce/label/c.Service_Request_Progress_Awaiting_Acceptance',
    () => ({ default: 'The customer has not accepted “{0}” yet.' }),
    { virtual: true }
);

const pendingRequest = require('./data/pendingRequest.json');
const finalResolvedRequest = require('./data/finalResolvedRequest.json');
const completedRequest = require('./data/completedRequest.json');
const pendingRequestReadOnly = require('./data/pendingRequestReadOnly.json');
const customerRequest = require('./data/customerRequest.json');
const queueOwnedRequest = require('./data/queueOwnedRequest.json');
const heldRequest = require('./data/heldRequest.json');
const mutationSaved = require('./data/mutationSaved.json');
const mutationOpenActivity = require('./data/mutationOpenActivity.json');

// The sfdx-lwc-jest stub names its event but does not export the name.
const SHOW_TOAST = 'lightning__showtoast';
const CASE_ID = '500LO0000000001AAA';

const EXPECTED_QUERY = `
            query ServiceRequestProgress($caseId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
                uiapi {
                    query {
                        Case(where: { Id: { eq: $caseId } }) {
                            edges {
                                node {
                                    Id
                                    OwnerId {
                                        value
                                    }
                                    Status {
                                        value
                                        displayValue
                                    }
                                    Lifecycle_State__c {
                                        value
                                    }
                                    Next_Steps__c {
                                        value
                                    }
                                    Step_Choices__c {
                                        value
                                    }
                                    Awaiting_Acceptance__c {
                                        value
                                    }
                                    Response_Category__c {
                                        value
                                    }
                                    Temporary_Resolution_Category__c {
                                        value
                                    }
                                    Final_Resolution_Category__c {
                                        value
                                    }
                                }
                            }
                        }
                    }
                    objectInfos(objectInfoInputs: $objectInfoInputs) {
                        ApiName
                        updateable
                        fields {
                            ApiName
                            updateable
                        }
                    }
                }
            }
        `;

/** A copy of a fixture whose Step Choices are `choices`. */
function withChoices(fixture, choices) {
    const copy = JSON.parse(JSON.stringify(fixture));
    copy.uiapi.query.Case.edges[0].node.Step_Choices__c.value = choices;
    return copy;
}

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

async function pick(element, value) {
    $(element, 'lightning-combobox.step-choice').dispatchEvent(new CustomEvent('change', { detail: { value } }));
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

    it('reads the categories and reasons as the org writes them, labels decoded, and shows a category under its parents', () => {
        const choices = parseStepChoices(
            'Final_Resolution:Fixed::false:Fixed;Final_Resolution:On_Site:Fixed:true:On site%3A 100%25 %3B done;Cancellation:Dup::false:Duplicate;'
        );
        expect(choices).toEqual([
            { kind: 'Final_Resolution', name: 'Fixed', parent: '', requiresAcceptance: false, label: 'Fixed' },
            {
                kind: 'Final_Resolution',
                name: 'On_Site',
                parent: 'Fixed',
                requiresAcceptance: true,
                label: 'On site: 100% ; done'
            },
            { kind: 'Cancellation', name: 'Dup', parent: '', requiresAcceptance: false, label: 'Duplicate' }
        ]);
        expect(choicePath(choices[1], choices)).toBe('Fixed › On site: 100% ; done');
        expect(choicePath(choices[0], choices)).toBe('Fixed');
        const deep = parseStepChoices('Response:A::false:A;Response:B:A:false:B;Response:C:B:false:C;');
        expect(choicePath(deep[2], deep)).toBe('A › B › C');
        const cycle = parseStepChoices('Response:A:B:false:A;Response:B:A:false:B;');
        expect(choicePath(cycle[0], cycle)).toBe('B › A');
        expect(parseStepChoices(null)).toEqual([]);
    });

    it('asks for the request by its id and offers the configured next steps, the first one chosen', async () => {
        const { element } = await loaded(pendingRequest);

        expect(graphql.getLastConfig().query).toBe(EXPECTED_QUERY);
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

    it('asks each step for its fields: a response and its category, a reason of the type to cancel, nothing to complete', async () => {
        const { element } = await loaded(pendingRequest);
        const category = $(element, 'lightning-combobox.step-choice');
        expect(category.label).toBe('c.Service_Request_Progress_Response_Category');
        expect(category.options).toEqual([
            { label: 'Acknowledged', value: 'Support_Acknowledged' },
            { label: 'More details needed', value: 'Support_Details_Needed' }
        ]);
        expect(category.required).toBe(true);
        await type(element, 'We are on it.');
        expect($(element, 'lightning-button.save').disabled).toBe(true);
        await pick(element, 'Support_Acknowledged');
        expect($(element, 'lightning-button.save').disabled).toBe(false);

        await choose(element, 'Cancelled');
        expect($(element, 'lightning-textarea.step-field')).toBeNull();
        const reason = $(element, 'lightning-combobox.step-choice');
        expect(reason.label).toBe('c.Service_Request_Progress_Reason');
        expect(reason.value).toBe('');
        expect(reason.options).toEqual([
            { label: 'Duplicate request', value: 'Support_Duplicate' },
            { label: 'Withdrawn: by the customer', value: 'Support_Withdrawn' }
        ]);
        expect($(element, 'lightning-button.save').disabled).toBe(true);
        await pick(element, 'Support_Withdrawn');
        expect($(element, 'lightning-button.save').disabled).toBe(false);

        const other = await loaded(finalResolvedRequest);
        expect($(other.element, 'lightning-radio-group.steps').value).toBe('Completed');
        expect($(other.element, 'lightning-textarea.step-field')).toBeNull();
        expect($(other.element, 'lightning-combobox.step-choice')).toBeNull();
        expect($(other.element, 'lightning-button.save').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('offers the final resolution categories under their parents, marking those that need acceptance', async () => {
        const responded = withChoices(
            pendingRequest,
            pendingRequest.uiapi.query.Case.edges[0].node.Step_Choices__c.value
        );
        responded.uiapi.query.Case.edges[0].node.Lifecycle_State__c.value = 'Responded';
        responded.uiapi.query.Case.edges[0].node.Next_Steps__c.value = 'Final Resolved:Final Resolved;';
        const { element } = await loaded(responded);
        const category = $(element, 'lightning-combobox.step-choice');
        expect(category.label).toBe('c.Service_Request_Progress_Final_Category');
        expect(category.options).toEqual([
            { label: 'Fixed', value: 'Support_Fixed' },
            { label: 'Fixed › On site (needs the customer’s acceptance)', value: 'Support_Fixed_On_Site' },
            { label: 'Fixed › Remotely', value: 'Support_Fixed_Remotely' }
        ]);
        await expect(element).toBeAccessible();
    });

    it('asks for no category where the type configures none, and says when it configures no cancellation reason', async () => {
        const { element } = await loaded(withChoices(pendingRequest, 'Final_Resolution:Support_Fixed::false:Fixed;'));
        expect($(element, 'lightning-combobox.step-choice')).toBeNull();
        await type(element, 'We are on it.');
        expect($(element, 'lightning-button.save').disabled).toBe(false);

        await choose(element, 'Cancelled');
        expect($(element, 'lightning-combobox.step-choice').disabled).toBe(true);
        expect($(element, '.no-reasons').textContent).toBe('c.Service_Request_Progress_No_Reasons');
        expect($(element, 'lightning-button.save').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('holds a request awaiting acceptance: offers the acceptance step and the steps back, never a step on', async () => {
        const { element } = await loaded(heldRequest);
        expect($(element, '.awaiting').textContent).toBe('The customer has not accepted “Fixed › On site” yet.');
        const steps = $(element, 'lightning-radio-group.steps');
        expect(steps.options).toEqual([
            { label: 'c.Service_Request_Progress_Step_Customer_Accepted', value: '__customer_accepted__' },
            { label: 'c.Service_Request_Progress_Step_Respond', value: 'Responded' }
        ]);
        expect(steps.value).toBe('__customer_accepted__');
        expect($(element, 'lightning-combobox.step-choice')).toBeNull();
        expect($(element, 'lightning-textarea.step-field')).toBeNull();
        expect($(element, 'lightning-button.save').disabled).toBe(false);
        await expect(element).toBeAccessible();
    });

    it('records the customer acceptance with one mutation of the acceptance time alone', async () => {
        executeMutation.mockResolvedValueOnce(mutationSaved);
        const { element, events } = await loaded(heldRequest);
        const before = Date.now();
        $(element, 'lightning-button.save').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        const [{ query, operationName, variables }] = executeMutation.mock.calls[0];
        expect([query, operationName]).toEqual([EXPECTED_MUTATION, 'ProgressServiceRequest']);
        expect(Object.keys(variables.input.Case)).toEqual(['Customer_Accepted_On__c']);
        expect(variables.input.Id).toBe(CASE_ID);
        const accepted = Date.parse(variables.input.Case.Customer_Accepted_On__c);
        expect(accepted >= before && accepted <= Date.now()).toBe(true);
        expect(events.toast).toEqual([
            {
                title: 'c.Service_Request_Progress_Saved_Title',
                message: 'c.Service_Request_Progress_Accepted_Message',
                variant: 'success'
            }
        ]);
        expect(events.close).toBe(1);
    });

    it('saves a step with one mutation of the status and its field, then refreshes, toasts and closes', async () => {
        executeMutation.mockResolvedValueOnce(mutationSaved);
        const { element, events } = await loaded(pendingRequest);
        await type(element, ' We are on it. ');
        await pick(element, 'Support_Details_Needed');

        $(element, 'lightning-button.save').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: EXPECTED_MUTATION,
            operationName: 'ProgressServiceRequest',
            variables: {
                input: {
                    Id: CASE_ID,
                    Case: {
                        Status: 'Responded',
                        Response__c: 'We are on it.',
                        Response_Category__c: 'Support_Details_Needed'
                    }
                }
            }
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
