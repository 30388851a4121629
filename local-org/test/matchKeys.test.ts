/**
 * Stored match keys (issue 9, item 2): the Account_Match_Keys and Contact_Match_Keys before-save flows, deployed
 * from force-app, fill the keys on every write path (REST, sObject Collections, Bulk API 2.0, create and update)
 * with exactly what matchKeys' JavaScript key builder computes; and the retrieval query, run over HTTP as the
 * agent, finds the expected records with selective filters only.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Connection } from 'jsforce';
import { after, before, describe, test } from 'node:test';
import {
    candidatesFromResponse,
    matchSearchRequests,
    matchSubmission,
    storedMatchKeys
} from '../../scripts/lib/recordMatcher.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, graphqlData, V } from './support/graphql.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.agent.id, 'Caseline_Agent');
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
});
after(() => t.close());

/** Real-world account values: legal forms, accents, punctuation, phone formats with and without extensions. */
export const ACCOUNT_INPUTS: Record<string, string | null>[] = [
    {
        Name: 'ACME Corp.',
        Phone: '+1 (415) 555-1234',
        Website: 'https://www.acme.com/contact',
        BillingStreet: '100 N. Main Street'
    },
    {
        Name: 'Acme Corporation',
        Phone: '415.555.1234 x204',
        Website: 'http://acme.com',
        BillingStreet: '1234 N. Monticello'
    },
    {
        Name: 'The Coca-Cola Company',
        Phone: '1-800-653-2653',
        Website: 'www.coca-cola.com',
        BillingStreet: '3737 W 51ST'
    },
    {
        Name: 'Müller & Söhne GmbH',
        Phone: '+49 (0)89 1234 5678',
        Website: 'https://mueller-soehne.de/',
        BillingStreet: '321 w. 46th st.'
    },
    {
        Name: 'Société Générale S.A.',
        Phone: '+33 1 42 14 20 00',
        Website: 'societegenerale.fr',
        BillingStreet: 'Hauptstraße 5'
    },
    {
        Name: "McDonald's",
        Phone: '(630) 623-3000',
        Website: 'HTTPS://WWW.McDonalds.COM',
        BillingStreet: '12, rue de la Paix'
    },
    {
        Name: "O'Reilly Media, Inc.",
        Phone: '707-827-7000 ext. 12',
        Website: 'oreilly.com/about?x=1',
        BillingStreet: 'Flat 3/12 Smith-Jones Ave.'
    },
    { Name: 'AT&T', Phone: '800 331 0500', Website: null, BillingStreet: '#5 Ocean Blvd' },
    { Name: 'A & B Plumbing LLC', Phone: '555-0100', Website: 'No', BillingStreet: 'Broadway' },
    { Name: 'St. Mary’s Hospital', Phone: '+44 20 7946 0958', Website: 'n/a', BillingStreet: '  7 Leading Space Rd' },
    { Name: 'Nestlé S.A.', Phone: '0041 21 924 11 11', Website: 'https://www.nestle.com', BillingStreet: 'PO Box 44' },
    { Name: 'Björk Design AB', Phone: '+46 8 123 456 78', Website: 'bjork.se', BillingStreet: '47 edkins street' },
    {
        Name: 'Crème Brûlée Café',
        Phone: '212/246-9171',
        Website: ' www.creme.example ',
        BillingStreet: '100 N. Main Street'
    },
    { Name: 'ÆON Co., Ltd.', Phone: '03-5555-1234', Website: 'aeon.co.jp', BillingStreet: '1234 N. Monticello' },
    { Name: 'Zoë & Chloë', Phone: '#', Website: 'x', BillingStreet: '3737 W 51ST' },
    {
        Name: 'GADS HILL CENTER FCCH-EDITH ORTEGA SITE',
        Phone: '2511196',
        Website: 'No',
        BillingStreet: '321 w. 46th st.'
    },
    { Name: 'Cameron', Phone: '5344290', Website: null, BillingStreet: 'Hauptstraße 5' },
    { Name: 'barbetta', Phone: '212/246-9171', Website: null, BillingStreet: '12, rue de la Paix' },
    {
        Name: '  Padded   Spaces  Inc  ',
        Phone: '  415 555 1234  ',
        Website: '  acme.com  ',
        BillingStreet: 'Flat 3/12 Smith-Jones Ave.'
    },
    { Name: 'Straße Bau', Phone: '+1 415 555 12', Website: 'strasse.de:8080/x', BillingStreet: '#5 Ocean Blvd' },
    { Name: 'Ñandú Ltda', Phone: '(11) 98765-4321', Website: 'https://www.nandu.com.br/pt' },
    { Name: 'İstanbul Ticaret A.Ş.', Phone: '+90 212 555 12 34', Website: 'istanbul.com.tr' },
    { Name: 'The The', Phone: '', Website: '' },
    {
        Name: 'Dr. "Quoted" Name (Holdings) / Sub-division; Unit: 7 #3 *star* _under_ |pipe| !?',
        Phone: '415-555-1234#9',
        Website: 'https://sub.domain.example.org/path/more'
    },
    { Name: 'x'.repeat(60), Phone: '1'.repeat(20), Website: `${'y'.repeat(90)}.com` }
];

