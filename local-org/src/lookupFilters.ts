/**
 * Lookup filters (a custom lookup field's `<lookupFilter>`): which records the field may point to. Salesforce
 * enforces a required filter on every save, API loads included ("Considerations for Lookup Filters", Salesforce
 * Help: "Lookup filters are enforced when you load data through the API"), failing it with
 * FIELD_FILTER_VALIDATION_EXCEPTION and the filter's error message, or "Value does not exist or does not match
 * filter criteria." without one (Knowledge Article 000384756). The metadata shape is CustomField's lookupFilter
 * (Metadata API Developer Guide, "NamedFilter" / "LookupFilter": active, booleanFilter, description, errorMessage,
 * filterItems, infoMessage, isOptional).
 *
 * local-org applies the subset below and refuses the rest at deploy by name: optional filters and info messages
 * (they only change the lookup dialog, which local-org has none of), operations other than equals / notEqual,
 * `$User`, `$Profile`, `$UserRole` and spanning references.
 */
import { recordError } from './errors.ts';
import { ComponentProblem } from './metadata/problem.ts';
import { checkElements, flag, list, text, type XmlNode } from './metadata/xml.ts';
import type { FieldDef, ObjectDef } from './schema.ts';
import { quoteName, type Db } from './store.ts';
import type { StoredRecord } from './derive.ts';
import type { StoredValue } from './values.ts';

/** A field a filter item compares: on the record the lookup points to (`Contract.AccountId`) or on the saving record (`$Source.AccountId`). */
export interface FilterOperand {
    side: 'target' | 'source';
    field: string;
}

export interface LookupFilterItem {
    field: FilterOperand;
    operation: 'equals' | 'notEqual';
    /** A literal to compare with, or `valueField`: another field. */
    value?: string;
    valueField?: FilterOperand;
}

export interface LookupFilterDef {
    active: boolean;
    booleanFilter?: string;
    errorMessage?: string;
    items: LookupFilterItem[];
}

const LOOKUP_FILTER_ELEMENTS = [
    'active',
    'booleanFilter',
    'description',
    'errorMessage',
    'filterItems',
    'infoMessage',
    'isOptional'
];
const FILTER_ITEM_ELEMENTS = ['field', 'operation', 'value', 'valueField'];
const OPERATIONS = ['equals', 'notEqual'];
/** "Lookup Filter Limits": up to 10 filter criteria a filter. */
const MAX_FILTER_ITEMS = 10;
/** Knowledge Article 000384756: the message when the filter names none of its own. */
const DEFAULT_MESSAGE = 'Value does not exist or does not match filter criteria.';

function unsupported(what: string): ComponentProblem {
    return new ComponentProblem(`${what} in a lookup filter is not supported by local-org`);
}

function operand(reference: string, source: ObjectDef, target: ObjectDef): FilterOperand {
    const [prefix, ...rest] = reference.split('.');
    if (rest.length !== 1) throw unsupported(`The reference ${reference} (a spanning or incomplete reference)`);
    const side = prefix === '$Source' ? 'source' : prefix.toLowerCase() === target.name.toLowerCase() ? 'target' : null;
    if (!side) throw unsupported(`The reference ${reference} (only ${target.name}.Field and $Source.Field)`);
    const object = side === 'source' ? source : target;
    // An object gets RecordTypeId with its first record type, which the same deploy may add after its fields.
    if (rest[0].toLowerCase() === 'recordtypeid') return { side, field: 'RecordTypeId' };
    const field = object.fields.find((f) => f.name.toLowerCase() === rest[0].toLowerCase());
    if (!field) throw new ComponentProblem(`Lookup filter field ${reference} does not exist on ${object.name}`);
    return { side, field: field.name };
}

