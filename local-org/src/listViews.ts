/**
 * List views (Metadata API Developer Guide, "ListView"): a deployed definition (label, filterScope Everything / Mine
 * / Queue, filter line items, booleanFilter, columns) turned into the SOQL query Salesforce describes for it (REST API
 * Developer Guide, "List View Describe": query, columns, orderBy, scope, whereCondition) and run as the caller.
 *
 * Column and filter names are the Metadata API's: custom fields by API name, standard fields by Salesforce's list
 * view names (`CASES.STATUS`, `ACCOUNT.NAME`, `CORE.USERS.ALIAS`...), as `sf project retrieve` writes them. Only the
 * names in STANDARD_COLUMNS are known here; any other is refused at deploy by name, never guessed.
 */
import { ApiError, notSupported } from './errors.ts';
import type { FieldDef, ObjectDef, Schema } from './schema.ts';
import { list, text, type XmlNode } from './metadata/xml.ts';

export type FilterScope = 'Everything' | 'Mine' | 'Queue';

export interface ListViewFilter {
    field: string;
    operation: string;
    value: string;
}

/** A list view as deployed (the ListView node of a CustomObject), checked. */
export interface ListViewDefinition {
    developerName: string;
    label: string;
    filterScope: FilterScope;
    /** The queue's DeveloperName, for filterScope Queue. */
    queue: string | null;
    columns: string[];
    filters: ListViewFilter[];
    booleanFilter: string | null;
}

/** What a list view name stands for: a SOQL path, its label, and for a filter the path and value it compares. */
interface ColumnName {
    path: string;
    label?: string;
    /** Filters compare another path (RecordType by DeveloperName) and may rewrite the value. */
    filterPath?: string;
    filterValue?: (value: string) => string;
}

/** `Case.Web_Form` → `Web_Form`: a record type filter names the record type as Object.DeveloperName. */
function recordTypeValue(objectName: string): (value: string) => string {
    return (value) => {
        const [object, developerName] = value.split('.');
        if (object !== objectName || !developerName)
            throw new ListViewProblem(`record type filter value ${value} is not ${objectName}.<DeveloperName>`);
        return developerName;
    };
}

/**
 * Salesforce's list view names of the standard fields local-org knows, per object (the names `sf project retrieve`
 * writes into a ListView: the standard Account and Case list views and the REST API guide's "List View Describe"
 * example, whose columns are Name, Site, BillingState, Phone, Type and Owner.Alias).
 */
const STANDARD_COLUMNS: Record<string, Record<string, ColumnName>> = {
    Account: {
        'ACCOUNT.NAME': { path: 'Name' },
        'ACCOUNT.SITE': { path: 'Site' },
        'ACCOUNT.ADDRESS1_STATE': { path: 'BillingState' },
        'ACCOUNT.PHONE1': { path: 'Phone' },
        'ACCOUNT.TYPE': { path: 'Type' },
        'ACCOUNT.CREATED_DATE': { path: 'CreatedDate' },
        'CORE.USERS.ALIAS': { path: 'Owner.Alias', label: 'Account Owner Alias' }
    },
    Case: {
        'CASES.CASE_NUMBER': { path: 'CaseNumber' },
        'CASES.SUBJECT': { path: 'Subject' },
        'CASES.STATUS': { path: 'Status' },
        'CASES.PRIORITY': { path: 'Priority' },
        'CASES.ORIGIN': { path: 'Origin' },
        'CASES.TYPE': { path: 'Type' },
        'CASES.CLOSED': { path: 'IsClosed' },
        'CASES.CREATED_DATE_DATE_ONLY': { path: 'CreatedDate', label: 'Date/Time Opened' },
        'CASES.RECORDTYPE': {
            path: 'RecordType.Name',
            label: 'Case Record Type',
            filterPath: 'RecordType.DeveloperName',
            filterValue: recordTypeValue('Case')
        },
        NAME: { path: 'Contact.Name', label: 'Contact Name' },
        'ACCOUNT.NAME': { path: 'Account.Name', label: 'Account Name' },
        'CORE.USERS.ALIAS': { path: 'Owner.Alias', label: 'Case Owner Alias' }
    },
    // Task list views (objects/Task/listViews) name standard fields without a prefix, as retrieved Task list views
    // do (trailheadapps/dreamhouse-lwc's UnscheduledTasks: SUBJECT, WHO_NAME, WHAT_NAME, DUE_DATE, STATUS,
    // PRIORITY, CORE.USERS.ALIAS, LAST_UPDATE, IS_CLOSED). TYPE (Task Type) follows that pattern; no retrieved
    // file showing it was found, so an org smoke test should confirm it.
    Task: {
        SUBJECT: { path: 'Subject' },
        TYPE: { path: 'Type' },
        STATUS: { path: 'Status' },
        PRIORITY: { path: 'Priority' },
        DUE_DATE: { path: 'ActivityDate', label: 'Due Date' },
        IS_CLOSED: { path: 'IsClosed' },
        LAST_UPDATE: { path: 'LastModifiedDate', label: 'Last Modified Date' },
        WHO_NAME: { path: 'Who.Name', label: 'Name' },
        WHAT_NAME: { path: 'What.Name', label: 'Related To' },
        'CORE.USERS.ALIAS': { path: 'Owner.Alias', label: 'Assigned Alias' }
    }
};

