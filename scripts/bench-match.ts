/**
 * npm run bench:match [-- --sets DIR] [--records N] [--seed N] [--json]
 *
 * Matching quality and in-process latency on the labelled sets (issue 9). For each set folder under --sets
 * (default: ../shared/bench/matching from the repository root, as docs/ARCHITECTURE.md says):
 * - quality: the matching CLI's core run in-process on the set's own records, compared with truth.csv: recall@1 and
 *   recall@5 on submissions that have an answer, precision and coverage of `link` decisions, and the share of
 *   "new" submissions that were linked (false links);
 * - latency: `findMatches` per submission in an org of --records records (default 100,000: the set's own plus
 *   synthetic ones around them, seeded), p50/p95 in milliseconds, with recall@1 among those distractors;
 * - end-to-end latency: the same org loaded into an in-memory local-org with force-app deployed, each submission
 *   searched as the intake component does it (at most two UI API GraphQL requests over HTTP as the agent, sent
 *   together, then scoring),
 *   p50/p95, with the share of answers the request retrieved and recall@1 of the whole path.
 * - the anchors: when the sets folder has ANCHORS.md (the figures of Splink and recordlinkage on the same sets), their
 *   figures are printed beside ours per set, and each of our figures behind the better anchor is marked ▼ and
 *   counted as a missed target (issue 18).
 * Targets from the issues are checked; a missed target exits 1. Figures go into BENCHMARKS.md by hand.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { evaluate, loadSet, type QualityFigures } from './bench/matchQuality.ts';
import {
    ANCHOR_FIGURES,
    compareWithAnchors,
    loadAnchors,
    type Anchor,
    type AnchorComparison
} from './bench/matchAnchors.ts';
import { measureLatency, type LatencyFigures } from './bench/matchLatency.ts';
import { measureEndToEnd, type EndToEndFigures } from './bench/matchEndToEnd.ts';
import {
    createOutput,
    defineCommand,
    formatTable,
    integerFlag,
    parseFlags,
    runScript,
    ScriptError,
    wantsJson
} from './lib/cli.ts';
import { matchAll } from './lib/matching.ts';
import { projectRoot } from './lib/project.ts';

const TARGETS = { recallAt1: 0.98, recallAt5: 0.995, linkPrecision: 0.995, linkCoverage: 0.85, falseLinkRate: 0.005 };
const P95_TARGET_MS = 20;
const END_TO_END_P95_TARGET_MS = 100;

interface SetReport {
    quality: QualityFigures;
    /** Ours against the better anchor, per figure (empty without ANCHORS.md or without anchors for the set). */
    anchors: AnchorComparison[];
    latency: LatencyFigures;
    endToEnd: EndToEndFigures;
}

interface BenchMatchReport {
    success: boolean;
    date: string;
    machine: string;
    sets: SetReport[];
    /** The anchors' rows of ANCHORS.md, as read. */
    anchorRows: Anchor[];
    missedTargets: string[];
}

const command = defineCommand({
    run: 'npm run bench:match',
    summary: 'Matching quality and latency on the labelled sets: recall, link precision and coverage, p50/p95.',
    description:
        'For each set folder (accounts.csv, incoming.csv, truth.csv): quality on the set itself, latency in an org of\n' +
        '--records records, and end to end through local-org GraphQL. Targets are checked; a missed one exits 1.',
    flags: {
        sets: {
            type: 'string',
            value: 'dir',
            summary: 'The folder of set folders.',
            defaultText: '../shared/bench/matching beside the repository'
        },
        records: {
            type: 'string',
            default: '100000',
            value: 'count',
            summary: 'Records in the latency org, 1000 to 1000000.'
        },
        seed: { type: 'string', default: '9', value: 'number', summary: 'Seed of the synthetic records.' },
        json: { type: 'boolean', default: false, summary: "Print the result as the sf CLI's JSON envelope." }
    },
    examples: [
        { summary: 'Every set beside the repository:', args: '' },
        { summary: 'Sets elsewhere, in a smaller org:', args: '--sets ~/matching-sets --records 10000' }
    ]
});

const json = wantsJson(process.argv);
const output = createOutput(json);

