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
    /** What Salesforce would email about a post it could not turn into a case; the server logs it. */
    notification?: string;
}

const HTML = 'text/html;charset=UTF-8';

function escapeText(value: string): string {
    return value.replace(/[&<>]/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

function escapeAttribute(value: string): string {
    return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** A public page: never plain text, since whoever posted the form sees it in their browser. */
function page(title: string, options: { refreshTo?: string; details?: string[] } = {}): string {
    const refresh = options.refreshTo
        ? `<meta http-equiv="Refresh" content="0; URL=${escapeAttribute(options.refreshTo)}">`
        : '';
    const details = (options.details ?? []).map((line) => `<p>${escapeText(line)}</p>`).join('');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${refresh}<title>${escapeText(title)}</title></head><body><p>${escapeText(title)}</p>${details}</body></html>`;
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

/**
 * The failure notification Salesforce emails when a post creates no case, in the shape Knowledge 000381943 shows
 * ("Salesforce could not create this case because of the reason listed below ... Reason: ... Error code=...,
 * message=..., fields=[...] Record Information: ..."). Salesforce sends it to the org's admin (the default case
 * owner here); local-org has no email, so the server logs it.
 */
function failureNotification(form: URLSearchParams, error: ApiError): string {
    const record = [...form]
        .filter(([key]) => key !== 'orgid')
        .map(([key, value]) => `${key} = ${value}`)
        .join('\n');
    const debugEmail = form.get('debugEmail');
    return [
        `Web-to-Case failure notification${debugEmail ? ` (debugEmail ${debugEmail})` : ''}: Salesforce could not create this case because of the reason listed below.`,
        `Reason: Error code=${error.errorCode}, message=${error.message}, fields=[${error.fields.join(', ')}]`,
        'Record Information:',
        record
    ].join('\n');
}

/**
 * What the submitter's browser gets once the post is taken, whether or not it became a case: Salesforce sends the
 * browser to `retURL` either way and tells the admin of a failure by email, never the submitter ("A failed
 * validation rule sends an admin error email but doesn't show on the public form": Knowledge 000381943, "Validation
 * Rules not enforced in Experience Site for Guest Users but records are not created"). With `debug=1`, the
 * generated form's "debug mode", the page instead says what happened and does not leave.
 */
function submittedReply(form: URLSearchParams, outcome: { caseId?: string; notification?: string }): WebToCaseReply {
    const debug = form.get('debug') === '1';
    const retURL = form.get('retURL') || undefined;
    if (debug) {
        const details = outcome.caseId
            ? [`Debug mode: case ${outcome.caseId} was created.`]
            : ['Debug mode: no case was created.', ...(outcome.notification ?? '').split('\n')];
        return { status: 200, contentType: HTML, body: page('Web-to-Case debug', { details }), ...outcome };
    }
    return {
        status: 200,
        contentType: HTML,
        body: page('Your request has been submitted.', { refreshTo: retURL }),
        ...outcome
    };
}

/**
 * A post becomes a case as the API would create it: Salesforce "runs field validation rules before creating cases
 * submitted using a Web-to-Case form. Cases without valid values aren't created. All universally required fields
 * must have a value" (Salesforce Help, "Web-to-Case Guidelines and Limits"). So a value the API refuses (too long:
 * STRING_TOO_LONG; a restricted picklist's unknown value; a validation rule such as Web_Form_Needs_Content) means
 * no case at all, nothing truncated or dropped; a value the API takes (an unrestricted picklist's unknown value) is
 * kept.
 */
export function webToCase(org: LocalOrg, body: string): WebToCaseReply {
    const form = new URLSearchParams(body);
    const orgId = form.get('orgid') ?? '';
    if (orgId.slice(0, 15) !== org.orgId.slice(0, 15)) {
        return {
            status: 400,
            contentType: HTML,
            body: page('Your request could not be submitted: this form is not set up for this organization.', {
                details: [`Web-to-Case: orgid "${orgId}" is not this org's id; no case was created.`]
            })
        };
    }
    const now = Date.now();
    if (casesInLastDay(org.db, now) >= WEB_TO_CASE_DAILY_LIMIT) {
        return {
            status: 503,
            contentType: HTML,
            body: page('Your request could not be submitted. Please try again later.', {
                details: [
                    `Web-to-Case: NOT_SUPPORTED_BY_LOCAL_ORG: this org has created ${WEB_TO_CASE_DAILY_LIMIT} cases from the web in the last 24 hours, ` +
                        "Salesforce's daily limit. Salesforce would keep the request in its pending request queue and create it when the limit refreshes; " +
                        'local-org has no pending request queue, so no case was created.'
                ]
            })
        };
    }
    const admin = org.users()[0];
    const ctx = org.context(admin.id, '66.0');
    // Web-to-Case cases go through the active case assignment rule (the default case owner when none applies).
    ctx.assignment = { kind: 'active' };
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
        return submittedReply(form, { caseId });
    } catch (error) {
        if (!(error instanceof ApiError)) throw error;
        return submittedReply(form, { notification: failureNotification(form, error) });
    }
}
