/**
 * The anchors of the matching benchmark: the figures of well-known open-source matchers on the same sets, read from
 * the table in the sets folder's ANCHORS.md (`| set | tool | recall@1 | recall@5 | link precision | link coverage |
 * false links | new recognised |`), and the comparison of ours with the better anchor, figure by figure.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { QualityFigures } from './matchQuality.ts';

/** The figures ANCHORS.md gives, in its column order, and which way is better. */
export const ANCHOR_FIGURES = [
    { column: 'recall@1', key: 'recallAt1', higherIsBetter: true },
    { column: 'recall@5', key: 'recallAt5', higherIsBetter: true },
    { column: 'link precision', key: 'linkPrecision', higherIsBetter: true },
    { column: 'link coverage', key: 'linkCoverage', higherIsBetter: true },
    { column: 'false links', key: 'falseLinkRate', higherIsBetter: false },
    { column: 'new recognised', key: 'newRecognised', higherIsBetter: true }
] as const;

export type AnchorFigureKey = (typeof ANCHOR_FIGURES)[number]['key'];

export interface Anchor {
    set: string;
    tool: string;
    figures: Record<AnchorFigureKey, number>;
}

export interface AnchorComparison {
    key: AnchorFigureKey;
    ours: number;
    /** The better anchor's figure, and whose it is. */
    best: number;
    bestTool: string;
    behind: boolean;
}

/**
 * The anchors' rows of ANCHORS.md in the sets folder, or none when there is no such file. A table whose header
 * does not have the expected columns is refused, so that a changed file is not read wrong.
 */
export function loadAnchors(setsDir: string): Anchor[] {
    const file = join(setsDir, 'ANCHORS.md');
    if (!existsSync(file)) return [];
    const rows = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim().startsWith('|'))
        .map((line) =>
            line
                .trim()
                .replace(/^\||\|$/g, '')
                .split('|')
                .map((cell) => cell.trim())
        );
    const header = rows.find((cells) => cells[0] === 'set' && cells[1] === 'tool');
    if (!header) return [];
    const positions = ANCHOR_FIGURES.map((figure) => header.indexOf(figure.column));
    if (positions.some((position) => position < 0)) {
        throw new Error(
            `${file}: the anchors table lacks a column of ${ANCHOR_FIGURES.map((f) => f.column).join(', ')}`
        );
    }
    return rows
        .filter((cells) => cells !== header && !/^-+$/.test(cells[0]) && cells.length === header.length)
        .map((cells) => ({
            set: cells[0],
            tool: cells[1],
            figures: Object.fromEntries(
                ANCHOR_FIGURES.map((figure, i) => [figure.key, Number(cells[positions[i]])])
            ) as Record<AnchorFigureKey, number>
        }));
}

/** Ours against the better anchor of the set, per figure; empty when the set has no anchors. */
export function compareWithAnchors(quality: QualityFigures, anchors: Anchor[]): AnchorComparison[] {
    const mine = anchors.filter((anchor) => anchor.set === quality.set);
    if (!mine.length) return [];
    return ANCHOR_FIGURES.map((figure) => {
        const sorted = [...mine].sort((a, b) =>
            figure.higherIsBetter
                ? b.figures[figure.key] - a.figures[figure.key]
                : a.figures[figure.key] - b.figures[figure.key]
        );
        const best = sorted[0];
        const ours = quality[figure.key];
        const behind = figure.higherIsBetter ? ours < best.figures[figure.key] : ours > best.figures[figure.key];
        return { key: figure.key, ours, best: best.figures[figure.key], bestTool: best.tool, behind };
    });
}
