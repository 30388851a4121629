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
