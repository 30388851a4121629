/**
 * The preview's pages as local-org serves them, on the org's own origin: `/lightning/r/<Object>/<id>/view`,
 * `/lightning/o/<Object>/list`, the user switcher and `/secur/frontdoor.jsp` (both set the `sid` cookie), a public
 * Web-to-Case form, and the built bundle with SLDS. Everything about the org is read through its public APIs
 * with the session's token; the org's admin token is used only for what the Lightning framework itself reads
 * (labels, record pages, the web form's setup).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type http from 'node:http';
import { Connection } from 'jsforce';
import { ScriptError } from '../../scripts/lib/cli.ts';
import { projectRoot } from '../../scripts/lib/project.ts';
import {
    readWebToCaseForm,
    validateWebForm,
    webToCaseFormHtml,
    webToCasePost,
    type WebFormState,
    type WebToCaseForm
} from '../../scripts/lib/webToCaseForm.ts';
import { API_VERSION, pageMetadata, recordPageFor, type AppInfo } from './metadata.ts';
import {
    crossSiteRequest,
    hostAllowed,
    isTokenShaped,
    sameOriginPath,
    sessionTokenFromCookie
} from './requestGuards.ts';

export const distDir = join(projectRoot, 'preview', 'dist');
const sldsDir = join(projectRoot, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
/** The preview's own static files (the favicon browsers ask every page for). */
const appDir = join(projectRoot, 'preview', 'app');

export interface PreviewUser {
    id: string;
    username: string;
    name: string;
    accessToken: string;
}

/**
 * What the preview needs from the org it is served by: its id, its users' sessions (the login service) and the
 * apps each user may see (the App Launcher's list).
 */
export interface PreviewHost {
    orgId: string;
    users(): PreviewUser[];
    visibleApps(userId: string): string[];
}

/**
 * The app a record opens in. On Salesforce that is the user's current app, one they may see; the preview has no
 * App Launcher, so it is the first deployed app the user may see. Salesforce always has standard apps to land in
 * and the preview has only the deployed ones, so a user who may see none of them is shown the first.
 */
function currentApp(apps: AppInfo[], visible: string[]): AppInfo | undefined {
    return apps.find((app) => visible.includes(app.name)) ?? apps[0];
}

export interface PageRequest {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: Record<string, string | undefined>;
    /** The request body as text: the web form's post. */
    body?: string;
}

export type PageHandler = (request: PageRequest, res: http.ServerResponse, origin: string) => Promise<boolean>;

const TYPES: Record<string, string> = {
    '.js': 'text/javascript; charset=utf-8',
    '.map': 'application/json',
    '.css': 'text/css; charset=utf-8',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.woff': 'font/woff',
    '.woff2': 'font/woff2',
    '.html': 'text/html; charset=utf-8'
};

export function aliasOf(username: string): string {
    return username.split('@')[0];
}

function escapeHtml(value: string): string {
    return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const HOME = '/lightning/o/Case/list';

/** Only same-origin paths: a return URL never sends the browser elsewhere; anything else returns home. */
function safeReturn(value: string | null, origin: string): string {
    return sameOriginPath(value, origin) ?? HOME;
}

function html(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): true {
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...headers }).end(
        body
    );
    return true;
}

function redirect(
    res: http.ServerResponse,
    location: string,
    headers: Record<string, string> = {},
    status = 302
): true {
    res.writeHead(status, { Location: location, 'Cache-Control': 'no-store', ...headers }).end();
    return true;
}

function sessionCookie(token: string): string {
    return `sid=${encodeURIComponent(token)}; Path=/; SameSite=Lax`;
}

function staticFile(res: http.ServerResponse, root: string, relative: string): boolean {
    const file = normalize(join(root, relative));
    if (!file.startsWith(root + sep) || !existsSync(file) || !statSync(file).isFile()) return false;
    res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Cache-Control': 'no-cache'
    });
    createReadStream(file).pipe(res);
    return true;
}

