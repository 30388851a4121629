/**
 * Real clients, unmodified, against local-org: jsforce 3 and the project's pinned sf CLI.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { Connection } from 'jsforce';
import { projectRoot } from '../../scripts/lib/project.ts';
import { sfEnv } from '../../scripts/lib/sfEnv.ts';
import { rows, startTestOrg, type TestOrg } from './support/testOrg.ts';
import { SF } from '../../scripts/lib/localOrgSetup.ts';

const run = promisify(execFile);
const PLAN = join(projectRoot, 'local-org', 'test', 'data', 'standard-plan', 'plan.json');

let t: TestOrg;
before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

describe('jsforce 3', () => {
    const connection = (token = t.admin.accessToken) =>
        new Connection({ instanceUrl: t.origin, accessToken: token, version: '60.0' });

    test('CRUD, upsert and query on single records', async () => {
        const conn = connection();
        const created = await conn.sobject('Account').create({ Name: 'Jsforce Ltd', NumberOfEmployees: 40 });
        assert.equal(created.success, true);
        const id = created.id!;
        await conn.sobject('Account').update({ Id: id, Industry: 'Energy' });
        const fetched = (await conn.sobject('Account').retrieve(id)) as Record<string, unknown>;
        assert.equal(fetched.Name, 'Jsforce Ltd');
        assert.equal(fetched.Industry, 'Energy');
        assert.equal(fetched.NumberOfEmployees, 40);

        const upserted = await conn
            .sobject('Contact')
            .upsert({ Email: 'grace@jsforce.example', LastName: 'Hopper', AccountId: id }, 'Email');
        assert.equal(upserted.success, true);
        const again = await conn
            .sobject('Contact')
            .upsert({ Email: 'grace@jsforce.example', FirstName: 'Grace' }, 'Email');
        assert.equal(again.id, upserted.id, 'jsforce needs the id back from an update-upsert');

        const result = await conn.query<{ Name: string; Account: { Name: string } }>(
            "SELECT Name, Account.Name FROM Contact WHERE Email = 'GRACE@jsforce.example'"
        );
        assert.equal(result.totalSize, 1);
        assert.equal(result.records[0].Name, 'Grace Hopper');
        assert.equal(result.records[0].Account.Name, 'Jsforce Ltd');

        const destroyed = await conn.sobject('Contact').destroy(upserted.id!);
        assert.equal(destroyed.success, true);
        assert.equal((await conn.query("SELECT Id FROM Contact WHERE Email = 'grace@jsforce.example'")).totalSize, 0);
        assert.equal(
            (await conn.query("SELECT Id FROM Contact WHERE Email = 'grace@jsforce.example'", { scanAll: true }))
                .totalSize,
            1
        );
    });

    test('Collections create, retrieve, update and destroy', async () => {
        const conn = connection();
        const created = await conn
            .sobject('Account')
            .create([{ Name: 'Col 1' }, { Name: 'Col 2' }, { Name: '' }], { allOrNone: false });
        assert.deepEqual(
            created.map((r) => r.success),
            [true, true, false]
        );
        const ids = created.filter((r) => r.success).map((r) => r.id!);
        const fetched = (await conn.sobject('Account').retrieve(ids, { fields: ['Name'] })) as unknown as {
            Name: string;
        }[];
        assert.deepEqual(
            fetched.map((r) => r.Name),
            ['Col 1', 'Col 2']
        );
        const updated = await conn.sobject('Account').update(ids.map((Id) => ({ Id, Site: 'Collections' })));
        assert.ok(updated.every((r) => r.success));
        await conn.sobject('Account').destroy(ids);
        const afterDelete = (await conn.sobject('Account').retrieve(ids, { fields: ['Name'] })) as unknown as (
            object | null
        )[];
        assert.deepEqual(afterDelete, [null, null]);
    });

    test('queries page at 2000 rows and autoFetch follows nextRecordsUrl', async () => {
        const conn = connection();
        const records = Array.from({ length: 2300 }, (_, i) => ({ Name: `Paged ${String(i).padStart(4, '0')}` }));
        const results = await conn.sobject('Account').create(records, { allowRecursive: true });
        assert.ok(results.every((r) => r.success));
        const firstPage = await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Paged %'", { autoFetch: false });
        assert.equal(firstPage.totalSize, 2300);
        assert.equal(firstPage.records.length, 2000);
        assert.equal(firstPage.done, false);
        const all = await conn.query("SELECT Id FROM Account WHERE Name LIKE 'Paged %'", {
            autoFetch: true,
            maxFetch: 5000
        });
        assert.equal(all.records.length, 2300);
    });

    test('describe, identity and limits', async () => {
        const conn = connection(t.agent.accessToken);
        const describe = await conn.describe('Case');
        assert.ok(describe.fields.some((f) => f.name === 'CaseNumber' && !f.createable));
        assert.ok(describe.childRelationships.some((r) => r.relationshipName === 'Tasks'));
        const identity = await conn.identity();
        assert.equal(identity.username, 'agent@caseline.localorg');
        const limits = await conn.limits();
        assert.equal(limits.DailyApiRequests.Max, 15000);
        assert.ok((conn.limitInfo.apiUsage?.used ?? 0) > 0);
    });

    test('a read-only user gets Salesforce’s error, not a crash', async () => {
        const conn = connection(t.viewer.accessToken);
        await assert.rejects(conn.sobject('Account').create({ Name: 'Nope' }), {
            errorCode: 'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY'
        });
    });
});

describe('sf CLI', () => {
    let home: string;
    const sf = async (args: string[], env: Record<string, string> = {}) => {
        const { stdout } = await run(process.execPath, [SF, ...args, '--json'], {
            env: { ...sfEnv(home), ...env },
            cwd: home,
            timeout: 60_000
        });
        return JSON.parse(stdout) as { status: number; result: unknown };
    };

    before(async () => {
        home = await mkdtemp(join(tmpdir(), 'localorg-sf-'));
    });
    after(() => rm(home, { recursive: true, force: true }));

    test('org login access-token, data import tree with a plan, data query and api request rest', async () => {
        const login = await sf(
            ['org', 'login', 'access-token', '--instance-url', t.origin, '--no-prompt', '--alias', 'local'],
            {
                SF_ACCESS_TOKEN: t.admin.accessToken
            }
        );
        assert.equal((login.result as { username: string }).username, 'admin@caseline.localorg');
        assert.equal((login.result as { orgId: string }).orgId, t.org.orgId);

        const imported = await sf(['data', 'import', 'tree', '--plan', PLAN, '--target-org', 'local']);
        assert.equal(imported.status, 0);
        assert.equal((imported.result as unknown[]).length, 6);
        assert.deepEqual(
            rows(
                t.org,
                'SELECT c.Subject, a.Name account, n.Email FROM "Case" c JOIN Account a ON a.Id = c.AccountId JOIN Contact n ON n.Id = c.ContactId ORDER BY c.Subject'
            ),
            [
                { Subject: 'Hinge broke after a week', account: 'Blue River Homes', Email: 'tom@blueriver.example' },
                {
                    Subject: 'Quote for 40 roof panels',
                    account: 'Northwind Installers',
                    Email: 'priya.shah@northwind.example'
                }
            ]
        );

        const queried = await sf([
            'data',
            'query',
            '--query',
            "SELECT Name, (SELECT LastName FROM Contacts) FROM Account WHERE BillingCity IN ('London', 'Leeds') ORDER BY Name",
            '--target-org',
            'local'
        ]);
        const result = queried.result as {
            totalSize: number;
            records: { Name: string; Contacts: { records: { LastName: string }[] } }[];
        };
        assert.equal(result.totalSize, 2);
        assert.deepEqual(
            result.records.map((r) => [r.Name, r.Contacts.records.map((c) => c.LastName)]),
            [
                ['Blue River Homes', ['Okafor']],
                ['Northwind Installers', ['Shah']]
            ]
        );

        const { stdout } = await run(
            process.execPath,
            [SF, 'api', 'request', 'rest', '/services/data/v66.0/sobjects/Case/describe', '--target-org', 'local'],
            {
                env: sfEnv(home),
                cwd: home,
                timeout: 60_000
            }
        );
        assert.equal(JSON.parse(stdout).name, 'Case');
    });
});
