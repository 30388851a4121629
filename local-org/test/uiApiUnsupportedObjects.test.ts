/**
 * UI API serves only the objects it supports: Task is not one of them (UI API Developer Guide, "Supported Objects"),
 * and Salesforce answers "Bad Request: Object Task is not supported in UI API". List views of Task are served by the
 * REST API's `sobjects/Task/listviews` resources instead.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { call, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v66.0';
let t: TestOrg;

before(async () => {
    t = await startTestOrg();
});
after(async () => {
    await t?.close();
});

test('ui-api list-info and list-records refuse Task as Salesforce does; Account is served', async () => {
    for (const path of ['ui-api/list-info/Task', 'ui-api/list-info/Task/Any', 'ui-api/list-records/Task/Any']) {
        const response = await call(t.origin, t.admin.accessToken, 'GET', `${V}/${path}`);
        assert.equal(response.status, 400, path);
        assert.deepEqual(response.body, [
            { errorCode: 'INVALID_TYPE', message: 'Object Task is not supported in UI API' }
        ]);
    }
    assert.equal((await call(t.origin, t.admin.accessToken, 'GET', `${V}/ui-api/list-info/Account`)).status, 200);
    assert.equal((await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Task/listviews`)).status, 200);
});
