/**
 * The org rule of issue 24, deployed from force-app: a call, chat or email task is completed only once it has an
 * account (Related To an account, or a primary contact of an account); other tasks (Log Review's Case Review
 * tasks, which have no Type) are not concerned.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { call, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
const RULE_MESSAGE = 'Relate this interaction to an account, or to a contact of an account, before completing it.';
let t: TestOrg;
let accountId: string;
let contactId: string;
let caseId: string;

async function create(object: string, body: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${object}`, body);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function complete(taskId: string): Promise<{ status: number; body: unknown }> {
    return call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Task/${taskId}`, { Status: 'Completed' });
}

before(async () => {
    t = await startDeployedTestOrg();
    accountId = await create('Account', { Name: 'Installer Ltd' });
    contactId = await create('Contact', { LastName: 'Installer', AccountId: accountId });
    caseId = await create('Case', { Subject: 'Inverter fault' });
});
after(async () => {
    await t.close();
});

describe('Interaction_Needs_Account', () => {
    for (const type of ['Call', 'Chat', 'Email']) {
        test(`a ${type} task without an account cannot be completed`, async () => {
            const taskId = await create('Task', { Subject: type, Type: type, WhatId: caseId });
            const refused = await complete(taskId);
            assert.equal(refused.status, 400);
            assert.deepEqual(refused.body, [{ message: RULE_MESSAGE, errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION' }]);
        });
    }

    test('related to an account, or to a contact of one, it is completed; so is a task of no interaction type (Case Review)', async () => {
        const onAccount = await create('Task', { Subject: 'Chat', Type: 'Chat', WhatId: accountId });
        const onContactAndCase = await create('Task', {
            Subject: 'Call',
            Type: 'Call',
            WhoId: contactId,
            WhatId: caseId
        });
        const caseReview = await create('Task', { Subject: 'Case Review', WhatId: caseId });
        for (const taskId of [onAccount, onContactAndCase, caseReview]) {
            assert.equal((await complete(taskId)).status, 204);
        }
    });
});
