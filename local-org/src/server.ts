/**
 * The HTTP face of local-org, with Salesforce's URL layout on one origin. Every API call is authenticated by its
 * access token and runs in one SQLite transaction; errors have Salesforce's bodies and status codes.
 */
import { autoAssignHeader, type AssignmentChoice } from './assignmentRules.ts';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, notFound, notSupported } from './errors.ts';
import { handleSoap } from './metadata/soapApi.ts';
import { handlePartnerSoap, PARTNER_SOAP_PATH } from './partner/partnerSoap.ts';
import { webToCase } from './webToCase.ts';
import { handleBulkV1 } from './bulk/v1.ts';
import { postDeployRequest, restDeployRoutes } from './metadata/restDeploy.ts';
import { oauthToken, redeemFrontdoorOtp, singleAccess } from './oauth.ts';
import type { LocalOrg } from './org.ts';
import { RollbackWithResponse } from './rest/batch.ts';
import { bulkRoutes } from './rest/bulk.ts';
import { collectionRoutes } from './rest/collections.ts';
import { compositeRoutes } from './rest/composite.ts';
import { graphqlRoutes } from './graphql/index.ts';
import { DAILY_API_REQUESTS, identity, limitsRoute, resources, userInfo, versions } from './rest/meta.ts';
import { QueryCursors, queryRoutes } from './rest/query.ts';
import { listViewActionRoutes } from './rest/listViewActions.ts';
import { listViewRoutes } from './rest/listViews.ts';
import {
    FLOW_INTERVIEWS_PATH,
    FlowInterviews,
    flowInterviewRoutes,
    MAX_INTERVIEW_BODY_BYTES
} from './rest/flowInterviews.ts';
import { lookupRoutes } from './rest/lookups.ts';
import { recentRoutes } from './rest/recent.ts';
import { sobjectRoutes } from './rest/sobjects.ts';
import { treeRoutes } from './rest/tree.ts';
import { uiApiRoutes } from './rest/uiApi.ts';
import { toolingRoutes } from './tooling/sourceMembers.ts';
import { json, type RestRequest, type RestResponse, type Route } from './rest/types.ts';

/** Salesforce refuses REST bodies past a few tens of MB; a bound keeps one request from exhausting memory. */
export const MAX_BODY_BYTES = 20 * 1024 * 1024;
/** A Bulk API 2.0 upload may carry 150 MB of base64 content, i.e. about 100 MB of CSV. */
export const MAX_BULK_UPLOAD_BYTES = 100 * 1024 * 1024;
/** A Metadata API deploy takes a 39 MB zip, base64 inside the SOAP envelope. */
export const MAX_SOAP_BYTES = 55 * 1024 * 1024;

const BULK_UPLOAD_PATH = /^\/services\/data\/v\d+\.\d+\/jobs\/ingest\/[^/]+\/batches\/?$/;
/** REST Metadata deploy's POST (metadata/restDeploy.ts): a multipart body with the zip, deployed asynchronously. */
const DEPLOY_REQUEST_PATH = /^\/services\/data\/v(\d+\.\d+)\/metadata\/deployRequest$/;
/** Bulk API 1.0 (bulk/v1.ts), with its own session header and XML errors. */
const BULK_V1_PATH = /^\/services\/async\/(\d+\.\d+)(\/.*)?$/;
const SOAP_PATH = /^\/services\/Soap\/m\/\d+\.\d+(\/[A-Za-z0-9]+)?$/;

/**
 * REST writes run the assignment rules `Sforce-Auto-Assign` asks for, TRUE when absent (assignmentRules.ts). UI API
 * and GraphQL document no such header: their writes run none.
 */
function restAssignment(method: string, path: string, header: string | string[] | undefined): AssignmentChoice {
    // Reads write nothing: the header matters (and is checked) only on requests that may write.
    if (method === 'GET' || method === 'HEAD' || /^\/(graphql|ui-api)(\/|$)/.test(path)) return { kind: 'none' };
    return autoAssignHeader(Array.isArray(header) ? header[0] : header);
}

function bodyLimit(method: string | undefined, path: string): number {
    if (method === 'PUT' && BULK_UPLOAD_PATH.test(path)) return MAX_BULK_UPLOAD_BYTES;
    if (method === 'POST' && (SOAP_PATH.test(path) || DEPLOY_REQUEST_PATH.test(path))) return MAX_SOAP_BYTES;
    if (FLOW_INTERVIEWS_PATH.test(path)) return MAX_INTERVIEW_BODY_BYTES;
    return MAX_BODY_BYTES;
}
const JSON_TYPE = 'application/json;charset=UTF-8';

