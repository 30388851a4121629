/**
 * local-org learns the project's schema and behaviour through the Metadata API, as a real org does: the sf CLI and
 * the project's own deploy and seed scripts against it, then the deployed rules and automation acting on saves.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from 'jsforce';
import { after, before, describe, test } from 'node:test';
import { projectRoot } from '../../scripts/lib/project.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { WEB_ADDRESS_FIELDS, type WebToCaseForm } from '../../scripts/lib/webToCaseForm.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';
import { login, sfHome, type SfHome } from './support/sfCli.ts';

const V = '/services/data/v66.0';
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

async function assignPermissionSet(userToken: string, name: string): Promise<void> {
    const { body } = await call(
        t.origin,
        t.admin.accessToken,
        'GET',
        `${V}/query?q=${encodeURIComponent(`SELECT Id FROM PermissionSet WHERE Name = '${name}'`)}`
    );
    const permissionSetId = (body as { records: { Id: string }[] }).records[0].Id;
    const userId = ((await call(t.origin, userToken, 'GET', '/services/oauth2/userinfo')).body as { user_id: string })
        .user_id;
    const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/PermissionSetAssignment`, {
        AssigneeId: userId,
        PermissionSetId: permissionSetId
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
}

function recordTypeId(developerName: string): string {
    return String(
        rows(t.org, "SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = ?", developerName)[0].Id
    );
}

/** `sf project deploy start` of a project folder's force-app to the local org, as a developer runs it. */
function deployWithCli(project: string) {
    return cli.sf([
        'project',
        'deploy',
        'start',
        '--source-dir',
        join(project, 'force-app'),
        '--target-org',
        'local',
        '--wait',
        '5'
    ]);
}

