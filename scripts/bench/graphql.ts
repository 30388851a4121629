/**
 * GraphQL latency at volume: an org with 100,000 Accounts and 100,000 Cases (one per account), then p50/p95 over
 * HTTP of (1) a typical record-page query (a case with its account and contact, and the account's latest cases)
 * and (2) a two-operation allOrNone mutation (create a follow-up case, update the original, chained with @{ref}).
 * The volume is loaded with the org's own system-record insert in one transaction (setup, not measured); the
 * measured calls go through the server like any client's.
 */
import { LocalOrg } from '../../local-org/src/org.ts';
import { startServer } from '../../local-org/src/server.ts';
import { insertSystemRecord } from '../../local-org/src/store.ts';
import { elapsed, percentile } from './stats.ts';

export interface Percentiles {
    iterations: number;
    p50Ms: number;
    p95Ms: number;
}

export interface GraphqlBenchResult {
    accounts: number;
    cases: number;
    setupMs: number;
    recordPageQuery: Percentiles;
    allOrNoneMutation: Percentiles;
}

export interface GraphqlBenchOptions {
    accounts?: number;
    cases?: number;
    queryIterations?: number;
    mutationIterations?: number;
}

const RECORD_PAGE_QUERY = `query casePage($id: ID) {
  uiapi {
    query {
      Case(where: { Id: { eq: $id } }) {
        edges {
          node {
            Id
            CaseNumber { value }
            Subject { value }
            Status { value displayValue }
            Priority { value displayValue }
            Description { value }
            CreatedDate { value displayValue }
            Contact { Name { value } Email { value } Phone { value } }
            Account {
              Id
              Name { value }
              Phone { value }
              Industry { value displayValue }
              Cases(first: 5, orderBy: { CreatedDate: { order: DESC } }) {
                edges { node { Id CaseNumber { value } Subject { value } Status { value } } }
                totalCount
              }
            }
          }
        }
      }
    }
  }
}`;

const FOLLOW_UP_MUTATION = `mutation followUp($accountId: IdOrRef, $caseId: IdOrRef!, $subject: String) {
  uiapi(input: { allOrNone: true }) {
    followUp: CaseCreate(input: { Case: { Subject: $subject, AccountId: $accountId, Status: "New", Origin: "Web" } }) {
      Record { Id CaseNumber { value } }
    }
    original: CaseUpdate(input: { Id: $caseId, Case: { Status: "Working", ParentId: "@{followUp}" } }) {
      Record { Id Status { value } }
    }
  }
}`;

function percentiles(samples: number[]): Percentiles {
    return { iterations: samples.length, p50Ms: percentile(samples, 50), p95Ms: percentile(samples, 95) };
}

function loadVolume(org: LocalOrg, adminId: string, accounts: number, cases: number): string[][] {
    const account = org.schema.object('Account')!;
    const caseObject = org.schema.object('Case')!;
    const now = new Date().toISOString();
    const pairs: string[][] = [];
    org.db.transaction(() => {
        const accountIds: string[] = [];
        for (let i = 1; i <= accounts; i++) {
            accountIds.push(
                insertSystemRecord(
                    org.db,
                    account,
                    { Name: `Bench Account ${i}`, Phone: `+44 20 ${1000000 + i}`, Industry: 'Energy' },
                    adminId,
                    now
                )
            );
        }
        for (let i = 1; i <= cases; i++) {
            const accountId = accountIds[(i - 1) % accountIds.length];
            const caseId = insertSystemRecord(
                org.db,
                caseObject,
                {
                    CaseNumber: String(i).padStart(8, '0'),
                    Subject: `Bench case ${i}`,
                    Status: 'New',
                    Priority: 'Medium',
                    Origin: 'Web',
                    AccountId: accountId
                },
                adminId,
                now
            );
            pairs.push([caseId, accountId]);
        }
    })();
    return pairs;
}

/** Runs the benchmark in a fresh in-memory org; the defaults are the volume. */
export async function benchGraphql(options: GraphqlBenchOptions = {}): Promise<GraphqlBenchResult> {
    const accounts = options.accounts ?? 100_000;
    const cases = options.cases ?? 100_000;
    const org = LocalOrg.open(':memory:');
    const server = await startServer(org, 0);
    try {
        const [admin] = org.users();
        const setupStart = performance.now();
        const pairs = loadVolume(org, admin.id, accounts, cases);
        const setupMs = elapsed(setupStart);
        const post = async (query: string, variables: Record<string, unknown>) => {
            const response = await fetch(`${server.origin}/services/data/v66.0/graphql`, {
                method: 'POST',
                headers: { Authorization: `Bearer ${admin.accessToken}`, 'Content-Type': 'application/json' },
                body: JSON.stringify({ query, variables })
            });
            const body = (await response.json()) as { errors: unknown[] };
            if (body.errors.length > 0) throw new Error(`benchmark call failed: ${JSON.stringify(body.errors)}`);
        };
        const time = async (iterations: number, call: (i: number) => Promise<void>): Promise<Percentiles> => {
            await call(0); // warm-up: schema generation and statement caches
            const samples: number[] = [];
            for (let i = 1; i <= iterations; i++) {
                const start = performance.now();
                await call(i);
                samples.push(elapsed(start));
            }
            return percentiles(samples);
        };
        const pick = (i: number) => pairs[(i * 7919) % pairs.length];
        const recordPageQuery = await time(options.queryIterations ?? 200, (i) =>
            post(RECORD_PAGE_QUERY, { id: pick(i)[0] })
        );
        const allOrNoneMutation = await time(options.mutationIterations ?? 100, (i) => {
            const [caseId, accountId] = pick(i + 1);
            return post(FOLLOW_UP_MUTATION, { caseId, accountId, subject: `Follow-up ${i}` });
        });
        return { accounts, cases, setupMs, recordPageQuery, allOrNoneMutation };
    } finally {
        await server.close();
        org.close();
    }
}