function filterItem(node: XmlNode, source: ObjectDef, target: ObjectDef): LookupFilterItem {
    checkElements(node, 'FilterItem', FILTER_ITEM_ELEMENTS);
    const operation = text(node, 'operation') ?? '';
    if (!OPERATIONS.includes(operation)) throw unsupported(`The operation ${operation || '(none)'}`);
    const valueField = text(node, 'valueField');
    const value = text(node, 'value');
    if (valueField !== undefined && value !== undefined)
        throw new ComponentProblem('A lookup filter item takes either value or valueField, not both');
    // Salesforce reads a comma-separated value as several values; local-org compares one.
    if (value?.includes(',')) throw unsupported(`The list of values "${value}"`);
    return {
        field: operand(text(node, 'field') ?? '', source, target),
        operation: operation as LookupFilterItem['operation'],
        ...(valueField !== undefined ? { valueField: operand(valueField, source, target) } : { value: value ?? '' })
    };
}

/** The lookup filter a CustomField declares, checked against the objects it names; undefined when it has none. */
export function lookupFilterFromMetadata(
    node: XmlNode | undefined,
    source: ObjectDef,
    target: ObjectDef
): LookupFilterDef | undefined {
    if (!node) return undefined;
    checkElements(node, 'LookupFilter', LOOKUP_FILTER_ELEMENTS);
    if (flag(node, 'isOptional')) throw unsupported('isOptional true (an optional filter)');
    if (text(node, 'infoMessage') !== undefined) throw unsupported('infoMessage');
    const items = list(node, 'filterItems').map((item) => filterItem(item, source, target));
    if (items.length === 0 || items.length > MAX_FILTER_ITEMS)
        throw new ComponentProblem(`A lookup filter needs 1 to ${MAX_FILTER_ITEMS} filter items`);
    const booleanFilter = text(node, 'booleanFilter');
    if (booleanFilter !== undefined)
        evaluateBooleanFilter(
            booleanFilter,
            items.map(() => true)
        );
    return { active: flag(node, 'active'), booleanFilter, errorMessage: text(node, 'errorMessage'), items };
}

/**
 * `1 AND (2 OR NOT 3)`: the filter logic over the items' results, numbered from 1. Throws a ComponentProblem for
 * logic it cannot read (so a deploy refuses it) or that names an item the filter does not have.
 */
export function evaluateBooleanFilter(logic: string, results: boolean[]): boolean {
    const tokens = logic.match(/\d+|\(|\)|[A-Za-z]+|\S/g) ?? [];
    let position = 0;
    const fail = (): never => {
        throw new ComponentProblem(`The lookup filter logic "${logic}" is not valid`);
    };
    const peek = () => tokens[position]?.toUpperCase();
    const primary = (): boolean => {
        const token = tokens[position++];
        if (token === undefined) return fail();
        if (token === '(') {
            const inner = disjunction();
            if (tokens[position++] !== ')') fail();
            return inner;
        }
        if (token.toUpperCase() === 'NOT') return !primary();
        const index = Number(token);
        if (!Number.isInteger(index) || index < 1 || index > results.length) return fail();
        return results[index - 1];
    };
    const conjunction = (): boolean => {
        let value = primary();
        while (peek() === 'AND') {
            position++;
            value = primary() && value;
        }
        return value;
    };
    const disjunction = (): boolean => {
        let value = conjunction();
        while (peek() === 'OR') {
            position++;
            value = conjunction() || value;
        }
        return value;
    };
    const value = disjunction();
    if (position !== tokens.length) fail();
    return value;
}

function comparable(value: StoredValue | undefined): string | null {
    if (value === null || value === undefined || value === '') return null;
    return String(value);
}

/** A literal from the filter as the stored value would read: checkboxes are stored as 1 / 0. */
function literal(field: FieldDef | undefined, value: string): string | null {
    if (value === '') return null;
    if (field?.type === 'boolean') return value.toLowerCase() === 'true' ? '1' : '0';
    return value;
}

