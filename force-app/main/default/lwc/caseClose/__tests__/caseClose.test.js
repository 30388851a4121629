import { createElement } from '@lwc/engine-dom';
import CaseClose, { MASTER_RECORD_TYPE_ID } from 'c/caseClose';
import { CASE_OWNER_ACTION_MUTATION, CASE_OWNER_ACTION_QUERY } from 'c/caseOwnerAction';
import { graphql, executeMutation } from 'lightning/graphql';
import { getPicklistValuesByRecordType } from 'lightning/uiObjectInfoApi';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

const openCase = require('./data/openCase.json');
const closedCase = require('./data/closedCase.json');
const webFormStatuses = require('./data/webFormStatuses.json');
const mutationClosed = require('./data/mutationClosed.json');
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
const WEB_FORM_RECORD_TYPE_ID = '012LO0000000001AAA';

function render() {
    const element = createElement('c-case-close', { is: CaseClose });
    element.recordId = CASE_ID;
    const events = { toast: [], close: 0, refresh: 0 };
    element.addEventListener(SHOW_TOAST, (event) => events.toast.push(event.detail));
    element.addEventListener(CloseScreenEventName, () => (events.close += 1));
    element.addEventListener(RefreshEventName, () => (events.refresh += 1));
    document.body.appendChild(element);
    return { element, events };
}

const $ = (element, selector) => element.shadowRoot.querySelector(selector);

async function loaded(caseData, statuses = webFormStatuses) {
    const rendered = render();
    graphql.emit(caseData);
    await flushPromises();
    getPicklistValuesByRecordType.emit(statuses);
    await flushPromises();
    return rendered;
}

/** Fills the form as a user does: the inputs fire change events with `detail.value`. */
async function fill(element, status, resolution) {
    const combobox = $(element, 'lightning-combobox.status');
    combobox.value = status;
    combobox.dispatchEvent(new CustomEvent('change', { detail: { value: status } }));
    const textarea = $(element, 'lightning-textarea.resolution');
    textarea.value = resolution;
    textarea.dispatchEvent(new CustomEvent('change', { detail: { value: resolution } }));
    await flushPromises();
}

