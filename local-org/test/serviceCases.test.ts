/**
 * The org's rules for service cases (issue 20), deployed from force-app and enforced for every client: lookup
 * filters on Contract__c and Installer_Contact__c, the validation rules for Homeowner and Installer cases and the
 * contract-status acknowledgement, and the before-save flow that fills the account and installer contact. Through
 * single-record REST, sObject Collections and Bulk API 2.0 (jsforce).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let homeownerType: string;
let installerType: string;
let homeownerAccount: string;
let otherAccount: string;
let activeContract: string;
let pendingContract: string;
let otherContract: string;
let installerAccount: string;
let installerContact: string;
let strangerContact: string;

interface RestError {
    errorCode: string;
    message: string;
    fields: string[];
}

async function create(token: string, object: string, values: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, token, 'POST', `${V}/sobjects/${object}`, values);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function createCase(values: Record<string, unknown>) {
    return call(t.origin, t.agent.accessToken, 'POST', `${V}/sobjects/Case`, { Subject: 'Leak', ...values });
}

function errors(body: unknown): [string, string, string[]][] {
    return (body as RestError[]).map((e) => [e.errorCode, e.message, e.fields]);
}

function storedCase(id: string): Record<string, unknown> {
    return rows(t.org, 'SELECT * FROM "Case" WHERE Id = ?', id)[0];
}

/** A contract taken through activation to the given status by the admin, who has Activate Contracts. */
async function contract(accountId: string, status: string): Promise<string> {
    const id = await create(t.admin.accessToken, 'Contract', { AccountId: accountId, Status: 'Draft' });
    for (const next of status === 'Draft' ? [] : ['Activated', status]) {
        const updated = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Contract/${id}`, {
            Status: next
        });
        assert.equal(updated.status, 204, JSON.stringify(updated.body));
    }
    return id;
}

const CONTRACT_FILTER_MESSAGE = "Choose a contract of this case's account.";
const INSTALLER_FILTER_MESSAGE = "An Installer case's installer contact must be a contact of the case's account.";
const ACK_MESSAGE = 'This contract is Cancelled or Pending Cancellation: confirm that the case really concerns it.';

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    const types = rows(t.org, "SELECT Id, DeveloperName FROM RecordType WHERE SobjectType = 'Case'");
    homeownerType = String(types.find((r) => r.DeveloperName === 'Homeowner')!.Id);
    installerType = String(types.find((r) => r.DeveloperName === 'Installer')!.Id);
    homeownerAccount = await create(t.admin.accessToken, 'Account', { Name: 'Berg Household' });
    otherAccount = await create(t.admin.accessToken, 'Account', { Name: 'Lind Household' });
    activeContract = await contract(homeownerAccount, 'Activated');
    pendingContract = await contract(homeownerAccount, 'Pending Cancellation');
    otherContract = await contract(otherAccount, 'Activated');
    installerAccount = await create(t.admin.accessToken, 'Account', { Name: 'Sunfit Installers' });
    installerContact = await create(t.admin.accessToken, 'Contact', {
        LastName: 'Rao',
        AccountId: installerAccount
    });
    strangerContact = await create(t.admin.accessToken, 'Contact', { LastName: 'Olsen', AccountId: otherAccount });
});
after(() => t.close());

describe('Homeowner cases through REST', () => {
    test('without a contract: 400 from the validation rule', async () => {
        const response = await createCase({ RecordTypeId: homeownerType, AccountId: homeownerAccount });
        assert.equal(response.status, 400);
        assert.deepEqual(errors(response.body), [
            ['FIELD_CUSTOM_VALIDATION_EXCEPTION', 'A Homeowner case needs the contract it concerns.', ['Contract__c']]
        ]);
    });

    test('with another account’s contract: 400 FIELD_FILTER_VALIDATION_EXCEPTION with the filter’s message', async () => {
        const response = await createCase({
            RecordTypeId: homeownerType,
            AccountId: homeownerAccount,
            Contract__c: otherContract
        });
        assert.equal(response.status, 400);
        assert.deepEqual(errors(response.body), [
            ['FIELD_FILTER_VALIDATION_EXCEPTION', CONTRACT_FILTER_MESSAGE, ['Contract__c']]
        ]);
    });

    test('with the contract only: 201, the flow fills the account from the contract', async () => {
        const response = await createCase({ RecordTypeId: homeownerType, Contract__c: activeContract });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        const stored = storedCase((response.body as { id: string }).id);
        assert.equal(stored.AccountId, homeownerAccount);
        assert.equal(stored.OwnerId, t.agent.id);
    });

    test('on a Pending Cancellation contract: 400 without the acknowledgement, 201 with it', async () => {
        const values = { RecordTypeId: homeownerType, AccountId: homeownerAccount, Contract__c: pendingContract };
        const refused = await createCase(values);
        assert.equal(refused.status, 400);
        assert.deepEqual(errors(refused.body), [
            ['FIELD_CUSTOM_VALIDATION_EXCEPTION', ACK_MESSAGE, ['Contract_Status_Acknowledged__c']]
        ]);
        const accepted = await createCase({ ...values, Contract_Status_Acknowledged__c: true });
        assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    });

    test('an update moving a case to another account’s contract is refused too', async () => {
        const created = await createCase({ RecordTypeId: homeownerType, Contract__c: activeContract });
        const id = (created.body as { id: string }).id;
        const moved = await call(t.origin, t.agent.accessToken, 'PATCH', `${V}/sobjects/Case/${id}`, {
            Contract__c: otherContract
        });
        assert.equal(moved.status, 400);
        assert.deepEqual(errors(moved.body), [
            ['FIELD_FILTER_VALIDATION_EXCEPTION', CONTRACT_FILTER_MESSAGE, ['Contract__c']]
        ]);
        assert.equal(storedCase(id).Contract__c, activeContract);
    });
});

describe('Installer cases through REST', () => {
    test('under an account without the installer contact: 400', async () => {
        const response = await createCase({ RecordTypeId: installerType, AccountId: installerAccount });
        assert.equal(response.status, 400);
        assert.deepEqual(errors(response.body), [
            [
                'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                'An Installer case under an account needs the installer contact.',
                ['Installer_Contact__c']
            ]
        ]);
    });

    test('an Installer case with a contact of another account as installer contact: 400 FIELD_FILTER_VALIDATION_EXCEPTION; a Homeowner case may', async () => {
        const response = await createCase({
            RecordTypeId: installerType,
            AccountId: installerAccount,
            Installer_Contact__c: strangerContact
        });
        assert.equal(response.status, 400);
        assert.deepEqual(errors(response.body), [
            ['FIELD_FILTER_VALIDATION_EXCEPTION', INSTALLER_FILTER_MESSAGE, ['Installer_Contact__c']]
        ]);
        // A Homeowner case names the customer's installer, another account's contact: the filter is for Installer cases.
        const homeowner = await createCase({
            RecordTypeId: homeownerType,
            Contract__c: activeContract,
            Installer_Contact__c: strangerContact
        });
        assert.equal(homeowner.status, 201, JSON.stringify(homeowner.body));
    });

    test('from a contact: 201 with the installer contact filled in by the flow', async () => {
        const response = await createCase({
            RecordTypeId: installerType,
            AccountId: installerAccount,
            ContactId: installerContact
        });
        assert.equal(response.status, 201, JSON.stringify(response.body));
        const stored = storedCase((response.body as { id: string }).id);
        assert.equal(stored.Installer_Contact__c, installerContact);
    });
});

describe('the same rules through sObject Collections and Bulk API 2.0', () => {
    test('Collections: each record fails or succeeds on its own rule (allOrNone false)', async () => {
        const response = await call(t.origin, t.agent.accessToken, 'POST', `${V}/composite/sobjects`, {
            allOrNone: false,
            records: [
                { attributes: { type: 'Case' }, RecordTypeId: homeownerType, Contract__c: activeContract },
                {
                    attributes: { type: 'Case' },
                    RecordTypeId: homeownerType,
                    AccountId: homeownerAccount,
                    Contract__c: otherContract
                },
                { attributes: { type: 'Case' }, RecordTypeId: homeownerType, Contract__c: pendingContract }
            ]
        });
        assert.equal(response.status, 200);
        const results = response.body as { success: boolean; errors: { statusCode: string; fields: string[] }[] }[];
        assert.deepEqual(
            results.map((r) => [r.success, r.errors.map((e) => [e.statusCode, e.fields])]),
            [
                [true, []],
                [false, [['FIELD_FILTER_VALIDATION_EXCEPTION', ['Contract__c']]]],
                [false, [['FIELD_CUSTOM_VALIDATION_EXCEPTION', ['Contract_Status_Acknowledged__c']]]]
            ]
        );
    });

    test('Bulk API 2.0: the filtered row fails with the filter’s message, the others load', async () => {
        const connection = new Connection({ instanceUrl: t.origin, accessToken: t.agent.accessToken, version: '66.0' });
        const input = [
            `RecordTypeId,AccountId,Contract__c,Contract_Status_Acknowledged__c,Subject`,
            `${homeownerType},${homeownerAccount},${activeContract},false,Bulk ok`,
            `${homeownerType},${homeownerAccount},${otherContract},false,Bulk filtered`,
            `${homeownerType},${homeownerAccount},${pendingContract},false,Bulk unacknowledged`,
            `${homeownerType},${homeownerAccount},${pendingContract},true,Bulk acknowledged`
        ].join('\n');
        const results = (await connection.bulk2.loadAndWaitForResults({
            object: 'Case',
            operation: 'insert',
            input,
            pollInterval: 50,
            pollTimeout: 60_000
        })) as unknown as { successfulResults: Record<string, string>[]; failedResults: Record<string, string>[] };
        assert.deepEqual(
            results.successfulResults.map((r) => r.Subject),
            ['Bulk ok', 'Bulk acknowledged']
        );
        assert.deepEqual(
            results.failedResults.map((r) => [r.Subject, r.sf__Error]),
            [
                ['Bulk filtered', `FIELD_FILTER_VALIDATION_EXCEPTION:${CONTRACT_FILTER_MESSAGE}:Contract__c --`],
                [
                    'Bulk unacknowledged',
                    `FIELD_CUSTOM_VALIDATION_EXCEPTION:${ACK_MESSAGE}:Contract_Status_Acknowledged__c --`
                ]
            ]
        );
    });
});
