/**
 * A careless or hostile REST client: big queries paged from the database with bounded cursors, composite calls
 * bounded as Salesforce bounds them, deep or odd bodies refused with Salesforce's errors (issue 16).
 */
import assert from 'node:assert/strict';
import { after, before, describe, mock, test } from 'node:test';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v60.0';
let t: TestOrg;

before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

interface QueryPage {
    totalSize: number;
    done: boolean;
    nextRecordsUrl?: string;
    records: { Id: string; Name: string }[];
}

async function get(token: string, path: string, headers: Record<string, string> = {}) {
    const response = await fetch(t.origin + path, { headers: { Authorization: `Bearer ${token}`, ...headers } });
    return { status: response.status, body: (await response.json()) as unknown };
}

async function createAccounts(prefix: string, count: number): Promise<void> {
    for (let start = 0; start < count; start += 200) {
        const records = Array.from({ length: Math.min(200, count - start) }, (_, i) => ({
            attributes: { type: 'Account' },
            Name: `${prefix} ${String(start + i).padStart(5, '0')}`
        }));
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite/sobjects`, {
            allOrNone: true,
            records
        });
        assert.equal(response.status, 200);
    }
}

const SMALL_PAGES = { 'Sforce-Query-Options': 'batchSize=200' };

describe('query cursors', () => {
    before(() => createAccounts('Cursor', 500));

    test('a user keeps at most 10 open cursors: the oldest is released and answers INVALID_QUERY_LOCATOR', async () => {
        const soql = encodeURIComponent("SELECT Id, Name FROM Account WHERE Name LIKE 'Cursor %'");
        const agents = (await get(t.agent.accessToken, `${V}/query?q=${soql}`, SMALL_PAGES)).body as QueryPage;
        const firstPages: QueryPage[] = [];
        for (let i = 0; i < 11; i += 1) {
            const response = await get(t.viewer.accessToken, `${V}/query?q=${soql}`, SMALL_PAGES);
            assert.equal(response.status, 200);
            firstPages.push(response.body as QueryPage);
        }
        const oldest = await get(t.viewer.accessToken, firstPages[0].nextRecordsUrl!);
        assert.equal(oldest.status, 400);
        assert.deepEqual(oldest.body, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
        const second = await get(t.viewer.accessToken, firstPages[1].nextRecordsUrl!);
        assert.equal(second.status, 200);
        assert.equal((second.body as QueryPage).records.length, 200);
        // Cursors are counted per user: the viewer's eleven did not release the agent's.
        assert.equal((await get(t.agent.accessToken, agents.nextRecordsUrl!)).status, 200);
    });

    test('a cursor expires after 15 minutes of inactivity', async () => {
        const soql = encodeURIComponent("SELECT Id FROM Account WHERE Name LIKE 'Cursor %'");
        mock.timers.enable({ apis: ['Date'], now: Date.now() });
        try {
            const first = (await get(t.agent.accessToken, `${V}/query?q=${soql}`, SMALL_PAGES)).body as QueryPage;
            mock.timers.tick(14 * 60 * 1000);
            const second = await get(t.agent.accessToken, first.nextRecordsUrl!);
            assert.equal(second.status, 200, 'used within 15 minutes, the cursor is still open');
            mock.timers.tick(15 * 60 * 1000 + 1000);
            const third = await get(t.agent.accessToken, (second.body as QueryPage).nextRecordsUrl!);
            assert.equal(third.status, 400);
            assert.deepEqual(third.body, [{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
        } finally {
            mock.timers.reset();
        }
    });

    test('5,000 rows in 2000-row pages: every row exactly once, rows created meanwhile are not in the cursor', async () => {
        await createAccounts('Paged', 5000);
        const soql = encodeURIComponent("SELECT Id, Name FROM Account WHERE Name LIKE 'Paged %' ORDER BY Name");
        let page = (await get(t.admin.accessToken, `${V}/query?q=${soql}`)).body as QueryPage;
        assert.equal(page.totalSize, 5000);
        const names = page.records.map((r) => r.Name);
        let created = 0;
        while (!page.done) {
            // New rows that sort before and after the cursor's position.
            await createAccounts(`Paged ${created}`, 3);
            created += 1;
            const next = await get(t.admin.accessToken, page.nextRecordsUrl!);
            assert.equal(next.status, 200);
            page = next.body as QueryPage;
            names.push(...page.records.map((r) => r.Name));
        }
        assert.equal(names.length, 5000);
        assert.equal(new Set(names).size, 5000);
        assert.deepEqual(
            names,
            Array.from({ length: 5000 }, (_, i) => `Paged ${String(i).padStart(5, '0')}`)
        );
    });
});

interface CompositeResponse {
    compositeResponse: { httpStatusCode: number; referenceId: string; body: unknown }[];
}

async function accountCount(): Promise<number> {
    const response = await get(
        t.admin.accessToken,
        `${V}/query?q=${encodeURIComponent('SELECT COUNT() FROM Account')}`
    );
    return (response.body as QueryPage).totalSize;
}

describe('composite', () => {
    const create = (ref: string) => ({
        method: 'POST',
        url: `${V}/sobjects/Account`,
        referenceId: ref,
        body: { Name: `Composite ${ref}` }
    });

    test('a composite sub-request is refused before anything runs: one call is at most 25 sub-requests', async () => {
        const before = await accountCount();
        const nested = {
            method: 'POST',
            url: `${V}/composite`,
            referenceId: 'nested',
            body: { compositeRequest: [create('inner')] }
        };
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
            compositeRequest: [create('outer'), nested]
        });
        assert.equal(response.status, 400);
        const [error] = response.body as { errorCode: string; message: string }[];
        assert.equal(error.errorCode, 'INVALID_INPUT');
        assert.match(error.message, /composite supports only the sObject, Query, QueryAll and sObject Collections/);
        assert.equal(await accountCount(), before, 'nothing was written');
    });

    test('resources composite does not run (batch, tree, limits, graphql) are refused too', async () => {
        for (const url of [`${V}/composite/batch`, `${V}/composite/tree/Account`, `${V}/limits`, `${V}/graphql`]) {
            const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
                compositeRequest: [{ method: 'GET', url, referenceId: 'r' }]
            });
            assert.equal(response.status, 400, url);
        }
    });

    test('at most 5 query or sObject Collections sub-requests in one call', async () => {
        const query = (ref: string) => ({
            method: 'GET',
            url: `${V}/query?q=SELECT+Id+FROM+Account+LIMIT+1`,
            referenceId: ref
        });
        const five = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
            compositeRequest: ['q1', 'q2', 'q3', 'q4', 'q5'].map(query)
        });
        assert.equal(five.status, 200);
        assert.ok((five.body as CompositeResponse).compositeResponse.every((r) => r.httpStatusCode === 200));
        const six = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
            compositeRequest: [
                ...['q1', 'q2', 'q3', 'q4', 'q5'].map(query),
                {
                    method: 'GET',
                    url: `${V}/composite/sobjects/Account?ids=001000000000000AAA&fields=Name`,
                    referenceId: 'c'
                }
            ]
        });
        assert.equal(six.status, 400);
        assert.equal((six.body as { errorCode: string }[])[0].errorCode, 'LIMIT_EXCEEDED');
    });

    test('2,000 levels of nested composite answer 400 JSON_PARSER_ERROR, not a stack overflow', async () => {
        // Written as text: JSON.stringify itself overflows the stack on this document.
        let body = JSON.stringify({ compositeRequest: [create('leaf')] });
        for (let i = 0; i < 2000; i += 1) {
            body = `{"compositeRequest":[{"method":"POST","url":"${V}/composite","referenceId":"n${i}","body":${body}}]}`;
        }
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, body);
        assert.equal(response.status, 400);
        assert.equal((response.body as { errorCode: string }[])[0].errorCode, 'JSON_PARSER_ERROR');
    });
});

describe('request bodies', () => {
    test('JSON nested 100,000 levels deep answers 400 JSON_PARSER_ERROR naming the depth limit', async () => {
        const depth = 100_000;
        const deep = `{"Name":"Deep","Description":${'['.repeat(depth)}${']'.repeat(depth)}}`;
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, deep);
        assert.equal(response.status, 400);
        assert.deepEqual(response.body, [
            {
                message: 'Document nesting depth (1001) exceeds the maximum allowed (1000) at [line:1, column:1029]',
                errorCode: 'JSON_PARSER_ERROR'
            }
        ]);
        const composite = await call(t.origin, t.admin.accessToken, 'POST', `${V}/composite`, {
            compositeRequest: [
                {
                    method: 'POST',
                    url: `${V}/sobjects/Account`,
                    referenceId: 'a',
                    body: JSON.parse(`${'['.repeat(999)}${']'.repeat(999)}`)
                }
            ]
        });
        assert.equal(
            composite.status,
            400,
            '999 levels inside a composite body pass the 1000 bound and the handler refuses'
        );
    });

    test('a media type Salesforce does not read answers 415 UNSUPPORTED_MEDIA_TYPE; JSON and no Content-Type pass', async () => {
        const post = (contentType: string | undefined) =>
            fetch(`${t.origin}${V}/sobjects/Account`, {
                method: 'POST',
                headers: {
                    Authorization: `Bearer ${t.admin.accessToken}`,
                    ...(contentType ? { 'Content-Type': contentType } : {})
                },
                // Bytes, so that fetch adds no Content-Type of its own (it labels strings text/plain).
                body: Buffer.from(JSON.stringify({ Name: `Typed ${contentType}` }))
            });
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
            const response = await post(type);
            assert.equal(response.status, 415, type);
            assert.deepEqual(await response.json(), [
                {
                    message: `MediaType of '${type.split(';')[0]}' is not supported by this resource`,
                    errorCode: 'UNSUPPORTED_MEDIA_TYPE'
                }
            ]);
        }
        for (const type of ['application/json', 'application/json; charset=UTF-8', undefined]) {
            assert.equal((await post(type)).status, 201, String(type));
        }
    });

    test('a body that is not UTF-8 is refused with JSON_PARSER_ERROR, not saved with U+FFFD', async () => {
        const body = Buffer.concat([Buffer.from('{"Name":"Bad '), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
        const response = await fetch(`${t.origin}${V}/sobjects/Account`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${t.admin.accessToken}`, 'Content-Type': 'application/json' },
            body
        });
        assert.equal(response.status, 400);
        assert.deepEqual(await response.json(), [
            { message: 'Invalid UTF-8 start byte 0xff at [line:1, column:14]', errorCode: 'JSON_PARSER_ERROR' }
        ]);
    });
});