class BodyTooLarge extends Error {
    constructor(readonly limit: number) {
        super(`body over ${limit} bytes`);
    }
}

interface Incoming {
    method: string;
    path: string;
    query: URLSearchParams;
    headers: Record<string, string | undefined>;
    rawBody: Buffer;
}

export interface OrgServer {
    server: http.Server;
    origin: string;
    close(): Promise<void>;
}

function sessionExpired(): RestResponse {
    return json(401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
}

/** `//services/data` (the sf CLI's instance URL ends in a slash) is `/services/data`; never parsed as a host. */
function splitTarget(target: string): { path: string; query: URLSearchParams } {
    const [rawPath, rawQuery = ''] = target.split('?', 2);
    const path = rawPath.replace(/\/{2,}/g, '/').replace(/(.)\/$/, '$1');
    return { path, query: new URLSearchParams(rawQuery) };
}

function decodePath(path: string): string {
    try {
        return decodeURIComponent(path);
    } catch {
        throw notFound();
    }
}

export class RestApi {
    private readonly routes: Route[];
    private apiRequests = 0;

    constructor(readonly org: LocalOrg) {
        const cursors = new QueryCursors();
        this.routes = [
            ...listViewRoutes,
            ...listViewActionRoutes,
            ...lookupRoutes,
            ...sobjectRoutes,
            ...queryRoutes(cursors),
            ...recentRoutes,
            ...collectionRoutes,
            ...treeRoutes,
            ...bulkRoutes(org),
            ...graphqlRoutes,
            ...uiApiRoutes,
            ...toolingRoutes,
            ...restDeployRoutes,
            ...flowInterviewRoutes(new FlowInterviews()),
            ...compositeRoutes((request) => this.dispatchCaught(request)),
            limitsRoute(() => this.apiRequests)
        ];
    }

    /** Bulk API 1.0 calls count against the same daily allocation ("Each HTTP request counts as one call"). */
    countApiRequest(): void {
        this.apiRequests += 1;
    }

    get apiUsage(): number {
        return this.apiRequests;
    }

    handle(incoming: Incoming, origin: string): RestResponse {
        const { path } = incoming;
        if (path === '/services/data') return json(200, versions());
        const token = this.token(incoming);
        const userId = token ? this.org.userIdForToken(token) : undefined;
        const versioned = /^\/services\/data\/v(\d+\.\d+)(\/.*)?$/.exec(path);
        const known =
            versioned ||
            path === '/services/oauth2/userinfo' ||
            path === '/services/oauth2/singleaccess' ||
            path.startsWith('/id/');
        if (!known) return json(404, [notFound().toRestError()]);
        if (!userId) return sessionExpired();
        this.apiRequests += 1;
        const ctx = this.org.context(userId, versioned?.[1] ?? '51.0');
        if (path === '/services/oauth2/userinfo') return json(200, userInfo(origin, this.org, ctx));
        if (path.startsWith('/id/')) return json(200, identity(origin, this.org, ctx));
        if (path === '/services/oauth2/singleaccess') {
            return json(200, singleAccess(this.org, userId, origin, incoming.query.get('redirect_uri')));
        }
        if (!versioned![2]) return json(200, resources(origin, this.org, ctx));
        const request: RestRequest = {
            method: incoming.method,
            path: decodePath(versioned![2]),
            params: [],
            query: incoming.query,
            headers: incoming.headers,
            body: undefined,
            ctx,
            org: this.org,
            origin
        };
        try {
            ctx.assignment = restAssignment(incoming.method, versioned![2], incoming.headers['sforce-auto-assign']);
            // Route first: a resource local-org does not serve is refused by its name whatever its body's type.
            const handler = this.route(request);
            request.body = parseBody(incoming);
            return this.org.db.transaction(() => handler(request))();
        } catch (error) {
            if (error instanceof RollbackWithResponse) return error.response;
            if (error instanceof ApiError) return errorResponse(error);
            throw error;
        }
    }

    /** POST metadata/deployRequest: routed before the body is parsed (it is multipart), and deployed asynchronously. */
    async handleDeployRequest(incoming: Incoming, version: string, origin: string): Promise<RestResponse> {
        const token = this.token(incoming);
        const userId = token ? this.org.userIdForToken(token) : undefined;
        if (!userId) return sessionExpired();
        this.apiRequests += 1;
        const ctx = this.org.context(userId, version);
        try {
            return await postDeployRequest(
                this.org,
                ctx,
                incoming.rawBody,
                incoming.headers['content-type'] ?? '',
                origin
            );
        } catch (error) {
            if (error instanceof ApiError) return errorResponse(error);
            throw error;
        }
    }

    /**
     * The access token: the Authorization header everywhere, and `oauth_token` in the query only for the Identity
     * URL, the one resource Salesforce documents it for ("You can use the access token in an authorization request
     * header or a request with the oauth_token parameter", Mobile SDK guide, "Using Identity URLs"). Elsewhere a
     * token in the URL ends up in logs and browser history, and Salesforce's REST API documents only the header.
     */
    private token(incoming: Incoming): string | undefined {
        const header = incoming.headers.authorization;
        const bearer = header && /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1];
        if (bearer) return bearer;
        return incoming.path.startsWith('/id/') ? (incoming.query.get('oauth_token') ?? undefined) : undefined;
    }

    /** Routes a request; ApiErrors propagate so the caller's transaction rolls back. */
    dispatch(request: RestRequest): RestResponse {
        return this.route(request)(request);
    }

    /** The handler for a request's method and path (its params filled in), or the error that refuses it. */
    private route(request: RestRequest): (request: RestRequest) => RestResponse {
        const candidates = this.routes.filter((route) => route.pattern.test(request.path));
        if (candidates.length === 0) {
            if (
                /^\/(tooling|search|parameterizedSearch|recent|tabs|theme|actions|analytics|chatter|connect|apexrest|metadata)(\/|$)/.test(
                    request.path
                )
            ) {
                throw new ApiError(
                    404,
                    'NOT_FOUND',
                    `The requested resource does not exist: ${request.path.split('/').slice(1, 3).join('/')} is not supported by local-org`
                );
            }
            throw notFound();
        }
        const route = candidates.find((r) => r.method === request.method);
        if (!route) {
            const allowed = [...new Set(candidates.map((r) => r.method))].join(',');
            throw new ApiError(
                405,
                'METHOD_NOT_ALLOWED',
                `HTTP Method '${request.method}' not allowed. Allowed are ${allowed}`
            );
        }
        const params = route.pattern.exec(request.path)!.slice(1);
        return (routed) => route.handler({ ...routed, params });
    }

    /** For composite sub-requests: errors become responses, like over HTTP. */
    private dispatchCaught(request: RestRequest): RestResponse {
        try {
            return this.dispatch(request);
        } catch (error) {
            if (error instanceof ApiError) return errorResponse(error);
            throw error;
        }
    }
}

