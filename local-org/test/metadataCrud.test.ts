/**
 * The Metadata API's CRUD calls and listMetadata through jsforce 3's `metadata` unmodified: SaveResult,
 * ReadResult, UpsertResult and DeleteResult shapes, components applied as a deploy applies them, limits and refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage } from '../src/metadata/deploy.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let conn: Connection;

const gadget = {
    fullName: 'Gadget__c',
    label: 'Gadget',
    pluralLabel: 'Gadgets',
    nameField: { type: 'Text', label: 'Gadget Name' },
    deploymentStatus: 'Deployed',
    sharingModel: 'ReadWrite',
    fields: [{ fullName: 'Weight__c', label: 'Weight', type: 'Number', precision: 8, scale: 2 }]
};
const ticket = {
    fullName: 'Ticket__c',
    label: 'Ticket',
    pluralLabel: 'Tickets',
    nameField: { type: 'AutoNumber', label: 'Ticket Number', displayFormat: 'T-{0000}' },
    description: 'Raised by customers',
    deploymentStatus: 'Deployed',
    sharingModel: 'ReadWrite'
};

before(async () => {
    t = await startTestOrg();
    conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '60.0' });
});
after(() => t.close());

type Saved = {
    success: boolean;
    fullName: string;
    created?: boolean;
    errors: { statusCode: string; message: string }[];
};

describe('Metadata CRUD calls', () => {
    test('createMetadata applies objects and their fields as a deploy does; a second create is DUPLICATE_DEVELOPER_NAME', async () => {
        const results = (await conn.metadata.create('CustomObject', [gadget, ticket])) as unknown as Saved[];
        assert.deepEqual(
            results.map((r) => [r.fullName, r.success]),
            [
                ['Gadget__c', true],
                ['Ticket__c', true]
            ]
        );
        const describe = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            '/services/data/v60.0/sobjects/Gadget__c/describe'
        );
        assert.equal(describe.status, 200);
        // The field exists (without field permissions a describe does not show it, as on Salesforce).
        assert.equal(t.org.schema.field('Gadget__c', 'Weight__c')?.type, 'double');

        const again = (await conn.metadata.create('CustomObject', gadget)) as unknown as Saved;
        assert.equal(again.success, false);
        assert.equal(again.errors[0].statusCode, 'DUPLICATE_DEVELOPER_NAME');
    });

    test('readMetadata answers the component as deployed, its fields included; a missing name is an empty record', async () => {
        const [read, missing] = (await conn.metadata.read('CustomObject', [
            'Gadget__c',
            'Nothing__c'
        ])) as unknown as Record<string, unknown>[];
        assert.equal(read.fullName, 'Gadget__c');
        assert.equal(read.label, 'Gadget');
        assert.equal((read.nameField as { label: string }).label, 'Gadget Name');
        assert.equal((read.nameField as { type: string }).type, 'Text');
        assert.deepEqual(
            (read.fields as { fullName: string }[]).map((f) => f.fullName),
            ['Weight__c']
        );
        assert.equal(missing.fullName, undefined);
    });

    test('updateMetadata changes what the org has; a missing component is INVALID_CROSS_REFERENCE_KEY', async () => {
        const updated = (await conn.metadata.update('CustomObject', {
            ...ticket,
            label: 'Support Ticket',
            description: null
        })) as unknown as Saved;
        assert.equal(updated.success, true);
        const describe = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            '/services/data/v60.0/sobjects/Ticket__c/describe'
        );
        assert.equal((describe.body as { label: string }).label, 'Support Ticket');
        const read = (await conn.metadata.read('CustomObject', 'Ticket__c')) as unknown as {
            label: string;
            description?: string;
        };
        assert.equal(read.label, 'Support Ticket');
        // jsforce sends a null as xsi:nil: no description, not an empty one.
        assert.equal(read.description, undefined);

        const missing = (await conn.metadata.update('CustomObject', {
            ...ticket,
            fullName: 'Nope__c'
        })) as unknown as Saved;
        assert.equal(missing.success, false);
        assert.equal(missing.errors[0].statusCode, 'INVALID_CROSS_REFERENCE_KEY');
        assert.equal(missing.errors[0].message, 'In field: fullName - no CustomObject named Nope__c found');
    });

    test('upsertMetadata reports created per component; a field on a standard object is applied and readable', async () => {
        const results = (await conn.metadata.upsert('CustomField', [
            { fullName: 'Gadget__c.Weight__c', label: 'Weight (kg)', type: 'Number', precision: 8, scale: 2 },
            { fullName: 'Account.Gadget_Count__c', label: 'Gadget Count', type: 'Number', precision: 4, scale: 0 }
        ])) as unknown as Saved[];
        assert.deepEqual(
            results.map((r) => [r.fullName, r.success, r.created]),
            [
                ['Gadget__c.Weight__c', true, false],
                ['Account.Gadget_Count__c', true, true]
            ]
        );
        const field = (await conn.metadata.read('CustomField', 'Account.Gadget_Count__c')) as unknown as Record<
            string,
            unknown
        >;
        assert.equal(field.fullName, 'Account.Gadget_Count__c');
        assert.equal(field.label, 'Gadget Count');
        await assert.rejects(
            conn.metadata.read('CustomObject', 'Account'),
            /readMetadata of the standard object Account is not supported by local-org/
        );
        const bad = (await conn.metadata.create('CustomField', {
            fullName: 'Account.Broken__c',
            label: 'Broken',
            type: 'NoSuchType'
        })) as unknown as Saved;
        assert.equal(bad.success, false);
        assert.ok(bad.errors[0].message.length > 0);
    });

    test('layouts: create, rename and delete; deleting a field is refused by name', async () => {
        const created = (await conn.metadata.create('Layout', {
            fullName: 'Gadget__c-Gadget Layout',
            layoutSections: [
                {
                    label: 'Information',
                    style: 'TwoColumnsTopToBottom',
                    layoutColumns: [{ layoutItems: [{ behavior: 'Required', field: 'Name' }] }]
                }
            ]
        })) as unknown as Saved;
        assert.equal(created.success, true);
        const renamed = (await conn.metadata.rename(
            'Layout',
            'Gadget__c-Gadget Layout',
            'Gadget__c-Main'
        )) as unknown as Saved;
        assert.deepEqual(renamed, { fullName: 'Gadget__c-Gadget Layout', success: true, errors: [] });
        const read = (await conn.metadata.read('Layout', 'Gadget__c-Main')) as unknown as {
            layoutSections: { label: string }[];
        };
        assert.equal(read.layoutSections[0].label, 'Information');
        const deleted = (await conn.metadata.delete('Layout', [
            'Gadget__c-Main',
            'Gadget__c-Gone'
        ])) as unknown as Saved[];
        assert.deepEqual(
            deleted.map((r) => [r.fullName, r.success]),
            [
                ['Gadget__c-Main', true],
                ['Gadget__c-Gone', false]
            ]
        );
        await assert.rejects(
            conn.metadata.delete('CustomField', 'Gadget__c.Weight__c'),
            /deleteMetadata of CustomField is not supported by local-org/
        );
    });

    test('more than 10 components in one call are refused; types deploy does not support are refused by name', async () => {
        const eleven = Array.from({ length: 11 }, (_, i) => ({ ...ticket, fullName: `Many${i}__c` }));
        await assert.rejects(conn.metadata.create('CustomObject', eleven), /cannot submit more than 10 records/);
        await assert.rejects(
            conn.metadata.create('ApexClass', { fullName: 'Nope', body: 'public class Nope {}' } as never),
            /createMetadata of ApexClass is not supported by local-org/
        );
    });
});

describe('listMetadata', () => {
    test('a CustomObject deployed in a package is listed', async () => {
        const files = new Map<string, Buffer>([
            [
                'package.xml',
                Buffer.from(
                    '<Package xmlns="http://soap.sforce.com/2006/04/metadata"><version>60.0</version></Package>'
                )
            ],
            [
                'objects/Deployed_Thing__c.object',
                Buffer.from(
                    '<CustomObject xmlns="http://soap.sforce.com/2006/04/metadata"><label>Deployed Thing</label><pluralLabel>Deployed Things</pluralLabel><nameField><label>Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel></CustomObject>'
                )
            ]
        ]);
        const outcome = await deployPackage(t.org, t.admin.id, files, { checkOnly: false, rollbackOnError: true });
        assert.equal(outcome.success, true);
        const objects = (await conn.metadata.list({ type: 'CustomObject' })) as {
            fullName: string;
            fileName: string;
        }[];
        const listed = objects.find((o) => o.fullName === 'Deployed_Thing__c');
        assert.equal(listed?.fileName, 'objects/Deployed_Thing__c.object');
    });

    test('lists a deployed CustomObject, its record of fields, and refuses a type it does not deploy', async () => {
        const objects = (await conn.metadata.list({ type: 'CustomObject' })) as {
            fullName: string;
            type: string;
            id: string;
        }[];
        assert.ok(objects.some((o) => o.fullName === 'Gadget__c' && o.type === 'CustomObject'));
        assert.ok(objects.some((o) => o.fullName === 'Account'));
        for (const o of objects) assert.equal(typeof o.id, 'string');
        const fields = (await conn.metadata.list({ type: 'CustomField' })) as { fullName: string; id: string }[];
        assert.ok(fields.some((f) => f.fullName === 'Account.Gadget_Count__c' && f.id.startsWith('00N')));
        const profiles = (await conn.metadata.list({ type: 'Profile' })) as { fullName: string }[];
        assert.deepEqual(profiles.map((p) => p.fullName).sort(), ['Admin', 'ReadOnly', 'Standard']);
        await assert.rejects(
            conn.metadata.list({ type: 'ApexClass' }),
            /listMetadata of ApexClass is not supported by local-org/
        );
    });
});
