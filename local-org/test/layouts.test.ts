/**
 * `describe/layouts`, `describe/namedLayouts` and `describe/compactLayouts` built from deployed Layout and
 * CompactLayout metadata (and the system defaults when none is deployed), through REST and jsforce's sobject calls.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { deployPackage } from '../src/metadata/deploy.ts';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let conn: Connection;

const NS = 'xmlns="http://soap.sforce.com/2006/04/metadata"';

const widgetObject = `<CustomObject ${NS}><label>Widget</label><pluralLabel>Widgets</pluralLabel>
<nameField><label>Widget Name</label><type>Text</type></nameField><sharingModel>ReadWrite</sharingModel>
<compactLayoutAssignment>Widget_Compact</compactLayoutAssignment>
<compactLayouts><fullName>Widget_Compact</fullName><fields>Name</fields><fields>Colour__c</fields><label>Widget Compact</label></compactLayouts>
<fields><fullName>Colour__c</fullName><label>Colour</label><type>Text</type><length>40</length></fields>
<fields><fullName>Account__c</fullName><label>Account</label><type>Lookup</type><referenceTo>Account</referenceTo><relationshipName>Widgets</relationshipName></fields>
</CustomObject>`;

const widgetLayout = `<Layout ${NS}>
<excludeButtons>Clone</excludeButtons>
<layoutSections><editHeading>true</editHeading><label>Details</label>
<layoutColumns><layoutItems><behavior>Required</behavior><field>Name</field></layoutItems>
<layoutItems><behavior>Edit</behavior><field>Colour__c</field></layoutItems></layoutColumns>
<layoutColumns><layoutItems><behavior>Readonly</behavior><field>OwnerId</field></layoutItems></layoutColumns>
<style>TwoColumnsTopToBottom</style></layoutSections>
<layoutSections><label>Links</label><layoutColumns/><style>CustomLinks</style></layoutSections>
</Layout>`;

const accountLayout = `<Layout ${NS}>
<layoutSections><label>Account Information</label>
<layoutColumns><layoutItems><behavior>Required</behavior><field>Name</field></layoutItems></layoutColumns>
<style>OneColumn</style></layoutSections>
<relatedLists><fields>Name</fields><fields>Colour__c</fields><relatedList>Widget__c.Account__c</relatedList><sortField>Name</sortField><sortOrder>Desc</sortOrder></relatedLists>
</Layout>`;

const permissions = `<PermissionSet ${NS}><label>Widgets</label>
<fieldPermissions><editable>true</editable><field>Widget__c.Colour__c</field><readable>true</readable></fieldPermissions>
<fieldPermissions><editable>true</editable><field>Widget__c.Account__c</field><readable>true</readable></fieldPermissions>
</PermissionSet>`;

async function deploy(files: Record<string, string>): Promise<void> {
    const map = new Map<string, Buffer>([
        ['package.xml', Buffer.from(`<Package ${NS}><version>60.0</version></Package>`)],
        ...Object.entries(files).map(([name, xml]): [string, Buffer] => [name, Buffer.from(xml)])
    ]);
    const outcome = await deployPackage(t.org, t.admin.id, map, { checkOnly: false, rollbackOnError: true });
    assert.deepEqual(outcome.failures, []);
}

before(async () => {
    t = await startTestOrg();
    conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '60.0' });
    await deploy({
        'objects/Widget__c.object': widgetObject,
        'layouts/Widget__c-Widget Layout.layout': widgetLayout,
        'layouts/Account-Account Layout.layout': accountLayout,
        'permissionsets/Widgets.permissionset': permissions
    });
    const [set] = t.org.db.prepare("SELECT Id FROM PermissionSet WHERE Name = 'Widgets'").all() as { Id: string }[];
    const assigned = await call(
        t.origin,
        t.admin.accessToken,
        'POST',
        '/services/data/v60.0/sobjects/PermissionSetAssignment',
        {
            AssigneeId: t.admin.id,
            PermissionSetId: set.Id
        }
    );
    assert.equal(assigned.status, 201);
});
after(() => t.close());

type Item = {
    placeholder: boolean;
    required: boolean;
    editableForNew: boolean;
    editableForUpdate: boolean;
    label: string | null;
    layoutComponents: { type: string; value: string; details: { name: string } }[];
};
type Section = { heading: string; columns: number; rows: number; layoutRows: { layoutItems: Item[] }[] };
type Layout = {
    id: string | null;
    detailLayoutSections: Section[];
    editLayoutSections: Section[];
    buttonLayoutSection: { detailButtons: { name: string }[] };
    quickActionList: { quickActionListItems: unknown[] };
    relatedLists: { name: string; sobject: string; field: string; columns: { name: string }[]; sort: unknown[] }[];
};
type LayoutResult = {
    layouts: Layout[] | null;
    recordTypeMappings: { layoutId: string | null; master: boolean; recordTypeId: string }[];
    recordTypeSelectorRequired: boolean[];
};

describe('describe/layouts', () => {
    test('a deployed Layout: sections as rows of items with the field describe, buttons less excludeButtons', async () => {
        const response = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            '/services/data/v60.0/sobjects/Widget__c/describe/layouts'
        );
        assert.equal(response.status, 200);
        const result = response.body as LayoutResult;
        assert.equal(result.layouts?.length, 1);
        const layout = result.layouts![0];
        assert.match(layout.id ?? '', /^00h/);
        // The empty Custom Links section shows nothing; the Details section has two columns, two rows.
        assert.deepEqual(
            layout.detailLayoutSections.map((s) => [s.heading, s.columns, s.rows]),
            [['Details', 2, 2]]
        );
        const [first, second] = layout.detailLayoutSections[0].layoutRows;
        assert.deepEqual(
            first.layoutItems.map((i) => [i.label, i.required, i.editableForUpdate]),
            [
                ['Widget Name', true, true],
                ['Owner ID', false, false]
            ]
        );
        assert.equal(first.layoutItems[0].layoutComponents[0].type, 'Field');
        assert.equal(first.layoutItems[0].layoutComponents[0].details.name, 'Name');
        assert.equal(second.layoutItems[0].layoutComponents[0].value, 'Colour__c');
        assert.equal(second.layoutItems[1].placeholder, true);
        assert.deepEqual(
            layout.buttonLayoutSection.detailButtons.map((b) => b.name),
            ['Edit', 'Delete']
        );
        assert.deepEqual(layout.quickActionList.quickActionListItems, []);
        assert.deepEqual(
            result.recordTypeMappings.map((m) => [m.master, m.recordTypeId, m.layoutId]),
            [[true, '012000000000000AAA', layout.id]]
        );
        assert.deepEqual(result.recordTypeSelectorRequired, [false]);
    });

    test("related lists come from the Layout's relatedLists; jsforce's layouts() reads the same", async () => {
        const result = (await conn.sobject('Account').layouts()) as unknown as LayoutResult;
        const [related] = result.layouts![0].relatedLists;
        assert.equal(related.name, 'Widgets__r');
        assert.equal(related.sobject, 'Widget__c');
        assert.equal(related.field, 'Account__c');
        assert.deepEqual(
            related.columns.map((c) => c.name),
            ['Name', 'Colour__c']
        );
        assert.deepEqual(related.sort, [{ ascending: false, column: 'Widget__c.Name' }]);
    });

    test('without a deployed Layout: the layout Salesforce creates with an object, id null', async () => {
        const result = (await conn.sobject('Contact').layouts()) as unknown as LayoutResult;
        const layout = result.layouts![0];
        assert.equal(layout.id, null);
        assert.deepEqual(
            layout.detailLayoutSections.map((s) => s.heading),
            ['Information', 'System Information']
        );
        // Salesforce's generated layout shows System Information in the edit view too (read-only there).
        assert.deepEqual(
            layout.editLayoutSections.map((s) => s.heading),
            ['Information', 'System Information']
        );
    });

    test('per record type: the Master id answers the layout itself; an unknown record type is NOT_FOUND', async () => {
        const ok = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            '/services/data/v60.0/sobjects/Widget__c/describe/layouts/012000000000000AAA'
        );
        assert.equal(ok.status, 200);
        assert.match((ok.body as Layout).id ?? '', /^00h/);
        const missing = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            '/services/data/v60.0/sobjects/Widget__c/describe/layouts/012000000000001AAA'
        );
        assert.equal(missing.status, 404);
    });

    test("User's UserAlt named layout; a name Salesforce does not define is NOT_FOUND", async () => {
        const result = (await conn.sobject('User').layouts('UserAlt')) as unknown as LayoutResult;
        assert.equal(result.layouts?.length, 1);
        const describeUser = await conn.sobject('User').describe();
        assert.deepEqual(describeUser.namedLayoutInfos, [{ name: 'UserAlt' }]);
        const missing = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            '/services/data/v60.0/sobjects/Account/describe/namedLayouts/UserAlt'
        );
        assert.equal(missing.status, 404);
    });
});

type CompactResult = {
    compactLayouts: { id: string | null; name: string; objectType: string; fieldItems: Item[]; actions: unknown[] }[];
    defaultCompactLayoutId: string | null;
    recordTypeCompactLayoutMappings: { compactLayoutName: string; recordTypeId: string }[];
};

describe('describe/compactLayouts', () => {
    test("the CustomObject's compactLayoutAssignment is the primary one, with its fields", async () => {
        const result = (await conn.sobject('Widget__c').compactLayouts()) as unknown as CompactResult;
        assert.equal(result.compactLayouts.length, 1);
        const [layout] = result.compactLayouts;
        assert.equal(layout.name, 'Widget_Compact');
        assert.equal(layout.objectType, 'Widget__c');
        assert.equal(result.defaultCompactLayoutId, layout.id);
        assert.match(layout.id ?? '', /^0AH/);
        assert.deepEqual(
            layout.fieldItems.map((i) => i.layoutComponents[0].value),
            ['Name', 'Colour__c']
        );
        assert.deepEqual(
            result.recordTypeCompactLayoutMappings.map((m) => [m.recordTypeId, m.compactLayoutName]),
            [['012000000000000AAA', 'Widget_Compact']]
        );
        const primary = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            '/services/data/v60.0/sobjects/Widget__c/describe/compactLayouts/primary'
        );
        assert.equal((primary.body as { name: string }).name, 'Widget_Compact');
    });

    test('without an assignment: the system default compact layout, id null', async () => {
        const result = (await conn.sobject('Account').compactLayouts()) as unknown as CompactResult;
        assert.equal(result.defaultCompactLayoutId, null);
        assert.deepEqual(
            result.compactLayouts.map((l) => [l.id, l.name]),
            [[null, 'SYSTEM']]
        );
    });
});
