/**
 * `sobjects/X/describe/layouts` (and `/layouts/<recordTypeId>`), `describe/namedLayouts/<name>` and
 * `describe/compactLayouts` (and `/primary`): DescribeLayoutResult and DescribeCompactLayoutsResult (SOAP API
 * Developer Guide, describeLayout() and describeCompactLayouts(); REST API Developer Guide, "sObject Layouts",
 * "sObject Named Layouts", "Get Compact Layouts Using sObject CompactLayouts"), built from the Layout and
 * CompactLayout metadata deployed to the org. What Salesforce fills in by itself and local-org cannot derive is
 * described in local-org/README.md ("Layouts").
 */
import type { CallContext } from '../context.ts';
import { describeField, isLayoutable, NAMED_LAYOUTS } from '../describe.ts';
import { ApiError, notFound, notSupported } from '../errors.ts';
import { makeId } from '../ids.ts';
import { readSource } from '../metadata/stored.ts';
import { flag, list, parseXml, text, type XmlNode } from '../metadata/xml.ts';
import { visibleObject } from '../records.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

const MASTER_RECORD_TYPE_ID = '012000000000000AAA';
/** Key prefixes of Layout and CompactLayout ids (Tooling API Layout `00h`, CompactLayout `0AH`). */
const LAYOUT_PREFIX = '00h';
const COMPACT_LAYOUT_PREFIX = '0AH';
interface StoredLayout {
    id: string;
    name: string;
    node: XmlNode;
}

function layoutableObject(request: RestRequest): ObjectDef {
    const object = visibleObject(request.ctx, request.params[0]);
    if (!object) throw notFound();
    if (!isLayoutable(object)) throw notFound(`The requested resource does not exist: ${object.name} has no layouts`);
    return object;
}

/** Deployed Layout metadata whose name starts with `<prefix>-`, with an id stable for the stored row. */
function deployedLayouts(ctx: CallContext, prefix: string): StoredLayout[] {
    const rows = ctx.db
        .prepare(`SELECT rowid, full_name, content FROM _lo_metadata WHERE type = 'Layout' ORDER BY full_name`)
        .all() as { rowid: number; full_name: string; content: string }[];
    return rows
        .filter((row) => row.full_name.toLowerCase().startsWith(`${prefix.toLowerCase()}-`))
        .map((row) => ({
            id: makeId(LAYOUT_PREFIX, row.rowid),
            name: row.full_name,
            node: (parseXml(JSON.parse(row.content) as string).Layout as XmlNode | undefined) ?? {}
        }));
}

/**
 * The layout every profile and record type of the object sees. local-org refuses Profile layoutAssignments, so
 * there is no assignment to read: one deployed layout is the object's layout (as the one Salesforce creates with
 * a custom object is assigned to every profile); among several, the one named as Salesforce names that first
 * layout (`<Object>-<Label> Layout`); otherwise the choice is refused by name rather than guessed.
 */
function assignedLayout(ctx: CallContext, object: ObjectDef, prefix: string): StoredLayout {
    const layouts = deployedLayouts(ctx, prefix);
    if (layouts.length === 0) return systemLayout(object);
    if (layouts.length === 1) return layouts[0];
    const first = layouts.find((layout) => layout.name === `${prefix}-${object.label} Layout`);
    if (first) return first;
    throw notSupported(
        `Choosing among the layouts ${layouts.map((l) => l.name).join(', ')} (Profile layoutAssignments)`
    );
}

/**
 * For an object without a deployed Layout: the layout Salesforce creates with a new custom object (an Information
 * section with the name field and the owner, a System Information section with Created By and Last Modified By;
 * jsforce's test/package layouts are such layouts as retrieved). Salesforce's shipped layouts of standard objects
 * are not documented; local-org answers this same minimal layout for them, with a null id (no stored layout).
 */
