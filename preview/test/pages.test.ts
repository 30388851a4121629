/**
 * The page handler local-org runs for the preview: sign-in through the `sid` cookie (switcher, frontdoor, login
 * page), the public web form, and static files that never leave their folder.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import http from 'node:http';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LocalOrg } from '../../local-org/src/org.ts';
import { startServer, type OrgServer } from '../../local-org/src/server.ts';
import { previewPages } from '../server/pages.ts';
import { hostAllowed, sameOriginPath, sessionTokenFromCookie } from '../server/requestGuards.ts';

let org: LocalOrg;
let server: OrgServer;
let dist: string;

before(async () => {
    dist = await mkdtemp(join(tmpdir(), 'preview-dist-'));
    await writeFile(join(dist, 'main.js'), 'export {};\n');
    org = LocalOrg.open(':memory:');
    server = await startServer(org, 0, '127.0.0.1', previewPages(org, { distDir: dist }));
});
after(async () => {
    await server.close();
    org.close();
    await rm(dist, { recursive: true, force: true });
});

function get(path: string, cookie?: string): Promise<Response> {
    return fetch(server.origin + path, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
}

describe('sign-in', () => {
    test('a page without a session redirects to the login page, which offers each user', async () => {
        const response = await get('/lightning/o/Case/list');
        assert.equal(response.status, 302);
        assert.equal(response.headers.get('location'), '/preview/login?retURL=%2Flightning%2Fo%2FCase%2Flist');
        const login = await (await get('/preview/login?retURL=%2Flightning%2Fo%2FCase%2Flist')).text();
        for (const alias of ['admin', 'agent', 'viewer']) {
            assert.ok(login.includes(`/preview/switch?user=${alias}&amp;retURL=%2Flightning%2Fo%2FCase%2Flist`), alias);
        }
    });

    test('the switcher sets sid to the user token and returns only to same-origin paths', async () => {
        const [, agent] = org.users();
        const response = await get(
            '/preview/switch?user=agent&retURL=%2Flightning%2Fr%2FCase%2F500000000000001AAA%2Fview'
        );
        assert.equal(response.status, 302);
        assert.equal(response.headers.get('location'), '/lightning/r/Case/500000000000001AAA/view');
        assert.equal(
            response.headers.get('set-cookie'),
            `sid=${encodeURIComponent(agent.accessToken)}; Path=/; SameSite=Lax`
        );
        const away = await get('/preview/switch?user=agent&retURL=https%3A%2F%2Fexample.com%2F');
        assert.equal(away.headers.get('location'), '/lightning/o/Case/list');
        for (const target of ['//example.com/', '/\\example.com/']) {
            const response = await get(`/preview/switch?user=agent&retURL=${encodeURIComponent(target)}`);
            assert.equal(response.headers.get('location'), '/lightning/o/Case/list', target);
        }
        assert.equal((await get('/preview/switch?user=nobody')).status, 404);
    });

    test('frontdoor.jsp accepts a valid token and refuses an invalid one', async () => {
        const [admin] = org.users();
        const ok = await get(
            `/secur/frontdoor.jsp?sid=${encodeURIComponent(admin.accessToken)}&retURL=%2Flightning%2Fo%2FCase%2Flist`
        );
        assert.equal(ok.status, 302);
        assert.match(ok.headers.get('set-cookie') ?? '', /^sid=/);
        assert.equal((await get('/secur/frontdoor.jsp?sid=00Dxx0000000001!nope')).status, 401);
    });

    test('with a valid sid the page is served with the user and page in its session data', async () => {
        const [, , viewer] = org.users();
        const response = await get('/lightning/o/Case/list', `sid=${encodeURIComponent(viewer.accessToken)}`);
        assert.equal(response.status, 200);
        const html = await response.text();
        const data = JSON.parse(
            /<script type="application\/json" id="preview-session">(.*?)<\/script>/s.exec(html)![1]
        );
        assert.equal(data.userId, viewer.id);
        assert.deepEqual(data.page, { kind: 'list', objectApiName: 'Case' });
        assert.ok(!html.includes(viewer.accessToken), 'tokens never go into the page');
        assert.equal((await get('/lightning/o/Case/list', 'sid=00Dxx0000000001!nope')).status, 302);
    });
});

/** A raw GET, so the test controls every header (Host, Origin, Sec-Fetch-Site) and the exact bytes of the path. */
function rawGet(
    path: string,
    headers: Record<string, string> = {}
): Promise<{ status: number; location?: string; setCookie?: string[] }> {
    const { port } = new URL(server.origin);
    return new Promise((resolve, reject) => {
        const request = http.request(
            { host: '127.0.0.1', port, path, method: 'GET', headers: { Host: `127.0.0.1:${port}`, ...headers } },
            (response) => {
                response.resume();
                response.on('end', () =>
                    resolve({
                        status: response.statusCode ?? 0,
                        location: response.headers.location,
                        setCookie: response.headers['set-cookie']
                    })
                );
            }
        );
        request.on('error', reject);
        request.end();
    });
}

