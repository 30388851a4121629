/** `/lightning/o/<Object>/list`: the object's records the user can see, newest first. */
import { LightningElement, api } from 'lwc';
import { describe, queryAll } from 'preview/api';

const COLUMNS = {
    Case: ['CaseNumber', 'Subject', 'SuppliedName', 'Status', 'Origin', 'CreatedDate'],
    Task: ['Subject', 'Status', 'ActivityDate']
};

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
                `SELECT Id, ${names.join(', ')} FROM ${this.objectApiName} ORDER BY CreatedDate DESC, Id DESC LIMIT 500`
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
            this.rows = records.map((r) => ({ ...r, url: `/lightning/r/${this.objectApiName}/${r.Id}/view` }));
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
