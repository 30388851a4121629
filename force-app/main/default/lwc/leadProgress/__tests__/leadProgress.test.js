import { createElement } from '@lwc/engine-dom';
import LeadProgress from 'c/leadProgress';
import { graphql, executeMutation } from 'lightning/graphql';
import { CloseScreenEventName } from 'lightning/actions';
import { flushPromises } from 'jest-utils/flushPromises';

const LEAD_ID = '00QLO0000000001AAA';
const QUEUE_ID = '00GLO0000000001AAA';
// sfdx-lwc-jest's @salesforce/user/Id.
const USER_ID = '005000000000000000';
const SHOW_TOAST = 'lightning__showtoast';

const LIFECYCLE = ['Pending', 'In Progress', 'Won', 'Lost', 'Cancelled'];
const PARTNER_TYPE_ID = '012LO0000000003AAA';

/**
 * The wire's answer for a lead in a status, owned by someone, for a user who may (or may not) edit it; the lead
 * has a record type (lead type) whose process offers `processStatuses`.
 */
function leadData({
    status,
    ownerId = USER_ID,
    isConverted = false,
    editable = true,
    recordTypeId = PARTNER_TYPE_ID,
    processStatuses = LIFECYCLE
}) {
    const reasons = (values) => [{ recordTypeID: '012000000000000AAA', picklistValues: values }];
    const statusValues = (values) => values.map((value) => ({ value, label: value }));
    return {
        uiapi: {
            query: {
                Lead: {
                    edges: [
                        {
                            node: {
                                Id: LEAD_ID,
                                Status: { value: status, displayValue: status },
                                OwnerId: { value: ownerId },
                                RecordTypeId: { value: recordTypeId },
                                IsConverted: { value: isConverted }
                            }
                        }
                    ]
                }
            },
            objectInfos: [
                {
                    ApiName: 'Lead',
                    updateable: editable,
                    fields: [
                        {
                            ApiName: 'Status',
                            label: 'Lead Status',
                            updateable: editable,
                            picklistValuesByRecordTypeIDs: [
                                {
                                    recordTypeID: '012000000000000AAA',
                                    picklistValues: statusValues([...LIFECYCLE, 'Open - Not Contacted'])
                                },
                                { recordTypeID: PARTNER_TYPE_ID, picklistValues: statusValues(processStatuses) }
                            ]
                        },
                        { ApiName: 'OwnerId', label: 'Owner ID', updateable: editable },
                        {
                            ApiName: 'Lost_Reason__c',
                            label: 'Lost Reason',
                            updateable: editable,
                            picklistValuesByRecordTypeIDs: reasons([
                                { value: 'Price', label: 'Price' },
                                { value: 'Timing', label: 'Timing' }
                            ])
                        },
                        {
                            ApiName: 'Cancellation_Reason__c',
                            label: 'Cancellation Reason',
                            updateable: editable,
                            picklistValuesByRecordTypeIDs: reasons([{ value: 'Duplicate', label: 'Duplicate' }])
                        }
                    ]
                }
            ]
        }
    };
}

function saved(status) {
    return { data: { uiapi: { LeadUpdate: { Record: { Id: LEAD_ID, Status: { value: status } } } } }, errors: [] };
}

