/**
 * The New Service Case action's GraphQL, run over HTTP exactly as the component sends it (the documents are read
 * from its source): the starting record from a Contract, an Account and a Contact answers the shape of the
 * component's jest fixtures; the open cases of an account; the one mutation for each kind of case, owned by the
 * agent; the contract filter and the acknowledgement through GraphQL; and nothing for the viewer.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { componentDocument } from '../../scripts/lib/componentDocuments.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphql, graphqlData, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

/** GraphQL JSON walked by the assertions, which state the shape they expect (a missing step fails the test). */
type Tree = { [key: string]: Tree } & Tree[];

const START_QUERY = componentDocument('newServiceCase', 'START_QUERY');
const CREATE = componentDocument('newServiceCase', 'CREATE_SERVICE_CASE_MUTATION');
const OPEN_CASES = componentDocument('openCases', 'OPEN_CASES_QUERY');
const OBJECT_INFO_INPUTS = [{ apiName: 'Case' }];
const FIXTURES = join(projectRoot, 'force-app', 'main', 'default', 'lwc', 'newServiceCase', '__tests__', 'data');

/** A JSON boolean inside a Tree (whose type speaks of objects only). */
function isTrue(value: unknown): boolean {
    return value === true;
}

function fixture(name: string): Tree {
    return JSON.parse(readFileSync(join(FIXTURES, name), 'utf8')) as Tree;
}

/** Keys of a GraphQL answer, recursively (values differ: ids and numbers are this org's). */
function shape(value: unknown): unknown {
    if (Array.isArray(value)) return value.length > 0 ? [shape(value[0])] : [];
    if (value && typeof value === 'object')
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
    return typeof value;
}

let t: TestOrg;
let accountId: string;
let pendingContract: string;
let activeContract: string;
let installerAccount: string;
let installerContact: string;
let recordTypes: Map<string, string>;

async function create(object: string, values: Record<string, unknown>): Promise<string> {
    const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${object}`, values);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return (response.body as { id: string }).id;
}

async function contract(account: string, status: string): Promise<string> {
    const id = await create('Contract', { AccountId: account, Status: 'Draft', StartDate: '2026-01-01' });
    for (const next of ['Activated', status].filter((s, i) => i === 0 || s !== 'Activated')) {
        const updated = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Contract/${id}`, {
            Status: next
        });
        assert.equal(updated.status, 204, JSON.stringify(updated.body));
    }
    return id;
}

function openAction(token: string, recordId: string): Promise<Tree> {
    return graphqlData(t, token, START_QUERY, { recordId, objectInfoInputs: OBJECT_INFO_INPUTS }) as Promise<Tree>;
}

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    await assignPermissionSet(t, t.viewer.id, 'Caseline_Viewer');
    accountId = await create('Account', { Name: 'Berg Household' });
    activeContract = await contract(accountId, 'Activated');
    pendingContract = await contract(accountId, 'Pending Cancellation');
    installerAccount = await create('Account', { Name: 'Sunfit Installers' });
    installerContact = await create('Contact', { FirstName: 'Priya', LastName: 'Rao', AccountId: installerAccount });
    const types = rows(t.org, "SELECT Id, Name FROM RecordType WHERE SobjectType = 'Case'");
    recordTypes = new Map(types.map((r) => [String(r.Name), String(r.Id)]));
});
after(() => t.close());

describe('what the action reads', () => {
    test('from a Contract, an Account and a Contact: the shapes of the component’s fixtures', async () => {
        for (const [id, name] of [
            [pendingContract, 'startContract.json'],
            [accountId, 'startAccount.json'],
            [installerContact, 'startContact.json']
        ]) {
            const data = await openAction(t.agent.accessToken, id);
            assert.deepEqual(shape(data.uiapi.query), shape(fixture(name).uiapi.query), name);
        }
        const account = (await openAction(t.agent.accessToken, accountId)).uiapi.query.Account.edges[0].node;
        assert.deepEqual(account.Contracts.edges.map((e) => String(e.node.Status.value)).sort(), [
            'Activated',
            'Pending Cancellation'
        ]);
    });

    test('Case’s access as the fixtures have it, for the agent and the viewer', async () => {
        for (const [token, name] of [
            [t.agent.accessToken, 'objectInfosAgent.json'],
            [t.viewer.accessToken, 'objectInfosViewer.json']
        ] as const) {
            const info = (await openAction(token, accountId)).uiapi.objectInfos[0];
            const expected = fixture(name)[0];
            assert.equal(info.createable, expected.createable, name);
            const available = (list: Tree) =>
                list
                    .filter((rt) => isTrue(rt.available) && !isTrue(rt.master))
                    .map((rt) => String(rt.name))
                    .sort();
            assert.deepEqual(available(info.recordTypeInfos), available(expected.recordTypeInfos), name);
            const createable = (list: Tree) =>
                list
                    .filter((f) => isTrue(f.createable))
                    .map((f) => String(f.ApiName))
                    .filter((n) => /__c$|^(AccountId|ContactId|Subject)$/.test(n))
                    .sort();
            assert.deepEqual(createable(info.fields), createable(expected.fields), name);
        }
    });

    test('the open cases of an account, newest first, closed ones and the excluded case left out', async () => {
        const first = await create('Case', {
            Subject: 'First',
            AccountId: accountId,
            RecordTypeId: recordTypes.get('Customer Request')
        });
        const second = await create('Case', {
            Subject: 'Second',
            AccountId: accountId,
            RecordTypeId: recordTypes.get('Customer Request')
        });
        await create('Case', {
            Subject: 'Done',
            AccountId: accountId,
            Status: 'Closed',
            RecordTypeId: recordTypes.get('Customer Request')
        });
        const listed = async (excludeId: string | null) => {
            const data = (await graphqlData(t, t.agent.accessToken, OPEN_CASES, { accountId, excludeId })) as Tree;
            return data.uiapi.query.Case.edges.map((e) => String(e.node.Id));
        };
        assert.deepEqual(await listed(null), [second, first]);
        assert.deepEqual(await listed(second), [first]);
    });
});

