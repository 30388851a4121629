/**
 * `/lightning/o/Task/list`: Task is not a UI API object ("Object Task is not supported in UI API"), so its list
 * page cannot use lightning/uiListsApi. It reads the REST API's list views instead (REST API Developer Guide, "List
 * Views for an Object", "List View Results"): the picker lists `sobjects/Task/listviews`; `?filterName=<DeveloperName>`
 * shows that list view's columns and records (the first 2000); without one, the user's tasks newest first.
 */
import { LightningElement, api } from 'lwc';
import { apiFetch, queryAll, userLocale, describe } from 'preview/api';
import { fieldLabel, formatValue } from 'preview/format';

const RESULTS_LIMIT = 2000;
const DEFAULT_COLUMNS = ['Subject', 'Who.Name', 'What.Name', 'Status', 'ActivityDate'];

export default class ActivityList extends LightningElement {
    @api objectApiName;

    listViews = [];
    columns = [];
    rows = [];
    title = '';
    error;
    loaded = false;
    filterName = new URLSearchParams(window.location.search).get('filterName') ?? undefined;

    connectedCallback() {
        this.load();
    }

    async load() {
        try {
            const { listviews } = await apiFetch(`sobjects/${this.objectApiName}/listviews`);
            this.listViews = listviews.map((v) => ({
                key: v.id,
                label: v.label,
                href: `/lightning/o/${this.objectApiName}/list?filterName=${encodeURIComponent(v.developerName)}`,
                current: v.developerName === this.filterName ? 'page' : undefined
            }));
            const chosen = listviews.find((v) => v.developerName === this.filterName);
            if (this.filterName && !chosen) throw new Error(`There is no list view ${this.filterName}.`);
            if (chosen) await this.loadListView(chosen);
            else await this.loadRecent();
            this.error = undefined;
        } catch (error) {
            const first = Array.isArray(error.body) ? error.body[0] : undefined;
            this.error = first?.message ?? error.message;
        } finally {
            this.loaded = true;
        }
    }

    async loadListView(listView) {
        const results = await apiFetch(
            `sobjects/${this.objectApiName}/listviews/${listView.id}/results?limit=${RESULTS_LIMIT}`
        );
        this.title = results.label;
        const shown = results.columns.filter((c) => !c.hidden);
        this.columns = shown.map((c, index) => this.column(c.fieldNameOrPath, c.label, index));
        this.rows = results.records.map((record) => {
            const values = Object.fromEntries(record.columns.map((c) => [c.fieldNameOrPath, c.value]));
            return this.row(values.Id, (path) => values[path]);
        });
    }

    async loadRecent() {
        const [info, user] = await Promise.all([describe(this.objectApiName), userLocale()]);
        this.title = `Recent ${info.labelPlural}`;
        const records = await queryAll(
            `SELECT Id, ${DEFAULT_COLUMNS.join(', ')} FROM ${this.objectApiName} ORDER BY CreatedDate DESC LIMIT 200`
        );
        this.columns = DEFAULT_COLUMNS.map((path, index) => {
            const field = info.fields.find((f) => f.name === path || f.relationshipName === path.split('.')[0]);
            return this.column(path, field ? fieldLabel(this.objectApiName, field) : path, index);
        });
        this.rows = records.map((record) =>
            this.row(record.Id, (path) => {
                const value = path
                    .split('.')
                    .reduce((v, part) => (v === null || v === undefined ? null : v[part]), record);
                const field = info.fields.find((f) => f.name === path);
                return field ? formatValue(field, value, user) : value;
            })
        );
    }

    /** A datatable column for a field path; the first links to the record. Keys are `c0`, `c1`...: paths have dots. */
    column(path, label, index) {
        const key = `c${index}`;
        const base = { label, path };
        return index === 0
            ? { ...base, fieldName: 'url', type: 'url', typeAttributes: { label: { fieldName: key } } }
            : { ...base, fieldName: key };
    }

    row(id, valueOf) {
        const row = { Id: id, url: `/lightning/r/${this.objectApiName}/${id}/view` };
        this.columns.forEach((column, index) => {
            row[`c${index}`] = valueOf(column.path) ?? '';
        });
        return row;
    }
}
