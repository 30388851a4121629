/**
 * Bulk API 1.0's wire formats: job and batch requests and answers in XML or JSON (namespace
 * `http://www.force.com/2009/06/asyncapi/dataload`), batches of records in CSV, XML or JSON, and the per-row results
 * in the batch's own format. Shapes from the Bulk API Developer Guide: "JobInfo", "BatchInfo", "Add a Batch to a
 * Job", "Get Batch Results" (developer.salesforce.com/docs/atlas.en-us.api_asynch.meta/api_asynch/).
 */
import { XMLParser } from 'fast-xml-parser';
import { COLUMN_DELIMITERS, CsvError, CsvWriter, LINE_ENDINGS, parseCsv, type ParsedCsv } from './csv.ts';
import type { RowResult } from './jobs.ts';

export const ASYNC_NAMESPACE = 'http://www.force.com/2009/06/asyncapi/dataload';

export type V1ContentType = 'CSV' | 'XML' | 'JSON';

/** A problem Bulk API 1.0 reports as `<error><exceptionCode>…</exceptionCode><exceptionMessage>…`. */
export class AsyncApiError extends Error {
    constructor(
        readonly status: number,
        readonly exceptionCode: string,
        message: string
    ) {
        super(message);
    }
}

export interface AsyncReply {
    status: number;
    contentType: string;
    body: string;
}

const XML_TYPE = 'application/xml';
const JSON_TYPE = 'application/json';

function escapeXml(value: string): string {
    return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** `<name>value</name>` for each entry; undefined entries are left out. */
function xmlFields(fields: Record<string, unknown>): string {
    return Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
        .join('');
}

/** A jobInfo, batchInfo or error answer in XML or JSON, the format the request (or the job) uses. */
export function infoReply(
    status: number,
    root: 'jobInfo' | 'batchInfo' | 'error',
    fields: Record<string, unknown>,
    json: boolean
): AsyncReply {
    if (json) {
        const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
        return { status, contentType: JSON_TYPE, body: JSON.stringify(defined) };
    }
    const body = `<?xml version="1.0" encoding="UTF-8"?><${root} xmlns="${ASYNC_NAMESPACE}">${xmlFields(fields)}</${root}>`;
    return { status, contentType: XML_TYPE, body };
}

export function errorReply(error: AsyncApiError, json: boolean): AsyncReply {
    return infoReply(
        error.status,
        'error',
        { exceptionCode: error.exceptionCode, exceptionMessage: error.message },
        json
    );
}

export function batchListReply(batches: Record<string, unknown>[], json: boolean): AsyncReply {
    if (json) return { status: 200, contentType: JSON_TYPE, body: JSON.stringify({ batchInfo: batches }) };
    const items = batches.map((batch) => `<batchInfo>${xmlFields(batch)}</batchInfo>`).join('');
    return {
        status: 200,
        contentType: XML_TYPE,
        body: `<?xml version="1.0" encoding="UTF-8"?><batchInfoList xmlns="${ASYNC_NAMESPACE}">${items}</batchInfoList>`
    };
}

/** A query batch's result ids: `<result-list>` for CSV and XML jobs, a JSON array for JSON jobs. */
export function resultListReply(resultIds: string[], json: boolean): AsyncReply {
    if (json) return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(resultIds) };
    const items = resultIds.map((id) => `<result>${id}</result>`).join('');
    return {
        status: 200,
        contentType: XML_TYPE,
        body: `<?xml version="1.0" encoding="UTF-8"?><result-list xmlns="${ASYNC_NAMESPACE}">${items}</result-list>`
    };
}

const requestParser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    removeNSPrefix: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (name, jPath) => name === 'sObject' && String(jPath) === 'sObjects.sObject'
});

function parseXmlRequest(text: string): Record<string, unknown> {
    try {
        return requestParser.parse(text, true) as Record<string, unknown>;
    } catch (error) {
        throw new AsyncApiError(400, 'InvalidXML', `Unable to parse XML: ${(error as Error).message}`);
    }
}