describe('sf project deploy start --source-dir force-app', () => {
    test('deploys every component, and the schema is live on the APIs', async () => {
        const deployed = await deployWithCli(projectRoot);
        assert.equal(deployed.status, 0, JSON.stringify(deployed).slice(0, 2000));
        const result = deployed.result as {
            status: string;
            numberComponentErrors: number;
            files: { type: string; fullName: string; state: string }[];
        };
        assert.equal(result.status, 'Succeeded');
        assert.equal(result.numberComponentErrors, 0);
        assert.ok(result.files.some((f) => f.type === 'Flow' && f.state !== 'Failed'));
        for (const [type, fullName] of [
            ['QuickAction', 'Case.Log_Review'],
            ['LightningComponentBundle', 'logReview'],
            ['FlexiPage', 'Caseline_Case_Record_Page']
        ]) {
            assert.ok(
                result.files.some((f) => f.type === type && f.fullName === fullName && f.state !== 'Failed'),
                `${type} ${fullName}`
            );
        }

        assert.deepEqual(
            rows(t.org, "SELECT DeveloperName FROM RecordType WHERE SobjectType = 'Case' ORDER BY DeveloperName").map(
                (r) => r.DeveloperName
            ),
            ['Customer_Request', 'Homeowner', 'Installer', 'Sample_Request', 'Service_Request', 'Web_Form']
        );
        const status = (
            (await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Case/describe`)).body as {
                fields: { name: string; picklistValues: { value: string }[] }[];
            }
        ).fields.find((f) => f.name === 'Status');
        assert.deepEqual(
            status?.picklistValues.map((v) => v.value),
            [
                'New',
                'Working',
                'Escalated',
                'Closed',
                'Closed - Accepted',
                'Closed - Answered',
                'Pending',
                'Responded',
                'Temporary Resolved',
                'Final Resolved',
                'Completed',
                'Cancelled'
            ]
        );
    });

    test('custom fields are hidden until a permission set grants them, as after a real deploy', async () => {
        const hidden = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/query?q=${encodeURIComponent('SELECT Caseline_Key__c FROM Account')}`
        );
        assert.equal(hidden.status, 400);
        assert.equal((hidden.body as { errorCode: string }[])[0].errorCode, 'INVALID_FIELD');
        await assignPermissionSet(t.admin.accessToken, 'Caseline_Admin');
        await assignPermissionSet(t.agent.accessToken, 'Caseline_Agent');
        const visible = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/query?q=${encodeURIComponent('SELECT Caseline_Key__c FROM Account')}`
        );
        assert.equal(visible.status, 200);
    });

    test('deploying again changes nothing and duplicates nothing', async () => {
        const again = await deployWithCli(projectRoot);
        assert.equal(again.status, 0);
        assert.equal(rows(t.org, "SELECT COUNT(*) n FROM RecordType WHERE SobjectType = 'Case'")[0].n, 6);
        assert.equal(rows(t.org, "SELECT COUNT(*) n FROM PermissionSet WHERE Name = 'Caseline_Agent'")[0].n, 1);
    });
});

describe('what the deployed metadata does on a save', () => {
    test('record types limit Case Status to their support process', async () => {
        const created = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: recordTypeId('Sample_Request'),
            Subject: 's',
            Status: 'Closed - Accepted'
        });
        assert.equal(created.status, 400);
        assert.deepEqual(created.body, [
            {
                message: 'Status: bad value for restricted picklist field: Closed - Accepted',
                errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
                fields: ['Status']
            }
        ]);
    });

    test('the Converted_From_Must_Be_Web_Form validation rule refuses lineage to a non-web-form case', async () => {
        const token = t.agent.accessToken;
        const webForm = (
            (
                await call(t.origin, token, 'POST', `${V}/sobjects/Case`, {
                    RecordTypeId: recordTypeId('Web_Form'),
                    Subject: 'Web form'
                })
            ).body as { id: string }
        ).id;
        const other = (
            (
                await call(t.origin, token, 'POST', `${V}/sobjects/Case`, {
                    RecordTypeId: recordTypeId('Customer_Request'),
                    Subject: 'Customer request'
                })
            ).body as { id: string }
        ).id;
        const refused = await call(t.origin, token, 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: recordTypeId('Customer_Request'),
            Subject: 'Follow-up',
            Converted_From__c: other
        });
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.body, [
            {
                message: 'A follow-up can only be converted from a Web Form case.',
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                fields: ['Converted_From__c']
            }
        ]);
        const accepted = await call(t.origin, token, 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: recordTypeId('Customer_Request'),
            Subject: 'Follow-up',
            Converted_From__c: webForm
        });
        assert.equal(accepted.status, 201);
    });

    test('Review_Only_On_Existing_Case: a new case cannot carry a review (a forged Web-to-Case post on a real org)', async () => {
        const token = t.agent.accessToken;
        const tasksBefore = rows(t.org, "SELECT COUNT(*) n FROM Task WHERE Subject = 'Case Review'")[0].n;
        const refused = await call(t.origin, token, 'POST', `${V}/sobjects/Case`, {
            RecordTypeId: recordTypeId('Customer_Request'),
            Subject: 'Born reviewed',
            Last_Review_Comments__c: 'forged',
            Last_Reviewed_On__c: '2026-12-03T09:00:00.000Z'
        });
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.body, [
            {
                message: 'A review is logged on an existing case: save the case first, then use Log Review.',
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION'
            }
        ]);
        assert.equal(rows(t.org, "SELECT COUNT(*) n FROM Task WHERE Subject = 'Case Review'")[0].n, tasksBefore);
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM "Case" WHERE Subject = \'Born reviewed\'')[0].n, 0);
    });

    test('the Case_Review_Task flow turns each saved review into one completed task, in the same transaction', async () => {
        const token = t.agent.accessToken;
        const caseId = (
            (
                await call(t.origin, token, 'POST', `${V}/sobjects/Case`, {
                    RecordTypeId: recordTypeId('Customer_Request'),
                    Subject: 'Reviewed'
                })
            ).body as { id: string }
        ).id;
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM Task WHERE WhatId = ?', caseId)[0].n, 0);
        const review = {
            Last_Review_Comments__c: 'Current Status: waiting for parts',
            Last_Reviewed_By__c: t.agent.id,
            Last_Reviewed_On__c: '2026-11-22T10:00:00.000Z'
        };
        assert.equal((await call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${caseId}`, review)).status, 204);
        assert.deepEqual(
            rows(
                t.org,
                'SELECT Subject, Status, Description, OwnerId, WhoId, ActivityDate, IsClosed FROM Task WHERE WhatId = ?',
                caseId
            ),
            [
                {
                    Subject: 'Case Review',
                    Status: 'Completed',
                    Description: 'Current Status: waiting for parts',
                    OwnerId: t.agent.id,
                    WhoId: null,
                    ActivityDate: null,
                    IsClosed: 1
                }
            ]
        );
        await call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${caseId}`, { Subject: 'Unrelated edit' });
        assert.equal(
            rows(t.org, 'SELECT COUNT(*) n FROM Task WHERE WhatId = ?', caseId)[0].n,
            1,
            'only a new review makes a task'
        );
    });

    test('every API makes one task per review: Collections and Bulk too; a 1001-character review writes nothing', async () => {
        const token = t.agent.accessToken;
        const connection = new Connection({ instanceUrl: t.origin, accessToken: token, version: '66.0' });
        const created = await connection.sobject('Case').create(
            ['Collections A', 'Collections B', 'Bulk A', 'Bulk B'].map((Subject) => ({
                RecordTypeId: recordTypeId('Customer_Request'),
                Subject
            }))
        );
        const ids = created.map((result) => {
            assert.equal(result.success, true, JSON.stringify(result));
            return result.id as string;
        });
        const review = (comments: string) => ({
            Last_Review_Comments__c: comments,
            Last_Reviewed_By__c: t.agent.id,
            Last_Reviewed_On__c: '2026-11-30T09:00:00.000Z'
        });
        const updated = await connection
            .sobject('Case')
            .update(ids.slice(0, 2).map((Id, i) => ({ Id, ...review(`Collections review ${i}`) })));
        assert.ok(updated.every((result) => result.success));
        const bulk = await connection.bulk2.loadAndWaitForResults({
            object: 'Case',
            operation: 'update',
            input: ids.slice(2).map((Id, i) => ({ Id, ...review(`Bulk review ${i}`) })),
            pollInterval: 50,
            pollTimeout: 30_000
        });
        assert.equal(bulk.successfulResults.length, 2, JSON.stringify(bulk.failedResults));
        const tasks = rows(
            t.org,
            `SELECT WhatId, Description FROM Task WHERE WhatId IN (${ids.map(() => '?').join(', ')}) ORDER BY Description`,
            ...ids
        );
        assert.deepEqual(tasks, [
            { WhatId: ids[2], Description: 'Bulk review 0' },
            { WhatId: ids[3], Description: 'Bulk review 1' },
            { WhatId: ids[0], Description: 'Collections review 0' },
            { WhatId: ids[1], Description: 'Collections review 1' }
        ]);

        const tooLong = await call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${ids[0]}`, review('x'.repeat(1001)));
        assert.equal(tooLong.status, 400);
        assert.equal((tooLong.body as { errorCode: string }[])[0].errorCode, 'STRING_TOO_LONG');
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM Task WHERE WhatId = ?', ids[0])[0].n, 1);
        assert.equal(
            rows(t.org, 'SELECT Last_Review_Comments__c c FROM "Case" WHERE Id = ?', ids[0])[0].c,
            'Collections review 0'
        );
        const emoji = await call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${ids[0]}`, {
            ...review('👍'.repeat(500)),
            Last_Reviewed_On__c: '2026-11-30T09:05:00.000Z'
        });
        assert.equal(emoji.status, 204, '500 emoji are 1000 UTF-16 units: accepted, as the component counts');
        const emojiOver = await call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${ids[0]}`, {
            ...review(`${'👍'.repeat(500)}a`),
            Last_Reviewed_On__c: '2026-11-30T09:10:00.000Z'
        });
        assert.equal((emojiOver.body as { errorCode: string }[])[0].errorCode, 'STRING_TOO_LONG');
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM Task WHERE WhatId = ?', ids[0])[0].n, 2);
    });

    test('a review whose task cannot be created is not saved either', async () => {
        const taskRule = (active: boolean) =>
            deployPackage(
                t.org,
                t.admin.id,
                new Map([
                    [
                        'package.xml',
                        Buffer.from(
                            '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Task.No_Review_Tasks</members><name>ValidationRule</name></types><version>66.0</version></Package>'
                        )
                    ],
                    [
                        'objects/Task.object',
                        Buffer.from(
                            `<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><validationRules><fullName>No_Review_Tasks</fullName><active>${active}</active><errorConditionFormula>Subject = 'Case Review'</errorConditionFormula><errorMessage>Review tasks are switched off.</errorMessage></validationRules></CustomObject>`
                        )
                    ]
                ]),
                { checkOnly: false, rollbackOnError: true }
            );
        const deployed = await taskRule(true);
        assert.equal(deployed.success, true, JSON.stringify(deployed.failures));
        try {
            const token = t.agent.accessToken;
            const caseId = (
                (
                    await call(t.origin, token, 'POST', `${V}/sobjects/Case`, {
                        RecordTypeId: recordTypeId('Customer_Request'),
                        Subject: 'Task refused'
                    })
                ).body as { id: string }
            ).id;
            const refused = await call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${caseId}`, {
                Last_Review_Comments__c: 'Will not stick',
                Last_Reviewed_By__c: t.agent.id,
                Last_Reviewed_On__c: '2026-11-30T11:00:00.000Z'
            });
            assert.equal(refused.status, 400);
            const [error] = refused.body as { errorCode: string; message: string }[];
            assert.equal(error.errorCode, 'CANNOT_EXECUTE_FLOW_TRIGGER');
            assert.match(error.message, /Review tasks are switched off/);
            assert.deepEqual(
                rows(t.org, 'SELECT Last_Review_Comments__c c, Last_Reviewed_On__c o FROM "Case" WHERE Id = ?', caseId),
                [{ c: null, o: null }]
            );
            assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM Task WHERE WhatId = ?', caseId)[0].n, 0);
        } finally {
            assert.equal((await taskRule(false)).success, true);
        }
    });

    test('a flow failure rolls the save back', async () => {
        const project = join(cli.home, 'failing-flow');
        await mkdir(join(project, 'force-app', 'flows'), { recursive: true });
        await writeFile(
            join(project, 'sfdx-project.json'),
            JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' })
        );
        await writeFile(
            join(project, 'force-app', 'flows', 'Broken_Account_Copy.flow-meta.xml'),
            `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata">
    <apiVersion>66.0</apiVersion>
    <label>Broken Account Copy</label>
    <processType>AutoLaunchedFlow</processType>
    <recordCreates>
        <name>Create_Nameless_Account</name>
        <inputAssignments><field>Description</field><value><elementReference>$Record.Subject</elementReference></value></inputAssignments>
        <object>Account</object>
    </recordCreates>
    <start>
        <connector><targetReference>Create_Nameless_Account</targetReference></connector>
        <filterLogic>and</filterLogic>
        <filters><field>Subject</field><operator>EqualTo</operator><value><stringValue>Break me</stringValue></value></filters>
        <object>Case</object>
        <recordTriggerType>Create</recordTriggerType>
        <triggerType>RecordAfterSave</triggerType>
    </start>
    <status>Active</status>
</Flow>`
        );
        const deployed = await deployWithCli(project);
        assert.equal(deployed.status, 0, JSON.stringify(deployed).slice(0, 1000));
        const before = rows(t.org, 'SELECT COUNT(*) n FROM "Case"')[0].n;
        const failed = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, { Subject: 'Break me' });
        assert.equal(failed.status, 400);
        const [error] = failed.body as { errorCode: string; message: string }[];
        assert.equal(error.errorCode, 'CANNOT_EXECUTE_FLOW_TRIGGER');
        assert.match(
            error.message,
            /“Broken Account Copy” process failed.*REQUIRED_FIELD_MISSING: Required fields are missing: \[Name\]/
        );
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM "Case"')[0].n, before);
    });

    test('a bad component fails the deploy with Salesforce’s component failure and applies nothing', async () => {
        const project = join(cli.home, 'bad-rule');
        await mkdir(join(project, 'force-app', 'objects', 'Case', 'validationRules'), { recursive: true });
        await mkdir(join(project, 'force-app', 'objects', 'Case', 'fields'), { recursive: true });
        await writeFile(
            join(project, 'sfdx-project.json'),
            JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' })
        );
        await writeFile(
            join(project, 'force-app', 'objects', 'Case', 'fields', 'Temporary__c.field-meta.xml'),
            `<?xml version="1.0" encoding="UTF-8"?><CustomField xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Temporary__c</fullName><label>Temporary</label><length>10</length><type>Text</type></CustomField>`
        );
        await writeFile(
            join(project, 'force-app', 'objects', 'Case', 'validationRules', 'Bad_Rule.validationRule-meta.xml'),
            `<?xml version="1.0" encoding="UTF-8"?><ValidationRule xmlns="http://soap.sforce.com/2006/04/metadata"><fullName>Bad_Rule</fullName><active>true</active><errorConditionFormula>Bogus__c = 'x'</errorConditionFormula><errorMessage>Never</errorMessage></ValidationRule>`
        );
        const deployed = await deployWithCli(project);
        assert.equal(deployed.status, 1);
        const failures = (
            deployed.result as { files: { fullName: string; state: string; error?: string }[] }
        ).files.filter((f) => f.state === 'Failed');
        assert.deepEqual(
            failures.map((f) => f.fullName),
            ['Case.Bad_Rule']
        );
        assert.match(failures[0].error ?? '', /Bogus__c/);
        assert.equal(
            rows(t.org, "SELECT COUNT(*) n FROM pragma_table_info('Case') WHERE name = ?", 'Temporary__c')[0].n,
            0,
            'rolled back'
        );
    });
});

describe('the project’s scripts against local-org', () => {
    test('npm run test:org passes: deploy script, Caseline_Admin for the running user, seed twice with nothing created the second time', async () => {
        // Asynchronously: the org answering the script is served from this process.
        const run = await promisify(execFile)(
            process.execPath,
            ['--import', 'tsx', join(projectRoot, 'scripts', 'test-org.ts'), '--target-org', 'local'],
            { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 300_000, maxBuffer: 32 * 1024 * 1024 }
        ).catch((error: { code?: number; stdout?: string; stderr?: string }) => error);
        const output = `${run.stdout ?? ''}\n${run.stderr ?? ''}`;
        assert.equal('code' in run ? run.code : 0, 0, output.slice(-4000));
        assert.equal(
            rows(t.org, "SELECT COUNT(*) n FROM Contract WHERE Caseline_Key__c LIKE 'DEMO-%'")[0].n,
            8,
            output.slice(-3000)
        );
    });
});

describe('npm run web-to-case-form', () => {
    async function formScript(...args: string[]): Promise<{ code: number; stdout: string }> {
        const run = await promisify(execFile)(
            process.execPath,
            ['--import', 'tsx', join(projectRoot, 'scripts', 'web-to-case-form.ts'), ...args],
            { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 120_000 }
        ).catch((error: { code?: number; stdout?: string }) => ({ code: error.code ?? 1, stdout: error.stdout ?? '' }));
        return { code: 'code' in run ? Number(run.code) : 0, stdout: run.stdout };
    }

    test('prints the form with the org’s id, the Web Form record type by Id and the custom fields by their ids', async () => {
        const run = await formScript('--target-org', 'local', '--return-url', 'https://example.com/thanks', '--json');
        assert.equal(run.code, 0, run.stdout);
        const { form, html } = (JSON.parse(run.stdout) as { result: { form: WebToCaseForm; html: string } }).result;
        const ids = await caseFieldIds();
        assert.equal(form.orgId, t.org.orgId.slice(0, 15));
        assert.equal(form.recordTypeId, recordTypeId('Web_Form').slice(0, 15));
        assert.equal(form.endpoint, `${t.origin}/servlet/servlet.WebToCase?encoding=UTF-8`);
        for (const name of ['Web_Street__c', 'Web_City__c', 'Web_Postal_Code__c', 'Web_Country__c']) {
            const field = form.fields.find((f) => f.key === name);
            assert.equal(field?.name, ids.get(name)!.slice(0, 15), name);
            assert.ok(html.includes(`name="${field.name}"`), name);
        }
        assert.ok(html.includes('<input type="hidden" name="retURL" value="https://example.com/thanks">'));

        // What the printed form posts lands in the right fields.
        const values: Record<string, string> = {
            name: 'Fay Form',
            email: 'fay@form.example',
            subject: 'From the script'
        };
        for (const field of form.fields.filter((f) => f.key.endsWith('__c')))
            values[field.name] = field.key.slice(4, 12);
        const posted = await fetch(form.endpoint, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ orgid: form.orgId, recordType: form.recordTypeId, ...values })
        });
        assert.equal(posted.status, 200, await posted.clone().text());
        assert.deepEqual(
            rows(
                t.org,
                `SELECT c.Web_Street__c, c.Web_City__c, c.Web_Postal_Code__c, c.Web_Country__c, rt.DeveloperName
                 FROM "Case" c JOIN RecordType rt ON rt.Id = c.RecordTypeId WHERE c.Subject = 'From the script'`
            ),
            [
                {
                    Web_Street__c: 'Street__',
                    Web_City__c: 'City__c',
                    Web_Postal_Code__c: 'Postal_C',
                    Web_Country__c: 'Country_',
                    DeveloperName: 'Web_Form'
                }
            ]
        );
    });

    test('--help prints the usage; a missing org or a bad URL fails with exit status 1', async () => {
        const help = await formScript('--help');
        assert.equal(help.code, 0);
        assert.match(help.stdout, /\nUSAGE\n {2}\$ npm run -s web-to-case-form -- --target-org/);
        const noOrg = await formScript('--json');
        assert.equal(noOrg.code, 1);
        assert.equal((JSON.parse(noOrg.stdout) as { name: string }).name, 'InvalidFlags');
        const badUrl = await formScript('--target-org', 'local', '--return-url', 'thanks.html', '--json');
        assert.equal(badUrl.code, 1);
        assert.match(
            (JSON.parse(badUrl.stdout) as { message: string }).message,
            /--return-url must be an absolute URL/
        );
    });
});

describe('the seed as README has an admin run it', () => {
    test('a Standard User with Caseline_Admin seeds twice: the set grants Activate Contracts', async () => {
        await assignPermissionSet(t.agent.accessToken, 'Caseline_Admin');
        await login(cli, t.origin, t.agent.accessToken, 'local-caseline-admin');
        const demoCaseOwners = () =>
            rows(t.org, `SELECT Caseline_Key__c k, OwnerId FROM "Case" WHERE Caseline_Key__c LIKE 'DEMO-%' ORDER BY 1`);
        let ownersAfterFirstRun: Record<string, unknown>[] = [];
        for (const run of [1, 2]) {
            const seeded = await promisify(execFile)(
                process.execPath,
                [
                    '--import',
                    'tsx',
                    join(projectRoot, 'scripts', 'seed.ts'),
                    '--target-org',
                    'local-caseline-admin',
                    '--json'
                ],
                { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 300_000, maxBuffer: 32 * 1024 * 1024 }
            ).catch((error: { code?: number; stdout?: string }) => error);
            const report = JSON.parse(seeded.stdout ?? '{}') as { status: number; result?: { failures: unknown[] } };
            assert.deepEqual(report.result?.failures, [], `run ${run}: ${(seeded.stdout ?? '').slice(0, 3000)}`);
            assert.equal(report.status, 0);
            // force-app's active case assignment rule routes web cases to queues on REST writes by default; the seed
            // sends Sforce-Auto-Assign: FALSE, so a re-run keeps every owner.
            const owners = demoCaseOwners();
            assert.ok(owners.length > 0);
            assert.deepEqual(
                owners.filter((row) => String(row.OwnerId).startsWith('00G')),
                [],
                'no seeded case went to a queue'
            );
            if (run === 1) ownersAfterFirstRun = owners;
            else assert.deepEqual(owners, ownersAfterFirstRun, 'a re-run keeps owners');
        }
        assert.deepEqual(
            rows(
                t.org,
                "SELECT Caseline_Key__c k, Status, StatusCode FROM Contract WHERE Caseline_Key__c LIKE 'DEMO-%' ORDER BY 1"
            ).map((row) => [row.k, row.Status, row.StatusCode]),
            [
                ['DEMO-CTR-001', 'Activated', 'Activated'],
                ['DEMO-CTR-002', 'Pending Cancellation', 'Activated'],
                ['DEMO-CTR-003', 'Cancelled', 'Activated'],
                ['DEMO-CTR-004', 'Draft', 'Draft'],
                ['DEMO-CTR-005', 'Activated', 'Activated'],
                ['DEMO-CTR-006', 'Activated', 'Activated'],
                ['DEMO-CTR-007', 'Cancelled', 'Activated'],
                ['DEMO-CTR-008', 'Pending Cancellation', 'Activated']
            ]
        );
    });
});

describe('the seed names record types by DeveloperName', () => {
    /** Deploys Case.Web_Form with another label, as an org that renamed it would have it. */
    async function deployWebFormLabel(label: string): Promise<void> {
        const project = join(cli.home, `relabel-${label.replace(/\W/g, '')}`);
        const folder = join(project, 'force-app', 'objects', 'Case', 'recordTypes');
        await mkdir(folder, { recursive: true });
        await writeFile(
            join(project, 'sfdx-project.json'),
            JSON.stringify({ packageDirectories: [{ path: 'force-app', default: true }], sourceApiVersion: '66.0' })
        );
        const original = await readFile(
            join(
                projectRoot,
                'force-app',
                'main',
                'default',
                'objects',
                'Case',
                'recordTypes',
                'Web_Form.recordType-meta.xml'
            ),
            'utf8'
        );
        await writeFile(
            join(folder, 'Web_Form.recordType-meta.xml'),
            original.replace('<label>Web Form</label>', `<label>${label}</label>`)
        );
        const deployed = await deployWithCli(project);
        assert.equal(deployed.status, 0, JSON.stringify(deployed).slice(0, 2000));
    }

    test('in an org that renamed the Web Form record type to "Web Request", the web-form cases still get it', async () => {
        await deployWebFormLabel('Web Request');
        try {
            const seeded = await promisify(execFile)(
                process.execPath,
                ['--import', 'tsx', join(projectRoot, 'scripts', 'seed.ts'), '--target-org', 'local', '--json'],
                { cwd: projectRoot, env: cli.env, encoding: 'utf8', timeout: 300_000, maxBuffer: 32 * 1024 * 1024 }
            ).catch((error: { code?: number; stdout?: string }) => error);
            const report = JSON.parse(seeded.stdout ?? '{}') as { status: number; result?: { failures: unknown[] } };
            assert.deepEqual(report.result?.failures, [], (seeded.stdout ?? '').slice(0, 3000));
            assert.deepEqual(
                rows(
                    t.org,
                    `SELECT rt.DeveloperName d, rt.Name n, COUNT(*) c FROM "Case" c JOIN RecordType rt ON rt.Id = c.RecordTypeId
                     WHERE c.Caseline_Key__c LIKE 'DEMO-%' AND rt.DeveloperName = 'Web_Form' GROUP BY 1, 2`
                ).map((row) => [row.d, row.n, row.c]),
                [['Web_Form', 'Web Request', 7]]
            );
        } finally {
            await deployWebFormLabel('Web Form');
        }
    });
});

/** Case custom fields' ids by API name, as listMetadata gives them to any Metadata API client. */
async function caseFieldIds(): Promise<Map<string, string>> {
    const connection = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '66.0' });
    const listed = await connection.metadata.list({ type: 'CustomField' });
    return new Map(
        listed.filter((field) => field.fullName.startsWith('Case.')).map((field) => [field.fullName.slice(5), field.id])
    );
}

describe('Web-to-Case', () => {
    test('listMetadata gives every deployed custom field an 18-character 00N id, kept across deploys', async () => {
        const ids = await caseFieldIds();
        assert.match(ids.get('Web_City__c') ?? '', /^00N[a-zA-Z0-9]{15}$/);
        assert.equal(new Set(ids.values()).size, ids.size, 'one id per field');
        const redeployed = await cli.sf([
            'project',
            'deploy',
            'start',
            '--source-dir',
            join(projectRoot, 'force-app', 'main', 'default', 'objects', 'Case', 'fields'),
            '--target-org',
            'local',
            '--wait',
            '5'
        ]);
        assert.equal(redeployed.status, 0, JSON.stringify(redeployed).slice(0, 2000));
        assert.deepEqual(await caseFieldIds(), ids);
    });

    test('custom fields are posted by field id (15 or 18 characters); an API name or unknown parameter is ignored', async () => {
        const ids = await caseFieldIds();
        const response = await post({
            subject: 'Posted by id',
            [ids.get('Web_City__c')!.slice(0, 15)]: 'Oslo',
            [ids.get('Web_Street__c')!]: '1 Fjord Road',
            Web_Country__c: 'Norway',
            submit: 'Submit',
            not_a_field: 'x'
        });
        assert.equal(response.status, 200);
        assert.deepEqual(
            rows(t.org, `SELECT Web_City__c, Web_Street__c, Web_Country__c FROM "Case" WHERE Subject = 'Posted by id'`),
            [{ Web_City__c: 'Oslo', Web_Street__c: '1 Fjord Road', Web_Country__c: null }]
        );
    });

    async function post(fields: Record<string, string>) {
        return fetch(`${t.origin}/servlet/servlet.WebToCase?encoding=UTF-8`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({
                orgid: t.org.orgId.slice(0, 15),
                recordType: recordTypeId('Web_Form'),
                ...fields
            })
        });
    }

    test('links the contact and account when exactly one contact has the email', async () => {
        const account = (
            (await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: 'Unique Email Ltd' }))
                .body as { id: string }
        ).id;
        const contact = (
            (
                await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
                    LastName: 'Only',
                    Email: 'only@unique.example',
                    AccountId: account
                })
            ).body as { id: string }
        ).id;
        const response = await post({
            name: 'Ola Only',
            email: 'ONLY@unique.example',
            subject: 'Need a quote',
            type: 'Quote Request',
            [(await caseFieldIds()).get('Web_City__c')!.slice(0, 15)]: 'Bergen'
        });
        assert.equal(response.status, 200);
        assert.deepEqual(
            rows(
                t.org,
                'SELECT ContactId, AccountId, Origin, SuppliedName, Type, Web_City__c FROM "Case" WHERE Subject = \'Need a quote\''
            ),
            [
                {
                    ContactId: contact,
                    AccountId: account,
                    Origin: 'Web',
                    SuppliedName: 'Ola Only',
                    Type: 'Quote Request',
                    Web_City__c: 'Bergen'
                }
            ]
        );
    });

    test('links nobody when two contacts share the email', async () => {
        for (const name of ['Twin A', 'Twin B'])
            await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
                LastName: name,
                Email: 'twins@shared.example'
            });
        await post({ email: 'twins@shared.example', subject: 'Which twin' });
        assert.deepEqual(rows(t.org, 'SELECT ContactId, AccountId FROM "Case" WHERE Subject = \'Which twin\''), [
            { ContactId: null, AccountId: null }
        ]);
    });

    test('an anonymous post cannot set owner, links, parent, key or review fields, by name or by field id', async () => {
        const ids = await caseFieldIds();
        const [parent] = rows(t.org, 'SELECT Id FROM "Case" LIMIT 1') as { Id: string }[];
        const account = (
            (await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: 'Forged Link Ltd' }))
                .body as { id: string }
        ).id;
        const forged: Record<string, string> = {
            OwnerId: t.agent.id,
            AccountId: account,
            ContactId: account,
            ParentId: parent.Id,
            Caseline_Key__c: 'forged-key',
            Last_Review_Comments__c: 'forged review',
            Last_Reviewed_By__c: t.agent.id,
            Last_Reviewed_On__c: '2026-11-30T09:10:00.000Z'
        };
        const byId = Object.fromEntries(
            ['Caseline_Key__c', 'Last_Review_Comments__c', 'Last_Reviewed_By__c', 'Last_Reviewed_On__c'].map((name) => [
                ids.get(name)!.slice(0, 15),
                forged[name]
            ])
        );
        const response = await post({ subject: 'Forged fields', ...forged, ...byId });
        assert.equal(response.status, 200);
        const [created] = rows(
            t.org,
            `SELECT Id, OwnerId, AccountId, ContactId, ParentId, Caseline_Key__c, Last_Review_Comments__c,
                    Last_Reviewed_By__c, Last_Reviewed_On__c FROM "Case" WHERE Subject = 'Forged fields'`
        );
        assert.deepEqual(
            { ...created, Id: undefined },
            {
                Id: undefined,
                // The owner is the active assignment rule's (a web case with no country: the International queue).
                OwnerId: rows(t.org, `SELECT Id FROM "Group" WHERE DeveloperName = 'International'`)[0].Id,
                AccountId: null,
                ContactId: null,
                ParentId: null,
                Caseline_Key__c: null,
                Last_Review_Comments__c: null,
                Last_Reviewed_By__c: null,
                Last_Reviewed_On__c: null
            }
        );
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM Task WHERE WhatId = ?', created.Id)[0].n, 0, 'no review task');
    });

    test("only the custom fields in Case's Web_To_Case_Fields field set are filled; the set is checked at deploy", async () => {
        const ids = await caseFieldIds();
        const deploySet = (fields: string[]) =>
            deployPackage(
                t.org,
                t.admin.id,
                new Map([
                    [
                        'package.xml',
                        Buffer.from(
                            '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>Case.Web_To_Case_Fields</members><name>FieldSet</name></types><version>66.0</version></Package>'
                        )
                    ],
                    [
                        'objects/Case.object',
                        Buffer.from(
                            `<?xml version="1.0" encoding="UTF-8"?><CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><fieldSets><fullName>Web_To_Case_Fields</fullName><description>d</description>${fields.map((f) => `<displayedFields><field>${f}</field><isFieldManaged>false</isFieldManaged><isRequired>false</isRequired></displayedFields>`).join('')}<label>Web-to-Case Fields</label></fieldSets></CustomObject>`
                        )
                    ]
                ]),
                { checkOnly: false, rollbackOnError: true }
            );
        const refused = await deploySet(['Web_City__c', 'No_Such_Field__c']);
        assert.equal(refused.success, false);
        assert.match(JSON.stringify(refused.failures), /Field No_Such_Field__c does not exist on Case/);
        try {
            assert.equal((await deploySet(['Web_City__c'])).success, true);
            await post({
                subject: 'Only the city',
                [ids.get('Web_City__c')!.slice(0, 15)]: 'Tromsø',
                [ids.get('Web_Street__c')!.slice(0, 15)]: '2 Pier Street'
            });
            assert.deepEqual(
                rows(t.org, `SELECT Web_City__c, Web_Street__c FROM "Case" WHERE Subject = 'Only the city'`),
                [{ Web_City__c: 'Tromsø', Web_Street__c: null }]
            );
        } finally {
            const restored = await deploySet(['Web_Street__c', 'Web_City__c', 'Web_Postal_Code__c', 'Web_Country__c']);
            assert.equal(restored.success, true);
        }
    });

    test('the generated form carries exactly the custom fields the field set allows', async () => {
        const fieldSet = await readFile(
            join(projectRoot, 'force-app/main/default/objects/Case/fieldSets/Web_To_Case_Fields.fieldSet-meta.xml'),
            'utf8'
        );
        const listed = [...fieldSet.matchAll(/<field>(\w+)<\/field>/g)].map((match) => match[1]);
        assert.deepEqual(
            listed,
            WEB_ADDRESS_FIELDS.map(([name]) => name)
        );
    });

    test('another org’s id creates nothing and says why', async () => {
        const response = await post({ orgid: '00D000000000000', subject: 'Wrong org' });
        assert.equal(response.status, 400);
        assert.match(await response.text(), /not this org's id/);
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM "Case" WHERE Subject = \'Wrong org\'')[0].n, 0);
    });
});
