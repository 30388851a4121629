/** `/lightning/o/<Object>/list`: the object's records the user can see, newest first. */
import { LightningElement, api } from 'lwc';
import { describe, queryAll } from 'preview/api';

// Cases: the record type tells a web submission (Web Form) from its follow-ups, which keep its Origin and
// submitter but carry their own record type and point back through Converted From.
const COLUMNS = {
    Case: [
        'CaseNumber',
        'Subject',
        'SuppliedName',
        'RecordTypeId',
        'Status',
        'Origin',
        'Converted_From__c',
        'CreatedDate'
    ],
    Task: ['Subject', 'Status', 'ActivityDate']
};

/** Lookups show the related record's name, as a Lightning list view does, read through the relationship. */
const RELATED_NAME = {
    RecordTypeId: { relationship: 'RecordType', nameField: 'Name' },
    Converted_From__c: { relationship: 'Converted_From__r', nameField: 'CaseNumber' }
};

/** @param {string} name */
function selectItem(name) {
    const related = RELATED_NAME[name];
    return related ? `${name}, ${related.relationship}.${related.nameField}` : name;
}

/** A record's value for a column: a lookup's related name, else the field's value. */
function cellValue(record, name) {
    const related = RELATED_NAME[name];
    return related ? (record[related.relationship]?.[related.nameField] ?? null) : record[name];
}

export default class ListView extends LightningElement {
    @api objectApiName;

    rows = [];
    columns = [];
    title = '';
    error;
    loaded = false;

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            const info = await describe(this.objectApiName);
            const wanted = COLUMNS[this.objectApiName] ?? ['Name', 'CreatedDate'];
            const names = wanted.filter((n) => info.fields.some((f) => f.name === n));
            const records = await queryAll(
                `SELECT Id, ${names.map(selectItem).join(', ')} FROM ${this.objectApiName} ORDER BY CreatedDate DESC, Id DESC LIMIT 500`
            );
            this.title = info.labelPlural;
            this.columns = names.map((name, index) => {
                const field = info.fields.find((f) => f.name === name);
                if (index === 0)
                    return {
                        label: field.label,
                        fieldName: 'url',
                        type: 'url',
                        typeAttributes: { label: { fieldName: name } }
                    };
                if (RELATED_NAME[name]) {
                    // "Record Type ID" is the lookup's label; the column shows the record's name, so drop " ID".
                    return { label: field.label.replace(/ ID$/, ''), fieldName: name };
                }
                if (field.type === 'datetime') {
                    return {
                        label: field.label,
                        fieldName: name,
                        type: 'date',
                        typeAttributes: {
                            year: 'numeric',
                            month: 'short',
                            day: '2-digit',
                            hour: '2-digit',
                            minute: '2-digit'
                        }
                    };
                }
                return { label: field.label, fieldName: name };
            });
            this.rows = records.map((r) => ({
                ...Object.fromEntries(names.map((name) => [name, cellValue(r, name)])),
                Id: r.Id,
                url: `/lightning/r/${this.objectApiName}/${r.Id}/view`
            }));
            this.error = undefined;
        } catch (error) {
            const body = error?.body;
            this.error = Array.isArray(body) ? body.map((e) => e.message).join(', ') : String(error?.message ?? error);
        }
        this.loaded = true;
    }

    get heading() {
        return `${this.title} (${this.rows.length})`;
    }
}
