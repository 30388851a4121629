/**
 * force-app's queue routing on local-org, as the Case actions use it through GraphQL: a before-save flow that looks
 * a queue up with Get Records and makes it the owner (Send to Back Office), and one that refuses, with a Custom
 * Error, a user taking a case from a queue they are not a member of (Take). Both flows are no-Apex and run the same
 * on Salesforce.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { deployPackage } from '../src/metadata/deploy.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    await assignPermissionSet(t, t.viewer.id, 'Caseline_Viewer');
});
after(() => t.close());

function queueId(developerName: string): string {
    return String(
        rows(t.org, `SELECT Id FROM "Group" WHERE Type = 'Queue' AND DeveloperName = ?`, developerName)[0].Id
    );
}

function caseRow(id: string): Record<string, unknown> {
    return rows(t.org, 'SELECT OwnerId, Status, Route_To_Queue__c FROM "Case" WHERE Id = ?', id)[0];
}

/** A phone case the admin owns, created without assignment rules (Sforce-Auto-Assign: FALSE). */
async function newCase(ownerId?: string): Promise<string> {
    const response = await fetch(`${t.origin}${V}/sobjects/Case`, {
        method: 'POST',
        headers: {
            Authorization: `Bearer ${t.admin.accessToken}`,
            'Content-Type': 'application/json',
            'Sforce-Auto-Assign': 'FALSE'
        },
        body: JSON.stringify({ Subject: 'Routing', Origin: 'Phone', ...(ownerId ? { OwnerId: ownerId } : {}) })
    });
    assert.equal(response.status, 201);
    return ((await response.json()) as { id: string }).id;
}

function updateCase(token: string, id: string, values: Record<string, unknown>) {
    return graphql(
        t,
        token,
        'mutation Update($input: CaseUpdateInput!) { uiapi { CaseUpdate(input: $input) { Record { Id } } } }',
        { input: { Id: id, Case: values } }
    );
}

describe('Send to Back Office: routing on the server', () => {
    test('setting Route To Queue makes that queue the owner and clears the field, in the same save', async () => {
        const id = await newCase();
        const result = await updateCase(t.agent.accessToken, id, { Route_To_Queue__c: 'Back_Office' });
        assert.deepEqual(result.errors, []);
        assert.deepEqual(caseRow(id), { OwnerId: queueId('Back_Office'), Status: 'New', Route_To_Queue__c: null });
    });

    test('a name that is no case queue fails the save with the flow’s message; nothing is written', async () => {
        const id = await newCase();
        const result = await updateCase(t.agent.accessToken, id, { Route_To_Queue__c: 'Nowhere' });
        assert.match(result.errors[0]?.message ?? '', /There is no queue Nowhere for cases\./);
        assert.deepEqual(caseRow(id), { OwnerId: t.admin.id, Status: 'New', Route_To_Queue__c: null });
    });
});

describe('Take: only from a queue the user belongs to', () => {
    test('a non-member is refused clearly; a member becomes the owner and the status moves to Working', async () => {
        const dach = queueId('DACH');
        const id = await newCase(dach);
        const refused = await updateCase(t.agent.accessToken, id, { OwnerId: t.agent.id, Status: 'Working' });
        assert.match(refused.errors[0]?.message ?? '', /You can only take cases from queues you are a member of\./);
        assert.deepEqual(caseRow(id), { OwnerId: dach, Status: 'New', Route_To_Queue__c: null });

        const joined = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/GroupMember`, {
            GroupId: dach,
            UserOrGroupId: t.agent.id
        });
        assert.equal(joined.status, 201, JSON.stringify(joined.body));
        const taken = await updateCase(t.agent.accessToken, id, { OwnerId: t.agent.id, Status: 'Working' });
        assert.deepEqual(taken.errors, []);
        assert.deepEqual(caseRow(id), { OwnerId: t.agent.id, Status: 'Working', Route_To_Queue__c: null });
    });

    test('the viewer can neither take nor route a case', async () => {
        const id = await newCase(queueId('Back_Office'));
        for (const values of [{ OwnerId: t.viewer.id }, { Route_To_Queue__c: 'DACH' }]) {
            const result = await updateCase(t.viewer.accessToken, id, values);
            assert.ok(result.errors.length > 0, JSON.stringify(values));
        }
        assert.deepEqual(caseRow(id), { OwnerId: queueId('Back_Office'), Status: 'New', Route_To_Queue__c: null });
    });
});

describe('Get Records and Custom Error: what local-org does not run is refused at deploy', () => {
    const lookup = (extra: string) => `<?xml version="1.0" encoding="UTF-8"?>
<Flow xmlns="http://soap.sforce.com/2006/04/metadata"><apiVersion>66.0</apiVersion><label>Lookup</label>
<processType>AutoLaunchedFlow</processType><status>Active</status>
<recordLookups><name>Get_Queue</name><label>Get Queue</label>${extra}<object>Group</object>
<filters><field>DeveloperName</field><operator>EqualTo</operator><value><stringValue>Back_Office</stringValue></value></filters>
</recordLookups>
<start><connector><targetReference>Get_Queue</targetReference></connector><object>Case</object>
<recordTriggerType>Create</recordTriggerType><triggerType>RecordBeforeSave</triggerType></start></Flow>`;

    test('variables, sorting, filter logic other than AND and a queried field that does not exist are refused by name', async () => {
        const cases: [string, RegExp][] = [
            [
                '<getFirstRecordOnly>true</getFirstRecordOnly><queriedFields>No_Such_Field__c</queriedFields><storeOutputAutomatically>true</storeOutputAutomatically>',
                /Get_Queue: the field No_Such_Field__c does not exist on Group/
            ],
            [
                '<filterLogic>or</filterLogic><getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically>',
                /Get Records Get_Queue: filter logic or is not supported by local-org/
            ],
            [
                '<getFirstRecordOnly>true</getFirstRecordOnly><outputReference>queue</outputReference>',
                /storing the record in variables/
            ],
            [
                '<getFirstRecordOnly>true</getFirstRecordOnly><storeOutputAutomatically>true</storeOutputAutomatically><sortField>Name</sortField><sortOrder>Asc</sortOrder>',
                /sorting is not supported by local-org/
            ]
        ];
        for (const [extra, problem] of cases) {
            const outcome = await deployPackage(
                t.org,
                t.admin.id,
                new Map([
                    [
                        'package.xml',
                        Buffer.from(
                            '<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>66.0</version></Package>'
                        )
                    ],
                    ['flows/Lookup_Test.flow', Buffer.from(lookup(extra))]
                ]),
                { checkOnly: true, rollbackOnError: true }
            );
            assert.equal(outcome.success, false);
            assert.match(outcome.failures[0].problem ?? '', problem);
        }
    });
});