async function api(origin: string, token: string, path: string): Promise<{ status: number; body: unknown }> {
    const response = await fetch(`${origin}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

function shellPage(title: string, session: unknown): string {
    const data = JSON.stringify(session).replace(/</g, '\\u003c');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} | Caseline preview</title>
<link rel="stylesheet" href="/preview/assets/styles/salesforce-lightning-design-system.min.css">
</head>
<body class="slds-scope">
<div id="root"></div>
<script type="application/json" id="preview-session">${data}</script>
<script type="module" src="/preview/dist/main.js"></script>
</body>
</html>
`;
}

function loginPage(host: PreviewHost, retURL: string): string {
    const links = host
        .users()
        .map(
            (u) =>
                `<li class="slds-m-bottom_small"><a class="slds-button slds-button_neutral" href="/preview/switch?user=${encodeURIComponent(aliasOf(u.username))}&amp;retURL=${encodeURIComponent(retURL)}">${escapeHtml(u.name)} (${escapeHtml(aliasOf(u.username))})</a></li>`
        )
        .join('');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Log in | Caseline preview</title>
<link rel="stylesheet" href="/preview/assets/styles/salesforce-lightning-design-system.min.css"></head>
<body class="slds-scope"><div class="slds-p-around_large"><h1 class="slds-text-heading_medium slds-m-bottom_medium">Log in to the local org as</h1><ul>${links}</ul></div></body></html>`;
}

const WEB_FORM_PATH = '/preview/web-form';

/**
 * The public web form, written by the same generator as `npm run web-to-case-form` from the org's APIs (field ids
 * through listMetadata, lengths through describe, the Web Form record type's Type values through UI API). Unlike
 * the generated form, which a website pastes in and which posts straight to Salesforce, this page posts to itself:
 * it checks the post on the server (see validateWebForm) and sends a refused one back with the input kept and the
 * errors beside the fields, and only a valid post goes on to Web-to-Case, as the same fields a generated form posts.
 */
async function readWebForm(host: PreviewHost, origin: string): Promise<WebToCaseForm> {
    const admin = host.users()[0];
    const connection = new Connection({ instanceUrl: origin, accessToken: admin.accessToken, version: API_VERSION });
    return readWebToCaseForm(connection, { endpoint: WEB_FORM_PATH });
}

function webFormPage(
    form: WebToCaseForm,
    options: { submitted?: boolean; state?: WebFormState; problem?: string }
): string {
    const thanks = options.submitted
        ? '<div class="slds-notify slds-notify_alert slds-alert_success slds-m-bottom_medium" role="status" data-id="submitted">Thank you: your request has been submitted.</div>'
        : '';
    const errorCount = Object.keys(options.state?.errors ?? {}).length;
    const problem =
        options.problem ??
        (errorCount > 0
            ? `Your request was not sent: correct the ${errorCount === 1 ? 'field' : `${errorCount} fields`} marked below.`
            : undefined);
    const alert = problem
        ? `<div class="slds-notify slds-notify_alert slds-alert_error slds-m-bottom_medium" role="alert" data-id="form-error">${escapeHtml(problem)}</div>`
        : '';
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${problem ? 'Error: ' : ''}Contact us | Caseline preview</title>
<link rel="stylesheet" href="/preview/assets/styles/salesforce-lightning-design-system.min.css"></head>
<body class="slds-scope"><main class="slds-p-around_large" style="max-width: 40rem">
<h1 class="slds-text-heading_large slds-m-bottom_medium">Contact us</h1>
<p class="slds-m-bottom_medium">A public web form: it checks your request, then posts it to the org's Web-to-Case endpoint as a form generated in Setup would.</p>
${thanks}${alert}
${webToCaseFormHtml(form, options.state)}
</main></body></html>`;
}

/** A post to the form: refused with the input kept and the errors beside the fields, or sent on to Web-to-Case. */
async function submitWebForm(
    form: WebToCaseForm,
    origin: string,
    body: string,
    res: http.ServerResponse
): Promise<true> {
    const state = validateWebForm(form, new URLSearchParams(body));
    if (Object.keys(state.errors).length > 0) return html(res, 400, webFormPage(form, { state }));
    const reply = await fetch(`${origin}/servlet/servlet.WebToCase?encoding=UTF-8`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' },
        body: webToCasePost(form, state.values)
    });
    await reply.arrayBuffer();
    if (!reply.ok) {
        // Over the daily limit, say: the submitter keeps the input and may try again; no raw reply is shown.
        const problem = 'Your request could not be sent just now. Please try again later.';
        return html(res, 503, webFormPage(form, { state: { values: state.values }, problem }));
    }
    return redirect(res, `${WEB_FORM_PATH}?submitted=1`, {}, 303);
}

/** The paths the preview serves; everything else is left to local-org's APIs. */
function isPreviewPath(path: string): boolean {
    return (
        path === '/' ||
        path === '/lightning' ||
        path.startsWith('/lightning/') ||
        path.startsWith('/preview/') ||
        path === '/secur/frontdoor.jsp' ||
        path === '/favicon.ico'
    );
}

interface PageSession {
    userId: string;
    users: { id: string; username: string; name: string; alias: string }[];
    labels: Record<string, string>;
    page: { kind: 'record' | 'list'; objectApiName: string; recordId?: string };
    recordPage?: unknown;
}