export const CONTACT_INPUTS: Record<string, string | null>[] = [
    {
        MailingPostalCode: 'SW1A 1AA',
        FirstName: 'Jean-Luc',
        LastName: 'Dupont',
        Email: 'JL.Dupont@Eu.Acme.com',
        Phone: '+33 (0)1 23 45 67 89'
    },
    { FirstName: 'Seán', LastName: "O'Brien", Email: 'sean.obrien+forms@gmail.com', Phone: '087 123 4567' },
    { FirstName: null, LastName: 'Nguyễn', Email: 'nguyen@example.vn', Phone: null },
    { FirstName: 'José María', LastName: 'García Márquez', Email: 'Jose@Garcia.ES', Phone: '+34 912 345 678' },
    {
        MailingPostalCode: '75008-1234',
        FirstName: 'Zoë',
        LastName: 'Smith-Jones',
        Email: 'zoe@smith-jones.co.uk',
        Phone: '(020) 7946 0958 ext 3'
    },
    { FirstName: 'Øyvind', LastName: 'Ødegård', Email: 'oyvind@firma.no', Phone: '22 33 44 55' },
    { FirstName: 'alexander', LastName: 'stoneman', Email: null, Phone: null, MailingPostalCode: '4010' },
    { FirstName: 'Bob', LastName: 'St. John', Email: 'bob_st-john@mail.st-john.example.org', Phone: '555-1234' },
    { FirstName: 'A', LastName: 'B', Email: 'a@b.io', Phone: '12' },
    { FirstName: 'Łukasz', LastName: 'Wałęsa', Email: 'lukasz@walesa.pl', Phone: '+48 22 123 45 67' }
];

function assertKeys(object: 'Account' | 'Contact', stored: Record<string, unknown>, input: Record<string, unknown>) {
    const expected = storedMatchKeys(object, input) as Record<string, string | null>;
    for (const field of Object.keys(expected)) {
        assert.equal(
            stored[field] ?? null,
            expected[field],
            `${object} ${field} for ${JSON.stringify(input)}: flow ${JSON.stringify(stored[field])}, JS ${JSON.stringify(expected[field])}`
        );
    }
}