function systemLayout(object: ObjectDef): StoredLayout {
    const has = (name: string) => object.fields.some((field) => field.name === name);
    const items = (names: string[], behavior: string) =>
        names.filter(has).map((field) => ({ layoutItems: [{ behavior, field }] }));
    const nameField = object.fields.find((field) => field.nameField || field.name === 'Name');
    const node: XmlNode = {
        layoutSections: [
            {
                label: 'Information',
                style: 'TwoColumnsTopToBottom',
                detailHeading: 'false',
                editHeading: 'true',
                layoutColumns: [
                    ...items(nameField ? [nameField.name] : [], nameField?.createable ? 'Required' : 'Readonly'),
                    ...items(['OwnerId'], 'Edit')
                ]
            },
            {
                label: 'System Information',
                style: 'TwoColumnsTopToBottom',
                detailHeading: 'true',
                editHeading: 'false',
                layoutColumns: [...items(['CreatedById'], 'Readonly'), ...items(['LastModifiedById'], 'Readonly')]
            }
        ]
    };
    return { id: '', name: `${object.name}-${object.label} Layout`, node };
}

function layoutItemOf(ctx: CallContext, object: ObjectDef, layout: StoredLayout, item: XmlNode, tabOrder: number) {
    const fieldName = text(item, 'field');
    if (fieldName === undefined) {
        if (flag(item, 'emptySpace')) return placeholder();
        const kind = Object.keys(item).find((key) => key !== 'behavior') ?? 'an empty item';
        throw notSupported(`Layout item ${kind} (${layout.name})`);
    }
    const field = ctx.schema.field(object.name, fieldName);
    if (!field) throw notSupported(`Field ${object.name}.${fieldName} of layout ${layout.name}`);
    // A field the user cannot see is left off the layout, as Salesforce does (field-level security).
    if (!ctx.access.canReadField(object.name, field.name)) return undefined;
    return fieldItem(ctx, object, field, text(item, 'behavior') ?? 'Edit', tabOrder);
}

function placeholder() {
    return {
        editableForNew: false,
        editableForUpdate: false,
        label: null,
        layoutComponents: [],
        placeholder: true,
        required: false
    };
}

/** DescribeLayoutItem of a field: its DescribeLayoutComponent carries the field's describe in `details`. */
function fieldItem(ctx: CallContext, object: ObjectDef, field: FieldDef, behavior: string, tabOrder: number) {
    const access = ctx.access.fieldAccess(object.name, field.name);
    const editable = behavior !== 'Readonly' && access.edit;
    return {
        editableForNew: editable && field.createable,
        editableForUpdate: editable && field.updateable,
        label: field.label,
        layoutComponents: [
            {
                details: describeField(ctx, object, field),
                displayLines: field.type === 'textarea' ? 3 : 1,
                tabOrder,
                type: 'Field',
                value: field.name
            }
        ],
        placeholder: false,
        required: behavior === 'Required'
    };
}

const SECTION_STYLES: Record<string, { columns: number; tabOrder: string }> = {
    OneColumn: { columns: 1, tabOrder: 'TopToBottom' },
    TwoColumnsTopToBottom: { columns: 2, tabOrder: 'TopToBottom' },
    TwoColumnsLeftToRight: { columns: 2, tabOrder: 'LeftToRight' }
};

/** DescribeLayoutSection: the Layout's columns turned into rows, a placeholder where a column is shorter. */
function sectionOf(
    ctx: CallContext,
    object: ObjectDef,
    layout: StoredLayout,
    section: XmlNode,
    headingKey: 'detailHeading' | 'editHeading'
) {
    const styleName = text(section, 'style') ?? 'TwoColumnsTopToBottom';
    const style = SECTION_STYLES[styleName];
    if (!style) throw notSupported(`Layout section style ${styleName} (${layout.name})`);
    const columns = list(section, 'layoutColumns').map((column, columnIndex) =>
        list(column, 'layoutItems').map((item, index) =>
            layoutItemOf(ctx, object, layout, item, columnIndex * 1000 + index + 1)
        )
    );
    const visible = columns.map((column) => column.filter((item) => item !== undefined));
    const rowCount = Math.max(0, ...visible.map((column) => column.length));
    const layoutRows = Array.from({ length: rowCount }, (_, row) => {
        const layoutItems = Array.from({ length: style.columns }, (__, col) => visible[col]?.[row] ?? placeholder());
        return { layoutItems, numItems: layoutItems.length };
    });
    return {
        collapsed: false,
        columns: style.columns,
        heading: text(section, 'label') ?? null,
        layoutRows,
        layoutSectionId: null,
        parentLayoutId: layout.id || null,
        rows: rowCount,
        tabOrder: style.tabOrder,
        useCollapsibleSection: false,
        useHeading: flag(section, headingKey, true)
    };
}