describe('return URLs', () => {
    const origin = 'http://127.0.0.1:4321';

    test('sameOriginPath keeps same-origin paths, normalised as the browser reads them', () => {
        assert.equal(sameOriginPath('/lightning/o/Case/list', origin), '/lightning/o/Case/list');
        assert.equal(sameOriginPath('/lightning/r/Case/x/view?a=1#b', origin), '/lightning/r/Case/x/view?a=1#b');
        assert.equal(sameOriginPath('/a/../lightning/o/Case/list', origin), '/lightning/o/Case/list');
    });

    test('sameOriginPath refuses other origins, control characters and backslashes', () => {
        for (const value of [
            '',
            null,
            'https://evil.example/',
            'lightning/o/Case/list',
            '//evil.example/',
            '/\\evil.example/',
            '/\t/evil.example',
            '/\n/evil.example',
            '/\r\n/evil.example',
            '\t//evil.example',
            '/lightning\r\nSet-Cookie: x=1',
            'javascript:alert(1)'
        ]) {
            assert.equal(sameOriginPath(value, origin), undefined, JSON.stringify(value));
        }
    });

    test('the switcher and frontdoor send a tab, CR or LF return URL home, never to another host', async () => {
        const [admin] = org.users();
        for (const retURL of ['/%09/evil.example', '/%0d%0a/evil.example', '/%0a/evil.example', '%09//evil.example']) {
            for (const path of [
                `/preview/switch?user=agent&retURL=${retURL}`,
                `/secur/frontdoor.jsp?sid=${encodeURIComponent(admin.accessToken)}&retURL=${retURL}`
            ]) {
                const response = await rawGet(path);
                assert.equal(response.status, 302, path);
                assert.equal(response.location, '/lightning/o/Case/list', path);
            }
        }
    });
});

describe('malformed sessions and foreign requests', () => {
    test('a malformed sid cookie is no session: the page asks who to log in as', async () => {
        for (const cookie of ['sid=%E0%A4%A', 'sid=%ZZ', 'sid=%0A', 'sid=caf%C3%A9', 'sid=%00']) {
            const response = await rawGet('/lightning/o/Case/list', { Cookie: cookie });
            assert.equal(response.status, 302, cookie);
            assert.match(response.location ?? '', /^\/preview\/login\?retURL=/, cookie);
        }
        const latin1 = await rawGet('/lightning/o/Case/list', { Cookie: 'sid=\u00e9t\u00e9' });
        assert.equal(latin1.status, 302);
        assert.equal(sessionTokenFromCookie('sid=%E0%A4%A'), undefined);
        assert.equal(sessionTokenFromCookie('other=1; sid=00Dx!abc'), '00Dx!abc');
    });

    test('frontdoor with a malformed sid says the session is invalid', async () => {
        for (const sid of ['%0A', '%E2%80%A8', 'abc%0D%0Adef', '']) {
            assert.equal((await rawGet(`/secur/frontdoor.jsp?sid=${sid}`)).status, 401, sid);
        }
    });

    test('a request naming another host (DNS rebinding) is refused, whatever the page', async () => {
        for (const host of ['evil.example', `evil.example:${new URL(server.origin).port}`, '127.0.0.1:1']) {
            for (const path of ['/preview/switch?user=admin', '/lightning/o/Case/list', '/preview/login']) {
                const response = await rawGet(path, { Host: host });
                assert.equal(response.status, 403, `${host} ${path}`);
                assert.equal(response.setCookie, undefined);
            }
        }
        const port = new URL(server.origin).port;
        assert.ok(hostAllowed(`localhost:${port}`, server.origin));
        assert.equal((await rawGet('/preview/switch?user=admin', { Host: `localhost:${port}` })).status, 302);
    });

    test('the switcher refuses another site: a foreign Origin or a cross-site Sec-Fetch-Site', async () => {
        const foreign: Record<string, string>[] = [
            { Origin: 'http://evil.example' },
            { Origin: 'null' },
            { 'Sec-Fetch-Site': 'cross-site' },
            { 'Sec-Fetch-Site': 'same-site' }
        ];
        for (const headers of foreign) {
            const response = await rawGet('/preview/switch?user=admin', headers);
            assert.equal(response.status, 403, JSON.stringify(headers));
            assert.equal(response.setCookie, undefined);
        }
        const own: Record<string, string>[] = [{ 'Sec-Fetch-Site': 'same-origin' }, { 'Sec-Fetch-Site': 'none' }, {}];
        for (const headers of own) {
            assert.equal((await rawGet('/preview/switch?user=admin', headers)).status, 302, JSON.stringify(headers));
        }
    });
});

describe('web form and files', () => {
    test('the public web form needs force-app deployed (its record type and field ids), and says so', async () => {
        // The deployed form (org id, record type, field ids) is covered by local-org/test/deploy.test.ts and e2e.
        const response = await get('/preview/web-form');
        assert.equal(response.status, 503);
        assert.match(await response.text(), /no Case record type Web_Form: deploy force-app first/);
    });

    test('static files are served from their folder only', async () => {
        const bundle = await get('/preview/dist/main.js');
        assert.equal(bundle.status, 200);
        assert.match(bundle.headers.get('content-type') ?? '', /javascript/);
        assert.equal((await get('/preview/assets/styles/salesforce-lightning-design-system.min.css')).status, 200);
        assert.equal((await get('/preview/dist/..%2F..%2Fpackage.json')).status, 404);
        assert.equal((await get('/preview/dist/../../package.json')).status, 404);
    });

    test('API paths are left to the API', async () => {
        const response = await get('/services/data/v66.0/sobjects');
        assert.equal(response.status, 401);
    });
});

describe('favicon', () => {
    test('/favicon.ico, which browsers ask every page for, is served rather than a 404', async () => {
        const response = await get('/favicon.ico');
        assert.equal(response.status, 200);
        assert.equal(response.headers.get('content-type'), 'image/svg+xml');
        assert.match(await response.text(), /^<svg /);
    });
});
