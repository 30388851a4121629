/**
 * npm run import-leads: reads a template file, checks every row (leadTemplate.ts), resolves what rows name in the
 * org (contacts by identifier, accounts by Account Number, queues, users, picklist values), fails likely duplicate
 * contacts with the project's matcher, and only then writes the good rows through Bulk API 2.0, upserting by
 * Lead.Import_Key__c so the same file imported again creates nothing. Failed rows go to `<file>.errors.csv`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { Connection } from '@salesforce/core';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { ScriptError } from './cli.ts';
import { matchBulkResults, parseBulkError, soqlString, toBulkCsv, type BulkOutcome } from './orgWriter.ts';
import { createMatchIndex, findMatches, type AccountRecord, type ContactRecord } from './recordMatcher.ts';
import { ACCOUNT_COLUMNS, CONTACT_COLUMNS } from './matching.ts';
import {
    ERROR_COLUMN,
    parseRow,
    PICKLIST_COLUMNS,
    RowError,
    TEMPLATE_COLUMNS,
    type ParsedRow,
    type TemplateRow
} from './leadTemplate.ts';
import type { UpsertRecord } from './seeding.ts';
import { readFirstSheetText } from './xlsxSheet.ts';

export const IMPORT_KEY_FIELD = 'Import_Key__c';
/** Where every imported lead starts its life cycle (lwc/leadLifecycle's STATUS_PENDING). */
export const LIFECYCLE_START = 'Pending';
/** Rows per Bulk API 2.0 job: one job per step of the progress bar, well under a job's 150 MB upload. */
export const ROWS_PER_JOB = 10000;
/** Values per SOQL IN list, well inside SOQL's statement length. */
const KEYS_PER_QUERY = 200;

export interface ImportOptions {
    file: string;
    dryRun: boolean;
    allowDuplicates: boolean;
    onProgress?: (done: number, total: number) => void;
}

export interface FailedRow {
    line: number;
    row: TemplateRow;
    error: string;
}

export interface ImportSummary {
    success: boolean;
    dryRun: boolean;
    rows: number;
    created: number;
    updated: number;
    /** Rows imported by an earlier run (their import key is in the org): nothing to write. */
    unchanged: number;
    /** With --dry-run: rows that would be written. */
    toWrite: number;
    failed: FailedRow[];
    errorsFile: string | null;
}

/** `leads.csv` → `leads.errors.csv`, beside the file. */
export function errorsFileFor(file: string): string {
    const extension = extname(file);
    return `${extension ? file.slice(0, -extension.length) : file}.errors.csv`;
}

/** The template file's rows, refusing formats and headers the import cannot read, before any row is looked at. */
export async function readTemplateFile(file: string): Promise<TemplateRow[]> {
    const extension = extname(file).toLowerCase();
    if (extension === '.xls') {
        throw new ScriptError(
            'UnsupportedFormat',
            `${file} is an Excel 97-2003 workbook (.xls), which the import does not read. Save it as .xlsx (Excel Workbook) or .csv and import that.`
        );
    }
    let records: string[][];
    if (extension === '.xlsx') records = await readFirstSheetText(file);
    else if (extension === '.csv') records = readCsvRecords(file);
    else
        throw new ScriptError(
            'UnsupportedFormat',
            `${file}: the import reads the template saved as .csv or .xlsx (first sheet).`
        );
    const [header = [], ...body] = records;
    const names = header.map((name) => name.trim());
    checkHeader(file, names);
    return body.map((cells) => {
        const row = {} as TemplateRow;
        for (const column of TEMPLATE_COLUMNS) row[column] = cells[names.indexOf(column)] ?? '';
        return row;
    });
}

function readCsvRecords(file: string): string[][] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw new ScriptError('UnreadableFile', `Cannot read ${file}: ${(error as Error).message}`);
    }
    try {
        return parse(text.replace(/^\uFEFF/, ''), { relax_column_count: false, skip_empty_lines: true });
    } catch (error) {
        throw new ScriptError('MalformedCsv', `${file} is not valid CSV: ${(error as Error).message}`);
    }
}