/** A jobInfo request body (create, close, abort) as name → text. */
export function readJobRequest(text: string, json: boolean): Record<string, string> {
    if (json) {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch (error) {
            throw new AsyncApiError(400, 'InvalidJob', `Unable to parse JSON: ${(error as Error).message}`);
        }
        if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
            throw new AsyncApiError(400, 'InvalidJob', 'The request body must be a JSON jobInfo object');
        }
        return Object.fromEntries(Object.entries(parsed).map(([key, value]) => [key, String(value)]));
    }
    const info = parseXmlRequest(text).jobInfo;
    if (info === undefined || info === null || typeof info !== 'object') {
        throw new AsyncApiError(400, 'InvalidXML', 'The request body must be a jobInfo element');
    }
    return Object.fromEntries(
        Object.entries(info as Record<string, unknown>)
            .filter(([key]) => !key.startsWith('@_'))
            .map(([key, value]) => [key, String(value)])
    );
}

/** Text used in a batch row for a value set to null: the same `#N/A` CSV batches use. */
const NULL_VALUE = '#N/A';

/**
 * Records of an XML or JSON batch as CSV-like rows: the header is every field any record names, in the order first
 * seen; a field a record leaves out is '' (left alone), null is `#N/A`, and a parent given by one of its unique
 * fields (`<Account><Key__c>K1</Key__c></Account>`) is the column `Account.Key__c`, as in a CSV batch.
 */
function recordsToRows(records: Record<string, unknown>[]): ParsedCsv {
    const header: string[] = [];
    const flat = records.map((record) => {
        const values = new Map<string, string>();
        for (const [name, value] of Object.entries(record)) {
            if (name.startsWith('@_') || name === 'attributes' || name === 'type') continue;
            if (value !== null && typeof value === 'object' && !isNil(value)) {
                for (const [key, keyValue] of Object.entries(value as Record<string, unknown>)) {
                    if (key.startsWith('@_') || key === 'attributes' || key === 'type') continue;
                    values.set(`${name}.${key}`, cellText(keyValue));
                }
            } else {
                values.set(name, cellText(value));
            }
        }
        for (const name of values.keys()) if (!header.includes(name)) header.push(name);
        return values;
    });
    return { header, rows: flat.map((values) => header.map((name) => values.get(name) ?? '')) };
}

function isNil(value: unknown): boolean {
    return (value as Record<string, unknown>)['@_nil'] === 'true';
}

function cellText(value: unknown): string {
    if (value === null || (value !== null && typeof value === 'object' && isNil(value))) return NULL_VALUE;
    if (typeof value === 'object') return JSON.stringify(value);
    return String(value);
}

/** A batch's records, in the job's format; a parse problem becomes the batch's stateMessage. */
export function readBatchRecords(text: string, contentType: V1ContentType): ParsedCsv {
    if (contentType === 'CSV') {
        try {
            return parseCsv(text, COLUMN_DELIMITERS.COMMA);
        } catch (error) {
            if (error instanceof CsvError) throw new BatchContentError(`Failed to parse CSV: ${error.message}`);
            throw error;
        }
    }
    if (contentType === 'JSON') {
        let parsed: unknown;
        try {
            parsed = JSON.parse(text);
        } catch (error) {
            throw new BatchContentError(`Failed to parse JSON: ${(error as Error).message}`);
        }
        if (!Array.isArray(parsed) || parsed.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
            throw new BatchContentError('A JSON batch must be an array of records');
        }
        return recordsToRows(parsed as Record<string, unknown>[]);
    }
    let document: Record<string, unknown>;
    try {
        document = requestParser.parse(text, true) as Record<string, unknown>;
    } catch (error) {
        throw new BatchContentError(`Failed to parse XML: ${(error as Error).message}`);
    }
    const root = document.sObjects as Record<string, unknown> | undefined;
    if (root === undefined) throw new BatchContentError('An XML batch must be an sObjects element');
    return recordsToRows((root.sObject ?? []) as Record<string, unknown>[]);
}

