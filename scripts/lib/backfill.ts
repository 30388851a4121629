/**
 * Backfill of the stored match keys (Match_*_Key__c) in an existing org: reads every Account and Contact with the
 * fields their keys come from, computes the keys with the shared key builder (the one the before-save flows were
 * generated from), and updates only the records whose stored keys are missing or stale, through the project's
 * RecordWriter (sObject Collections, or Bulk API 2.0 above its threshold). A second run finds nothing to update.
 */
import { MATCH_KEY_DEFINITIONS, MATCH_KEY_SOURCES, storedMatchKeys } from './recordMatcher.ts';
import type { RecordError, RecordWriter, UpsertRecord } from './seeding.ts';

export const BACKFILL_OBJECTS = ['Account', 'Contact'] as const;
export type BackfillObject = (typeof BACKFILL_OBJECTS)[number];

/** Reads every record of an object with the given fields (all pages). */
export type RecordReader = (sobject: BackfillObject, fields: string[]) => Promise<Record<string, unknown>[]>;

export type BackfillStep = { sobject: BackfillObject; scanned: number; stale: number; updated: number; failed: number };
export type BackfillFailure = { sobject: BackfillObject; id: string; errors: RecordError[] };
export type BackfillReport = { success: boolean; steps: BackfillStep[]; failures: BackfillFailure[] };

export function keyFields(sobject: BackfillObject): string[] {
    return MATCH_KEY_DEFINITIONS[sobject].map((definition) => definition.field);
}

/** The update a record needs (Id and its keys), or null when its stored keys are current. */
export function keyUpdate(sobject: BackfillObject, record: Record<string, unknown>): UpsertRecord | null {
    const expected = storedMatchKeys(sobject, record) as unknown as Record<string, string | null>;
    const stale = keyFields(sobject).some((field) => (record[field] ?? null) !== expected[field]);
    return stale ? { Id: String(record.Id), ...expected } : null;
}

export async function backfillMatchKeys(
    read: RecordReader,
    writer: RecordWriter,
    onStep: (sobject: BackfillObject, stale: number) => void = () => {}
): Promise<BackfillReport> {
    const report: BackfillReport = { success: true, steps: [], failures: [] };
    for (const sobject of BACKFILL_OBJECTS) {
        const records = await read(sobject, ['Id', ...MATCH_KEY_SOURCES[sobject], ...keyFields(sobject)]);
        const updates = records.map((record) => keyUpdate(sobject, record)).filter((update) => update !== null);
        onStep(sobject, updates.length);
        const step: BackfillStep = { sobject, scanned: records.length, stale: updates.length, updated: 0, failed: 0 };
        const results = updates.length ? await writer.update(sobject, updates) : [];
        updates.forEach((update, index) => {
            const result = results[index];
            if (result?.success) {
                step.updated++;
            } else {
                step.failed++;
                report.failures.push({
                    sobject,
                    id: String(update.Id),
                    errors: result?.errors?.length
                        ? result.errors
                        : [{ statusCode: 'NO_RESULT', message: 'The org returned no result for this record.' }]
                });
            }
        });
        report.steps.push(step);
    }
    report.success = report.failures.length === 0;
    return report;
}
