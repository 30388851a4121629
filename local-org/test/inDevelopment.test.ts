/**
 * A custom object whose deploymentStatus is InDevelopment exists only for users with Customize Application
 * (Salesforce Help, "Deployment Status for Custom Objects and External Objects"): describe, describeGlobal, SOQL,
 * DML and GraphQL answer for anyone else as if it did not exist; Deployed shows it to everyone it is granted to.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage } from '../src/metadata/deploy.ts';
import { graphql } from './support/graphql.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
const V = '/services/data/v66.0';
const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

function objectFile(status: string): string {
    return `<CustomObject ${NS}><deploymentStatus>${status}</deploymentStatus><label>Draft</label><pluralLabel>Drafts</pluralLabel>
<nameField><label>Draft Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>`;
}

/** The agent (Standard User) gets full object access to Draft__c; only the deployment status stands in the way. */
const grant = `<PermissionSet ${NS}><label>Drafts</label><objectPermissions><allowCreate>true</allowCreate>
<allowDelete>true</allowDelete><allowEdit>true</allowEdit><allowRead>true</allowRead><modifyAllRecords>false</modifyAllRecords>
<object>Draft__c</object><viewAllRecords>false</viewAllRecords></objectPermissions></PermissionSet>`;

async function deploy(files: Record<string, string>): Promise<void> {
    const map = new Map<string, Buffer>([
        ['package.xml', Buffer.from(`<Package ${NS}><version>66.0</version></Package>`)],
        ...Object.entries(files).map(([name, xml]): [string, Buffer] => [name, Buffer.from(xml)])
    ]);
    const outcome = await deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
    assert.deepEqual(outcome.failures, []);
}

before(async () => {
    t = await startTestOrg();
    await deploy({
        'objects/Draft__c.object': objectFile('InDevelopment'),
        'permissionsets/Drafts.permissionset': grant
    });
    const [set] = t.org.db.prepare("SELECT Id FROM PermissionSet WHERE Name = 'Drafts'").all() as { Id: string }[];
    const assigned = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/PermissionSetAssignment`, {
        AssigneeId: t.agent.id,
        PermissionSetId: set.Id
    });
    assert.equal(assigned.status, 201);
});
after(() => t.close());

async function visibleTo(token: string) {
    const global = await call(t.origin, token, 'GET', `${V}/sobjects`);
    const listed = (global.body as { sobjects: { name: string }[] }).sobjects.some((o) => o.name === 'Draft__c');
    const describeStatus = (await call(t.origin, token, 'GET', `${V}/sobjects/Draft__c/describe`)).status;
    const query = await call(t.origin, token, 'GET', `${V}/query?q=${encodeURIComponent('SELECT Id FROM Draft__c')}`);
    const create = await call(t.origin, token, 'POST', `${V}/sobjects/Draft__c`, { Name: 'x' });
    const gql = await graphql(t, token, '{ uiapi { query { Draft__c { edges { node { Id } } } } } }');
    return {
        listed,
        describeStatus,
        queryError: query.status === 200 ? null : (query.body as { errorCode: string }[])[0].errorCode,
        createStatus: create.status,
        graphqlError: gql.errors.length > 0
    };
}

describe('deploymentStatus InDevelopment', () => {
    test('hidden from a user without Customize Application, granted object access or not', async () => {
        assert.deepEqual(await visibleTo(t.agent.accessToken), {
            listed: false,
            describeStatus: 404,
            queryError: 'INVALID_TYPE',
            createStatus: 404,
            graphqlError: true
        });
    });

    test('the System Administrator (Customize Application) sees and uses it', async () => {
        assert.deepEqual(await visibleTo(t.admin.accessToken), {
            listed: true,
            describeStatus: 200,
            queryError: null,
            createStatus: 201,
            graphqlError: false
        });
    });

    test('Deployed through updateMetadata: the granted user sees it; readMetadata answers the status', async () => {
        const conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '66.0' });
        const before = (await conn.metadata.read('CustomObject', 'Draft__c')) as unknown as Record<string, unknown>;
        assert.equal(before.deploymentStatus, 'InDevelopment');
        const saved = (await conn.metadata.update('CustomObject', {
            ...before,
            deploymentStatus: 'Deployed'
        } as never)) as unknown as { success: boolean };
        assert.equal(saved.success, true);
        assert.deepEqual(await visibleTo(t.agent.accessToken), {
            listed: true,
            describeStatus: 200,
            queryError: null,
            createStatus: 201,
            graphqlError: false
        });
    });
});