describe('c-case-close', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('offers only the closed statuses of the case’s record type, found through attributes.closed', async () => {
        const { element } = await loaded(openCase);

        expect(graphql.getLastConfig().query).toBe(CASE_OWNER_ACTION_QUERY);
        expect(graphql.getLastConfig().variables).toEqual({ caseId: CASE_ID, objectInfoInputs: [{ apiName: 'Case' }] });
        expect(getPicklistValuesByRecordType.getLastConfig()).toEqual({
            objectApiName: { objectApiName: 'Case' },
            recordTypeId: WEB_FORM_RECORD_TYPE_ID
        });
        expect($(element, 'lightning-combobox.status').options).toEqual([
            { label: 'Closed - Answered', value: 'Closed - Answered' },
            { label: 'Closed - Accepted', value: 'Closed - Accepted' }
        ]);
        await expect(element).toBeAccessible();
    });

    it('uses the master record type for a case without one', async () => {
        const noRecordType = JSON.parse(JSON.stringify(openCase));
        noRecordType.uiapi.query.Case.edges[0].node.RecordTypeId.value = null;
        await loaded(noRecordType);

        expect(getPicklistValuesByRecordType.getLastConfig().recordTypeId).toBe(MASTER_RECORD_TYPE_ID);
    });

    it('closes the case in one mutation: the chosen closed status and the resolution', async () => {
        executeMutation.mockResolvedValueOnce(mutationClosed);
        const { element, events } = await loaded(openCase);
        await fill(element, 'Closed - Answered', '  Replaced the pump.  ');

        $(element, 'lightning-button.close').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: CASE_OWNER_ACTION_MUTATION,
            operationName: 'UpdateCase',
            variables: {
                input: { Id: CASE_ID, Case: { Status: 'Closed - Answered', Resolution__c: 'Replaced the pump.' } }
            }
        });
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
        expect(events.refresh).toBe(1);
        expect(events.toast).toEqual([
            { title: 'c.Case_Close_Closed_Title', message: 'c.Case_Close_Closed_Message', variant: 'success' }
        ]);
        expect(events.close).toBe(1);
    });

    it('keeps Close disabled until a closed status and a non-blank resolution are given', async () => {
        const { element } = await loaded(openCase);
        expect($(element, 'lightning-button.close').disabled).toBe(true);

        await fill(element, 'Closed - Answered', '   ');
        expect($(element, 'lightning-button.close').disabled).toBe(true);
        $(element, 'lightning-button.close').click();
        await flushPromises();
        expect(executeMutation).not.toHaveBeenCalled();

        await fill(element, 'Closed - Answered', 'Answered by phone.');
        expect($(element, 'lightning-button.close').disabled).toBe(false);
    });

    it('chooses the only closed status when the process has one', async () => {
        const single = JSON.parse(JSON.stringify(webFormStatuses));
        single.picklistFieldValues.Status.values.splice(3, 1);
        const { element } = await loaded(openCase, single);

        expect($(element, 'lightning-combobox.status').value).toBe('Closed - Answered');
    });

    it('shows the org’s refusal with the friendly summary and stays open', async () => {
        executeMutation.mockResolvedValueOnce(mutationRefused);
        const { element, events } = await loaded(openCase);
        await fill(element, 'Closed - Accepted', 'Done.');

        $(element, 'lightning-button.close').click();
        await flushPromises();

        const panel = $(element, 'c-error-panel.save-error');
        expect(panel.friendlyMessage).toBe('c.Case_Close_Failed');
        expect(panel.errors).toEqual(mutationRefused.errors);
        expect(events.close).toBe(0);
        expect(events.toast).toEqual([]);
        await expect(element).toBeAccessible();
    });

    it('shows a network failure of the mutation the same way', async () => {
        executeMutation.mockRejectedValueOnce(new Error('offline'));
        const { element } = await loaded(openCase);
        await fill(element, 'Closed - Accepted', 'Done.');

        $(element, 'lightning-button.close').click();
        await flushPromises();

        expect($(element, 'c-error-panel.save-error').errors).toEqual(new Error('offline'));
        expect($(element, 'lightning-button.close').disabled).toBe(false);
    });

    it('says so for a case that is already closed and offers no save', async () => {
        const { element } = await loaded(closedCase);

        expect($(element, '.already-closed').textContent).toBe('c.Case_Close_Already_Closed');
        expect($(element, 'lightning-combobox.status')).toBeNull();
        expect($(element, 'lightning-button.close').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('shows a load failure of the case or of the statuses', async () => {
        const rendered = render();
        graphql.emitErrors([{ message: 'Insufficient privileges' }]);
        await flushPromises();
        expect($(rendered.element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Case_Close_Load_Failed');

        document.body.removeChild(rendered.element);
        const second = render();
        graphql.emit(openCase);
        await flushPromises();
        getPicklistValuesByRecordType.error();
        await flushPromises();
        expect($(second.element, 'c-error-panel.load-error')).not.toBeNull();
        expect($(second.element, 'lightning-button.close').disabled).toBe(true);
    });

    it('cancel closes the panel without saving', async () => {
        const { element, events } = await loaded(openCase);

        $(element, 'lightning-button.cancel').click();

        expect(events.close).toBe(1);
        expect(executeMutation).not.toHaveBeenCalled();
    });

    it('tells the viewer up front that they cannot close the case: one sentence, no form, no Close', async () => {
        const { element } = await loaded(asViewer(openCase));

        expect($(element, '.no-access').textContent).toBe('c.Case_Close_No_Access');
        expect($(element, 'lightning-combobox.status')).toBeNull();
        expect($(element, 'lightning-textarea.resolution')).toBeNull();
        expect($(element, 'lightning-button.close')).toBeNull();
        expect(executeMutation).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