/**
 * The standard fields of every custom object by their list view names, as jsforce's test package (deployed to
 * Salesforce by its CI) writes them: `<columns>NAME</columns>`, `CREATED_DATE`, `CREATEDBY_USER.ALIAS`.
 */
const CUSTOM_OBJECT_COLUMNS: Record<string, ColumnName> = {
    NAME: { path: 'Name' },
    CREATED_DATE: { path: 'CreatedDate' },
    'CREATEDBY_USER.ALIAS': { path: 'CreatedBy.Alias', label: 'Created By Alias' }
};

function standardNames(object: ObjectDef): Record<string, ColumnName> {
    return object.custom ? CUSTOM_OBJECT_COLUMNS : (STANDARD_COLUMNS[object.name] ?? {});
}

/** Filter operations (Metadata API, ListViewFilter `operation`, FilterOperation) and what local-org does of them. */
const OPERATIONS = [
    'equals',
    'notEqual',
    'lessThan',
    'greaterThan',
    'lessOrEqual',
    'greaterOrEqual',
    'contains',
    'notContain',
    'startsWith',
    'includes',
    'excludes'
];
/** `within` compares geolocation fields, which local-org's schema has none of. */
const REFUSED_OPERATIONS: Record<string, string> = { within: 'geolocation fields' };

/** ListView elements local-org applies; any other is refused by name (nothing stored is silently ignored). */
const APPLIED_ELEMENTS = ['fullName', 'label', 'filterScope', 'queue', 'columns', 'filters', 'booleanFilter'];
const REFUSED_ELEMENTS: Record<string, string> = {
    sharedTo: 'every list view here is visible to every user (no sharing by group, role or territory)',
    division: 'local-org has no divisions',
    language: 'local-org has one language'
};

/** A deploy problem of one list view; deploy reports it as the component's failure. */
export class ListViewProblem extends Error {}

export function parseListView(node: XmlNode): ListViewDefinition {
    for (const key of Object.keys(node)) {
        if (APPLIED_ELEMENTS.includes(key)) continue;
        const reason = REFUSED_ELEMENTS[key] ?? 'local-org does not apply it';
        throw new ListViewProblem(`ListView element ${key} is not supported by local-org: ${reason}`);
    }
    const developerName = text(node, 'fullName') ?? '';
    const label = text(node, 'label');
    if (!label) throw new ListViewProblem('Required field is missing: label');
    const filterScope = text(node, 'filterScope');
    if (filterScope !== 'Everything' && filterScope !== 'Mine' && filterScope !== 'Queue') {
        throw new ListViewProblem(
            filterScope
                ? `filterScope ${filterScope} is not supported by local-org (it applies Everything, Mine and Queue)`
                : 'Required field is missing: filterScope'
        );
    }
    const queue = text(node, 'queue') ?? null;
    if (filterScope === 'Queue' && !queue) throw new ListViewProblem('filterScope Queue needs the queue element');
    if (filterScope !== 'Queue' && queue) throw new ListViewProblem('queue is allowed only with filterScope Queue');
    const filters = list(node, 'filters').map((f) => ({
        field: text(f, 'field') ?? '',
        operation: text(f, 'operation') ?? '',
        value: text(f, 'value') ?? ''
    }));
    return {
        developerName,
        label,
        filterScope,
        queue,
        columns: list(node, 'columns').map(String),
        filters,
        booleanFilter: text(node, 'booleanFilter') ?? null
    };
}