describe('values', () => {
    test('1e21 and more are outside the range of a number field: NUMBER_OUTSIDE_VALID_RANGE, nothing saved', async () => {
        for (const value of [1e21, 1e300, -1e21]) {
            const before = await accountCount();
            const response = await call(
                t.origin,
                t.admin.accessToken,
                'POST',
                `${V}/sobjects/Account`,
                `{"Name":"Huge","NumberOfEmployees":${value}}`
            );
            assert.equal(response.status, 400, String(value));
            assert.equal((response.body as { errorCode: string }[])[0].errorCode, 'NUMBER_OUTSIDE_VALID_RANGE');
            assert.equal(await accountCount(), before);
        }
    });

    test('STRING_TOO_LONG quotes the start of the value, not all of it', async () => {
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'x'.repeat(1_000_000)
        });
        assert.equal(response.status, 400);
        const [error] = response.body as { errorCode: string; message: string }[];
        assert.equal(error.errorCode, 'STRING_TOO_LONG');
        assert.equal(error.message, `Account Name: data value too large: ${'x'.repeat(255)}... (max length=255)`);
    });

    test('a value holding U+2028 or U+2029 is matched by equality in SOQL and GraphQL', async () => {
        const name = 'Line\u2028Para\u2029End';
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: name });
        assert.equal(created.status, 201);
        const soql = encodeURIComponent(`SELECT Id, Name FROM Account WHERE Name = '${name}'`);
        const found = await get(t.admin.accessToken, `${V}/query?q=${soql}`);
        assert.equal(found.status, 200, JSON.stringify(found.body));
        assert.deepEqual(
            (found.body as QueryPage).records.map((r) => r.Name),
            [name]
        );
        const graphql = await call(t.origin, t.admin.accessToken, 'POST', `${V}/graphql`, {
            query: 'query($n: String) { uiapi { query { Account(where: { Name: { eq: $n } }) { edges { node { Id } } } } } }',
            variables: { n: name }
        });
        const edges = (graphql.body as { data: { uiapi: { query: { Account: { edges: unknown[] } } } } }).data.uiapi
            .query.Account.edges;
        assert.equal(edges.length, 1, JSON.stringify(graphql.body));
    });
});

test('/limits counts data storage at most once a minute, as Salesforce tabulates limits within five minutes', async () => {
    const remaining = async () =>
        ((await get(t.admin.accessToken, `${V}/limits`)).body as { DataStorageMB: { Remaining: number } }).DataStorageMB
            .Remaining;
    mock.timers.enable({ apis: ['Date'], now: Date.now() });
    try {
        const before = await remaining();
        await createAccounts('Storage', 1100); // 2 KB a record: more than 2 MB
        assert.equal(await remaining(), before, 'a count taken less than a minute ago is reused');
        mock.timers.tick(61_000);
        assert.ok((await remaining()) <= before - 2, 'recounted after a minute');
    } finally {
        mock.timers.reset();
    }
});
