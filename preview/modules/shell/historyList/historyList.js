/**
 * A record's field history list (the flexipage's `force:relatedListSingleContainer` for `Histories`), as Lightning
 * shows "Case History": Date, Field, User, Original Value, New Value, newest first. A lookup change is stored twice
 * (ids and names, Object Reference "CaseHistory"); the list shows the names, as Lightning does. A new record's
 * `created` row reads "Created.".
 */
import { LightningElement, api } from 'lwc';
import { describe, queryAll, soqlString, userLocale } from 'preview/api';
import { fieldLabel, formatValue } from 'preview/format';
import { onRecordUpdate } from 'preview/records';

const COLUMNS = [
    { label: 'Date', fieldName: 'date' },
    { label: 'Field', fieldName: 'field' },
    { label: 'User', fieldName: 'user' },
    { label: 'Original Value', fieldName: 'oldValue' },
    { label: 'New Value', fieldName: 'newValue' }
];

/** The parent's field a history row names: `Owner` is OwnerId's relationship, `Status` the field itself. */
function parentField(parentInfo, name) {
    return parentInfo.fields.find((f) => f.name === name || (f.type === 'reference' && f.relationshipName === name));
}

export default class HistoryList extends LightningElement {
    @api recordId;
    @api objectApiName;
    /** The history object (CaseHistory) and its lookup to the record (CaseId). */
    @api childObject;
    @api field;
    @api rowsToDisplay = 10;

    columns = COLUMNS;
    rows = [];
    title = '';
    error;
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
            const [info, parentInfo, user] = await Promise.all([
                describe(this.childObject),
                describe(this.objectApiName),
                userLocale()
            ]);
            this.readable = info.fields.some((f) => f.name === this.field);
            if (!this.readable) return;
            this.title = info.label;
            const records = await queryAll(
                `SELECT Id, CreatedDate, Field, DataType, OldValue, NewValue, CreatedBy.Name FROM ${this.childObject} WHERE ${this.field} = ${soqlString(this.recordId)} ORDER BY CreatedDate DESC, Id DESC`
            );
            const createdDate = info.fields.find((f) => f.name === 'CreatedDate');
            this.rows = records
                .filter((r) => r.DataType !== 'EntityId')
                .slice(0, Number(this.rowsToDisplay))
                .map((r) => {
                    const field = parentField(parentInfo, r.Field);
                    const created = r.Field === 'created';
                    return {
                        Id: r.Id,
                        date: formatValue(createdDate, r.CreatedDate, user),
                        field: created ? 'Created.' : field ? fieldLabel(this.objectApiName, field) : r.Field,
                        user: r.CreatedBy?.Name ?? '',
                        oldValue:
                            field && r.DataType !== 'Text' ? formatValue(field, r.OldValue, user) : (r.OldValue ?? ''),
                        newValue:
                            field && r.DataType !== 'Text' ? formatValue(field, r.NewValue, user) : (r.NewValue ?? '')
                    };
                });
            this.error = undefined;
        } catch {
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