/** The batch's content cannot be read: the batch fails with `InvalidBatch : <message>`. */
export class BatchContentError extends Error {}

/** `CODE:message:Field1 Field2 --` (how rows' errors are kept) back into its parts, for XML and JSON results. */
function errorParts(text: string): { statusCode: string; message: string; fields: string[] } {
    const codeEnd = text.indexOf(':');
    const fieldsStart = text.lastIndexOf(':');
    const fields = text
        .slice(fieldsStart + 1)
        .replace(/--$/, '')
        .trim();
    return {
        statusCode: text.slice(0, codeEnd),
        message: text.slice(codeEnd + 1, fieldsStart),
        fields: fields === '' ? [] : fields.split(' ')
    };
}

/**
 * An ingest batch's results in the batch's format, one per processed row in upload order: CSV
 * `"Id","Success","Created","Error"`, XML `<results><result><id>…`, JSON `[{success, created, id, errors}]`.
 */
export function ingestResultsReply(outcomes: RowResult[], contentType: V1ContentType): AsyncReply {
    if (contentType === 'CSV') {
        const writer = new CsvWriter(',', LINE_ENDINGS.LF);
        writer.row(['Id', 'Success', 'Created', 'Error']);
        for (const [success, id, created, error] of outcomes) {
            writer.row([id, success ? 'true' : 'false', created ? 'true' : 'false', error]);
        }
        return { status: 200, contentType: 'text/csv', body: writer.text() };
    }
    if (contentType === 'JSON') {
        const results = outcomes.map(([success, id, created, error]) => ({
            success: success === 1,
            created: created === 1,
            id: id === '' ? null : id,
            errors: success ? [] : [errorParts(error)]
        }));
        return { status: 200, contentType: JSON_TYPE, body: JSON.stringify(results) };
    }
    const items = outcomes
        .map(([success, id, created, error]) => {
            const idPart = id === '' ? '<id xsi:nil="true"/>' : `<id>${id}</id>`;
            const errors = success
                ? ''
                : (() => {
                      const parts = errorParts(error);
                      const fields = parts.fields.map((field) => `<fields>${escapeXml(field)}</fields>`).join('');
                      return `<errors>${fields}<message>${escapeXml(parts.message)}</message><statusCode>${parts.statusCode}</statusCode></errors>`;
                  })();
            return `<result>${errors}${idPart}<success>${success === 1}</success><created>${created === 1}</created></result>`;
        })
        .join('');
    return {
        status: 200,
        contentType: XML_TYPE,
        body: `<?xml version="1.0" encoding="UTF-8"?><results xmlns="${ASYNC_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${items}</results>`
    };
}

/** One record of an XML query result: fields in order, parents nested, nulls `xsi:nil`. */
function xmlRecord(record: Record<string, unknown>): string {
    const attributes = record.attributes as { type?: string } | undefined;
    const parts = [`<type>${escapeXml(attributes?.type ?? '')}</type>`];
    for (const [name, value] of Object.entries(record)) {
        if (name === 'attributes') continue;
        if (value === null || value === undefined) parts.push(`<${name} xsi:nil="true"/>`);
        else if (typeof value === 'object') {
            parts.push(`<${name} xsi:type="sObject">${xmlRecord(value as Record<string, unknown>)}</${name}>`);
        } else parts.push(`<${name}>${escapeXml(String(value))}</${name}>`);
    }
    return parts.join('');
}

/** A query result in an XML job: `<queryResult><records xsi:type="sObject">…`. */
export function xmlQueryResult(records: Record<string, unknown>[]): string {
    const items = records.map((record) => `<records xsi:type="sObject">${xmlRecord(record)}</records>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><queryResult xmlns="${ASYNC_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${items}</queryResult>`;
}
