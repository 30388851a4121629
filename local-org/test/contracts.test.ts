/**
 * Contract lifecycle rules a real org enforces: activation needs the Activate Contracts permission, an activated
 * contract can be edited only by users who have it, and its account is locked.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
let t: TestOrg;
let accountId: string;
let otherAccountId: string;

async function create(token: string, object: string, values: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, token, 'POST', `${V}/sobjects/${object}`, values);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function update(token: string, id: string, values: Record<string, unknown>) {
    const response = await call(t.origin, token, 'PATCH', `${V}/sobjects/Contract/${id}`, values);
    return { status: response.status, errors: (response.body ?? []) as { errorCode: string; fields: string[] }[] };
}

function stored(id: string): Record<string, unknown> {
    return rows(t.org, 'SELECT AccountId, Status, StatusCode, Description FROM Contract WHERE Id = ?', id)[0];
}

before(async () => {
    t = await startTestOrg();
    accountId = await create(t.admin.accessToken, 'Account', { Name: 'Northwind' });
    otherAccountId = await create(t.admin.accessToken, 'Account', { Name: 'Solarwerk' });
});
after(() => t.close());

describe('activating a contract', () => {
    test('a user without Activate Contracts is refused, and the contract stays in Draft', async () => {
        const id = await create(t.agent.accessToken, 'Contract', { AccountId: accountId, Status: 'Draft' });
        const refused = await update(t.agent.accessToken, id, { Status: 'Activated' });
        assert.equal(refused.status, 400);
        assert.deepEqual(
            refused.errors.map((error) => [error.errorCode, error.fields]),
            [['FAILED_ACTIVATION', ['Status']]]
        );
        assert.equal(stored(id).StatusCode, 'Draft');
    });

    test('a user with it activates the contract', async () => {
        const id = await create(t.agent.accessToken, 'Contract', { AccountId: accountId, Status: 'Draft' });
        assert.equal((await update(t.admin.accessToken, id, { Status: 'Activated' })).status, 204);
        assert.equal(stored(id).StatusCode, 'Activated');
    });

    test('the permission comes from a permission set with ActivateContract too', async () => {
        const id = await create(t.agent.accessToken, 'Contract', { AccountId: accountId, Status: 'Draft' });
        const permissionSetId = await create(t.admin.accessToken, 'PermissionSet', {
            Name: 'Contract_Activators',
            Label: 'Contract Activators',
            PermissionsActivateContract: true
        });
        const assignmentId = await create(t.admin.accessToken, 'PermissionSetAssignment', {
            AssigneeId: t.agent.id,
            PermissionSetId: permissionSetId
        });
        try {
            assert.equal((await update(t.agent.accessToken, id, { Status: 'Activated' })).status, 204);
            assert.equal((await update(t.agent.accessToken, id, { Description: 'Signed' })).status, 204);
        } finally {
            await call(
                t.origin,
                t.admin.accessToken,
                'DELETE',
                `${V}/sobjects/PermissionSetAssignment/${assignmentId}`
            );
        }
    });
});

describe('an activated contract', () => {
    let id: string;
    before(async () => {
        id = await create(t.admin.accessToken, 'Contract', { AccountId: accountId, Status: 'Draft' });
        assert.equal((await update(t.admin.accessToken, id, { Status: 'Activated' })).status, 204);
    });

    test('keeps its account: changing it is refused with ENTITY_IS_LOCKED', async () => {
        const refused = await update(t.admin.accessToken, id, { AccountId: otherAccountId, Description: 'moved' });
        assert.equal(refused.status, 400);
        assert.deepEqual(
            refused.errors.map((error) => [error.errorCode, error.fields]),
            [['ENTITY_IS_LOCKED', ['AccountId']]]
        );
        assert.deepEqual(stored(id), {
            AccountId: accountId,
            Status: 'Activated',
            StatusCode: 'Activated',
            Description: null
        });
    });

    test('takes other changes, and its own account again, from a user with Activate Contracts', async () => {
        assert.equal(
            (await update(t.admin.accessToken, id, { Description: 'Renewed', AccountId: accountId })).status,
            204
        );
        assert.equal(stored(id).Description, 'Renewed');
    });

    test('cannot be edited at all by a user without Activate Contracts', async () => {
        const refused = await update(t.agent.accessToken, id, { Description: 'agent edit' });
        assert.equal(refused.status, 400);
        assert.deepEqual(
            refused.errors.map((error) => error.errorCode),
            ['INSUFFICIENT_ACCESS_OR_READONLY']
        );
        assert.equal(stored(id).Description, 'Renewed');
    });
});
