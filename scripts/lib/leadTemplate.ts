/**
 * The lead import template (the customer-care manual's Appendix A, as issue 23 lists its columns) and what one
 * row means: the checks that need nothing but the row (required columns per contact type, T/F, identifiers,
 * dates, numbers), and the Lead record the row becomes once its references are resolved (leadImport.ts).
 * Pure functions: no I/O, so every rule is tested on its own.
 */
import { createHash } from 'node:crypto';

/** Appendix A's columns, in order: `--template` writes this header; the errors file adds ERROR_COLUMN. */
export const TEMPLATE_COLUMNS = [
    'New Contact',
    'Contact Type',
    'Identifiers',
    'First Name',
    'Last Name',
    'Company Name',
    'VAT Number',
    'Street',
    'City',
    'Postal Code',
    'State',
    'Country',
    'Phone',
    'Email',
    'Account Number',
    'Lead Type',
    'Category',
    'Priority Level',
    'Importance Level',
    'Probability to Win',
    'Target Amount',
    'Description',
    'Lead Source Type',
    'Lead Source',
    'Products',
    'Competitors',
    'Assigned to Unit',
    'Assigned to User',
    'UDF String 1',
    'UDF String 2',
    'UDF Float 1',
    'UDF Float 2',
    'UDF Date 1',
    'UDF Date 2'
] as const;

export type TemplateColumn = (typeof TEMPLATE_COLUMNS)[number];
export const ERROR_COLUMN = 'Error Message';
export type TemplateRow = Record<TemplateColumn, string>;

/** The identifier types the template's Identifiers column may name, and the field each is stored in. */
export const IDENTIFIER_FIELDS: Record<string, string> = {
    id_number: 'ID_Number__c',
    passport_number: 'Passport_Number__c'
};

/** Columns whose value must be one of the Lead field's active picklist values (checked against the org's describe). */
export const PICKLIST_COLUMNS: Partial<Record<TemplateColumn, string>> = {
    Category: 'Lead_Category__c',
    'Importance Level': 'Importance__c',
    'Lead Source Type': 'Lead_Source_Type__c',
    'Lead Source': 'LeadSource'
};

/** Plain text columns and the Lead field each fills. */
const TEXT_COLUMNS: Partial<Record<TemplateColumn, string>> = {
    'First Name': 'FirstName',
    'VAT Number': 'VAT_Number__c',
    Street: 'Street',
    City: 'City',
    'Postal Code': 'PostalCode',
    State: 'State',
    Country: 'Country',
    Phone: 'Phone',
    Email: 'Email',
    Description: 'Description',
    Products: 'Products__c',
    Competitors: 'Competitors__c',
    'UDF String 1': 'UDF_String_1__c',
    'UDF String 2': 'UDF_String_2__c'
};

export type Identifier = { type: string; field: string; value: string };

/** What a row says before anything in the org is looked up. */
export interface ParsedRow {
    /** 1-based line in the file, the header being line 1. */
    line: number;
    row: TemplateRow;
    newContact: boolean;
    identifiers: Identifier[];
    accountNumber: string | null;
    unit: string | null;
    username: string | null;
    /** The Lead Type column: a Lead record type's DeveloperName or label, resolved against the org (leadImport.ts). */
    leadType: string | null;
    /** Lead fields the row sets directly (text, numbers, dates, picklists as given). */
    fields: Record<string, string | number | null>;
    importKey: string;
}

export class RowError extends Error {}

function value(row: TemplateRow, column: TemplateColumn): string {
    return (row[column] ?? '').trim();
}

function orNull(text: string): string | null {
    return text === '' ? null : text;
}

/** T or F (the template's booleans); TRUE / FALSE are accepted too, any case. */
export function parseFlag(text: string, column: string): boolean {
    const upper = text.trim().toUpperCase();
    if (upper === 'T' || upper === 'TRUE') return true;
    if (upper === 'F' || upper === 'FALSE') return false;
    throw new RowError(`${column} must be T or F, not "${text}".`);
}

