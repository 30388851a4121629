/**
 * End-to-end matching latency through local-org's UI API GraphQL, in an org of 100,000 records (the set's own plus
 * the same synthetic ones as the in-process figure): force-app is deployed through the Metadata API (fields, flows,
 * permission sets), the records are loaded with their stored match keys as the seed script writes them (setup, not
 * measured), and each submission is timed as the intake component runs it, as the agent: one GraphQL request
 * (`matchSearchRequests`: at most two requests over HTTP, sent together), the answers turned into records, and
 * scoring with matchSubmission.
 */
import { join } from 'node:path';
import { ComponentSet, MetadataConverter } from '@salesforce/source-deploy-retrieve';
import { deployPackage } from '../../local-org/src/metadata/deploy.ts';
import { readPackage } from '../../local-org/src/metadata/zip.ts';
import { LocalOrg } from '../../local-org/src/org.ts';
import { startServer } from '../../local-org/src/server.ts';
import { insertSystemRecord } from '../../local-org/src/store.ts';
import type { LoadedOrg } from '../lib/matching.ts';
import { projectRoot } from '../lib/project.ts';
import {
    candidatesFromResponse,
    matchSearchRequests,
    matchSubmission,
    storedMatchKeys,
    type AccountRecord,
    type ContactRecord,
    type MatchResult
} from '../lib/recordMatcher.ts';
import { syntheticAccounts, syntheticContacts } from './matchLatency.ts';
import { percentile } from './stats.ts';

export interface EndToEndFigures {
    records: number;
    /** Setup: deploy and load, not part of the latency. */
    setupMs: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    /** Of the p50 total, the GraphQL request alone. */
    requestP50Ms: number;
    requestP95Ms: number;
    /** Records the request returned per submission, mean. */
    meanCandidates: number;
    /** Share of submissions with an answer whose answer the request returned at all. */
    retrievalRecall: number;
    /** recall@1 of the whole path on submissions with an answer. */
    recallAt1: number;
}

export async function deployForceApp(org: LocalOrg, adminId: string): Promise<void> {
    const components = ComponentSet.fromSource(join(projectRoot, 'force-app', 'main', 'default'));
    const converted = await new MetadataConverter().convert(components, 'metadata', { type: 'zip' });
    const files = await readPackage(converted.zipBuffer!.toString('base64'));
    const outcome = await deployPackage(org, adminId, files, { checkOnly: false, rollbackOnError: true });
    if (!outcome.success) throw new Error(`deploying force-app failed: ${JSON.stringify(outcome.failures)}`);
}

type Row = Record<string, string | number | null>;

function blankless(record: Record<string, unknown>, fields: string[]): Row {
    const row: Row = {};
    for (const field of fields) {
        const value = record[field];
        row[field] = value === undefined || value === '' ? null : (value as string);
    }
    return row;
}

const ACCOUNT_FIELDS = [
    'Name',
    'Phone',
    'Website',
    'BillingStreet',
    'BillingCity',
    'BillingPostalCode',
    'BillingCountry'
];
const CONTACT_FIELDS = ['FirstName', 'LastName', 'Email', 'Phone', 'MailingStreet', 'MailingCity', 'MailingPostalCode'];

/** Loads accounts and contacts with their match keys; returns org Id → the set's Id. */
function load(
    org: LocalOrg,
    adminId: string,
    accounts: AccountRecord[],
    contacts: ContactRecord[]
): Map<string, string> {
    const accountObject = org.schema.object('Account')!;
    const contactObject = org.schema.object('Contact')!;
    const now = new Date().toISOString();
    const setIds = new Map<string, string>();
    const orgIds = new Map<string, string>();
    org.db.transaction(() => {
        for (const account of accounts) {
            const values = blankless(account, ACCOUNT_FIELDS);
            const id = insertSystemRecord(
                org.db,
                accountObject,
                { ...values, ...storedMatchKeys('Account', values) },
                adminId,
                now
            );
            setIds.set(id, account.Id);
            orgIds.set(account.Id, id);
        }
        for (const contact of contacts) {
            const values = blankless(contact, CONTACT_FIELDS);
            if (!values.LastName) values.LastName = '[not provided]';
            const id = insertSystemRecord(
                org.db,
                contactObject,
                {
                    ...values,
                    ...storedMatchKeys('Contact', values),
                    AccountId: contact.AccountId ? (orgIds.get(contact.AccountId) ?? null) : null
                },
                adminId,
                now
            );
            setIds.set(id, contact.Id);
        }
    })();
    return setIds;
}

