/**
 * Web-to-Case with bad input, against force-app deployed: what Salesforce does with a post it cannot turn into a
 * case ("Cases without valid values aren't created", Salesforce Help, "Web-to-Case Guidelines and Limits"): no case,
 * nothing truncated, the submitter's browser still sent to `retURL` as on success, the failure told to the admin
 * (Salesforce emails it; local-org logs it), and with `debug=1` a page that says what happened. Never a plain-text
 * error in front of the public submitter.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { webToCase } from '../src/webToCase.ts';
import { startDeployedTestOrg } from './support/deployedOrg.ts';
import { assignPermissionSet, V } from './support/graphql.ts';
import { call, rows, type TestOrg } from './support/testOrg.ts';

let t: TestOrg;
let webFormType: string;

before(async () => {
    t = await startDeployedTestOrg();
    await assignPermissionSet(t, t.admin.id, 'Caseline_Admin');
    webFormType = String(rows(t.org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Web_Form'")[0].Id);
});
after(() => t.close());

const RETURN_URL = 'https://www.example.com/thanks';

function form(fields: Record<string, string>): URLSearchParams {
    return new URLSearchParams({ orgid: t.org.orgId.slice(0, 15), recordType: webFormType, ...fields });
}

function post(fields: Record<string, string>): Promise<Response> {
    return fetch(`${t.origin}/servlet/servlet.WebToCase?encoding=UTF-8`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form(fields)
    });
}

function caseCount(): number {
    return Number(rows(t.org, 'SELECT COUNT(*) n FROM "Case"')[0].n);
}

/** The browser is sent to retURL the way Salesforce's reply does it: a page that refreshes to it at once. */
async function assertSentTo(response: Response, url: string): Promise<void> {
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.ok((await response.text()).includes(`<meta http-equiv="Refresh" content="0; URL=${url}">`));
}

describe('Web-to-Case with bad input', () => {
    test('a post with no subject, description or submitter creates no case, and returns to retURL', async () => {
        const before = caseCount();
        await assertSentTo(await post({ retURL: RETURN_URL, encoding: 'UTF-8', submit: 'Submit' }), RETURN_URL);
        // Without the record type the case would still be a web case (Origin Web): still nothing.
        const noType = form({ retURL: RETURN_URL });
        noType.delete('recordType');
        const reply = webToCase(t.org, noType.toString());
        assert.equal(reply.caseId, undefined);
        assert.match(
            reply.notification ?? '',
            /Error code=FIELD_CUSTOM_VALIDATION_EXCEPTION, message=A web case needs/
        );
        assert.equal(caseCount(), before);
        // One of them is enough for a case.
        await assertSentTo(await post({ email: 'only@example.com', retURL: RETURN_URL }), RETURN_URL);
        assert.equal(caseCount(), before + 1);
    });

    test('an over-long value creates no case (nothing truncated), returns to retURL, and tells the admin why', async () => {
        const name = 'N'.repeat(120);
        const fields = { name, email: 'long@example.com', subject: 'Too long a name', retURL: RETURN_URL };
        await assertSentTo(await post(fields), RETURN_URL);
        assert.deepEqual(rows(t.org, `SELECT Id FROM "Case" WHERE Subject = 'Too long a name'`), []);
        const reply = webToCase(t.org, form(fields).toString());
        assert.equal(reply.caseId, undefined);
        assert.match(reply.notification ?? '', /Error code=STRING_TOO_LONG, .*fields=\[SuppliedName\]/);
        assert.match(reply.notification ?? '', new RegExp(`Record Information:\\n[^]*name = ${name}`));
    });

    test('debug=1 answers with what happened instead of leaving for retURL', async () => {
        const response = await post({ name: 'D'.repeat(81), subject: 'Debugging', retURL: RETURN_URL, debug: '1' });
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        const body = await response.text();
        assert.ok(!body.includes('http-equiv="Refresh"'), body);
        assert.match(body, /Debug mode: no case was created\./);
        assert.match(body, /Error code=STRING_TOO_LONG/);
        const created = await post({ subject: 'Debugging works', debug: '1' });
        const id = String(rows(t.org, `SELECT Id FROM "Case" WHERE Subject = 'Debugging works'`)[0].Id);
        assert.match(await created.text(), new RegExp(`Debug mode: case ${id} was created\\.`));
    });

    test('a wrong orgid is answered with a page, not plain text', async () => {
        const response = await fetch(`${t.origin}/servlet/servlet.WebToCase?encoding=UTF-8`, {
            method: 'POST',
            headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ orgid: '00D000000000001', subject: 'Wrong org' })
        });
        assert.equal(response.status, 400);
        assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
        assert.match(await response.text(), /this form is not set up for this organization/);
    });
});

describe('follow-ups are told apart from web submissions', () => {
    test('Follow_Up_Not_Web_Form: a follow-up keeps Origin Web and the submitter but never the Web Form record type', async () => {
        await post({ name: 'Fred Form', email: 'fred@example.com', subject: 'Original submission' });
        const webForm = String(rows(t.org, `SELECT Id FROM "Case" WHERE Subject = 'Original submission'`)[0].Id);
        const followUp = { Subject: 'Follow-up', Origin: 'Web', SuppliedName: 'Fred Form', Converted_From__c: webForm };
        const refused = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, {
            ...followUp,
            RecordTypeId: webFormType
        });
        assert.equal(refused.status, 400);
        assert.deepEqual(refused.body, [
            {
                message: "A follow-up cannot be a Web Form case: choose the follow-up's own record type.",
                errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
                fields: ['Converted_From__c']
            }
        ]);
        const customerRequest = rows(t.org, "SELECT Id FROM RecordType WHERE DeveloperName = 'Customer_Request'")[0].Id;
        const accepted = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Case`, {
            ...followUp,
            RecordTypeId: customerRequest
        });
        assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    });
});
