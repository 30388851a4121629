import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { canonicalId } from '../src/ids.ts';
import { LocalOrg } from '../src/org.ts';
import { call, rows, startTestOrg, type TestOrg } from './support/testOrg.ts';

const V = '/services/data/v60.0';
let t: TestOrg;

before(async () => {
    t = await startTestOrg();
});
after(() => t.close());

describe('session and discovery', () => {
    test('versions need no session; everything else answers 401 INVALID_SESSION_ID without a valid token', async () => {
        const versions = await call(t.origin, undefined, 'GET', '/services/data');
        assert.equal(versions.status, 200);
        assert.deepEqual((versions.body as { version: string }[]).at(-1), {
            label: "Spring '26",
            url: '/services/data/v66.0',
            version: '66.0'
        });
        for (const token of [undefined, 'not-a-token', `${t.org.orgId.slice(0, 15)}!forged`]) {
            const response = await call(t.origin, token, 'GET', `${V}/sobjects`);
            assert.equal(response.status, 401);
            assert.deepEqual(response.body, [
                { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
            ]);
        }
    });

    test('oauth_token in the query is a credential only for the Identity URL, as Salesforce documents it', async () => {
        const token = encodeURIComponent(t.admin.accessToken);
        for (const path of [`${V}/sobjects`, `${V}/query?q=SELECT+Id+FROM+Account`, '/services/oauth2/userinfo']) {
            const separator = path.includes('?') ? '&' : '?';
            const response = await call(t.origin, undefined, 'GET', `${path}${separator}oauth_token=${token}`);
            assert.equal(response.status, 401, path);
            assert.deepEqual(response.body, [
                { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }
            ]);
        }
        const identity = await call(
            t.origin,
            undefined,
            'GET',
            `/id/${t.org.orgId}/${t.admin.id}?oauth_token=${token}`
        );
        assert.equal(identity.status, 200);
    });

    test('every new org has its own organisation id, in the Organization row, the APIs and its tokens', async () => {
        const other = LocalOrg.open(':memory:');
        try {
            assert.notEqual(other.orgId, t.org.orgId);
            for (const org of [t.org, other]) {
                assert.match(org.orgId, /^00DLO[0-9A-Za-z]{13}$/);
                assert.equal(canonicalId(org.orgId), org.orgId, 'a valid 18-character id');
                assert.deepEqual(rows(org, 'SELECT Id FROM Organization'), [{ Id: org.orgId }]);
                for (const user of org.users()) assert.ok(user.accessToken.startsWith(`${org.orgId.slice(0, 15)}!`));
            }
        } finally {
            other.close();
        }
        const info = await call(t.origin, t.admin.accessToken, 'GET', '/services/oauth2/userinfo');
        assert.equal((info.body as { organization_id: string }).organization_id, t.org.orgId);
    });

    test('tokens have the org id prefix the sf CLI requires', () => {
        for (const user of [t.admin, t.agent, t.viewer]) assert.match(user.accessToken, /^(00D\w{12,15})![.\w]*$/);
    });

    test('double slashes (the sf CLI instance URL ends in one) reach the same resource', async () => {
        const response = await call(t.origin, t.admin.accessToken, 'GET', '//services/data/v60.0/');
        assert.equal(response.status, 200);
        assert.equal((response.body as { identity: string }).identity, `${t.origin}/id/${t.org.orgId}/${t.admin.id}`);
    });

    test('userinfo and identity describe the caller; limits count API requests in Sforce-Limit-Info', async () => {
        const info = (await call(t.origin, t.agent.accessToken, 'GET', '/services/oauth2/userinfo')).body as Record<
            string,
            unknown
        >;
        assert.equal(info.user_id, t.agent.id);
        assert.equal(info.organization_id, t.org.orgId);
        assert.equal(info.preferred_username, 'agent@caseline.localorg');
        const identity = await call(
            t.origin,
            undefined,
            'GET',
            `/id/${t.org.orgId}/${t.agent.id}?format=json&oauth_token=${t.agent.accessToken}`
        );
        assert.equal((identity.body as { username: string }).username, 'agent@caseline.localorg');
        const limits = await call(t.origin, t.admin.accessToken, 'GET', `${V}/limits`);
        const used = Number(/api-usage=(\d+)\/15000/.exec(limits.headers.get('sforce-limit-info') ?? '')?.[1]);
        assert.ok(used > 0);
        assert.equal(
            (limits.body as { DailyApiRequests: { Remaining: number } }).DailyApiRequests.Remaining,
            15000 - used
        );
    });
});

describe('single-record REST', () => {
    test('create, retrieve, update, upsert and delete an account', async () => {
        const token = t.admin.accessToken;
        const created = await call(t.origin, token, 'POST', `${V}/sobjects/Account`, {
            Name: 'Acme',
            NumberOfEmployees: '12'
        });
        assert.equal(created.status, 201);
        const id = (created.body as { id: string }).id;
        assert.deepEqual(created.body, { id, success: true, errors: [] });
        assert.match(id, /^001\w{15}$/);

        const updated = await call(t.origin, token, 'PATCH', `${V}/sobjects/Account/${id}`, { Phone: '+1 555 0100' });
        assert.equal(updated.status, 204);
        const fetched = (
            await call(
                t.origin,
                token,
                'GET',
                `${V}/sobjects/Account/${id.slice(0, 15)}?fields=Name,Phone,NumberOfEmployees,OwnerId`
            )
        ).body;
        assert.deepEqual(fetched, {
            attributes: { type: 'Account', url: `${V}/sobjects/Account/${id}` },
            Name: 'Acme',
            Phone: '+1 555 0100',
            NumberOfEmployees: 12,
            OwnerId: t.admin.id
        });

        const inserted = await call(t.origin, token, 'PATCH', `${V}/sobjects/Contact/Id/`, { LastName: 'x' });
        assert.equal(inserted.status, 404, 'an upsert by Id needs an id');

        const deleted = await call(t.origin, token, 'DELETE', `${V}/sobjects/Account/${id}`);
        assert.equal(deleted.status, 204);
        const again = await call(t.origin, token, 'GET', `${V}/sobjects/Account/${id}`);
        assert.equal(again.status, 404);
        assert.deepEqual(again.body, [{ message: 'entity is deleted', errorCode: 'ENTITY_IS_DELETED' }]);
    });

    test('Case gets its number, the default status and priority, and IsClosed from its status', async () => {
        const token = t.agent.accessToken;
        const { id } = (await call(t.origin, token, 'POST', `${V}/sobjects/Case`, { Subject: 'Broken hinge' }))
            .body as { id: string };
        const open = (await call(t.origin, token, 'GET', `${V}/sobjects/Case/${id}`)).body as Record<string, unknown>;
        assert.match(String(open.CaseNumber), /^\d{8}$/);
        assert.equal(open.Status, 'New');
        assert.equal(open.Priority, 'Medium');
        assert.equal(open.IsClosed, false);
        assert.equal(open.OwnerId, t.agent.id);
        await call(t.origin, token, 'PATCH', `${V}/sobjects/Case/${id}`, { Status: 'Closed' });
        const closed = (await call(t.origin, token, 'GET', `${V}/sobjects/Case/${id}?fields=IsClosed,ClosedDate`))
            .body as Record<string, unknown>;
        assert.equal(closed.IsClosed, true);
        assert.match(String(closed.ClosedDate), /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+0000$/);
    });

    test('upsert by an idLookup field: 201 created, then 200 with the same id; two matches answer 300', async () => {
        const token = t.admin.accessToken;
        const first = await call(t.origin, token, 'PATCH', `${V}/sobjects/Contact/Email/ada@example.com`, {
            LastName: 'Lovelace'
        });
        assert.equal(first.status, 201);
        assert.equal((first.body as { created: boolean }).created, true);
        const second = await call(t.origin, token, 'PATCH', `${V}/sobjects/Contact/Email/ADA@example.com`, {
            FirstName: 'Ada'
        });
        assert.equal(second.status, 200);
        assert.deepEqual(second.body, {
            id: (first.body as { id: string }).id,
            success: true,
            errors: [],
            created: false
        });
        await call(t.origin, token, 'POST', `${V}/sobjects/Contact`, { LastName: 'Twin', Email: 'ada@example.com' });
        const ambiguous = await call(t.origin, token, 'PATCH', `${V}/sobjects/Contact/Email/ada@example.com`, {
            FirstName: 'A'
        });
        assert.equal(ambiguous.status, 300);
        assert.equal((ambiguous.body as string[]).length, 2);
        const notKey = await call(t.origin, token, 'PATCH', `${V}/sobjects/Contact/Title/Boss`, { LastName: 'B' });
        assert.equal(notKey.status, 404);
        assert.deepEqual(notKey.body, [
            { message: 'Provided external ID field does not exist or is not accessible: Title', errorCode: 'NOT_FOUND' }
        ]);
    });

    test('unknown objects and resources answer 404 NOT_FOUND; wrong methods 405', async () => {
        const token = t.admin.accessToken;
        assert.deepEqual((await call(t.origin, token, 'POST', `${V}/sobjects/Bogus__c`, { Name: 'x' })).body, [
            { message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }
        ]);
        assert.equal((await call(t.origin, token, 'GET', `${V}/nothing/here`)).status, 404);
        const wrongMethod = await call(t.origin, token, 'PUT', `${V}/sobjects/Account`, {});
        assert.equal(wrongMethod.status, 405);
        assert.equal((wrongMethod.body as { errorCode: string }[])[0].errorCode, 'METHOD_NOT_ALLOWED');
    });
});

describe('bad input never corrupts data or crashes the server', () => {
    test('malformed JSON is a JSON_PARSER_ERROR and writes nothing', async () => {
        const before = rows(t.org, 'SELECT COUNT(*) n FROM Account')[0].n;
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, '{"Name": "x",');
        assert.equal(response.status, 400);
        assert.equal((response.body as { errorCode: string }[])[0].errorCode, 'JSON_PARSER_ERROR');
        const wrongShape = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, '[1,2]');
        assert.equal((wrongShape.body as { errorCode: string }[])[0].errorCode, 'JSON_PARSER_ERROR');
        assert.equal(rows(t.org, 'SELECT COUNT(*) n FROM Account')[0].n, before);
    });

    test('a body over the limit gets 413 and the server keeps answering', async () => {
        const huge = JSON.stringify({ Name: 'x', Description: 'y'.repeat(21 * 1024 * 1024) });
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, huge).catch(
            (error: unknown) => error
        );
        if (!(response instanceof Error)) {
            assert.equal((response as { status: number }).status, 413);
            assert.equal((response as { body: { errorCode: string }[] }).body[0].errorCode, 'REQUEST_ENTITY_TOO_LARGE');
        }
        assert.equal((await call(t.origin, t.admin.accessToken, 'GET', `${V}/limits`)).status, 200);
    });

    test('SQL-looking values are stored as text, verbatim', async () => {
        const name = `Robert'); DROP TABLE "Account"; --`;
        const { id } = (
            await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
                Name: name,
                Description: "' OR 1=1 --"
            })
        ).body as { id: string };
        const fetched = (
            await call(t.origin, t.admin.accessToken, 'GET', `${V}/sobjects/Account/${id}?fields=Name,Description`)
        ).body as Record<string, unknown>;
        assert.equal(fetched.Name, name);
        assert.equal(fetched.Description, "' OR 1=1 --");
        const keyed = await call(
            t.origin,
            t.admin.accessToken,
            'GET',
            `${V}/sobjects/Contact/Email/${encodeURIComponent("x' OR '1'='1")}`
        );
        assert.equal(keyed.status, 404);
    });

    test('unknown fields are INVALID_FIELD with Salesforce’s message', async () => {
        const response = await call(t.origin, t.admin.accessToken, 'POST', `${V}/sobjects/Account`, {
            Name: 'x',
            Bogus__c: 1
        });
        assert.deepEqual(response.body, [
            { message: "No such column 'Bogus__c' on sobject of type Account", errorCode: 'INVALID_FIELD' }
        ]);
    });
});
