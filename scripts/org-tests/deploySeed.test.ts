import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Org } from '@salesforce/core';
import { runScriptJson, targetOrg } from './helpers.ts';
import { candidatesFromResponse, matchSearchRequests, storedMatchKeys } from '../lib/recordMatcher.ts';

test(
    'deploy succeeds and merges our status values into the org’s',
    { skip: !targetOrg && 'no target org' },
    async () => {
        const run = runScriptJson('deploy');
        assert.equal(run.status, 0, JSON.stringify(run.json, null, 2));
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const describe = await connection.sobject('Case').describe();
        const status = describe.fields.find((field) => field.name === 'Status');
        const values = status?.picklistValues?.map((value) => value.value) ?? [];
        assert.ok(values.includes('Closed - Accepted') && values.includes('Closed - Answered'), values.join(', '));
        const recordTypes = describe.recordTypeInfos
            .map((info) => (info as { developerName?: string }).developerName ?? '')
            .sort();
        for (const name of ['Customer_Request', 'Homeowner', 'Installer', 'Sample_Request', 'Web_Form']) {
            assert.ok(recordTypes.includes(name), `record type ${name} in ${recordTypes.join(', ')}`);
        }
    }
);

test(
    'the running user gets Caseline_Admin, so it can see and write the deployed fields',
    { skip: !targetOrg && 'no target org' },
    async () => {
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const userId = (await connection.identity()).user_id;
        const permissionSet = await connection.query<{ Id: string }>(
            "SELECT Id FROM PermissionSet WHERE Name = 'Caseline_Admin'"
        );
        assert.equal(permissionSet.totalSize, 1);
        const assigned = await connection.query(
            `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSetId = '${permissionSet.records[0].Id}'`
        );
        if (assigned.totalSize === 0) {
            const result = await connection
                .sobject('PermissionSetAssignment')
                .create({ AssigneeId: userId, PermissionSetId: permissionSet.records[0].Id });
            assert.equal(result.success, true);
        }
        // Deployed fields are visible only through a permission set that grants field access, as on Salesforce.
        const account = await connection.sobject('Account').describe();
        assert.ok(account.fields.some((field) => field.name === 'Caseline_Key__c'));
        const caseDescribe = await connection.sobject('Case').describe();
        const comments = caseDescribe.fields.find((field) => field.name === 'Last_Review_Comments__c');
        assert.equal(comments?.length, 1000);
    }
);

test('seeding twice creates the demo data once', { skip: !targetOrg && 'no target org' }, async () => {
    const first = runScriptJson('seed');
    assert.equal(first.status, 0, JSON.stringify(first.json, null, 2));
    const second = runScriptJson('seed');
    assert.equal(second.status, 0, JSON.stringify(second.json, null, 2));
    const steps = (second.json.result as { steps: { sobject: string; created: number }[] }).steps;
    assert.deepEqual(
        steps.map((step) => [step.sobject, step.created]),
        steps.map((step) => [step.sobject, 0])
    );
    const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
    const webForms = await connection.query<{ Type: string }>(
        "SELECT Type FROM Case WHERE RecordType.DeveloperName = 'Web_Form' AND Caseline_Key__c LIKE 'DEMO-%'"
    );
    assert.ok(webForms.totalSize >= 6);
    const contracts = await connection.query<{ Status: string }>(
        "SELECT Status FROM Contract WHERE Caseline_Key__c LIKE 'DEMO-%' ORDER BY Caseline_Key__c"
    );
    assert.deepEqual(
        contracts.records.map((record) => record.Status),
        [
            'Activated',
            'Pending Cancellation',
            'Cancelled',
            'Draft',
            'Activated',
            'Activated',
            'Cancelled',
            'Pending Cancellation'
        ]
    );
    // The service cases (issue 20) pass the org's rules: a Homeowner case on an acknowledged Pending Cancellation
    // contract, and an Installer case whose installer contact is its account's.
    const serviceCases = await connection.query<{ Caseline_Key__c: string }>(
        "SELECT Caseline_Key__c FROM Case WHERE Caseline_Key__c IN ('DEMO-CASE-105', 'DEMO-CASE-106', 'DEMO-CASE-107') ORDER BY Caseline_Key__c"
    );
    assert.deepEqual(
        serviceCases.records.map((record) => record.Caseline_Key__c),
        ['DEMO-CASE-105', 'DEMO-CASE-106', 'DEMO-CASE-107']
    );
});

test(
    'seeded accounts carry the JavaScript match keys, and the candidate search finds them by a name variant',
    { skip: !targetOrg && 'no target org' },
    async () => {
        const connection = (await Org.create({ aliasOrUsername: targetOrg })).getConnection();
        const accounts = await connection.query<Record<string, string | null>>(
            'SELECT Id, Name, Phone, Website, BillingStreet, Match_Name_Key__c, Match_Phone_Key__c, ' +
                "Match_Domain_Key__c, Match_Street_Key__c FROM Account WHERE Caseline_Key__c LIKE 'DEMO-%'"
        );
        assert.ok(accounts.totalSize > 0);
        for (const account of accounts.records) {
            const expected = storedMatchKeys('Account', account) as unknown as Record<string, string | null>;
            for (const [field, value] of Object.entries(expected)) assert.equal(account[field] ?? null, value, field);
        }
        const northwind = accounts.records.find((account) => account.Name === 'Northwind Roofing Ltd');
        assert.ok(northwind, 'the demo data has Northwind Roofing Ltd');
        const requests = matchSearchRequests({ LastName: 'Smith', Company: 'NORTHWIND ROOFING LIMITED' });
        assert.equal(requests.length, 2);
        const bodies = await Promise.all(
            requests.map((request) =>
                connection.request<{ data: unknown; errors?: unknown[] }>({
                    method: 'POST',
                    url: `/services/data/v${connection.getApiVersion()}/graphql`,
                    body: JSON.stringify(request),
                    headers: { 'Content-Type': 'application/json' }
                })
            )
        );
        for (const body of bodies) assert.deepEqual(body.errors ?? [], []);
        const found = candidatesFromResponse(...bodies.map((body) => body.data));
        assert.ok(found.accounts.some((account) => account.Id === northwind.Id));
    }
);
