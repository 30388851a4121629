/**
 * Activity custom fields: defined once on Activity (`objects/Activity/fields`), fields of Task on every API
 * (describe, SOQL, REST, upsert by external id, Bulk 2.0), listed as one CustomField; what an Activity field cannot
 * be is refused by name. See src/metadata/activityFields.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const VERSION = '66.0';
const V = `/services/data/v${VERSION}`;
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>${VERSION}</version></Package>`;

let t: TestOrg;

function objectFile(fields: string[]): string {
    return `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}>${fields.join('')}</CustomObject>`;
}

function deploy(files: Record<string, string>, rollbackOnError = false): Promise<DeployOutcome> {
    const map = new Map(Object.entries({ 'package.xml': PACKAGE, ...files }).map(([k, v]) => [k, Buffer.from(v)]));
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError });
}

const KEY_FIELD =
    '<fields><fullName>Activity_Key__c</fullName><label>Activity Key</label><length>40</length><type>Text</type><externalId>true</externalId><unique>true</unique></fields>';
const OUTCOME_FIELD =
    '<fields><fullName>Outcome__c</fullName><label>Outcome</label><type>Picklist</type><valueSet><restricted>true</restricted><valueSetDefinition><value><fullName>Done</fullName><default>false</default><label>Done</label></value><value><fullName>Dropped</fullName><default>false</default><label>Dropped</label></value></valueSetDefinition></valueSet></fields>';

/** Field permissions on Task for every profile, as an admin grants them after a deploy. */
async function grantOnTask(fieldNames: string[]): Promise<void> {
    const permissionSets = rows(t.org, 'SELECT Id, Label FROM PermissionSet WHERE IsOwnedByProfile = 1');
    for (const { Id, Label } of permissionSets) {
        for (const name of fieldNames) {
            const result = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/FieldPermissions`, {
                ParentId: Id,
                SobjectType: 'Task',
                Field: `Task.${name}`,
                PermissionsRead: true,
                PermissionsEdit: Label !== 'Read Only'
            });
            assert.equal(result.status, 201, JSON.stringify(result.body));
        }
    }
}

const connection = () => new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: VERSION });

before(async () => {
    t = await startTestOrg();
    const outcome = await deploy({ 'objects/Activity.object': objectFile([KEY_FIELD, OUTCOME_FIELD]) }, true);
    assert.deepEqual(outcome.failures, []);
    await grantOnTask(['Activity_Key__c', 'Outcome__c']);
});
after(async () => {
    await t.close();
});

describe('Activity custom fields', () => {
    test('a field deployed on Activity is a field of Task, reported as the one component Activity.X__c', async () => {
        const outcome = await deploy({ 'objects/Activity.object': objectFile([KEY_FIELD]) });
        assert.deepEqual(
            outcome.successes.filter((s) => s.componentType === 'CustomField').map((s) => s.fullName),
            ['Activity.Activity_Key__c']
        );
        const describe = (await connection().sobject('Task').describe()).fields.find(
            (f) => f.name === 'Activity_Key__c'
        );
        assert.equal(describe?.custom, true);
        assert.equal(describe?.externalId, true);
        assert.equal(describe?.unique, true);
        assert.equal(describe?.idLookup, true);
        const listed = await connection().metadata.list([{ type: 'CustomField' }]);
        const names = (Array.isArray(listed) ? listed : [listed]).map((p) => p.fullName);
        assert.ok(names.includes('Activity.Activity_Key__c'), names.join(', '));
        assert.ok(!names.includes('Task.Activity_Key__c'));
    });

    test('Activity itself is no sObject: describe and SOQL refuse it', async () => {
        const described = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Activity/describe`);
        assert.equal(described.status, 404);
        const queried = await call(t.origin, t.admin.accessToken, 'GET', `${V}/query?q=SELECT+Id+FROM+Activity`);
        assert.equal(queried.status, 400);
        assert.equal((queried.body as { errorCode: string }[])[0].errorCode, 'INVALID_TYPE');
    });

    test('REST create, SOQL, upsert by the external id and Bulk 2.0 write and read the field on Task', async () => {
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Task`, {
            Subject: 'Call back',
            Status: 'Not Started',
            Activity_Key__c: 'K-1',
            Outcome__c: 'Done'
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const upserted = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Task/Activity_Key__c/K-1`, {
            Outcome__c: 'Dropped'
        });
        assert.equal(upserted.status, 200, JSON.stringify(upserted.body));
        const badValue = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Task/Activity_Key__c/K-1`, {
            Outcome__c: 'Maybe'
        });
        assert.equal(badValue.status, 400);
        assert.equal(
            (badValue.body as { errorCode: string }[])[0].errorCode,
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
        );
        const bulk = (await connection().bulk2.loadAndWaitForResults({
            object: 'Task',
            operation: 'insert',
            input: 'Subject,Status,Activity_Key__c,Outcome__c\nBulk task,Not Started,K-2,Done\n',
            pollInterval: 50,
            pollTimeout: 60_000
        })) as unknown as { successfulResults: unknown[]; failedResults: unknown[] };
        assert.equal(bulk.failedResults.length, 0, JSON.stringify(bulk.failedResults));
        const result = await connection().query<{ Activity_Key__c: string; Outcome__c: string }>(
            "SELECT Activity_Key__c, Outcome__c FROM Task WHERE Activity_Key__c IN ('K-1', 'K-2') ORDER BY Activity_Key__c"
        );
        assert.deepEqual(
            result.records.map((r) => [r.Activity_Key__c, r.Outcome__c]),
            [
                ['K-1', 'Dropped'],
                ['K-2', 'Done']
            ]
        );
        const duplicate = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Task`, {
            Subject: 'Again',
            Status: 'Not Started',
            Activity_Key__c: 'K-2'
        });
        assert.equal((duplicate.body as { errorCode: string }[])[0].errorCode, 'DUPLICATE_VALUE');
    });

    test('a custom field on Task alone is refused by name: it is an Activity field', async () => {
        const field =
            '<fields><fullName>Own__c</fullName><label>Own</label><length>10</length><type>Text</type></fields>';
        const outcome = await deploy({ 'objects/Task.object': objectFile([field]) });
        assert.equal(outcome.failures.length, 1);
        assert.match(outcome.failures[0].problem ?? '', /Activity custom fields.*Activity\.Own__c/);
        assert.equal(t.org.schema.field('Task', 'Own__c'), undefined);
    });

    test('what an Activity field cannot be is refused by name', async () => {
        const failures = async (xml: string) =>
            (await deploy({ 'objects/Activity.object': objectFile([xml]) })).failures.map((f) => f.problem);
        assert.match(
            String(
                await failures(
                    '<fields><fullName>Notes__c</fullName><label>Notes</label><length>5000</length><visibleLines>3</visibleLines><type>LongTextArea</type></fields>'
                )
            ),
            /Activity custom fields cannot be of type LongTextArea/
        );
        assert.match(
            String(
                await failures(
                    '<fields><fullName>Parent__c</fullName><label>Parent</label><referenceTo>Case</referenceTo><relationshipName>Acts</relationshipName><type>MasterDetail</type></fields>'
                )
            ),
            /Activity custom fields cannot be of type MasterDetail/
        );
        const lookupToTask = await deploy({
            'objects/Case.object': objectFile([
                '<fields><fullName>Task__c</fullName><label>Task</label><referenceTo>Task</referenceTo><relationshipName>Cases</relationshipName><type>Lookup</type></fields>'
            ])
        });
        assert.match(String(lookupToTask.failures[0]?.problem), /A lookup cannot point to Task/);
    });

    test('the 101st Activity custom field is refused: activities have 100', async () => {
        const fields = Array.from(
            { length: 99 },
            (_, i) =>
                `<fields><fullName>Extra_${i}__c</fullName><label>Extra ${i}</label><type>Checkbox</type><defaultValue>false</defaultValue></fields>`
        );
        const outcome = await deploy({ 'objects/Activity.object': objectFile(fields) });
        assert.equal(outcome.failures.length, 1, 'two fields exist, so 98 of the 99 fit');
        assert.match(outcome.failures[0].problem ?? '', /maximum number of 100 custom fields on Activity/);
    });
});
