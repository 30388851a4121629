/**
 * `/lightning/r/<Object>/<id>/view`: highlights panel with the page's quick actions (shown by their visibility
 * rules, opening ScreenAction components in a modal), details and related lists, read through REST as the
 * signed-in user. RefreshEvent and notifyRecordUpdateAvailable re-read what the page shows; closing an action does
 * not (as in Lightning Experience, a ScreenAction that writes refreshes the page itself).
 */
import { LightningElement, api, getComponentDef } from 'lwc';
import components from 'preview:components';
import { apiError, describe, queryAll, soqlString, userLocale } from 'preview/api';
import { fieldLabel, formatValue } from 'preview/format';
import { allRecordsUpdated, onRecordUpdate } from 'preview/records';
import { fieldsOfRules, isVisible } from 'preview/visibility';
import { runRefreshHandlers } from 'lightning/refresh';

/** The compact layout the highlights panel shows, by object; other objects show their name field only. */
const HIGHLIGHTS = {
    Case: ['Subject', 'Status', 'Priority', 'Origin', 'RecordType.Name'],
    Account: ['Type', 'Phone', 'Website'],
    Contact: ['Account.Name', 'Email', 'Phone'],
    Opportunity: ['Account.Name', 'StageName', 'CloseDate', 'Amount'],
    Contract: ['Account.Name', 'Status', 'StartDate'],
    Task: ['Status', 'Priority', 'ActivityDate', 'Who.Name', 'What.Name']
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
 * A polymorphic lookup (Case.OwnerId: User or Group; Task.WhoId and WhatId) is read through its relationship's
 * Name, which SOQL answers for polymorphic relationships; its record's object comes from the answer's
 * `attributes.url`.
 */
function isPolymorphic(field) {
    return field.type === 'reference' && field.relationshipName && field.referenceTo.length > 1;
}

/** The object of a related record as the query answered it (`/services/data/vNN.N/sobjects/User/005…`). */
function objectOfRecord(record) {
    return /\/sobjects\/(\w+)\//.exec(record?.attributes?.url ?? '')?.[1];
}

/** The standard action that opens the record edit form (the flexipage's `Edit` in `actionNames`). */
const EDIT_ACTION = 'Edit';

/**
 * The record context for a component: Lightning sets `recordId` and `objectApiName` only on components that
 * declare them as public properties ("Make a Component Aware of Its Record Context" / "... Object Context", LWC
 * Developer Guide); setting an undeclared one would be an unknown property.
 */
function recordContext(ctor, context) {
    const declared = getComponentDef(ctor).props;
    return Object.fromEntries(Object.entries(context).filter(([name]) => Object.hasOwn(declared, name)));
}

function pathValue(row, path) {
    return path.split('.').reduce((value, part) => (value === null || value === undefined ? null : value[part]), row);
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
    historyLists = [];
    pageComponents = [];
    activeAction;
    /** The signed-in user's `{locale, timeZone}`, for dates and numbers. */
    user = {};
    /** The action button that opened the modal, which gets the focus back when it closes. */
    opener;
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
            const [info, user] = await Promise.all([describe(this.objectApiName), userLocale()]);
            this.user = user;
            const fields = info.fields.filter((f) => !SKIPPED_TYPES.has(f.type));
            const paths = new Set(fields.map((f) => f.name));
            for (const f of fields) {
                if (isPolymorphic(f)) paths.add(`${f.relationshipName}.Name`);
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
            this.historyLists = this.historyListsOf(info);
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
                const ctor = load ? (await load()).default : undefined;
                const context = { recordId: this.recordId, objectApiName: this.objectApiName };
                const props = ctor ? recordContext(ctor, context) : {};
                for (const [name, value] of Object.entries(c.properties)) {
                    if (value === '{!recordId}') props[name] = this.recordId;
                    else if (value === '{!objectApiName}') props[name] = this.objectApiName;
                    else props[name] = value;
                }
                return {
                    key: c.identifier,
                    region: c.region,
                    props,
                    ctor,
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

    /**
     * The page's field history lists (`force:relatedListSingleContainer` naming `Histories`), when the user may
     * read the history object (describe lists only the child relationships they can read).
     */
    historyListsOf(info) {
        return (this.recordPage?.relatedLists ?? [])
            .map((list) => ({
                list,
                relation: (info.childRelationships ?? []).find((r) => r.relationshipName === list.relatedListApiName)
            }))
            .filter(({ relation }) => relation && relation.relationshipName === 'Histories')
            .map(({ list, relation }) => ({
                key: list.identifier,
                childObject: relation.childSObject,
                field: relation.field,
                rowsToDisplay: list.rowsToDisplay
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
        if (!reference) return undefined;
        return { ...reference, label: fieldLabel(this.objectApiName, reference), type: 'string' };
    }

    get highlights() {
        if (!this.row) return [];
        return (HIGHLIGHTS[this.objectApiName] ?? [])
            .map((path) => ({ path, field: this.fieldFor(path) }))
            .filter(({ field }) => field)
            .map(({ path, field }) => ({
                key: path,
                label: path === 'RecordType.Name' ? 'Record Type' : fieldLabel(this.objectApiName, field),
                value: formatValue(field, pathValue(this.row, path), this.user)
            }));
    }

    get details() {
        if (!this.row) return [];
        return this.info.fields
            .filter((f) => !SKIPPED_TYPES.has(f.type) && f.name !== 'Id' && f.name !== 'IsDeleted')
            .map((f) => {
                const raw = this.row[f.name];
                const item = { key: f.name, label: fieldLabel(this.objectApiName, f) };
                // A checkbox field shows as a checkbox on a Lightning record page, not as True/False.
                if (f.type === 'boolean')
                    return { ...item, checkbox: true, checked: Boolean(raw), checkedText: String(Boolean(raw)) };
                let value = formatValue(f, raw, this.user);
                let href;
                if (f.type === 'reference' && raw && f.relationshipName && f.referenceTo.length === 1) {
                    const parent = this.row[f.relationshipName];
                    const name = parent?.[NAME_FIELDS[f.referenceTo[0]] ?? 'Name'];
                    if (name) value = String(name);
                    href = `/lightning/r/${f.referenceTo[0]}/${raw}/view`;
                }
                // A lookup shows the related record's name, linked, as Lightning does: the owner and a task's
                // Name and Related To too.
                const parent = isPolymorphic(f) ? this.row[f.relationshipName] : undefined;
                if (parent?.Name && objectOfRecord(parent)) {
                    value = String(parent.Name);
                    href = `/lightning/r/${objectOfRecord(parent)}/${this.row[f.name]}/view`;
                }
                return { ...item, value, href };
            });
    }

    /** A Task's contacts and lead (its TaskRelation rows): Task is read through REST, not UI API. */
    get isTask() {
        return this.objectApiName === 'Task';
    }

    get whoId() {
        return this.row?.WhoId ?? null;
    }

    get recordTypeId() {
        return this.row?.RecordTypeId ?? null;
    }

    /** The object's deployed page layout, which the Edit form follows. */
    get editLayout() {
        return this.recordPage?.layout;
    }

    /** Whether the standard Edit applies: Lightning offers it only to a user who can edit the record. */
    get canEdit() {
        return Boolean(this.info?.updateable);
    }

    get visibleActions() {
        if (!this.row) return [];
        return (
            this.actions
                .filter((action) => isVisible(action.visibilityRule, this.row))
                // Salesforce shows a record's Edit button by the user's object permission (Knowledge 000381425,
                // "Edit button displays on record detail page for users without write access to the record").
                .filter((action) => action.name !== EDIT_ACTION || this.canEdit)
                .map((action) => ({
                    ...action,
                    key: action.name,
                    unavailable: action.name !== EDIT_ACTION && !action.flow && !components[action.component]
                }))
        );
    }

    get hasActions() {
        return this.visibleActions.length > 0;
    }

    async handleAction(event) {
        const button = event.currentTarget;
        const action = this.visibleActions.find((a) => a.name === button.dataset.action);
        if (!action) return;
        this.opener = button;
        if (action.name === EDIT_ACTION) {
            this.activeAction = { ...action, label: `Edit ${this.title ?? ''}`.trim(), edit: true };
            return;
        }
        if (action.flow) {
            // A Flow action: the preview's flow runner, with the record's Id for a recordId input variable.
            this.activeAction = { ...action, runsFlow: true };
            return;
        }
        if (!components[action.component]) return;
        const ctor = (await components[action.component]()).default;
        const props = recordContext(ctor, { recordId: this.recordId, objectApiName: this.objectApiName });
        this.activeAction = { ...action, ctor, props };
    }

    get actionOpen() {
        return Boolean(this.activeAction);
    }

    renderedCallback() {
        const host = this.refs?.action;
        if (host && !host.dataset.listening) {
            host.dataset.listening = 'true';
            host.addEventListener('lightning__actionsclosescreen', () => this.closeAction());
            // SLDS modals: focus moves into the modal when it opens (its first interactive element once the
            // action has rendered, else the dialog itself).
            this.focusModal();
        }
    }

    focusModal() {
        // The dialog takes the focus at once (so Escape works from the start); the action renders asynchronously
        // (wires, awaits), so its first field takes it a moment later, unless the user has moved it already.
        const dialog = this.template.querySelector('[data-id="action-modal"]');
        dialog?.focus();
        // eslint-disable-next-line @lwc/lwc/no-async-operation
        setTimeout(() => {
            if (this.activeElementIn() !== dialog && this.activeElementIn() !== this.template.host) return;
            const first = this.modalFocusables().find((el) => !el.matches('[data-id="modal-close"]'));
            first?.focus();
        }, 300);
    }

    /** The modal's focusable elements, in order, across the action component's shadow trees. */
    modalFocusables() {
        const modal = this.template.querySelector('[data-id="action-modal"]');
        if (!modal) return [];
        const selector =
            'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
        const found = [];
        const walk = (root) => {
            for (const element of root.querySelectorAll('*')) {
                if (element.matches(selector) && element.getClientRects().length > 0) found.push(element);
                if (element.shadowRoot) walk(element.shadowRoot);
            }
        };
        walk(modal);
        return found;
    }

    /** Escape closes the modal; Tab stays inside it (SLDS modal accessibility: focus is trapped in the modal). */
    handleModalKeydown(event) {
        if (event.key === 'Escape') {
            event.stopPropagation();
            this.closeAction();
            return;
        }
        if (event.key !== 'Tab') return;
        const focusables = this.modalFocusables();
        if (focusables.length === 0) return;
        const first = focusables[0];
        const last = focusables[focusables.length - 1];
        const active = this.activeElementIn();
        if (event.shiftKey && active === first) {
            event.preventDefault();
            last.focus();
        } else if (!event.shiftKey && active === last) {
            event.preventDefault();
            first.focus();
        }
    }

    activeElementIn() {
        let active = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active;
    }

    /** The flow ended: the modal closes and, when the interview finished, the page re-reads the record. */
    async handleFlowClose(event) {
        this.closeAction();
        if (event.detail?.finished) await Promise.all([allRecordsUpdated(), runRefreshHandlers()]);
    }

    closeAction() {
        this.activeAction = undefined;
        // Focus returns to the button that opened the modal.
        const opener = this.opener;
        this.opener = undefined;
        opener?.focus();
    }
}
