/**
 * `/lightning/o/<Object>/list`: the object's records the user can see, newest first; with `?filterName=<list view
 * DeveloperName>` (as Lightning's list URLs carry it) one of the object's list views, its columns and records read
 * through lightning/uiListsApi. A picker lists the object's list views, as Lightning's list view selector does.
 *
 * A list view's header shows its mass actions as UI API's list view header actions answer them for the user
 * (`ui-api/actions/list-view/<id>`: the object's List View Button Layout, searchLayouts.listViewButtons): with
 * Change Owner among them the rows get their selection checkboxes and the button opens the Change Owner dialog
 * (shell/listViewChangeOwner) for the selected records.
 */
import { LightningElement, api, wire } from 'lwc';
import { getListInfoByName, getListInfosByObjectName, getListRecordsByName } from 'lightning/uiListsApi';
import { apiFetch, describe, queryAll, userLocale } from 'preview/api';
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

/** The most records a list view page asks for (List Record Collection's pageSize allows up to 2000). */
const LIST_VIEW_PAGE_SIZE = 2000;

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

/**
 * A UI API record's value at a column's path (`Owner.Alias`). A related record the path ends in nothing for (a
 * queue has no alias) shows the relationship's displayValue, the related record's name: a queue's Group Name.
 */
function uiValue(record, path) {
    const [first, second] = path.split('.');
    const field = record.fields[first];
    if (second === undefined) return field?.value ?? null;
    return field?.value?.fields?.[second]?.value ?? field?.displayValue ?? null;
}

export default class ListView extends LightningElement {
    @api objectApiName;

    rows = [];
    columns = [];
    title = '';
    error;
    loaded = false;
    /** The chosen list view's DeveloperName, from the URL; undefined for the newest-first list of all records. */
    filterName = new URLSearchParams(window.location.search).get('filterName') ?? undefined;
    listViews = [];
    listInfo;
    listRecords;
    objectInfo;
    user;
    /** The list view's header actions for this user (UI API Action representations). */
    headerActions = [];
    /** Set once the header actions are in (the page's tests wait for it before looking for a button). */
    headerActionsLoaded = false;
    /** The rows the user selected (lightning-datatable's `rowselection`). */
    selectedRows = [];
    /** The selected records the Change Owner dialog works on, while it is open. */
    changeOwnerRecords;

    @wire(getListInfosByObjectName, { objectApiName: '$objectApiName' })
    wiredListInfos({ data, error }) {
        if (data) this.listViews = data.lists;
        if (error) this.showError(error);
    }

    @wire(getListInfoByName, { objectApiName: '$objectApiName', listViewApiName: '$filterName' })
    wiredListInfo({ data, error }) {
        if (data) {
            this.listInfo = data;
            this.loadHeaderActions(data.listReference.id);
        }
        if (error) this.showError(error);
        this.showListView();
    }

