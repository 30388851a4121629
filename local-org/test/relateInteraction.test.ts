/**
 * Relate Interaction (issue 24), the parts that run without a screen-flow runtime: force-app's Activity fields,
 * the Authorised_Signer_Needs_Household rule, the list view My Unrelated Interactions, and c:relateInteraction's own
 * GraphQL documents, sent as the component sends them. The Relate_Interaction screen flow and its Task quick action
 * are left out of this deploy: running them is the screen-flow runtime's (issue 24's other half), and the
 * end-to-end test drives them through the preview.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { Connection } from 'jsforce';
import { orgWriter } from '../../scripts/lib/orgWriter.ts';
import { readPlan } from '../../scripts/lib/plan.ts';
import { seed } from '../../scripts/lib/seeding.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { componentDocument } from '../../scripts/lib/componentDocuments.ts';
import { deployPackage } from '../src/metadata/deploy.ts';
import { readPackage } from '../src/metadata/zip.ts';
import { assignPermissionSet, graphqlData } from './support/graphql.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const SIGNER_MESSAGE = "Only a contact of a homeowner's existing household account can be an authorised signer.";
/** What needs the screen-flow runtime. */
const NEEDS_FLOW_RUNTIME = new Set(['Flow:Relate_Interaction', 'QuickAction:Task.Relate_Interaction']);

let t: TestOrg;
let household: string;
let installer: string;
let installerParent: string;
let homeowner: string;
let installerContact: string;

async function deployWithoutFlowRuntime(): Promise<void> {
    const all = ComponentSet.fromSource(join(projectRoot, 'force-app', 'main', 'default'));
    const components = new ComponentSet(
        all.getSourceComponents().filter((c) => !NEEDS_FLOW_RUNTIME.has(`${c.type.name}:${c.fullName}`))
    );
    const converted = await new MetadataConverter().convert(components, 'metadata', { type: 'zip' });
    const files = await readPackage(converted.zipBuffer!.toString('base64'));
    const outcome = await deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
    assert.ok(outcome.success, JSON.stringify(outcome.failures).slice(0, 2000));
}

async function send(method: string, path: string, body?: unknown, token = t.admin.accessToken) {
    return call(t.origin, token, method, `${V}${path}`, body);
}

