/**
 * Loads plan steps in order, upserting by Caseline_Key__c so a re-run creates nothing twice. References (`@Ref`)
 * become the Ids the org returned for earlier steps. A record whose parent failed is not sent; it is reported with
 * the reason. Nothing is dropped: every record ends up in `loaded` or `failures`.
 */
import {
    EXTERNAL_ID_FIELD,
    RECORD_TYPE_RELATIONSHIP,
    developerNameIn,
    referenceIn,
    type FieldValue,
    type PlanStep,
    type PlannedRecord
} from './plan.ts';
import { MATCH_KEY_DEFINITIONS, storedMatchKeys } from './recordMatcher.ts';
import { asCreated, isServiceRequest, walkToPlannedStatus } from './serviceRequestSeeding.ts';
import { asCreatedLead, convertWonLeads, isWonLead, type LeadConverter } from './leadSeeding.ts';

export type RecordError = { statusCode: string; message: string; fields?: string[] };
export type UpsertResult = { id?: string; success: boolean; created?: boolean; errors: RecordError[] };
export type UpsertRecord = Record<string, FieldValue>;

/** Writes one object's records and returns one result per record, in input order. */
export interface RecordWriter {
    upsert(sobject: string, records: UpsertRecord[], onProgress: (done: number) => void): Promise<UpsertResult[]>;
    /** Updates records by Id (each record carries `Id`). */
    update(sobject: string, records: UpsertRecord[]): Promise<UpsertResult[]>;
}

/** What the seed asks the org before it writes. */
export interface SeedLookups {
    /** The object's record type Ids by DeveloperName (SobjectType and DeveloperName identify one; labels do not). */
    recordTypeIds(sobject: string): Promise<Map<string, string>>;
    /** Which of these Caseline_Key__c values name contracts the org already has activated (lower-cased). */
    activatedContractKeys(keys: string[]): Promise<Set<string>>;
    /** The Ids of the object's records with these Caseline_Key__c values, by lower-cased key. */
    existingIds(sobject: string, keys: string[]): Promise<Map<string, string>>;
}

export type SeedOrg = RecordWriter & SeedLookups & LeadConverter;

/**
 * Fields Salesforce only lets a record reach after it exists: a Contract is created in Draft and activated by an
 * update. Seeding upserts without the field (new records take the default) and then sets it by Id.
 */
export const SET_AFTER_CREATE: Readonly<Record<string, string>> = { Contract: 'Status' };

/**
 * Fields Salesforce locks once a contract is activated (status category Activated, which takes in every status
 * grouped with it: Pending Cancellation and Cancelled in our data). Knowledge Article 000385190 "Cannot Edit a
 * Salesforce Contract's Account Name After It Has Been Activated": Account Name and Contract Currency become
 * read-only. A re-run leaves them as the org has them and reports that it did.
 */
export const CONTRACT_FIELDS_LOCKED_ONCE_ACTIVATED: readonly string[] = ['AccountId', 'CurrencyIsoCode'];

/**
 * Objects the seed creates but never rewrites. A demo lead moves on through its life cycle in the org, and a closed
 * lead is locked by validation rule Closed_Lead_Is_Locked (a converted one is read-only to the API): a re-run
 * leaves the org's leads as they are and reports that it did.
 */
export const CREATE_ONLY: readonly string[] = ['Lead'];

/** Demo leads and demo service requests (their life cycle locks them too: see serviceRequestSeeding.ts). */
function isCreateOnly(record: PlannedRecord): boolean {
    return CREATE_ONLY.includes(record.sobject) || isServiceRequest(record);
}

export type SeedFailure = { sobject: string; referenceId: string; key: string; source: string; errors: RecordError[] };
/** A saved record some of whose planned fields were not sent because the org locks them. */
export type LeftAlone = { sobject: string; referenceId: string; key: string; fields: string[]; reason: string };
export type StepReport = { sobject: string; created: number; updated: number; failed: number };
export type SeedReport = {
    success: boolean;
    steps: StepReport[];
    failures: SeedFailure[];
    leftAlone: LeftAlone[];
    /** References of the demo leads this run converted (planned Won: see leadSeeding.ts). */
    convertedLeads: string[];
};

export type SeedProgress = {
    startStep(sobject: string, total: number): void;
    advance(done: number): void;
    endStep(): void;
};