    @wire(getListRecordsByName, {
        objectApiName: '$objectApiName',
        listViewApiName: '$filterName',
        pageSize: LIST_VIEW_PAGE_SIZE
    })
    wiredListRecords({ data, error }) {
        if (data) this.listRecords = data;
        if (error) this.showError(error);
        this.showListView();
    }

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            const info = await describe(this.objectApiName);
            this.objectInfo = info;
            this.user = await userLocale();
            if (this.filterName) {
                this.showListView();
                return;
            }
            const wanted = COLUMNS[this.objectApiName] ?? ['Name', 'CreatedDate'];
            const names = wanted.filter((n) => info.fields.some((f) => f.name === n));
            const records = await queryAll(
                `SELECT Id, ${names.map(selectItem).join(', ')} FROM ${this.objectApiName} ORDER BY CreatedDate DESC, Id DESC LIMIT 500`
            );
            this.title = info.labelPlural;
            const user = this.user;
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
            this.loaded = true;
        } catch (error) {
            this.showError(error);
        }
    }

    /** The chosen list view's columns and records, once its info, its records and the object's describe are in. */
    showListView() {
        // The header actions decide the checkbox column: the list shows once they are in too.
        if (!this.filterName || !this.listInfo || !this.listRecords || !this.objectInfo) return;
        if (!this.headerActionsLoaded) return;
        const info = this.objectInfo;
        const columns = this.listInfo.displayColumns;
        // Column keys are field paths with dots, which lightning-datatable would read as nested properties.
        const key = (index) => `c${index}`;
        this.columns = columns.map((column, index) => {
            if (index > 0) return { label: column.label, fieldName: key(index) };
            return {
                label: column.label,
                fieldName: 'url',
                type: 'url',
                typeAttributes: { label: { fieldName: key(0) } }
            };
        });
        this.rows = this.listRecords.records.map((record) => {
            const row = { Id: record.id, url: `/lightning/r/${this.objectApiName}/${record.id}/view` };
            columns.forEach((column, index) => {
                const value = uiValue(record, column.fieldApiName);
                const field = column.fieldApiName.includes('.')
                    ? undefined
                    : info.fields.find((f) => f.name === column.fieldApiName);
                row[key(index)] = field ? formatValue(field, value, this.user) : value;
            });
            return row;
        });
        this.title = this.listInfo.label;
        this.error = undefined;
        this.loaded = true;
    }

    async loadHeaderActions(listViewId) {
        try {
            const answer = await apiFetch(`ui-api/actions/list-view/${encodeURIComponent(listViewId)}`);
            this.headerActions = answer.actions[listViewId]?.actions ?? [];
            this.headerActionsLoaded = true;
            this.showListView();
        } catch (error) {
            this.showError(error);
        }
    }

    /** Change Owner is offered when the list view's header actions, which the org answers per user, name it. */
    get canChangeOwner() {
        return this.headerActions.some((action) => action.apiName === 'ChangeOwner' && action.isMassAction === 'true');
    }

    // LWC renders an attribute bound to false as "false" (only null and undefined remove it), so the markers a test
    // waits for are true or absent.
    get loadedMarker() {
        return this.loaded || undefined;
    }

    get actionsLoadedMarker() {
        return this.headerActionsLoaded || undefined;
    }

    /** How many rows the list has, so a test can wait until lightning-datatable has rendered them all. */
    get rowCount() {
        return this.loaded ? this.rows.length : undefined;
    }

    get hideCheckboxes() {
        return !this.canChangeOwner;
    }

    get changeOwnerDisabled() {
        return this.selectedRows.length === 0;
    }

    get selectionText() {
        const count = this.selectedRows.length;
        return `${count} ${count === 1 ? 'item' : 'items'} selected`;
    }

    handleRowSelection(event) {
        this.selectedRows = event.detail.selectedRows;
    }

    /** The dialog names each record as the list does, by its first column (a case by its number). */
    openChangeOwner() {
        this.changeOwnerRecords = this.selectedRows.map((row) => ({ id: row.Id, name: String(row.c0 ?? row.Id) }));
    }

    /** After a change the list is read again (the owners, and what the list view's filters now admit). */
    handleChangeOwnerClose(event) {
        this.changeOwnerRecords = undefined;
        if (event.detail.changed) {
            window.location.reload();
            return;
        }
        this.template.querySelector('[data-id="change-owner"]')?.focus();
    }

    showError(error) {
        const body = error?.body;
        this.error = Array.isArray(body) ? body.map((e) => e.message).join(', ') : String(error?.message ?? error);
        this.loaded = true;
    }

    /** The picker's options: the newest-first list of all records, then the object's list views. */
    get listViewOptions() {
        return [
            { label: this.objectInfo?.labelPlural ?? this.objectApiName, value: '' },
            ...this.listViews.map((view) => ({ label: view.label, value: view.apiName }))
        ];
    }

    get chosenListView() {
        return this.filterName ?? '';
    }

    /** Lightning keeps the chosen list view in the URL (`filterName`); so does the preview, reloading the page. */
    handleListViewChange(event) {
        const url = new URL(window.location.href);
        if (event.detail.value) url.searchParams.set('filterName', event.detail.value);
        else url.searchParams.delete('filterName');
        window.location.assign(url.toString());
    }

    get heading() {
        return `${this.title} (${this.rows.length})`;
    }
}
