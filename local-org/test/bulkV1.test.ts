/**
 * Bulk API 1.0 (`/services/async`) against local-org: jsforce 3's `bulk` unmodified (CSV jobs: insert, update,
 * delete, query, an invalid session), and raw calls for XML and JSON jobs, partial success, failed batches, abort and
 * Bulk API 1.0's XML errors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { createBulkV1Tables } from '../src/bulk/v1.ts';
import { rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const VERSION = '60.0';
const ASYNC = `/services/async/${VERSION}`;

let t: TestOrg;

function connection(token = t.admin.accessToken): Connection {
    const conn = new Connection({ instanceUrl: t.origin, accessToken: token, version: VERSION });
    conn.bulk.pollInterval = 50;
    return conn;
}

async function raw(
    method: string,
    path: string,
    body?: string,
    contentType = 'application/xml; charset=utf-8',
    token = t.admin.accessToken
): Promise<{ status: number; contentType: string; text: string }> {
    const response = await fetch(t.origin + ASYNC + path, {
        method,
        headers: { 'X-SFDC-Session': token, 'Content-Type': contentType },
        body
    });
    return {
        status: response.status,
        contentType: response.headers.get('content-type') ?? '',
        text: await response.text()
    };
}

/** The text of `<name>` in an XML answer. */
function element(xml: string, name: string): string | undefined {
    return new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];
}

async function waitForBatch(jobId: string, batchId: string, contentType?: string): Promise<string> {
    for (let i = 0; i < 400; i++) {
        const info = await raw('GET', `/job/${jobId}/batch/${batchId}`, undefined, contentType);
        const state = element(info.text, 'state') ?? (JSON.parse(info.text) as { state: string }).state;
        if (state !== 'Queued' && state !== 'InProgress') return info.text;
        await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`batch ${batchId} did not finish`);
}

function jobXml(operation: string, object: string, contentType: string, extra = ''): string {
    return `<?xml version="1.0" encoding="UTF-8"?><jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><operation>${operation}</operation><object>${object}</object>${extra}<contentType>${contentType}</contentType></jobInfo>`;
}

before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

