/** A related list (Tasks, Cases) of a record page: the child records pointing at the record through one field. */
import { LightningElement, api } from 'lwc';
import { describe, queryAll, soqlString, userLocale } from 'preview/api';
import { fieldLabel, formatValue } from 'preview/format';
import { onRecordUpdate } from 'preview/records';

const COLUMNS = {
    Task: ['Subject', 'Status', 'ActivityDate'],
    Case: ['CaseNumber', 'Subject', 'Status']
};

export default class RelatedList extends LightningElement {
    @api recordId;
    @api childObject;
    @api field;
    @api relationshipName;

    rows = [];
    columns = [];
    title = '';
    error;
    /** Whether the user may read the lookup field the list follows; a list they cannot read is not shown. */
    readable = false;
    unsubscribe;

    connectedCallback() {
        this.unsubscribe = onRecordUpdate(this.recordId, () => this.load());
        this.load();
    }

    disconnectedCallback() {
        this.unsubscribe?.();
    }

    async load() {
        try {
            const info = await describe(this.childObject);
            const names = (COLUMNS[this.childObject] ?? ['Name']).filter((n) => info.fields.some((f) => f.name === n));
            const lookup = info.fields.find((f) => f.name === this.field);
            // Describe lists only the fields the user may read: without the lookup, the list is not shown.
            this.readable = Boolean(lookup);
            if (!lookup) return;
            this.title =
                this.relationshipName === 'Tasks' || this.relationshipName === 'Cases'
                    ? info.labelPlural
                    : `${info.labelPlural} (${lookup ? lookup.label : this.field})`;
            const records = await queryAll(
                `SELECT Id, ${names.join(', ')} FROM ${this.childObject} WHERE ${this.field} = ${soqlString(this.recordId)} ORDER BY CreatedDate DESC`
            );
            const user = await userLocale();
            this.columns = names.map((name, index) => {
                const label = fieldLabel(
                    this.childObject,
                    info.fields.find((f) => f.name === name)
                );
                return index === 0
                    ? { label, fieldName: 'url', type: 'url', typeAttributes: { label: { fieldName: name } } }
                    : { label, fieldName: name };
            });
            // Cells show values as the record page does (dates in the user's locale, picklist labels).
            const shown = (r) =>
                Object.fromEntries(
                    names.map((n) => [
                        n,
                        formatValue(
                            info.fields.find((f) => f.name === n),
                            r[n],
                            user
                        )
                    ])
                );
            this.rows = records.map((r) => ({
                ...r,
                ...shown(r),
                url: `/lightning/r/${this.childObject}/${r.Id}/view`
            }));
            this.error = undefined;
        } catch {
            // The org's own message (SOQL, field names) means nothing to the user; the list says it could not load.
            this.error = 'This list could not be loaded.';
        }
    }

    get cardTitle() {
        return `${this.title} (${this.rows.length})`;
    }

    get hasRows() {
        return this.rows.length > 0;
    }
}
