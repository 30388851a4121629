/**
 * The "hostile client" section of `npm run bench` (issue 16): what one careless or hostile signed-in user can make the
 * server do, and how long a normal request (`GET /limits`) waits behind it meanwhile. Each hostile call must be
 * refused or answered within Salesforce's limits; the wait is reported against the 100 ms target, not asserted.
 */
import type { LocalOrg } from '../../local-org/src/org.ts';
import type { OrgServer } from '../../local-org/src/server.ts';
import { rawInsertAccounts, withOrgFile } from './bulkIngest.ts';
import { FRAGMENT_LEVELS, measureHostileGraphql } from './hostileGraphql.ts';
import { elapsed, median, percentile } from './stats.ts';

const V = '/services/data/v66.0';
/** A normal request must not wait longer than this behind a hostile one (issue 16), reported, not asserted. */
export const NORMAL_WAIT_TARGET_MS = 100;

export interface WaitFigures {
    /** Null when the measurement only kept the longest wait. */
    samples: number | null;
    p50Ms: number | null;
    p95Ms: number | null;
    maxMs: number;
}

export interface HostileCase {
    name: string;
    /** What the server answered: the HTTP status and, for refusals, the error code. */
    answer: string;
    /** Whether the answer is within Salesforce's limits (a refusal with its error, or a bounded success). */
    withinLimits: boolean;
    hostileMs: number;
    limitsWait: WaitFigures;
}

export interface HostileFigures {
    rows: number;
    /** `GET /limits` with nothing else running: what the waits below compare with (it counts every table's rows). */
    limitsAlone: WaitFigures;
    cases: HostileCase[];
    /** Resident memory before and after the repeated big query, in MB. */
    rssBeforeMb: number;
    rssAfterMb: number;
}

interface Reply {
    status: number;
    body: unknown;
}

