/**
 * FOR VIEW and FOR REFERENCE record the retrieved records as the caller's recently viewed ones; `GET /recent` and
 * the `recentItems` of `sobjects/X` answer them, most recent first, per user ("Recently Viewed Items").
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { Connection } from 'jsforce';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
const V = '/services/data/v66.0';
type Item = { attributes: { type: string }; Id: string; Name: string };

async function query(token: string, soql: string) {
    return call(t.origin, token, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`);
}

before(async () => {
    t = await startTestOrg();
    for (const name of ['Recent One', 'Recent Two', 'Recent Three']) {
        const created = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, { Name: name });
        assert.equal(created.status, 201);
    }
});
after(() => t.close());

describe('recently viewed records', () => {
    test('FOR VIEW marks the retrieved records; /recent answers them to that user only', async () => {
        const viewed = await query(
            t.admin.accessToken,
            "SELECT Id, Name FROM Account WHERE Name LIKE 'Recent%' ORDER BY Name LIMIT 2 FOR VIEW"
        );
        assert.equal(viewed.status, 200);
        const recent = await call(t.origin, t.admin.accessToken, 'GET', `${V}/recent?limit=5`);
        assert.equal(recent.status, 200);
        const items = recent.body as Item[];
        assert.deepEqual(items.map((i) => i.Name).sort(), ['Recent One', 'Recent Three']);
        assert.ok(items.every((i) => i.attributes.type === 'Account' && /^001/.test(i.Id)));
        const other = await call(t.origin, t.agent.accessToken, 'GET', `${V}/recent`);
        assert.deepEqual(other.body, []);
    });

    test("FOR REFERENCE too; jsforce's recent() and sobject('Account').recent() read them, a deleted record is gone", async () => {
        await query(t.admin.accessToken, "SELECT Id FROM Account WHERE Name = 'Recent Two' FOR REFERENCE");
        const conn = new Connection({ instanceUrl: t.origin, accessToken: t.admin.accessToken, version: '66.0' });
        const all = (await conn.recent(10)) as unknown as Item[];
        assert.equal(all.length, 3);
        assert.equal(all[0].Name, 'Recent Two');
        const accounts = (await conn.sobject('Account').recent()) as unknown as Item[];
        assert.equal(accounts.length, 3);
        await call(t.origin, t.admin.accessToken, 'DELETE', `${V}/sobjects/Account/${all[0].Id}`);
        const after = (await conn.recent(10)) as unknown as Item[];
        assert.deepEqual(after.map((i) => i.Name).sort(), ['Recent One', 'Recent Three']);
    });

    test('an aggregate query has no records to mark: FOR VIEW there is refused by name; a bad limit is an error', async () => {
        const aggregate = await query(t.admin.accessToken, 'SELECT COUNT() FROM Account FOR VIEW');
        assert.equal(aggregate.status, 400);
        assert.equal((aggregate.body as { errorCode: string }[])[0].errorCode, 'NOT_SUPPORTED_BY_LOCAL_ORG');
        const bad = await call(t.origin, t.admin.accessToken, 'GET', `${V}/recent?limit=none`);
        assert.equal(bad.status, 400);
    });
});
