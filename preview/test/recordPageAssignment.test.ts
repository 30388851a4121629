/**
 * Record page activation as metadata: force-app's Caseline app makes Caseline_Case_Record_Page the app default for
 * Case, local-org checks and applies that assignment (and refuses the kinds it does not apply, by name), and the
 * preview shows a record with the page its app assigns, as Salesforce does.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage, type DeployOutcome } from '../../local-org/src/metadata/deploy.ts';
import { startServer, type OrgServer } from '../../local-org/src/server.ts';
import { openDeployedOrg } from '../../local-org/test/support/deployedOrg.ts';
import { assignPermissionSet, V } from '../../local-org/test/support/graphql.ts';
import { call, type TestOrg } from '../../local-org/test/support/testOrg.ts';
import { previewPages } from '../server/pages.ts';

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
let t: TestOrg;
let server: OrgServer;
let dist: string;

before(async () => {
    dist = await mkdtemp(join(tmpdir(), 'preview-dist-'));
    await writeFile(join(dist, 'main.js'), 'export {};\n');
    const org = await openDeployedOrg();
    server = await startServer(org, 0, '127.0.0.1', previewPages(org, { distDir: dist }));
    const [admin, agent, viewer] = org.users();
    t = { org, origin: server.origin, admin, agent, viewer, close: async () => undefined };
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
});
after(async () => {
    await server.close();
    t.org.close();
    await rm(dist, { recursive: true, force: true });
});

function deploy(files: Record<string, string>): Promise<DeployOutcome> {
    const map = new Map(
        Object.entries({ 'package.xml': `<Package ${NS}><version>66.0</version></Package>`, ...files }).map(
            ([k, v]) => [k, Buffer.from(v)] as [string, Buffer]
        )
    );
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
}

const app = (overrides: string) =>
    `<CustomApplication ${NS}>${overrides}<label>Test</label><navType>Standard</navType><tabs>standard-Case</tabs><uiType>Lightning</uiType></CustomApplication>`;
const caseOverride = (page: string) =>
    `<actionOverrides><actionName>View</actionName><content>${page}</content><formFactor>Large</formFactor><skipRecordTypeSelect>false</skipRecordTypeSelect><type>Flexipage</type><pageOrSobjectType>Case</pageOrSobjectType></actionOverrides>`;

/** The record page the preview shows a user for a case. */
async function recordPageShown(token: string, caseId: string): Promise<string | null> {
    const response = await fetch(`${server.origin}/lightning/r/Case/${caseId}/view`, {
        headers: { Cookie: `sid=${encodeURIComponent(token)}` }
    });
    assert.equal(response.status, 200);
    const html = await response.text();
    const data = JSON.parse(/<script type="application\/json" id="preview-session">(.*?)<\/script>/s.exec(html)![1]);
    return (data.recordPage as { name: string | null }).name;
}

async function newCase(): Promise<string> {
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, { Subject: 'Paged' });
    return (created.body as { id: string }).id;
}

describe('assignments local-org applies or refuses', () => {
    test('an app default must name a deployed record page for the object', async () => {
        const missing = await deploy({ 'applications/Test.app': app(caseOverride('No_Such_Page')) });
        assert.equal(missing.failures[0]?.problem, 'In field: content - no FlexiPage named No_Such_Page found');
    });

    test('per-profile assignments, org-wide object overrides and unknown apps in permission sets are refused by name', async () => {
        const perProfile = await deploy({
            'applications/Test.app': app(
                '<profileActionOverrides><actionName>View</actionName><content>Caseline_Case_Record_Page</content><formFactor>Large</formFactor><pageOrSobjectType>Case</pageOrSobjectType><recordType>Case.Web_Form</recordType><type>Flexipage</type><profile>Admin</profile></profileActionOverrides>'
            )
        });
        assert.match(
            perProfile.failures[0]?.problem ?? '',
            /^profileActionOverrides .* are not supported by local-org/
        );
        const orgWide = await deploy({
            'objects/Case.object': `<CustomObject ${NS}><actionOverrides><actionName>View</actionName><content>Caseline_Case_Record_Page</content><formFactor>Large</formFactor><skipRecordTypeSelect>false</skipRecordTypeSelect><type>Flexipage</type></actionOverrides></CustomObject>`
        });
        assert.match(
            orgWide.failures[0]?.problem ?? '',
            /^Action override View \(type Flexipage\) on Case is not supported by local-org/
        );
        const unknownApp = await deploy({
            'permissionsets/Test_Set.permissionset': `<PermissionSet ${NS}><applicationVisibilities><application>Nope</application><visible>true</visible></applicationVisibilities><label>Test</label></PermissionSet>`
        });
        assert.equal(unknownApp.failures[0]?.problem, 'In field: application - no CustomApplication named Nope found');
    });
});

describe('the preview’s record page follows the app assignment', () => {
    test('force-app’s Caseline app shows Case records with the Caseline page, to the users it is visible to', async () => {
        assert.deepEqual(t.org.visibleApps(t.agent.id), ['Caseline']);
        const caseId = await newCase();
        assert.equal(await recordPageShown(t.agent.accessToken, caseId), 'Caseline_Case_Record_Page');
    });

    test('without the assignment the record shows Salesforce’s own page, not the Caseline page', async () => {
        const caseline = await readFile(
            join(projectRoot, 'force-app/main/default/applications/Caseline.app-meta.xml'),
            'utf8'
        );
        const unassigned = caseline.replace(/<actionOverrides>[\s\S]*?<\/actionOverrides>/, '');
        assert.notEqual(unassigned, caseline);
        const outcome = await deploy({ 'applications/Caseline.app': unassigned });
        assert.equal(outcome.success, true, JSON.stringify(outcome.failures));
        const caseId = await newCase();
        assert.equal(await recordPageShown(t.agent.accessToken, caseId), null);
        const restored = await deploy({ 'applications/Caseline.app': caseline });
        assert.equal(restored.success, true);
        assert.equal(await recordPageShown(t.agent.accessToken, caseId), 'Caseline_Case_Record_Page');
    });
});