function sections(
    ctx: CallContext,
    object: ObjectDef,
    layout: StoredLayout,
    headingKey: 'detailHeading' | 'editHeading'
) {
    return (
        list(layout.node, 'layoutSections')
            // The Custom Links section holds custom links (WebLinks), which local-org does not serve; left empty,
            // as Salesforce creates it, it shows nothing.
            .filter((section) => {
                if (text(section, 'style') !== 'CustomLinks') return true;
                const links = list(section, 'layoutColumns').flatMap((column) => list(column, 'layoutItems'));
                if (links.length > 0) throw notSupported(`Custom links on layout ${layout.name}`);
                return false;
            })
            .map((section) => sectionOf(ctx, object, layout, section, headingKey))
            .filter((section) => headingKey === 'detailHeading' || section.rows > 0)
    );
}

function button(name: string, label: string) {
    return {
        behavior: null,
        colors: null,
        content: null,
        contentSource: null,
        custom: false,
        encoding: null,
        height: null,
        icons: null,
        label,
        menubar: null,
        name,
        overridden: false,
        resizeable: null,
        scrollbars: null,
        showsLocation: null,
        showsStatus: null,
        toolbar: null,
        url: null,
        width: null,
        windowPosition: null
    };
}

/**
 * The detail page's standard buttons the user may use (Edit, Delete, Clone), less the Layout's excludeButtons.
 * Salesforce adds others by object and feature (Sharing, Change Owner, Submit for Approval...), which no
 * documentation lists; custom buttons (WebLinks) are refused by name.
 */
function buttonSection(ctx: CallContext, object: ObjectDef, layout: StoredLayout) {
    if (list(layout.node, 'customButtons').length > 0) throw notSupported(`Custom buttons on layout ${layout.name}`);
    const excluded = new Set(list(layout.node, 'excludeButtons').map(String));
    const access = ctx.access.objectAccess(object.name);
    const buttons = [
        { name: 'Edit', label: 'Edit', allowed: object.updateable && access.edit },
        { name: 'Delete', label: 'Delete', allowed: object.deletable && access.delete },
        { name: 'Clone', label: 'Clone', allowed: object.createable && access.create }
    ];
    return {
        detailButtons: buttons.filter((b) => b.allowed && !excluded.has(b.name)).map((b) => button(b.name, b.label))
    };
}

/**
 * Related lists from the Layout's relatedLists: `Child__c.Parent__c` (custom) or `Related<Child>List` (standard,
 * when the child has a single lookup to the object). Activity and history lists and the like are refused by name.
 */
function relatedLists(ctx: CallContext, object: ObjectDef, layout: StoredLayout) {
    return list(layout.node, 'relatedLists').flatMap((entry) => {
        const listName = text(entry, 'relatedList') ?? '';
        const relationship = relationshipOf(ctx, object, listName);
        if (!relationship) throw notSupported(`Related list ${listName} (${layout.name})`);
        const child = ctx.schema.object(relationship.childObject);
        if (!child || !ctx.access.canReadObject(child.name)) return [];
        const fieldNames = list(entry, 'fields').map(String);
        const columns = (fieldNames.length > 0 ? fieldNames : ['Name'])
            .map((name) => ctx.schema.field(child.name, name) ?? name)
            .map((field) => {
                if (typeof field === 'string') throw notSupported(`Field ${child.name}.${field} of ${listName}`);
                return field;
            })
            .filter((field) => ctx.access.canReadField(child.name, field.name))
            .map((field) => ({
                field: `${child.name}.${field.name}`,
                fieldApiName: field.name,
                format: null,
                label: field.label,
                lookupId: field.type === 'reference' ? field.name : null,
                name: field.name
            }));
        const sortField = text(entry, 'sortField');
        return [
            {
                accessLevelRequiredForCreate: null,
                buttons: [],
                columns,
                custom: child.custom ?? false,
                field: relationship.field,
                label: child.labelPlural,
                limitRows: 5,
                name: relationship.relationshipName,
                sobject: child.name,
                sort: sortField
                    ? [{ ascending: text(entry, 'sortOrder') !== 'Desc', column: `${child.name}.${sortField}` }]
                    : []
            }
        ];
    });
}

