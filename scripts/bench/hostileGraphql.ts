/**
 * A hostile GraphQL client against a running org: the fragment query of issue 16 (28 fragments, each spreading the
 * one before it twice: 1.8 KB that written out selects 2^29 fields) sent as the read-only viewer, while the admin
 * keeps calling `GET /limits` one call after another (after one ordinary query, so that the viewer's schema is
 * already built). Reports how long the org took to refuse the query and the
 * longest any of those concurrent calls waited. The org must answer the query with an error (it is refused before
 * it runs, see local-org/src/graphql/limits.ts); an answer with data is reported as not refused.
 */
import { elapsed } from './stats.ts';

const API = '/services/data/v66.0';
export const FRAGMENT_LEVELS = 28;

export interface HostileGraphqlResult {
    /** From sending the query to its answer. */
    refusedWithinMs: number;
    /** The longest a concurrent `GET /limits` waited while the query was in flight. */
    concurrentLimitsWaitMs: number;
    /** The first error message of the answer, or null when the org answered the query instead of refusing it. */
    refusal: string | null;
}

/** `levels` fragments, each spreading the one before it twice. */
export function fragmentQuery(levels = FRAGMENT_LEVELS): string {
    const fragments = ['fragment F0 on Account { Name { value } }'];
    for (let i = 1; i <= levels; i++) fragments.push(`fragment F${i} on Account { ...F${i - 1} ...F${i - 1} }`);
    return `query { uiapi { query { Account { edges { node { ...F${levels} } } } } } } ${fragments.join(' ')}`;
}

async function request(orgUrl: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(orgUrl + path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as unknown;
}

export async function measureHostileGraphql(
    orgUrl: string,
    viewerToken: string,
    adminToken: string
): Promise<HostileGraphqlResult> {
    // The viewer's first GraphQL call builds their schema (a cold start whatever the query): not measured.
    await request(orgUrl, viewerToken, 'POST', `${API}/graphql`, {
        query: '{ uiapi { query { Account(first: 1) { totalCount } } } }'
    });
    let refusedWithinMs: number | undefined;
    const started = performance.now();
    const hostile = request(orgUrl, viewerToken, 'POST', `${API}/graphql`, { query: fragmentQuery() }).finally(() => {
        refusedWithinMs = elapsed(started);
    });
    let concurrentLimitsWaitMs = 0;
    do {
        const sent = performance.now();
        await request(orgUrl, adminToken, 'GET', `${API}/limits`);
        concurrentLimitsWaitMs = Math.max(concurrentLimitsWaitMs, elapsed(sent));
    } while (refusedWithinMs === undefined);
    const answer = (await hostile) as { errors?: { message?: string }[] };
    return {
        refusedWithinMs,
        concurrentLimitsWaitMs,
        refusal: answer.errors?.[0]?.message ?? null
    };
}