async function request(server: OrgServer, token: string, method: string, path: string, body?: string): Promise<Reply> {
    const response = await fetch(server.origin + path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

function errorCode(reply: Reply): string {
    const first = Array.isArray(reply.body) ? (reply.body[0] as { errorCode?: string } | undefined) : undefined;
    return first?.errorCode ? `${reply.status} ${first.errorCode}` : String(reply.status);
}

function waits(samples: number[]): WaitFigures {
    return {
        samples: samples.length,
        p50Ms: median(samples),
        p95Ms: percentile(samples, 95),
        maxMs: Math.max(...samples)
    };
}

/** Runs the hostile call while another caller keeps asking for `/limits`, timing each of those. */
async function beside<T>(
    server: OrgServer,
    token: string,
    hostile: () => Promise<T>
): Promise<{ result: T; hostileMs: number; limitsWait: WaitFigures }> {
    const samples: number[] = [];
    let finished = false;
    const start = performance.now();
    const running = hostile().finally(() => {
        finished = true;
    });
    // At least one sample, taken while the hostile call is in flight.
    do {
        const asked = performance.now();
        await request(server, token, 'GET', `${V}/limits`);
        samples.push(elapsed(asked));
    } while (!finished);
    const result = await running;
    return { result, hostileMs: elapsed(start), limitsWait: waits(samples) };
}

function rssMb(): number {
    return Math.round(process.memoryUsage().rss / 2 ** 20);
}

/** A composite call nested `levels` deep, written as text (JSON.stringify overflows its own stack on it). */
function nestedComposite(levels: number): string {
    let body = JSON.stringify({
        compositeRequest: [{ method: 'GET', url: `${V}/query?q=SELECT+Id,Name+FROM+Account`, referenceId: 'leaf' }]
    });
    for (let i = 0; i < levels; i += 1) {
        body = `{"compositeRequest":[{"method":"POST","url":"${V}/composite","referenceId":"n${i}","body":${body}}]}`;
    }
    return body;
}

function queries(count: number): string {
    const query = (i: number) => ({
        method: 'GET',
        url: `${V}/query?q=SELECT+Id,Name+FROM+Account`,
        referenceId: `q${i}`
    });
    return JSON.stringify({ compositeRequest: Array.from({ length: count }, (_, i) => query(i)) });
}

async function limitsWithNothingElse(org: LocalOrg, server: OrgServer, calls: number): Promise<WaitFigures> {
    const [, normal] = org.users();
    const samples: number[] = [];
    for (let i = 0; i < calls; i += 1) {
        const asked = performance.now();
        await request(server, normal.accessToken, 'GET', `${V}/limits`);
        samples.push(elapsed(asked));
    }
    return waits(samples);
}

async function repeatedBigQuery(org: LocalOrg, server: OrgServer, runs: number): Promise<HostileCase> {
    const [, normal, viewer] = org.users();
    const soql = encodeURIComponent('SELECT Id, Name FROM Account');
    const { result, hostileMs, limitsWait } = await beside(server, normal.accessToken, async () => {
        const pages: Reply[] = [];
        for (let i = 0; i < runs; i += 1)
            pages.push(await request(server, viewer.accessToken, 'GET', `${V}/query?q=${soql}`));
        return pages;
    });
    const first = result[0].body as { nextRecordsUrl?: string; records: unknown[] };
    const oldest = first.nextRecordsUrl
        ? await request(server, viewer.accessToken, 'GET', first.nextRecordsUrl)
        : { status: 200, body: undefined };
    const allPaged = result.every((r) => r.status === 200 && (r.body as { records: unknown[] }).records.length <= 2000);
    return {
        name: `Viewer repeats SELECT Id, Name FROM Account ${runs} times`,
        answer: `${runs} × 200 (2000-record pages); the oldest locator then answers ${errorCode(oldest)}`,
        withinLimits: allPaged && errorCode(oldest) === '400 INVALID_QUERY_LOCATOR',
        hostileMs,
        limitsWait
    };
}

async function compositeCase(
    org: LocalOrg,
    server: OrgServer,
    name: string,
    body: string,
    expected: (reply: Reply) => boolean
): Promise<HostileCase> {
    const [, normal, viewer] = org.users();
    const { result, hostileMs, limitsWait } = await beside(server, normal.accessToken, () =>
        request(server, viewer.accessToken, 'POST', `${V}/composite`, body)
    );
    return { name, answer: errorCode(result), withinLimits: expected(result), hostileMs, limitsWait };
}

/** Issue 16 #3, the GraphQL fragment query (scripts/bench/hostileGraphql.ts). */
async function graphqlFragments(org: LocalOrg, server: OrgServer): Promise<HostileCase> {
    const [admin, , viewer] = org.users();
    const result = await measureHostileGraphql(server.origin, viewer.accessToken, admin.accessToken);
    return {
        name: `GraphQL query of ${FRAGMENT_LEVELS} fragments each spreading the one before twice`,
        answer: result.refusal === null ? 'data, not refused' : `refused: ${result.refusal.slice(0, 80)}`,
        withinLimits: result.refusal !== null,
        hostileMs: result.refusedWithinMs,
        limitsWait: { samples: null, p50Ms: null, p95Ms: null, maxMs: result.concurrentLimitsWaitMs }
    };
}

export async function measureHostileClient(rows: number, queryRuns = 20): Promise<HostileFigures> {
    return withOrgFile(async (org, server) => {
        rawInsertAccounts(org, rows);
        const limitsAlone = await limitsWithNothingElse(org, server, 10);
        const rssBeforeMb = rssMb();
        const cases: HostileCase[] = [await repeatedBigQuery(org, server, queryRuns)];
        const rssAfterMb = rssMb();
        cases.push(
            await compositeCase(
                org,
                server,
                'Composite nested 2,000 levels',
                nestedComposite(2000),
                (r) => errorCode(r) === '400 JSON_PARSER_ERROR'
            ),
            await compositeCase(
                org,
                server,
                'Composite holding a composite of 25 queries',
                `{"compositeRequest":[{"method":"POST","url":"${V}/composite","referenceId":"inner","body":${queries(25)}}]}`,
                (r) => errorCode(r) === '400 INVALID_INPUT'
            ),
            await compositeCase(
                org,
                server,
                `Composite of 25 queries of all ${rows} Accounts`,
                queries(25),
                (r) => errorCode(r) === '400 LIMIT_EXCEEDED'
            ),
            await compositeCase(
                org,
                server,
                `Composite of 5 queries of all ${rows} Accounts (the most Salesforce allows)`,
                queries(5),
                (r) => r.status === 200
            )
        );
        cases.push(await graphqlFragments(org, server));
        return { rows, limitsAlone, cases, rssBeforeMb, rssAfterMb };
    });
}

function describeWait(wait: WaitFigures): string {
    const spread = wait.p50Ms === null ? '' : `p50 ${wait.p50Ms} ms, p95 ${wait.p95Ms} ms, `;
    const calls = wait.samples === null ? '' : `${wait.samples} calls, `;
    return `GET /limits took ${spread}max ${wait.maxMs} ms (${calls}target ≤ ${NORMAL_WAIT_TARGET_MS} ms)`;
}

export function hostileRows(figures: HostileFigures): string[][] {
    return [
        [`Hostile: GET /limits alone, for comparison (${figures.rows} Accounts)`, describeWait(figures.limitsAlone)],
        ...figures.cases.map((c) => [
            `Hostile: ${c.name}`,
            `${c.answer}${c.withinLimits ? '' : ' (NOT within Salesforce limits)'}, ${c.hostileMs} ms; ${describeWait(c.limitsWait)}`
        ]),
        [
            `Hostile: memory around the repeated query (${figures.rows} Accounts)`,
            `${figures.rssBeforeMb} MB → ${figures.rssAfterMb} MB resident`
        ]
    ];
}