/** `id_number|123456,passport_number|X1234567` → typed identifiers; an unknown type or a missing value is an error. */
export function parseIdentifiers(text: string): Identifier[] {
    if (text.trim() === '') return [];
    return text.split(',').map((part) => {
        const [type, identifier, ...rest] = part.split('|').map((piece) => piece.trim());
        const field = IDENTIFIER_FIELDS[type?.toLowerCase() ?? ''];
        if (!field || !identifier || rest.length > 0) {
            throw new RowError(
                `Identifiers must look like id_number|123456,passport_number|X1234567 (types: ${Object.keys(IDENTIFIER_FIELDS).join(', ')}); "${part.trim()}" is not.`
            );
        }
        return { type: type.toLowerCase(), field, value: identifier };
    });
}

/**
 * `dd/mm/yyyy hh:mm` (the template's date format) → ISO 8601 in UTC, refusing impossible dates (31/02). The
 * template carries no time zone; times are read as UTC, and README says so. The same date as Excel re-saves it
 * is read too: without leading zeros (`5/3/2026 9:05`) and with seconds (`05/03/2026 09:05:00`).
 */
export function parseTemplateDate(text: string, column: string): string {
    const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4}) (\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
    const fail = () => new RowError(`${column} must be a date and time as dd/mm/yyyy hh:mm, not "${text}".`);
    if (!match) throw fail();
    const [day, month, year, hour, minute, second = 0] = match.slice(1).map((part) => Number(part ?? 0));
    const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
    const valid =
        date.getUTCDate() === day && date.getUTCMonth() === month - 1 && hour <= 23 && minute <= 59 && second <= 59;
    if (!valid) throw fail();
    return date.toISOString().replace('.000Z', 'Z');
}

/** A plain decimal number (a point as decimal separator); `%` allowed where the column is a percentage. */
export function parseNumber(text: string, column: string, options: { percent?: boolean } = {}): number {
    const cleaned = options.percent ? text.trim().replace(/\s*%$/, '') : text.trim();
    if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(cleaned)) {
        throw new RowError(`${column} must be a number (with a point as decimal separator), not "${text}".`);
    }
    return Number(cleaned);
}

function numberFields(row: TemplateRow): Record<string, number | null> {
    const fields: Record<string, number | null> = {};
    const priority = value(row, 'Priority Level');
    if (priority !== '') {
        const level = parseNumber(priority, 'Priority Level');
        if (!Number.isInteger(level) || level < 1 || level > 10)
            throw new RowError(`Priority Level must be a whole number from 1 to 10, not "${priority}".`);
        fields.Priority_Level__c = level;
    }
    const probability = value(row, 'Probability to Win');
    if (probability !== '') {
        const percent = parseNumber(probability, 'Probability to Win', { percent: true });
        if (percent < 0 || percent > 100)
            throw new RowError(`Probability to Win must be from 0 to 100, not "${probability}".`);
        fields.Probability_To_Win__c = percent;
    }
    const target = value(row, 'Target Amount');
    if (target !== '') {
        const amount = parseNumber(target, 'Target Amount');
        if (amount < 0) throw new RowError(`Target Amount cannot be negative: "${target}".`);
        fields.Target_Amount__c = amount;
    }
    for (const [column, field] of [
        ['UDF Float 1', 'UDF_Float_1__c'],
        ['UDF Float 2', 'UDF_Float_2__c']
    ] as const) {
        const text = value(row, column);
        if (text !== '') fields[field] = parseNumber(text, column);
    }
    return fields;
}

function dateFields(row: TemplateRow): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const [column, field] of [
        ['UDF Date 1', 'UDF_Date_1__c'],
        ['UDF Date 2', 'UDF_Date_2__c']
    ] as const) {
        const text = value(row, column);
        if (text !== '') fields[field] = parseTemplateDate(text, column);
    }
    return fields;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Who the lead is about: a new contact needs names per contact type; an existing one needs identifiers. */