/**
 * A record type in a filter is named by its label ("Lookup Filter Examples", Salesforce Help: "Account Record Type
 * equals value Customer Account"), so a RecordTypeId compared with a value compares the record type's name.
 */
function recordTypeName(db: Db, id: string | null): string | null {
    if (id === null) return null;
    const row = db.prepare('SELECT Name FROM RecordType WHERE Id = ?').get(id) as { Name: string } | undefined;
    return row?.Name ?? null;
}

/**
 * Whether a field's filter admits a record of its target for a source record's values: the one filter evaluation
 * behind the save check below and the lookup suggestions of UI API (`rest/lookups.ts`).
 */
export function filterAdmits(
    db: Db,
    filter: LookupFilterDef,
    source: { object: ObjectDef; record: StoredRecord },
    target: { object: ObjectDef; record: StoredRecord }
): boolean {
    const read = (side: FilterOperand): string | null =>
        comparable(side.side === 'source' ? source.record[side.field] : target.record[side.field]);
    const results = filter.items.map((item) => {
        const left =
            item.field.field === 'RecordTypeId' && !item.valueField
                ? recordTypeName(db, read(item.field))
                : read(item.field);
        const fieldDef = (item.field.side === 'source' ? source.object : target.object).fields.find(
            (f) => f.name === item.field.field
        );
        const right = item.valueField ? read(item.valueField) : literal(fieldDef, item.value ?? '');
        return item.operation === 'equals' ? left === right : left !== right;
    });
    return filter.booleanFilter ? evaluateBooleanFilter(filter.booleanFilter, results) : results.every(Boolean);
}

/**
 * Refuses a save whose lookup points to a record the field's active filter excludes. Checked on every save that
 * leaves the lookup set ("Considerations for Lookup Filters": a value a new filter invalidates persists, but the
 * next edit of the record must change it).
 */
export function checkLookupFilters(
    db: Db,
    object: ObjectDef,
    record: StoredRecord,
    targetOf: (name: string) => ObjectDef | undefined
): void {
    for (const field of object.fields) {
        const filter = field.lookupFilter;
        const id = record[field.name];
        if (!filter?.active || id === null || id === undefined) continue;
        const target = targetOf(field.referenceTo![0]);
        if (!target) continue;
        const targetRecord = db.prepare(`SELECT * FROM ${quoteName(target.name)} WHERE Id = ?`).get(id) as
            StoredRecord | undefined;
        const passes =
            targetRecord !== undefined &&
            filterAdmits(db, filter, { object, record }, { object: target, record: targetRecord });
        if (!passes)
            throw recordError('FIELD_FILTER_VALIDATION_EXCEPTION', filter.errorMessage ?? DEFAULT_MESSAGE, [
                field.name
            ]);
    }
}

/** The `filteredLookupInfo` of a field in describe and UI API objectInfo. */
export interface FilteredLookupInfo {
    controllingFields: string[];
    dependent: boolean;
    optionalFilter: boolean;
}

/**
 * What describe (SOAP / REST "Field": filteredLookupInfo) and UI API objectInfo ("Filtered Lookup Info") say of a
 * field's active filter, null without one: the source record's fields the filter reads (`$Source.Field`, which a
 * lookup dialog must send: UI API "Lookup Post Input", a Case.ContactId filtered by `$Source.AccountId` has
 * `controllingFields: ["AccountId"], dependent: true`), whether it depends on them, and whether it is optional
 * (never: optional filters are refused at deploy).
 */
export function filteredLookupInfo(field: FieldDef): FilteredLookupInfo | null {
    const filter = field.lookupFilter;
    if (!filter?.active) return null;
    const controllingFields = new Set<string>();
    for (const item of filter.items)
        for (const side of [item.field, item.valueField])
            if (side?.side === 'source') controllingFields.add(side.field);
    return { controllingFields: [...controllingFields], dependent: controllingFields.size > 0, optionalFilter: false };
}
