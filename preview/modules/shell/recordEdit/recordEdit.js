/**
 * The standard record edit form of the preview's Edit action, as Lightning's: the sections and fields of the
 * object's page layout when one is deployed (Readonly and Required as the layout says, and read-only where the
 * user may not update the field), else every field the user may update (field-level security applied, as the
 * describe reports it for the user); picklists with the values of the record's record type; saved through UI API
 * `updateRecord` with only the changed fields, and the server's field errors shown on the fields.
 */
import { LightningElement, api } from 'lwc';
import { CloseActionScreenEvent } from 'lightning/actions';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { updateRecord } from 'lightning/uiRecordApi';
import { apiFetch, describe, queryAll, soqlString, userLocale } from 'preview/api';
import { fieldLabel, formatValue } from 'preview/format';

const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/** lightning-input types by describe type; other types have their own input below. */
const INPUT_TYPES = {
    string: 'text',
    email: 'email',
    phone: 'tel',
    url: 'url',
    date: 'date',
    datetime: 'datetime',
    int: 'number',
    double: 'number',
    currency: 'number',
    percent: 'number'
};
const NUMBER_TYPES = new Set(['int', 'double', 'currency', 'percent']);

/**
 * Fields Lightning's edit form does not edit in place: the record type and the owner have their own actions
 * (Change Record Type, Change Owner).
 */
const OWN_ACTION_FIELDS = new Set(['RecordTypeId', 'OwnerId']);

/** Lookups the preview's record picker can search: it finds records by their Name field. */
async function searchableByName(objectApiName) {
    try {
        return (await describe(objectApiName)).fields.some((f) => f.name === 'Name');
    } catch {
        return false;
    }
}

async function editableFields(info) {
    const candidates = info.fields.filter(
        (f) =>
            f.updateable &&
            !OWN_ACTION_FIELDS.has(f.name) &&
            (INPUT_TYPES[f.type] || ['boolean', 'textarea', 'picklist', 'reference'].includes(f.type))
    );
    const searchable = await Promise.all(
        candidates.map((f) => {
            if (f.type !== 'reference') return true;
            return f.referenceTo.length === 1 && searchableByName(f.referenceTo[0]);
        })
    );
    return candidates.filter((f, index) => searchable[index]);
}

/** Without a layout: the editable fields in two columns, read across as the describe lists them. */
function defaultSections(editable) {
    const items = editable.map((f) => ({ field: f.name, editable: true, required: false }));
    return [{ label: '', columns: [items.filter((_, i) => i % 2 === 0), items.filter((_, i) => i % 2 === 1)] }];
}

/** A value as the input shows it, and back as the API takes it. */
function inputValue(field, value) {
    if (field.type === 'boolean') return Boolean(value);
    return value === null || value === undefined ? '' : value;
}

function apiValue(field, value) {
    if (field.type === 'boolean') return Boolean(value);
    if (value === '' || value === null || value === undefined) return null;
    return NUMBER_TYPES.has(field.type) ? Number(value) : value;
}

/** What a failed save says: field errors by field, the rest as messages (UI API Error with Output). */
function saveErrors(error) {
    const body = error?.body;
    if (body?.output) {
        const fieldErrors = {};
        for (const [name, list] of Object.entries(body.output.fieldErrors ?? {}))
            fieldErrors[name] = list.map((e) => e.message).join(' ');
        return { fieldErrors, messages: (body.output.errors ?? []).map((e) => e.message) };
    }
    const list = Array.isArray(body) ? body : [body ?? error];
    return { fieldErrors: {}, messages: list.map((e) => e?.message ?? String(e)) };
}

export default class RecordEdit extends LightningElement {
    @api objectApiName;
    @api recordId;
    @api recordTypeId;
    /** The record's name (its Case Number), for the header and the saved toast. */
    @api recordName;
    /** The object's page layout (`{name, sections: [{label, columns: [[{field, behavior}]]}]}`), if deployed. */
    @api layout;

