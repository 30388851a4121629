/**
 * npm run seed against a started local-org logged in with the sf CLI: the demo lead planned Won is converted through
 * the SOAP API's convertLead (account, contact and opportunity), and a second run converts nothing new.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { projectRoot } from '../lib/project.ts';
import { assignPermissionSet, deployForceApp } from '../../local-org/test/support/graphql.ts';
import { login, sfHome, type SfHome } from '../../local-org/test/support/sfCli.ts';
import { rows, startTestOrg, type TestOrg } from '../../local-org/test/support/testOrg.ts';

let t: TestOrg;
let cli: SfHome;

async function seed() {
    const run = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'scripts', 'seed.ts'), '--target-org', 'local', '--json'],
        { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 180_000, maxBuffer: 32 * 1024 * 1024 }
    ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
    const stdout = run.stdout ?? '';
    assert.ok(stdout.startsWith('{'), `${stdout}\n${run.stderr ?? ''}`);
    return JSON.parse(stdout) as {
        status: number;
        result: { success: boolean; convertedLeads: string[]; failures: unknown[] };
    };
}

function count(object: string): number {
    return Number(rows(t.org, `SELECT COUNT(*) AS n FROM "${object}"`)[0].n);
}

before(async () => {
    t = await startTestOrg();
    await deployForceApp(t);
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    cli = await sfHome();
    await login(cli, t.origin, t.admin.accessToken, 'local');
});
after(async () => {
    await cli?.dispose();
    await t?.close();
});

test('the demo shows a Won lead converted by convertLead; a second seed converts nothing new', async () => {
    const first = await seed();
    assert.deepEqual(first.result.failures, []);
    assert.deepEqual(first.result.convertedLeads, ['LeadWon']);
    const [won] = rows(
        t.org,
        `SELECT l.Status, l.IsConverted, l.ConvertedAccountId, l.ConvertedContactId, o.Name AS OpportunityName
         FROM Lead l JOIN Opportunity o ON o.Id = l.ConvertedOpportunityId WHERE l.Caseline_Key__c = 'DEMO-LEAD-005'`
    );
    assert.deepEqual(
        {
            ...won,
            ConvertedAccountId: Boolean(won.ConvertedAccountId),
            ConvertedContactId: Boolean(won.ConvertedContactId)
        },
        {
            Status: 'Won',
            IsConverted: 1,
            ConvertedAccountId: true,
            ConvertedContactId: true,
            OpportunityName: 'Tanaka Bakery Ltd'
        }
    );
    const counts = ['Account', 'Contact', 'Opportunity', 'Lead'].map(count);

    const second = await seed();
    assert.equal(second.status, 0, JSON.stringify(second.result.failures));
    assert.deepEqual(second.result.convertedLeads, []);
    assert.deepEqual(['Account', 'Contact', 'Opportunity', 'Lead'].map(count), counts);
});
