/**
 * The match-key scripts against a started local-org logged in with the sf CLI, as a user runs them: the backfill
 * (`npm run backfill-match-keys`) fills missing and stale keys and a second run updates nothing, and
 * `npm run match -- --target-org` finds candidates through the GraphQL retrieval with the offline CLI's output.
 * Child processes run asynchronously: the org answering them is served from this process.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { storedMatchKeys } from '../../scripts/lib/recordMatcher.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, V } from './support/graphql.ts';
import { login, sfHome, type SfHome } from './support/sfCli.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let cli: SfHome;
const ids: Record<string, string> = {};

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    cli = await sfHome();
    await login(cli, t.origin, t.admin.accessToken, 'local');
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
        allOrNone: true,
        records: [
            {
                attributes: { type: 'Account' },
                Name: 'Acme Corporation',
                Phone: '(303) 555-0147',
                BillingCity: 'Denver'
            },
            { attributes: { type: 'Account' }, Name: 'Globex', Website: 'https://www.globex.example.com/about' },
            { attributes: { type: 'Account' }, Name: 'Initech', Phone: '512-555-0100' }
        ]
    });
    const [acme, globex, initech] = (created.body as { id: string }[]).map((r) => r.id);
    Object.assign(ids, { acme, globex, initech });
    const jane = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
        FirstName: 'Jane',
        LastName: 'Roe',
        Email: 'jane.roe@globex.example.com',
        AccountId: globex
    });
    ids.jane = (jane.body as { id: string }).id;
});
after(async () => {
    await cli?.dispose();
    await t?.close();
});

async function script(name: string, ...args: string[]) {
    const run = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'scripts', name), ...args],
        { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 180_000, maxBuffer: 32 * 1024 * 1024 }
    ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    return {
        status: 'code' in run && typeof run.code === 'number' ? run.code : 0,
        stdout: run.stdout ?? '',
        stderr: run.stderr ?? ''
    };
}

describe('npm run backfill-match-keys', () => {
    test('fills missing and stale keys, then finds nothing to do', async () => {
        // Records saved before the fields and flows existed, or edited around them: keys missing or wrong.
        t.org.db.prepare('UPDATE Account SET Match_Name_Key__c = NULL, Match_Phone_Key__c = NULL').run();
        t.org.db.prepare("UPDATE Contact SET Match_Domain_Key__c = 'stale.example'").run();
        const first = await script('backfill-match-keys.ts', '--target-org', 'local', '--json');
        assert.equal(first.status, 0, first.stdout + first.stderr);
        const report = JSON.parse(first.stdout).result as { steps: { sobject: string; updated: number }[] };
        assert.deepEqual(
            report.steps.map((step) => [step.sobject, step.updated]),
            [
                ['Account', 3],
                ['Contact', 1]
            ]
        );
        for (const account of rows(
            t.org,
            'SELECT Name, Phone, Website, Match_Name_Key__c, Match_Phone_Key__c, Match_Domain_Key__c FROM Account'
        )) {
            const expected = storedMatchKeys('Account', account);
            assert.equal(account.Match_Name_Key__c, expected.Match_Name_Key__c);
            assert.equal(account.Match_Phone_Key__c, expected.Match_Phone_Key__c);
            assert.equal(account.Match_Domain_Key__c, expected.Match_Domain_Key__c);
        }
        assert.equal(rows(t.org, 'SELECT Match_Domain_Key__c d FROM Contact')[0].d, 'globex.example.com');

        const second = await script('backfill-match-keys.ts', '--target-org', 'local', '--json');
        assert.equal(second.status, 0, second.stdout + second.stderr);
        const again = JSON.parse(second.stdout).result as { steps: { stale: number; updated: number }[] };
        assert.deepEqual(
            again.steps.map((step) => [step.stale, step.updated]),
            [
                [0, 0],
                [0, 0]
            ]
        );
    });

    test('an unknown org fails fast with a non-zero exit', async () => {
        const run = await script('backfill-match-keys.ts', '--target-org', 'nowhere', '--json');
        assert.equal(run.status, 1);
        assert.equal(JSON.parse(run.stdout).name, 'UnknownTargetOrg');
    });
});

describe('npm run match -- --target-org', () => {
    test('reads candidates through the GraphQL retrieval; same JSON lines as the offline CLI', async () => {
        const dir = await mkdtemp(join(tmpdir(), 'caseline-match-org-'));
        const input = join(dir, 'incoming.csv');
        await writeFile(
            input,
            [
                'Key,FirstName,LastName,Email,Phone,Company,Street,City,PostalCode,Country',
                'w1,Jane,Roe,JANE.ROE@globex.example.com,,,,,,',
                'w2,Wile,Coyote,,,ACME Corp.,,Denver,,US',
                'w3,Bob,Smith,,+1 512 555 0100,Initech,,,,',
                'w4,Nobody,Known,nobody@gmail.com,,Unheard Of Ltd,,,,'
            ].join('\n')
        );
        const run = await script('match.ts', '--target-org', 'local', '--input', input, '--top', '3');
        assert.equal(run.status, 0, run.stderr);
        const lines = run.stdout
            .trim()
            .split('\n')
            .map(
                (line) =>
                    JSON.parse(line) as { key: string; decision: string; candidates: { id: string; type: string }[] }
            );
        assert.deepEqual(
            lines.map((line) => line.key),
            ['w1', 'w2', 'w3', 'w4']
        );
        assert.deepEqual(lines[0].candidates[0], { ...lines[0].candidates[0], id: ids.jane, type: 'Contact' });
        assert.equal(lines[0].decision, 'link');
        assert.equal(lines[1].candidates[0].id, ids.acme);
        assert.equal(lines[2].candidates[0].id, ids.initech);
        assert.deepEqual(lines[3], {
            key: 'w4',
            decision: 'new',
            reasonCode: 'nothing-plausible',
            reason: 'no existing record is plausible',
            candidates: []
        });
        for (const line of lines) assert.ok(line.candidates.length <= 3);
    });
});