/** The page handler for local-org; false means "not a preview URL", so the API routes answer it. */
export function previewPages(host: PreviewHost, options: { distDir?: string } = {}): PageHandler {
    const bundleDir = options.distDir ?? distDir;
    return async (request, res, origin) => {
        const { path, query } = request;
        const webFormPost = request.method === 'POST' && path === WEB_FORM_PATH;
        if (request.method !== 'GET' && request.method !== 'HEAD' && !webFormPost) return false;
        if (!isPreviewPath(path)) return false;
        if (!hostAllowed(request.headers.host, origin)) {
            return html(res, 403, '<p>The preview answers only this machine (localhost or 127.0.0.1).</p>');
        }
        if (path.startsWith('/preview/dist/')) return staticFile(res, bundleDir, path.slice('/preview/dist/'.length));
        if (path.startsWith('/preview/assets/')) return staticFile(res, sldsDir, path.slice('/preview/assets/'.length));
        if (path === '/favicon.ico') return staticFile(res, appDir, 'favicon.svg');
        if (path === WEB_FORM_PATH) {
            try {
                const form = await readWebForm(host, origin);
                if (webFormPost) return await submitWebForm(form, origin, request.body ?? '', res);
                return html(res, 200, webFormPage(form, { submitted: query.has('submitted') }));
            } catch (error) {
                // The org has no web form yet (force-app not deployed): say so instead of failing the request.
                if (!(error instanceof ScriptError)) throw error;
                return html(res, 503, `<p>${escapeHtml(error.message)}</p>`);
            }
        }
        if (path === '/preview/login') return html(res, 200, loginPage(host, safeReturn(query.get('retURL'), origin)));
        if (path === '/preview/switch') {
            // It signs the browser in as anyone: only from the preview's own pages or a typed URL, never another site.
            if (crossSiteRequest(request.headers, origin)) {
                return html(res, 403, '<p>The user switcher answers only the preview’s own pages.</p>');
            }
            const alias = query.get('user') ?? '';
            const user = host.users().find((u) => aliasOf(u.username) === alias || u.username === alias);
            if (!user) return html(res, 404, `<p>No user ${escapeHtml(alias)} in this org.</p>`);
            return redirect(res, safeReturn(query.get('retURL'), origin), {
                'Set-Cookie': sessionCookie(user.accessToken)
            });
        }
        if (path === '/secur/frontdoor.jsp') {
            const token = query.get('sid');
            const valid =
                isTokenShaped(token) && (await api(origin, token, '/services/oauth2/userinfo')).status === 200;
            if (!valid) return html(res, 401, '<p>The session is invalid or has expired.</p>');
            return redirect(res, safeReturn(query.get('retURL'), origin), {
                'Set-Cookie': sessionCookie(token)
            });
        }
        if (path === '/' || path === '/lightning' || path === '/lightning/page/home') {
            return redirect(res, HOME);
        }
        const record = /^\/lightning\/r\/(\w+)\/(\w{15,18})\/view$/.exec(path);
        const list = /^\/lightning\/o\/(\w+)\/list$/.exec(path);
        if (!record && !list && !path.startsWith('/lightning/')) return false;
        if (!existsSync(join(bundleDir, 'main.js'))) {
            return html(res, 503, '<p>The preview is not built: run <code>npm run preview:build</code>.</p>');
        }
        const here = path + (query.size ? `?${query}` : '');
        const token = sessionTokenFromCookie(request.headers.cookie);
        const info = token ? await api(origin, token, '/services/oauth2/userinfo') : undefined;
        if (!token || info?.status !== 200) return redirect(res, `/preview/login?retURL=${encodeURIComponent(here)}`);
        const admin = host.users()[0];
        const metadata = await pageMetadata(origin, admin.accessToken);
        const session: PageSession = {
            userId: (info!.body as { user_id: string }).user_id,
            users: host
                .users()
                .map((u) => ({ id: u.id, username: u.username, name: u.name, alias: aliasOf(u.username) })),
            labels: metadata.labels,
            page: record
                ? { kind: 'record', objectApiName: record[1], recordId: record[2] }
                : { kind: 'list', objectApiName: list ? list[1] : 'Case' }
        };
        if (record) {
            const app = currentApp(metadata.apps, host.visibleApps(session.userId));
            session.recordPage = recordPageFor(metadata, app, record[1]) ?? { name: null, actions: [], components: [] };
        }
        if (!record && !list) return html(res, 404, shellPage('Not found', { ...session, page: { kind: 'unknown' } }));
        return html(res, 200, shellPage(record ? `${record[1]} ${record[2]}` : `${list![1]} list`, session));
    };
}
