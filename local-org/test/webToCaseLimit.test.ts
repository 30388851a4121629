/**
 * Web-to-Case's daily limit on a fresh org: 5,000 cases in 24 hours, then the post is refused by name (Salesforce
 * would queue it; local-org has no pending request queue) and nothing is created. The count is the org's own, kept
 * in its database.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { WEB_TO_CASE_DAILY_LIMIT } from '../src/webToCase.ts';
import { rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;

before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

function post(subject: string): Promise<Response> {
    return fetch(`${t.origin}/servlet/servlet.WebToCase?encoding=UTF-8`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ orgid: t.org.orgId.slice(0, 15), subject })
    });
}

test('5,000 cases a day; the next post creates nothing and says why', async () => {
    assert.equal(WEB_TO_CASE_DAILY_LIMIT, 5000);
    const batch = 50;
    for (let start = 0; start < WEB_TO_CASE_DAILY_LIMIT; start += batch) {
        const replies = await Promise.all(
            Array.from({ length: batch }, (_, i) => post(`Within the limit ${start + i}`))
        );
        for (const reply of replies) {
            assert.equal(reply.status, 200);
            await reply.arrayBuffer();
        }
    }
    assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM "Case"')[0].n, WEB_TO_CASE_DAILY_LIMIT);
    const over = await post('Over the limit');
    assert.equal(over.status, 503);
    assert.match(
        await over.text(),
        /NOT_SUPPORTED_BY_LOCAL_ORG: this org has created 5000 cases from the web in the last 24 hours.*no case was created/
    );
    assert.equal(rows(t.org, `SELECT COUNT(*) n FROM "Case" WHERE Subject = 'Over the limit'`)[0].n, 0);
    assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM "Case"')[0].n, WEB_TO_CASE_DAILY_LIMIT);
});
