/**
 * Web-to-Case (`POST /servlet/servlet.WebToCase`): a public form post becomes a case with Origin Web, created as
 * the org's admin (Salesforce's default case owner) through the same write engine, so validation rules and flows
 * apply. When exactly one contact has the submitted email, the case is linked to it and its account.
 *
 * What a post may fill: the standard fields by their form names (`name`, `email`, `subject`...), the record type by
 * Id (`recordType`), and, by field id (`00N…`, as listMetadata gives it), only the custom fields listed in the org's
 * Case field set `Web_To_Case_Fields` (deployed metadata: local-org's allow-list for anonymous posts). Any other
 * parameter is ignored: a standard field by API name (OwnerId, AccountId, ParentId...), a custom field by API name,
 * a custom field not on the list. Salesforce's guidelines ("Web-to-Case Guidelines and Limits") let a form carry
 * standard and custom case fields and name no such list; local-org keeps unlisted custom fields (keys, review
 * fields) out of reach of an anonymous post.
 *
 * At most 5,000 cases a day (rolling 24 hours), Salesforce's limit. Past it Salesforce keeps requests in a pending
 * request queue, creates them when the limit refreshes and emails the default case owner (Knowledge 000382807,
 * "Web-to-Case and Web-to-Lead Daily Limits Exceeded"); local-org has no pending queue or email, so it refuses the
 * post by name and creates nothing.
 */
import type { CallContext } from './context.ts';
import { ApiError } from './errors.ts';
import { canonicalId } from './ids.ts';
import { fieldSetFields } from './metadata/fieldSets.ts';
import { readMetadata } from './metadata/stored.ts';
import type { XmlNode } from './metadata/xml.ts';
import type { LocalOrg } from './org.ts';
import type { FieldDef, ObjectDef } from './schema.ts';
import { quoteName, type Db } from './store.ts';
import { createRecord } from './writes.ts';

/** Standard form fields and the Case fields they fill. */
const FORM_FIELDS: Record<string, string> = {
    name: 'SuppliedName',
    email: 'SuppliedEmail',
    phone: 'SuppliedPhone',
    company: 'SuppliedCompany',
    subject: 'Subject',
    description: 'Description',
    type: 'Type',
    priority: 'Priority',
    reason: 'Reason',
    status: 'Status',
    origin: 'Origin',
    recordType: 'RecordTypeId'
};

/** Salesforce's daily Web-to-Case limit: cases created from the web in 24 hours. */
export const WEB_TO_CASE_DAILY_LIMIT = 5000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The Case field set whose custom fields a Web-to-Case post may fill. */
export const WEB_TO_CASE_FIELD_SET = 'Web_To_Case_Fields';

export interface WebToCaseReply {
    status: number;
    contentType: string;
    body: string;
    caseId?: string;
}

function page(title: string, refreshTo?: string): string {
    const refresh = refreshTo
        ? `<meta http-equiv="Refresh" content="0; URL=${refreshTo.replace(/"/g, '&quot;')}">`
        : '';
    return `<!DOCTYPE html><html><head><meta charset="utf-8">${refresh}<title>${title}</title></head><body><p>${title}</p></body></html>`;
}

function caseValues(ctx: CallContext, form: URLSearchParams): Record<string, unknown> {
    const values: Record<string, unknown> = { Origin: 'Web' };
    const caseObject = ctx.schema.object('Case')!;
    const allowed = allowedCustomFields(ctx.db);
    for (const [key, value] of form) {
        const field = value === '' ? undefined : formField(caseObject, allowed, key);
        if (field) values[field.name] = value;
    }
    return values;
}

/** The custom Case fields (lower-cased API names) the org's `Web_To_Case_Fields` field set lists. */
function allowedCustomFields(db: Db): Set<string> {
    const fieldSet = readMetadata<XmlNode>(db, 'FieldSet', `Case.${WEB_TO_CASE_FIELD_SET}`);
    return new Set(fieldSetFields(fieldSet).map((name) => name.toLowerCase()));
}

