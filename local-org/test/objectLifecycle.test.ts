/**
 * deleteMetadata and renameMetadata of a CustomObject through jsforce's `metadata`: a deleted object leaves the
 * schema with its data kept aside (Deleted Objects), its name refused until erased; a renamed object keeps its
 * records, fields, lookups to it and permissions under the new name. What local-org cannot follow is refused by name.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { checkNameFree } from '../src/metadata/objectLifecycle.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let conn: Connection;
const V = '/services/data/v60.0';

type Saved = { success: boolean; fullName: string; errors?: { statusCode: string; message: string } };

function object(fullName: string, fields: Record<string, unknown>[] = []) {
    return {
        fullName,
        label: fullName.replace(/__c$/, ''),
        pluralLabel: `${fullName.replace(/__c$/, '')}s`,
        nameField: { type: 'Text', label: 'Name' },
        deploymentStatus: 'Deployed',
        sharingModel: 'ReadWrite',
        fields
    };
}

async function create(...objects: ReturnType<typeof object>[]): Promise<void> {
    const results = (await conn.metadata.create('CustomObject', objects)) as unknown as Saved[] | Saved;
    for (const result of [results].flat()) assert.equal(result.success, true, JSON.stringify(result));
}

before(async () => {
    t = await startTestOrg();
    conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '60.0' });
});
after(() => t.close());

describe('deleteMetadata of CustomObject', () => {
    test('the object leaves the schema; its records are kept aside; its name is refused while it is deleted', async () => {
        await create(object('Scrap__c'));
        const record = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Scrap__c`, { Name: 'kept' });
        assert.equal(record.status, 201);

        const [deleted, missing] = (await conn.metadata.delete('CustomObject', [
            'Scrap__c',
            'Never__c'
        ])) as unknown as Saved[];
        assert.equal(deleted.success, true);
        assert.equal(missing.success, false);

        assert.equal((await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Scrap__c/describe`)).status, 404);
        const listed = (await conn.metadata.list({ type: 'CustomObject' })) as unknown as { fullName: string }[];
        assert.equal(
            listed.some((o) => o.fullName === 'Scrap__c'),
            false
        );
        const [kept] = rows(t.org, 'SELECT name, table_name FROM _lo_deleted_objects WHERE name = ?', 'Scrap__c');
        assert.deepEqual(
            rows(t.org, `SELECT Name FROM "${String(kept.table_name)}"`).map((r) => r.Name),
            ['kept']
        );

        const again = (await conn.metadata.create('CustomObject', object('Scrap__c'))) as unknown as Saved;
        assert.equal(again.success, false);
        assert.match(JSON.stringify(again.errors), /Scrap__c is in the org's Deleted Objects/);
    });

    test('after 15 days the deleted object is erased and its name is free', () => {
        const later = new Date(Date.now() + 16 * 24 * 60 * 60 * 1000);
        t.org.db.transaction(() => checkNameFree(t.org.db, 'Scrap__c', later))();
        assert.deepEqual(rows(t.org, "SELECT name FROM _lo_deleted_objects WHERE name = 'Scrap__c'"), []);
    });

    test("an object another object's lookup refers to, or a standard object, is refused by name", async () => {
        await create(
            object('Parent__c'),
            object('Child__c', [
                {
                    fullName: 'Parent__c',
                    label: 'Parent',
                    type: 'Lookup',
                    referenceTo: 'Parent__c',
                    relationshipName: 'Children'
                }
            ])
        );
        const [parent, account] = (await conn.metadata.delete('CustomObject', [
            'Parent__c',
            'Account'
        ])) as unknown as Saved[];
        assert.equal(parent.success, false);
        assert.match(JSON.stringify(parent.errors), /Child__c\.Parent__c refer to, is not supported by local-org/);
        assert.equal(account.success, false);
        assert.match(JSON.stringify(account.errors), /standard object Account is not supported by local-org/);
    });
});

describe('renameMetadata of CustomObject', () => {
    test('records, lookups to it, permissions and readMetadata follow the new name; the old name is gone', async () => {
        const granted = (await conn.metadata.create('PermissionSet', {
            fullName: 'Lookups',
            label: 'Lookups',
            fieldPermissions: [{ field: 'Child__c.Parent__c', readable: true, editable: true }]
        } as never)) as unknown as Saved;
        assert.equal(granted.success, true, JSON.stringify(granted));
        const [set] = rows(t.org, "SELECT Id FROM PermissionSet WHERE Name = 'Lookups'");
        await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/PermissionSetAssignment`, {
            AssigneeId: t.admin.id,
            PermissionSetId: set.Id
        });
        const parent = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Parent__c`, { Name: 'P1' });
        const parentId = (parent.body as { id: string }).id;
        const child = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Child__c`, {
            Name: 'C1',
            Parent__c: parentId
        });
        assert.equal(child.status, 201);

        const result = (await conn.metadata.rename('CustomObject', 'Parent__c', 'Guardian__c')) as unknown as Saved;
        assert.equal(result.success, true);
        assert.equal(result.fullName, 'Parent__c');

        const read = (await conn.metadata.read('CustomObject', 'Guardian__c')) as unknown as { fullName: string };
        assert.equal(read.fullName, 'Guardian__c');
        assert.equal(
            (await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Parent__c/describe`)).status,
            404
        );
        const query = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/query?q=${encodeURIComponent('SELECT Name, Parent__r.Name FROM Child__c')}`
        );
        assert.equal(query.status, 200);
        const [record] = (query.body as { records: { Name: string; Parent__r: { Name: string } }[] }).records;
        assert.equal(record.Parent__r.Name, 'P1');
        const describeChild = await conn.sobject('Child__c').describe();
        assert.deepEqual(describeChild.fields.find((f) => f.name === 'Parent__c')?.referenceTo, ['Guardian__c']);
    });

    test('auto-numbered names go on from where they were', async () => {
        const ticket = {
            ...object('Ticket__c'),
            nameField: { type: 'AutoNumber', label: 'Number', displayFormat: 'T-{0}' }
        };
        await create(ticket);
        const first = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Ticket__c`, {});
        assert.equal(first.status, 201);
        const renamed = (await conn.metadata.rename('CustomObject', 'Ticket__c', 'Pass__c')) as unknown as Saved;
        assert.equal(renamed.success, true);
        const second = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Pass__c`, {});
        assert.equal(second.status, 201);
        assert.deepEqual(
            rows(t.org, 'SELECT Name FROM Pass__c ORDER BY Name').map((r) => r.Name),
            ['T-1', 'T-2']
        );
    });

    test('a name in use or not a custom object name is refused', async () => {
        const taken = (await conn.metadata.rename('CustomObject', 'Guardian__c', 'Child__c')) as unknown as Saved;
        assert.equal(taken.success, false);
        const invalid = (await conn.metadata.rename('CustomObject', 'Guardian__c', 'Guardian')) as unknown as Saved;
        assert.equal(invalid.success, false);
    });
});

describe('updateMetadata of a custom object name field', () => {
    test('Auto Number to Text keeps the names; Text to Auto Number with records is refused by name', async () => {
        const counter = {
            ...object('Counter__c'),
            nameField: { type: 'AutoNumber', label: 'No.', displayFormat: 'C-{0}' }
        };
        await create(counter);
        assert.equal((await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Counter__c`, {})).status, 201);

        const toText = (await conn.metadata.update('CustomObject', {
            ...counter,
            nameField: { type: 'Text', label: 'Counter Name' }
        })) as unknown as Saved;
        assert.equal(toText.success, true, JSON.stringify(toText));
        const field = t.org.schema.field('Counter__c', 'Name');
        assert.deepEqual([field?.label, field?.autoNumber, field?.createable], ['Counter Name', undefined, true]);
        assert.deepEqual(
            rows(t.org, 'SELECT Name FROM Counter__c').map((r) => r.Name),
            ['C-1']
        );
        const named = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Counter__c`, { Name: 'Mine' });
        assert.equal(named.status, 201);

        const back = (await conn.metadata.update('CustomObject', counter)) as unknown as Saved;
        assert.equal(back.success, false);
        assert.match(JSON.stringify(back.errors), /from Text to Auto Number is not supported by local-org/);
    });
});
