/**
 * `/lightning/r/<Object>/<id>/view`: highlights panel with the page's quick actions (shown by their visibility
 * rules, opening ScreenAction components in a modal), details and related lists, read through REST as the
 * signed-in user. RefreshEvent and notifyRecordUpdateAvailable re-read what the page shows; closing an action does
 * not (as in Lightning Experience, a ScreenAction that writes refreshes the page itself).
 */
import { LightningElement, api } from 'lwc';
import components from 'preview:components';
import { apiError, describe, queryAll, soqlString } from 'preview/api';
import { allRecordsUpdated, onRecordUpdate } from 'preview/records';
import { fieldsOfRules, isVisible } from 'preview/visibility';
import { runRefreshHandlers } from 'lightning/refresh';

/** The compact layout the highlights panel shows, by object; other objects show their name field only. */
const HIGHLIGHTS = {
    Case: ['Subject', 'Status', 'Priority', 'Origin', 'RecordType.Name'],
    Account: ['Type', 'Phone', 'Website'],
    Contact: ['Account.Name', 'Email', 'Phone'],
    Opportunity: ['Account.Name', 'StageName', 'CloseDate', 'Amount'],
    Contract: ['Account.Name', 'Status', 'StartDate']
};

/** The field that names a record of each object (Case and Contract have numbers, not names). */
const NAME_FIELDS = { Case: 'CaseNumber', Contract: 'ContractNumber', Task: 'Subject' };

const ICONS = {
    Case: 'standard:case',
    Account: 'standard:account',
    Contact: 'standard:contact',
    Opportunity: 'standard:opportunity',
    Contract: 'standard:contract',
    Task: 'standard:task'
};

const SKIPPED_TYPES = new Set(['address', 'location', 'base64']);

/**
 * A polymorphic lookup to users (Case.OwnerId: User or Group) is read through its relationship's Name, which SOQL
 * answers for polymorphic relationships; its record's object comes from the answer's `attributes.url`.
 */
function isUserPolymorphic(field) {
    return (
        field.type === 'reference' &&
        field.relationshipName &&
        field.referenceTo.length > 1 &&
        field.referenceTo.includes('User')
    );
}

/** The object of a related record as the query answered it (`/services/data/vNN.N/sobjects/User/005…`). */
function objectOfRecord(record) {
    return /\/sobjects\/(\w+)\//.exec(record?.attributes?.url ?? '')?.[1];
}

function pathValue(row, path) {
    return path.split('.').reduce((value, part) => (value === null || value === undefined ? null : value[part]), row);
}

function format(field, value) {
    if (value === null || value === undefined || value === '') return '';
    if (field?.type === 'boolean') return value ? 'True' : 'False';
    if (field?.type === 'datetime') return new Date(value).toLocaleString();
    if (field?.type === 'picklist') return field.picklistValues?.find((p) => p.value === value)?.label ?? value;
    return String(value);
}

export default class RecordPage extends LightningElement {
    @api objectApiName;
    @api recordId;
    /** `{name, actions: [{name, label, component, visibilityRule}]}` from the deployed record page. */
    @api recordPage;

    info;
    row;
    error;
    relatedLists = [];
    pageComponents = [];
    activeAction;
    unsubscribe;

    connectedCallback() {
        this.unsubscribe = onRecordUpdate(this.recordId, () => this.load());
        this.template.addEventListener('lightning__refresh', this.handleRefresh);
        this.load();
    }

    disconnectedCallback() {
        this.unsubscribe?.();
        this.template.removeEventListener('lightning__refresh', this.handleRefresh);
    }

    handleRefresh = (event) => {
        event.stopPropagation();
        return Promise.all([allRecordsUpdated(), runRefreshHandlers()]);
    };

    get actions() {
        return (this.recordPage?.actions ?? []).filter(
            (a) => a.objectApiName === this.objectApiName || !a.objectApiName
        );
    }

    async load() {
        try {
            const info = await describe(this.objectApiName);
            const fields = info.fields.filter((f) => !SKIPPED_TYPES.has(f.type));
            const paths = new Set(fields.map((f) => f.name));
            for (const f of fields) {
                if (isUserPolymorphic(f)) paths.add(`${f.relationshipName}.Name`);
                if (f.type !== 'reference' || !f.relationshipName || f.referenceTo.length !== 1) continue;
                paths.add(`${f.relationshipName}.${NAME_FIELDS[f.referenceTo[0]] ?? 'Name'}`);
            }
            for (const path of [
                ...(HIGHLIGHTS[this.objectApiName] ?? []),
                ...fieldsOfRules([...this.actions, ...this.components].map((a) => a.visibilityRule))
            ]) {
                if (path.includes('.') && this.relationshipField(info, path)) paths.add(path);
            }
            const rows = await queryAll(
                `SELECT ${[...paths].join(', ')} FROM ${this.objectApiName} WHERE Id = ${soqlString(this.recordId)}`
            );
            if (rows.length === 0)
                throw apiError(404, [
                    { errorCode: 'NOT_FOUND', message: 'The record does not exist or you cannot see it.' }
                ]);
            this.info = info;
            this.row = rows[0];
            this.error = undefined;
            this.relatedLists = this.relatedListsOf(info);
            await this.loadComponents();
        } catch (error) {
            this.error = error;
        }
    }

    get components() {
        return this.recordPage?.components ?? [];
    }

