/**
 * The public web form for an org, as Setup's Web-to-Case HTML generator writes it: the org's Web-to-Case endpoint,
 * the 15-character `orgid`, standard fields by their form names (`name`, `email`, `subject`...), the Web Form record
 * type by Id (`recordType`) and custom fields by their field id (`00N…`), which Salesforce takes instead of API
 * names. The ids come from the org through public APIs (Metadata API listMetadata for CustomField, SOQL for the
 * record type by DeveloperName and SobjectType), so the same code writes the form for a real org, the preview's
 * `/preview/web-form` and the e2e tests that post it.
 */
import { ScriptError } from './cli.ts';

/**
 * One input; `key` (the API name, or the form name) gives the element its stable id `f-<key>`. `maxLength` is the
 * Case field's length from the org's describe, as Setup's generator writes `maxlength` on each input.
 */
export type WebFormField = {
    key: string;
    name: string;
    label: string;
    type: 'text' | 'email' | 'tel' | 'textarea' | 'select';
    options?: { value: string; label: string }[];
    required?: boolean;
    maxLength?: number;
};

export type WebToCaseForm = {
    endpoint: string;
    orgId: string;
    recordTypeId: string;
    returnUrl?: string;
    fields: WebFormField[];
};

/** The web-form address fields on Case (custom: the standard Supplied* fields have no address) and their labels. */
export const WEB_ADDRESS_FIELDS: readonly [string, string][] = [
    ['Web_Street__c', 'Street'],
    ['Web_City__c', 'City'],
    ['Web_Postal_Code__c', 'Postal code'],
    ['Web_Country__c', 'Country']
];

const WEB_FORM_RECORD_TYPE = 'Web_Form';

/** What the form is read through: the parts of a jsforce or @salesforce/core connection it uses. */
export interface FormSource {
    instanceUrl: string;
    version: string;
    query(soql: string): PromiseLike<{ records: unknown[] }>;
    describe(sobject: string): PromiseLike<unknown>;
    request(info: { method: 'POST'; url: string; body: string; headers: Record<string, string> }): PromiseLike<unknown>;
    metadata: { list(query: { type: string }): PromiseLike<unknown> };
}

type CaseDescribe = { fields: { name: string; length?: number }[] };
type PicklistValuesByRecordType = { recordTypeID: string; picklistValues: { value: string; label: string }[] };
type ObjectInfosAnswer = {
    data?: {
        uiapi: {
            objectInfos: {
                fields: { ApiName: string; picklistValuesByRecordTypeIDs?: PicklistValuesByRecordType[] | null }[];
            }[];
        };
    };
    errors?: { message: string }[];
};
type ListedComponent = { fullName?: string; id?: string };

/** Salesforce's Web-to-Case endpoint on the org's own domain. */
export function defaultEndpoint(instanceUrl: string): string {
    return `${instanceUrl.replace(/\/$/, '')}/servlet/servlet.WebToCase?encoding=UTF-8`;
}