function errorResponse(error: ApiError): RestResponse {
    if (error.status === 300 && 'urls' in error) return json(300, (error as ApiError & { urls: string[] }).urls);
    return json(error.status, [error.toRestError()]);
}

/**
 * Salesforce's REST API reads JSON and XML bodies ("The request body can contain JSON or XML", REST API Developer
 * Guide); any other media type answers 415 UNSUPPORTED_MEDIA_TYPE with "MediaType of '<type>' is not supported by
 * this resource". CSV is Bulk API 2.0's upload and passes through as bytes.
 */
function parseBody(incoming: Incoming): unknown {
    const mediaType = (incoming.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType === 'text/csv') return incoming.rawBody;
    if (incoming.rawBody.length === 0) return undefined;
    if (mediaType === 'application/xml' || mediaType === 'text/xml') throw notSupported('XML request bodies');
    if (mediaType !== '' && mediaType !== 'application/json') {
        throw new ApiError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            `MediaType of '${mediaType}' is not supported by this resource`
        );
    }
    const text = decodeUtf8(incoming.rawBody);
    checkNesting(incoming.rawBody);
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `Unexpected character in the request body: ${(error as Error).message}`
        );
    }
}

/** Where a byte offset of the body is, as Salesforce's JSON parser errors say it: `[line:1, column:12]`. */
function position(body: Buffer, offset: number): string {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i += 1) {
        if (body[i] === 0x0a) {
            line += 1;
            lineStart = i + 1;
        }
    }
    return `[line:${line}, column:${offset - lineStart + 1}]`;
}

/**
 * Bytes that are not UTF-8 are refused, as Salesforce's parser refuses them ("Invalid UTF-8 start byte 0xff"),
 * instead of being replaced by U+FFFD and saved.
 */