/** A column or filter field resolved against the schema: its SOQL path and the field at its end. */
export interface ResolvedField {
    name: string;
    path: string;
    label: string;
    field: FieldDef;
    filterPath: string;
    filterValue?: (value: string) => string;
}

/** The field at the end of a path (`Owner.Alias`: Owner points to User first), or undefined. */
function fieldAtPath(schema: Schema, object: ObjectDef, path: string): FieldDef | undefined {
    const parts = path.split('.');
    let current: ObjectDef | undefined = object;
    for (const relationship of parts.slice(0, -1)) {
        const lookup: FieldDef | undefined = current?.fields.find((f) => f.relationshipName === relationship);
        current = lookup?.referenceTo ? schema.object(lookup.referenceTo[0]) : undefined;
    }
    return current?.fields.find((f) => f.name === parts[parts.length - 1]);
}

export function resolveName(schema: Schema, object: ObjectDef, name: string): ResolvedField {
    const standard = standardNames(object)[name];
    if (standard) {
        const field = fieldAtPath(schema, object, standard.path);
        if (field)
            return {
                name,
                path: standard.path,
                label: standard.label ?? field.label,
                field,
                filterPath: standard.filterPath ?? standard.path,
                filterValue: standard.filterValue
            };
    }
    const custom = name.endsWith('__c') ? object.fields.find((f) => f.name === name) : undefined;
    if (custom) return { name, path: custom.name, label: custom.label, field: custom, filterPath: custom.name };
    throw new ListViewProblem(
        `${name} is not a list view field of ${object.name} that local-org knows (custom fields by API name; standard fields by Salesforce's list view names: ${Object.keys(standardNames(object)).join(', ') || 'none known for this object'})`
    );
}

/** Checks a definition against the object's schema: every name, operation and value it uses. */
export function checkListView(schema: Schema, object: ObjectDef, definition: ListViewDefinition): void {
    if (definition.columns.length === 0) throw new ListViewProblem('A list view needs at least one column');
    for (const column of definition.columns) resolveName(schema, object, column);
    compileWhere(schema, object, definition);
}

/** A SOQL string literal's text: backslashes and quotes escaped. */
function escapeString(value: string): string {
    return value.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** A SOQL string literal. */
function quote(value: string): string {
    return `'${escapeString(value)}'`;
}

/** A SOQL date literal or a date / dateTime value as the filter gives it (ISO form); other forms are refused. */
const DATE_LITERAL = /^(?:[A-Z_]+|[A-Z_]+:\d+)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3})?(?:Z|[+-]\d{2}:?\d{2})$/;

function literal(resolved: ResolvedField, raw: string): string {
    const value = resolved.filterValue ? resolved.filterValue(raw) : raw;
    if (resolved.filterPath !== resolved.path) return quote(value);
    switch (resolved.field.type) {
        case 'boolean':
            if (value === '1' || value === 'true') return 'TRUE';
            if (value === '0' || value === 'false') return 'FALSE';
            throw new ListViewProblem(`${resolved.name}: ${value} is not a checkbox value (1 or 0)`);
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            if (!/^-?\d+(?:\.\d+)?$/.test(value))
                throw new ListViewProblem(`${resolved.name}: ${value} is not a number`);
            return value;
        case 'date':
        case 'datetime':
            if (DATE_LITERAL.test(value)) return value;
            if (resolved.field.type === 'date' && ISO_DATE.test(value)) return value;
            if (resolved.field.type === 'datetime' && ISO_DATETIME.test(value)) return value;
            throw new ListViewProblem(
                `${resolved.name}: ${value} is not a date literal (THIS_WEEK, LAST_N_DAYS:30...) or an ISO ${resolved.field.type} (local-org does not read locale-formatted dates)`
            );
        default:
            return quote(value);
    }
}

/** A condition as List View Describe's whereCondition gives it (SOAP API, "SoqlWhereCondition"). */
export type WhereCondition =
    | { field: string; operator: string; values: string[] }
    | { conjunction: 'and' | 'or'; conditions: WhereCondition[] }
    | { condition: WhereCondition };

interface Compiled {
    soql: string;
    where: WhereCondition;
}