    /** The page's own components, with their design attributes, shown by their visibility rules. */
    async loadComponents() {
        const visible = this.components.filter((c) => isVisible(c.visibilityRule, this.row));
        const loaded = await Promise.all(
            visible.map(async (c) => {
                const load = components[c.component];
                const props = { recordId: this.recordId, objectApiName: this.objectApiName };
                for (const [name, value] of Object.entries(c.properties)) {
                    if (value === '{!recordId}') props[name] = this.recordId;
                    else if (value === '{!objectApiName}') props[name] = this.objectApiName;
                    else props[name] = value;
                }
                return {
                    key: c.identifier,
                    region: c.region,
                    props,
                    ctor: load ? (await load()).default : undefined,
                    missing: load ? undefined : `Component ${c.component} is not in this project`
                };
            })
        );
        this.pageComponents = loaded;
    }

    get headerComponents() {
        return this.pageComponents.filter((c) => c.region === 'header');
    }

    get mainComponents() {
        return this.pageComponents.filter((c) => c.region === 'main');
    }

    get sidebarComponents() {
        return this.pageComponents.filter((c) => c.region === 'sidebar');
    }

    relationshipField(info, path) {
        const head = path.split('.')[0];
        return info.fields.find((f) => f.relationshipName === head);
    }

    relatedListsOf(info) {
        const relations = (info.childRelationships ?? []).filter(
            (r) => r.relationshipName && (r.childSObject === 'Task' || r.childSObject === 'Case')
        );
        return relations.map((r) => ({
            key: `${r.childSObject}.${r.field}`,
            childObject: r.childSObject,
            field: r.field,
            relationshipName: r.relationshipName
        }));
    }

    get loaded() {
        return Boolean(this.row);
    }

    get errorMessage() {
        const body = this.error?.body;
        if (Array.isArray(body)) return body.map((e) => e.message).join(', ');
        return body?.message ?? this.error?.message ?? String(this.error);
    }

    get title() {
        const nameField = NAME_FIELDS[this.objectApiName] ?? this.info?.fields.find((f) => f.nameField)?.name ?? 'Id';
        return this.row?.[nameField];
    }

    get iconName() {
        return ICONS[this.objectApiName] ?? 'standard:record';
    }

    get objectLabel() {
        return this.info?.label;
    }

    fieldFor(path) {
        const [head, ...rest] = path.split('.');
        if (!rest.length) return this.info.fields.find((f) => f.name === head);
        const reference = this.relationshipField(this.info, path);
        return reference ? { ...reference, label: reference.label.replace(/ ID$/, ''), type: 'string' } : undefined;
    }

    get highlights() {
        if (!this.row) return [];
        return (HIGHLIGHTS[this.objectApiName] ?? [])
            .map((path) => ({ path, field: this.fieldFor(path) }))
            .filter(({ field }) => field)
            .map(({ path, field }) => ({
                key: path,
                label: path === 'RecordType.Name' ? 'Record Type' : field.label,
                value: format(field, pathValue(this.row, path))
            }));
    }

    get details() {
        if (!this.row) return [];
        return this.info.fields
            .filter((f) => !SKIPPED_TYPES.has(f.type) && f.name !== 'Id' && f.name !== 'IsDeleted')
            .map((f) => {
                let value = format(f, this.row[f.name]);
                let href;
                if (f.type === 'reference' && this.row[f.name] && f.relationshipName && f.referenceTo.length === 1) {
                    const parent = this.row[f.relationshipName];
                    const name = parent?.[NAME_FIELDS[f.referenceTo[0]] ?? 'Name'];
                    if (name) value = String(name);
                    href = `/lightning/r/${f.referenceTo[0]}/${this.row[f.name]}/view`;
                }
                // A lookup shows the related record's name, linked, as Lightning does: the owner too.
                const owner = isUserPolymorphic(f) ? this.row[f.relationshipName] : undefined;
                if (owner?.Name && objectOfRecord(owner)) {
                    value = String(owner.Name);
                    href = `/lightning/r/${objectOfRecord(owner)}/${this.row[f.name]}/view`;
                }
                const label = f.type === 'reference' ? f.label.replace(/ ID$/, '') : f.label;
                return { key: f.name, label, value, href };
            });
    }

    get visibleActions() {
        if (!this.row) return [];
        return (
            this.actions
                .filter((action) => isVisible(action.visibilityRule, this.row))
                // Salesforce shows a record's Edit button by the user's object permission (Knowledge 000381425,
                // "Edit button displays on record detail page for users without write access to the record").
                .filter((action) => action.name !== 'Edit' || this.info.updateable)
                .map((action) => ({ ...action, key: action.name, unavailable: !components[action.component] }))
        );
    }

    get hasActions() {
        return this.visibleActions.length > 0;
    }

    async handleAction(event) {
        const name = event.currentTarget.dataset.action;
        const action = this.visibleActions.find((a) => a.name === name);
        if (!action || !components[action.component]) return;
        const module = await components[action.component]();
        this.activeAction = { ...action, ctor: module.default };
    }

    get actionOpen() {
        return Boolean(this.activeAction);
    }

    renderedCallback() {
        const host = this.refs?.action;
        if (host && !host.dataset.listening) {
            host.dataset.listening = 'true';
            host.addEventListener('lightning__actionsclosescreen', () => this.closeAction());
        }
    }

    closeAction() {
        this.activeAction = undefined;
    }
}