function checkHeader(file: string, header: string[]): void {
    const missing = TEMPLATE_COLUMNS.filter((column) => !header.includes(column));
    const unknown = header.filter(
        (name) => !(TEMPLATE_COLUMNS as readonly string[]).includes(name) && name !== ERROR_COLUMN
    );
    if (missing.length > 0 || unknown.length > 0) {
        throw new ScriptError(
            'BadHeader',
            `${file} does not have the template's header.` +
                (missing.length ? ` Missing: ${missing.join(', ')}.` : '') +
                (unknown.length ? ` Unknown: ${unknown.join(', ')}.` : '') +
                ' Start from `npm run import-leads -- --template`.'
        );
    }
}

/** The template's header as a CSV line (`--template`). */
export function templateCsv(): string {
    return stringify([[...TEMPLATE_COLUMNS]]);
}

function errorsCsv(failed: FailedRow[]): string {
    return stringify([
        [...TEMPLATE_COLUMNS, ERROR_COLUMN],
        ...failed.map((failure) => [...TEMPLATE_COLUMNS.map((column) => failure.row[column]), failure.error])
    ]);
}

async function queryAll<T extends Record<string, unknown>>(connection: Connection, soql: string): Promise<T[]> {
    const result = await connection.autoFetchQuery(soql, { maxFetch: 10_000_000 });
    return result.records as unknown as T[];
}

/** Runs `select ... WHERE field IN (...)` over the values in slices, for any number of values. */
async function queryIn<T extends Record<string, unknown>>(
    connection: Connection,
    select: string,
    field: string,
    values: string[]
): Promise<T[]> {
    const unique = [...new Set(values)];
    const records: T[] = [];
    for (let start = 0; start < unique.length; start += KEYS_PER_QUERY) {
        const list = unique
            .slice(start, start + KEYS_PER_QUERY)
            .map(soqlString)
            .join(', ');
        records.push(...(await queryAll<T>(connection, `${select} WHERE ${field} IN (${list})`)));
    }
    return records;
}

type LeadFieldInfo = {
    name: string;
    type: string;
    length: number;
    picklistValues: { value: string; label: string; active: boolean }[];
};

/** describe's recordTypeInfos entry (REST API: developerName and active are there, jsforce's type lacks them). */
type DescribedRecordType = {
    active: boolean;
    available: boolean;
    master: boolean;
    developerName: string;
    name: string;
    recordTypeId: string | null;
};

/** A Lead record type the importing user may give a lead (describe's recordTypeInfos: active and available). */
type LeadType = { recordTypeId: string; developerName: string; name: string };

/** A lead type's defaults for a new lead (Lead Type custom metadata, Lead_Type__mdt, keyed by record type). */
type LeadTypeDefaults = { priorityLevel: number | null; importance: string | null };

/** What the rows need from the org, looked up once for all rows. */
interface OrgLookups {
    leadFields: Map<string, LeadFieldInfo>;
    leadTypes: LeadType[];
    /** By the record type's DeveloperName, lower-cased. */
    leadTypeDefaults: Map<string, LeadTypeDefaults>;
    contactsByIdentifier: Map<
        string,
        {
            Id: string;
            AccountId: string | null;
            LastName: string;
            FirstName: string | null;
            Account?: { Name: string } | null;
        }[]
    >;
    accountsByNumber: Map<string, { Id: string }[]>;
    queues: { Id: string; DeveloperName: string; Name: string }[];
    usersByUsername: Map<string, { Id: string; IsActive: boolean }>;
    existingKeys: Set<string>;
}