    info;
    /** The fields the user edits here; the form's sections also show read-only ones. */
    fields = [];
    /** `[{label, columns: [[{field, editable, required}]]}]`: what the form shows, where. */
    formSections = [];
    readOnlyValues = {};
    original = {};
    draft = {};
    picklists = {};
    timeZone;
    loading = true;
    saving = false;
    loadError;
    snag;

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            const [info, user] = await Promise.all([describe(this.objectApiName), userLocale()]);
            const editable = await editableFields(info);
            const formSections = this.layout ? this.layoutSections(info, editable) : defaultSections(editable);
            const shown = formSections.flatMap((section) => section.columns.flat());
            const [rows, picklists] = await Promise.all([
                queryAll(
                    `SELECT ${['Id', ...new Set(shown.map((item) => item.field))].join(', ')} FROM ${this.objectApiName} WHERE Id = ${soqlString(this.recordId)}`
                ),
                apiFetch(
                    `ui-api/object-info/${this.objectApiName}/picklist-values/${this.recordTypeId || MASTER_RECORD_TYPE_ID}`
                )
            ]);
            const row = rows[0] ?? {};
            this.info = info;
            this.formSections = formSections;
            this.fields = editable.filter((f) => shown.some((item) => item.field === f.name && item.editable));
            this.timeZone = user.timeZone;
            this.picklists = picklists.picklistFieldValues;
            this.readOnlyValues = Object.fromEntries(
                shown.map((item) => [item.field, formatValue(this.describeField(item.field), row[item.field], user)])
            );
            this.original = Object.fromEntries(this.fields.map((f) => [f.name, inputValue(f, row[f.name])]));
            this.draft = { ...this.original };
        } catch (error) {
            this.loadError = saveErrors(error).messages.join(' ');
        }
        this.loading = false;
    }

    describeField(name) {
        return this.info?.fields.find((f) => f.name === name);
    }

    /** The layout's sections with the fields the user can see: editable only if the layout and the user allow. */
    layoutSections(info, editable) {
        const readable = new Set(info.fields.map((f) => f.name));
        const updateable = new Set(editable.map((f) => f.name));
        return this.layout.sections.map((section) => ({
            label: section.label,
            columns: section.columns.map((column) =>
                column
                    .filter((item) => readable.has(item.field))
                    .map((item) => ({
                        field: item.field,
                        editable: item.behavior !== 'Readonly' && updateable.has(item.field),
                        required: item.behavior === 'Required'
                    }))
            )
        }));
    }

    get sections() {
        return this.formSections.map((section, index) => ({
            key: `section-${index}`,
            label: section.label,
            columns: section.columns.map((column, columnIndex) => ({
                key: `column-${columnIndex}`,
                className: `slds-col slds-size_1-of-${section.columns.length}`,
                inputs: column.map((item) => this.inputFor(item))
            }))
        }));
    }

    get header() {
        return `Edit ${this.recordName ?? ''}`.trim();
    }

    inputFor(item) {
        const f = this.describeField(item.field);
        const input = { name: f.name, label: fieldLabel(this.objectApiName, f), required: item.required };
        if (!item.editable) return { ...input, isReadOnly: true, value: this.readOnlyValues[f.name] };
        input.value = this.draft[f.name];
        if (f.type === 'boolean') return { ...input, isCheckbox: true };
        if (f.type === 'textarea') return { ...input, isTextArea: true, maxLength: f.length || undefined };
        if (f.type === 'reference') return { ...input, isLookup: true, referenceTo: f.referenceTo[0] };
        if (f.type === 'picklist') {
            const values = this.picklists[f.name]?.values ?? [];
            const options = [
                { label: '--None--', value: '' },
                ...values.map((v) => ({ label: v.label, value: v.value }))
            ];
            return { ...input, isPicklist: true, options };
        }
        return {
            ...input,
            isText: true,
            inputType: INPUT_TYPES[f.type],
            maxLength:
                f.type === 'string' || f.type === 'email' || f.type === 'url' ? f.length || undefined : undefined,
            step: NUMBER_TYPES.has(f.type) ? (f.scale ? 10 ** -f.scale : 1) : undefined
        };
    }

    get hasFieldErrors() {
        return Object.keys(this.snag?.fieldErrors ?? {}).length > 0;
    }

    get saveDisabled() {
        return this.loading || this.saving || Boolean(this.loadError);
    }

    handleChange(event) {
        const target = event.target;
        const name = target.dataset.field;
        const field = this.fields.find((f) => f.name === name);
        let value = event.detail?.value;
        if (field.type === 'boolean') value = event.detail.checked;
        if (field.type === 'reference') value = event.detail?.recordId ?? '';
        this.draft = { ...this.draft, [name]: value };
        if (typeof target.setCustomValidity === 'function') {
            target.setCustomValidity('');
            target.reportValidity?.();
        }
    }

    handleCancel() {
        this.dispatchEvent(new CloseActionScreenEvent());
    }

    /** Only the changed fields go to the server, as Lightning's edit form sends them. */
    changedFields() {
        const changed = { Id: this.recordId };
        for (const field of this.fields) {
            if (this.draft[field.name] !== this.original[field.name])
                changed[field.name] = apiValue(field, this.draft[field.name]);
        }
        return changed;
    }

    async handleSave() {
        const inputs = [...this.template.querySelectorAll('[data-field]')];
        if (!inputs.every((input) => input.reportValidity?.() ?? true)) return;
        this.saving = true;
        this.snag = undefined;
        try {
            await updateRecord({ fields: this.changedFields() });
            this.dispatchEvent(
                new ShowToastEvent({
                    title: `${this.info.label} "${this.recordName}" was saved.`,
                    variant: 'success'
                })
            );
            this.dispatchEvent(new CloseActionScreenEvent());
        } catch (error) {
            this.showErrors(saveErrors(error));
        }
        this.saving = false;
    }

    /** Field errors go on their fields (and are named in the snag box); the rest are listed in it. */
    showErrors({ fieldErrors, messages }) {
        const unplaced = [...messages];
        for (const [name, message] of Object.entries(fieldErrors)) {
            const input = this.template.querySelector(`[data-field="${name}"]`);
            if (input?.setCustomValidity) {
                input.setCustomValidity(message);
                input.reportValidity();
            } else {
                const field = this.info.fields.find((f) => f.name === name);
                unplaced.push(`${field ? fieldLabel(this.objectApiName, field) : name}: ${message}`);
            }
        }
        this.snag = { fieldErrors, messages: unplaced };
    }
}
