/**
 * The Relate_Interaction screen flow and its Task quick action, deployed from force-app and run as the agent over
 * local-org's flow-interview endpoint, with the outputs c:relateInteraction fires: the task's Name and Related To
 * and a TaskRelation per other contact in one transaction; a failed write rolls everything back and shows the
 * error screen. Needs the screen-flow runtime of issue 24 (local-org/src/flows/screenFlow.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assignPermissionSet, deployForceApp } from './support/graphql.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const INTERVIEWS = `${V}/local-org/flow-interviews`;
const RULE_MESSAGE = 'Relate this interaction to an account, or to a contact of an account, before completing it.';
let t: TestOrg;
let account: string;
let openCase: string;
let installer: string;
let homeowner: string;

interface Answer {
    interviewId: string;
    status: string;
    screen?: {
        name: string;
        availableActions: string[];
        fields: { name: string; inputs?: Record<string, unknown>; text?: string }[];
    };
}

async function create(object: string, body: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${object}`, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function soql(query: string): Promise<Record<string, unknown>[]> {
    const response = await call(t.origin, t.admin.accessToken, 'GET', `${V}/query?q=${encodeURIComponent(query)}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return (response.body as { records: Record<string, unknown>[] }).records.map(({ attributes: _a, ...r }) => r);
}

async function start(taskId: string): Promise<Answer> {
    const response = await call(t.origin, t.agent.accessToken, 'POST', INTERVIEWS, {
        flowApiName: 'Relate_Interaction',
        inputs: { recordId: taskId }
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as Answer;
}

async function save(interview: Answer, outputs: Record<string, unknown>): Promise<Answer> {
    const response = await call(t.origin, t.agent.accessToken, 'POST', `${INTERVIEWS}/${interview.interviewId}`, {
        action: 'NEXT',
        outputs: { Relate: outputs }
    });
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as Answer;
}

async function relatedContacts(taskId: string): Promise<string[]> {
    const rows = await soql(`SELECT RelationId FROM TaskRelation WHERE TaskId = '${taskId}' AND IsWhat = false`);
    return rows.map((row) => String(row.RelationId)).sort();
}

before(async () => {
    t = await startTestOrg();
    await deployForceApp(t);
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    account = await create('Account', { Name: 'Berg Household' });
    installer = await create('Contact', { FirstName: 'Grace', LastName: 'Novak', AccountId: account });
    homeowner = await create('Contact', { FirstName: 'Astrid', LastName: 'Berg', AccountId: account });
    openCase = await create('Case', { Subject: 'Heat pump noise', AccountId: account, ContactId: homeowner });
});
after(async () => {
    await t?.close();
});

describe('Relate_Interaction', () => {
    test('hands the task’s fields to c:relateInteraction and relates it in one save: Name, Related To, other contacts', async () => {
        const chat = await create('Task', {
            Subject: 'Chat: heat pump noise',
            Type: 'Chat',
            OwnerId: t.agent.id,
            Caller_Email__c: 'astrid.berg@mail.example.se'
        });
        const started = await start(chat);
        assert.equal(started.status, 'STARTED');
        assert.equal(started.screen?.name, 'Relate_Screen');
        assert.deepEqual(started.screen?.availableActions, ['NEXT']);
        const [field] = started.screen!.fields;
        assert.equal(field.name, 'Relate');
        assert.deepEqual(Object.fromEntries(Object.entries(field.inputs ?? {}).filter(([, value]) => value !== null)), {
            recordId: chat,
            subject: 'Chat: heat pump noise',
            taskType: 'Chat',
            callerEmail: 'astrid.berg@mail.example.se'
        });

        const done = await save(started, { contactId: homeowner, relatedToId: openCase, otherContactIds: [installer] });
        assert.equal(done.status, 'FINISHED', JSON.stringify(done));
        const [task] = await soql(`SELECT WhoId, WhatId, WhoCount, AccountId FROM Task WHERE Id = '${chat}'`);
        assert.deepEqual(task, { WhoId: homeowner, WhatId: openCase, WhoCount: 2, AccountId: account });
        assert.deepEqual(await relatedContacts(chat), [homeowner, installer].sort());
        // Related to an account through its contact, the chat can now be completed (Interaction_Needs_Account).
        const completed = await call(t.origin, t.agent.accessToken, 'PATCH', `${V}/sobjects/Task/${chat}`, {
            Status: 'Completed'
        });
        assert.equal(completed.status, 204, JSON.stringify(completed.body));
    });

    test('a sales rep without a contact: Related To the account, no Name, no relation rows', async () => {
        const call_ = await create('Task', { Subject: 'Call', Type: 'Call', OwnerId: t.agent.id });
        const done = await save(await start(call_), { contactId: null, relatedToId: account, otherContactIds: [] });
        assert.equal(done.status, 'FINISHED', JSON.stringify(done));
        const [task] = await soql(`SELECT WhoId, WhatId FROM Task WHERE Id = '${call_}'`);
        assert.deepEqual(task, { WhoId: null, WhatId: account });
        assert.deepEqual(await relatedContacts(call_), []);
    });

    test('a failed write rolls the task back and says why on the error screen', async () => {
        const email = await create('Task', { Subject: 'Email', Type: 'Email', OwnerId: t.agent.id });
        // The same contact twice: the second TaskRelation is a duplicate, after the task was updated.
        const failed = await save(await start(email), {
            contactId: homeowner,
            relatedToId: account,
            otherContactIds: [installer, installer]
        });
        assert.equal(failed.screen?.name, 'Error_Screen', JSON.stringify(failed));
        assert.match(String(failed.screen?.fields[0].text), /The interaction was not related: nothing was saved\./);
        assert.match(String(failed.screen?.fields[0].text), /duplicate value found/);
        const [task] = await soql(`SELECT WhoId, WhatId FROM Task WHERE Id = '${email}'`);
        assert.deepEqual(task, { WhoId: null, WhatId: null });
        assert.deepEqual(await relatedContacts(email), []);
        const refused = await call(t.origin, t.agent.accessToken, 'PATCH', `${V}/sobjects/Task/${email}`, {
            Status: 'Completed'
        });
        assert.deepEqual(refused.body, [{ message: RULE_MESSAGE, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }]);
    });
});
