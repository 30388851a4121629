/**
 * The formula type system. Salesforce checks formula types when a rule is saved, so local-org does too: a Number
 * where a Boolean is expected is a deploy error, not a runtime surprise.
 */
import type { FieldDef } from '../schema.ts';

export type FormulaType = 'boolean' | 'text' | 'number' | 'date' | 'datetime';

/** Picklists are text that only some functions accept; `null` is the NULL literal; `any` is a flow variable. */
export type StaticType = FormulaType | 'picklist' | 'multipicklist' | 'null' | 'any';

/** Runtime values: blank is always null (never ''), dates are `YYYY-MM-DD`, date-times ISO 8601 UTC. */
export type Value = boolean | string | number | null;

const LABELS: Record<StaticType, string> = {
    boolean: 'Boolean',
    text: 'Text',
    number: 'Number',
    date: 'Date',
    datetime: 'DateTime',
    picklist: 'Picklist',
    multipicklist: 'Multi-Select Picklist',
    null: 'Null',
    any: 'Any'
};

export function typeLabel(type: StaticType): string {
    return LABELS[type];
}

export function fieldFormulaType(field: FieldDef): StaticType {
    switch (field.type) {
        case 'boolean':
            return 'boolean';
        case 'int':
        case 'double':
        case 'currency':
        case 'percent':
            return 'number';
        case 'date':
            return 'date';
        case 'datetime':
            return 'datetime';
        case 'picklist':
            return 'picklist';
        case 'multipicklist':
            return 'multipicklist';
        default:
            return 'text';
    }
}

/** Whether a value of type `actual` may stand where `expected` is required (NULL and flow variables fit anywhere). */
export function fits(actual: StaticType, expected: StaticType): boolean {
    return actual === expected || actual === 'null' || actual === 'any';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The type of a flow variable's value, known only at run time. */
export function inferType(value: Value): StaticType {
    if (value === null) return 'null';
    if (typeof value === 'boolean') return 'boolean';
    if (typeof value === 'number') return 'number';
    if (DATE.test(value)) return 'date';
    if (DATE_TIME.test(value)) return 'datetime';
    return 'text';
}