async function lookUp(connection: Connection, rows: ParsedRow[]): Promise<OrgLookups> {
    const describe = await connection.sobject('Lead').describe();
    const leadFields = new Map(describe.fields.map((field) => [field.name, field as unknown as LeadFieldInfo]));
    if (!leadFields.has(IMPORT_KEY_FIELD)) {
        throw new ScriptError(
            'NotDeployed',
            `Lead.${IMPORT_KEY_FIELD} is missing or not readable in this org: deploy force-app (npm run deploy) and assign a Caseline permission set.`
        );
    }
    const leadTypes = ((describe.recordTypeInfos ?? []) as unknown as DescribedRecordType[])
        .filter((info) => !info.master && info.active && info.available)
        .map((info) => ({ recordTypeId: info.recordTypeId!, developerName: info.developerName, name: info.name }));
    const leadTypeDefaults = rows.some((row) => row.leadType) ? await leadTypeDefaultsOf(connection) : new Map();
    const identifierValues = rows.flatMap((row) => row.identifiers);
    const contactsByIdentifier: OrgLookups['contactsByIdentifier'] = new Map();
    for (const field of new Set(identifierValues.map((identifier) => identifier.field))) {
        const contacts = await queryIn<
            {
                Id: string;
                AccountId: string | null;
                LastName: string;
                FirstName: string | null;
                Account?: { Name: string } | null;
            } & Record<string, string>
        >(
            connection,
            `SELECT Id, AccountId, FirstName, LastName, Account.Name, ${field} FROM Contact`,
            field,
            identifierValues.filter((identifier) => identifier.field === field).map((identifier) => identifier.value)
        );
        for (const contact of contacts) {
            const key = `${field}|${String(contact[field]).toLowerCase()}`;
            contactsByIdentifier.set(key, [...(contactsByIdentifier.get(key) ?? []), contact]);
        }
    }
    const accounts = await queryIn<{ Id: string; AccountNumber: string }>(
        connection,
        'SELECT Id, AccountNumber FROM Account',
        'AccountNumber',
        rows.flatMap((row) => (row.accountNumber ? [row.accountNumber] : []))
    );
    const accountsByNumber: OrgLookups['accountsByNumber'] = new Map();
    for (const account of accounts) {
        const key = account.AccountNumber.toLowerCase();
        accountsByNumber.set(key, [...(accountsByNumber.get(key) ?? []), account]);
    }
    const queues = rows.some((row) => row.unit)
        ? await queryAll<{ Id: string; DeveloperName: string; Name: string }>(
              connection,
              "SELECT Id, DeveloperName, Name FROM Group WHERE Type = 'Queue'"
          )
        : [];
    const users = await queryIn<{ Id: string; Username: string; IsActive: boolean }>(
        connection,
        'SELECT Id, Username, IsActive FROM User',
        'Username',
        rows.flatMap((row) => (row.username ? [row.username] : []))
    );
    const keys = await queryIn<{ Import_Key__c: string }>(
        connection,
        `SELECT ${IMPORT_KEY_FIELD} FROM Lead`,
        IMPORT_KEY_FIELD,
        rows.map((row) => row.importKey)
    );
    return {
        leadFields,
        leadTypes,
        leadTypeDefaults,
        contactsByIdentifier,
        accountsByNumber,
        queues,
        usersByUsername: new Map(users.map((user) => [user.Username.toLowerCase(), user])),
        existingKeys: new Set(keys.map((key) => key.Import_Key__c.toLowerCase()))
    };
}

/** Lead Type custom metadata (force-app's Lead_Type__mdt): the defaults each lead type gives a new lead. */
async function leadTypeDefaultsOf(connection: Connection): Promise<Map<string, LeadTypeDefaults>> {
    const records = await queryAll<{
        Record_Type__c: string;
        Default_Priority_Level__c: number | null;
        Default_Importance__c: string | null;
    }>(connection, 'SELECT Record_Type__c, Default_Priority_Level__c, Default_Importance__c FROM Lead_Type__mdt');
    return new Map(
        records.map((record) => [
            record.Record_Type__c.toLowerCase(),
            { priorityLevel: record.Default_Priority_Level__c, importance: record.Default_Importance__c }
        ])
    );
}

/** The Lead Type cell → the Lead record type it names, by DeveloperName or label, any case. */
function resolveLeadType(text: string, org: OrgLookups): LeadType {
    const wanted = text.toLowerCase();
    const found =
        org.leadTypes.find((type) => type.developerName.toLowerCase() === wanted) ??
        org.leadTypes.find((type) => type.name.toLowerCase() === wanted);
    if (!found) {
        const names = org.leadTypes.map((type) => type.name).sort();
        throw new RowError(
            names.length === 0
                ? `Lead Type "${text}": no Lead record type is available to you in this org; deploy force-app and assign a Caseline permission set.`
                : `Lead Type "${text}" is not one of: ${names.join(', ')}.`
        );
    }
    return found;
}