/** LIKE patterns for the values: `%` and `_` in a value match themselves (`\\%`, `\\_`), the shape adds wildcards. */
function likeValues(resolved: ResolvedField, values: string[], shape: (v: string) => string): string[] {
    return values.map((v) => {
        const value = resolved.filterValue ? resolved.filterValue(v) : v;
        return `'${shape(escapeString(value).replace(/[%_]/g, '\\$&'))}'`;
    });
}

function any(path: string, operator: 'LIKE', values: string[]): Compiled {
    const conditions = values.map((v) => ({ soql: `${path} ${operator} ${v}`, where: condition(path, 'like', [v]) }));
    return conditions.length === 1
        ? conditions[0]
        : {
              soql: `(${conditions.map((c) => c.soql).join(' OR ')})`,
              where: { conjunction: 'or', conditions: conditions.map((c) => c.where) }
          };
}

function condition(field: string, operator: string, values: string[]): WhereCondition {
    return { field, operator, values };
}

/** One filter line item as SOQL; several comma-separated values match any of them (a list view's "or"). */
function compileFilter(schema: Schema, object: ObjectDef, filter: ListViewFilter): Compiled {
    if (REFUSED_OPERATIONS[filter.operation])
        throw new ListViewProblem(
            `filter operation ${filter.operation} is not supported by local-org (it has no ${REFUSED_OPERATIONS[filter.operation]})`
        );
    if (!OPERATIONS.includes(filter.operation))
        throw new ListViewProblem(`${filter.operation} is not a list view filter operation`);
    const resolved = resolveName(schema, object, filter.field);
    const path = resolved.filterPath;
    const raw = filter.value === '' ? [] : filter.value.split(',').map((v) => v.trim());
    const isText = !['boolean', 'int', 'double', 'currency', 'percent', 'date', 'datetime'].includes(
        resolved.field.type
    );
    switch (filter.operation) {
        case 'equals':
        case 'notEqual': {
            const negate = filter.operation === 'notEqual';
            if (raw.length === 0)
                return {
                    soql: `${path} ${negate ? '!=' : '='} null`,
                    where: condition(path, negate ? 'notEquals' : 'equals', ['null'])
                };
            const values = raw.map((v) => literal(resolved, v));
            if (values.length === 1)
                return {
                    soql: `${path} ${negate ? '!=' : '='} ${values[0]}`,
                    where: condition(path, negate ? 'notEquals' : 'equals', values)
                };
            return {
                soql: `${path} ${negate ? 'NOT IN' : 'IN'} (${values.join(', ')})`,
                where: condition(path, negate ? 'notIn' : 'in', values)
            };
        }
        case 'lessThan':
        case 'greaterThan':
        case 'lessOrEqual':
        case 'greaterOrEqual': {
            if (raw.length !== 1) throw new ListViewProblem(`${filter.field}: ${filter.operation} takes one value`);
            const [sign, operator] = {
                lessThan: ['<', 'lessThan'],
                greaterThan: ['>', 'greaterThan'],
                lessOrEqual: ['<=', 'lessThanOrEqualTo'],
                greaterOrEqual: ['>=', 'greaterThanOrEqualTo']
            }[filter.operation]!;
            const value = literal(resolved, raw[0]);
            return { soql: `${path} ${sign} ${value}`, where: condition(path, operator, [value]) };
        }
        case 'contains':
        case 'notContain':
        case 'startsWith': {
            if (!isText) throw new ListViewProblem(`${filter.field}: ${filter.operation} applies to text fields only`);
            if (raw.length === 0) throw new ListViewProblem(`${filter.field}: ${filter.operation} needs a value`);
            const shape = filter.operation === 'startsWith' ? (v: string) => `${v}%` : (v: string) => `%${v}%`;
            const matched = any(path, 'LIKE', likeValues(resolved, raw, shape));
            if (filter.operation !== 'notContain') return matched;
            return { soql: `(NOT ${matched.soql})`, where: { condition: matched.where } };
        }
        default: {
            // includes / excludes: multi-select picklists.
            if (resolved.field.type !== 'multipicklist')
                throw new ListViewProblem(
                    `${filter.field}: ${filter.operation} applies to multi-select picklists only`
                );
            const values = raw.map(quote);
            const sign = filter.operation === 'includes' ? 'INCLUDES' : 'EXCLUDES';
            return { soql: `${path} ${sign} (${values.join(', ')})`, where: condition(path, filter.operation, values) };
        }
    }
}

