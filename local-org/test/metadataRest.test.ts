/**
 * REST Metadata deploy (`metadata/deployRequest`) as the sf CLI uses it with `org-metadata-rest-deploy` on, and the
 * resource's own answers: multipart in, DeployResult JSON out, refusals by name.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import JSZip from 'jszip';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';
import { login, sfHome, type SfHome } from './support/sfCli.ts';

const V = '/services/data/v66.0';
let t: TestOrg;
let cli: SfHome;
let project: string;

/** A small sfdx project: one custom object with a field. */
const PROJECT_FILES: Record<string, string> = {
    'sfdx-project.json': JSON.stringify({
        packageDirectories: [{ path: 'force-app', default: true }],
        sourceApiVersion: '66.0'
    }),
    'force-app/main/default/objects/Widget__c/Widget__c.object-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">
    <deploymentStatus>Deployed</deploymentStatus>
    <label>Widget</label>
    <pluralLabel>Widgets</pluralLabel>
    <nameField><label>Widget Name</label><type>Text</type></nameField>
    <sharingModel>ReadWrite</sharingModel>
</CustomObject>`,
    'force-app/main/default/objects/Widget__c/fields/Size__c.field-meta.xml': `<?xml version="1.0" encoding="UTF-8"?>
<CustomField xmlns="http://soap.sforce.com/2006/04/metadata">
    <fullName>Size__c</fullName>
    <label>Size</label>
    <type>Number</type>
    <precision>6</precision>
    <scale>0</scale>
</CustomField>`
};

before(async () => {
    t = await startTestOrg();
    cli = await sfHome();
    await login(cli, t.origin, t.admin.accessToken, 'local');
    project = await mkdtemp(join(tmpdir(), 'localorg-restdeploy-'));
    for (const [path, content] of Object.entries(PROJECT_FILES)) {
        await mkdir(dirname(join(project, path)), { recursive: true });
        await writeFile(join(project, path), content);
    }
});
after(async () => {
    await cli.dispose();
    await rm(project, { recursive: true, force: true });
    await t.close();
});

describe('REST Metadata deploy', () => {
    test('sf project deploy start with org-metadata-rest-deploy deploys over deployRequest', async () => {
        const deployed = await cli.sf(
            [
                'project',
                'deploy',
                'start',
                '--source-dir',
                join(project, 'force-app'),
                '--target-org',
                'local',
                '--wait',
                '5'
            ],
            { SF_ORG_METADATA_REST_DEPLOY: 'true' }
        );
        assert.equal(deployed.status, 0, JSON.stringify(deployed).slice(0, 2000));
        const result = deployed.result as {
            status: string;
            id: string;
            files: { type: string; fullName: string; state: string }[];
        };
        assert.equal(result.status, 'Succeeded');
        assert.ok(result.files.some((f) => f.type === 'CustomField' && f.fullName === 'Widget__c.Size__c'));
        // Deployed through the REST resource, not the SOAP deploy call.
        assert.deepEqual(
            rows(t.org, 'SELECT kind FROM _lo_deploys WHERE id = ?', result.id).map((r) => r.kind),
            ['restDeploy']
        );
        const describe = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Widget__c/describe`);
        assert.equal(describe.status, 200);
        const status = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/metadata/deployRequest/${result.id}?includeDetails=true`
        );
        const body = status.body as {
            id: string;
            deployResult: {
                done: boolean;
                success: boolean;
                status: string;
                details: { componentSuccesses: unknown[] };
            };
        };
        assert.equal(body.id, result.id);
        assert.equal(body.deployResult.done, true);
        assert.equal(body.deployResult.success, true);
        assert.ok(body.deployResult.details.componentSuccesses.length >= 3);
    });

    test('raw multipart: 201 Pending, then a failure reported per component; options refused by name', async () => {
        const zip = new JSZip();
        zip.file(
            'package.xml',
            '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>66.0</version></Package>'
        );
        zip.file('classes/Nope.cls', 'public class Nope {}');
        const form = new FormData();
        form.append(
            'json',
            new Blob([JSON.stringify({ deployOptions: { rollbackOnError: true } })], { type: 'application/json' })
        );
        form.append(
            'file',
            new Blob([await zip.generateAsync({ type: 'uint8array' })], { type: 'application/zip' }),
            'deploy.zip'
        );
        const response = await fetch(`${t.origin}${V}/metadata/deployRequest`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${t.admin.accessToken}` },
            body: form
        });
        assert.equal(response.status, 201);
        const created = (await response.json()) as { id: string; deployResult: { status: string; done: boolean } };
        assert.match(created.id, /^0Af/);
        assert.equal(created.deployResult.status, 'Pending');
        assert.equal(created.deployResult.done, false);
        const status = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/metadata/deployRequest/${created.id}?includeDetails=true`
        );
        const result = (status.body as { deployResult: Record<string, unknown> }).deployResult as {
            status: string;
            success: boolean;
            details: { componentFailures: { problem: string; componentType: string }[] };
        };
        assert.equal(result.status, 'Failed');
        assert.equal(result.success, false);
        assert.equal(result.details.componentFailures[0].componentType, 'ApexClass');
        assert.equal(result.details.componentFailures[0].problem, 'ApexClass is not supported by local-org');

        // The same deploy request answers the SOAP checkDeployStatus, which jsforce's deployRest().complete() polls.
        const conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '66.0' });
        const soapStatus = await conn.metadata.checkDeployStatus(created.id, true);
        assert.equal(soapStatus.status, 'Failed');

        const withTests = new FormData();
        withTests.append(
            'json',
            new Blob([JSON.stringify({ deployOptions: { testLevel: 'RunSpecifiedTests', runTests: ['MyTest'] } })], {
                type: 'application/json'
            })
        );
        withTests.append(
            'file',
            new Blob([await zip.generateAsync({ type: 'uint8array' })], { type: 'application/zip' }),
            'deploy.zip'
        );
        const refused = await fetch(`${t.origin}${V}/metadata/deployRequest`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${t.admin.accessToken}` },
            body: withTests
        });
        assert.equal(refused.status, 400);
        assert.deepEqual(await refused.json(), [
            {
                errorCode: 'NOT_SUPPORTED_BY_LOCAL_ORG',
                message: 'The deploy option runTests (Apex tests) is not supported by local-org.'
            }
        ]);

        const cancel = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/metadata/deployRequest/${created.id}`, {
            deployResult: { status: 'Canceling' }
        });
        assert.equal(cancel.status, 400);
        assert.equal((cancel.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
        const agent = await call(t.origin, t.agent.accessToken, 'GET', `${V}/metadata/deployRequest/${created.id}`);
        assert.equal(agent.status, 403);
    });
});