/**
 * The lead's type and what it brings: RecordTypeId, and the type's default Priority Level and Importance Level
 * where the row gives none.
 */
function leadTypeFields(row: ParsedRow, org: OrgLookups): Record<string, string | number> {
    if (!row.leadType) return {};
    const type = resolveLeadType(row.leadType, org);
    const defaults = org.leadTypeDefaults.get(type.developerName.toLowerCase());
    const fields: Record<string, string | number> = { RecordTypeId: type.recordTypeId };
    if (defaults?.priorityLevel != null && row.fields.Priority_Level__c === undefined)
        fields.Priority_Level__c = defaults.priorityLevel;
    if (defaults?.importance && row.fields.Importance__c === undefined) fields.Importance__c = defaults.importance;
    return fields;
}

/** A picklist cell matched to an active value by API name or label, any case; the API name is written. */
function picklistValue(field: LeadFieldInfo | undefined, column: string, text: string): string {
    const active = (field?.picklistValues ?? []).filter((v) => v.active);
    const found = active.find(
        (v) => v.value.toLowerCase() === text.toLowerCase() || v.label.toLowerCase() === text.toLowerCase()
    );
    if (!found) {
        throw new RowError(`${column} "${text}" is not one of: ${active.map((v) => v.label).join(', ')}.`);
    }
    return found.value;
}

function resolveOwner(row: ParsedRow, org: OrgLookups): string {
    let queueId: string | undefined;
    if (row.unit) {
        const unit = row.unit.toLowerCase();
        const queue =
            org.queues.find((q) => q.DeveloperName.toLowerCase() === unit) ??
            org.queues.find((q) => q.Name.toLowerCase() === unit);
        if (!queue) {
            throw new RowError(
                org.queues.length === 0
                    ? `Assigned to Unit "${row.unit}": this org has no queues; create the unit's queue (for Leads) first, or give Assigned to User.`
                    : `Assigned to Unit "${row.unit}" is not a queue of this org (queues: ${org.queues.map((q) => q.Name).join(', ')}).`
            );
        }
        queueId = queue.Id;
    }
    if (row.username) {
        const user = org.usersByUsername.get(row.username.toLowerCase());
        if (!user) throw new RowError(`Assigned to User "${row.username}" is not a username in this org.`);
        if (!user.IsActive) throw new RowError(`Assigned to User "${row.username}" is inactive.`);
        // The user owns the lead; the unit, when also given, was checked above but a lead has one owner.
        return user.Id;
    }
    return queueId!;
}

function resolveContact(row: ParsedRow, org: OrgLookups): Record<string, string> {
    const found = new Map<
        string,
        {
            Id: string;
            AccountId: string | null;
            LastName: string;
            FirstName: string | null;
            Account?: { Name: string } | null;
        }
    >();
    for (const identifier of row.identifiers) {
        const contacts = org.contactsByIdentifier.get(`${identifier.field}|${identifier.value.toLowerCase()}`) ?? [];
        if (contacts.length > 1)
            throw new RowError(
                `${identifier.type} ${identifier.value} belongs to ${contacts.length} contacts; it must name one.`
            );
        if (contacts.length === 1) found.set(contacts[0].Id, contacts[0]);
        else if (!row.newContact) throw new RowError(`No contact has ${identifier.type} ${identifier.value}.`);
    }
    if (row.newContact) {
        if (found.size > 0) {
            const [contact] = found.values();
            throw new RowError(
                `New Contact is T, but contact ${contact.FirstName ?? ''} ${contact.LastName} (${contact.Id}) already has these identifiers: set New Contact to F.`.replace(
                    '  ',
                    ' '
                )
            );
        }
        return {};
    }
    if (found.size > 1) throw new RowError('The identifiers name different contacts.');
    const [contact] = found.values();
    return {
        Existing_Contact__c: contact.Id,
        ...(contact.AccountId ? { Existing_Account__c: contact.AccountId } : {}),
        LastName: contact.LastName,
        ...(contact.FirstName ? { FirstName: contact.FirstName } : {}),
        Company: contact.Account?.Name ?? `${contact.LastName} Household`
    };
}

