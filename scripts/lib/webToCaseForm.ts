/**
 * The public web form for an org, as Setup's Web-to-Case HTML generator writes it: the org's Web-to-Case endpoint,
 * the 15-character `orgid`, standard fields by their form names (`name`, `email`, `subject`...), the Web Form record
 * type by Id (`recordType`) and custom fields by their field id (`00N…`), which Salesforce takes instead of API
 * names. The ids come from the org through public APIs (Metadata API listMetadata for CustomField, SOQL for the
 * record type by DeveloperName and SobjectType), so the same code writes the form for a real org, the preview's
 * `/preview/web-form` and the e2e tests that post it.
 */
import { ScriptError } from './cli.ts';

/** One input; `key` (the API name, or the form name) gives the element its stable id `f-<key>`. */
export type WebFormField = {
    key: string;
    name: string;
    label: string;
    type: 'text' | 'email' | 'tel' | 'textarea' | 'select';
    options?: { value: string; label: string }[];
    required?: boolean;
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
    query(soql: string): PromiseLike<{ records: unknown[] }>;
    describe(sobject: string): PromiseLike<unknown>;
    metadata: { list(query: { type: string }): PromiseLike<unknown> };
}

type CaseDescribe = {
    fields: { name: string; picklistValues?: { value: string; label: string; active: boolean }[] | null }[];
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
    const typeValues = (describe.fields.find((field) => field.name === 'Type')?.picklistValues ?? [])
        .filter((value) => value.active)
        .map(({ value, label }) => ({ value, label }));
    return {
        endpoint: options.endpoint ?? defaultEndpoint(source.instanceUrl),
        orgId: organization.Id.slice(0, 15),
        recordTypeId: recordType.Id.slice(0, 15),
        returnUrl: options.returnUrl,
        fields: [
            { key: 'name', name: 'name', label: 'Your name', type: 'text', required: true },
            { key: 'email', name: 'email', label: 'Email', type: 'email', required: true },
            { key: 'phone', name: 'phone', label: 'Phone', type: 'tel' },
            { key: 'company', name: 'company', label: 'Company', type: 'text' },
            ...WEB_ADDRESS_FIELDS.map(([apiName, label]): WebFormField => ({
                key: apiName,
                name: fieldIds.get(apiName)!,
                label,
                type: 'text'
            })),
            { key: 'type', name: 'type', label: 'What is it about?', type: 'select', options: typeValues },
            { key: 'subject', name: 'subject', label: 'Subject', type: 'text', required: true },
            { key: 'description', name: 'description', label: 'Your request', type: 'textarea' }
        ]
    };
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

function control(field: WebFormField): string {
    const id = `f-${escapeHtml(field.key)}`;
    const name = escapeHtml(field.name);
    const required = field.required ? ' required' : '';
    if (field.type === 'textarea') {
        return `<textarea class="slds-textarea" id="${id}" name="${name}"${required}></textarea>`;
    }
    if (field.type === 'select') {
        const options = (field.options ?? [])
            .map((option) => `<option value="${escapeHtml(option.value)}">${escapeHtml(option.label)}</option>`)
            .join('');
        return `<div class="slds-select_container"><select class="slds-select" id="${id}" name="${name}"><option value="">--None--</option>${options}</select></div>`;
    }
    return `<input class="slds-input" type="${field.type}" id="${id}" name="${name}"${required}>`;
}

/** The `<form>` element: hidden orgid, retURL and recordType, then one labelled control per field. */
export function webToCaseFormHtml(form: WebToCaseForm): string {
    const hidden = [
        `<input type="hidden" name="orgid" value="${escapeHtml(form.orgId)}">`,
        ...(form.returnUrl ? [`<input type="hidden" name="retURL" value="${escapeHtml(form.returnUrl)}">`] : []),
        `<input type="hidden" name="recordType" value="${escapeHtml(form.recordTypeId)}">`
    ];
    const controls = form.fields.map(
        (field) =>
            `<div class="slds-form-element slds-m-bottom_small"><label class="slds-form-element__label" for="f-${escapeHtml(field.key)}">${escapeHtml(field.label)}</label><div class="slds-form-element__control">${control(field)}</div></div>`
    );
    return [
        `<form action="${escapeHtml(form.endpoint)}" method="POST">`,
        ...hidden,
        ...controls,
        '<button class="slds-button slds-button_brand" type="submit">Submit</button>',
        '</form>'
    ].join('\n');
}
