/**
 * The preview's public web form (`/preview/web-form`) against force-app deployed: `maxlength` on every input from
 * the org's describe, only the Web Form record type's Type values, and the page's own server-side checks (without
 * JavaScript): a refused post comes back with the input kept and each error beside its field, and creates no case;
 * a valid post becomes a Web-to-Case case and returns to the thanks page.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { LocalOrg } from '../../local-org/src/org.ts';
import { startServer, type OrgServer } from '../../local-org/src/server.ts';
import { openDeployedOrg } from '../../local-org/test/support/deployedOrg.ts';
import { assignPermissionSet } from '../../local-org/test/support/graphql.ts';
import { rows } from '../../local-org/test/support/testOrg.ts';
import { deployFiles } from '../../e2e/support/deploy.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { mergeStandardValueSetXml } from '../../scripts/lib/standardValueSets.ts';
import { previewPages } from '../server/pages.ts';

/** The Case Type values a new org has (local-org's catalogue, like Salesforce's samples). */
const ORG_TYPE_VALUES = ['Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'];

/** As `npm run deploy` leaves an org's Case Type list: its own values kept, force-app's added. */
async function deployMergedTypeList(origin: string, token: string): Promise<void> {
    const ours = await readFile(
        join(projectRoot, 'force-app/main/default/standardValueSets/CaseType.standardValueSet-meta.xml'),
        'utf8'
    );
    const theirs =
        '<?xml version="1.0" encoding="UTF-8"?><StandardValueSet xmlns="http://soap.sforce.com/2006/04/metadata"><sorted>false</sorted>' +
        ORG_TYPE_VALUES.map(
            (value) =>
                `<standardValue><fullName>${value}</fullName><default>false</default><label>${value}</label></standardValue>`
        ).join('') +
        '</StandardValueSet>';
    await deployFiles(origin, token, {
        'package.xml':
            '<?xml version="1.0" encoding="UTF-8"?><Package xmlns="http://soap.sforce.com/2006/04/metadata"><types><members>CaseType</members><name>StandardValueSet</name></types><version>66.0</version></Package>',
        'standardValueSets/CaseType.standardValueSet': mergeStandardValueSetXml(ours, theirs)
    });
}

let org: LocalOrg;
let server: OrgServer;
let dist: string;

before(async () => {
    dist = await mkdtemp(join(tmpdir(), 'preview-dist-'));
    await writeFile(join(dist, 'main.js'), 'export {};\n');
    org = await openDeployedOrg();
    server = await startServer(org, 0, '127.0.0.1', previewPages(org, { distDir: dist }));
    const [admin, agent, viewer] = org.users();
    const t = { org, origin: server.origin, admin, agent, viewer, close: async () => {} };
    // As `npm start` does: the admin who reads the form's setup may see the web-form fields.
    await assignPermissionSet(t, admin.id, 'Caseline_Admin');
    await deployMergedTypeList(server.origin, admin.accessToken);
});
after(async () => {
    await server.close();
    org.close();
    await rm(dist, { recursive: true, force: true });
});

function postForm(fields: Record<string, string>): Promise<Response> {
    return fetch(`${server.origin}/preview/web-form`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields)
    });
}

/** The opening tag of the control with this id. */
function controlTag(page: string, id: string): string {
    const tag = new RegExp(`<(input|textarea|select)[^>]*\\bid="${id}"[^>]*>`).exec(page);
    assert.ok(tag, `no control #${id}`);
    return tag[0];
}

function caseCount(): number {
    return Number(rows(org, 'SELECT COUNT(*) n FROM "Case"')[0].n);
}