function relationshipOf(ctx: CallContext, object: ObjectDef, listName: string) {
    const children = ctx.schema.childRelationships(object.name);
    const custom = /^([^.]+)\.([^.]+)$/.exec(listName);
    if (custom) {
        return children.find(
            (c) =>
                c.childObject.toLowerCase() === custom[1].toLowerCase() &&
                c.field.toLowerCase() === custom[2].toLowerCase()
        );
    }
    const standard = /^Related(\w+)List$/.exec(listName);
    if (!standard) return undefined;
    const matches = children.filter((c) => c.childObject.toLowerCase() === standard[1].toLowerCase());
    return matches.length === 1 ? matches[0] : undefined;
}

/**
 * The Layout's own quick actions (quickActionList). Without one, Salesforce shows the global publisher layout's
 * actions, which it defines itself; local-org has no global actions, so the list is empty.
 */
function quickActionList(layout: StoredLayout) {
    const items = list(layout.node.quickActionList, 'quickActionListItems');
    if (items.length > 0) throw notSupported(`Quick actions on layout ${layout.name}`);
    return { quickActionListItems: [] };
}

function describeLayout(ctx: CallContext, object: ObjectDef, layout: StoredLayout) {
    return {
        buttonLayoutSection: buttonSection(ctx, object, layout),
        detailLayoutSections: sections(ctx, object, layout, 'detailHeading'),
        editLayoutSections: sections(ctx, object, layout, 'editHeading'),
        feedView: null,
        highlightsPanelLayoutSection: null,
        id: layout.id || null,
        multirowEditLayoutSections: [],
        offlineLinks: [],
        quickActionList: quickActionList(layout),
        relatedContent: null,
        relatedLists: relatedLists(ctx, object, layout),
        saveOptions: []
    };
}

interface RecordTypeRow {
    Id: string;
    Name: string;
    DeveloperName: string;
    IsActive: number;
}

function recordTypeRows(ctx: CallContext, object: ObjectDef): RecordTypeRow[] {
    return ctx.db
        .prepare(
            'SELECT Id, Name, DeveloperName, IsActive FROM RecordType WHERE SobjectType = ? AND IsDeleted = 0 ORDER BY Name'
        )
        .all(object.name) as RecordTypeRow[];
}

/** Picklist values per record type: the record type's own selection, or every value for the Master. */
function picklistsForRecordType(ctx: CallContext, object: ObjectDef, developerName: string | undefined) {
    const settings = object.recordTypes?.find((rt) => rt.developerName === developerName);
    return object.fields
        .filter((field) => (field.type === 'picklist' || field.type === 'multipicklist') && field.picklistValues)
        .filter((field) => ctx.access.canReadField(object.name, field.name))
        .map((field) => {
            const selected = settings?.picklistValues[field.name];
            const values = (field.picklistValues ?? []).filter(
                (v) => v.active && (!selected || selected.includes(v.value))
            );
            return {
                picklistName: field.name,
                picklistValues: values.map((v) => ({
                    active: v.active,
                    defaultValue: v.defaultValue,
                    label: v.label,
                    validFor: null,
                    value: v.value
                }))
            };
        });
}