async function readKeys(object: string, id: string): Promise<Record<string, unknown>> {
    const response = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/${object}/${id}`);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body as Record<string, unknown>;
}

const connection = () => new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '66.0' });

describe('match keys filled by the before-save flows', () => {
    test('REST create and update: the flow computes what the JavaScript builder computes', async () => {
        for (const input of ACCOUNT_INPUTS) {
            const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, input);
            assert.equal(created.status, 201, JSON.stringify(created.body));
            const id = (created.body as { id: string }).id;
            assertKeys('Account', await readKeys('Account', id), input);
        }
        for (const input of CONTACT_INPUTS) {
            const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, input);
            assert.equal(created.status, 201, JSON.stringify(created.body));
            const id = (created.body as { id: string }).id;
            assertKeys('Contact', await readKeys('Contact', id), input);
            // An update of one source field recomputes the keys; a key written by hand is overwritten.
            const changes = { Phone: '(212) 555-0199', Match_Name_Key__c: 'tampered' };
            const updated = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/sobjects/Contact/${id}`, changes);
            assert.equal(updated.status, 204, JSON.stringify(updated.body));
            assertKeys('Contact', await readKeys('Contact', id), { ...input, Phone: changes.Phone });
        }
    });

    test('sObject Collections and Bulk API 2.0 fill them too', async () => {
        const collection = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
            allOrNone: true,
            records: ACCOUNT_INPUTS.slice(0, 10).map((input) => ({ attributes: { type: 'Account' }, ...input }))
        });
        assert.equal(collection.status, 200, JSON.stringify(collection.body));
        const ids = (collection.body as { id: string; success: boolean }[]).map((r) => r.id);
        for (const [i, id] of ids.entries()) assertKeys('Account', await readKeys('Account', id), ACCOUNT_INPUTS[i]);

        const bulkInput: Record<string, string>[] = CONTACT_INPUTS.map((input, i) => ({
            ...Object.fromEntries(Object.entries(input).map(([k, v]) => [k, v ?? ''])),
            LastName: input.LastName ?? `Bulk ${i}`
        }));
        const results = (await connection().bulk2.loadAndWaitForResults({
            object: 'Contact',
            operation: 'insert',
            input: bulkInput,
            pollInterval: 50,
            pollTimeout: 60_000
        } as never)) as unknown as { successfulResults: Record<string, string>[]; failedResults: unknown[] };
        assert.deepEqual(results.failedResults, []);
        for (const row of results.successfulResults) {
            const input = bulkInput.find(
                (candidate) => candidate.LastName === row.LastName && candidate.FirstName === row.FirstName
            )!;
            assertKeys('Contact', await readKeys('Contact', row.sf__Id), input);
        }
    });
});

describe('the retrieval query over HTTP, as the agent', () => {
    let acme: string;
    let jane: string;
    before(async () => {
        const made = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
            allOrNone: true,
            records: [
                {
                    attributes: { type: 'Account' },
                    Name: 'Acme Corporation',
                    Phone: '(303) 555-0147',
                    BillingCity: 'Denver'
                },
                { attributes: { type: 'Account' }, Name: 'Acme Anvils', Phone: '(303) 555-0999' },
                { attributes: { type: 'Account' }, Name: 'Globex', Website: 'https://globex.example.com' }
            ]
        });
        acme = (made.body as { id: string }[])[0].id;
        const contact = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
            FirstName: 'Jane',
            LastName: 'Roe',
            Email: 'Jane.Roe@Globex.example.com',
            AccountId: (made.body as { id: string }[])[2].id
        });
        jane = (contact.body as { id: string }).id;
    });

    async function search(submission: Record<string, string>) {
        const requests = matchSearchRequests(submission);
        assert.ok(requests.length <= 2, 'at most two requests per search');
        for (const request of requests) {
            // Salesforce allows ten subqueries per GraphQL request.
            assert.ok((request.query.match(/^ {12}\w+: \w+\($/gm) ?? []).length <= 10);
        }
        const answers = await Promise.all(
            requests.map((request) => graphqlData(t, t.agent.accessToken, request.query, request.variables))
        );
        return candidatesFromResponse(...answers);
    }

    test('an exact email finds the contact (whatever its case), and it ranks first', async () => {
        const submission = { FirstName: 'Jane', LastName: 'Roe', Email: 'jane.roe@globex.example.com' };
        const records = await search(submission);
        assert.ok(records.contacts.some((c) => c.Id === jane));
        const result = matchSubmission(submission, records);
        assert.equal(result.candidates[0].id, jane);
        assert.equal(result.decision, 'link');
    });

    test('"ACME Corp." finds "Acme Corporation" by its name key prefix and offers it first', async () => {
        const submission = { FirstName: 'Wile', LastName: 'Coyote', Company: 'ACME Corp.', City: 'Denver' };
        const records = await search(submission);
        assert.ok(records.accounts.some((a) => a.Id === acme));
        assert.equal(matchSubmission(submission, records).candidates[0].id, acme);
    });

    test('a typed search finds a surname alone, a given name, a phone fragment, a domain and a national number', async () => {
        // The search box's submissions (c/candidateSearch's submissionOfSearch): a name goes in the name and company fields.
        const typed = (text: string): Record<string, string> =>
            /^[+\d\s().\-/]+$/.test(text) && text.replace(/\D/g, '').length >= 7
                ? { Phone: text }
                : { LastName: text, Company: text };
        const made = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
            allOrNone: true,
            records: [
                {
                    attributes: { type: 'Account' },
                    Name: 'Brightgate Consulting GmbH',
                    Phone: '+49 30 901821',
                    Website: 'https://brightgate.example.com'
                }
            ]
        });
        const brightgate = (made.body as { id: string }[])[0].id;
        const contact = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
            FirstName: 'Hanna',
            LastName: 'Schmidt',
            Email: 'hanna.schmidt@brightgate.example.com',
            Phone: '+49 30 901821',
            AccountId: brightgate
        });
        const hanna = (contact.body as { id: string }).id;
        for (const [text, id] of [
            ['Schmidt', hanna],
            ['Hanna', hanna],
            ['901821', hanna],
            ['brightgate.example.com', hanna],
            ['030 901821', brightgate],
            ['Brightgate Consulting GmbH', brightgate]
        ]) {
            const submission = typed(text);
            const result = matchSubmission(submission, await search(submission));
            assert.ok(
                result.candidates.slice(0, 2).some((candidate) => candidate.id === id),
                `${text} finds ${id} among the first two: ${JSON.stringify(result.candidates)}`
            );
            assert.ok(result.candidates[0].score >= 0.6, `${text}: ${result.candidates[0].score}`);
        }
    });

    test('a phone written another way finds the account; a submission with no keys finds nothing', async () => {
        const records = await search({ LastName: 'X', Phone: '+1 303-555-0147' });
        assert.ok(records.accounts.some((a) => a.Id === acme));
        const none = await search({ Email: 'someone@gmail.com' });
        assert.deepEqual(none, { accounts: [], contacts: [] });
    });
});