function render() {
    const element = createElement('c-lead-progress', { is: LeadProgress });
    element.recordId = LEAD_ID;
    const events = { toast: [], close: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(CloseScreenEventName, () => (events.close += 1));
    document.body.appendChild(element);
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);
const stepNames = (element) =>
    [...element.shadowRoot.querySelectorAll('lightning-button.step')].map((button) => button.dataset.step);

async function click(element, selector) {
    $(element, selector).click();
    await flushPromises();
}

describe('c-lead-progress', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('accepts a pending lead from its queue in one mutation that makes the user its owner', async () => {
        const { element, events } = render();
        graphql.emit(leadData({ status: 'Pending', ownerId: QUEUE_ID }));
        await flushPromises();
        expect(graphql.getLastConfig().variables).toEqual({
            leadId: LEAD_ID,
            objectInfoInputs: [
                {
                    apiName: 'Lead',
                    recordTypeIDs: [],
                    fieldNames: ['Status', 'Lost_Reason__c', 'Cancellation_Reason__c']
                }
            ]
        });
        expect($(element, '.status').textContent).toBe('c.Lead_Progress_Status');
        expect(stepNames(element)).toEqual(['accept', 'cancel']);
        await expect(element).toBeAccessible();

        executeMutation.mockResolvedValueOnce(saved('Pending'));
        await click(element, 'lightning-button.step-accept');
        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation.mock.calls[0][0].variables).toEqual({
            input: { Id: LEAD_ID, Lead: { OwnerId: USER_ID } }
        });
        expect(events.toast).toHaveLength(1);
        expect(events.close).toBe(1);
    });

    it("offers only the steps to statuses the lead type's process has", async () => {
        const { element } = render();
        // An admin took Cancelled and Lost out of the Partner Lead Process: the org would refuse them.
        graphql.emit(leadData({ status: 'Pending', processStatuses: ['Pending', 'In Progress', 'Won'] }));
        await flushPromises();
        expect(stepNames(element)).toEqual(['start']);
        graphql.emit(leadData({ status: 'In Progress', processStatuses: ['Pending', 'In Progress', 'Won'] }));
        await flushPromises();
        expect(stepNames(element)).toEqual(['won']);
        // A lead without a record type has the Master values: every step.
        graphql.emit(leadData({ status: 'Pending', recordTypeId: null, processStatuses: [] }));
        await flushPromises();
        expect(stepNames(element)).toEqual(['start', 'cancel']);
    });

    it('starts progress on a lead the user owns', async () => {
        const { element } = render();
        graphql.emit(leadData({ status: 'Pending' }));
        await flushPromises();
        expect(stepNames(element)).toEqual(['start', 'cancel']);
        executeMutation.mockResolvedValueOnce(saved('In Progress'));
        await click(element, 'lightning-button.step-start');
        expect(executeMutation.mock.calls[0][0].variables.input.Lead).toEqual({ Status: 'In Progress' });
    });

    it('marks a lead Lost only with a reason, in one mutation', async () => {
        const { element } = render();
        graphql.emit(leadData({ status: 'In Progress' }));
        await flushPromises();
        expect(stepNames(element)).toEqual(['won', 'lost']);
        await click(element, 'lightning-button.step-lost');
        const reason = $(element, 'lightning-combobox.reason');
        expect(reason.label).toBe('Lost Reason');
        expect(reason.options).toEqual([
            { label: 'Price', value: 'Price' },
            { label: 'Timing', value: 'Timing' }
        ]);
        expect($(element, 'lightning-button.confirm').disabled).toBe(true);
        await expect(element).toBeAccessible();

        reason.dispatchEvent(new CustomEvent('change', { detail: { value: 'Price' } }));
        await flushPromises();
        executeMutation.mockResolvedValueOnce(saved('Lost'));
        await click(element, 'lightning-button.confirm');
        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation.mock.calls[0][0].variables.input.Lead).toEqual({
            Status: 'Lost',
            Lost_Reason__c: 'Price'
        });
    });

    it("shows the org's refusal and keeps the action open", async () => {
        const { element, events } = render();
        graphql.emit(leadData({ status: 'Pending' }));
        await flushPromises();
        executeMutation.mockResolvedValueOnce({
            data: { uiapi: { LeadUpdate: null } },
            errors: [{ message: 'Only a Pending lead can be cancelled.', locations: [], paths: [] }]
        });
        await click(element, 'lightning-button.step-cancel');
        $(element, 'lightning-combobox.reason').dispatchEvent(
            new CustomEvent('change', { detail: { value: 'Duplicate' } })
        );
        await flushPromises();
        await click(element, 'lightning-button.confirm');
        expect($(element, 'c-error-panel.save-error')).not.toBeNull();
        expect(events.close).toBe(0);
    });

    it('hands Won over to the standard Convert without writing anything', async () => {
        const { element } = render();
        graphql.emit(leadData({ status: 'In Progress' }));
        await flushPromises();
        await click(element, 'lightning-button.step-won');
        expect($(element, '.convert-hint').textContent).toBe('c.Lead_Progress_Convert_Hint');
        expect(executeMutation).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });

    it('offers no step to a user who may not edit the lead, nor on a closed lead', async () => {
        const { element } = render();
        graphql.emit(leadData({ status: 'Pending', ownerId: QUEUE_ID, editable: false }));
        await flushPromises();
        expect($(element, '.read-only')).not.toBeNull();
        expect(stepNames(element)).toEqual([]);
        await expect(element).toBeAccessible();

        graphql.emit(leadData({ status: 'Lost' }));
        await flushPromises();
        expect($(element, '.no-step').textContent).toBe('c.Lead_Progress_No_Step');
        expect(stepNames(element)).toEqual([]);
    });
});