/** booleanFilter ("(1 AND 2) OR NOT 3") over the compiled filters; every filter must be used, as Salesforce asks. */
function compileBooleanFilter(expression: string, filters: Compiled[]): Compiled {
    const tokens = expression.match(/\d+|\(|\)|AND|OR|NOT|\S+/gi) ?? [];
    let position = 0;
    const used = new Set<number>();
    const peek = () => tokens[position]?.toUpperCase();
    const fail = (): never => {
        throw new ListViewProblem(`booleanFilter ${expression} is not valid filter logic`);
    };
    function primary(): Compiled {
        const token = tokens[position++];
        if (token === undefined) return fail();
        if (token === '(') {
            const inner = or();
            if (tokens[position++] !== ')') fail();
            return { soql: `(${inner.soql})`, where: inner.where };
        }
        if (token.toUpperCase() === 'NOT') {
            const inner = primary();
            return { soql: `(NOT ${inner.soql})`, where: { condition: inner.where } };
        }
        if (!/^\d+$/.test(token)) return fail();
        const index = Number(token) - 1;
        if (!filters[index])
            throw new ListViewProblem(`booleanFilter ${expression} names filter ${token}, which does not exist`);
        used.add(index);
        return filters[index];
    }
    function joined(next: () => Compiled, word: 'AND' | 'OR'): Compiled {
        const parts = [next()];
        while (peek() === word) {
            position += 1;
            parts.push(next());
        }
        if (parts.length === 1) return parts[0];
        return {
            soql: parts.map((p) => p.soql).join(` ${word} `),
            where: { conjunction: word === 'AND' ? 'and' : 'or', conditions: parts.map((p) => p.where) }
        };
    }
    const and = () => joined(primary, 'AND');
    const or = () => joined(and, 'OR');
    const result = or();
    if (position !== tokens.length) fail();
    if (used.size !== filters.length)
        throw new ListViewProblem(`booleanFilter ${expression} does not use every filter line item`);
    return result;
}

/** The definition's filters as one SOQL condition (empty when there are none) and its whereCondition. */
export function compileWhere(schema: Schema, object: ObjectDef, definition: ListViewDefinition): Compiled {
    const compiled = definition.filters.map((f) => compileFilter(schema, object, f));
    if (definition.booleanFilter) return compileBooleanFilter(definition.booleanFilter, compiled);
    if (compiled.length === 1) return compiled[0];
    return {
        soql: compiled.map((c) => c.soql).join(' AND '),
        where: { conjunction: 'and', conditions: compiled.map((c) => c.where) }
    };
}

/** A column as List View Describe and List View Results give it (SOAP API, "ListViewColumn"). */
export interface ListViewColumn {
    ascendingLabel: string | null;
    descendingLabel: string | null;
    fieldNameOrPath: string;
    hidden: boolean;
    label: string;
    searchable: boolean;
    selectListItem: string;
    sortDirection: 'ascending' | null;
    sortIndex: number | null;
    sortable: boolean;
    type: string;
}

const NUMERIC = ['int', 'double', 'currency', 'percent', 'phone'];

/**
 * Sort labels as the REST guide's List View Describe example shows them: "Z-A" / "A-Z" for text, "9-0" / "0-9" for a
 * phone number; other types take the text labels (the guides show no others). Long text areas do not sort.
 */
function column(
    resolved: { path: string; label: string; field: FieldDef },
    hidden: boolean,
    index: number
): ListViewColumn {
    const sortable = resolved.field.type !== 'textarea' && resolved.field.type !== 'multipicklist';
    const numeric = NUMERIC.includes(resolved.field.type);
    return {
        ascendingLabel: sortable ? (numeric ? '9-0' : 'Z-A') : null,
        descendingLabel: sortable ? (numeric ? '0-9' : 'A-Z') : null,
        fieldNameOrPath: resolved.path,
        hidden,
        label: resolved.label,
        searchable:
            !hidden && ['string', 'email', 'phone', 'textarea', 'url', 'picklist'].includes(resolved.field.type),
        selectListItem: resolved.path,
        sortDirection: index === 0 ? 'ascending' : null,
        sortIndex: index === 0 ? 0 : null,
        sortable,
        type: resolved.field.type
    };
}

