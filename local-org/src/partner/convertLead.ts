/**
 * The SOAP API's convertLead() (SOAP API Developer Guide, "convertLead()", "LeadConvert", "LeadConvertResult"): a
 * lead becomes an Account and a Contact, new or existing, and the lead is marked converted (IsConverted,
 * ConvertedAccountId, ConvertedContactId, ConvertedDate, Status set to a converted status). Each LeadConvert
 * succeeds or fails on its own, in its own savepoint, as the call's results are per element.
 *
 * Unless `doNotCreateOpportunity` is true (it is false by default: "An opportunity is created by default"), an
 * Opportunity is created on the account: named `opportunityName`, or the lead's Company when none is given (at most
 * 80 characters; `opportunityName` with `doNotCreateOpportunity` true is an error), Stage the first value of the
 * Stage picklist (Knowledge 000384436: "Salesforce uses the first value in the Stage picklist as default during
 * conversion"), and the lead's ConvertedOpportunityId and the result's `opportunityId` name it.
 * What local-org does not do is refused by name in that element's result: `opportunityId` (an existing
 * Opportunity), an org with Opportunity record types (which sales process's first stage), `accountRecord` /
 * `contactRecord` / `opportunityRecord`, the dedupe bypass flags and `sendNotificationEmail` true (local-org sends
 * no email). Salesforce also adds the contact as the opportunity's primary contact role: local-org has no
 * OpportunityContactRole object.
 * Lead validation rules do not run: Salesforce runs them during conversion only when the Lead Settings option
 * "Require Validation for Converted Leads" is on, and local-org has no Lead Settings.
 * The "Convert Leads" user permission is not modelled: the caller needs Edit on Lead and Create and Edit on Account
 * and Contact, which local-org's built-in users have exactly when their Salesforce profile (Standard User, System
 * Administrator) would also have Convert Leads; the Read Only viewer has neither.
 */
import type { CallContext } from '../context.ts';
import { ApiError, recordError } from '../errors.ts';
import { canonicalId } from '../ids.ts';
import { inSavepoint } from '../savepoint.ts';
import { quoteName } from '../store.ts';
import type { StoredRecord } from '../derive.ts';
import { createRecord, updateRecord, type RecordInput } from '../writes.ts';
import { flag, text, type XmlNode } from '../metadata/xml.ts';

export interface LeadConvertResult {
    accountId: string | null;
    contactId: string | null;
    leadId: string | null;
    opportunityId: string | null;
    success: boolean;
    errors: { statusCode: string; message: string; fields: string[] }[];
}

/** LeadConvert elements local-org refuses, with why (each named in the failed result). */
const UNSUPPORTED_ELEMENTS: Record<string, string> = {
    opportunityId: 'convertLead into an existing Opportunity (opportunityId)',
    accountRecord: 'convertLead with an accountRecord',
    contactRecord: 'convertLead with a contactRecord',
    opportunityRecord: 'convertLead with an opportunityRecord',
    bypassAccountDedupeCheck: 'convertLead with bypassAccountDedupeCheck (local-org has no duplicate rules)',
    bypassContactDedupeCheck: 'convertLead with bypassContactDedupeCheck (local-org has no duplicate rules)'
};

function unsupported(feature: string): ApiError {
    return recordError('NOT_SUPPORTED_BY_LOCAL_ORG', `${feature} is not supported by local-org.`);
}

function idArgument(node: XmlNode, name: string): string | null {
    const raw = text(node, name);
    if (raw === undefined || raw === '') return null;
    const id = canonicalId(raw);
    if (id === null) throw recordError('MALFORMED_ID', `${name}: id value of incorrect type: ${raw}`, [name]);
    return id;
}

function storedRow(ctx: CallContext, objectName: string, id: string): StoredRecord | undefined {
    return ctx.db.prepare(`SELECT * FROM ${quoteName(objectName)} WHERE Id = ? AND IsDeleted = 0`).get(id) as
        StoredRecord | undefined;
}

/** Edit on Lead, Create and Edit on Account and Contact, and on Opportunity when one is created. */
function checkPermissions(ctx: CallContext, createsOpportunity: boolean): void {
    const objects = ['Account', 'Contact', ...(createsOpportunity ? ['Opportunity'] : [])];
    const writable = objects.every((name) => {
        const access = ctx.access.objectAccess(name);
        return access.create && access.edit;
    });
    if (!ctx.access.objectAccess('Lead').edit || !writable) {
        throw recordError('INSUFFICIENT_ACCESS_OR_READONLY', 'insufficient access rights on object id');
    }
}

/** The status to set: an active Lead Status value marked converted (LeadStatus.IsConverted). */
function convertedStatus(ctx: CallContext, node: XmlNode): string {
    const status = text(node, 'convertedStatus') ?? '';
    const field = ctx.schema.field('Lead', 'Status');
    const value = (field?.picklistValues ?? []).find((v) => v.active && v.value === status);
    if (!value || value.converted !== true) {
        // The code is Salesforce's for a bad status; the wording is local-org's (no source quotes it).
        throw recordError('INVALID_STATUS', `invalid convertedStatus: ${status} is not a converted Lead Status`, [
            'convertedStatus'
        ]);
    }
    return value.value;
}