/** ../shared/bench/matching from the repository root, or from the main checkout when this is a git worktree. */
function defaultSetsDir(): string {
    const beside = resolve(projectRoot, '..', 'shared', 'bench', 'matching');
    if (existsSync(beside)) return beside;
    try {
        const common = execFileSync('git', ['rev-parse', '--path-format=absolute', '--git-common-dir'], {
            cwd: projectRoot,
            encoding: 'utf8'
        }).trim();
        const main = resolve(dirname(common), '..', 'shared', 'bench', 'matching');
        if (existsSync(main)) return main;
    } catch {
        // Not a git checkout: fall through to the conventional path, reported as missing below.
    }
    return beside;
}

function machine(): string {
    const cpu = cpus();
    return `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}

async function run(): Promise<BenchMatchReport> {
    const flags = parseFlags(command, process.argv.slice(2));
    const records = integerFlag('records', flags.records, 1000, 1_000_000)!;
    const seed = integerFlag('seed', flags.seed, 0, 2 ** 31 - 1)!;
    const dir = flags.sets ? resolve(flags.sets) : defaultSetsDir();
    if (!existsSync(dir)) {
        throw new ScriptError('NoSets', `No matching sets at ${dir}. Give the folder with --sets <dir>.`);
    }
    const names = readdirSync(dir, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && existsSync(join(dir, entry.name, 'truth.csv')))
        .map((entry) => entry.name)
        .sort();
    if (names.length === 0) {
        throw new ScriptError('NoSets', `${dir} has no set folders (each with accounts.csv, incoming.csv, truth.csv).`);
    }
    const anchorRows = loadAnchors(dir);
    const sets: SetReport[] = [];
    const missedTargets: string[] = [];
    for (const name of names) {
        output.info(`${name}: matching on the set's records, then in an org of ${records} records…`);
        const { org, truth } = loadSet(join(dir, name));
        const quality = evaluate(name, matchAll(org, 5), truth);
        const latency = measureLatency(org, truth, records, seed);
        output.info(`${name}: end to end through local-org's GraphQL…`);
        const endToEnd = await measureEndToEnd(org, truth, records, seed);
        const anchors = compareWithAnchors(quality, anchorRows);
        sets.push({ quality, anchors, latency, endToEnd });
        for (const figure of anchors.filter((comparison) => comparison.behind)) {
            const column = ANCHOR_FIGURES.find((entry) => entry.key === figure.key)?.column;
            missedTargets.push(`${name}: ${column} ${figure.ours} behind ${figure.bestTool} (${figure.best})`);
        }
        const below = (label: string, value: number, target: number) => {
            if (value < target) missedTargets.push(`${name}: ${label} ${value} (target ≥ ${target})`);
        };
        below('recall@1', quality.recallAt1, TARGETS.recallAt1);
        below('recall@5', quality.recallAt5, TARGETS.recallAt5);
        below('link precision', quality.linkPrecision, TARGETS.linkPrecision);
        below('link coverage', quality.linkCoverage, TARGETS.linkCoverage);
        if (quality.falseLinkRate > TARGETS.falseLinkRate)
            missedTargets.push(`${name}: false links ${quality.falseLinkRate} (target ≤ ${TARGETS.falseLinkRate})`);
        if (latency.p95Ms > P95_TARGET_MS)
            missedTargets.push(`${name}: in-process p95 ${latency.p95Ms} ms (target ≤ ${P95_TARGET_MS} ms)`);
        if (endToEnd.p95Ms > END_TO_END_P95_TARGET_MS)
            missedTargets.push(
                `${name}: end-to-end p95 ${endToEnd.p95Ms} ms (target ≤ ${END_TO_END_P95_TARGET_MS} ms)`
            );
    }
    return {
        success: missedTargets.length === 0,
        date: new Date().toISOString().slice(0, 10),
        machine: machine(),
        sets,
        anchorRows,
        missedTargets
    };
}