function decodeUtf8(body: Buffer): string {
    try {
        return new TextDecoder('utf-8', { fatal: true }).decode(body);
    } catch {
        const { offset, kind } = firstInvalidUtf8(body);
        const hex = body[offset].toString(16).padStart(2, '0');
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `Invalid UTF-8 ${kind} byte 0x${hex} at ${position(body, offset)}`
        );
    }
}

function firstInvalidUtf8(body: Buffer): { offset: number; kind: 'start' | 'middle' } {
    let i = 0;
    while (i < body.length) {
        const byte = body[i];
        const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte < 0xe0 ? 2 : byte >= 0xe0 && byte < 0xf0 ? 3 : 4;
        if (byte >= 0x80 && (byte < 0xc2 || byte > 0xf4)) return { offset: i, kind: 'start' };
        for (let k = 1; k < length; k += 1) {
            if (i + k >= body.length || (body[i + k] & 0xc0) !== 0x80) return { offset: i + k, kind: 'middle' };
        }
        i += length;
    }
    return { offset: Math.max(0, body.length - 1), kind: 'middle' };
}

/**
 * Salesforce's JSON parser (Jackson) stops at 1000 levels of nesting; deeper documents are refused before parsing,
 * so no handler recurses through 100,000 levels.
 */
export const MAX_JSON_DEPTH = 1000;

function checkNesting(body: Buffer): void {
    let depth = 0;
    let inString = false;
    for (let i = 0; i < body.length; i += 1) {
        const byte = body[i];
        if (inString) {
            if (byte === 0x5c) i += 1;
            else if (byte === 0x22) inString = false;
        } else if (byte === 0x22) {
            inString = true;
        } else if (byte === 0x5b || byte === 0x7b) {
            depth += 1;
            if (depth > MAX_JSON_DEPTH) {
                throw new ApiError(
                    400,
                    'JSON_PARSER_ERROR',
                    `Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_JSON_DEPTH}) at ${position(body, i)}`
                );
            }
        } else if (byte === 0x5d || byte === 0x7d) {
            depth -= 1;
        }
    }
}

function readBody(req: http.IncomingMessage, limit: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        req.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > limit) {
                reject(new BodyTooLarge(limit));
                req.pause();
                return;
            }
            chunks.push(chunk);
        });
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}

function send(res: http.ServerResponse, response: RestResponse, apiUsage: number): void {
    const headers: Record<string, string> = {
        'Sforce-Limit-Info': `api-usage=${apiUsage}/${DAILY_API_REQUESTS}`,
        ...response.headers
    };
    if (response.body === undefined || response.status === 204) {
        res.writeHead(response.status, headers).end();
        return;
    }
    if (Buffer.isBuffer(response.body)) return void res.writeHead(response.status, headers).end(response.body);
    res.writeHead(response.status, { 'Content-Type': JSON_TYPE, ...headers }).end(JSON.stringify(response.body));
}

/**
 * Serves web pages beside the APIs (the preview's `/lightning/...` pages); resolves false for paths it does not
 * serve. Given by whoever starts the server, so local-org itself knows nothing about the preview.
 */
export type PageHook = (
    request: {
        method: string;
        path: string;
        query: URLSearchParams;
        headers: Record<string, string | undefined>;
        /** The request body as text (a page's form post). */
        body: string;
    },
    res: http.ServerResponse,
    origin: string
) => Promise<boolean>;

/**
 * How long an idle keep-alive connection stays open. Node's default is 5 s, so a client that pauses longer between
 * calls (jsforce polling, a script doing work between requests) reuses a socket the server is closing and gets
 * "socket hang up". Salesforce documents no idle timeout; integrators observe its servers resetting connections
 * idle for about a minute (WSO2 Synapse's ConnectionTimeoutConfiguration, written for Salesforce endpoints), so
 * local-org keeps them 60 s. headersTimeout must exceed it, or Node cuts a reused connection's next request short.
 */
const KEEP_ALIVE_MS = 60_000;

export function startServer(org: LocalOrg, port: number, host = '127.0.0.1', pages?: PageHook): Promise<OrgServer> {
    const api = new RestApi(org);
    const server = http.createServer((req, res) => {
        void handleHttp(api, req, res, originOf(server, host), pages);
    });
    server.keepAliveTimeout = KEEP_ALIVE_MS;
    server.headersTimeout = KEEP_ALIVE_MS + 5_000;
    return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
            server.off('error', reject);
            const origin = originOf(server, host);
            resolve({ server, origin, close: () => new Promise((done) => server.close(() => done())) });
        });
    });
}

