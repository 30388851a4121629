/**
 * Demo service requests (issue 22) in every life-cycle state. The org's Service_Request_Lifecycle flow lets a new
 * request start only Pending and then move one allowed transition at a time, and its validation rules lock a
 * Completed or Cancelled request and its contact, account and type: so the seed creates each request Pending, then
 * walks it to its planned status step by step, and never rewrites a request the org already has (a re-run leaves
 * it where it is, and says so).
 */
import { developerNameIn, RECORD_TYPE_RELATIONSHIP, type PlannedRecord } from './plan.ts';
import type { RecordWriter, UpsertRecord, UpsertResult } from './seeding.ts';

export const SERVICE_REQUEST_RECORD_TYPE = 'Service_Request';
export const FIRST_STATUS = 'Pending';

/**
 * The statuses a request passes after Pending to reach each status, along the shipped transitions
 * (force-app/main/default/customMetadata/Service_Request_Transition.*).
 */
export const PATH_FROM_PENDING: Readonly<Record<string, readonly string[]>> = {
    Pending: [],
    Responded: ['Responded'],
    'Temporary Resolved': ['Responded', 'Temporary Resolved'],
    'Final Resolved': ['Responded', 'Final Resolved'],
    Completed: ['Responded', 'Final Resolved', 'Completed'],
    Cancelled: ['Cancelled']
};

/**
 * Fields a step needs, sent with the step that needs them: the org requires a reason to cancel, checks each
 * category against the request's type and step, and holds a request whose category requires the customer's
 * acceptance until Customer_Accepted_On__c is set (sent with the step that moves on; the org then clears it).
 */
const FIELDS_OF_STEP: Readonly<Record<string, readonly string[]>> = {
    Responded: ['Response__c', 'Response_Category__c'],
    'Temporary Resolved': ['Temporary_Resolution_Category__c'],
    'Final Resolved': ['Final_Resolution_Category__c'],
    Completed: ['Customer_Accepted_On__c'],
    Cancelled: ['Cancellation_Reason__c']
};
const STEP_FIELDS = Object.values(FIELDS_OF_STEP).flat();

export function isServiceRequest(record: PlannedRecord): boolean {
    return (
        record.sobject === 'Case' &&
        developerNameIn(record.fields[RECORD_TYPE_RELATIONSHIP]) === SERVICE_REQUEST_RECORD_TYPE
    );
}

/** The statuses to walk after creating; a status the default configuration cannot reach is a plan error. */
export function pathTo(record: PlannedRecord): readonly string[] {
    const status = String(record.fields.Status ?? FIRST_STATUS);
    const path = PATH_FROM_PENDING[status];
    if (!path) {
        throw new Error(
            `${record.source}: service request ${record.referenceId} has status ${status}, which the seed cannot reach from Pending (known: ${Object.keys(PATH_FROM_PENDING).join(', ')}).`
        );
    }
    return path;
}

/** What the create sends: the request as planned, Pending, without the fields of later steps. */
export function asCreated(fields: UpsertRecord): UpsertRecord {
    const created = Object.fromEntries(Object.entries(fields).filter(([field]) => !STEP_FIELDS.includes(field)));
    return { ...created, Status: FIRST_STATUS };
}

/**
 * Walks each created request to its planned status, one update per step (all requests at the same step in one
 * call). A failed step fails that request; its later steps are not sent.
 */
export async function walkToPlannedStatus(
    writer: RecordWriter,
    ready: { record: PlannedRecord; fields: UpsertRecord }[],
    results: UpsertResult[]
): Promise<UpsertResult[]> {
    const merged = [...results];
    const paths = ready.map(({ record }) => (isServiceRequest(record) ? pathTo(record) : []));
    const longest = Math.max(0, ...paths.map((path) => path.length));
    for (let stepIndex = 0; stepIndex < longest; stepIndex++) {
        const moving = ready.flatMap((_entry, index) =>
            merged[index]?.success && merged[index].created && paths[index].length > stepIndex ? [index] : []
        );
        if (moving.length === 0) break;
        const updates = await writer.update(
            'Case',
            moving.map((index) => stepValues(merged[index].id!, paths[index][stepIndex], ready[index].fields))
        );
        moving.forEach((index, position) => {
            const update = updates[position];
            if (!update?.success) {
                merged[index] = {
                    success: false,
                    errors: update?.errors?.length
                        ? update.errors
                        : [
                              {
                                  statusCode: 'NO_RESULT',
                                  message: `The org returned no result when moving the request to ${paths[index][stepIndex]}.`
                              }
                          ]
                };
            }
        });
    }
    return merged;
}

function stepValues(id: string, status: string, fields: UpsertRecord): UpsertRecord {
    const values: UpsertRecord = { Id: id, Status: status };
    for (const field of FIELDS_OF_STEP[status] ?? []) {
        if (field in fields) values[field] = fields[field];
    }
    return values;
}