async function create(object: string, body: Record<string, unknown>): Promise<string> {
    const response = await send('POST', `/sobjects/${object}`, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

interface FieldValue {
    value: string | null;
}
/** A record of the component's documents' answers, with the fields they read. */
interface AnswerNode {
    Id: string;
    ParentId?: FieldValue;
    Parent?: { Name: FieldValue } | null;
    FirstName?: FieldValue;
    LastName?: FieldValue;
    Account?: { Id: string; Name: FieldValue };
}

/** The nodes of a connection of a GraphQL answer (`uiapi.query.<alias>.edges[].node`). */
function nodes(data: Record<string, unknown>, alias: string): AnswerNode[] {
    const query = (data as { uiapi: { query: Record<string, { edges: { node: AnswerNode }[] }> } }).uiapi.query;
    return query[alias].edges.map((edge) => edge.node);
}

async function soql(query: string, token = t.admin.accessToken): Promise<Record<string, unknown>[]> {
    const response = await send('GET', `/query?q=${encodeURIComponent(query)}`, undefined, token);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { records: Record<string, unknown>[] }).records.map(({ attributes: _a, ...r }) => r);
}

before(async () => {
    t = await startTestOrg();
    await deployWithoutFlowRuntime();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    household = await create('Account', { Name: 'Berg Household' });
    installerParent = await create('Account', { Name: 'Brightgate Group' });
    installer = await create('Account', {
        Name: 'Brightgate Installations Inc',
        Type: 'Installation Partner',
        ParentId: installerParent
    });
    homeowner = await create('Contact', { FirstName: 'Astrid', LastName: 'Berg', AccountId: household });
    installerContact = await create('Contact', { FirstName: 'Grace', LastName: 'Novak', AccountId: installer });
});
after(async () => {
    await t.close();
});

describe('interaction tasks', () => {
    test('carry the caller the channel recorded, and the seed key that makes a re-run an update', async () => {
        const body = {
            Subject: 'Chat',
            Type: 'Chat',
            Caller_Email__c: 'visitor@mail.example.se',
            Caller_Name__c: 'Visitor',
            Caller_Phone__c: '+46 70 555 0142'
        };
        const first = await send('PATCH', '/sobjects/Task/Caseline_Key__c/CHAT-0001', body);
        assert.equal(first.status, 201, JSON.stringify(first.body));
        const again = await send('PATCH', '/sobjects/Task/Caseline_Key__c/CHAT-0001', {
            ...body,
            Caller_Name__c: 'Astrid Berg'
        });
        assert.equal(again.status, 200, JSON.stringify(again.body));
        const tasks = await soql(
            "SELECT Caller_Email__c, Caller_Name__c, Caller_Phone__c FROM Task WHERE Caseline_Key__c = 'CHAT-0001'"
        );
        assert.deepEqual(tasks, [
            {
                Caller_Email__c: 'visitor@mail.example.se',
                Caller_Name__c: 'Astrid Berg',
                Caller_Phone__c: '+46 70 555 0142'
            }
        ]);
    });

    test('My Unrelated Interactions lists the user’s own calls, chats and emails that have no Related To', async () => {
        const mine = (fields: Record<string, unknown>) => create('Task', { OwnerId: t.agent.id, ...fields });
        const expected = [
            await mine({ Subject: 'Call from +44 20 7946 0102', Type: 'Call', WhoId: installerContact }),
            await mine({ Subject: 'Chat with a visitor', Type: 'Chat' }),
            await mine({ Subject: 'Email: inverter error', Type: 'Email' })
        ];
        await mine({ Subject: 'Call, related', Type: 'Call', WhatId: household });
        await mine({ Subject: 'Case Review' });
        await create('Task', { OwnerId: t.admin.id, Subject: 'Someone else’s chat', Type: 'Chat' });

        const views = await send('GET', '/sobjects/Task/listviews', undefined, t.agent.accessToken);
        const view = (
            views.body as { listviews: { id: string; developerName: string; label: string }[] }
        ).listviews.find((entry) => entry.developerName === 'My_Unrelated_Interactions');
        assert.equal(view?.label, 'My Unrelated Interactions');
        const results = await send(
            'GET',
            `/sobjects/Task/listviews/${view!.id}/results?limit=2000`,
            undefined,
            t.agent.accessToken
        );
        assert.equal(results.status, 200, JSON.stringify(results.body));
        const records = (
            results.body as { records: { columns: { fieldNameOrPath: string; value: string | null }[] }[] }
        ).records;
        const ids = records.map((record) => record.columns.find((column) => column.fieldNameOrPath === 'Id')?.value);
        assert.deepEqual([...ids].sort(), [...expected].sort());
    });
});

describe('the demo interactions', () => {
    const silent = { startStep() {}, advance() {}, endStep() {} };

    test('are seeded once: a known caller’s call, an unknown chat visitor, an email, a sales rep, one related call', async () => {
        // jsforce's Connection, as @salesforce/core's (which the seed script gets from AuthInfo) extends it.
        const connection = new Connection({
            instanceUrl: t.origin,
            accessToken: t.admin.accessToken,
            version: '66.0'
        }) as unknown as Parameters<typeof orgWriter>[0];
        const steps = await readPlan(join(projectRoot, 'data', 'demo-plan.json'));
        const first = await seed(steps, orgWriter(connection), silent);
        assert.deepEqual(first.failures, []);
        const second = await seed(steps, orgWriter(connection), silent);
        assert.deepEqual(second.failures, []);
        assert.equal(second.steps.find((step) => step.sobject === 'Task')?.created, 0, 'a re-run creates no task');
        const [roofLeak] = await soql("SELECT Id FROM Case WHERE Caseline_Key__c = 'DEMO-CASE-103'");
        const tasks = await soql(
            "SELECT Caseline_Key__c, Type, Who.Name, WhatId, Caller_Phone__c, Caller_Email__c, Status FROM Task WHERE Caseline_Key__c LIKE 'DEMO-TASK-00_' ORDER BY Caseline_Key__c"
        );
        assert.deepEqual(
            tasks.map((task) => [
                task.Caseline_Key__c,
                task.Type,
                (task.Who as { Name?: string } | null)?.Name ?? null,
                task.WhatId,
                task.Caller_Phone__c,
                task.Caller_Email__c,
                task.Status
            ]),
            [
                ['DEMO-TASK-001', 'Call', 'Anna Okafor', null, '+44 20 7946 0102', null, 'Not Started'],
                ['DEMO-TASK-002', 'Chat', null, null, null, 'astrid.berg@mail.example.se', 'Not Started'],
                ['DEMO-TASK-003', 'Email', null, null, null, 'grace@brightgate.example.com', 'Not Started'],
                ['DEMO-TASK-004', 'Call', null, null, '+1 512 555 0199', null, 'Not Started'],
                ['DEMO-TASK-005', 'Call', 'Ben Murphy', roofLeak.Id, '+44 20 7946 0103', null, 'Completed']
            ]
        );
    });
});

describe('Authorised_Signer_Needs_Household', () => {
    test('an authorised signer is added to a homeowner’s household account', async () => {
        await create('Contact', {
            FirstName: 'Erik',
            LastName: 'Berg',
            AccountId: household,
            Authorised_Signer__c: true
        });
    });

    for (const [name, account] of [
        ['a company’s account', () => installer],
        ['no account', () => null]
    ] as const) {
        test(`an authorised signer on ${name} is refused`, async () => {
            const refused = await send('POST', '/sobjects/Contact', {
                LastName: 'Signer',
                AccountId: account(),
                Authorised_Signer__c: true
            });
            assert.equal(refused.status, 400);
            assert.deepEqual(refused.body, [
                {
                    message: SIGNER_MESSAGE,
                    errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                    fields: ['Authorised_Signer__c']
                }
            ]);
        });
    }
});

describe('c:relateInteraction’s documents', () => {
    test('the context reads the account’s parent and the open cases of the account or of the chosen contacts', async () => {
        const onAccount = await create('Case', { Subject: 'Heat pump noise', AccountId: household });
        const ofContact = await create('Case', { Subject: 'Installer question', ContactId: homeowner });
        await create('Case', { Subject: 'Closed', AccountId: household, Status: 'Closed' });
        await create('Case', { Subject: 'Elsewhere', AccountId: installer });
        const query = componentDocument('relateInteraction', 'CONTEXT_QUERY');

        const data = await graphqlData(t, t.agent.accessToken, query, {
            accountId: household,
            contactIds: [homeowner]
        });
        assert.deepEqual(
            nodes(data, 'Case')
                .map((node) => node.Id)
                .sort(),
            [onAccount, ofContact].sort()
        );
        assert.equal(nodes(data, 'Account')[0].ParentId?.value, null);

        const installerData = await graphqlData(t, t.agent.accessToken, query, {
            accountId: installer,
            contactIds: [installer]
        });
        const [node] = nodes(installerData, 'Account');
        assert.deepEqual([node.ParentId?.value, node.Parent?.Name.value], [installerParent, 'Brightgate Group']);
    });

    test('the known contacts are read by Id with their account', async () => {
        const query = componentDocument('relateInteraction', 'KNOWN_CONTACTS_QUERY');
        const data = await graphqlData(t, t.agent.accessToken, query, { contactIds: [installerContact] });
        const [node] = nodes(data, 'Contact');
        assert.deepEqual(
            [node.Id, node.FirstName?.value, node.LastName?.value, node.Account?.Id, node.Account?.Name.value],
            [installerContact, 'Grace', 'Novak', installer, 'Brightgate Installations Inc']
        );
    });
});
