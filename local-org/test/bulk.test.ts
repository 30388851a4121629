/**
 * Bulk API 2.0 against local-org, driven by jsforce 3 unmodified: ingest jobs (insert, update, upsert, delete),
 * row-level failures, job failures, abort, a job resumed after a kill -9 of the server, concurrent jobs,
 * query jobs.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { Connection } from 'jsforce';
import { projectRoot } from '../../scripts/lib/project.ts';
import { parseCsv } from '../src/bulk/csv.ts';
import { LocalOrg } from '../src/org.ts';
import type { FieldDef } from '../src/schema.ts';
import { startServer } from '../src/server.ts';
import { addFieldColumn } from '../src/store.ts';
import { rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const VERSION = '60.0';
const BASE = `/services/data/v${VERSION}/jobs`;

type Row = Record<string, string>;
interface Results {
    successfulResults: Row[];
    failedResults: Row[];
    unprocessedRecords: Row[];
}

let t: TestOrg;

const connection = (token = t.admin.accessToken, origin = t.origin) =>
    new Connection({ instanceUrl: origin, accessToken: token, version: VERSION });

async function load(
    options: { object: string; operation: string; input: unknown; externalIdFieldName?: string },
    token?: string
): Promise<Results> {
    const conn = connection(token);
    return (await conn.bulk2.loadAndWaitForResults({
        ...options,
        pollInterval: 50,
        pollTimeout: 60_000
    } as Parameters<typeof conn.bulk2.loadAndWaitForResults>[0])) as unknown as Results;
}

async function raw(
    method: string,
    path: string,
    body?: string | object,
    options: { token?: string; contentType?: string; origin?: string } = {}
): Promise<{ status: number; headers: Headers; text: string; json: () => unknown }> {
    const response = await fetch((options.origin ?? t.origin) + path, {
        method,
        headers: {
            Authorization: `Bearer ${options.token ?? t.admin.accessToken}`,
            'Content-Type': options.contentType ?? 'application/json'
        },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, text, json: () => JSON.parse(text) };
}

function accountId(name: string): string {
    return String(rows(t.org, 'SELECT Id FROM Account WHERE Name = ? AND IsDeleted = 0', name)[0].Id);
}

/** Account.Caseline_Key__c, an external id the way a deploy adds it, with field permissions for every profile. */
async function addExternalId(org: LocalOrg, token: string): Promise<void> {
    const account = org.schema.object('Account')!;
    const field: FieldDef = {
        name: 'Caseline_Key__c',
        label: 'Caseline Key',
        type: 'string',
        length: 80,
        nillable: true,
        createable: true,
        updateable: true,
        custom: true,
        externalId: true,
        unique: true
    };
    const updated = { ...account, fields: [...account.fields, field] };
    addFieldColumn(org.db, updated, field);
    org.saveObject(updated);
    org.reloadSchema();
    const conn = new Connection({ instanceUrl: t.origin, accessToken: token, version: VERSION });
    const permissionSets = rows(org, 'SELECT Id, Label FROM PermissionSet WHERE IsOwnedByProfile = 1');
    for (const { Id, Label } of permissionSets) {
        const result = await conn.sobject('FieldPermissions').create({
            ParentId: Id,
            SobjectType: 'Account',
            Field: 'Account.Caseline_Key__c',
            PermissionsRead: true,
            PermissionsEdit: Label !== 'Read Only'
        });
        assert.equal(result.success, true);
    }
}

before(async () => {
    t = await startTestOrg();
    await addExternalId(t.org, t.admin.accessToken);
});
after(() => t.close());