function recordTypeMappings(ctx: CallContext, object: ObjectDef, layout: StoredLayout) {
    const base = `/services/data/v${ctx.apiVersion}/sobjects/${object.name}/describe/layouts/`;
    const rows = recordTypeRows(ctx, object);
    const deployed = rows.map((rt, index) => ({
        active: rt.IsActive === 1,
        available: rt.IsActive === 1,
        defaultRecordTypeMapping: index === 0,
        developerName: rt.DeveloperName,
        layoutId: layout.id || null,
        master: false,
        name: rt.Name,
        picklistsForRecordType: picklistsForRecordType(ctx, object, rt.DeveloperName),
        recordTypeId: rt.Id,
        urls: { layout: `${base}${rt.Id}` }
    }));
    const master = {
        active: true,
        available: true,
        defaultRecordTypeMapping: rows.length === 0,
        developerName: 'Master',
        layoutId: layout.id || null,
        master: true,
        name: 'Master',
        picklistsForRecordType: picklistsForRecordType(ctx, object, undefined),
        recordTypeId: MASTER_RECORD_TYPE_ID,
        urls: { layout: `${base}${MASTER_RECORD_TYPE_ID}` }
    };
    return [...deployed, master];
}

/**
 * All of the object's layouts and its record type mappings. "A GET request for objects that have more than one
 * record type defined returns null for the layouts section" (REST API Developer Guide): the caller then asks per
 * record type.
 */
function layouts(request: RestRequest): RestResponse {
    const object = layoutableObject(request);
    const layout = assignedLayout(request.ctx, object, object.name);
    const active = recordTypeRows(request.ctx, object).filter((rt) => rt.IsActive === 1);
    return json(200, {
        layouts: active.length > 1 ? null : [describeLayout(request.ctx, object, layout)],
        recordTypeMappings: recordTypeMappings(request.ctx, object, layout),
        recordTypeSelectorRequired: [active.length > 1]
    });
}

/** `describe/layouts/<recordTypeId>`: the DescribeLayout of that record type. */
function layoutForRecordType(request: RestRequest): RestResponse {
    const object = layoutableObject(request);
    const recordTypeId = request.params[1];
    const known =
        recordTypeId.slice(0, 15) === MASTER_RECORD_TYPE_ID.slice(0, 15) ||
        recordTypeRows(request.ctx, object).some((rt) => rt.Id.slice(0, 15) === recordTypeId.slice(0, 15));
    if (!known)
        throw notFound(`The requested resource does not exist: no record type ${recordTypeId} on ${object.name}`);
    return json(200, describeLayout(request.ctx, object, assignedLayout(request.ctx, object, object.name)));
}

/** `describe/namedLayouts/<name>`: a DescribeLayoutResult for the named layout (REST API 31.0+). */
function namedLayout(request: RestRequest): RestResponse {
    const object = layoutableObject(request);
    const name = (NAMED_LAYOUTS[object.name] ?? []).find((n) => n.toLowerCase() === request.params[1].toLowerCase());
    if (!name) {
        throw new ApiError(
            404,
            'NOT_FOUND',
            `The requested resource does not exist: ${object.name} has no named layout ${request.params[1]}`
        );
    }
    const layout = assignedLayout(request.ctx, object, name);
    return json(200, {
        layouts: [describeLayout(request.ctx, object, layout)],
        recordTypeMappings: recordTypeMappings(request.ctx, object, layout),
        recordTypeSelectorRequired: [false]
    });
}

interface StoredCompactLayout {
    id: string | null;
    name: string;
    label: string;
    fields: string[];
}

function deployedCompactLayouts(ctx: CallContext, object: ObjectDef): StoredCompactLayout[] {
    const rows = ctx.db
        .prepare(`SELECT rowid, full_name, content FROM _lo_metadata WHERE type = 'CompactLayout' ORDER BY full_name`)
        .all() as { rowid: number; full_name: string; content: string }[];
    return rows
        .filter((row) => row.full_name.toLowerCase().startsWith(`${object.name.toLowerCase()}.`))
        .map((row) => {
            const node = JSON.parse(row.content) as XmlNode;
            const name = row.full_name.slice(object.name.length + 1);
            return {
                id: makeId(COMPACT_LAYOUT_PREFIX, row.rowid),
                name,
                label: text(node, 'label') ?? name,
                fields: list(node, 'fields').map(String)
            };
        });
}