describe('the flows agree with the JavaScript keys on the benchmark sets’ real-world records', () => {
    const dir = join(projectRoot, '..', 'shared', 'bench', 'matching');
    const sets = [
        ['Account', join(dir, 'organisations', 'accounts.csv'), ['Name', 'Phone', 'Website', 'BillingStreet']],
        ['Account', join(dir, 'restaurants', 'accounts.csv'), ['Name', 'Phone', 'Website', 'BillingStreet']],
        [
            'Contact',
            join(dir, 'people', 'contacts.csv'),
            ['FirstName', 'LastName', 'Phone', 'MailingStreet', 'MailingPostalCode']
        ]
    ] as const;
    for (const [object, file, fields] of sets) {
        test(
            `${object} records of ${file.split('/').slice(-2).join('/')}`,
            { skip: !existsSync(file) && 'no benchmark sets beside the repository' },
            async () => {
                const rowsIn = parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<
                    string,
                    string
                >[];
                const inputs = rowsIn.map((row) =>
                    Object.fromEntries(fields.map((field) => [field, row[field] === '' ? null : row[field]]))
                );
                for (const input of inputs) if (object === 'Contact' && !input.LastName) input.LastName = 'Unknown';
                for (let start = 0; start < inputs.length; start += 200) {
                    const batch = inputs.slice(start, start + 200);
                    const saved = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
                        allOrNone: true,
                        records: batch.map((input) => ({ attributes: { type: object }, ...input }))
                    });
                    assert.equal(saved.status, 200, JSON.stringify(saved.body).slice(0, 500));
                    const ids = (saved.body as { id: string }[]).map((result) => result.id);
                    const stored = rows(
                        t.org,
                        `SELECT * FROM ${object} WHERE Id IN (${ids.map(() => '?').join(', ')})`,
                        ...ids
                    );
                    const byId = new Map(stored.map((record) => [record.Id, record]));
                    batch.forEach((input, i) => assertKeys(object, byId.get(ids[i])!, input));
                }
            }
        );
    }
});