/**
 * The Case field a form parameter fills: a standard form name, or the 15- or 18-character id of a custom field on
 * the allow-list.
 */
function formField(caseObject: ObjectDef, allowed: Set<string>, parameter: string): FieldDef | undefined {
    const standard = FORM_FIELDS[parameter];
    if (standard) return caseObject.fields.find((field) => field.name === standard);
    const id = canonicalId(parameter);
    if (!id?.startsWith('00N')) return undefined;
    return caseObject.fields.find(
        (field) =>
            field.custom &&
            field.id !== undefined &&
            canonicalId(field.id) === id &&
            allowed.has(field.name.toLowerCase())
    );
}

function ensureLogTable(db: Db): void {
    db.exec('CREATE TABLE IF NOT EXISTS _lo_web_to_case_log (created_at INTEGER NOT NULL)');
}

/** Cases Web-to-Case created in the last 24 hours (kept in the database, so a restart does not reset the count). */
function casesInLastDay(db: Db, now: number): number {
    ensureLogTable(db);
    db.prepare('DELETE FROM _lo_web_to_case_log WHERE created_at <= ?').run(now - DAY_MS);
    return (db.prepare('SELECT COUNT(*) n FROM _lo_web_to_case_log').get() as { n: number }).n;
}

/** The one contact with this email, or none when there are zero or several (Salesforce links only a unique match). */
function uniqueContact(ctx: CallContext, email: string): { Id: string; AccountId: string | null } | undefined {
    const rows = ctx.db
        .prepare(`SELECT Id, AccountId FROM ${quoteName('Contact')} WHERE Email = ? AND IsDeleted = 0 LIMIT 2`)
        .all(email) as { Id: string; AccountId: string | null }[];
    return rows.length === 1 ? rows[0] : undefined;
}

export function webToCase(org: LocalOrg, body: string): WebToCaseReply {
    const form = new URLSearchParams(body);
    const orgId = form.get('orgid') ?? '';
    if (orgId.slice(0, 15) !== org.orgId.slice(0, 15)) {
        return {
            status: 400,
            contentType: 'text/plain;charset=UTF-8',
            body: `Web-to-Case: orgid "${orgId}" is not this org's id (${org.orgId.slice(0, 15)}); no case was created.`
        };
    }
    const now = Date.now();
    if (casesInLastDay(org.db, now) >= WEB_TO_CASE_DAILY_LIMIT) {
        return {
            status: 503,
            contentType: 'text/plain;charset=UTF-8',
            body:
                `Web-to-Case: NOT_SUPPORTED_BY_LOCAL_ORG: this org has created ${WEB_TO_CASE_DAILY_LIMIT} cases from the web in the last 24 hours, ` +
                "Salesforce's daily limit. Salesforce would keep the request in its pending request queue and create it when the limit refreshes; " +
                'local-org has no pending request queue, so no case was created.'
        };
    }
    const admin = org.users()[0];
    const ctx = org.context(admin.id, '66.0');
    try {
        const caseId = org.db.transaction(() => {
            const values = caseValues(ctx, form);
            const email = typeof values.SuppliedEmail === 'string' ? values.SuppliedEmail : undefined;
            const contact = email ? uniqueContact(ctx, email) : undefined;
            if (contact) Object.assign(values, { ContactId: contact.Id, AccountId: contact.AccountId });
            const id = createRecord(ctx, 'Case', values);
            org.db.prepare('INSERT INTO _lo_web_to_case_log (created_at) VALUES (?)').run(now);
            return id;
        })();
        const retURL = form.get('retURL') ?? undefined;
        return {
            status: 200,
            contentType: 'text/html;charset=UTF-8',
            body: page('Your request has been submitted.', retURL),
            caseId
        };
    } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return {
            status: 400,
            contentType: 'text/plain;charset=UTF-8',
            body: `Web-to-Case: no case was created: ${error.errorCode}: ${error.message}`
        };
    }
}