/** Fields every list view query carries, hidden: the record's id and audit times (as the REST guide's example). */
const HIDDEN_FIELDS = ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'];

export interface PlannedListView {
    soql: string;
    columns: ListViewColumn[];
    orderBy: { fieldNameOrPath: string; nullsPosition: 'first'; sortDirection: 'ascending' }[];
    scope: 'everything' | 'mine' | 'queue';
    scopeEntityId: string | null;
    whereCondition: WhereCondition;
}

export interface PlanContext {
    schema: Schema;
    userId: string;
    canReadField(objectName: string, fieldName: string): boolean;
    /** The Id of the queue (Group of Type Queue) with this DeveloperName, if there is one. */
    queueId(developerName: string): string | undefined;
    /**
     * UI API answers a relationship field with the related record's name as its displayValue: list-records asks
     * for `<relationship>.Name` beside each column through a relationship (not a column of its own).
     */
    relatedNames?: boolean;
}

/**
 * The query a list view runs for a user: the visible columns the user may read (a field they cannot read is left out,
 * as Lightning leaves it out), the hidden ones, the scope as an owner condition, sorted by the first column then Id.
 */
export function planListView(ctx: PlanContext, object: ObjectDef, definition: ListViewDefinition): PlannedListView {
    const readable = (path: string) => (!path.includes('.') ? ctx.canReadField(object.name, path) : true);
    const visible = definition.columns
        .map((name) => resolveName(ctx.schema, object, name))
        .filter((resolved) => readable(resolved.path));
    const hidden = HIDDEN_FIELDS.filter((name) => !visible.some((v) => v.path === name)).map((name) => {
        const field = object.fields.find((f) => f.name === name)!;
        return { path: name, label: field.label, field };
    });
    const columns = [
        ...visible.map((resolved, index) => column(resolved, false, index)),
        ...hidden.map((resolved) => column(resolved, true, -1))
    ];
    const compiled = compileWhere(ctx.schema, object, definition);
    const conditions = compiled.soql ? [compiled.soql] : [];
    let scopeEntityId: string | null = null;
    if (definition.filterScope === 'Mine') conditions.unshift(`OwnerId = ${quote(ctx.userId)}`);
    if (definition.filterScope === 'Queue') {
        scopeEntityId = ctx.queueId(definition.queue!) ?? null;
        if (!scopeEntityId)
            throw new ApiError(
                400,
                'INVALID_CROSS_REFERENCE_KEY',
                `List view ${definition.developerName} shows the records of queue ${definition.queue}, which does not exist in this org`
            );
        conditions.unshift(`OwnerId = ${quote(scopeEntityId)}`);
    }
    const first = columns[0].fieldNameOrPath;
    const orderBy = [first, ...(first === 'Id' ? [] : ['Id'])].map((fieldNameOrPath) => ({
        fieldNameOrPath,
        nullsPosition: 'first' as const,
        sortDirection: 'ascending' as const
    }));
    const selectItems = columns.map((c) => c.selectListItem);
    if (ctx.relatedNames) {
        for (const c of columns.filter((c) => c.fieldNameOrPath.includes('.'))) {
            const name = `${c.fieldNameOrPath.split('.')[0]}.Name`;
            if (!selectItems.includes(name)) selectItems.push(name);
        }
    }
    const soql =
        `SELECT ${selectItems.join(', ')} FROM ${object.name}` +
        (conditions.length > 0
            ? ` WHERE ${conditions.map((c) => (conditions.length > 1 && / OR /.test(c) ? `(${c})` : c)).join(' AND ')}`
            : '') +
        ` ORDER BY ${orderBy.map((o) => `${o.fieldNameOrPath} ASC NULLS FIRST`).join(', ')}`;
    const whereCondition: WhereCondition =
        compiled.soql === '' ? { conjunction: 'and', conditions: [] } : compiled.where;
    return {
        soql,
        columns,
        orderBy,
        scope:
            definition.filterScope === 'Everything'
                ? 'everything'
                : definition.filterScope === 'Mine'
                  ? 'mine'
                  : 'queue',
        scopeEntityId,
        whereCondition
    };
}

/** Recent List Views needs to know which list views the user viewed last, which local-org does not record. */
export function refuseRecentListViews(objectName: string): never {
    throw notSupported(
        `Recently viewed list views (sobjects/${objectName}/listviews/recent: local-org keeps no record of what was viewed)`
    );
}
