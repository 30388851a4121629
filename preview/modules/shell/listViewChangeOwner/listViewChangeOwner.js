/**
 * The list view's Change Owner mass action, as Lightning's dialog does it (Salesforce Help, "Update Multiple Cases":
 * "Change Owner—Assigns the cases to the one user or queue you specify"): the new owner is an active user or a queue
 * that may own the object's records, with an optional "Send notification email". Each selected record is saved
 * through UI API (`updateRecord`, `PATCH /ui-api/records/<id>`, the email as `triggerUserEmail`), one after the
 * other; the org decides for each (access, validation rules, flows), and the dialog then lists which records changed
 * owner and which did not, with the org's reason: nothing is dropped.
 */
import { LightningElement, api } from 'lwc';
import { updateRecord } from 'lightning/uiRecordApi';
import { queryAll, soqlString } from 'preview/api';

const OWNER_KINDS = [
    { label: 'User', value: 'user' },
    { label: 'Queue', value: 'queue' }
];

/** Only active users can own records. */
const ACTIVE_USERS = { criteria: [{ fieldPath: 'IsActive', operator: 'eq', value: true }] };

/** The messages of a failed save: UI API's Error with Output, or a list of errors. */
function saveMessages(error) {
    const body = error?.body;
    if (body?.output) {
        const fieldErrors = Object.values(body.output.fieldErrors ?? {}).flat();
        return [...(body.output.errors ?? []), ...fieldErrors].map((e) => e.message);
    }
    const list = Array.isArray(body) ? body : [body ?? error];
    return list.map((e) => e?.message ?? String(e));
}

export default class ListViewChangeOwner extends LightningElement {
    @api objectApiName;
    /** The selected records: `[{ id, name }]`, name being what the list shows in its first column. */
    @api records = [];

    ownerKinds = OWNER_KINDS;
    activeUsers = ACTIVE_USERS;
    ownerKind = 'user';
    userId = null;
    queueId = '';
    queues = [];
    queueError = '';
    notify = false;
    saving = false;
    /** `[{ id, name, ok, message }]` once saved. */
    results;

    connectedCallback() {
        this.loadQueues();
    }

    renderedCallback() {
        if (this.focused) return;
        this.focused = true;
        this.template.querySelector('[data-id="change-owner-dialog"]')?.focus();
    }

    /** Queues that may own the object's records (QueueSobject), by name. */
    async loadQueues() {
        try {
            const supported = await queryAll(
                `SELECT QueueId FROM QueueSobject WHERE SobjectType = ${soqlString(this.objectApiName)}`
            );
            const ids = new Set(supported.map((row) => row.QueueId));
            const queues = await queryAll("SELECT Id, Name FROM Group WHERE Type = 'Queue' ORDER BY Name");
            this.queues = queues.filter((q) => ids.has(q.Id)).map((q) => ({ label: q.Name, value: q.Id }));
        } catch (error) {
            this.queueError = saveMessages(error).join(' ');
        }
    }

    get heading() {
        return 'Change Owner';
    }

    get selectionText() {
        const count = this.records.length;
        return `Change the owner of ${count} selected ${count === 1 ? 'record' : 'records'}.`;
    }

    get toUser() {
        return this.ownerKind === 'user';
    }

    get ownerId() {
        return this.toUser ? this.userId : this.queueId;
    }

    get saveDisabled() {
        return this.saving || !this.ownerId;
    }

    get showForm() {
        return !this.results;
    }

    get changed() {
        return (this.results ?? []).filter((r) => r.ok);
    }

    get failed() {
        return (this.results ?? []).filter((r) => !r.ok);
    }

    get hasChanged() {
        return this.changed.length > 0;
    }

    get hasFailed() {
        return this.failed.length > 0;
    }

    get summary() {
        const total = this.results?.length ?? 0;
        return `${this.changed.length} of ${total} ${total === 1 ? 'record' : 'records'} changed owner.`;
    }

    handleOwnerKindChange(event) {
        this.ownerKind = event.detail.value;
    }

    handleUserChange(event) {
        this.userId = event.detail.recordId ?? null;
    }

    handleQueueChange(event) {
        this.queueId = event.detail.value;
    }

    handleNotifyChange(event) {
        this.notify = event.target.checked;
    }

    async handleSave() {
        if (this.saveDisabled) return;
        this.saving = true;
        const results = [];
        for (const record of this.records) {
            const input = { fields: { Id: record.id, OwnerId: this.ownerId } };
            if (this.notify) input.triggerUserEmail = true;
            try {
                // One record after the other: each is its own save, as the org answers each on its own.
                // eslint-disable-next-line no-await-in-loop
                await updateRecord(input);
                results.push({ ...record, ok: true, message: '' });
            } catch (error) {
                results.push({ ...record, ok: false, message: saveMessages(error).join(' ') });
            }
        }
        this.results = results;
        this.saving = false;
    }

    close() {
        this.dispatchEvent(new CustomEvent('close', { detail: { changed: this.changed.length > 0 } }));
    }

    /** Escape closes the dialog (not while saving); Tab stays inside it (SLDS modal: focus is trapped). */
    handleKeydown(event) {
        if (event.key === 'Escape' && !this.saving) {
            event.stopPropagation();
            this.close();
            return;
        }
        if (event.key !== 'Tab') return;
        const focusables = this.focusables();
        if (focusables.length === 0) return;
        const active = this.activeElement();
        const first = focusables[0];
        const last = focusables[focusables.length - 1];
        if (event.shiftKey && active === first) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && active === last) {
            event.preventDefault();
            first.focus();
        }
    }

    activeElement() {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active;
    }

    /** The dialog's focusable elements, in order, across the base components' shadow trees. */
    focusables() {
        const dialog = this.template.querySelector('[data-id="change-owner-dialog"]');
        if (!dialog) return [];
        const selector =
            'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
        const found = [];
        const walk = (root) => {
            for (const element of root.querySelectorAll('*')) {
                if (element.matches(selector) && element.getClientRects().length > 0) found.push(element);
                if (element.shadowRoot) walk(element.shadowRoot);
            }
        };
        walk(dialog);
        return found;
    }
}