function resolveAccount(row: ParsedRow, org: OrgLookups, contactAccount: string | undefined): Record<string, string> {
    if (!row.accountNumber) return {};
    const accounts = org.accountsByNumber.get(row.accountNumber.toLowerCase()) ?? [];
    if (accounts.length === 0) throw new RowError(`No account has Account Number ${row.accountNumber}.`);
    if (accounts.length > 1)
        throw new RowError(`Account Number ${row.accountNumber} belongs to ${accounts.length} accounts.`);
    if (contactAccount && contactAccount !== accounts[0].Id)
        throw new RowError(`The contact's account is not the account with Account Number ${row.accountNumber}.`);
    return { Existing_Account__c: accounts[0].Id };
}

/** Text too long for its field fails here, with the field's limit, rather than in the middle of the write. */
function checkLengths(record: Record<string, unknown>, org: OrgLookups): void {
    for (const [name, value] of Object.entries(record)) {
        const field = org.leadFields.get(name);
        if (typeof value === 'string' && field && field.length > 0 && value.length > field.length) {
            throw new RowError(`${field.name}: "${value.slice(0, 40)}…" is longer than ${field.length} characters.`);
        }
    }
}

/** The Lead record a row becomes. */
export function resolveRow(row: ParsedRow, org: OrgLookups): UpsertRecord {
    const record: Record<string, string | number | null> = { ...row.fields, ...leadTypeFields(row, org) };
    for (const [column, fieldName] of Object.entries(PICKLIST_COLUMNS) as [string, string][]) {
        const text = record[fieldName];
        if (typeof text === 'string') record[fieldName] = picklistValue(org.leadFields.get(fieldName), column, text);
    }
    const contact = resolveContact(row, org);
    Object.assign(record, contact, resolveAccount(row, org, contact.Existing_Account__c));
    record.OwnerId = resolveOwner(row, org);
    // Set, not left to the org's default: the deploy keeps an org's own default Lead Status (README, "Leads").
    record.Status = LIFECYCLE_START;
    record[IMPORT_KEY_FIELD] = row.importKey;
    checkLengths(record, org);
    return record as UpsertRecord;
}

/** The org's accounts and contacts, for the matcher (only when new contacts are imported). */
async function matchIndexOf(connection: Connection) {
    const accounts = await queryAll<AccountRecord & Record<string, unknown>>(
        connection,
        `SELECT ${ACCOUNT_COLUMNS.join(', ')} FROM Account`
    );
    const contacts = await queryAll<ContactRecord & Record<string, unknown>>(
        connection,
        `SELECT ${CONTACT_COLUMNS.join(', ')}, Name FROM Contact`
    );
    return { index: createMatchIndex(accounts, contacts), accounts, contacts };
}

/**
 * A new contact the matcher links to an existing contact or account (decision `link`) is a likely duplicate: the
 * row fails naming the candidate, unless the admin allows duplicates.
 */
function duplicateCheck(row: ParsedRow, match: Awaited<ReturnType<typeof matchIndexOf>>): void {
    const fields = row.fields;
    const result = findMatches(
        match.index,
        {
            FirstName: (fields.FirstName as string) ?? null,
            LastName: row.row['Last Name'].trim() || null,
            Email: (fields.Email as string) ?? null,
            Phone: (fields.Phone as string) ?? null,
            Company: row.row['Company Name'].trim() || null,
            Street: (fields.Street as string) ?? null,
            City: (fields.City as string) ?? null,
            PostalCode: (fields.PostalCode as string) ?? null,
            Country: (fields.Country as string) ?? null
        },
        { top: 1 }
    );
    if (result.decision !== 'link') return;
    const [candidate] = result.candidates;
    const name =
        candidate.type === 'Contact'
            ? (match.contacts.find((c) => c.Id === candidate.id) as { Name?: string } | undefined)?.Name
            : match.accounts.find((a) => a.Id === candidate.id)?.Name;
    throw new RowError(
        `Likely duplicate of existing ${candidate.type.toLowerCase()} ${name ?? ''} (${candidate.id}; ${candidate.reasons.join(', ')}). ` +
            'Import it as New Contact F with its Identifiers, or re-run with --allow-duplicates if it is a different person.'
    );
}