describe('Bulk API 2.0 ingest with jsforce', () => {
    test('insert: results per row, a bad row fails alone, #N/A is null', async () => {
        const results = await load({
            object: 'Account',
            operation: 'insert',
            input: [
                { Name: 'Bulk One', NumberOfEmployees: 10, Industry: 'Energy' },
                { Name: null, NumberOfEmployees: 20, Industry: 'Energy' },
                { Name: 'Bulk "Three", Ltd', NumberOfEmployees: null, Industry: null }
            ]
        });
        assert.deepEqual(results.successfulResults, [
            {
                sf__Id: accountId('Bulk One'),
                sf__Created: 'true',
                Name: 'Bulk One',
                NumberOfEmployees: '10',
                Industry: 'Energy'
            },
            {
                sf__Id: accountId('Bulk "Three", Ltd'),
                sf__Created: 'true',
                Name: 'Bulk "Three", Ltd',
                NumberOfEmployees: '#N/A',
                Industry: '#N/A'
            }
        ]);
        assert.deepEqual(results.failedResults, [
            {
                sf__Id: '',
                sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
                Name: '#N/A',
                NumberOfEmployees: '20',
                Industry: 'Energy'
            }
        ]);
        assert.deepEqual(results.unprocessedRecords, []);
        const stored = rows(
            t.org,
            "SELECT NumberOfEmployees, Industry, OwnerId FROM Account WHERE Name LIKE 'Bulk %' ORDER BY Name"
        );
        assert.deepEqual(stored, [
            { NumberOfEmployees: null, Industry: null, OwnerId: t.admin.id },
            { NumberOfEmployees: 10, Industry: 'Energy', OwnerId: t.admin.id }
        ]);
    });

    test('update: empty values leave fields unchanged, #N/A clears them, bad ids fail alone', async () => {
        const conn = connection();
        const created = await conn.sobject('Account').create({ Name: 'To Update', Industry: 'Energy', Phone: '555' });
        const id = created.id!;
        const missing = id.slice(0, 9) + 'zzzzzz';
        const csv = `Id,Name,Industry,Phone\n${id},Updated,,#N/A\n${missing},Nope,,\n,No Id,,\n`;
        const results = await load({ object: 'Account', operation: 'update', input: csv });
        assert.deepEqual(results.successfulResults, [
            { sf__Id: id, sf__Created: 'false', Id: id, Name: 'Updated', Industry: '', Phone: '#N/A' }
        ]);
        assert.deepEqual(
            results.failedResults.map((r) => [r.sf__Id, r.sf__Error]),
            [
                [missing, 'NOT_FOUND:The requested resource does not exist:--'],
                ['', 'MISSING_ARGUMENT:Id not specified in an update call:Id --']
            ]
        );
        assert.deepEqual(rows(t.org, 'SELECT Name, Industry, Phone FROM Account WHERE Id = ?', id), [
            { Name: 'Updated', Industry: 'Energy', Phone: null }
        ]);
    });

    test('upsert by external id, with parents resolved by external id and repeated keys refused', async () => {
        await load({
            object: 'Account',
            operation: 'insert',
            input: [{ Name: 'Upsert Existing', Caseline_Key__c: 'K-1' }]
        });
        const existing = accountId('Upsert Existing');
        const results = await load({
            object: 'Account',
            operation: 'upsert',
            externalIdFieldName: 'Caseline_Key__c',
            input: [
                { Caseline_Key__c: 'k-1', Name: 'Upsert Renamed' },
                { Caseline_Key__c: 'K-2', Name: 'Upsert New' },
                { Caseline_Key__c: 'K-3', Name: 'Twice A' },
                { Caseline_Key__c: 'K-3', Name: 'Twice B' },
                { Caseline_Key__c: null, Name: 'No Key' }
            ]
        });
        assert.deepEqual(results.successfulResults, [
            // jsforce sends an Id column with every upsert; it stays empty here.
            { sf__Id: existing, sf__Created: 'false', Id: '', Caseline_Key__c: 'k-1', Name: 'Upsert Renamed' },
            {
                sf__Id: accountId('Upsert New'),
                sf__Created: 'true',
                Id: '',
                Caseline_Key__c: 'K-2',
                Name: 'Upsert New'
            }
        ]);
        assert.deepEqual(
            results.failedResults.map((r) => r.sf__Error),
            [
                'DUPLICATE_VALUE:Duplicate external id specified: K-3:--',
                'DUPLICATE_VALUE:Duplicate external id specified: K-3:--',
                'MISSING_ARGUMENT:Caseline_Key__c not specified:Caseline_Key__c --'
            ]
        );

        const contacts = await load({
            object: 'Contact',
            operation: 'insert',
            input: 'LastName,Account.Caseline_Key__c\nWith Parent,K-2\nOrphan,K-404\nNo Parent,\n'
        });
        assert.deepEqual(
            contacts.successfulResults.map((r) => r.LastName),
            ['With Parent', 'No Parent']
        );
        assert.deepEqual(
            contacts.failedResults.map((r) => r.sf__Error),
            ['INVALID_FIELD:Foreign key external ID: K-404 not found for field Caseline_Key__c in entity Account:--']
        );
        assert.deepEqual(rows(t.org, "SELECT AccountId FROM Contact WHERE LastName = 'With Parent'"), [
            { AccountId: accountId('Upsert New') }
        ]);

        // A polymorphic lookup names the parent's type: ObjectType:RelationshipName.IndexedFieldName.
        const tasks = await load({
            object: 'Task',
            operation: 'insert',
            input: 'Subject,Account:What.Caseline_Key__c\nCall them,K-2\n'
        });
        assert.equal(tasks.failedResults[0]?.sf__Error, undefined);
        assert.deepEqual(rows(t.org, 'SELECT WhatId FROM Task WHERE Id = ?', tasks.successfulResults[0].sf__Id), [
            { WhatId: accountId('Upsert New') }
        ]);
    });

    test('delete, and deleting again reports the recycle bin', async () => {
        await load({ object: 'Account', operation: 'insert', input: [{ Name: 'Delete Me' }] });
        const id = accountId('Delete Me');
        const first = await load({ object: 'Account', operation: 'delete', input: [{ Id: id }] });
        assert.deepEqual(first.successfulResults, [{ sf__Id: id, sf__Created: 'false', Id: id }]);
        const again = await load({ object: 'Account', operation: 'delete', input: [{ Id: id }] });
        assert.deepEqual(again.failedResults, [
            { sf__Id: id, sf__Error: 'ENTITY_IS_DELETED:entity is deleted:--', Id: id }
        ]);
        assert.deepEqual(rows(t.org, 'SELECT IsDeleted FROM Account WHERE Id = ?', id), [{ IsDeleted: 1 }]);
    });

    test('the read-only user gets a permission error on every row', async () => {
        const results = await load(
            { object: 'Account', operation: 'insert', input: [{ Name: 'Viewer 1' }, { Name: 'Viewer 2' }] },
            t.viewer.accessToken
        );
        assert.deepEqual(results.successfulResults, []);
        assert.deepEqual(
            results.failedResults.map((r) => r.sf__Error),
            [
                'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY:entity type cannot be inserted: Account:--',
                'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY:entity type cannot be inserted: Account:--'
            ]
        );
        assert.equal(rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Viewer %'").length, 0);
        await load({ object: 'Account', operation: 'insert', input: [{ Name: 'Admin Job' }] });
        const adminsJob = (await raw('GET', `${BASE}/ingest`)).json() as { records: { id: string }[] };
        const viewersJobs = (await raw('GET', `${BASE}/ingest`, undefined, { token: t.viewer.accessToken })).json() as {
            records: { createdById: string }[];
        };
        assert.ok(viewersJobs.records.length >= 1);
        assert.ok(viewersJobs.records.every((job) => job.createdById === t.viewer.id));
        const other = (adminsJob.records as { id: string; createdById: string }[]).find(
            (job) => job.createdById !== t.viewer.id
        )!;
        const hidden = await raw('GET', `${BASE}/ingest/${other.id}`, undefined, { token: t.viewer.accessToken });
        assert.equal(hidden.status, 404);
    });

    test('an unknown column fails the job, and its rows are unprocessed', async () => {
        const job = connection().bulk2.createJob({ object: 'Account', operation: 'insert' });
        await job.open();
        await job.uploadData('Name,Bogus__c\nA,1\nB,2\n');
        await job.close();
        await assert.rejects(job.poll(50, 10_000), {
            message: 'Ingest job failed to complete due to: InvalidBatch : Field name not found : Bogus__c'
        });
        const results = (await job.getAllResults()) as unknown as Results;
        assert.deepEqual(results.unprocessedRecords, [
            { Name: 'A', Bogus__c: '1' },
            { Name: 'B', Bogus__c: '2' }
        ]);
        assert.deepEqual(results.successfulResults, []);
        const info = (await raw('GET', `${BASE}/ingest/${job.id}`)).json() as Record<string, unknown>;
        assert.equal(info.state, 'Failed');
        assert.equal(info.numberRecordsProcessed, 0);
    });

    test('job requests are validated like Salesforce', async () => {
        const open = (options: Record<string, unknown>) =>
            connection()
                .bulk2.createJob(options as never)
                .open();
        await assert.rejects(open({ object: 'Nope__c', operation: 'insert' }), {
            name: 'INVALIDJOB',
            message: 'InvalidJob : Unable to find object: Nope__c'
        });
        await assert.rejects(open({ object: 'Account', operation: 'upsert' }), {
            name: 'INVALIDJOB',
            message: 'InvalidJob : External ID was blank for Account. An External ID must be specified for upsert.'
        });
        await assert.rejects(open({ object: 'Account', operation: 'upsert', externalIdFieldName: 'Industry' }), {
            name: 'INVALIDJOB'
        });
        await assert.rejects(open({ object: 'Account', operation: 'merge' }), { name: 'INVALIDJOB' });
        await assert.rejects(open({ object: 'Account', operation: 'hardDelete' }), {
            name: 'NOT_SUPPORTED_BY_LOCAL_ORG'
        });
    });

    test('the wire protocol: job resources, one upload, CSV results, delimiters and line endings', async () => {
        const created = await raw('POST', `${BASE}/ingest`, {
            object: 'Account',
            operation: 'insert',
            columnDelimiter: 'PIPE',
            lineEnding: 'CRLF'
        });
        assert.equal(created.status, 200);
        const job = created.json() as Record<string, unknown>;
        const id = String(job.id);
        assert.match(id, /^750[A-Za-z0-9]{15}$/);
        assert.deepEqual(
            { ...job, id: undefined, createdDate: undefined, systemModstamp: undefined },
            {
                id: undefined,
                operation: 'insert',
                object: 'Account',
                createdById: t.admin.id,
                createdDate: undefined,
                systemModstamp: undefined,
                state: 'Open',
                concurrencyMode: 'Parallel',
                contentType: 'CSV',
                apiVersion: 60,
                contentUrl: `services/data/v60.0/jobs/ingest/${id}/batches`,
                lineEnding: 'CRLF',
                columnDelimiter: 'PIPE'
            }
        );
        assert.match(String(job.createdDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
        const data = 'Name|Description\r\nPiped|"a|b ""quoted""\r\nline two"\r\n';
        const uploaded = await raw('PUT', `${BASE}/ingest/${id}/batches`, data, { contentType: 'text/csv' });
        assert.equal(uploaded.status, 201);
        assert.equal(uploaded.text, '');
        const twice = await raw('PUT', `${BASE}/ingest/${id}/batches`, data, { contentType: 'text/csv' });
        assert.equal(twice.status, 400);
        assert.equal((twice.json() as { errorCode: string }[])[0].errorCode, 'BULK_API_ERROR');
        const closed = await raw('PATCH', `${BASE}/ingest/${id}`, { state: 'UploadComplete' });
        assert.equal((closed.json() as { state: string }).state, 'UploadComplete');
        await connection().bulk2.job('ingest', { id }).poll(20, 10_000);
        const info = (await raw('GET', `${BASE}/ingest/${id}`)).json() as Record<string, unknown>;
        assert.equal(info.state, 'JobComplete');
        assert.equal(info.jobType, 'V2Ingest');
        assert.equal(info.numberRecordsProcessed, 1);
        assert.equal(info.numberRecordsFailed, 0);
        const success = await raw('GET', `${BASE}/ingest/${id}/successfulResults`);
        assert.equal(success.headers.get('content-type'), 'text/csv');
        const newId = accountId('Piped');
        assert.equal(
            success.text,
            `"sf__Id"|"sf__Created"|Name|Description\r\n"${newId}"|"true"|"Piped"|"a|b ""quoted""\r\nline two"\r\n`
        );
        assert.deepEqual(rows(t.org, 'SELECT Description FROM Account WHERE Id = ?', newId), [
            { Description: 'a|b "quoted"\r\nline two' }
        ]);
        const failed = await raw('GET', `${BASE}/ingest/${id}/failedResults`);
        assert.equal(failed.text, '"sf__Id"|"sf__Error"|Name|Description\r\n');
        assert.equal((await raw('GET', `${BASE}/ingest/${id}/unprocessedrecords`)).text, 'Name|Description\r\n');
        const listed = (await raw('GET', `${BASE}/ingest`)).json() as { done: boolean; records: { id: string }[] };
        assert.equal(listed.done, true);
        assert.ok(listed.records.some((r) => r.id === id));
        assert.equal((await raw('DELETE', `${BASE}/ingest/${id}`)).status, 204);
        assert.equal((await raw('GET', `${BASE}/ingest/${id}`)).status, 404);

        const crlfJob = connection().bulk2.createJob({ object: 'Account', operation: 'insert', lineEnding: 'CRLF' });
        await crlfJob.open();
        await crlfJob.uploadData('Name\nWrong Ending\n');
        await crlfJob.close();
        await assert.rejects(crlfJob.poll(20, 10_000), {
            message:
                'Ingest job failed to complete due to: ClientInputError : LineEnding is invalid on user data. Current LineEnding setting is CRLF'
        });
    });

    test('an upload may be larger than other REST bodies, up to the Bulk API 2.0 limit', async () => {
        const job = (await raw('POST', `${BASE}/ingest`, { object: 'Account', operation: 'insert' })).json() as {
            id: string;
        };
        const description = 'd'.repeat(30_000);
        const csv = 'Name,Description\n' + Array.from({ length: 800 }, (_, i) => `Big ${i},${description}\n`).join('');
        assert.ok(csv.length > 21 * 1024 * 1024);
        const uploaded = await raw('PUT', `${BASE}/ingest/${job.id}/batches`, csv, { contentType: 'text/csv' });
        assert.equal(uploaded.status, 201, uploaded.text);
        assert.equal((await raw('DELETE', `${BASE}/ingest/${job.id}`)).status, 400, 'an open job cannot be deleted');
        await raw('PATCH', `${BASE}/ingest/${job.id}`, { state: 'Aborted' });
        assert.equal((await raw('DELETE', `${BASE}/ingest/${job.id}`)).status, 204);
    });

    test('an aborted job stops, and what it did not process is unprocessed', async () => {
        const job = connection().bulk2.createJob({ object: 'Account', operation: 'insert' });
        await job.open();
        await job.uploadData(Array.from({ length: 5 }, (_, i) => ({ Name: `Aborted Early ${i}` })));
        await job.abort();
        const results = (await job.getAllResults()) as unknown as Results;
        assert.equal(results.unprocessedRecords.length, 5);
        assert.equal(rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Aborted Early %'").length, 0);
        await assert.rejects(job.close(), { name: 'INVALIDJOBSTATE' });

        // Aborted while running: whatever ran is complete with its results, the rest is unprocessed.
        const running = connection().bulk2.createJob({ object: 'Account', operation: 'insert' });
        await running.open();
        await running.uploadData(Array.from({ length: 5000 }, (_, i) => ({ Name: `Aborted Later ${i}` })));
        await running.close();
        await running.abort();
        const info = (await raw('GET', `${BASE}/ingest/${running.id}`)).json() as Record<string, number | string>;
        assert.equal(info.state, 'Aborted');
        const after = (await running.getAllResults()) as unknown as Results;
        const written = rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Aborted Later %'").length;
        assert.equal(after.successfulResults.length, written);
        assert.equal(info.numberRecordsProcessed, written);
        assert.equal(after.successfulResults.length + after.unprocessedRecords.length, 5000);
    });

    test('ten jobs at once, while other calls are served', async () => {
        const users = [t.admin, t.agent];
        const jobs = Array.from({ length: 10 }, (_, n) =>
            load(
                {
                    object: 'Account',
                    operation: 'insert',
                    input: Array.from({ length: 300 }, (_, i) => ({ Name: `Concurrent ${n}-${i}` }))
                },
                users[n % 2].accessToken
            )
        );
        const queries = Array.from({ length: 10 }, () =>
            connection().query("SELECT COUNT() FROM Account WHERE Name LIKE 'Concurrent %'")
        );
        const [loaded, counted] = await Promise.all([Promise.all(jobs), Promise.all(queries)]);
        for (const result of loaded) {
            assert.equal(result.successfulResults.length, 300);
            assert.equal(result.failedResults.length, 0);
        }
        assert.equal(counted.length, 10);
        assert.equal(rows(t.org, "SELECT Id FROM Account WHERE Name LIKE 'Concurrent %'").length, 3000);
    });
});

describe('ten clients writing at once', () => {
    test('single-record REST, sObject Collections and Bulk jobs interleave without a database error', async () => {
        const users = [t.admin, t.agent];
        const clients = Array.from({ length: 10 }, async (_, n) => {
            const conn = connection(users[n % 2].accessToken);
            const names = Array.from({ length: 40 }, (_, i) => `Client ${n}-${i}`);
            if (n % 3 === 0) {
                for (const name of names)
                    assert.equal((await conn.sobject('Account').create({ Name: name })).success, true);
            } else if (n % 3 === 1) {
                const results = await conn.sobject('Account').create(names.map((name) => ({ Name: name })));
                for (const result of results) assert.equal(result.success, true, JSON.stringify(result));
            } else {
                const loaded = await load(
                    { object: 'Account', operation: 'insert', input: names.map((Name) => ({ Name })) },
                    users[n % 2].accessToken
                );
                assert.equal(loaded.successfulResults.length, names.length, JSON.stringify(loaded.failedResults));
            }
        });
        await Promise.all(clients);
        assert.equal(rows(t.org, "SELECT COUNT(*) n FROM Account WHERE Name LIKE 'Client %'")[0].n, 400);
    });
});

describe('a kill -9 during a job', () => {
    test('leaves every chunk applied with its counters or not at all, and the job completes after a restart', async () => {
        const dir = await mkdtemp(join(tmpdir(), 'local-org-kill-'));
        const file = join(dir, 'org.db');
        const child = spawn(
            process.execPath,
            [
                '--import',
                'tsx',
                join(projectRoot, 'local-org', 'src', 'main.ts'),
                '--port',
                '0',
                '--db',
                file,
                '--json'
            ],
            { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] }
        );
        try {
            const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
            const started = JSON.parse(line) as { instanceUrl: string; users: { accessToken: string }[] };
            const options = { token: started.users[0].accessToken, origin: started.instanceUrl };
            const total = 30_000;
            const job = (
                await raw('POST', `${BASE}/ingest`, { object: 'Account', operation: 'insert' }, options)
            ).json() as {
                id: string;
            };
            const csv = 'Name\n' + Array.from({ length: total }, (_, i) => `Killed ${i}\n`).join('');
            await raw('PUT', `${BASE}/ingest/${job.id}/batches`, csv, { ...options, contentType: 'text/csv' });
            await raw('PATCH', `${BASE}/ingest/${job.id}`, { state: 'UploadComplete' }, options);
            let processed = 0;
            while (processed === 0) {
                const info = (await raw('GET', `${BASE}/ingest/${job.id}`, undefined, options)).json() as {
                    numberRecordsProcessed: number;
                };
                processed = info.numberRecordsProcessed;
            }
            child.kill('SIGKILL');
            await once(child, 'exit');

            const reopened = LocalOrg.open(file);
            const server = await startServer(reopened, 0);
            try {
                const interrupted = reopened.db
                    .prepare('SELECT state, records_processed FROM _lo_bulk_jobs WHERE id = ?')
                    .get(job.id) as { state: string; records_processed: number };
                const written = reopened.db
                    .prepare("SELECT COUNT(*) n FROM Account WHERE Name LIKE 'Killed %'")
                    .get() as { n: number };
                assert.equal(written.n, interrupted.records_processed, 'rows and counters commit together');
                assert.ok(interrupted.records_processed < total, 'killed mid-job');
                assert.equal(interrupted.records_processed % 1000, 0, 'whole chunks only');
                assert.equal(interrupted.state, 'InProgress');
                const resumed = new Connection({
                    instanceUrl: server.origin,
                    accessToken: options.token,
                    version: VERSION
                }).bulk2.job('ingest', { id: job.id });
                await resumed.poll(20, 60_000);
                const results = (await resumed.getAllResults()) as unknown as Results;
                assert.equal(results.successfulResults.length, total);
                const names = reopened.db
                    .prepare("SELECT COUNT(*) n, COUNT(DISTINCT Name) d FROM Account WHERE Name LIKE 'Killed %'")
                    .get() as { n: number; d: number };
                assert.deepEqual(names, { n: total, d: total });
            } finally {
                await server.close();
                reopened.close();
            }
        } finally {
            if (child.exitCode === null) child.kill('SIGKILL');
            await rm(dir, { recursive: true, force: true });
        }
    });
});

describe('Bulk API 2.0 query with jsforce', () => {
    test('one CSV page with parent fields flattened, nulls empty, date-times in UTC', async () => {
        const conn = connection();
        const parent = await conn.sobject('Account').create({ Name: 'Query Parent', Caseline_Key__c: 'Q-1' });
        await conn.sobject('Contact').create({ LastName: 'Query Child', AccountId: parent.id });
        await conn.sobject('Contact').create({ LastName: 'Query Orphan' });
        const stream = await conn.bulk2.query(
            "SELECT Id, LastName, Account.Name, Account.Caseline_Key__c, IsDeleted, CreatedDate FROM Contact WHERE LastName LIKE 'Query %' ORDER BY LastName"
        );
        const records = (await stream.toArray()) as Row[];
        assert.equal(records.length, 2);
        assert.deepEqual(
            records.map(({ Id: _id, CreatedDate: _created, ...rest }) => rest),
            [
                {
                    LastName: 'Query Child',
                    'Account.Name': 'Query Parent',
                    'Account.Caseline_Key__c': 'Q-1',
                    IsDeleted: 'false'
                },
                { LastName: 'Query Orphan', 'Account.Name': '', 'Account.Caseline_Key__c': '', IsDeleted: 'false' }
            ]
        );
        assert.match(records[0].CreatedDate, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

        const created = (
            await raw('POST', `${BASE}/query`, { operation: 'query', query: 'SELECT Name FROM Account LIMIT 3' })
        ).json() as { id: string; state: string };
        assert.equal(created.state, 'UploadComplete');
        const info = (await raw('GET', `${BASE}/query/${created.id}`)).json() as Record<string, unknown>;
        assert.equal(info.state, 'JobComplete');
        assert.equal(info.jobType, 'V2Query');
        const page = await raw('GET', `${BASE}/query/${created.id}/results`);
        assert.equal(page.headers.get('sforce-locator'), 'null');
        assert.equal(page.headers.get('sforce-numberofrecords'), '3');
        assert.equal(page.headers.get('content-type'), 'text/csv');
        assert.equal(page.text.split('\n')[0], '"Name"');
        assert.equal((await raw('DELETE', `${BASE}/query/${created.id}`)).status, 204);

        // Refused when created (raw calls: jsforce's clean-up after a failed open would outlive the test).
        const refused = async (query: string) =>
            ((await raw('POST', `${BASE}/query`, { operation: 'query', query })).json() as { errorCode: string }[])[0]
                .errorCode;
        assert.equal(await refused('SELECT Nope__c FROM Account'), 'INVALID_FIELD');
        assert.equal(await refused('SELECT COUNT() FROM Account'), 'API_ERROR');
        assert.equal(await refused('SELECT Name, (SELECT LastName FROM Contacts) FROM Account'), 'API_ERROR');
    });
});

describe('the CSV reader', () => {
    test('reads what csv-parse reads', () => {
        const samples = [
            'a,b,c\n1,2,3\n',
            'a,b\r\n"x, y","he said ""hi"""\r\n"",\r\n',
            '\ufeffName,Description\n"multi\nline",plain\n\nlast,row',
            'Id\n001\n002'
        ];
        for (const sample of samples) {
            const expected = parse(sample, { bom: true, skip_empty_lines: true }) as string[][];
            const { header, rows: body } = parseCsv(sample, ',');
            assert.deepEqual([header, ...body], expected, JSON.stringify(sample));
        }
        assert.throws(() => parseCsv('a,b\n1\n', ','), /Invalid record length on line 2/);
        assert.throws(() => parseCsv('a\n"open\n', ','), /Unclosed quoted value/);
    });
});
