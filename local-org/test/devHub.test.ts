/**
 * local-org as a Dev Hub for the real sf CLI: `sf org create scratch` makes a new, separate local org, logs the CLI
 * in through the auth-code exchange, deploys the definition's settings and resets their SourceMember counters.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { TSX } from '../../scripts/lib/localOrgSetup.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { DevHub } from '../src/devHub/devHub.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { LocalOrg } from '../src/org.ts';
import { createRecord } from '../src/writes.ts';
import { startServer, type OrgServer } from '../src/server.ts';
import { login, sfHome, type SfHome } from './support/sfCli.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const DEFINITION = join(projectRoot, 'config', 'project-scratch-def.json');

let hub: LocalOrg;
let hubServer: OrgServer;
let devHub: DevHub;
let cli: SfHome;
let adminToken: string;
let created: { status: number; result?: unknown; message?: string };

function signupRequest(fields: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        Edition: 'Developer',
        ConnectedAppConsumerKey: 'PlatformCLI',
        ConnectedAppCallbackUrl: 'http://localhost:1717/OauthRedirect',
        ...fields
    };
}

async function waitFor(condition: () => boolean): Promise<void> {
    for (let waited = 0; !condition(); waited += 50) {
        if (waited > 10_000) throw new Error('timed out waiting for the Dev Hub');
        await sleep(50);
    }
}

before(async () => {
    hub = LocalOrg.open(':memory:');
    hubServer = await startServer(hub, 0);
    devHub = await DevHub.start(hub, ':memory:');
    adminToken = hub.users()[0].accessToken;
    cli = await sfHome();
    await login(cli, hubServer.origin, adminToken, 'hub');
    created = await cli.sf(['org', 'create', 'scratch', '-v', 'hub', '-a', 'scr', '-f', DEFINITION, '-y', '3']);
});

after(async () => {
    await devHub.stop();
    await hubServer.close();
    hub.close();
    await cli.dispose();
});

describe('sf org create scratch against a local Dev Hub', () => {
    test('creates a separate org the CLI is logged in to, reported as a scratch org', () => {
        assert.equal(created.status, 0, JSON.stringify(created).slice(0, 2000));
        const result = created.result as {
            orgId: string;
            username: string;
            authFields: { isScratch: boolean; devHubUsername: string; expirationDate: string };
            scratchOrgInfo: { Status: string; LoginUrl: string; ScratchOrg: string };
        };
        assert.equal(devHub.scratchOrgs.length, 1);
        const [{ org, origin }] = devHub.scratchOrgs;
        assert.notEqual(org.orgId, hub.orgId, 'a new org, not the hub');
        assert.equal(result.orgId, org.orgId);
        assert.equal(result.scratchOrgInfo.Status, 'Active');
        assert.equal(result.scratchOrgInfo.LoginUrl, origin);
        assert.equal(result.authFields.isScratch, true);
        assert.equal(result.authFields.devHubUsername, 'admin@caseline.localorg');
        const [organization] = rows(
            org,
            'SELECT Name, IsSandbox, TrialExpirationDate, OrganizationType FROM Organization'
        );
        assert.equal(organization.Name, 'Caseline');
        assert.equal(organization.IsSandbox, 1);
        assert.equal(String(organization.TrialExpirationDate).slice(0, 10), result.authFields.expirationDate);
        assert.equal(organization.OrganizationType, 'Developer Edition');
        assert.match(result.username, /^test-[a-z0-9]{12}@example\.com$/);
        assert.equal(rows(org, 'SELECT Id FROM User WHERE Username = ?', result.username).length, 1);
        assert.equal(rows(hub, 'SELECT Id FROM User WHERE Username = ?', result.username).length, 0);
        const scratchUsers = rows(org, 'SELECT Username FROM User').map((u) => u.Username);
        const hubUsers = new Set(rows(hub, 'SELECT Username FROM User').map((u) => u.Username));
        assert.equal(scratchUsers.length, 3, 'the built-in users, as in any local org');
        assert.ok(
            scratchUsers.every((u) => !hubUsers.has(u)),
            `usernames unique across orgs: ${scratchUsers.join(', ')}`
        );
    });

    test('the hub keeps the ScratchOrgInfo and an ActiveScratchOrg for it', () => {
        const [{ org }] = devHub.scratchOrgs;
        const [info] = rows(hub, 'SELECT * FROM ScratchOrgInfo');
        assert.equal(info.Status, 'Active');
        assert.equal(info.ScratchOrg, org.orgId.slice(0, 15));
        assert.equal(info.Edition, 'Developer');
        assert.equal(info.Features, 'ServiceCloud');
        assert.equal(info.DurationDays, 3);
        const active = rows(
            hub,
            'SELECT ScratchOrg, SignupUsername FROM ActiveScratchOrg WHERE ScratchOrgInfoId = ?',
            info.Id
        );
        assert.deepEqual(active, [{ ScratchOrg: info.ScratchOrg, SignupUsername: info.SignupUsername }]);
    });

    test('the definition settings were deployed and their SourceMember counters reset, as the CLI does', () => {
        const [{ org }] = devHub.scratchOrgs;
        const settings = rows(org, "SELECT full_name FROM _lo_metadata WHERE type LIKE '%Settings' ORDER BY full_name");
        assert.deepEqual(
            settings.map((r) => r.full_name),
            ['Activities', 'Case', 'LightningExperience']
        );
        const members = rows(org, 'SELECT MemberType, MemberName, RevisionCounter FROM _lo_source_members');
        assert.equal(members.length, 3);
        assert.ok(members.every((m) => m.MemberType === 'Settings' && m.RevisionCounter === 0));
    });

    test('sf org display shows it with its Dev Hub status, and the CLI queries it', async () => {
        const display = await cli.sf(['org', 'display', '-o', 'scr']);
        assert.equal(display.status, 0, JSON.stringify(display));
        const shown = display.result as { status: string; devHubId: string; orgName: string };
        assert.equal(shown.status, 'Active');
        assert.equal(shown.devHubId, 'admin@caseline.localorg');
        assert.equal(shown.orgName, 'Caseline');
        const query = await cli.sf(['data', 'query', '-q', 'SELECT Name FROM Account', '-o', 'scr']);
        assert.equal(query.status, 0, JSON.stringify(query));
    });

    test('the AuthCode is single use, bound to its client id and callback', async () => {
        const [{ origin }] = devHub.scratchOrgs;
        const [info] = rows(hub, 'SELECT AuthCode FROM ScratchOrgInfo');
        const exchange = (form: Record<string, string>) =>
            fetch(`${origin}/services/oauth2/token`, {
                method: 'POST',
                headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
                body: new URLSearchParams(form)
            }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, string> }));
        const used = await exchange({
            grant_type: 'authorization_code',
            code: String(info.AuthCode),
            client_id: 'PlatformCLI',
            redirect_uri: 'http://localhost:1717/OauthRedirect'
        });
        assert.deepEqual(used, {
            status: 400,
            body: { error: 'invalid_grant', error_description: 'invalid authorization code' }
        });
        const refresh = await exchange({ grant_type: 'refresh_token', refresh_token: 'x', client_id: 'PlatformCLI' });
        assert.equal(refresh.body.error, 'unsupported_grant_type');
    });
});

describe('the end of a scratch org', () => {
    test('sf org delete scratch deletes its ActiveScratchOrg; the hub stops the org and marks the request Deleted', async () => {
        const [{ origin }] = devHub.scratchOrgs;
        const deleted = await cli.sf(['org', 'delete', 'scratch', '-o', 'scr', '-p']);
        assert.equal(deleted.status, 0, JSON.stringify(deleted));
        await waitFor(() => devHub.scratchOrgs.length === 0);
        const [info] = rows(hub, 'SELECT Status, DeletedDate FROM ScratchOrgInfo');
        assert.equal(info.Status, 'Deleted');
        assert.equal(info.DeletedDate, new Date().toISOString().slice(0, 10));
        assert.deepEqual(rows(hub, 'SELECT IsDeleted FROM ActiveScratchOrg'), [{ IsDeleted: 1 }]);
        await assert.rejects(fetch(`${origin}/services/data`), 'its server is stopped');
    });

    test('a file-backed hub serves its scratch orgs again after a restart, on the same port', async () => {
        const dir = await mkdtemp(join(tmpdir(), 'devhub-'));
        const file = join(dir, 'hub.db');
        try {
            let fileHub = LocalOrg.open(file);
            let fileDevHub = await DevHub.start(fileHub, file);
            const request = fileHub.context(fileHub.users()[0].id, '66.0');
            fileHub.db.transaction(() => createRecord(request, 'ScratchOrgInfo', signupRequest({ DurationDays: 1 })))();
            await waitFor(() => fileDevHub.scratchOrgs.length === 1);
            const [{ org, origin }] = fileDevHub.scratchOrgs;
            const orgId = org.orgId;
            assert.ok(
                existsSync(
                    join(`${file}.scratch`, `${String(rows(fileHub, 'SELECT Id FROM ScratchOrgInfo')[0].Id)}.db`)
                )
            );
            await fileDevHub.stop();
            fileHub.close();

            fileHub = LocalOrg.open(file);
            fileDevHub = await DevHub.start(fileHub, file);
            assert.deepEqual(
                fileDevHub.scratchOrgs.map((s) => [s.org.orgId, s.origin]),
                [[orgId, origin]]
            );
            await fileDevHub.stop();
            fileHub.close();
        } finally {
            await rm(dir, { recursive: true, force: true });
        }
    });
});

describe('npm run org -- --dev-hub', () => {
    test(
        'starts a Dev Hub: the ready line says so and ScratchOrgInfo answers; SIGTERM stops it',
        { timeout: 30_000 },
        async () => {
            const child = spawn(
                process.execPath,
                [TSX, join('local-org', 'src', 'main.ts'), '--dev-hub', '--port', '0', '--db', ':memory:', '--json'],
                { cwd: projectRoot, stdio: ['ignore', 'pipe', 'inherit'] }
            );
            try {
                const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
                const ready = JSON.parse(line) as {
                    instanceUrl: string;
                    devHub: boolean;
                    users: { accessToken: string }[];
                };
                assert.equal(ready.devHub, true);
                const query = await call(
                    ready.instanceUrl,
                    ready.users[0].accessToken,
                    'GET',
                    `${V}/query?q=SELECT+Id+FROM+ScratchOrgInfo+LIMIT+1`
                );
                assert.equal(query.status, 200, JSON.stringify(query.body));
            } finally {
                child.kill('SIGTERM');
            }
            const [code] = (await once(child, 'exit')) as [number];
            assert.equal(code, 0);
        }
    );
});

describe('the login URL', () => {
    test('singleaccess gives a single-use frontdoor URL whose one-time password opens a new session', async () => {
        const org = LocalOrg.open(':memory:');
        const seen: string[] = [];
        const server = await startServer(org, 0, '127.0.0.1', async (request, res) => {
            if (request.path !== '/secur/frontdoor.jsp') return false;
            seen.push(request.query.get('sid') ?? '');
            res.writeHead(204).end();
            return true;
        });
        try {
            const admin = org.users()[0];
            const bridge = await call(server.origin, admin.accessToken, 'GET', '/services/oauth2/singleaccess');
            assert.equal(bridge.status, 200);
            const url = (bridge.body as { frontdoor_uri: string }).frontdoor_uri;
            assert.match(url, new RegExp(`^${server.origin}/secur/frontdoor\\.jsp\\?otp=[\\w-]+$`));
            await fetch(url);
            await fetch(url);
            assert.equal(seen.length, 2);
            assert.equal(org.userIdForToken(seen[0]), admin.id, 'the first use is a new session of the caller');
            assert.notEqual(seen[0], admin.accessToken);
            assert.equal(seen[1], '', 'the second use has no session');
            const anonymous = await call(server.origin, undefined, 'GET', '/services/oauth2/singleaccess');
            assert.equal(anonymous.status, 401);
        } finally {
            await server.close();
            org.close();
        }
    });
});

describe('what a Dev Hub refuses', () => {
    test('a definition asking for what local-org does not make is refused by name at insert', async () => {
        for (const [fields, feature] of [
            [{ Features: 'ServiceCloud;MultiCurrency' }, 'The scratch org feature MultiCurrency'],
            [{ Edition: 'Enterprise' }, 'The scratch org edition Enterprise'],
            [{ HasSampleData: true }, 'Sample data in a scratch org (hasSampleData)'],
            [{ Namespace: 'cl' }, 'A scratch org with Namespace']
        ] as const) {
            const response = await call(
                hubServer.origin,
                adminToken,
                'POST',
                `${V}/sobjects/ScratchOrgInfo`,
                signupRequest(fields)
            );
            assert.equal(response.status, 400);
            assert.deepEqual(response.body, [
                { errorCode: 'NOT_SUPPORTED_BY_LOCAL_ORG', message: `${feature} is not supported by local-org.` }
            ]);
        }
        const taken = await call(
            hubServer.origin,
            adminToken,
            'POST',
            `${V}/sobjects/ScratchOrgInfo`,
            signupRequest({ Username: 'Admin@caseline.localorg' })
        );
        assert.equal((taken.body as { errorCode: string }[])[0].errorCode, 'DUPLICATE_USERNAME');
        const tooLong = await call(
            hubServer.origin,
            adminToken,
            'POST',
            `${V}/sobjects/ScratchOrgInfo`,
            signupRequest({ DurationDays: 31 })
        );
        assert.equal((tooLong.body as { errorCode: string }[])[0].errorCode, 'FIELD_INTEGRITY_EXCEPTION');
        const missing = await call(hubServer.origin, adminToken, 'POST', `${V}/sobjects/ScratchOrgInfo`, {
            Edition: 'Developer'
        });
        assert.equal((missing.body as { errorCode: string }[])[0].errorCode, 'REQUIRED_FIELD_MISSING');
        assert.equal(rows(hub, 'SELECT Id FROM ScratchOrgInfo').length, 1, 'only the CLI signup was saved');
    });

    test('ScratchOrgInfo status and results are the Dev Hub’s to write', async () => {
        const [info] = rows(hub, 'SELECT Id FROM ScratchOrgInfo');
        const response = await call(
            hubServer.origin,
            adminToken,
            'PATCH',
            `${V}/sobjects/ScratchOrgInfo/${String(info.Id)}`,
            {
                Status: 'Deleted'
            }
        );
        assert.equal(response.status, 400);
        assert.equal((response.body as { errorCode: string }[])[0].errorCode, 'INVALID_FIELD_FOR_INSERT_UPDATE');
    });

    test('an org that is not a Dev Hub has no ScratchOrgInfo, and no SourceMember outside a scratch org', async () => {
        const plain: TestOrg = await startTestOrg();
        try {
            const soi = await call(
                plain.origin,
                plain.admin.accessToken,
                'GET',
                `${V}/query?q=SELECT+Id+FROM+ScratchOrgInfo`
            );
            assert.equal(soi.status, 400);
            assert.equal((soi.body as { errorCode: string }[])[0].errorCode, 'INVALID_TYPE');
            const members = await call(
                plain.origin,
                plain.admin.accessToken,
                'GET',
                `${V}/tooling/query?q=SELECT+Id+FROM+SourceMember`
            );
            assert.equal(members.status, 400);
            assert.equal((members.body as { errorCode: string }[])[0].errorCode, 'INVALID_TYPE');
        } finally {
            await plain.close();
        }
    });

    test('Settings local-org does not behave as are refused by name, not stored', async () => {
        const plain: TestOrg = await startTestOrg();
        try {
            const files = new Map<string, Buffer>([
                ['package.xml', Buffer.from('<Package/>')],
                [
                    'settings/Case.settings',
                    Buffer.from(
                        '<CaseSettings xmlns="http://soap.sforce.com/2006/04/metadata"><webToCase><enableWebToCase>false</enableWebToCase></webToCase></CaseSettings>'
                    )
                ],
                [
                    'settings/Account.settings',
                    Buffer.from(
                        '<AccountSettings xmlns="http://soap.sforce.com/2006/04/metadata"><enableAccountTeams>true</enableAccountTeams></AccountSettings>'
                    )
                ]
            ]);
            const outcome = await deployPackage(plain.org, plain.admin.id, files, {
                checkOnly: false,
                rollbackOnError: false
            });
            assert.deepEqual(
                outcome.failures.map((f) => [f.componentType, f.fullName, f.problem]),
                [
                    [
                        'Settings',
                        'Case',
                        'CaseSettings.webToCase.enableWebToCase = false is not supported by local-org (it behaves as true)'
                    ],
                    ['Settings', 'Account', 'AccountSettings is not supported by local-org']
                ]
            );
            assert.equal(rows(plain.org, "SELECT 1 FROM _lo_metadata WHERE type LIKE '%Settings'").length, 0);
        } finally {
            await plain.close();
        }
    });
});
