/**
 * Issue 19: what jsforce's own integration suite showed local-org doing differently from Salesforce. Keep-alive
 * connections, unsupported resources refused by their own name, the replication resources (`updated`, `deleted`),
 * standard fields clients send, the Collections result shape with allOrNone, and the identity URL.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
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