export async function measureEndToEnd(
    set: LoadedOrg,
    truth: Map<string, string>,
    total: number,
    seed: number
): Promise<EndToEndFigures> {
    const personal = set.accounts.length === 0;
    const extra = Math.max(0, total - set.accounts.length - set.contacts.length);
    const accounts = personal ? set.accounts : [...set.accounts, ...syntheticAccounts(set.accounts, extra, seed)];
    const contacts = personal ? [...set.contacts, ...syntheticContacts(set.contacts, extra, seed)] : set.contacts;
    const org = LocalOrg.open(':memory:');
    const server = await startServer(org, 0);
    try {
        const [admin, agent] = org.users();
        const setupStart = performance.now();
        await deployForceApp(org, admin.id);
        const permissionSet = org.db.prepare("SELECT Id FROM PermissionSet WHERE Name = 'Caseline_Agent'").get() as {
            Id: string;
        };
        const assigned = await fetch(`${server.origin}/services/data/v66.0/sobjects/PermissionSetAssignment`, {
            method: 'POST',
            headers: { Authorization: `Bearer ${admin.accessToken}`, 'Content-Type': 'application/json' },
            body: JSON.stringify({ AssigneeId: agent.id, PermissionSetId: permissionSet.Id })
        });
        if (assigned.status !== 201) throw new Error(`assigning Caseline_Agent failed: ${await assigned.text()}`);
        const setIds = load(org, admin.id, accounts, contacts);
        const setupMs = Math.round(performance.now() - setupStart);

        const search = async (row: LoadedOrg['incoming'][number]) => {
            const begin = performance.now();
            const bodies = await Promise.all(
                matchSearchRequests(row).map(async (request) => {
                    const response = await fetch(`${server.origin}/services/data/v66.0/graphql`, {
                        method: 'POST',
                        headers: { Authorization: `Bearer ${agent.accessToken}`, 'Content-Type': 'application/json' },
                        body: JSON.stringify(request)
                    });
                    const body = (await response.json()) as { data: unknown; errors: unknown[] };
                    if (body.errors.length > 0)
                        throw new Error(`candidate search failed: ${JSON.stringify(body.errors)}`);
                    return body;
                })
            );
            const requestMs = performance.now() - begin;
            const records = candidatesFromResponse(...bodies.map((body) => body.data));
            const result: MatchResult = matchSubmission(row, records, { top: 5 });
            return { requestMs, totalMs: performance.now() - begin, records, result };
        };
        for (const row of set.incoming.slice(0, 50)) await search(row); // warm-up: schema, statement caches
        const totals: number[] = [];
        const requests: number[] = [];
        let candidates = 0;
        let withAnswer = 0;
        let retrieved = 0;
        let hits = 0;
        for (const row of set.incoming) {
            const { requestMs, totalMs, records, result } = await search(row);
            totals.push(totalMs);
            requests.push(requestMs);
            const ids = [...records.accounts, ...records.contacts].map((record) => setIds.get(record.Id));
            candidates += ids.length;
            const expected = truth.get(row.Key);
            if (expected) {
                withAnswer++;
                if (ids.includes(expected)) retrieved++;
                if (result.candidates[0] && setIds.get(result.candidates[0].id) === expected) hits++;
            }
        }
        const round = (ms: number) => Math.round(ms * 100) / 100;
        const ratio = (a: number, b: number) => (b ? Math.round((a / b) * 10000) / 10000 : 0);
        return {
            records: accounts.length + contacts.length,
            setupMs,
            p50Ms: round(percentile(totals, 50)),
            p95Ms: round(percentile(totals, 95)),
            p99Ms: round(percentile(totals, 99)),
            requestP50Ms: round(percentile(requests, 50)),
            requestP95Ms: round(percentile(requests, 95)),
            meanCandidates: Math.round((candidates / Math.max(1, set.incoming.length)) * 10) / 10,
            retrievalRecall: ratio(retrieved, withAnswer),
            recallAt1: ratio(hits, withAnswer)
        };
    } finally {
        await server.close();
        org.close();
    }
}