function contactFields(row: TemplateRow, newContact: boolean, identifiers: Identifier[]): Record<string, string> {
    const type = value(row, 'Contact Type').toUpperCase();
    if (type !== 'PERSON' && type !== 'COMPANY')
        throw new RowError(`Contact Type must be PERSON or COMPANY, not "${value(row, 'Contact Type')}".`);
    const lastName = value(row, 'Last Name');
    const company = value(row, 'Company Name');
    if (!newContact) {
        if (identifiers.length === 0)
            throw new RowError('An existing contact (New Contact F) is found by its Identifiers: give at least one.');
        return { Contact_Type__c: type === 'PERSON' ? 'Person' : 'Company' };
    }
    if (type === 'PERSON' && lastName === '') throw new RowError('A new PERSON contact needs a Last Name.');
    if (type === 'COMPANY' && company === '') throw new RowError('A new COMPANY contact needs a Company Name.');
    const fields: Record<string, string> = { Contact_Type__c: type === 'PERSON' ? 'Person' : 'Company' };
    // Lead needs LastName and Company. A person without a company gets "<Last name> Household", the project's
    // household account name (docs/ARCHITECTURE.md); a company without a person is named by the company.
    fields.LastName = lastName !== '' ? lastName : company;
    fields.Company = company !== '' ? company : `${lastName} Household`;
    return fields;
}

/**
 * The import key: a hash of what the row means once parsed (numbers, dates, T/F, identifiers, trimmed text), not
 * of its text, so importing the same row again finds the lead it made (Lead.Import_Key__c, External ID) even from
 * a file Excel re-saved (12500.00 → 12500, 05/03/2026 14:30 → 5/3/2026 14:30, TRUE for T, spaces trimmed); a
 * corrected row is a new row.
 */
export function importKey(row: Omit<ParsedRow, 'line' | 'row' | 'importKey'>): string {
    const meaning = {
        newContact: row.newContact,
        identifiers: row.identifiers.map((i) => `${i.field}|${i.value}`).sort(),
        accountNumber: row.accountNumber,
        unit: row.unit,
        username: row.username,
        leadType: row.leadType,
        fields: Object.entries(row.fields).sort(([a], [b]) => a.localeCompare(b))
    };
    return createHash('sha256').update(JSON.stringify(meaning)).digest('hex').slice(0, 40);
}

/** Checks one row on its own and says what it asks for; throws RowError with a message for the admin. */
export function parseRow(row: TemplateRow, line: number): ParsedRow {
    const newContact = parseFlag(value(row, 'New Contact'), 'New Contact');
    const identifiers = parseIdentifiers(value(row, 'Identifiers'));
    const fields: Record<string, string | number | null> = {
        ...contactFields(row, newContact, identifiers),
        ...numberFields(row),
        ...dateFields(row)
    };
    for (const [column, field] of Object.entries(TEXT_COLUMNS) as [TemplateColumn, string][]) {
        const text = value(row, column);
        if (text !== '') fields[field] = text;
    }
    for (const [column, field] of Object.entries(PICKLIST_COLUMNS) as [TemplateColumn, string][]) {
        const text = value(row, column);
        if (text !== '') fields[field] = text;
    }
    const email = value(row, 'Email');
    if (email !== '' && !EMAIL.test(email)) throw new RowError(`Email is not an email address: "${email}".`);
    const unit = orNull(value(row, 'Assigned to Unit'));
    const username = orNull(value(row, 'Assigned to User'));
    if (unit === null && username === null)
        throw new RowError(
            'Give Assigned to Unit (a queue) or Assigned to User (a username): the lead needs an owner.'
        );
    for (const identifier of identifiers) fields[identifier.field] = identifier.value;
    const meaning = {
        newContact,
        identifiers,
        accountNumber: orNull(value(row, 'Account Number')),
        unit,
        username,
        leadType: orNull(value(row, 'Lead Type')),
        fields
    };
    return { line, row, ...meaning, importKey: importKey(meaning) };
}