describe('Bulk API 1.0 through jsforce bulk', () => {
    test('insert, update and delete CSV batches, each row with its result', async () => {
        const conn = connection();
        const records = Array.from({ length: 250 }, (_, i) => ({ Name: `Bulk1 Account ${i}`, NumberOfEmployees: i }));
        const inserted = await conn.bulk.load('Account', 'insert', records);
        assert.equal(inserted.length, 250);
        for (const result of inserted) {
            assert.equal(result.success, true);
            assert.equal(result.created, true);
            assert.match(String(result.id), /^001/);
        }
        const stored = rows(t.org, "SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk1 Account %' AND IsDeleted = 0");
        assert.equal(stored.length, 250);

        const updated = await conn.bulk.load(
            'Account',
            'update',
            inserted.map((result, i) => ({ Id: result.id!, Name: `Bulk1 Renamed ${i}` }))
        );
        assert.ok(updated.every((result) => result.success && !result.created));
        assert.equal(rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Bulk1 Renamed %'").length, 250);

        const deleted = await conn.bulk.load(
            'Account',
            'delete',
            inserted.map((result) => ({ Id: result.id! }))
        );
        assert.ok(deleted.every((result) => result.success));
        assert.equal(
            rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Bulk1 Renamed %' AND IsDeleted = 0").length,
            0
        );
    });

    test('a failing row fails alone (partial success per batch) with Salesforce error text', async () => {
        const conn = connection();
        const results = await conn.bulk.load('Contact', 'insert', [
            { LastName: 'Bulk1 Good', FirstName: 'A' },
            { LastName: '', FirstName: 'B' }
        ]);
        assert.equal(results[0].success, true);
        assert.equal(results[1].success, false);
        assert.equal(results[1].id, null);
        assert.match(
            results[1].errors[0],
            /^REQUIRED_FIELD_MISSING:Required fields are missing: \[LastName\]:LastName --$/
        );
    });

    test('query: a result list, then the CSV records', async () => {
        const conn = connection();
        await conn.bulk.load('Account', 'insert', [{ Name: 'Bulk1 Query A' }, { Name: 'Bulk1 Query B' }]);
        const stream = await conn.bulk.query(
            "SELECT Id, Name FROM Account WHERE Name LIKE 'Bulk1 Query %' ORDER BY Name"
        );
        const records = (await stream.toArray()) as { Id: string; Name: string }[];
        assert.deepEqual(
            records.map((record) => record.Name),
            ['Bulk1 Query A', 'Bulk1 Query B']
        );
        assert.match(records[0].Id, /^001/);
    });
});

describe('Bulk API 1.0 wire formats and states', () => {
    test('an XML job: XML batch with a null and a parent by external id, XML results', async () => {
        const created = await raw('POST', '/job', jobXml('insert', 'Contact', 'XML'));
        assert.equal(created.status, 201);
        assert.match(created.contentType, /^application\/xml/);
        assert.equal(element(created.text, 'state'), 'Open');
        assert.equal(element(created.text, 'contentType'), 'XML');
        const jobId = element(created.text, 'id')!;
        const batch = await raw(
            'POST',
            `/job/${jobId}/batch`,
            `<?xml version="1.0" encoding="UTF-8"?><sObjects xmlns="http://www.force.com/2009/06/asyncapi/dataload" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
               <sObject><LastName>Bulk1 Xml</LastName><Title xsi:nil="true"/></sObject>
               <sObject><FirstName>Missing</FirstName></sObject>
             </sObjects>`
        );
        assert.equal(batch.status, 201);
        assert.equal(element(batch.text, 'state'), 'Queued');
        const batchId = element(batch.text, 'id')!;
        const info = await waitForBatch(jobId, batchId);
        assert.equal(element(info, 'state'), 'Completed');
        assert.equal(element(info, 'numberRecordsProcessed'), '2');
        assert.equal(element(info, 'numberRecordsFailed'), '1');
        const results = await raw('GET', `/job/${jobId}/batch/${batchId}/result`);
        assert.match(
            results.text,
            /<result><id>003[^<]+<\/id><success>true<\/success><created>true<\/created><\/result>/
        );
        assert.match(
            results.text,
            /<result><errors><fields>LastName<\/fields><message>Required fields are missing: \[LastName\]<\/message><statusCode>REQUIRED_FIELD_MISSING<\/statusCode><\/errors><id xsi:nil="true"\/><success>false<\/success>/
        );
        const closed = await raw(
            'POST',
            `/job/${jobId}`,
            '<jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"><state>Closed</state></jobInfo>'
        );
        assert.equal(element(closed.text, 'state'), 'Closed');
        assert.equal(element(closed.text, 'numberBatchesCompleted'), '1');
        const late = await raw(
            'POST',
            `/job/${jobId}/batch`,
            '<sObjects><sObject><LastName>Late</LastName></sObject></sObjects>'
        );
        assert.equal(late.status, 400);
        assert.equal(element(late.text, 'exceptionCode'), 'InvalidJobState');
    });

    test('a JSON job answers JSON, and a JSON query returns records', async () => {
        const created = await raw(
            'POST',
            '/job',
            JSON.stringify({ operation: 'insert', object: 'Account', contentType: 'JSON' }),
            'application/json'
        );
        const job = JSON.parse(created.text) as { id: string; state: string };
        assert.equal(job.state, 'Open');
        const batch = JSON.parse(
            (
                await raw(
                    'POST',
                    `/job/${job.id}/batch`,
                    JSON.stringify([{ Name: 'Bulk1 Json', Description: null }]),
                    'application/json'
                )
            ).text
        ) as { id: string };
        await waitForBatch(job.id, batch.id, 'application/json');
        const results = JSON.parse(
            (await raw('GET', `/job/${job.id}/batch/${batch.id}/result`, undefined, 'application/json')).text
        );
        assert.equal(results.length, 1);
        assert.equal(results[0].success, true);
        assert.deepEqual(results[0].errors, []);

        const query = JSON.parse(
            (
                await raw(
                    'POST',
                    '/job',
                    JSON.stringify({ operation: 'query', object: 'Account', contentType: 'JSON' }),
                    'application/json'
                )
            ).text
        ) as { id: string };
        const queryBatch = JSON.parse(
            (
                await raw(
                    'POST',
                    `/job/${query.id}/batch`,
                    "SELECT Name FROM Account WHERE Name = 'Bulk1 Json'",
                    'application/json'
                )
            ).text
        ) as { id: string };
        const list = JSON.parse((await raw('GET', `/job/${query.id}/batch/${queryBatch.id}/result`)).text) as string[];
        assert.equal(list.length, 1);
        const data = JSON.parse((await raw('GET', `/job/${query.id}/batch/${queryBatch.id}/result/${list[0]}`)).text);
        assert.equal(data[0].Name, 'Bulk1 Json');
    });

    test('a query on another object fails its batch with INVALID_TYPE_FOR_OPERATION', async () => {
        const created = await raw('POST', '/job', jobXml('query', 'Account', 'CSV'));
        const jobId = element(created.text, 'id')!;
        const batch = await raw('POST', `/job/${jobId}/batch`, 'SELECT Id FROM Contact', 'text/csv');
        const info = await waitForBatch(jobId, element(batch.text, 'id')!);
        assert.equal(element(info, 'state'), 'Failed');
        assert.equal(
            element(info, 'stateMessage'),
            'InvalidBatch : Failed to process query: INVALID_TYPE_FOR_OPERATION: The root entity of the requested query (Contact) does not match the entity of the requested Bulk API Job (Account).'
        );
    });

    test('limits and refusals: 10,000 records, 10,000,000 characters, hardDelete, bad object, XML error shape', async () => {
        const created = await raw('POST', '/job', jobXml('insert', 'Account', 'CSV'));
        const jobId = element(created.text, 'id')!;
        const tooMany = 'Name\n' + Array.from({ length: 10_001 }, (_, i) => `Bulk1 Limit ${i}`).join('\n');
        const batch = await raw('POST', `/job/${jobId}/batch`, tooMany, 'text/csv');
        const info = await waitForBatch(jobId, element(batch.text, 'id')!);
        assert.equal(element(info, 'state'), 'Failed');
        assert.equal(element(info, 'stateMessage'), 'InvalidBatch : A batch can contain a maximum of 10000 records');
        assert.equal(rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Bulk1 Limit %'").length, 0);

        const huge = await raw('POST', `/job/${jobId}/batch`, 'Name\n' + 'x'.repeat(10_000_001), 'text/csv');
        assert.equal(huge.status, 400);
        assert.equal(element(huge.text, 'exceptionCode'), 'ClientInputError');
        assert.equal(
            element(huge.text, 'exceptionMessage'),
            'Failed to read request. Exceeded max size limit of 10000000'
        );

        const hard = await raw('POST', '/job', jobXml('hardDelete', 'Account', 'CSV'));
        assert.equal(hard.status, 400);
        assert.match(
            hard.text,
            /^<\?xml version="1.0" encoding="UTF-8"\?><error xmlns="http:\/\/www.force.com\/2009\/06\/asyncapi\/dataload"><exceptionCode>NOT_SUPPORTED_BY_LOCAL_ORG<\/exceptionCode><exceptionMessage>Bulk API hardDelete is not supported by local-org.<\/exceptionMessage><\/error>$/
        );
        const unknown = await raw('POST', '/job', jobXml('insert', 'Nope__c', 'CSV'));
        assert.equal(element(unknown.text, 'exceptionCode'), 'InvalidJob');
        assert.equal(element(unknown.text, 'exceptionMessage'), 'Unable to find object: Nope__c');
        const chunked = await fetch(`${t.origin}${ASYNC}/job`, {
            method: 'POST',
            headers: {
                'X-SFDC-Session': t.admin.accessToken,
                'Content-Type': 'application/xml',
                'Sforce-Enable-PKChunking': 'chunkSize=50000'
            },
            body: jobXml('query', 'Account', 'CSV')
        });
        assert.equal(
            element(await chunked.text(), 'exceptionMessage'),
            'PK chunking (Sforce-Enable-PKChunking) is not supported by local-org.'
        );
        const noSession = await raw('GET', `/job/${jobId}`, undefined, undefined, 'bad');
        assert.equal(noSession.status, 400);
        assert.equal(element(noSession.text, 'exceptionCode'), 'InvalidSessionId');
    });

    test('abort: what is not yet processed is not processed (NotProcessed)', async () => {
        const created = await raw('POST', '/job', jobXml('insert', 'Account', 'CSV'));
        const jobId = element(created.text, 'id')!;
        const csv = 'Name\n' + Array.from({ length: 10_000 }, (_, i) => `Bulk1 Abort ${i}`).join('\n');
        const batch = await raw('POST', `/job/${jobId}/batch`, csv, 'text/csv');
        const aborted = await raw('POST', `/job/${jobId}`, '<jobInfo><state>Aborted</state></jobInfo>');
        assert.equal(element(aborted.text, 'state'), 'Aborted');
        const info = await waitForBatch(jobId, element(batch.text, 'id')!);
        assert.equal(element(info, 'state'), 'NotProcessed');
        const processed = Number(element(info, 'numberRecordsProcessed'));
        assert.ok(processed < 10_000);
        assert.equal(rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Bulk1 Abort %'").length, processed);
    });
});

describe('Bulk API 1.0 retention', () => {
    test('a job is removed seven days after its last batch finished, with its batches', async () => {
        const created = await raw('POST', '/job', jobXml('insert', 'Account', 'CSV'));
        const jobId = element(created.text, 'id')!;
        const batch = await raw('POST', `/job/${jobId}/batch`, 'Name\nBulk1 Old', 'text/csv');
        const batchId = element(batch.text, 'id')!;
        await waitForBatch(jobId, batchId);
        const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000).toISOString();
        t.org.db.prepare('UPDATE _lo_bulk1_jobs SET created_date = ? WHERE id = ?').run(eightDaysAgo, jobId);
        createBulkV1Tables(t.org.db);
        assert.equal(element((await raw('GET', `/job/${jobId}`)).text, 'exceptionCode'), undefined);

        t.org.db.prepare('UPDATE _lo_bulk_jobs SET created_date = ? WHERE id = ?').run(eightDaysAgo, batchId);
        createBulkV1Tables(t.org.db);
        const gone = await raw('GET', `/job/${jobId}`);
        assert.equal(element(gone.text, 'exceptionCode'), 'InvalidJob');
        assert.equal(rows(t.org, 'SELECT id FROM _lo_bulk_jobs WHERE id = ?', batchId).length, 0);
    });
});

describe('Bulk API 1.0 jobs in Bulk API 2.0 Get All Jobs', () => {
    test('listed as jobType Classic, ingest jobs under jobs/ingest and query jobs under jobs/query', async () => {
        const ingest = element((await raw('POST', '/job', jobXml('insert', 'Account', 'CSV'))).text, 'id')!;
        const query = element((await raw('POST', '/job', jobXml('query', 'Account', 'CSV'))).text, 'id')!;
        const list = async (path: string) =>
            (
                (await (
                    await fetch(`${t.origin}/services/data/v${VERSION}/jobs/${path}`, {
                        headers: { Authorization: `Bearer ${t.admin.accessToken}` }
                    })
                ).json()) as { records: { id: string; jobType: string; state: string }[] }
            ).records;
        const ingestJobs = await list('ingest?jobType=Classic');
        assert.ok(ingestJobs.some((job) => job.id === ingest && job.jobType === 'Classic' && job.state === 'Open'));
        assert.ok(!ingestJobs.some((job) => job.id === query));
        assert.ok((await list('query')).some((job) => job.id === query && job.jobType === 'Classic'));
        assert.ok(!(await list('ingest?jobType=V2Ingest')).some((job) => job.id === ingest));
    });
});
