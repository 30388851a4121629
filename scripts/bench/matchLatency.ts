/**
 * In-process matching latency in an org of 100,000 records: the set's own records plus synthetic ones built around
 * them (names, streets and cities recombined from the set's records, fresh house numbers and phone numbers in the
 * same formats), so that common words, streets and cities are shared by many records as in a real org.
 * Deterministic: the same seed gives the same org.
 */
import type { AccountRecord, ContactRecord } from '../lib/recordMatcher.ts';
import { createMatchIndex, findMatches } from '../lib/recordMatcher.ts';
import type { LoadedOrg, MatchLine } from '../lib/matching.ts';
import { percentile } from './stats.ts';

/** mulberry32: a small, fast, seedable generator, so runs are reproducible. */
export function seededRandom(seed: number): () => number {
    let state = seed >>> 0;
    return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

function pick<T>(random: () => number, list: readonly T[]): T {
    return list[Math.floor(random() * list.length)];
}

/** Digits replaced at random, keeping the format (separators, length) of the template number. */
function phoneLike(random: () => number, template: string | null | undefined): string {
    const model = template && /\d/.test(template) ? template : '312-555-0100';
    return model.replace(/\d/g, () => String(Math.floor(random() * 10)));
}

/** Words of a name: the first part of one record's name and the rest of another's. */
function mixedName(random: () => number, a: string, b: string): string {
    const left = a.split(/\s+/).filter(Boolean);
    const right = b.split(/\s+/).filter(Boolean);
    const cut = Math.max(1, Math.ceil(left.length / 2));
    const words = [...left.slice(0, cut), ...right.slice(Math.floor(right.length / 2))];
    return words.join(' ') || a;
}

function streetLike(random: () => number, street: string | null | undefined): string {
    const words = String(street ?? '')
        .split(/\s+/)
        .filter(Boolean);
    const rest = /^\d/.test(words[0] ?? '') ? words.slice(1) : words;
    return `${1 + Math.floor(random() * 9999)} ${rest.join(' ')}`.trim();
}

export function syntheticAccounts(base: AccountRecord[], count: number, seed: number): AccountRecord[] {
    const random = seededRandom(seed);
    const result: AccountRecord[] = [];
    for (let i = 0; i < count; i++) {
        const a = pick(random, base);
        const b = pick(random, base);
        const c = pick(random, base);
        result.push({
            Id: `001SYN${String(i).padStart(9, '0')}`,
            Name: mixedName(random, a.Name ?? '', b.Name ?? ''),
            Phone: phoneLike(random, c.Phone),
            Website: '',
            BillingStreet: streetLike(random, b.BillingStreet),
            BillingCity: c.BillingCity ?? '',
            BillingPostalCode: random() < 0.5 ? (a.BillingPostalCode ?? '') : '',
            BillingCountry: a.BillingCountry ?? ''
        });
    }
    return result;
}

export function syntheticContacts(base: ContactRecord[], count: number, seed: number): ContactRecord[] {
    const random = seededRandom(seed);
    const result: ContactRecord[] = [];
    for (let i = 0; i < count; i++) {
        const a = pick(random, base);
        const b = pick(random, base);
        const c = pick(random, base);
        const d = pick(random, base);
        result.push({
            Id: `003SYN${String(i).padStart(9, '0')}`,
            AccountId: '',
            FirstName: a.FirstName ?? '',
            LastName: b.LastName ?? '',
            Email: '',
            Phone: c.Phone ? phoneLike(random, c.Phone) : '',
            MailingStreet: streetLike(random, c.MailingStreet),
            // Name, street and town from different people: a namesake, not a copy of someone's household.
            MailingCity: d.MailingCity ?? '',
            MailingPostalCode: d.MailingPostalCode ?? ''
        });
    }
    return result;
}

export interface LatencyFigures {
    /** Records in the index: the set's own plus synthetic ones. */
    records: number;
    syntheticKind: 'Account' | 'Contact';
    indexBuildMs: number;
    p50Ms: number;
    p95Ms: number;
    p99Ms: number;
    /** recall@1 on submissions with an answer, with the synthetic records as distractors. */
    recallAt1: number;
}

/**
 * Builds the 100,000-record org (the set's records count towards it) and times `findMatches` per submission:
 * normalising the submission, reading its match keys' postings, scoring up to 300 candidates and ranking them. One
 * warm-up pass first; the CSV reading and JSON output of the CLI are not included.
 */
export function measureLatency(
    org: LoadedOrg,
    truth: Map<string, string>,
    total: number,
    seed: number
): LatencyFigures {
    const personal = org.accounts.length === 0;
    const own = org.accounts.length + org.contacts.length;
    const extra = Math.max(0, total - own);
    const accounts = personal ? org.accounts : [...org.accounts, ...syntheticAccounts(org.accounts, extra, seed)];
    const contacts = personal ? [...org.contacts, ...syntheticContacts(org.contacts, extra, seed)] : org.contacts;
    const start = performance.now();
    const index = createMatchIndex(accounts, contacts);
    const indexBuildMs = Math.round(performance.now() - start);
    for (const row of org.incoming) {
        findMatches(index, row, { top: 5 });
    }
    const samples: number[] = [];
    const lines: MatchLine[] = [];
    for (const row of org.incoming) {
        const begin = performance.now();
        const result = findMatches(index, row, { top: 5 });
        samples.push(performance.now() - begin);
        lines.push({ key: row.Key, ...result });
    }
    let withAnswer = 0;
    let hits = 0;
    for (const line of lines) {
        const expected = truth.get(line.key);
        if (expected) {
            withAnswer++;
            if (line.candidates[0]?.id === expected) hits++;
        }
    }
    const round = (ms: number) => Math.round(ms * 100) / 100;
    return {
        records: accounts.length + contacts.length,
        syntheticKind: personal ? 'Contact' : 'Account',
        indexBuildMs,
        p50Ms: round(percentile(samples, 50)),
        p95Ms: round(percentile(samples, 95)),
        p99Ms: round(percentile(samples, 99)),
        recallAt1: withAnswer ? Math.round((hits / withAnswer) * 10000) / 10000 : 0
    };
}
