/**
 * Upserts records by Caseline_Key__c through the org's public APIs: sObject Collections in batches of 200 for
 * small loads, Bulk API 2.0 above BULK_THRESHOLD records, where one job beats many synchronous requests and
 * stays within the daily API request limit.
 */
import type { Connection } from '@salesforce/core';
import { stringify } from 'csv-stringify/sync';
import { EXTERNAL_ID_FIELD, isLookupReference, type Scalar } from './plan.ts';
import type { RecordError, SeedOrg, UpsertRecord, UpsertResult } from './seeding.ts';

export const COLLECTION_BATCH_SIZE = 200;

/**
 * Seeded records keep the owners the data gives them, on every run: REST applies the active Case (Lead) assignment
 * rule to creates and updates unless told not to (REST API Developer Guide, "Assignment Rule Header": without the
 * header the default is TRUE). Bulk API 2.0 runs no rule unless the job names one.
 */
export const KEEP_OWNERS = { 'Sforce-Auto-Assign': 'FALSE' };
export const BULK_THRESHOLD = 2000;

export function orgWriter(connection: Connection): SeedOrg {
    return {
        upsert(sobject, records, onProgress) {
            return records.length > BULK_THRESHOLD
                ? upsertWithBulk(connection, sobject, records, onProgress)
                : upsertWithCollections(connection, sobject, records, onProgress);
        },
        update(sobject, records) {
            return records.length > BULK_THRESHOLD
                ? updateWithBulk(connection, sobject, records)
                : inCollectionBatches(
                      records,
                      () => {},
                      (batch) =>
                          connection.sobject(sobject).update(batch as never, { allOrNone: false, headers: KEEP_OWNERS })
                  );
        },
        recordTypeIds(sobject) {
            return recordTypeIds(connection, sobject);
        },
        activatedContractKeys(keys) {
            return activatedContractKeys(connection, keys);
        },
        existingIds(sobject, keys) {
            return existingIds(connection, sobject, keys);
        },
        convertLeads(leadIds, convertedStatus) {
            return convertLeads(connection, leadIds, convertedStatus);
        },
        async convertedLeadIds(leadIds) {
            const converted = new Set<string>();
            for (let start = 0; start < leadIds.length; start += KEYS_PER_QUERY) {
                const list = leadIds
                    .slice(start, start + KEYS_PER_QUERY)
                    .map(soqlString)
                    .join(', ');
                const result = await connection.query<{ Id: string }>(
                    `SELECT Id FROM Lead WHERE IsConverted = true AND Id IN (${list})`
                );
                for (const record of result.records) converted.add(record.Id);
            }
            return converted;
        }
    };
}

/** Leads per convertLead() call: the Apex Reference (Database.convertLead) advises a maximum of 100 LeadConvert objects. */
const LEADS_PER_CONVERT = 100;

/**
 * Converts each lead with the SOAP API's convertLead(): a new account, contact and opportunity (Salesforce's
 * default), owned by the lead's owner; each lead succeeds or fails on its own.
 */
async function convertLeads(connection: Connection, leadIds: string[], convertedStatus: string) {
    const results: UpsertResult[] = [];
    for (let start = 0; start < leadIds.length; start += LEADS_PER_CONVERT) {
        const converted = await connection.soap.convertLead(
            leadIds.slice(start, start + LEADS_PER_CONVERT).map((leadId) => ({
                leadId,
                convertedStatus,
                doNotCreateOpportunity: false,
                overwriteLeadSource: false,
                sendNotificationEmail: false
            }))
        );
        for (const result of converted) {
            results.push({
                id: result.leadId ?? undefined,
                success: result.success,
                errors: (result.errors ?? []).map((error) => ({
                    statusCode: error.statusCode,
                    message: error.message,
                    fields: error.fields ?? []
                }))
            });
        }
    }
    return results;
}

