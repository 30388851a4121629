/**
 * Quality figures for one labelled matching set (../shared/bench/matching/<set>/): the CLI's core run
 * in-process on the set, compared with truth.csv.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadFiles, matchAll, readCsv, type LoadedOrg, type MatchLine } from '../lib/matching.ts';

export interface QualityFigures {
    set: string;
    submissions: number;
    withAnswer: number;
    newOnes: number;
    recallAt1: number;
    recallAt5: number;
    links: number;
    linkPrecision: number;
    /** Correct links over submissions that have an answer. */
    linkCoverage: number;
    /** Links made on submissions whose answer is "new", over those submissions. */
    falseLinkRate: number;
    /** Submissions whose answer is "new" that the matcher decided "new", over those submissions. */
    newRecognised: number;
    suggestions: number;
    news: number;
    /** How well scores read as probabilities: for every candidate listed, by score band, the share that is right. */
    reliability: ReliabilityBand[];
}

export interface ReliabilityBand {
    from: number;
    to: number;
    candidates: number;
    meanScore: number;
    /** The share of these candidates that are the submission's answer. */
    observed: number;
}

const BANDS = [0, 0.2, 0.5, 0.8, 0.9, 0.95, 0.99, 1];

function reliability(lines: MatchLine[], truth: Map<string, string>): ReliabilityBand[] {
    const bands = BANDS.slice(0, -1).map((from, i) => ({ from, to: BANDS[i + 1], n: 0, sum: 0, right: 0 }));
    for (const line of lines) {
        for (const candidate of line.candidates) {
            const band = bands.find((b) => candidate.score >= b.from && (candidate.score < b.to || b.to === 1));
            if (!band) continue;
            band.n++;
            band.sum += candidate.score;
            if (truth.get(line.key) === candidate.id) band.right++;
        }
    }
    return bands.map((band) => ({
        from: band.from,
        to: band.to,
        candidates: band.n,
        meanScore: ratio(band.sum, band.n),
        observed: ratio(band.right, band.n)
    }));
}

export function setFiles(dir: string) {
    const contacts = join(dir, 'contacts.csv');
    return {
        accounts: join(dir, 'accounts.csv'),
        contacts: existsSync(contacts) ? contacts : undefined,
        input: join(dir, 'incoming.csv')
    };
}

export function loadSet(dir: string): { org: LoadedOrg; truth: Map<string, string> } {
    const org = loadFiles(setFiles(dir));
    const truth = new Map(
        readCsv(join(dir, 'truth.csv'), 'truth', ['Key', 'ExpectedId']).map((row) => [row.Key, row.ExpectedId])
    );
    return { org, truth };
}

const ratio = (part: number, whole: number) => (whole ? Math.round((part / whole) * 10000) / 10000 : 0);

export function evaluate(set: string, lines: MatchLine[], truth: Map<string, string>): QualityFigures {
    let withAnswer = 0;
    let hit1 = 0;
    let hit5 = 0;
    let links = 0;
    let correctLinks = 0;
    let falseLinks = 0;
    let newOnes = 0;
    let recognised = 0;
    let suggestions = 0;
    let news = 0;
    for (const line of lines) {
        const expected = truth.get(line.key) ?? '';
        const ids = line.candidates.map((candidate) => candidate.id);
        if (line.decision === 'suggest') suggestions++;
        if (line.decision === 'new') news++;
        if (line.decision === 'link') links++;
        if (expected) {
            withAnswer++;
            if (ids[0] === expected) hit1++;
            if (ids.slice(0, 5).includes(expected)) hit5++;
            if (line.decision === 'link' && ids[0] === expected) correctLinks++;
        } else {
            newOnes++;
            if (line.decision === 'link') falseLinks++;
            if (line.decision === 'new') recognised++;
        }
    }
    return {
        set,
        submissions: lines.length,
        withAnswer,
        newOnes,
        recallAt1: ratio(hit1, withAnswer),
        recallAt5: ratio(hit5, withAnswer),
        links,
        linkPrecision: ratio(correctLinks, links),
        linkCoverage: ratio(correctLinks, withAnswer),
        falseLinkRate: ratio(falseLinks, newOnes),
        newRecognised: ratio(recognised, newOnes),
        suggestions,
        news,
        reliability: reliability(lines, truth)
    };
}

export function measureQuality(dir: string, set: string): { figures: QualityFigures; lines: MatchLine[] } {
    const { org, truth } = loadSet(dir);
    const lines = matchAll(org, 5);
    return { figures: evaluate(set, lines, truth), lines };
}
