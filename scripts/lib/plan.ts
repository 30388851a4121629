/**
 * Reads `sf data import tree` plans (data/*-plan.json) into the records the seed script upserts, and checks them
 * before anything is sent: every record needs a unique Caseline_Key__c, and every `@Ref` must name a record of an
 * earlier step (parents load first, as in the CLI).
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ScriptError } from './cli.ts';

export const EXTERNAL_ID_FIELD = 'Caseline_Key__c';
/** The relationship a plan names a record type through; the seed sends RecordTypeId instead. */
export const RECORD_TYPE_RELATIONSHIP = 'RecordType';

export type PlanEntry = { sobject: string; saveRefs?: boolean; resolveRefs?: boolean; files: string[] };
export type Scalar = string | number | boolean | null;
/**
 * A lookup by a unique field of the parent instead of its Id, e.g. "Account": { "Caseline_Key__c": "DEMO-ACC-001" }.
 * Record types are named by DeveloperName, "RecordType": { "DeveloperName": "Web_Form" }, never by label: an org
 * may rename or translate a label, and labels repeat across objects. The seed resolves them per object.
 */
export type LookupReference = Record<string, string>;
export type FieldValue = Scalar | LookupReference;
export type PlannedRecord = {
    sobject: string;
    referenceId: string;
    /** The plan's record file the record came from, for error messages. */
    source: string;
    fields: Record<string, FieldValue>;
};
export type PlanStep = { sobject: string; records: PlannedRecord[] };

export async function readPlan(planFile: string): Promise<PlanStep[]> {
    const entries = parsePlan(await readJson(planFile), planFile);
    const steps: PlanStep[] = [];
    for (const entry of entries) {
        const records: PlannedRecord[] = [];
        for (const file of entry.files) {
            const path = join(dirname(planFile), file);
            records.push(...parseRecordFile(await readJson(path), entry.sobject, file));
        }
        steps.push({ sobject: entry.sobject, records });
    }
    checkPlan(steps, planFile);
    return steps;
}

async function readJson(file: string): Promise<unknown> {
    let text: string;
    try {
        text = await readFile(file, 'utf8');
    } catch {
        throw new ScriptError('PlanNotFound', `Cannot read ${file}.`);
    }
    try {
        return JSON.parse(text);
    } catch (error) {
        throw new ScriptError('InvalidPlan', `${file} is not valid JSON: ${(error as Error).message}`);
    }
}

export function parsePlan(value: unknown, planFile: string): PlanEntry[] {
    const valid =
        Array.isArray(value) &&
        value.every(
            (entry) =>
                typeof entry?.sobject === 'string' &&
                Array.isArray(entry.files) &&
                entry.files.every((file: unknown) => typeof file === 'string')
        );
    if (!valid) {
        throw new ScriptError(
            'InvalidPlan',
            `${planFile} must be an array of { "sobject": string, "files": string[] } (the sf data import tree plan format).`
        );
    }
    return value as PlanEntry[];
}

export function parseRecordFile(value: unknown, sobject: string, file: string): PlannedRecord[] {
    const records = (value as { records?: unknown })?.records;
    if (!Array.isArray(records)) {
        throw new ScriptError('InvalidPlan', `${file} must be { "records": [...] } (the sObject tree format).`);
    }
    return records.map((record, index) => {
        const { attributes, ...fields } = (record ?? {}) as { attributes?: { type?: string; referenceId?: string } };
        if (attributes?.type !== sobject || typeof attributes.referenceId !== 'string' || !attributes.referenceId) {
            throw new ScriptError(
                'InvalidPlan',
                `${file} record ${index + 1} needs "attributes": { "type": "${sobject}", "referenceId": "..." }.`
            );
        }
        for (const [field, fieldValue] of Object.entries(fields)) {
            if (fieldValue !== null && typeof fieldValue === 'object' && !isLookupReference(fieldValue)) {
                throw new ScriptError(
                    'InvalidPlan',
                    `${file} ${attributes.referenceId}.${field}: only lookups by one field (e.g. { "Caseline_Key__c": "K-1" }) ` +
                        'may be nested; list child records in their own file.'
                );
            }
        }
        const recordType = (fields as Record<string, unknown>)[RECORD_TYPE_RELATIONSHIP];
        if (recordType !== undefined && developerNameIn(recordType) === undefined) {
            throw new ScriptError(
                'InvalidPlan',
                `${file} ${attributes.referenceId}.RecordType: name the record type by its DeveloperName, ` +
                    '{ "DeveloperName": "Web_Form" }; a label can be renamed or translated in an org.'
            );
        }
        return {
            sobject,
            referenceId: attributes.referenceId,
            source: file,
            fields: fields as Record<string, FieldValue>
        };
    });
}

function checkPlan(steps: PlanStep[], planFile: string): void {
    const seenRefs = new Set<string>();
    for (const step of steps) {
        const keys = new Set<string>();
        for (const record of step.records) {
            const where = `${record.source} ${record.referenceId}`;
            if (seenRefs.has(record.referenceId)) {
                throw new ScriptError('InvalidPlan', `${where}: referenceId is used twice in ${planFile}.`);
            }
            const key = record.fields[EXTERNAL_ID_FIELD];
            if (typeof key !== 'string' || key.trim() === '') {
                throw new ScriptError('InvalidPlan', `${where}: needs ${EXTERNAL_ID_FIELD} so seeding can upsert it.`);
            }
            if (keys.has(key.toLowerCase())) {
                throw new ScriptError('InvalidPlan', `${where}: ${EXTERNAL_ID_FIELD} "${key}" is used twice.`);
            }
            keys.add(key.toLowerCase());
            for (const [field, value] of Object.entries(record.fields)) {
                const ref = referenceIn(value);
                if (ref !== undefined && !seenRefs.has(ref)) {
                    throw new ScriptError(
                        'InvalidPlan',
                        `${where}: ${field} refers to @${ref}, which no earlier step of ${planFile} defines.`
                    );
                }
            }
        }
        step.records.forEach((record) => seenRefs.add(record.referenceId));
    }
}

export function isLookupReference(value: unknown): value is LookupReference {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        return false;
    }
    const entries = Object.entries(value);
    return entries.length === 1 && typeof entries[0][1] === 'string';
}

/** The referenceId a field value points to (`@AccountRef1` → `AccountRef1`), if it is a reference. */
export function referenceIn(value: FieldValue): string | undefined {
    return typeof value === 'string' && value.startsWith('@') ? value.slice(1) : undefined;
}

/** The DeveloperName of a `{ "DeveloperName": "..." }` record type lookup, if the value is one. */
export function developerNameIn(value: unknown): string | undefined {
    if (!isLookupReference(value)) {
        return undefined;
    }
    const entries = Object.entries(value);
    return entries[0][0] === 'DeveloperName' && entries[0][1] !== '' ? entries[0][1] : undefined;
}
