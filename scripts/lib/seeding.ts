/**
 * Loads plan steps in order, upserting by Caseline_Key__c so a re-run creates nothing twice. References (`@Ref`)
 * become the Ids the org returned for earlier steps. A record whose parent failed is not sent; it is reported with
 * the reason. Nothing is dropped: every record ends up in `loaded` or `failures`.
 */
import { EXTERNAL_ID_FIELD, referenceIn, type FieldValue, type PlanStep, type PlannedRecord } from './plan.ts';

export type RecordError = { statusCode: string; message: string; fields?: string[] };
export type UpsertResult = { id?: string; success: boolean; created?: boolean; errors: RecordError[] };
export type UpsertRecord = Record<string, FieldValue>;

/** Writes one object's records and returns one result per record, in input order. */
export interface RecordWriter {
    upsert(sobject: string, records: UpsertRecord[], onProgress: (done: number) => void): Promise<UpsertResult[]>;
}

export type SeedFailure = { sobject: string; referenceId: string; key: string; source: string; errors: RecordError[] };
export type StepReport = { sobject: string; created: number; updated: number; failed: number };
export type SeedReport = { success: boolean; steps: StepReport[]; failures: SeedFailure[] };

export type SeedProgress = {
    startStep(sobject: string, total: number): void;
    advance(done: number): void;
    endStep(): void;
};

export async function seed(steps: PlanStep[], writer: RecordWriter, progress: SeedProgress): Promise<SeedReport> {
    const idsByRef = new Map<string, string>();
    const failedRefs = new Set<string>();
    const report: SeedReport = { success: true, steps: [], failures: [] };

    for (const step of steps) {
        const stepReport: StepReport = { sobject: step.sobject, created: 0, updated: 0, failed: 0 };
        const ready: { record: PlannedRecord; fields: UpsertRecord }[] = [];
        for (const record of step.records) {
            const resolved = resolveReferences(record, idsByRef);
            if ('blockedBy' in resolved) {
                failedRefs.add(record.referenceId);
                report.failures.push(failure(record, [resolved.blockedBy]));
                stepReport.failed++;
            } else {
                ready.push({ record, fields: resolved.fields });
            }
        }
        progress.startStep(step.sobject, ready.length);
        const results = ready.length
            ? await writer.upsert(
                  step.sobject,
                  ready.map((entry) => entry.fields),
                  (done) => progress.advance(done)
              )
            : [];
        progress.endStep();
        ready.forEach(({ record }, index) => {
            const result = results[index];
            if (result?.success && result.id) {
                idsByRef.set(record.referenceId, result.id);
                if (result.created) {
                    stepReport.created++;
                } else {
                    stepReport.updated++;
                }
            } else {
                failedRefs.add(record.referenceId);
                const errors = result?.errors?.length
                    ? result.errors
                    : [{ statusCode: 'NO_RESULT', message: 'The org returned no result for this record.' }];
                report.failures.push(failure(record, errors));
                stepReport.failed++;
            }
        });
        report.steps.push(stepReport);
    }
    report.success = report.failures.length === 0;
    return report;
}

function resolveReferences(
    record: PlannedRecord,
    idsByRef: Map<string, string>
): { fields: UpsertRecord } | { blockedBy: RecordError } {
    const fields: UpsertRecord = {};
    for (const [field, value] of Object.entries(record.fields)) {
        const ref = referenceIn(value);
        if (ref === undefined) {
            fields[field] = value;
            continue;
        }
        const id = idsByRef.get(ref);
        if (!id) {
            return {
                blockedBy: {
                    statusCode: 'PARENT_NOT_LOADED',
                    message: `Not sent: ${field} refers to ${ref}, which failed to load.`,
                    fields: [field]
                }
            };
        }
        fields[field] = id;
    }
    return { fields };
}

function failure(record: PlannedRecord, errors: RecordError[]): SeedFailure {
    return {
        sobject: record.sobject,
        referenceId: record.referenceId,
        key: String(record.fields[EXTERNAL_ID_FIELD]),
        source: record.source,
        errors
    };
}