async function existingIds(connection: Connection, sobject: string, keys: string[]): Promise<Map<string, string>> {
    const ids = new Map<string, string>();
    for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
        const list = keys
            .slice(start, start + KEYS_PER_QUERY)
            .map(soqlString)
            .join(', ');
        const records = await connection.query<{ Id: string; Caseline_Key__c: string }>(
            `SELECT Id, ${EXTERNAL_ID_FIELD} FROM ${sobject} WHERE ${EXTERNAL_ID_FIELD} IN (${list})`
        );
        for (const record of records.records) {
            ids.set(record.Caseline_Key__c.toLowerCase(), record.Id);
        }
    }
    return ids;
}

/**
 * Record types by SobjectType and DeveloperName, the pair that names one (labels can be renamed or translated).
 * NamespacePrefix = null: ours are unpackaged, and a managed package may have one of the same DeveloperName.
 */
async function recordTypeIds(connection: Connection, sobject: string): Promise<Map<string, string>> {
    const result = await connection.query<{ Id: string; DeveloperName: string }>(
        `SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = ${soqlString(sobject)} AND NamespacePrefix = null`
    );
    return new Map(result.records.map((record) => [record.DeveloperName, record.Id]));
}

/** Keys a query's IN list takes at a time, well inside SOQL's statement and URL lengths. */
const KEYS_PER_QUERY = 200;

/** StatusCode is the status category: Activated for every status grouped under it (Pending Cancellation, ...). */
async function activatedContractKeys(connection: Connection, keys: string[]): Promise<Set<string>> {
    const activated = new Set<string>();
    for (let start = 0; start < keys.length; start += KEYS_PER_QUERY) {
        const list = keys
            .slice(start, start + KEYS_PER_QUERY)
            .map(soqlString)
            .join(', ');
        const records = await connection.query<{ Caseline_Key__c: string }>(
            `SELECT ${EXTERNAL_ID_FIELD} FROM Contract WHERE StatusCode = 'Activated' AND ${EXTERNAL_ID_FIELD} IN (${list})`
        );
        for (const record of records.records) {
            activated.add(record.Caseline_Key__c.toLowerCase());
        }
    }
    return activated;
}