function text0(record: StoredRecord, name: string): string | null {
    const value = record[name];
    return value === null || value === undefined || value === '' ? null : String(value);
}

/** Standard Lead fields onto a new Account (SOAP API guide: "The system automatically maps standard lead fields"). */
function accountFromLead(lead: StoredRecord, ownerId: string): RecordInput {
    return {
        Name: text0(lead, 'Company'),
        Phone: text0(lead, 'Phone'),
        Website: text0(lead, 'Website'),
        Industry: text0(lead, 'Industry'),
        AnnualRevenue: lead.AnnualRevenue ?? null,
        NumberOfEmployees: lead.NumberOfEmployees ?? null,
        BillingStreet: text0(lead, 'Street'),
        BillingCity: text0(lead, 'City'),
        BillingState: text0(lead, 'State'),
        BillingPostalCode: text0(lead, 'PostalCode'),
        BillingCountry: text0(lead, 'Country'),
        OwnerId: ownerId
    };
}

function contactFromLead(lead: StoredRecord, accountId: string, ownerId: string): RecordInput {
    return {
        AccountId: accountId,
        Salutation: text0(lead, 'Salutation'),
        FirstName: text0(lead, 'FirstName'),
        LastName: text0(lead, 'LastName'),
        Title: text0(lead, 'Title'),
        Email: text0(lead, 'Email'),
        Phone: text0(lead, 'Phone'),
        MobilePhone: text0(lead, 'MobilePhone'),
        LeadSource: text0(lead, 'LeadSource'),
        MailingStreet: text0(lead, 'Street'),
        MailingCity: text0(lead, 'City'),
        MailingState: text0(lead, 'State'),
        MailingPostalCode: text0(lead, 'PostalCode'),
        MailingCountry: text0(lead, 'Country'),
        OwnerId: ownerId
    };
}

/**
 * Only the empty fields of an existing record are filled ("only empty fields in the target object are
 * overwritten"); LeadSource is overwritten on the contact when overwriteLeadSource is true.
 */
function emptyFieldsOnly(
    ctx: CallContext,
    objectName: string,
    existing: StoredRecord,
    values: RecordInput,
    overwrite: string[] = []
): RecordInput {
    const update: RecordInput = {};
    for (const [name, value] of Object.entries(values)) {
        if (name === 'OwnerId' || name === 'AccountId' || value === null) continue;
        if (!ctx.schema.field(objectName, name)) continue;
        const current = existing[name];
        if (overwrite.includes(name) || current === null || current === undefined || current === '')
            update[name] = value;
    }
    return update;
}

/** Drops null values and fields the org does not have, so a create sends only what the lead has. */
function present(ctx: CallContext, objectName: string, values: RecordInput): RecordInput {
    return Object.fromEntries(
        Object.entries(values).filter(([name, value]) => value !== null && ctx.schema.field(objectName, name))
    );
}

