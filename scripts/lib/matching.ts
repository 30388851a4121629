/**
 * The offline matching CLI's core (docs/ARCHITECTURE.md, "Matching contract"): reads the org's Accounts and Contacts and
 * the incoming web-form rows from CSV, and matches each row with the shared LWC module recordMatcher, the same code
 * the intake component runs; or, with `--target-org`, reads each row's candidates from the org through the
 * component's own GraphQL retrieval.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
    candidatesFromResponse,
    createMatchIndex,
    findMatches,
    learnWeights,
    matchSearchRequests,
    matchSubmission,
    type AccountRecord,
    type ContactRecord,
    type MatchResult,
    type Submission
} from './recordMatcher.ts';
import { ScriptError } from './cli.ts';

export const ACCOUNT_COLUMNS = [
    'Id',
    'Name',
    'Phone',
    'Website',
    'BillingStreet',
    'BillingCity',
    'BillingPostalCode',
    'BillingCountry'
] as const;
export const CONTACT_COLUMNS = [
    'Id',
    'AccountId',
    'FirstName',
    'LastName',
    'Email',
    'Phone',
    'MailingStreet',
    'MailingCity',
    'MailingPostalCode'
] as const;
export const INPUT_COLUMNS = [
    'Key',
    'FirstName',
    'LastName',
    'Email',
    'Phone',
    'Company',
    'Street',
    'City',
    'PostalCode',
    'Country'
] as const;

export type IncomingRow = Submission & { Key: string };

/** One output line of the CLI: the contract's JSON object for one input row. */
export type MatchLine = { key: string } & MatchResult;

/**
 * Reads a CSV file with a header row, refusing an unreadable file, a malformed file or one that lacks a column the
 * contract requires (extra columns are allowed and ignored).
 */
export function readCsv(file: string, label: string, columns: readonly string[]): Record<string, string>[] {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        throw new ScriptError('UnreadableFile', `Cannot read ${label} file ${file}: ${(error as Error).message}`);
    }
    let rows: Record<string, string>[];
    let header: string[] = [];
    try {
        rows = parse(text.replace(/^\uFEFF/, ''), {
            columns: (names: string[]) => {
                header = names.map((name) => name.trim());
                return header;
            },
            skip_empty_lines: true,
            trim: true
        });
    } catch (error) {
        throw new ScriptError('InvalidCsv', `${label} file ${file} is not valid CSV: ${(error as Error).message}`);
    }
    if (header.length === 0) {
        throw new ScriptError('InvalidCsv', `${label} file ${file} is empty: it needs a header row.`);
    }
    const missing = columns.filter((column) => !header.includes(column));
    if (missing.length) {
        throw new ScriptError(
            'MissingColumns',
            `${label} file ${file} lacks the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}. ` +
                `Expected: ${columns.join(',')}`,
            { file, missing }
        );
    }
    return rows;
}

export interface MatchFiles {
    accounts: string;
    contacts?: string;
    input: string;
}

export interface LoadedOrg {
    accounts: AccountRecord[];
    contacts: ContactRecord[];
    incoming: IncomingRow[];
}

export function loadFiles(files: MatchFiles): LoadedOrg {
    const accounts = readCsv(files.accounts, 'accounts', ACCOUNT_COLUMNS) as unknown as AccountRecord[];
    const contacts = files.contacts
        ? (readCsv(files.contacts, 'contacts', CONTACT_COLUMNS) as unknown as ContactRecord[])
        : [];
    const incoming = readCsv(files.input, 'input', INPUT_COLUMNS) as unknown as IncomingRow[];
    return { accounts, contacts, incoming };
}

/**
 * Matches every incoming row, in input order; with `learn`, on weights learned from the org's records and these
 * rows first (no labels), instead of the hand-set ones.
 */
export function matchAll(org: LoadedOrg, top: number, options: { learn?: boolean } = {}): MatchLine[] {
    const index = createMatchIndex(org.accounts, org.contacts);
    const weights = options.learn ? learnWeights(index, org.incoming, { estimateU: true }) : null;
    return org.incoming.map((row) => ({ key: row.Key, ...findMatches(index, row, { top, weights }) }));
}

/** Reads the incoming rows alone (for `--target-org`, where the org holds the accounts and contacts). */
export function loadIncoming(file: string): IncomingRow[] {
    return readCsv(file, 'input', INPUT_COLUMNS) as unknown as IncomingRow[];
}

/** What the org retrieval needs from a connection: POST a GraphQL document, get the response body. */
export type GraphQLClient = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

type GraphQLBody = { data?: unknown; errors?: { message: string }[] };

/**
 * The candidates of one submission read from an org by the same retrieval as the intake component: one UI API
 * GraphQL requests (at most two, sent together: identifiers, then company-name prefixes; selective filters on the
 * stored match keys and Contact.Email), then the
 * answer's records ranked by the shared matcher. A GraphQL error fails fast, naming the likely cause.
 */
export async function matchInOrg(graphql: GraphQLClient, row: Submission, top: number): Promise<MatchResult> {
    const bodies = (await Promise.all(
        matchSearchRequests(row).map((request) => graphql(request.query, request.variables))
    )) as GraphQLBody[];
    const errors = bodies.flatMap((body) => body.errors ?? []);
    if (errors.length) {
        const messages = errors.map((error) => error.message).join(' / ');
        const undeployed = /Match_\w+_Key__c/.test(messages)
            ? ' The match-key fields are missing or not readable: deploy force-app (npm run deploy) and assign a Caseline permission set.'
            : '';
        throw new ScriptError('GraphQLError', `The org refused the candidate search: ${messages}.${undeployed}`, {
            errors
        });
    }
    return matchSubmission(row, candidatesFromResponse(...bodies.map((body) => body.data)), { top });
}

/** Matches every incoming row against the org, a few requests at a time, in input order. */
export async function matchAllInOrg(
    graphql: GraphQLClient,
    incoming: IncomingRow[],
    top: number,
    concurrency = 4
): Promise<MatchLine[]> {
    const lines: MatchLine[] = new Array(incoming.length);
    let next = 0;
    const worker = async () => {
        while (next < incoming.length) {
            const index = next++;
            const row = incoming[index];
            lines[index] = { key: row.Key, ...(await matchInOrg(graphql, row, top)) };
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, incoming.length) }, worker));
    return lines;
}