describe('the one mutation', () => {
    async function createCase(token: string, fields: Record<string, unknown>) {
        return graphql(t, token, CREATE, { input: { Case: fields } });
    }

    test('a Homeowner case on a Pending Cancellation contract, acknowledged: created, owned by the agent', async () => {
        const result = await createCase(t.agent.accessToken, {
            RecordTypeId: recordTypes.get('Homeowner'),
            AccountId: accountId,
            Contract__c: pendingContract,
            Contract_Status_Acknowledged__c: true,
            Subject: 'Leak'
        });
        assert.deepEqual(result.errors, []);
        const id = String((result.data as Tree).uiapi.serviceCase.Record.Id);
        const [stored] = rows(t.org, 'SELECT OwnerId, Contract__c FROM "Case" WHERE Id = ?', id);
        assert.deepEqual(stored, { OwnerId: t.agent.id, Contract__c: pendingContract });
    });

    test('without the acknowledgement, or with another account’s contract: refused with the rule’s message', async () => {
        const unacknowledged = await createCase(t.agent.accessToken, {
            RecordTypeId: recordTypes.get('Homeowner'),
            AccountId: accountId,
            Contract__c: pendingContract,
            Subject: 'Leak'
        });
        assert.match(unacknowledged.errors[0].message, /confirm that the case really concerns it/);
        const foreign = await createCase(t.agent.accessToken, {
            RecordTypeId: recordTypes.get('Homeowner'),
            AccountId: installerAccount,
            Contract__c: activeContract,
            Subject: 'Leak'
        });
        assert.match(foreign.errors[0].message, /Choose a contract of this case's account\./);
    });

    test('an Installer case from a contact: created with the installer contact', async () => {
        const result = await createCase(t.agent.accessToken, {
            RecordTypeId: recordTypes.get('Installer'),
            AccountId: installerAccount,
            ContactId: installerContact,
            Installer_Contact__c: installerContact,
            Subject: 'Warranty'
        });
        assert.deepEqual(result.errors, []);
    });

    test('the viewer cannot create a case, and nothing is written', async () => {
        const before = rows(t.org, 'SELECT COUNT(*) n FROM "Case"')[0].n;
        const result = await createCase(t.viewer.accessToken, {
            RecordTypeId: recordTypes.get('Homeowner'),
            AccountId: accountId,
            Contract__c: activeContract,
            Subject: 'Leak'
        });
        assert.ok(result.errors.length > 0);
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM "Case"')[0].n, before);
    });
});

describe('the Contract lookup dialog', () => {
    test('UI API lookup suggestions for Case.Contract__c list only the contracts of the case’s account', async () => {
        const otherContract = await contract(installerAccount, 'Activated');
        const suggestions = async (account: string) => {
            const response = await call(
                t.origin,
                t.agent.accessToken,
                'POST',
                `${V}/ui-api/lookups/Case/Contract__c?searchType=TypeAhead&q=000`,
                { sourceRecord: { fields: { Id: null, AccountId: account } } }
            );
            assert.equal(response.status, 200, JSON.stringify(response.body));
            const body = response.body as { lookupResults: Record<string, { records: { id: string }[] }> };
            return body.lookupResults.Contract.records.map((r) => r.id).sort();
        };
        assert.deepEqual(await suggestions(accountId), [activeContract, pendingContract].sort());
        assert.deepEqual(await suggestions(installerAccount), [otherContract]);
    });
});