/**
 * The read-only system default compact layout (Salesforce Help, "Compact Layouts": "a predefined set of fields";
 * its id is null, DescribeCompactLayoutsResult). The set is not documented: local-org gives the name field.
 */
function systemCompactLayout(object: ObjectDef): StoredCompactLayout {
    const nameField = object.fields.find((field) => field.nameField || field.name === 'Name');
    return { id: null, name: 'SYSTEM', label: 'System Default', fields: nameField ? [nameField.name] : [] };
}

/** The primary compact layout: the CustomObject's compactLayoutAssignment, or the system default. */
function primaryCompactLayout(ctx: CallContext, object: ObjectDef, deployed: StoredCompactLayout[]) {
    const assigned = text(readSource(ctx.db, 'CustomObject', object.name), 'compactLayoutAssignment');
    if (!assigned || assigned === 'SYSTEM') return systemCompactLayout(object);
    const layout = deployed.find((l) => l.name === assigned);
    if (!layout) throw notFound(`The compact layout ${assigned} assigned to ${object.name} does not exist`);
    return layout;
}

function describeCompactLayout(ctx: CallContext, object: ObjectDef, layout: StoredCompactLayout) {
    const fieldItems = layout.fields.flatMap((name, index) => {
        const field = ctx.schema.field(object.name, name);
        if (!field) throw notSupported(`Field ${object.name}.${name} of compact layout ${layout.name}`);
        if (!ctx.access.canReadField(object.name, field.name)) return [];
        return [fieldItem(ctx, object, field, 'Readonly', index + 1)];
    });
    return {
        // Highlight actions (Call, Send Email, Map...) are set by Salesforce per object; none is documented as a
        // rule local-org could follow, so none is listed.
        actions: [],
        fieldItems,
        id: layout.id,
        imageItems: [],
        label: layout.label,
        name: layout.name,
        objectType: object.name
    };
}

function compactLayouts(request: RestRequest): RestResponse {
    const object = layoutableObject(request);
    const ctx = request.ctx;
    const deployed = deployedCompactLayouts(ctx, object);
    const primary = primaryCompactLayout(ctx, object, deployed);
    const mappings = recordTypeRows(ctx, object).map((rt) => {
        const assigned = text(
            readSource(ctx.db, 'RecordType', `${object.name}.${rt.DeveloperName}`),
            'compactLayoutAssignment'
        );
        const layout = deployed.find((l) => l.name === assigned) ?? primary;
        return { rt, layout };
    });
    const master = { rt: { Id: MASTER_RECORD_TYPE_ID, Name: 'Master', IsActive: 1 }, layout: primary };
    const inUse = [primary, ...mappings.map((m) => m.layout)].filter(
        (layout, index, all) => all.findIndex((l) => l.name === layout.name) === index
    );
    const base = `/services/data/v${ctx.apiVersion}/sobjects/${object.name}/describe/compactLayouts/`;
    return json(200, {
        compactLayouts: inUse.map((layout) => describeCompactLayout(ctx, object, layout)),
        defaultCompactLayoutId: primary.id,
        recordTypeCompactLayoutMappings: [...mappings, master].map(({ rt, layout }) => ({
            available: rt.IsActive === 1,
            compactLayoutId: layout.id,
            compactLayoutName: layout.name,
            recordTypeId: rt.Id,
            recordTypeName: rt.Name,
            urls: { compactLayout: `${base}${rt.Id}` }
        }))
    });
}

function primaryCompact(request: RestRequest): RestResponse {
    const object = layoutableObject(request);
    const primary = primaryCompactLayout(request.ctx, object, deployedCompactLayouts(request.ctx, object));
    return json(200, describeCompactLayout(request.ctx, object, primary));
}

export const layoutRoutes: Route[] = [
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe\/layouts\/?$/, handler: layouts },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe\/layouts\/([^/]+)$/, handler: layoutForRecordType },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe\/namedLayouts\/([^/]+)$/, handler: namedLayout },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe\/compactLayouts\/?$/, handler: compactLayouts },
    { method: 'GET', pattern: /^\/sobjects\/([^/]+)\/describe\/compactLayouts\/primary$/, handler: primaryCompact }
];