/** Ours and each anchor per set, ours marked ▼ where behind the better anchor. */
function anchorTable(report: BenchMatchReport): string {
    const rows: string[][] = [];
    for (const { quality, anchors } of report.sets) {
        if (!anchors.length) continue;
        rows.push([
            quality.set,
            'ours',
            ...anchors.map((figure) => `${figure.ours.toFixed(4)}${figure.behind ? ' ▼' : ''}`)
        ]);
        for (const anchor of report.anchorRows.filter((row) => row.set === quality.set)) {
            rows.push([
                quality.set,
                anchor.tool,
                ...ANCHOR_FIGURES.map((figure) => anchor.figures[figure.key].toFixed(4))
            ]);
        }
    }
    if (!rows.length) return 'No anchors (no ANCHORS.md in the sets folder).';
    return formatTable(['set', 'matcher', ...ANCHOR_FIGURES.map((figure) => figure.column)], rows);
}

function describe(report: BenchMatchReport): string {
    const quality = formatTable(
        [
            'set',
            'submissions',
            'with answer',
            'new',
            'recall@1',
            'recall@5',
            'links',
            'link precision',
            'link coverage',
            'false links'
        ],
        report.sets.map(({ quality: q }) => [
            q.set,
            String(q.submissions),
            String(q.withAnswer),
            String(q.newOnes),
            q.recallAt1.toFixed(4),
            q.recallAt5.toFixed(4),
            String(q.links),
            q.linkPrecision.toFixed(4),
            q.linkCoverage.toFixed(4),
            q.falseLinkRate.toFixed(4)
        ])
    );
    const latency = formatTable(
        ['set', 'org records', 'synthetic', 'index build ms', 'p50 ms', 'p95 ms', 'p99 ms', 'recall@1 in org'],
        report.sets.map(({ quality: q, latency: l }) => [
            q.set,
            String(l.records),
            l.syntheticKind,
            String(l.indexBuildMs),
            l.p50Ms.toFixed(2),
            l.p95Ms.toFixed(2),
            l.p99Ms.toFixed(2),
            l.recallAt1.toFixed(4)
        ])
    );
    const endToEnd = formatTable(
        [
            'set',
            'org records',
            'p50 ms',
            'p95 ms',
            'p99 ms',
            'request p50 ms',
            'request p95 ms',
            'records read',
            'answer retrieved',
            'recall@1'
        ],
        report.sets.map(({ quality: q, endToEnd: e }) => [
            q.set,
            String(e.records),
            e.p50Ms.toFixed(2),
            e.p95Ms.toFixed(2),
            e.p99Ms.toFixed(2),
            e.requestP50Ms.toFixed(2),
            e.requestP95Ms.toFixed(2),
            e.meanCandidates.toFixed(1),
            e.retrievalRecall.toFixed(4),
            e.recallAt1.toFixed(4)
        ])
    );
    const reliability = formatTable(
        ['set', ...report.sets[0].quality.reliability.map((band) => `${band.from}–${band.to}`)],
        report.sets.map(({ quality: q }) => [
            q.set,
            ...q.reliability.map((band) =>
                band.candidates ? `${band.meanScore.toFixed(2)}→${band.observed.toFixed(2)} (${band.candidates})` : '—'
            )
        ])
    );
    return [
        `Matching benchmark, ${report.date}, ${report.machine}`,
        '',
        'Quality (the set\'s own records; coverage = correct links / submissions with an answer; false links = links / "new" submissions)',
        quality,
        '',
        'Ours beside the anchors of ANCHORS.md (▼: behind the better anchor on that figure)',
        anchorTable(report),
        '',
        'Reliability: per score band, mean score → share of listed candidates that are the answer (candidates)',
        reliability,
        '',
        'In-process latency per submission (findMatches: normalise, read key postings, score ≤ 300 candidates, rank; CSV and JSON excluded)',
        latency,
        '',
        "End-to-end latency per submission through local-org's GraphQL (the search's at most two requests, sent together as the agent, + scoring; records read per search, share of answers retrieved)",
        endToEnd,
        '',
        report.missedTargets.length
            ? `Missed targets:\n${report.missedTargets.map((line) => `  - ${line}`).join('\n')}`
            : 'All targets met.'
    ].join('\n');
}

await runScript(json, run, describe);
