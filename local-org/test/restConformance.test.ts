/**
 * Issue 19: what jsforce's own integration suite showed local-org doing differently from Salesforce. Keep-alive
 * connections, unsupported resources refused by their own name, the replication resources (`updated`, `deleted`),
 * standard fields clients send, the Collections result shape with allOrNone, and the identity URL.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, mock, test } from 'node:test';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v62.0';
let t: TestOrg;

before(async () => {
    t = await startTestOrg();
});
after(async () => {
    await t.close();
});

function get(agent: http.Agent, url: string, token: string): Promise<{ status: number; reused: boolean }> {
    return new Promise((resolve, reject) => {
        const request = http.get(url, { agent, headers: { Authorization: `Bearer ${token}` } }, (response) => {
            response.resume();
            response.on('end', () => resolve({ status: response.statusCode ?? 0, reused: request.reusedSocket }));
        });
        request.on('error', reject);
    });
}

describe('keep-alive', () => {
    test('an idle keep-alive connection survives a 10 s pause', { timeout: 30_000 }, async () => {
        const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
        try {
            const first = await get(agent, `${t.origin}${V}/limits`, t.admin.accessToken);
            assert.equal(first.status, 200);
            await new Promise((resolve) => setTimeout(resolve, 10_000));
            const second = await get(agent, `${t.origin}${V}/limits`, t.admin.accessToken);
            assert.deepEqual(second, { status: 200, reused: true });
        } finally {
            agent.destroy();
        }
    });
});

describe('unsupported resources are refused by their own name, before their body is read', () => {
    const refused: [string, string, string, unknown?][] = [
        ['GET', '/sobjects/Account/quickActions', 'sobjects/Account/quickActions'],
        ['GET', '/sobjects/Account/eventSchema', 'sobjects/Account/eventSchema'],
        [
            'GET',
            '/sobjects/Account/describe/compactLayouts/012000000000000AAA',
            'sobjects/Account/describe/compactLayouts/012000000000000AAA'
        ]
    ];
    for (const [method, path, name, body] of refused) {
        test(`${method} ${path}`, async () => {
            const response = await fetch(`${t.origin}${V}${path}`, {
                method,
                headers: {
                    Authorization: `Bearer ${t.admin.accessToken}`,
                    ...(body ? { 'Content-Type': 'multipart/form-data; boundary=boundary' } : {})
                },
                body: body as string | undefined
            });
            assert.equal(response.status, 404);
            assert.deepEqual(await response.json(), [
                {
                    errorCode: 'NOT_FOUND',
                    message: `The requested resource does not exist: ${name} is not supported by local-org`
                }
            ]);
        });
    }

    test('a multipart metadata/deployRequest is routed before its body is read: no JSON_PARSER_ERROR', async () => {
        const response = await fetch(`${t.origin}${V}/metadata/deployRequest`, {
            method: 'POST',
            headers: {
                Authorization: `Bearer ${t.admin.accessToken}`,
                'Content-Type': 'multipart/form-data; boundary=boundary'
            },
            body: '--boundary\r\nContent-Disposition: form-data\r\n'
        });
        assert.equal(response.status, 400);
        const text = await response.text();
        assert.doesNotMatch(text, /JSON_PARSER_ERROR/);
    });

    test('Bulk API 1.0 (/services/async) answers as Bulk API 1.0: its XML error, not a REST 404', async () => {
        const response = await fetch(`${t.origin}/services/async/62.0/job`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/xml' },
            body: '<jobInfo xmlns="http://www.force.com/2009/06/asyncapi/dataload"/>'
        });
        assert.equal(response.status, 400);
        assert.match(await response.text(), /<exceptionCode>InvalidSessionId<\/exceptionCode>/);
    });

    test('a relationship of a record is refused by name; a field name still looks up by key', async () => {
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: 'Rel' });
        const id = (created.body as { id: string }).id;
        const relationship = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Account/${id}/Contacts`);
        assert.equal(relationship.status, 404);
        assert.match(
            (relationship.body as { message: string }[])[0].message,
            new RegExp(`sObject relationships and blobs \\(sobjects/Account/${id}/Contacts\\) are not supported`)
        );
        const unknownField = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Account/Nope__c/x`);
        assert.deepEqual(unknownField.body, [
            {
                errorCode: 'NOT_FOUND',
                message: 'Provided external ID field does not exist or is not accessible: Nope__c'
            }
        ]);
    });
});

describe('sobjects/X/updated and /deleted', () => {
    function iso(time: number): string {
        return new Date(time).toISOString().replace('.000Z', '+00:00');
    }
    function replicate(kind: 'updated' | 'deleted', start: number, end: number) {
        const query = `start=${encodeURIComponent(iso(start))}&end=${encodeURIComponent(iso(end))}`;
        return call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Contact/${kind}/?${query}`);
    }

    test('records changed and deleted within the window, to the minute, with latestDateCovered', async () => {
        const base = Date.UTC(2030, 0, 10, 12, 0, 30);
        mock.timers.enable({ apis: ['Date'], now: base });
        try {
            const kept = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
                LastName: 'Kept'
            });
            const gone = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Contact`, {
                LastName: 'Gone'
            });
            const keptId = (kept.body as { id: string }).id;
            const goneId = (gone.body as { id: string }).id;
            mock.timers.tick(60_000); // 12:01:30
            await call(t.origin, t.admin.accessToken, 'DELETE', `${V}/sobjects/Contact/${goneId}`);
            mock.timers.tick(60_000); // 12:02:30

            // Seconds are truncated: 12:00:59 is 12:00; the window ends at the current minute, 12:02.
            const updated = await replicate('updated', base + 29_000, base + 10 * 60_000);
            assert.equal(updated.status, 200);
            assert.deepEqual(updated.body, { ids: [keptId], latestDateCovered: '2030-01-10T12:02:00.000+0000' });

            const deleted = await replicate('deleted', base - 30_000, base + 120_000);
            assert.equal(deleted.status, 200);
            const body = deleted.body as {
                deletedRecords: unknown[];
                earliestDateAvailable: string;
                latestDateCovered: string;
            };
            assert.deepEqual(body.deletedRecords, [{ id: goneId, deletedDate: '2030-01-10T12:01:30.000+0000' }]);
            assert.equal(body.latestDateCovered, '2030-01-10T12:02:00.000+0000');
            assert.match(body.earliestDateAvailable, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000\+0000$/);

            // Before 12:01 the deletion is not covered (the window ends before it).
            const early = await replicate('deleted', base - 30_000, base + 60_000);
            assert.deepEqual((early.body as { deletedRecords: unknown[] }).deletedRecords, []);
        } finally {
            mock.timers.reset();
        }
    });

    test('start not before end, start too long ago, or no date: INVALID_REPLICATION_DATE', async () => {
        const now = Date.now();
        const sameMinute = await replicate(
            'updated',
            Math.floor(now / 60_000) * 60_000 - 120_000,
            Math.floor(now / 60_000) * 60_000 - 120_000 + 30_000
        );
        assert.equal(sameMinute.status, 400);
        assert.equal((sameMinute.body as { errorCode: string }[])[0].errorCode, 'INVALID_REPLICATION_DATE');
        const tooOldUpdated = await replicate('updated', now - 31 * 86_400_000, now);
        assert.equal((tooOldUpdated.body as { errorCode: string }[])[0].errorCode, 'INVALID_REPLICATION_DATE');
        const oldButFine = await replicate('updated', now - 20 * 86_400_000, now);
        assert.equal(oldButFine.status, 200);
        const tooOldDeleted = await replicate('deleted', now - 20 * 86_400_000, now);
        assert.equal((tooOldDeleted.body as { errorCode: string }[])[0].errorCode, 'INVALID_REPLICATION_DATE');
        const missing = await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Contact/updated`);
        assert.equal(missing.status, 400);
        assert.equal((missing.body as { errorCode: string }[])[0].errorCode, 'INVALID_REPLICATION_DATE');
    });
});

describe('sObject Collections upsert with allOrNone', () => {
    test('every result carries created; the failing record its error, the others the rollback', async () => {
        const records = ['Upsert A', 'Upsert B', 'Upsert C'].map((Name) => ({ attributes: { type: 'Account' }, Name }));
        (records[1] as Record<string, unknown>).OwnerId = 'INVALID_OWNER';
        const response = await call(t.origin, t.admin.accessToken, 'PATCH', `${V}/composite/sobjects/Account/Name`, {
            allOrNone: true,
            records
        });
        assert.equal(response.status, 200);
        const results = response.body as { created: boolean; success: boolean; errors: { statusCode: string }[] }[];
        assert.deepEqual(
            results.map((result) => [result.created, result.success, result.errors.map((error) => error.statusCode)]),
            [
                [true, false, ['ALL_OR_NONE_OPERATION_ROLLED_BACK']],
                [true, false, ['MALFORMED_ID']],
                [true, false, ['ALL_OR_NONE_OPERATION_ROLLED_BACK']]
            ]
        );
        const left = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/query?q=${encodeURIComponent("SELECT Id FROM Account WHERE Name LIKE 'Upsert %'")}`
        );
        assert.equal((left.body as { totalSize: number }).totalSize, 0);
    });
});

describe('standard fields real clients send', () => {
    test('Account takes Sic, SicDesc, Ownership, TickerSymbol, Rating and Jigsaw, with their picklist values', async () => {
        const values = {
            Name: 'Fields Inc',
            Sic: '7372',
            SicDesc: 'Prepackaged Software',
            Ownership: 'Public',
            TickerSymbol: 'FLDS',
            Rating: 'Hot',
            Jigsaw: 'JS-1'
        };
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, values);
        assert.equal(created.status, 201, JSON.stringify(created.body));
        const id = (created.body as { id: string }).id;
        const read = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/sobjects/Account/${id}?fields=${Object.keys(values).join(',')}`
        );
        const { attributes: _attributes, ...fields } = read.body as Record<string, unknown>;
        assert.deepEqual(fields, values);
        const badRating = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'Bad',
            TickerSymbol: 'X'.repeat(21)
        });
        assert.equal((badRating.body as { errorCode: string }[])[0].errorCode, 'STRING_TOO_LONG');
    });
});

describe('describe/approvalLayouts', () => {
    test('an object has no approval layouts (local-org has no approval processes); an unknown object is 404', async () => {
        const layouts = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/sobjects/Account/describe/approvalLayouts`
        );
        assert.deepEqual([layouts.status, layouts.body], [200, { approvalLayouts: [] }]);
        const unknown = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/sobjects/Nope__c/describe/approvalLayouts`
        );
        assert.equal(unknown.status, 404);
    });
});

describe('Contact and Lead standard fields', () => {
    test('Contact phones, assistant and birthdate; Lead rating, revenue, employees, fax, mobile and website', async () => {
        const contact = {
            LastName: 'Fields',
            Fax: '555-0100',
            HomePhone: '555-0101',
            OtherPhone: '555-0102',
            AssistantName: 'Ada',
            AssistantPhone: '555-0103',
            Birthdate: '1990-02-03'
        };
        const lead = {
            LastName: 'Fields',
            Company: 'Fields Inc',
            Rating: 'Warm',
            AnnualRevenue: 1000000,
            NumberOfEmployees: 12,
            Fax: '555-0104',
            MobilePhone: '555-0105',
            Website: 'example.org'
        };
        for (const [type, values] of [
            ['Contact', contact],
            ['Lead', lead]
        ] as const) {
            const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/${type}`, values);
            assert.equal(created.status, 201, JSON.stringify(created.body));
            const id = (created.body as { id: string }).id;
            const read = await call(
                t.origin,
                t.admin.accessToken,
                'GET',
                `${V}/sobjects/${type}/${id}?fields=${Object.keys(values).join(',')}`
            );
            const { attributes: _attributes, ...fields } = read.body as Record<string, unknown>;
            assert.deepEqual(fields, values);
        }
    });
});
