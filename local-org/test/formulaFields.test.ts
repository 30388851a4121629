/**
 * Formula fields: computed when read (REST by id, SOQL select / where / order by, describe says calculated with
 * its formula), never written; what local-org cannot compute from the record's own fields is refused by name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deployPackage, type DeployOutcome } from '../src/metadata/deploy.ts';
import { assignPermissionSet } from './support/graphql.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';
const PACKAGE = `<?xml version="1.0" encoding="UTF-8"?><Package ${NS}><version>66.0</version></Package>`;

let t: TestOrg;

function deploy(files: Record<string, string>): Promise<DeployOutcome> {
    const map = new Map(Object.entries({ 'package.xml': PACKAGE, ...files }).map(([k, v]) => [k, Buffer.from(v)]));
    return deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
}

const object = (body: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><CustomObject ${NS}><label>Job</label><pluralLabel>Jobs</pluralLabel><nameField><label>Job Name</label><type>Text</type></nameField><deploymentStatus>Deployed</deploymentStatus><sharingModel>ReadWrite</sharingModel>${body}</CustomObject>`;
const field = (name: string, body: string) =>
    `<fields><fullName>${name}</fullName><label>${name}</label>${body}</fields>`;

const FIELDS = [
    field('Due__c', '<type>DateTime</type>'),
    field('Done__c', '<type>DateTime</type>'),
    field('Hours__c', '<type>Number</type><precision>8</precision><scale>2</scale>'),
    field(
        'Days_Late__c',
        '<type>Number</type><precision>18</precision><scale>2</scale><formulaTreatBlanksAs>BlankAsBlank</formulaTreatBlanksAs><formula>MAX(0, BLANKVALUE(Done__c, NOW()) - Due__c)</formula>'
    ),
    field('Late__c', '<type>Checkbox</type><formula>Done__c &gt; Due__c</formula>')
];

async function soql(q: string): Promise<Record<string, unknown>[]> {
    const result = await call(t.origin, t.admin.accessToken, 'GET', `${V}/query?q=${encodeURIComponent(q)}`);
    assert.equal(result.status, 200, JSON.stringify(result.body));
    return (result.body as { records: Record<string, unknown>[] }).records;
}

before(async () => {
    t = await startTestOrg();
    const grants = ['Due__c', 'Done__c', 'Hours__c', 'Days_Late__c', 'Late__c']
        .map(
            (name) =>
                `<fieldPermissions><editable>${!name.includes('_La')}</editable><field>Job__c.${name}</field><readable>true</readable></fieldPermissions>`
        )
        .join('');
    const outcome = await deploy({
        'objects/Job__c.object': object(FIELDS.join('')),
        'permissionsets/Jobs.permissionset': `<?xml version="1.0" encoding="UTF-8"?><PermissionSet ${NS}><label>Jobs</label><objectPermissions><allowCreate>true</allowCreate><allowDelete>true</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords><object>Job__c</object><viewAllRecords>false</viewAllRecords></objectPermissions>${grants}</PermissionSet>`
    });
    assert.deepEqual(outcome.failures, []);
    await assignPermissionSet(t, t.admin.id, 'Jobs');
    for (const [name, due, done] of [
        ['late', '2026-01-01T00:00:00.000Z', '2026-01-03T12:00:00.000Z'],
        ['early', '2026-01-05T00:00:00.000Z', '2026-01-04T00:00:00.000Z'],
        ['open', '2020-01-01T00:00:00.000Z', null]
    ]) {
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Job__c`, {
            Name: name,
            Due__c: due,
            Done__c: done
        });
        assert.equal(created.status, 201, JSON.stringify(created.body));
    }
});
after(async () => {
    await t.close();
});

describe('formula fields', () => {
    test('describe: calculated, with the formula, neither createable nor updateable', async () => {
        const described = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Job__c/describe`);
        const days = (described.body as { fields: Record<string, unknown>[] }).fields.find(
            (f) => f.name === 'Days_Late__c'
        )!;
        assert.equal(days.calculated, true);
        assert.equal(days.calculatedFormula, 'MAX(0, BLANKVALUE(Done__c, NOW()) - Due__c)');
        assert.equal(days.createable, false);
        assert.equal(days.updateable, false);
    });

    test('SOQL computes them at read, and filters and sorts by them; NOW() is the time of the read', async () => {
        const records = await soql('SELECT Name, Days_Late__c, Late__c FROM Job__c ORDER BY Days_Late__c DESC');
        assert.deepEqual(
            records.map((r) => [r.Name, r.Late__c]),
            [
                ['open', false],
                ['late', true],
                ['early', false]
            ]
        );
        const open = records[0].Days_Late__c as number;
        const expected = (Date.now() - Date.parse('2020-01-01T00:00:00.000Z')) / 86_400_000;
        assert.ok(Math.abs(open - expected) < 0.02, `${open} days late, about ${expected}`);
        assert.equal(records[1].Days_Late__c, 2.5);
        assert.equal(records[2].Days_Late__c, 0);
        assert.deepEqual(
            (await soql('SELECT Name FROM Job__c WHERE Days_Late__c > 1 AND Late__c = true')).map((r) => r.Name),
            ['late']
        );
        assert.equal(rows(t.org, 'SELECT Days_Late__c FROM Job__c WHERE Name = ?', 'late')[0].Days_Late__c, null);
    });

    test('REST reads a record with its formula values; a write to a formula field is refused', async () => {
        const [{ Id }] = await soql("SELECT Id FROM Job__c WHERE Name = 'late'");
        const read = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Job__c/${Id}`);
        assert.equal((read.body as { Days_Late__c: number }).Days_Late__c, 2.5);
        const write = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Job__c/${Id}`, {
            Days_Late__c: 1
        });
        assert.equal(write.status, 400);
    });

    test('a flow reading $Record.<formula field> gets its value computed from the record being saved', async () => {
        const elements = `
            <customErrors><name>Refuse</name><label>Refuse</label><locationX>0</locationX><locationY>0</locationY>
                <customErrorMessages><errorMessage>Late job</errorMessage><isFieldError>false</isFieldError></customErrorMessages></customErrors>
            <decisions><name>Is_Late</name><label>Is Late</label><locationX>0</locationX><locationY>0</locationY>
                <rules><name>Late</name><conditionLogic>and</conditionLogic><conditions><leftValueReference>$Record.Late__c</leftValueReference><operator>EqualTo</operator><rightValue><booleanValue>true</booleanValue></rightValue></conditions>
                <connector><targetReference>Refuse</targetReference></connector><label>Late</label></rules></decisions>`;
        const flow = `<Flow ${NS}><apiVersion>66.0</apiVersion><label>Late Gate</label><processType>AutoLaunchedFlow</processType><status>Active</status>${elements}
            <start><connector><targetReference>Is_Late</targetReference></connector><object>Job__c</object>
            <recordTriggerType>Create</recordTriggerType><triggerType>RecordBeforeSave</triggerType></start></Flow>`;
        assert.deepEqual((await deploy({ 'flows/Late_Gate.flow': flow })).failures, []);
        const late = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Job__c`, {
            Name: 'late again',
            Due__c: '2026-02-01T00:00:00.000Z',
            Done__c: '2026-02-02T00:00:00.000Z'
        });
        assert.equal(late.status, 400, JSON.stringify(late.body));
        assert.equal((late.body as { message: string }[])[0].message, 'Late job');
        const early = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Job__c`, {
            Name: 'early again',
            Due__c: '2026-02-03T00:00:00.000Z',
            Done__c: '2026-02-02T00:00:00.000Z'
        });
        assert.equal(early.status, 201, JSON.stringify(early.body));
    });

    test('what local-org cannot compute from the record itself is refused by name at deploy', async () => {
        const problem = async (formula: string, extra = '<formulaTreatBlanksAs>BlankAsBlank</formulaTreatBlanksAs>') =>
            (
                await deploy({
                    'objects/Job__c.object': object(
                        field(
                            'Probe__c',
                            `<type>Number</type><precision>18</precision><scale>0</scale>${extra}<formula>${formula}</formula>`
                        )
                    )
                })
            ).failures.map((f) => f.problem);
        assert.match(
            String(await problem('IF($User.Id = OwnerId, 1, 0)')),
            /Global variables \(\$\) in formula fields/
        );
        assert.match(String(await problem('LEN(CreatedBy.Name)')), /reading lookups or related records/);
        assert.match(
            String(await problem('Hours__c * 2', '')),
            /formulaTreatBlanksAs BlankAsZero .* not supported by local-org/
        );
        assert.match(String(await problem('Days_Late__c + 1')), /formula field Days_Late__c in a formula/);
        assert.match(String(await problem('Nope__c')), /Error in formula/);
        const rule = await deploy({
            'objects/Job__c.object': object(
                '<validationRules><fullName>No_Late</fullName><active>true</active><errorConditionFormula>Late__c</errorConditionFormula><errorMessage>Late</errorMessage></validationRules>'
            )
        });
        assert.match(String(rule.failures[0]?.problem), /formula field Late__c/);
    });
});
