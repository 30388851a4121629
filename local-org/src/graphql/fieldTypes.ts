/**
 * How each field type appears in the GraphQL schema (its value type, filter operators, input scalar) and how its
 * values are shown: `value` as GraphQL carries it, `displayValue` formatted for an en_US user in GMT (the only
 * locale and time zone local-org's users have), as UI API formats it.
 */
import type { FieldDef, FieldType } from '../schema.ts';

interface TypeInfo {
    valueType: string;
    operators: string;
    /** The scalar a mutation input takes. */
    input: string;
}

/** Text areas longer than this are long text areas in UI API (LongTextAreaValue). */
const LONG_TEXT_AREA = 255;

const TYPES: Record<Exclude<FieldType, 'id' | 'textarea'>, TypeInfo> = {
    reference: { valueType: 'IDValue', operators: 'IDOperators', input: 'IdOrRef' },
    string: { valueType: 'StringValue', operators: 'StringOperators', input: 'String' },
    email: { valueType: 'EmailValue', operators: 'EmailOperators', input: 'Email' },
    phone: { valueType: 'PhoneNumberValue', operators: 'PhoneNumberOperators', input: 'PhoneNumber' },
    url: { valueType: 'UrlValue', operators: 'URLOperators', input: 'Url' },
    picklist: { valueType: 'PicklistValue', operators: 'PicklistOperators', input: 'Picklist' },
    combobox: { valueType: 'PicklistValue', operators: 'PicklistOperators', input: 'Picklist' },
    multipicklist: { valueType: 'MultiPicklistValue', operators: 'MultiPicklistOperators', input: 'MultiPicklist' },
    boolean: { valueType: 'BooleanValue', operators: 'BooleanOperators', input: 'Boolean' },
    int: { valueType: 'IntValue', operators: 'IntegerOperators', input: 'Int' },
    double: { valueType: 'DoubleValue', operators: 'DoubleOperators', input: 'Double' },
    currency: { valueType: 'CurrencyValue', operators: 'CurrencyOperators', input: 'Currency' },
    percent: { valueType: 'PercentValue', operators: 'PercentOperators', input: 'Percent' },
    date: { valueType: 'DateValue', operators: 'DateOperators', input: 'Date' },
    datetime: { valueType: 'DateTimeValue', operators: 'DateTimeOperators', input: 'DateTime' }
};

export function typeInfo(field: FieldDef): TypeInfo {
    if (field.type === 'id') return { valueType: 'ID', operators: 'IDOperators', input: 'ID' };
    if (field.type === 'textarea') {
        return (field.length ?? 0) > LONG_TEXT_AREA
            ? { valueType: 'LongTextAreaValue', operators: 'LongTextAreaOperators', input: 'LongTextArea' }
            : { valueType: 'TextAreaValue', operators: 'TextAreaOperators', input: 'TextArea' };
    }
    return TYPES[field.type];
}

/** Long text areas cannot be filtered or sorted on Salesforce. */
export function isFilterable(field: FieldDef): boolean {
    return !(field.type === 'textarea' && (field.length ?? 0) > LONG_TEXT_AREA);
}

/** DataType enum value of ObjectInfo fields; the shared enum has no member for the Id field, which gets null. */
export function dataType(field: FieldDef): string | null {
    if (field.type === 'id') return null;
    return field.type.toUpperCase();
}

export interface FieldValueObject {
    value: unknown;
    displayValue: string | null;
    label?: string | null;
    format?: string | null;
    convertCurrency?: unknown;
}

const MONTH_DAY_YEAR = (year: string, month: string, day: string) => `${Number(month)}/${Number(day)}/${year}`;

/** `2024-05-01` → `5/1/2024`. */
function displayDate(value: string): string {
    const [year, month, day] = value.slice(0, 10).split('-');
    return MONTH_DAY_YEAR(year, month, day);
}

/** `2024-05-01T21:18:00.000Z` → `5/1/2024 9:18 PM` (GMT, the users' time zone). */
function displayDateTime(iso: string): string {
    const date = new Date(iso);
    const hours = date.getUTCHours();
    const minutes = String(date.getUTCMinutes()).padStart(2, '0');
    const clock = `${hours % 12 === 0 ? 12 : hours % 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
    return `${displayDate(date.toISOString())} ${clock}`;
}

/** REST shows date-times as `...+0000`; GraphQL as ISO 8601 with `Z`. */
function isoDateTime(restValue: string): string {
    return restValue.endsWith('+0000') ? restValue.slice(0, -5) + 'Z' : restValue;
}

/**
 * The value object of one field, from the value the SOQL engine returns (REST representation). displayValue is null
 * where UI API leaves it null (text, ids, numbers, booleans) and formatted for picklists (label), dates, date-times,
 * currency and percentages.
 */
export function fieldValue(field: FieldDef, restValue: unknown): FieldValueObject {
    const value = restValue === undefined ? null : restValue;
    const base = { value, displayValue: null as string | null };
    if (value === null) {
        return withExtras(field, base.value === null && field.type === 'boolean' ? { ...base, value: false } : base);
    }
    switch (field.type) {
        case 'picklist':
        case 'combobox': {
            const label = field.picklistValues?.find((v) => v.value === value)?.label ?? String(value);
            return { value, displayValue: label, label };
        }
        case 'multipicklist': {
            const labels = String(value)
                .split(';')
                .map((part) => field.picklistValues?.find((v) => v.value === part)?.label ?? part)
                .join(';');
            return { value, displayValue: labels, label: labels };
        }
        case 'date':
            return { value, displayValue: displayDate(String(value)), format: null };
        case 'datetime': {
            const iso = isoDateTime(String(value));
            return { value: iso, displayValue: displayDateTime(iso), format: null };
        }
        case 'currency':
            return {
                value,
                displayValue: new Intl.NumberFormat('en-US', {
                    style: 'currency',
                    currency: 'USD',
                    minimumFractionDigits: field.scale ?? 2,
                    maximumFractionDigits: field.scale ?? 2
                }).format(Number(value)),
                format: null,
                convertCurrency: null
            };
        case 'percent':
            return {
                value,
                displayValue: `${new Intl.NumberFormat('en-US', { maximumFractionDigits: field.scale ?? 0 }).format(Number(value))}%`,
                format: null
            };
        default:
            return withExtras(field, base);
    }
}

function withExtras(field: FieldDef, base: FieldValueObject): FieldValueObject {
    if (['string', 'textarea', 'picklist', 'combobox', 'multipicklist'].includes(field.type))
        return { ...base, label: null };
    if (['int', 'double', 'currency', 'percent', 'date', 'datetime'].includes(field.type))
        return { ...base, format: null };
    return base;
}
