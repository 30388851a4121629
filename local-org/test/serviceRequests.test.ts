/**
 * Service requests (issue 22): the life cycle configured in custom metadata records and enforced by the
 * Service_Request_Lifecycle before-save flow and Case validation rules, on every write path.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assignPermissionSet, deployForceApp, V } from './support/graphql.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let recordTypeId: string;

before(async () => {
    t = await startTestOrg();
    await deployForceApp(t);
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    [{ Id: recordTypeId }] = rows(t.org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Service_Request'") as {
        Id: string;
    }[];
});
after(() => t.close());

test('smoke', async () => {
    const created = await call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, {
        RecordTypeId: recordTypeId,
        Subject: 'x',
        Status: 'Pending',
        Type: 'Support',
        Impact__c: 'High',
        Urgency__c: 'Low'
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const [row] = rows(t.org, 'SELECT * FROM "Case" WHERE Id = ?', (created.body as { id: string }).id);
    console.log(row);
});
