import fs from 'fs';
import path from 'path';
import { createElement } from '@lwc/engine-dom';
import CaseReassign, { CASE_QUEUES } from 'c/caseReassign';
import { CASE_OWNER_ACTION_MUTATION, CASE_OWNER_ACTION_QUERY } from 'c/caseOwnerAction';
import { graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { CloseScreenEventName } from 'lightning/actions';
import { RefreshEventName } from 'lightning/refresh';
import { flushPromises } from 'jest-utils/flushPromises';

const userOwnedCase = require('./data/userOwnedCase.json');
const closedCase = require('./data/closedCase.json');
const mutationReassigned = require('./data/mutationReassigned.json');
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
const OTHER_USER_ID = '005LO0000000002AAA';

function render() {
    const element = createElement('c-case-reassign', { is: CaseReassign });
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

async function change(element, selector, detail) {
    $(element, selector).dispatchEvent(new CustomEvent('change', { detail }));
    await flushPromises();
}

describe('c-case-reassign', () => {
    afterEach(() => {
        while (document.body.firstChild) {
            document.body.removeChild(document.body.firstChild);
        }
        jest.clearAllMocks();
    });

    it('names the current owner and offers active users; Reassign waits for a new owner', async () => {
        const { element } = await loaded(userOwnedCase);

        expect(graphql.getLastConfig().variables).toEqual({ caseId: CASE_ID, objectInfoInputs: [{ apiName: 'Case' }] });
        expect(graphql.getLastConfig().query).toBe(CASE_OWNER_ACTION_QUERY);
        expect($(element, '.explanation').textContent).toBe('c.Case_Reassign_Current_Owner');
        const picker = $(element, 'lightning-record-picker.user');
        expect(picker.objectApiName).toBe('User');
        expect(picker.filter).toEqual({ criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }] });
        expect($(element, 'lightning-button.reassign').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('reassigns to a user in one mutation: the owner and the trimmed note', async () => {
        executeMutation.mockResolvedValueOnce(mutationReassigned);
        const { element, events } = await loaded(userOwnedCase);
        await change(element, 'lightning-record-picker.user', { recordId: OTHER_USER_ID });
        await change(element, 'lightning-textarea.note', { value: '  On holiday until Monday.  ' });

        $(element, 'lightning-button.reassign').click();
        await flushPromises();

        expect(executeMutation).toHaveBeenCalledTimes(1);
        expect(executeMutation).toHaveBeenCalledWith({
            query: CASE_OWNER_ACTION_MUTATION,
            operationName: 'UpdateCase',
            variables: {
                input: { Id: CASE_ID, Case: { OwnerId: OTHER_USER_ID, Handover_Note__c: 'On holiday until Monday.' } }
            }
        });
        expect(notifyRecordUpdateAvailable).toHaveBeenCalledWith([{ recordId: CASE_ID }]);
        expect(events.refresh).toBe(1);
        expect(events.toast).toEqual([
            { title: 'c.Case_Reassign_Done_Title', message: 'c.Case_Reassign_Done_Message', variant: 'success' }
        ]);
        expect(events.close).toBe(1);
    });

    it('reassigns to a queue through the routing field; an empty note clears the last one', async () => {
        executeMutation.mockResolvedValueOnce(mutationReassigned);
        const { element } = await loaded(userOwnedCase);
        await change(element, 'lightning-radio-group.target-kind', { value: 'queue' });

        expect($(element, 'lightning-record-picker.user')).toBeNull();
        expect($(element, 'lightning-combobox.queue').options.map((q) => q.value)).toEqual([
            'Back_Office',
            'DACH',
            'France_Benelux',
            'International',
            'North_America',
            'UK_Ireland'
        ]);
        await change(element, 'lightning-combobox.queue', { value: 'DACH' });
        $(element, 'lightning-button.reassign').click();
        await flushPromises();

        expect(executeMutation.mock.calls[0][0].variables).toEqual({
            input: { Id: CASE_ID, Case: { Route_To_Queue__c: 'DACH', Handover_Note__c: null } }
        });
        await expect(element).toBeAccessible();
    });

    it('a cleared user selection disables Reassign again', async () => {
        const { element } = await loaded(userOwnedCase);
        await change(element, 'lightning-record-picker.user', { recordId: OTHER_USER_ID });
        expect($(element, 'lightning-button.reassign').disabled).toBe(false);

        await change(element, 'lightning-record-picker.user', { recordId: null });
        expect($(element, 'lightning-button.reassign').disabled).toBe(true);
    });

    it('shows the org’s refusal with the friendly summary and stays open', async () => {
        executeMutation.mockResolvedValueOnce(mutationRefused);
        const { element, events } = await loaded(userOwnedCase);
        await change(element, 'lightning-radio-group.target-kind', { value: 'queue' });
        await change(element, 'lightning-combobox.queue', { value: 'Back_Office' });

        $(element, 'lightning-button.reassign').click();
        await flushPromises();

        const panel = $(element, 'c-error-panel.save-error');
        expect(panel.friendlyMessage).toBe('c.Case_Reassign_Failed');
        expect(panel.errors).toEqual(mutationRefused.errors);
        expect(events.close).toBe(0);
        expect(events.toast).toEqual([]);
    });

    it('shows a network failure of the mutation the same way', async () => {
        executeMutation.mockRejectedValueOnce(new Error('offline'));
        const { element } = await loaded(userOwnedCase);
        await change(element, 'lightning-record-picker.user', { recordId: OTHER_USER_ID });

        $(element, 'lightning-button.reassign').click();
        await flushPromises();

        expect($(element, 'c-error-panel.save-error').errors).toEqual(new Error('offline'));
        expect($(element, 'lightning-button.reassign').disabled).toBe(false);
    });

    it('says a closed case cannot be reassigned and offers no form', async () => {
        const { element } = await loaded(closedCase);

        expect($(element, '.explanation').textContent).toBe('c.Case_Reassign_Closed');
        expect($(element, 'lightning-record-picker.user')).toBeNull();
        expect($(element, 'lightning-button.reassign').disabled).toBe(true);
        await expect(element).toBeAccessible();
    });

    it('shows a load failure', async () => {
        const { element } = render();
        graphql.emitErrors([{ message: 'Insufficient privileges' }]);
        await flushPromises();

        expect($(element, 'c-error-panel.load-error').friendlyMessage).toBe('c.Case_Reassign_Load_Failed');
        expect($(element, 'lightning-button.reassign').disabled).toBe(true);
    });

    it('cancel closes the panel without saving', async () => {
        const { element, events } = await loaded(userOwnedCase);

        $(element, 'lightning-button.cancel').click();

        expect(events.close).toBe(1);
        expect(executeMutation).not.toHaveBeenCalled();
    });

    it('lists exactly the case queues of force-app, by API name', () => {
        const queuesDir = path.join(__dirname, '../../../queues');
        const caseQueues = fs
            .readdirSync(queuesDir)
            .filter((file) => fs.readFileSync(path.join(queuesDir, file), 'utf8').includes('<sobjectType>Case<'))
            .map((file) => file.replace('.queue-meta.xml', ''))
            .sort();
        expect(CASE_QUEUES.map((q) => q.value).sort()).toEqual(caseQueues);
    });

    it('tells the viewer up front that they cannot reassign the case: one sentence, no form, no Reassign', async () => {
        const { element } = await loaded(asViewer(userOwnedCase));

        expect($(element, '.no-access').textContent).toBe('c.Case_Reassign_No_Access');
        expect($(element, '.explanation')).toBeNull();
        expect($(element, 'lightning-radio-group.target-kind')).toBeNull();
        expect($(element, 'lightning-record-picker.user')).toBeNull();
        expect($(element, 'lightning-textarea.note')).toBeNull();
        expect($(element, 'lightning-button.reassign')).toBeNull();
        expect(executeMutation).not.toHaveBeenCalled();
        await expect(element).toBeAccessible();
    });
});