function convertOne(ctx: CallContext, node: XmlNode): LeadConvertResult {
    for (const [element, feature] of Object.entries(UNSUPPORTED_ELEMENTS)) {
        const value = (node as Record<string, unknown>)[element];
        if (value !== undefined && value !== '' && String(value) !== 'false') throw unsupported(feature);
    }
    if (flag(node, 'sendNotificationEmail')) throw unsupported('convertLead with sendNotificationEmail (no email)');
    const createsOpportunity = !flag(node, 'doNotCreateOpportunity');
    const opportunityName = text(node, 'opportunityName') ?? '';
    if (!createsOpportunity && opportunityName !== '') {
        // SOAP API guide, LeadConvert.opportunityName: with doNotCreateOpportunity true "this field must be left
        // blank; otherwise, an error is returned" (the guide names no code: this one is local-org's).
        throw recordError(
            'FIELD_INTEGRITY_EXCEPTION',
            'opportunityName must be blank when doNotCreateOpportunity is true',
            ['opportunityName']
        );
    }
    checkPermissions(ctx, createsOpportunity);
    const leadId = idArgument(node, 'leadId');
    if (leadId === null)
        throw recordError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [leadId]', ['leadId']);
    const lead = leadId.startsWith('00Q') ? storedRow(ctx, 'Lead', leadId) : undefined;
    if (!lead) throw recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['leadId']);
    if (lead.IsConverted === 1) {
        // Knowledge 000384333: CANNOT_UPDATE_CONVERTED_LEAD once a lead is converted.
        throw recordError('CANNOT_UPDATE_CONVERTED_LEAD', 'cannot reference converted lead');
    }
    const status = convertedStatus(ctx, node);
    const accountId = idArgument(node, 'accountId');
    const contactId = idArgument(node, 'contactId');
    const ownerId = idArgument(node, 'ownerId') ?? String(lead.OwnerId);
    if (!ownerId.startsWith('005')) {
        // Accounts and contacts cannot be owned by a queue: a queue-owned lead needs ownerId.
        throw recordError('INVALID_CROSS_REFERENCE_KEY', 'ownerId: the new records need a user as owner', ['ownerId']);
    }
    if (contactId !== null && accountId === null) {
        throw recordError('REQUIRED_FIELD_MISSING', 'contactId needs the accountId of its account', ['accountId']);
    }
    const overwriteLeadSource = flag(node, 'overwriteLeadSource');

    let account: string;
    if (accountId !== null) {
        const existing = accountId.startsWith('001') ? storedRow(ctx, 'Account', accountId) : undefined;
        if (!existing) throw recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['accountId']);
        const update = emptyFieldsOnly(ctx, 'Account', existing, accountFromLead(lead, ownerId));
        if (Object.keys(update).length > 0) updateRecord(ctx, 'Account', accountId, update);
        account = accountId;
    } else {
        account = createRecord(ctx, 'Account', present(ctx, 'Account', accountFromLead(lead, ownerId)));
    }

    let contact: string;
    if (contactId !== null) {
        const existing = contactId.startsWith('003') ? storedRow(ctx, 'Contact', contactId) : undefined;
        if (!existing) throw recordError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', ['contactId']);
        if (existing.AccountId !== account) {
            throw recordError(
                'INVALID_CROSS_REFERENCE_KEY',
                'contactId: the contact must belong to the account given as accountId',
                ['contactId']
            );
        }
        const update = emptyFieldsOnly(
            ctx,
            'Contact',
            existing,
            contactFromLead(lead, account, ownerId),
            overwriteLeadSource ? ['LeadSource'] : []
        );
        if (Object.keys(update).length > 0) updateRecord(ctx, 'Contact', contactId, update);
        contact = contactId;
    } else {
        contact = createRecord(ctx, 'Contact', present(ctx, 'Contact', contactFromLead(lead, account, ownerId)));
    }

    const opportunity = createsOpportunity
        ? createRecord(ctx, 'Opportunity', opportunityFromLead(ctx, lead, { opportunityName, account, ownerId }))
        : null;
    markConverted(ctx, leadId, { status, account, contact, opportunity });
    return { accountId: account, contactId: contact, leadId, opportunityId: opportunity, success: true, errors: [] };
}

/** The new Opportunity: the given name or the lead's Company, the first Stage, closing at the quarter's end. */
function opportunityFromLead(
    ctx: CallContext,
    lead: StoredRecord,
    to: { opportunityName: string; account: string; ownerId: string }
): RecordInput {
    const name = to.opportunityName || (text0(lead, 'Company') ?? '');
    if (name.length > 80) {
        throw recordError('STRING_TOO_LONG', 'opportunityName: data value too large (max length=80)', [
            'opportunityName'
        ]);
    }
    if ((ctx.schema.object('Opportunity')?.recordTypes ?? []).length > 0) {
        throw unsupported('Creating an Opportunity in convertLead in an org with Opportunity record types');
    }
    const stage = (ctx.schema.field('Opportunity', 'StageName')?.picklistValues ?? []).find((v) => v.active);
    return present(ctx, 'Opportunity', {
        Name: name,
        AccountId: to.account,
        StageName: stage?.value ?? null,
        CloseDate: endOfQuarter(ctx.now),
        LeadSource: text0(lead, 'LeadSource'),
        OwnerId: to.ownerId
    });
}

/**
 * The new opportunity's Close Date (required): the last day of the current calendar quarter. No Salesforce page we
 * found states the Close Date convertLead sets, so this is local-org's choice; the caller can change it afterwards.
 */
function endOfQuarter(now: Date): string {
    const quarterEndMonth = Math.floor(now.getUTCMonth() / 3) * 3 + 3;
    return new Date(Date.UTC(now.getUTCFullYear(), quarterEndMonth, 0)).toISOString().slice(0, 10);
}

/** Conversion fields are read-only to every API: only convertLead writes them, directly. */
function markConverted(
    ctx: CallContext,
    leadId: string,
    to: { status: string; account: string; contact: string; opportunity: string | null }
) {
    const now = ctx.now.toISOString();
    ctx.db
        .prepare(
            `UPDATE "Lead" SET IsConverted = 1, Status = ?, ConvertedAccountId = ?, ConvertedContactId = ?,
             ConvertedOpportunityId = ?, ConvertedDate = ?, LastModifiedDate = ?, LastModifiedById = ?,
             SystemModstamp = ? WHERE Id = ?`
        )
        .run(to.status, to.account, to.contact, to.opportunity, now.slice(0, 10), now, ctx.userId, now, leadId);
}

/** One LeadConvert element → its result; a failure rolls back what that element wrote and nothing else. */
export function convertLead(ctx: CallContext, node: XmlNode): LeadConvertResult {
    try {
        return inSavepoint(ctx, () => convertOne(ctx, node));
    } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return {
            accountId: null,
            contactId: null,
            leadId: null,
            opportunityId: null,
            success: false,
            errors: [error.toRecordError()]
        };
    }
}