function originOf(server: http.Server, host: string): string {
    const address = server.address() as AddressInfo | null;
    return `http://${host}:${address?.port ?? 0}`;
}

async function handleHttp(
    api: RestApi,
    req: http.IncomingMessage,
    res: http.ServerResponse,
    origin: string,
    pages?: PageHook
): Promise<void> {
    try {
        const { path, query } = splitTarget(req.url ?? '/');
        const headers = Object.fromEntries(
            Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v])
        );
        let rawBody: Buffer;
        try {
            rawBody = await readBody(req, bodyLimit(req.method, path));
        } catch (error) {
            if (!(error instanceof BodyTooLarge)) throw error;
            res.setHeader('Connection', 'close');
            send(
                res,
                json(413, [
                    {
                        message: `The request body is larger than the ${error.limit / 1024 / 1024} MB limit.`,
                        errorCode: 'REQUEST_ENTITY_TOO_LARGE'
                    }
                ]),
                api.apiUsage
            );
            req.destroy();
            return;
        }
        if (req.method === 'POST' && SOAP_PATH.test(path)) {
            const reply = await handleSoap(api.org, rawBody.toString('utf8'));
            res.writeHead(reply.status, { 'Content-Type': 'text/xml;charset=UTF-8' }).end(reply.body);
            return;
        }
        const partner = req.method === 'POST' ? PARTNER_SOAP_PATH.exec(path) : null;
        if (partner) {
            api.countApiRequest();
            const reply = handlePartnerSoap(api.org, partner[1], rawBody.toString('utf8'));
            res.writeHead(reply.status, { 'Content-Type': 'text/xml;charset=UTF-8' }).end(reply.body);
            return;
        }
        const bulkV1 = BULK_V1_PATH.exec(path);
        if (bulkV1) {
            api.countApiRequest();
            const reply = handleBulkV1(api.org, {
                method: req.method ?? 'GET',
                version: bulkV1[1],
                path: bulkV1[2] ?? '',
                headers,
                rawBody
            });
            send(
                res,
                {
                    status: reply.status,
                    body: Buffer.from(reply.body, 'utf8'),
                    headers: { 'Content-Type': reply.contentType }
                },
                api.apiUsage
            );
            return;
        }
        if (req.method === 'POST' && path === '/services/oauth2/token') {
            const reply = api.org.db.transaction(() => oauthToken(api.org, rawBody.toString('utf8'), origin))();
            res.writeHead(reply.status, { 'Content-Type': JSON_TYPE }).end(JSON.stringify(reply.body));
            return;
        }
        if (req.method === 'POST' && path === '/servlet/servlet.WebToCase') {
            const reply = webToCase(api.org, rawBody.toString('utf8'));
            // Salesforce emails this to the admin; local-org has no email, so its log is where the admin looks.
            if (reply.notification) console.warn(`local-org: ${reply.notification}`);
            res.writeHead(reply.status, { 'Content-Type': reply.contentType }).end(reply.body);
            return;
        }
        if (path === '/secur/frontdoor.jsp' && query.has('otp')) {
            // A UI Bridge frontdoor URL: its one-time password becomes a new session for the pages' frontdoor.
            const token = api.org.db.transaction(() => redeemFrontdoorOtp(api.org, query.get('otp')!))();
            query.delete('otp');
            query.set('sid', token ?? '');
        }
        const deployRequest = DEPLOY_REQUEST_PATH.exec(path);
        if (req.method === 'POST' && deployRequest) {
            const incoming = { method: 'POST', path, query, headers, rawBody };
            send(res, await api.handleDeployRequest(incoming, deployRequest[1], origin), api.apiUsage);
            return;
        }
        const page = { method: req.method ?? 'GET', path, query, headers, body: rawBody.toString('utf8') };
        if (pages && (await pages(page, res, origin))) return;
        send(res, api.handle({ method: req.method ?? 'GET', path, query, headers, rawBody }, origin), api.apiUsage);
    } catch (error) {
        // A bug, not a client error: say so without leaking internals, and keep serving.
        const errorId = Date.now().toString(36);
        console.error(`local-org: unexpected error ${errorId} for ${req.method} ${req.url}:`, error);
        if (!res.headersSent) {
            send(
                res,
                json(500, [
                    {
                        message: `An unexpected error occurred. Please include this ErrorId if you contact support: ${errorId}`,
                        errorCode: 'UNKNOWN_EXCEPTION'
                    }
                ]),
                api.apiUsage
            );
        }
    }
}
