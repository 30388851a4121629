/**
 * `npm run scratch` end to end through the pinned sf CLI against a local Dev Hub: a new scratch org is created,
 * deployed, given the permission sets and seeded; a second run reuses it and duplicates nothing.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { DevHub } from '../../local-org/src/devHub/devHub.ts';
import { LocalOrg } from '../../local-org/src/org.ts';
import { startServer, type OrgServer } from '../../local-org/src/server.ts';
import { login, sfHome, type SfHome } from '../../local-org/test/support/sfCli.ts';
import { rows } from '../../local-org/test/support/testOrg.ts';
import { runChild, TSX } from '../lib/localOrgSetup.ts';

let hub: LocalOrg;
let hubServer: OrgServer;
let devHub: DevHub;
let cli: SfHome;

type Outcome = {
    status: number;
    result: {
        created: boolean;
        orgId: string;
        username: string;
        instanceUrl: string;
        loginUrl: string;
        permissionSets: { name: string; assigned: boolean }[];
    };
};

async function scratch(): Promise<Outcome> {
    const output = await runChild(
        [TSX, join('scripts', 'scratch.ts'), '--dev-hub', 'hub', '--alias', 'cl', '--days', '2', '--json'],
        cli.env
    );
    return JSON.parse(output.slice(output.indexOf('{'))) as Outcome;
}

function counts(org: LocalOrg): Record<string, number> {
    const count = (sql: string) => Number(rows(org, sql)[0].n);
    return {
        cases: count('SELECT COUNT(*) n FROM "Case" WHERE IsDeleted = 0'),
        accounts: count('SELECT COUNT(*) n FROM Account WHERE IsDeleted = 0'),
        assignments: count('SELECT COUNT(*) n FROM PermissionSetAssignment WHERE IsDeleted = 0')
    };
}

before(async () => {
    hub = LocalOrg.open(':memory:');
    hubServer = await startServer(hub, 0);
    devHub = await DevHub.start(hub, ':memory:');
    cli = await sfHome();
    await login(cli, hubServer.origin, hub.users()[0].accessToken, 'hub');
});

after(async () => {
    await devHub.stop();
    await hubServer.close();
    hub.close();
    await cli.dispose();
});

test('npm run scratch creates, deploys, assigns and seeds a scratch org, then reuses it', async () => {
    const first = await scratch();
    assert.equal(first.status, 0, JSON.stringify(first));
    assert.equal(first.result.created, true);
    assert.equal(devHub.scratchOrgs.length, 1);
    const [{ org, origin }] = devHub.scratchOrgs;
    assert.equal(first.result.orgId, org.orgId);
    assert.notEqual(org.orgId, hub.orgId);
    assert.equal(first.result.instanceUrl.replace(/\/$/, ''), origin);
    assert.ok(first.result.loginUrl.startsWith(`${origin}/secur/frontdoor.jsp?otp=`), first.result.loginUrl);

    const [organization] = rows(org, 'SELECT IsSandbox, TrialExpirationDate FROM Organization');
    assert.equal(organization.IsSandbox, 1);
    assert.ok(organization.TrialExpirationDate);
    assert.ok(rows(org, "SELECT 1 FROM _lo_objects WHERE name = 'Case'").length === 1);
    const custom = org.schema.allObjects().flatMap((o) => o.fields.filter((f) => f.custom));
    assert.ok(custom.length > 0, 'force-app’s custom fields were deployed');
    const assigned = rows(
        org,
        `SELECT ps.Name name FROM PermissionSetAssignment a JOIN PermissionSet ps ON ps.Id = a.PermissionSetId
         JOIN User u ON u.Id = a.AssigneeId WHERE u.Username = ? AND ps.IsOwnedByProfile = 0 ORDER BY ps.Name`,
        first.result.username
    );
    assert.deepEqual(
        assigned.map((r) => r.name),
        ['Caseline_Admin', 'Caseline_Agent']
    );
    const before = counts(org);
    assert.ok(before.cases > 0 && before.accounts > 0, 'the demo data was seeded');
    assert.equal(rows(hub, 'SELECT 1 FROM "Case"').length, 0, 'nothing went into the hub');

    const display = await cli.sf(['org', 'display', '-o', 'cl']);
    assert.equal(display.status, 0, JSON.stringify(display));
    assert.equal((display.result as { id: string }).id, org.orgId);

    const second = await scratch();
    assert.equal(second.status, 0, JSON.stringify(second));
    assert.equal(second.result.created, false);
    assert.equal(second.result.orgId, org.orgId);
    assert.deepEqual(
        second.result.permissionSets.map((p) => p.assigned),
        [false, false]
    );
    assert.equal(devHub.scratchOrgs.length, 1);
    assert.equal(rows(hub, 'SELECT 1 FROM ScratchOrgInfo').length, 1);
    assert.deepEqual(counts(org), before);
});

test('npm run scratch refuses an alias that names an org which is not a scratch org', async () => {
    await assert.rejects(
        runChild([TSX, join('scripts', 'scratch.ts'), '--dev-hub', 'hub', '--alias', 'hub', '--json'], cli.env),
        /The alias \\"hub\\" names admin@caseline.localorg, which is not a scratch org/
    );
});

test('npm run scratch --help prints its usage', async () => {
    const output = await runChild([TSX, join('scripts', 'scratch.ts'), '--help'], cli.env);
    assert.match(output, /\nUSAGE\n {2}\$ npm run scratch -- --dev-hub <alias\|username>/);
});

test('npm run scratch names an unknown Dev Hub and how to log in to it', async () => {
    await assert.rejects(
        runChild([TSX, join('scripts', 'scratch.ts'), '--dev-hub', 'nohub', '--json'], cli.env),
        /UnknownDevHub[\s\S]*`npm run sf -- org login web --alias nohub --set-default-dev-hub`/
    );
});
