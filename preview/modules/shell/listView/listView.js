/** `/lightning/o/<Object>/list`: the object's records the user can see, newest first. */
import { LightningElement, api } from 'lwc';
import { describe, queryAll, userLocale } from 'preview/api';
import { fieldLabel, formatValue } from 'preview/format';

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
            const user = await userLocale();
            const fields = names.map((name) => info.fields.find((f) => f.name === name));
            this.columns = fields.map((field, index) => {
                const label = fieldLabel(this.objectApiName, field);
                if (index === 0)
                    return {
                        label,
                        fieldName: 'url',
                        type: 'url',
                        typeAttributes: { label: { fieldName: field.name } }
                    };
                return { label, fieldName: field.name };
            });
            // Cells show values as the record page does (dates in the user's locale and time zone, picklist
            // labels); a lookup shows its related record's name.
            const shown = (r) =>
                Object.fromEntries(
                    fields.map((f) => [
                        f.name,
                        RELATED_NAME[f.name] ? cellValue(r, f.name) : formatValue(f, r[f.name], user)
                    ])
                );
            this.rows = records.map((r) => ({
                ...shown(r),
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
