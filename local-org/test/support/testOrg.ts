/** A fresh in-memory local-org on an ephemeral port, and a small client for its REST API. */
import { LocalOrg, type OpenOptions, type OrgUser } from '../../src/org.ts';
import { startServer } from '../../src/server.ts';

export interface TestOrg {
    org: LocalOrg;
    origin: string;
    admin: OrgUser;
    agent: OrgUser;
    viewer: OrgUser;
    close(): Promise<void>;
}

export async function startTestOrg(options: OpenOptions = {}): Promise<TestOrg> {
    return serveTestOrg(LocalOrg.open(':memory:', options));
}

/** Serves an org already opened (a copy of a readied org, see deployedOrg.ts) the way startTestOrg serves a new one. */
export async function serveTestOrg(org: LocalOrg): Promise<TestOrg> {
    const running = await startServer(org, 0);
    const [admin, agent, viewer] = org.users();
    return {
        org,
        origin: running.origin,
        admin,
        agent,
        viewer,
        async close() {
            await running.close();
            org.close();
        }
    };
}

export interface ApiResponse {
    status: number;
    headers: Headers;
    body: unknown;
}

export async function call(
    origin: string,
    token: string | undefined,
    method: string,
    path: string,
    body?: unknown
): Promise<ApiResponse> {
    const response = await fetch(origin + path, {
        method,
        headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
    });
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

/** Rows of a table straight from the database, for asserting what a call left behind. */
export function rows(org: LocalOrg, sql: string, ...params: unknown[]): Record<string, unknown>[] {
    return org.db.prepare(sql).all(...params) as Record<string, unknown>[];
}