export async function readWebToCaseForm(
    source: FormSource,
    options: { endpoint?: string; returnUrl?: string } = {}
): Promise<WebToCaseForm> {
    const [organization] = (await source.query('SELECT Id FROM Organization')).records as { Id: string }[];
    const [recordType] = (
        await source.query(
            `SELECT Id FROM RecordType WHERE SobjectType = 'Case' AND DeveloperName = '${WEB_FORM_RECORD_TYPE}' AND NamespacePrefix = null`
        )
    ).records as { Id: string }[];
    if (!recordType) {
        throw new ScriptError('NotDeployed', 'The org has no Case record type Web_Form: deploy force-app first.');
    }
    const fieldIds = await customFieldIds(source);
    const missing = WEB_ADDRESS_FIELDS.map(([name]) => name).filter((name) => !fieldIds.has(name));
    if (missing.length > 0) {
        throw new ScriptError(
            'NotDeployed',
            `The org has no Case field ${missing.join(', ')}: deploy force-app first.`
        );
    }
    const describe = (await source.describe('Case')) as CaseDescribe;
    const unseen = ['SuppliedName', 'SuppliedEmail', 'Subject', ...WEB_ADDRESS_FIELDS.map(([name]) => name)].filter(
        (name) => !describe.fields.some((field) => field.name === name)
    );
    if (unseen.length > 0) {
        // Describe shows only the fields the user may see; the form's lengths come from it.
        throw new ScriptError(
            'NoFieldAccess',
            `The running user cannot see the Case field ${unseen.join(', ')}: assign the Caseline_Admin permission set, then run again.`
        );
    }
    const lengthOf = (apiName: string): number | undefined =>
        describe.fields.find((field) => field.name === apiName)?.length || undefined;
    const typeValues = await recordTypePicklist(source, recordType.Id, 'Type');
    const fields: (WebFormField & { apiName?: string })[] = [
        { key: 'name', name: 'name', apiName: 'SuppliedName', label: 'Your name', type: 'text', required: true },
        { key: 'email', name: 'email', apiName: 'SuppliedEmail', label: 'Email', type: 'email', required: true },
        { key: 'phone', name: 'phone', apiName: 'SuppliedPhone', label: 'Phone', type: 'tel' },
        { key: 'company', name: 'company', apiName: 'SuppliedCompany', label: 'Company', type: 'text' },
        ...WEB_ADDRESS_FIELDS.map(([apiName, label]): WebFormField & { apiName: string } => ({
            key: apiName,
            name: fieldIds.get(apiName)!,
            apiName,
            label,
            type: 'text'
        })),
        { key: 'type', name: 'type', label: 'What is it about?', type: 'select', options: typeValues },
        { key: 'subject', name: 'subject', apiName: 'Subject', label: 'Subject', type: 'text', required: true },
        { key: 'description', name: 'description', apiName: 'Description', label: 'Your request', type: 'textarea' }
    ];
    return {
        endpoint: options.endpoint ?? defaultEndpoint(source.instanceUrl),
        orgId: organization.Id.slice(0, 15),
        recordTypeId: recordType.Id.slice(0, 15),
        returnUrl: options.returnUrl,
        fields: fields.map(({ apiName, ...field }) => {
            const maxLength = apiName ? lengthOf(apiName) : undefined;
            return maxLength ? { ...field, maxLength } : field;
        })
    };
}

/**
 * The values a record type offers for a picklist, as UI API gives them (GraphQL `objectInfos` with
 * `recordTypeIDs`, API v65.0+): the Web Form's own Type values, not every value the org's Type list has.
 */
async function recordTypePicklist(
    source: FormSource,
    recordTypeId: string,
    fieldName: string
): Promise<{ value: string; label: string }[]> {
    const query = `query webFormPicklist {
        uiapi {
            objectInfos(objectInfoInputs: [{ apiName: "Case", recordTypeIDs: [${JSON.stringify(recordTypeId)}], fieldNames: [${JSON.stringify(fieldName)}] }]) {
                fields { ApiName ... on PicklistField { picklistValuesByRecordTypeIDs { recordTypeID picklistValues { value label } } } }
            }
        }
    }`;
    const answer = (await source.request({
        method: 'POST',
        url: `/services/data/v${source.version}/graphql`,
        body: JSON.stringify({ query }),
        headers: { 'Content-Type': 'application/json' }
    })) as ObjectInfosAnswer;
    if (answer.errors?.length) {
        throw new ScriptError(
            'OrgError',
            `The org did not give the Case ${fieldName} values: ${answer.errors[0].message}`
        );
    }
    const field = answer.data?.uiapi.objectInfos[0]?.fields.find((candidate) => candidate.ApiName === fieldName);
    const byType = (field?.picklistValuesByRecordTypeIDs ?? []).find(
        (entry) => entry.recordTypeID.slice(0, 15) === recordTypeId.slice(0, 15)
    );
    return (byType?.picklistValues ?? []).map(({ value, label }) => ({ value, label }));
}

/** Case custom fields' 15-character ids by API name, from listMetadata (what the HTML generator posts them by). */
async function customFieldIds(source: FormSource): Promise<Map<string, string>> {
    const listed = (await source.metadata.list({ type: 'CustomField' })) as ListedComponent | ListedComponent[];
    const ids = new Map<string, string>();
    for (const { fullName = '', id = '' } of Array.isArray(listed) ? listed : [listed]) {
        if (fullName.startsWith('Case.') && id.startsWith('00N')) {
            ids.set(fullName.slice('Case.'.length), id.slice(0, 15));
        }
    }
    return ids;
}