export async function seed(steps: PlanStep[], writer: SeedOrg, progress: SeedProgress): Promise<SeedReport> {
    const idsByRef = new Map<string, string>();
    const failedRefs = new Set<string>();
    const report: SeedReport = { success: true, steps: [], failures: [], leftAlone: [], convertedLeads: [] };

    for (const step of steps) {
        const stepReport: StepReport = { sobject: step.sobject, created: 0, updated: 0, failed: 0 };
        const ready: { record: PlannedRecord; fields: UpsertRecord }[] = [];
        const recordTypes = await recordTypesFor(writer, step);
        for (const record of step.records) {
            const resolved = resolveReferences(record, idsByRef, recordTypes);
            if ('blockedBy' in resolved) {
                failedRefs.add(record.referenceId);
                report.failures.push(failure(record, [resolved.blockedBy]));
                stepReport.failed++;
            } else {
                ready.push({ record, fields: resolved.fields });
            }
        }
        await leaveExistingAlone(writer, step.sobject, ready, idsByRef, report);
        const locked = await lockedFields(writer, step.sobject, ready);
        progress.startStep(step.sobject, ready.length);
        const lateField = SET_AFTER_CREATE[step.sobject];
        const payloads = ready.map((entry, index) => {
            const fields = isServiceRequest(entry.record)
                ? asCreated(entry.fields)
                : isWonLead(entry.record)
                  ? asCreatedLead(entry.fields)
                  : entry.fields;
            return withStoredMatchKeys(
                step.sobject,
                without(fields, [...(lateField ? [lateField] : []), ...(locked[index] ?? [])])
            );
        });
        let results = ready.length ? await writer.upsert(step.sobject, payloads, (done) => progress.advance(done)) : [];
        if (lateField) {
            results = await setAfterCreate(writer, step.sobject, lateField, ready, results);
        }
        if (ready.some(({ record }) => isServiceRequest(record))) {
            results = await walkToPlannedStatus(writer, ready, results);
        }
        progress.endStep();
        ready.forEach(({ record }, index) => {
            const result = results[index];
            if (result?.success && result.id) {
                idsByRef.set(record.referenceId, result.id);
                if (locked[index]?.length) {
                    report.leftAlone.push(leftAlone(record, locked[index]));
                }
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
        await convertPlannedWonLeads(writer, step, idsByRef, report, stepReport);
        report.steps.push(stepReport);
    }
    report.success = report.failures.length === 0;
    return report;
}

/** Converts the step's planned-Won leads the org has (created now or before) and has not converted yet. */
async function convertPlannedWonLeads(
    writer: LeadConverter,
    step: PlanStep,
    idsByRef: Map<string, string>,
    report: SeedReport,
    stepReport: StepReport
): Promise<void> {
    const won = step.records.filter((record) => isWonLead(record) && idsByRef.has(record.referenceId));
    const { converted, failed } = await convertWonLeads(
        writer,
        new Map(won.map((record) => [record.referenceId, idsByRef.get(record.referenceId)!]))
    );
    report.convertedLeads.push(...converted);
    for (const record of won) {
        const errors = failed.get(record.referenceId);
        if (!errors) continue;
        report.failures.push(
            failure(
                record,
                errors.map((error) => ({ ...error, message: `Saved but not converted to Won: ${error.message}` }))
            )
        );
        stepReport.failed++;
    }
}

/**
 * An Account's or Contact's payload with its match keys (Match_*_Key__c), computed by the shared key builder from the
 * record as the plan gives it (a field the plan leaves out counts as blank: a plan record is the whole record), so
 * seeded records are found by the intake search even in an org whose match-key flows are not active.
 */
export function withStoredMatchKeys(sobject: string, fields: UpsertRecord): UpsertRecord {
    if (!(sobject in MATCH_KEY_DEFINITIONS)) {
        return fields;
    }
    return { ...fields, ...storedMatchKeys(sobject as 'Account' | 'Contact', fields) };
}

function without(fields: UpsertRecord, omitted: string[]): UpsertRecord {
    return Object.fromEntries(Object.entries(fields).filter(([field]) => !omitted.includes(field)));
}

/**
 * Per ready record, the planned fields not to send because the org has that contract activated and locks them
 * (none for records the org does not have yet, or for other objects).
 */
async function lockedFields(
    writer: SeedLookups,
    sobject: string,
    ready: { record: PlannedRecord; fields: UpsertRecord }[]
): Promise<string[][]> {
    if (sobject !== 'Contract' || ready.length === 0) {
        return [];
    }
    const activated = await writer.activatedContractKeys(ready.map(({ record }) => keyOf(record)));
    return ready.map(({ record, fields }) =>
        activated.has(keyOf(record).toLowerCase())
            ? CONTRACT_FIELDS_LOCKED_ONCE_ACTIVATED.filter((field) => field in fields)
            : []
    );
}

/** Create-only records (isCreateOnly) the org already has are taken out of `ready`, their Ids kept for references. */
async function leaveExistingAlone(
    writer: SeedLookups,
    sobject: string,
    ready: { record: PlannedRecord; fields: UpsertRecord }[],
    idsByRef: Map<string, string>,
    report: SeedReport
): Promise<void> {
    const createOnly = ready.filter(({ record }) => isCreateOnly(record));
    if (createOnly.length === 0) {
        return;
    }
    const existing = await writer.existingIds(
        sobject,
        createOnly.map(({ record }) => keyOf(record))
    );
    const kept = ready.filter(({ record }) => {
        const id = isCreateOnly(record) ? existing.get(keyOf(record).toLowerCase()) : undefined;
        if (id === undefined) {
            return true;
        }
        idsByRef.set(record.referenceId, id);
        report.leftAlone.push({
            sobject,
            referenceId: record.referenceId,
            key: keyOf(record),
            fields: [],
            reason: isServiceRequest(record)
                ? 'The org already has this request; the seed creates demo service requests and never rewrites them (their life cycle moves on in the org).'
                : 'The org already has this record; the seed creates demo leads and never rewrites them.'
        });
        return false;
    });
    ready.splice(0, ready.length, ...kept);
}

function keyOf(record: PlannedRecord): string {
    return String(record.fields[EXTERNAL_ID_FIELD]);
}

function leftAlone(record: PlannedRecord, fields: string[]): LeftAlone {
    return {
        sobject: record.sobject,
        referenceId: record.referenceId,
        key: keyOf(record),
        fields,
        reason: 'The contract is activated: Salesforce locks these fields, so the org keeps its values.'
    };
}

/** Sets the late field on every saved record that has it; a failed update fails that record. */
async function setAfterCreate(
    writer: RecordWriter,
    sobject: string,
    field: string,
    ready: { fields: UpsertRecord }[],
    results: UpsertResult[]
): Promise<UpsertResult[]> {
    const pending = ready.flatMap(({ fields }, index) =>
        results[index]?.success && results[index].id && field in fields ? [index] : []
    );
    if (pending.length === 0) {
        return results;
    }
    const updates = await writer.update(
        sobject,
        pending.map((index) => ({ Id: results[index].id!, [field]: ready[index].fields[field] }))
    );
    const merged = [...results];
    pending.forEach((index, position) => {
        const update = updates[position];
        if (!update?.success) {
            merged[index] = {
                success: false,
                errors: update?.errors?.length
                    ? update.errors
                    : [{ statusCode: 'NO_RESULT', message: `The org returned no result when setting ${field}.` }]
            };
        }
    });
    return merged;
}

/** The step object's record types, asked of the org only when a record of the step names one. */
async function recordTypesFor(writer: SeedLookups, step: PlanStep): Promise<Map<string, string>> {
    const namesOne = step.records.some((record) => RECORD_TYPE_RELATIONSHIP in record.fields);
    return namesOne ? writer.recordTypeIds(step.sobject) : new Map();
}

function resolveReferences(
    record: PlannedRecord,
    idsByRef: Map<string, string>,
    recordTypes: Map<string, string>
): { fields: UpsertRecord } | { blockedBy: RecordError } {
    const fields: UpsertRecord = {};
    for (const [field, value] of Object.entries(record.fields)) {
        if (field === RECORD_TYPE_RELATIONSHIP) {
            const developerName = developerNameIn(value) ?? '';
            const id = recordTypes.get(developerName);
            if (!id) {
                return {
                    blockedBy: {
                        statusCode: 'RECORD_TYPE_NOT_FOUND',
                        message: `Not sent: the org has no ${record.sobject} record type ${developerName} (DeveloperName); deploy force-app first.`,
                        fields: ['RecordTypeId']
                    }
                };
            }
            fields.RecordTypeId = id;
            continue;
        }
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
        key: keyOf(record),
        source: record.source,
        errors
    };
}
