/**
 * What a deploy reports follows package.xml: a standard object's file that only carries fields (the sf CLI's
 * conversion of a project without Account.object-meta.xml) deploys those fields and does not report the object.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { sfEnv } from '../../scripts/lib/sfEnv.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { startTestOrg, type TestOrg } from './support/testOrg.ts';
import { login, sfHome, type SfHome } from './support/sfCli.ts';

let t: TestOrg;
let cli: SfHome;

before(async () => {
    t = await startTestOrg();
    cli = await sfHome();
    await login(cli, t.origin, t.admin.accessToken, 'local');
});
after(async () => {
    await cli.dispose();
    await t.close();
});

const FIELD = `<fields><fullName>Manifest_Test__c</fullName><label>Manifest Test</label><type>Text</type><length>10</length></fields>`;

function manifest(types: [string, string][]): Buffer {
    const body = types.map(([name, member]) => `<types><members>${member}</members><name>${name}</name></types>`);
    return Buffer.from(
        `<Package xmlns="http://soap.sforce.com/2006/04/metadata">${body.join('')}<version>66.0</version></Package>`
    );
}

async function reported(types: [string, string][], objectXml: string) {
    const files = new Map([
        ['package.xml', manifest(types)],
        [
            'objects/Account.object',
            Buffer.from(`<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata">${objectXml}</CustomObject>`)
        ]
    ]);
    const outcome = await deployPackage(t.org, t.admin.id, files, { checkOnly: true, rollbackOnError: true });
    assert.deepEqual(outcome.failures, []);
    return outcome.successes
        .map((message) => `${message.componentType} ${message.fullName}`)
        .filter((name) => name !== ' package.xml');
}

test('fields of a standard object are reported as fields, without the object package.xml does not name', async () => {
    assert.deepEqual(await reported([['CustomField', 'Account.Manifest_Test__c']], FIELD), [
        'CustomField Account.Manifest_Test__c'
    ]);
});

test('the object is reported when package.xml names it or its file sets something of its own', async () => {
    assert.deepEqual(
        await reported(
            [
                ['CustomObject', 'Account'],
                ['CustomField', 'Account.Manifest_Test__c']
            ],
            FIELD
        ),
        ['CustomObject Account', 'CustomField Account.Manifest_Test__c']
    );
    assert.deepEqual(
        await reported([['CustomField', 'Account.Manifest_Test__c']], `<sharingModel>Read</sharingModel>${FIELD}`),
        ['CustomObject Account', 'CustomField Account.Manifest_Test__c']
    );
});

test('npm run deploy -- --dry-run prints no "returned from org, but not found in the local project" warning', async () => {
    const { stdout, stderr } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(projectRoot, 'scripts', 'deploy.ts'), '--target-org', 'local', '--dry-run'],
        { cwd: projectRoot, env: sfEnv(cli.home), timeout: 300_000 }
    );
    assert.match(stdout, /^Validated \d+\/\d+ components/);
    assert.doesNotMatch(stderr, /returned from org, but not found in the local project/);
});