export function escapeHtml(value: string): string {
    return value.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

/** What a submitter entered (by field key) and, after a refused post, what is wrong with it. */
export type WebFormState = { values?: Record<string, string>; errors?: Record<string, string> };

/**
 * A post checked as our form page checks it on the server, so the checks hold without JavaScript and for a post
 * that skips the browser's: required fields, each field's length from the org's describe, an email's form and the
 * listed choices. Messages are Lightning's ("Complete this field.", "You have entered an invalid format.").
 */
export function validateWebForm(form: WebToCaseForm, posted: URLSearchParams): Required<WebFormState> {
    const values: Record<string, string> = {};
    const errors: Record<string, string> = {};
    for (const field of form.fields) {
        const value = posted.get(field.name) ?? '';
        values[field.key] = value;
        const error = fieldError(field, value);
        if (error) errors[field.key] = error;
    }
    return { values, errors };
}

/** The HTML standard's "valid email address", so the server takes exactly what the browser's type=email does. */
const VALID_EMAIL =
    /^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;

function fieldError(field: WebFormField, value: string): string | undefined {
    if (value.trim() === '') return field.required ? 'Complete this field.' : undefined;
    if (field.maxLength !== undefined && value.length > field.maxLength) {
        return `Use ${field.maxLength} characters or fewer (this has ${value.length}).`;
    }
    if (field.type === 'email' && !VALID_EMAIL.test(value)) return 'You have entered an invalid format.';
    if (field.type === 'select' && !(field.options ?? []).some((option) => option.value === value)) {
        return 'Select one of the listed options.';
    }
    return undefined;
}

/** The fields' values as Web-to-Case takes them: the org's id, the record type and each field by its form name. */
export function webToCasePost(form: WebToCaseForm, values: Record<string, string>): URLSearchParams {
    const post = new URLSearchParams({ orgid: form.orgId, recordType: form.recordTypeId });
    for (const field of form.fields) {
        const value = values[field.key] ?? '';
        if (value !== '') post.set(field.name, value);
    }
    return post;
}

function control(field: WebFormField, value: string, error: string | undefined): string {
    const id = `f-${escapeHtml(field.key)}`;
    const attributes = [
        `id="${id}"`,
        `name="${escapeHtml(field.name)}"`,
        ...(field.required ? ['required aria-required="true"'] : []),
        ...(field.maxLength !== undefined && field.type !== 'select' ? [`maxlength="${field.maxLength}"`] : []),
        ...(error ? [`aria-invalid="true" aria-describedby="${id}-error"`] : [])
    ].join(' ');
    if (field.type === 'textarea') {
        return `<textarea class="slds-textarea" ${attributes}>${escapeHtml(value)}</textarea>`;
    }
    if (field.type === 'select') {
        const options = (field.options ?? [])
            .map(
                (option) =>
                    `<option value="${escapeHtml(option.value)}"${option.value === value ? ' selected' : ''}>${escapeHtml(option.label)}</option>`
            )
            .join('');
        return `<div class="slds-select_container"><select class="slds-select" ${attributes}><option value="">--None--</option>${options}</select></div>`;
    }
    return `<input class="slds-input" type="${field.type}" ${attributes} value="${escapeHtml(value)}">`;
}

function formElement(field: WebFormField, state: WebFormState): string {
    const id = `f-${escapeHtml(field.key)}`;
    const error = state.errors?.[field.key];
    const required = field.required ? '<abbr class="slds-required" title="required">*</abbr>' : '';
    const help = error ? `<div class="slds-form-element__help" id="${id}-error">${escapeHtml(error)}</div>` : '';
    return `<div class="slds-form-element slds-m-bottom_small${error ? ' slds-has-error' : ''}"><label class="slds-form-element__label" for="${id}">${required}${escapeHtml(field.label)}</label><div class="slds-form-element__control">${control(field, state.values?.[field.key] ?? '', error)}</div>${help}</div>`;
}

/**
 * The `<form>` element: hidden orgid, retURL and recordType, then one labelled control per field. With a state it
 * is the form sent back after a refused post: the submitter's values kept, each error beside its field (and named
 * by the control's aria-describedby).
 */
export function webToCaseFormHtml(form: WebToCaseForm, state: WebFormState = {}): string {
    const hidden = [
        `<input type="hidden" name="orgid" value="${escapeHtml(form.orgId)}">`,
        ...(form.returnUrl ? [`<input type="hidden" name="retURL" value="${escapeHtml(form.returnUrl)}">`] : []),
        `<input type="hidden" name="recordType" value="${escapeHtml(form.recordTypeId)}">`
    ];
    return [
        `<form action="${escapeHtml(form.endpoint)}" method="POST">`,
        ...hidden,
        ...form.fields.map((field) => formElement(field, state)),
        '<button class="slds-button slds-button_brand" type="submit">Submit</button>',
        '</form>'
    ].join('\n');
}
