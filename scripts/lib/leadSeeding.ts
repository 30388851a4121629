/**
 * Demo leads planned as Won (issue 23). A lead becomes Won only by conversion (validation rule
 * Won_Only_By_Conversion; README, "Leads"), so the seed creates such a lead In Progress and then converts it with
 * the SOAP API's convertLead(), which creates its account, contact and opportunity and sets the converted status.
 * A re-run converts only a planned-Won lead the org has not converted yet (one whose conversion failed before):
 * a second run converts nothing new.
 */
import type { PlannedRecord } from './plan.ts';
import type { UpsertRecord, UpsertResult } from './seeding.ts';

export const WON_STATUS = 'Won';
/** Where a planned-Won lead is created: the step before Won in the life cycle (lwc/leadLifecycle). */
export const BEFORE_WON_STATUS = 'In Progress';

/** What the seed asks the org for Won leads. */
export interface LeadConverter {
    /** Converts each lead (SOAP convertLead, one element per lead), creating its account, contact and opportunity. */
    convertLeads(leadIds: string[], convertedStatus: string): Promise<UpsertResult[]>;
    /** Which of these leads the org has converted already (Lead.IsConverted). */
    convertedLeadIds(leadIds: string[]): Promise<Set<string>>;
}

export function isWonLead(record: PlannedRecord): boolean {
    return record.sobject === 'Lead' && record.fields.Status === WON_STATUS;
}

/** What the create sends for a planned-Won lead: the lead as planned, In Progress. */
export function asCreatedLead(fields: UpsertRecord): UpsertRecord {
    return { ...fields, Status: BEFORE_WON_STATUS };
}

/**
 * Converts the planned-Won leads the org has and has not converted, given their Ids by reference; returns the
 * references whose conversion failed, with the org's errors. Ids compare by their first 15 characters.
 */
export async function convertWonLeads(
    org: LeadConverter,
    wonLeadIds: Map<string, string>
): Promise<{ converted: string[]; failed: Map<string, UpsertResult['errors']> }> {
    const failed = new Map<string, UpsertResult['errors']>();
    if (wonLeadIds.size === 0) return { converted: [], failed };
    const already = new Set([...(await org.convertedLeadIds([...wonLeadIds.values()]))].map((id) => id.slice(0, 15)));
    const pending = [...wonLeadIds].filter(([, id]) => !already.has(id.slice(0, 15)));
    if (pending.length === 0) return { converted: [], failed };
    const results = await org.convertLeads(
        pending.map(([, id]) => id),
        WON_STATUS
    );
    const converted: string[] = [];
    pending.forEach(([referenceId], index) => {
        const result = results[index];
        if (result?.success) converted.push(referenceId);
        else
            failed.set(
                referenceId,
                result?.errors?.length
                    ? result.errors
                    : [{ statusCode: 'NO_RESULT', message: 'The org returned no result when converting the lead.' }]
            );
    });
    return { converted, failed };
}