describe('the public web form page', () => {
    test('every input has maxlength from the field’s length in the org’s describe', async () => {
        const page = await (await fetch(`${server.origin}/preview/web-form`)).text();
        const lengths: Record<string, number> = {
            'f-name': 80,
            'f-email': 80,
            'f-phone': 40,
            'f-company': 80,
            'f-Web_Street__c': 255,
            'f-Web_City__c': 40,
            'f-Web_Postal_Code__c': 20,
            'f-Web_Country__c': 80,
            'f-subject': 255,
            'f-description': 32000
        };
        for (const [id, length] of Object.entries(lengths)) {
            assert.match(controlTag(page, id), new RegExp(` maxlength="${length}"`), id);
        }
        for (const id of ['f-name', 'f-email', 'f-subject']) assert.match(controlTag(page, id), / required/, id);
    });

    test('"What is it about?" lists only the Web Form record type’s Type values', async () => {
        const page = await (await fetch(`${server.origin}/preview/web-form`)).text();
        const select = /<select[^>]*id="f-type"[^>]*>([^]*?)<\/select>/.exec(page);
        assert.ok(select);
        const values = [...select[1].matchAll(/<option value="([^"]*)"/g)].map((match) => match[1]);
        // The org's Type list has its old values too; the form leaves them out.
        const describe = (await (
            await fetch(`${server.origin}/services/data/v66.0/sobjects/Case/describe`, {
                headers: { Authorization: `Bearer ${org.users()[0].accessToken}` }
            })
        ).json()) as { fields: { name: string; picklistValues: { value: string }[] }[] };
        const typeList = describe.fields.find((field) => field.name === 'Type')!.picklistValues.map((v) => v.value);
        assert.ok(typeList.includes('Mechanical'), typeList.join(', '));
        // In the order of the org's list, as UI API gives a record type's values.
        assert.deepEqual(values.sort(), [
            '',
            'Complaint',
            'Other',
            'Product Information',
            'Quote Request',
            'Sample Request',
            'Technical Question'
        ]);
    });

    test('a 120-character name is refused beside its field, the form comes back filled, and no case is made', async () => {
        const before = caseCount();
        const name = 'N'.repeat(120);
        const response = await postForm({
            name,
            email: 'kept@example.com',
            type: 'Complaint',
            subject: '',
            description: 'Line one\nLine <two> & "three"'
        });
        assert.equal(response.status, 400);
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        const page = await response.text();
        assert.match(page, /role="alert"[^>]*>Your request was not sent: correct the 2 fields marked below\./);
        const nameTag = controlTag(page, 'f-name');
        assert.ok(nameTag.includes(`value="${name}"`), 'the name is kept');
        assert.match(nameTag, /aria-invalid="true" aria-describedby="f-name-error"/);
        assert.match(
            page,
            /<div class="slds-form-element__help" id="f-name-error">Use 80 characters or fewer \(this has 120\)\.<\/div>/
        );
        assert.match(controlTag(page, 'f-subject'), /aria-describedby="f-subject-error"/);
        assert.match(page, /id="f-subject-error">Complete this field\.</);
        assert.ok(controlTag(page, 'f-email').includes('value="kept@example.com"'));
        assert.ok(!controlTag(page, 'f-email').includes('aria-invalid'), 'a valid field is not marked');
        assert.match(page, /<option value="Complaint" selected>/);
        assert.ok(page.includes('>Line one\nLine &#60;two&#62; &#38; &#34;three&#34;</textarea>'), 'the text is kept');
        assert.equal(caseCount(), before);
    });

    test('a post with nothing in it creates no case; a value the Web Form does not offer is refused', async () => {
        const before = caseCount();
        const empty = await (await postForm({})).text();
        for (const key of ['name', 'email', 'subject']) {
            assert.match(empty, new RegExp(`id="f-${key}-error">Complete this field\\.<`), key);
        }
        const wrongType = await postForm({
            name: 'Ann',
            email: 'not-an-email',
            subject: 'Hi',
            type: 'Mechanical'
        });
        const page = await wrongType.text();
        assert.match(page, /id="f-email-error">You have entered an invalid format\.</);
        assert.match(page, /id="f-type-error">Select one of the listed options\.</);
        assert.equal(caseCount(), before);
    });

    test('a valid post becomes a Web Form case through Web-to-Case and returns to the thanks page', async () => {
        const response = await postForm({
            name: 'Vera Valid',
            email: 'vera@example.com',
            type: 'Quote Request',
            subject: 'Valid request',
            description: 'Please quote.'
        });
        assert.equal(response.status, 303);
        assert.equal(response.headers.get('location'), '/preview/web-form?submitted=1');
        assert.deepEqual(
            rows(
                org,
                `SELECT c.SuppliedName, c.SuppliedEmail, c.Type, c.Origin, rt.DeveloperName FROM "Case" c
                 JOIN RecordType rt ON rt.Id = c.RecordTypeId WHERE c.Subject = 'Valid request'`
            ),
            [
                {
                    SuppliedName: 'Vera Valid',
                    SuppliedEmail: 'vera@example.com',
                    Type: 'Quote Request',
                    Origin: 'Web',
                    DeveloperName: 'Web_Form'
                }
            ]
        );
        const thanks = await (await fetch(`${server.origin}/preview/web-form?submitted=1`)).text();
        assert.match(thanks, /data-id="submitted">Thank you: your request has been submitted\./);
    });
});