/** Bulk API 2.0 upserts by import key, one job per ROWS_PER_JOB rows; results in input order. */
async function writeLeads(
    connection: Connection,
    records: UpsertRecord[],
    onProgress: (done: number, total: number) => void
) {
    const results = [];
    for (let start = 0; start < records.length; start += ROWS_PER_JOB) {
        const slice = records.slice(start, start + ROWS_PER_JOB);
        const outcome = await connection.bulk2.loadAndWaitForResults({
            object: 'Lead',
            operation: 'upsert',
            externalIdFieldName: IMPORT_KEY_FIELD,
            input: toBulkCsv(slice),
            pollTimeout: 10 * 60 * 1000
        });
        results.push(...matchBulkResults(slice, outcome as unknown as BulkOutcome, IMPORT_KEY_FIELD));
        onProgress(Math.min(start + ROWS_PER_JOB, records.length), records.length);
    }
    return results;
}

/** An org error as an admin reads it: the message, without the API's code. */
function orgMessage(error: { statusCode: string; message: string }): string {
    return error.statusCode === 'UNKNOWN_ERROR' ? parseBulkError(error.message).message : error.message;
}

export async function importLeads(connection: Connection, options: ImportOptions): Promise<ImportSummary> {
    const rows = await readTemplateFile(options.file);
    const failed: FailedRow[] = [];
    const fail = (row: { line: number; row: TemplateRow }, error: string) =>
        failed.push({ line: row.line, row: row.row, error });

    const parsed: ParsedRow[] = [];
    const firstLineOfKey = new Map<string, number>();
    rows.forEach((row, index) => {
        const line = index + 2;
        try {
            const result = parseRow(row, line);
            const first = firstLineOfKey.get(result.importKey);
            if (first !== undefined) throw new RowError(`Same as line ${first}: a row is imported once.`);
            firstLineOfKey.set(result.importKey, line);
            parsed.push(result);
        } catch (error) {
            if (!(error instanceof RowError)) throw error;
            fail({ line, row }, error.message);
        }
    });

    const org = await lookUp(connection, parsed);
    const match =
        !options.allowDuplicates && parsed.some((row) => row.newContact) ? await matchIndexOf(connection) : undefined;
    let unchanged = 0;
    const toWrite: { row: ParsedRow; record: UpsertRecord }[] = [];
    for (const row of parsed) {
        if (org.existingKeys.has(row.importKey.toLowerCase())) {
            unchanged++;
            continue;
        }
        try {
            const record = resolveRow(row, org);
            if (match && row.newContact) duplicateCheck(row, match);
            toWrite.push({ row, record });
        } catch (error) {
            if (!(error instanceof RowError)) throw error;
            fail(row, error.message);
        }
    }

    let created = 0;
    let updated = 0;
    if (!options.dryRun && toWrite.length > 0) {
        const results = await writeLeads(
            connection,
            toWrite.map((item) => item.record),
            options.onProgress ?? (() => {})
        );
        results.forEach((result, index) => {
            if (result.success) {
                if (result.created) created++;
                else updated++;
            } else {
                fail(toWrite[index].row, result.errors.map(orgMessage).join(' '));
            }
        });
    }

    failed.sort((a, b) => a.line - b.line);
    const errorsFile = failed.length > 0 ? errorsFileFor(options.file) : null;
    if (errorsFile) writeFileSync(errorsFile, errorsCsv(failed));
    return {
        success: failed.length === 0,
        dryRun: options.dryRun,
        rows: rows.length,
        created,
        updated,
        unchanged,
        toWrite: options.dryRun ? toWrite.length : 0,
        failed,
        errorsFile
    };
}