/** A SOQL string literal: backslashes and single quotes escaped, as the SOQL reference requires. */
export function soqlString(value: string): string {
    return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function upsertWithCollections(
    connection: Connection,
    sobject: string,
    records: UpsertRecord[],
    onProgress: (done: number) => void
): Promise<UpsertResult[]> {
    return inCollectionBatches(records, onProgress, (batch) =>
        connection
            .sobject(sobject)
            .upsert(batch as never, EXTERNAL_ID_FIELD, { allOrNone: false, headers: KEEP_OWNERS })
    );
}

/** sObject Collections take at most 200 records a request; send them one batch after another, in order. */
async function inCollectionBatches(
    records: UpsertRecord[],
    onProgress: (done: number) => void,
    send: (batch: UpsertRecord[]) => Promise<unknown>
): Promise<UpsertResult[]> {
    const results: UpsertResult[] = [];
    for (let start = 0; start < records.length; start += COLLECTION_BATCH_SIZE) {
        const saved = await send(records.slice(start, start + COLLECTION_BATCH_SIZE));
        results.push(...(saved as Parameters<typeof normaliseResult>[0][]).map(normaliseResult));
        onProgress(results.length);
    }
    return results;
}

type OrgError = { statusCode?: string; errorCode?: string; message: string; fields?: string[] };

function normaliseResult(result: {
    id?: string;
    success: boolean;
    created?: boolean;
    errors?: OrgError[];
}): UpsertResult {
    return {
        id: result.id,
        success: result.success,
        created: result.created,
        errors: (result.errors ?? []).map((error) => ({
            statusCode: error.statusCode ?? error.errorCode ?? 'UNKNOWN_ERROR',
            message: error.message,
            fields: error.fields ?? []
        }))
    };
}

type BulkRow = Record<string, string>;

/**
 * CSV for Bulk API 2.0: one header for all rows (the API takes columns from the header only); null is #N/A;
 * a lookup by a parent's field becomes a `Relationship.Field` column, as Bulk API expects.
 */
export function toBulkCsv(records: UpsertRecord[]): string {
    const flat = records.map(flattenLookups);
    const columns = [...new Set(flat.flatMap((record) => Object.keys(record)))];
    const rows = flat.map((record) =>
        columns.map((column) => {
            const value = record[column];
            if (value === null) {
                return '#N/A';
            }
            return value === undefined ? '' : String(value);
        })
    );
    return stringify([columns, ...rows]);
}

function flattenLookups(record: UpsertRecord): Record<string, Scalar> {
    const flat: Record<string, Scalar> = {};
    for (const [field, value] of Object.entries(record)) {
        if (isLookupReference(value)) {
            const [[parentField, parentValue]] = Object.entries(value);
            flat[`${field}.${parentField}`] = parentValue;
        } else {
            flat[field] = value;
        }
    }
    return flat;
}

async function upsertWithBulk(
    connection: Connection,
    sobject: string,
    records: UpsertRecord[],
    onProgress: (done: number) => void
): Promise<UpsertResult[]> {
    const outcome = await connection.bulk2.loadAndWaitForResults({
        object: sobject,
        operation: 'upsert',
        externalIdFieldName: EXTERNAL_ID_FIELD,
        input: toBulkCsv(records),
        pollTimeout: 10 * 60 * 1000
    });
    onProgress(records.length);
    return matchBulkResults(records, outcome as unknown as BulkOutcome);
}

/** Updates by Id in one Bulk API 2.0 job; results back in input order by Id. */
async function updateWithBulk(
    connection: Connection,
    sobject: string,
    records: UpsertRecord[]
): Promise<UpsertResult[]> {
    const outcome = await connection.bulk2.loadAndWaitForResults({
        object: sobject,
        operation: 'update',
        input: toBulkCsv(records),
        pollTimeout: 10 * 60 * 1000
    });
    return matchBulkResults(records, outcome as unknown as BulkOutcome, 'Id');
}

export type BulkOutcome = { successfulResults: BulkRow[]; failedResults: BulkRow[]; unprocessedRecords: BulkRow[] };

/** Bulk results come back grouped by outcome; put them back in input order by external id (or by Id). */
export function matchBulkResults(
    records: UpsertRecord[],
    outcome: BulkOutcome,
    keyField: string = EXTERNAL_ID_FIELD
): UpsertResult[] {
    // External ids compare case-insensitively, as Salesforce does; Ids exactly (sent in their 18-character form).
    const keyOf = keyField === 'Id' ? (value: unknown) => String(value ?? '') : externalKeyOf;
    const byKey = new Map<string, UpsertResult>();
    for (const row of outcome.successfulResults) {
        byKey.set(keyOf(row[keyField]), {
            id: row.sf__Id,
            success: true,
            created: row.sf__Created === 'true',
            errors: []
        });
    }
    for (const row of outcome.failedResults) {
        byKey.set(keyOf(row[keyField]), { success: false, errors: [parseBulkError(row.sf__Error)] });
    }
    for (const row of outcome.unprocessedRecords) {
        byKey.set(keyOf(row[keyField]), {
            success: false,
            errors: [
                { statusCode: 'UNPROCESSED', message: 'Bulk API did not process this record (job aborted or failed).' }
            ]
        });
    }
    return records.map(
        (record) =>
            byKey.get(keyOf(record[keyField])) ?? {
                success: false,
                errors: [{ statusCode: 'NO_RESULT', message: 'Bulk API returned no result for this record.' }]
            }
    );
}

function externalKeyOf(value: unknown): string {
    return String(value ?? '').toLowerCase();
}

/**
 * `REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --` → code, message, fields. Several fields are
 * separated by spaces (`:Name Type --`), none leaves `:--`.
 */
export function parseBulkError(text: string | undefined): RecordError {
    const match = /^([A-Z_]+):(.*):([\w, ]*)--$/s.exec(text ?? '');
    if (!match) {
        return { statusCode: 'UNKNOWN_ERROR', message: text ?? '', fields: [] };
    }
    const fields = match[3].split(/[\s,]+/).filter((field) => field !== '');
    return { statusCode: match[1], message: match[2], fields };
}
