/**
 * The standard objects and fields local-org starts with: the ones the project and its tools use, with
 * Salesforce's key prefixes, lengths, required fields, relationship names and default picklist values.
 * Custom fields, record types and value set changes arrive through a Metadata API deploy.
 * Standard status picklists (Case, Task, Lead, Opportunity stage) take unknown values through the API, as a real
 * org does; Contract Status is enforced.
 */
import type { FieldDef, FieldType, ObjectDef, PicklistValue } from './schema.ts';
import { standardHistoryObjects } from './history.ts';

type FieldOptions = Partial<FieldDef>;

export function field(name: string, label: string, type: FieldType, options: FieldOptions = {}): FieldDef {
    return { name, label, type, nillable: true, createable: true, updateable: true, ...options };
}

export const text = (name: string, label: string, length: number, options: FieldOptions = {}) =>
    field(name, label, 'string', { length, ...options });
export const longText = (name: string, label: string, length = 32000) => field(name, label, 'textarea', { length });
export const required = { nillable: false } satisfies FieldOptions;
export const readOnly = { createable: false, updateable: false } satisfies FieldOptions;
const derived = { ...readOnly, calculated: true } satisfies FieldOptions;

export function lookup(
    name: string,
    label: string,
    referenceTo: string[],
    relationshipName: string,
    childRelationshipName?: string,
    options: FieldOptions = {}
): FieldDef {
    return field(name, label, 'reference', {
        length: 18,
        referenceTo,
        relationshipName,
        childRelationshipName,
        ...options
    });
}

export function values(...labels: string[]): PicklistValue[] {
    return labels.map((label) => ({ value: label, label, active: true, defaultValue: false }));
}

export function withDefault(list: PicklistValue[], defaultLabel: string): PicklistValue[] {
    return list.map((v) => ({ ...v, defaultValue: v.value === defaultLabel }));
}

export function picklist(name: string, label: string, list: PicklistValue[], options: FieldOptions = {}): FieldDef {
    const defaultValue = list.find((v) => v.defaultValue)?.value ?? null;
    return field(name, label, 'picklist', {
        length: 255,
        picklistValues: list,
        defaultValue,
        defaultedOnCreate: defaultValue !== null,
        ...options
    });
}

function auditFields(): FieldDef[] {
    return [
        field('IsDeleted', 'Deleted', 'boolean', {
            ...readOnly,
            nillable: false,
            defaultedOnCreate: true,
            defaultValue: false
        }),
        field('CreatedDate', 'Created Date', 'datetime', { ...readOnly, nillable: false, defaultedOnCreate: true }),
        lookup('CreatedById', 'Created By ID', ['User'], 'CreatedBy', undefined, {
            ...readOnly,
            nillable: false,
            defaultedOnCreate: true
        }),
        field('LastModifiedDate', 'Last Modified Date', 'datetime', {
            ...readOnly,
            nillable: false,
            defaultedOnCreate: true
        }),
        lookup('LastModifiedById', 'Last Modified By ID', ['User'], 'LastModifiedBy', undefined, {
            ...readOnly,
            nillable: false,
            defaultedOnCreate: true
        }),
        field('SystemModstamp', 'System Modstamp', 'datetime', {
            ...readOnly,
            nillable: false,
            defaultedOnCreate: true
        })
    ];
}

function owner(referenceTo: string[] = ['User']): FieldDef {
    return lookup('OwnerId', 'Owner ID', referenceTo, 'Owner', undefined, { nillable: false, defaultedOnCreate: true });
}

export interface ObjectOptions {
    label: string;
    labelPlural: string;
    keyPrefix: string;
    owned?: boolean;
    ownerTo?: string[];
    setup?: boolean;
    uiApi?: boolean;
    writable?: boolean;
}

export function object(name: string, options: ObjectOptions, fields: FieldDef[]): ObjectDef {
    const writable = options.writable ?? true;
    const idField = field('Id', `${options.label} ID`, 'id', {
        ...readOnly,
        nillable: false,
        defaultedOnCreate: true,
        length: 18,
        idLookup: true
    });
    return {
        name,
        label: options.label,
        labelPlural: options.labelPlural,
        keyPrefix: options.keyPrefix,
        createable: writable,
        updateable: writable,
        deletable: writable,
        queryable: true,
        owned: options.owned ?? false,
        setup: options.setup ?? false,
        uiApi: options.uiApi ?? false,
        fields: [idField, ...(options.owned ? [owner(options.ownerTo)] : []), ...fields, ...auditFields()]
    };
}

const address = (prefix: string, label: string): FieldDef[] => [
    longText(`${prefix}Street`, `${label} Street`, 255),
    text(`${prefix}City`, `${label} City`, 40),
    text(`${prefix}State`, `${label} State/Province`, 80),
    text(`${prefix}PostalCode`, `${label} Zip/Postal Code`, 20),
    text(`${prefix}Country`, `${label} Country`, 80)
];

const personName = (): FieldDef[] => [
    picklist('Salutation', 'Salutation', values('Mr.', 'Ms.', 'Mrs.', 'Dr.', 'Prof.'), { defaultedOnCreate: false }),
    text('FirstName', 'First Name', 40),
    text('LastName', 'Last Name', 80, required),
    text('Name', 'Full Name', 121, { ...derived, nameField: true, idLookup: true })
];

const leadSource = () =>
    picklist(
        'LeadSource',
        'Lead Source',
        values('Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other')
    );
const industry = () =>
    picklist(
        'Industry',
        'Industry',
        values(
            'Agriculture',
            'Banking',
            'Construction',
            'Education',
            'Energy',
            'Healthcare',
            'Manufacturing',
            'Retail',
            'Technology',
            'Utilities',
            'Other'
        )
    );

const caseStatuses: PicklistValue[] = [
    { value: 'New', label: 'New', active: true, defaultValue: true, closed: false },
    { value: 'Working', label: 'Working', active: true, defaultValue: false, closed: false },
    { value: 'Escalated', label: 'Escalated', active: true, defaultValue: false, closed: false },
    { value: 'Closed', label: 'Closed', active: true, defaultValue: false, closed: true }
];

const taskStatuses: PicklistValue[] = [
    { value: 'Not Started', label: 'Not Started', active: true, defaultValue: true, closed: false },
    { value: 'In Progress', label: 'In Progress', active: true, defaultValue: false, closed: false },
    { value: 'Completed', label: 'Completed', active: true, defaultValue: false, closed: true },
    {
        value: 'Waiting on someone else',
        label: 'Waiting on someone else',
        active: true,
        defaultValue: false,
        closed: false
    },
    { value: 'Deferred', label: 'Deferred', active: true, defaultValue: false, closed: false }
];

function stage(
    value: string,
    probability: number,
    forecastCategory: string,
    closed = false,
    won = false
): PicklistValue {
    return { value, label: value, active: true, defaultValue: false, probability, forecastCategory, closed, won };
}

const opportunityStages: PicklistValue[] = [
    stage('Prospecting', 10, 'Pipeline'),
    stage('Qualification', 10, 'Pipeline'),
    stage('Needs Analysis', 20, 'Pipeline'),
    stage('Value Proposition', 50, 'Pipeline'),
    stage('Id. Decision Makers', 60, 'Pipeline'),
    stage('Perception Analysis', 70, 'Pipeline'),
    stage('Proposal/Price Quote', 75, 'Pipeline'),
    stage('Negotiation/Review', 90, 'Pipeline'),
    stage('Closed Won', 100, 'Closed', true, true),
    stage('Closed Lost', 0, 'Omitted', true, false)
];

const contractStatuses: PicklistValue[] = [
    { value: 'Draft', label: 'Draft', active: true, defaultValue: true, statusCode: 'Draft' },
    {
        value: 'In Approval Process',
        label: 'In Approval Process',
        active: true,
        defaultValue: false,
        statusCode: 'InApproval'
    },
    { value: 'Activated', label: 'Activated', active: true, defaultValue: false, statusCode: 'Activated' }
];

const leadStatuses: PicklistValue[] = [
    {
        value: 'Open - Not Contacted',
        label: 'Open - Not Contacted',
        active: true,
        defaultValue: true,
        converted: false
    },
    { value: 'Working - Contacted', label: 'Working - Contacted', active: true, defaultValue: false, converted: false },
    { value: 'Closed - Converted', label: 'Closed - Converted', active: true, defaultValue: false, converted: true },
    {
        value: 'Closed - Not Converted',
        label: 'Closed - Not Converted',
        active: true,
        defaultValue: false,
        converted: false
    }
].map(({ converted: _converted, ...v }) => v);

const crmObjects: ObjectDef[] = [
    object('Account', { label: 'Account', labelPlural: 'Accounts', keyPrefix: '001', owned: true, uiApi: true }, [
        text('Name', 'Account Name', 255, { ...required, nameField: true, idLookup: true }),
        text('AccountNumber', 'Account Number', 40),
        text('Site', 'Account Site', 80),
        picklist(
            'Type',
            'Account Type',
            values(
                'Prospect',
                'Customer - Direct',
                'Customer - Channel',
                'Channel Partner / Reseller',
                'Installation Partner',
                'Technology Partner',
                'Other'
            )
        ),
        lookup('ParentId', 'Parent Account ID', ['Account'], 'Parent', 'ChildAccounts'),
        ...address('Billing', 'Billing'),
        ...address('Shipping', 'Shipping'),
        field('Phone', 'Account Phone', 'phone', { length: 40 }),
        field('Fax', 'Account Fax', 'phone', { length: 40 }),
        field('Website', 'Website', 'url', { length: 255 }),
        industry(),
        field('AnnualRevenue', 'Annual Revenue', 'currency', { precision: 18, scale: 0 }),
        field('NumberOfEmployees', 'Employees', 'int', { precision: 8, scale: 0 }),
        picklist(
            'AccountSource',
            'Account Source',
            values('Web', 'Phone Inquiry', 'Partner Referral', 'Purchased List', 'Other')
        ),
        longText('Description', 'Account Description'),
        // Object Reference, Account; Salesforce Field Reference, Account (labels, lengths, picklist values).
        text('Sic', 'SIC Code', 20),
        text('SicDesc', 'SIC Description', 80),
        picklist('Ownership', 'Ownership', values('Public', 'Private', 'Subsidiary', 'Other')),
        text('TickerSymbol', 'Ticker Symbol', 20),
        picklist('Rating', 'Account Rating', values('Hot', 'Warm', 'Cold')),
        text('Jigsaw', 'Data.com Key', 20),
        text('JigsawCompanyId', 'Jigsaw Company ID', 20, readOnly)
    ]),
    object('Contact', { label: 'Contact', labelPlural: 'Contacts', keyPrefix: '003', owned: true, uiApi: true }, [
        lookup('AccountId', 'Account ID', ['Account'], 'Account', 'Contacts', { cascadeDelete: true }),
        ...personName(),
        text('Title', 'Title', 128),
        text('Department', 'Department', 80),
        field('Email', 'Email', 'email', { length: 80, idLookup: true }),
        field('Phone', 'Business Phone', 'phone', { length: 40 }),
        field('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
        lookup('ReportsToId', 'Reports To ID', ['Contact'], 'ReportsTo', 'ReportsTo'),
        ...address('Mailing', 'Mailing'),
        leadSource(),
        longText('Description', 'Contact Description'),
        text('Jigsaw', 'Data.com Key', 20),
        field('Fax', 'Business Fax', 'phone', { length: 40 }),
        field('HomePhone', 'Home Phone', 'phone', { length: 40 }),
        field('OtherPhone', 'Other Phone', 'phone', { length: 40 }),
        text('AssistantName', "Assistant's Name", 40),
        field('AssistantPhone', 'Asst. Phone', 'phone', { length: 40 }),
        field('Birthdate', 'Birthdate', 'date')
    ]),
    object(
        'Lead',
        { label: 'Lead', labelPlural: 'Leads', keyPrefix: '00Q', owned: true, ownerTo: ['User', 'Group'], uiApi: true },
        [
            ...personName(),
            text('Company', 'Company', 255, required),
            text('Title', 'Title', 128),
            field('Email', 'Email', 'email', { length: 80, idLookup: true }),
            field('Phone', 'Phone', 'phone', { length: 40 }),
            ...address('', ''),
            picklist('Status', 'Lead Status', leadStatuses, { valueSet: 'LeadStatus' }),
            leadSource(),
            industry(),
            field('IsConverted', 'Converted', 'boolean', {
                ...readOnly,
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: false
            }),
            // Set by convertLead only (src/partner/convertLead.ts): read-only to every API, as on Salesforce.
            lookup('ConvertedAccountId', 'Converted Account ID', ['Account'], 'ConvertedAccount', undefined, readOnly),
            lookup('ConvertedContactId', 'Converted Contact ID', ['Contact'], 'ConvertedContact', undefined, readOnly),
            lookup(
                'ConvertedOpportunityId',
                'Converted Opportunity ID',
                ['Opportunity'],
                'ConvertedOpportunity',
                undefined,
                readOnly
            ),
            field('ConvertedDate', 'Converted Date', 'date', readOnly),
            longText('Description', 'Description'),
            text('Jigsaw', 'Data.com Key', 20),
            picklist('Rating', 'Rating', values('Hot', 'Warm', 'Cold')),
            field('AnnualRevenue', 'Annual Revenue', 'currency', { precision: 18, scale: 0 }),
            field('NumberOfEmployees', 'No. of Employees', 'int', { precision: 8, scale: 0 }),
            field('Fax', 'Fax', 'phone', { length: 40 }),
            field('MobilePhone', 'Mobile Phone', 'phone', { length: 40 }),
            field('Website', 'Website', 'url', { length: 255 })
        ]
    ),
    object(
        'Opportunity',
        { label: 'Opportunity', labelPlural: 'Opportunities', keyPrefix: '006', owned: true, uiApi: true },
        [
            text('Name', 'Name', 120, { ...required, nameField: true }),
            lookup('AccountId', 'Account ID', ['Account'], 'Account', 'Opportunities', { cascadeDelete: true }),
            picklist('StageName', 'Stage', opportunityStages, {
                ...required,
                valueSet: 'OpportunityStage',
                defaultedOnCreate: false
            }),
            field('CloseDate', 'Close Date', 'date', required),
            field('Amount', 'Amount', 'currency', { precision: 18, scale: 2 }),
            field('Probability', 'Probability (%)', 'percent', { precision: 3, scale: 0, defaultedOnCreate: true }),
            picklist(
                'ForecastCategoryName',
                'Forecast Category',
                values('Omitted', 'Pipeline', 'Best Case', 'Commit', 'Closed'),
                { defaultedOnCreate: true, restrictedPicklist: true }
            ),
            picklist(
                'Type',
                'Opportunity Type',
                values(
                    'Existing Customer - Upgrade',
                    'Existing Customer - Replacement',
                    'Existing Customer - Downgrade',
                    'New Customer'
                )
            ),
            leadSource(),
            text('NextStep', 'Next Step', 255),
            field('IsClosed', 'Closed', 'boolean', {
                ...derived,
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: false
            }),
            field('IsWon', 'Won', 'boolean', {
                ...derived,
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: false
            }),
            lookup('ContractId', 'Contract ID', ['Contract'], 'Contract', undefined),
            longText('Description', 'Description')
        ]
    ),
    object('Contract', { label: 'Contract', labelPlural: 'Contracts', keyPrefix: '800', owned: true, uiApi: true }, [
        lookup('AccountId', 'Account ID', ['Account'], 'Account', 'Contracts', required),
        text('ContractNumber', 'Contract Number', 30, {
            ...derived,
            nillable: false,
            defaultedOnCreate: true,
            nameField: true,
            idLookup: true,
            autoNumber: { displayFormat: '{00000000}', start: 100 }
        }),
        text('Name', 'Contract Name', 80),
        picklist('Status', 'Status', contractStatuses, {
            nillable: false,
            restrictedPicklist: true,
            valueSet: 'ContractStatus'
        }),
        picklist('StatusCode', 'Status Category', values('Draft', 'InApproval', 'Activated', 'Terminated', 'Expired'), {
            ...derived,
            nillable: false,
            defaultedOnCreate: true
        }),
        field('StartDate', 'Contract Start Date', 'date'),
        field('EndDate', 'Contract End Date', 'date', derived),
        field('ContractTerm', 'Contract Term (months)', 'int', { precision: 4, scale: 0 }),
        ...address('Billing', 'Billing'),
        longText('Description', 'Description')
    ]),
    object(
        'Case',
        { label: 'Case', labelPlural: 'Cases', keyPrefix: '500', owned: true, ownerTo: ['User', 'Group'], uiApi: true },
        [
            text('CaseNumber', 'Case Number', 30, {
                ...derived,
                nillable: false,
                defaultedOnCreate: true,
                nameField: true,
                idLookup: true,
                autoNumber: { displayFormat: '{00000000}', start: 1001 }
            }),
            lookup('ContactId', 'Contact ID', ['Contact'], 'Contact', 'Cases'),
            lookup('AccountId', 'Account ID', ['Account'], 'Account', 'Cases'),
            lookup('ParentId', 'Parent Case ID', ['Case'], 'Parent', 'Cases'),
            text('SuppliedName', 'Name', 80),
            field('SuppliedEmail', 'Email Address', 'email', { length: 80 }),
            text('SuppliedPhone', 'Phone', 40),
            text('SuppliedCompany', 'Company', 80),
            picklist('Type', 'Case Type', values('Mechanical', 'Electrical', 'Electronic', 'Structural', 'Other'), {
                valueSet: 'CaseType'
            }),
            picklist('Status', 'Status', caseStatuses, { valueSet: 'CaseStatus' }),
            picklist(
                'Reason',
                'Case Reason',
                values(
                    'Installation',
                    'Equipment Complexity',
                    'Performance',
                    'Breakdown',
                    'Equipment Design',
                    'Feedback',
                    'Other'
                ),
                { valueSet: 'CaseReason' }
            ),
            picklist('Origin', 'Case Origin', values('Phone', 'Email', 'Web'), { valueSet: 'CaseOrigin' }),
            text('Subject', 'Subject', 255),
            picklist('Priority', 'Priority', withDefault(values('High', 'Medium', 'Low'), 'Medium'), {
                valueSet: 'CasePriority'
            }),
            longText('Description', 'Description'),
            field('IsClosed', 'Closed', 'boolean', {
                ...derived,
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: false
            }),
            field('ClosedDate', 'Closed Date', 'datetime', derived),
            field('IsEscalated', 'Escalated', 'boolean', {
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: false
            })
        ]
    ),
    object('Task', { label: 'Task', labelPlural: 'Tasks', keyPrefix: '00T', owned: true }, [
        lookup('WhoId', 'Name ID', ['Contact', 'Lead'], 'Who', 'Tasks', { cascadeDelete: true }),
        lookup('WhatId', 'Related To ID', ['Account', 'Opportunity', 'Case', 'Contract'], 'What', 'Tasks', {
            cascadeDelete: true
        }),
        field('Subject', 'Subject', 'combobox', {
            length: 255,
            picklistValues: values('Call', 'Send Letter', 'Send Quote', 'Other')
        }),
        field('ActivityDate', 'Due Date Only', 'date'),
        picklist('Status', 'Status', taskStatuses, { nillable: false, valueSet: 'TaskStatus' }),
        picklist('Priority', 'Priority', withDefault(values('High', 'Normal', 'Low'), 'Normal'), {
            nillable: false,
            valueSet: 'TaskPriority'
        }),
        picklist(
            'TaskSubtype',
            'Task Subtype',
            withDefault(values('Task', 'Email', 'ListEmail', 'Cadence', 'Call', 'LinkedIn'), 'Task'),
            { updateable: false, restrictedPicklist: true }
        ),
        longText('Description', 'Description'),
        field('IsClosed', 'Closed', 'boolean', {
            ...derived,
            nillable: false,
            defaultedOnCreate: true,
            defaultValue: false
        }),
        lookup('AccountId', 'Account ID', ['Account'], 'Account', undefined, derived),
        // Interaction fields (Object Reference, Task): Type is the TaskType value set; the call fields are Salesforce
        // CRM Call Center's. WhoCount/WhatCount count the task's TaskRelation rows (Shared Activities, which
        // local-org always has: see taskRelations.ts).
        picklist('Type', 'Type', values('Call', 'Email', 'Meeting', 'Other'), { valueSet: 'TaskType' }),
        picklist('CallType', 'Call Type', values('Internal', 'Inbound', 'Outbound'), { restrictedPicklist: true }),
        text('CallDisposition', 'Call Result', 255),
        field('CallDurationInSeconds', 'Call Duration', 'int', { precision: 8, scale: 0 }),
        field('WhoCount', 'Relation Count', 'int', { ...derived, precision: 9, scale: 0 }),
        field('WhatCount', 'Related To Count', 'int', { ...derived, precision: 9, scale: 0 })
    ]),
    object('TaskRelation', { label: 'Task Relation', labelPlural: 'Task Relations', keyPrefix: '0RT' }, [
        lookup('TaskId', 'Task ID', ['Task'], 'Task', 'TaskRelations', {
            ...required,
            updateable: false,
            cascadeDelete: true
        }),
        lookup(
            'RelationId',
            'Relation ID',
            ['Contact', 'Lead', 'Account', 'Opportunity', 'Case', 'Contract'],
            'Relation',
            undefined,
            { ...required, updateable: false }
        ),
        field('IsWhat', 'Is What', 'boolean', {
            nillable: false,
            defaultedOnCreate: true,
            defaultValue: false,
            updateable: false
        }),
        lookup('AccountId', 'Account ID', ['Account'], 'Account', undefined, derived)
    ])
];

const setup = { setup: true } as const;

const setupObjects: ObjectDef[] = [
    object(
        'Organization',
        { label: 'Organization', labelPlural: 'Organizations', keyPrefix: '00D', writable: false, ...setup },
        [
            text('Name', 'Name', 80, { ...required, ...readOnly, nameField: true }),
            text('InstanceName', 'Instance Name', 5, readOnly),
            field('IsSandbox', 'Is Sandbox', 'boolean', { ...readOnly, nillable: false, defaultValue: false }),
            field('TrialExpirationDate', 'Trial Expiration Date', 'datetime', readOnly),
            text('NamespacePrefix', 'Namespace Prefix', 15, readOnly),
            text('OrganizationType', 'Edition', 40, readOnly),
            text('TimeZoneSidKey', 'Default Time Zone', 40, readOnly),
            text('LanguageLocaleKey', 'Language', 40, readOnly),
            text('DefaultLocaleSidKey', 'Locale', 40, readOnly)
        ]
    ),
    object('Profile', { label: 'Profile', labelPlural: 'Profiles', keyPrefix: '00e', writable: false, ...setup }, [
        text('Name', 'Name', 255, { ...required, ...readOnly, nameField: true, idLookup: true }),
        text('UserType', 'User Type', 40, readOnly),
        longText('Description', 'Description', 255)
    ]),
    object('User', { label: 'User', labelPlural: 'Users', keyPrefix: '005', writable: false, uiApi: true, ...setup }, [
        text('Username', 'Username', 80, { ...required, unique: true, idLookup: true }),
        ...personName().filter((f) => f.name !== 'Salutation'),
        text('Alias', 'Alias', 8, required),
        field('Email', 'Email', 'email', { ...required, length: 128, idLookup: true }),
        lookup('ProfileId', 'Profile ID', ['Profile'], 'Profile', 'Users', required),
        field('IsActive', 'Active', 'boolean', { nillable: false, defaultedOnCreate: true, defaultValue: true }),
        text('UserType', 'User Type', 40, readOnly),
        text('TimeZoneSidKey', 'Time Zone', 40, required),
        text('LocaleSidKey', 'Locale', 40, required),
        text('LanguageLocaleKey', 'Language', 40, required),
        text('EmailEncodingKey', 'Email Encoding', 40, required)
    ]),
    object('PermissionSet', { label: 'Permission Set', labelPlural: 'Permission Sets', keyPrefix: '0PS', ...setup }, [
        text('Name', 'Name', 80, { ...required, idLookup: true }),
        text('Label', 'Label', 80, { ...required, nameField: true }),
        longText('Description', 'Description', 255),
        field('IsOwnedByProfile', 'Is Owned By Profile', 'boolean', {
            ...readOnly,
            nillable: false,
            defaultValue: false
        }),
        lookup('ProfileId', 'Profile ID', ['Profile'], 'Profile', undefined, readOnly),
        text('NamespacePrefix', 'Namespace Prefix', 15, readOnly),
        field('PermissionsModifyAllData', 'Modify All Data', 'boolean', {
            nillable: false,
            defaultValue: false,
            defaultedOnCreate: true
        }),
        field('PermissionsViewAllData', 'View All Data', 'boolean', {
            nillable: false,
            defaultValue: false,
            defaultedOnCreate: true
        }),
        field('PermissionsEditTask', 'Edit Tasks', 'boolean', {
            nillable: false,
            defaultValue: false,
            defaultedOnCreate: true
        }),
        field('PermissionsApiEnabled', 'API Enabled', 'boolean', {
            nillable: false,
            defaultValue: false,
            defaultedOnCreate: true
        }),
        field('PermissionsActivateContract', 'Activate Contracts', 'boolean', {
            nillable: false,
            defaultValue: false,
            defaultedOnCreate: true
        }),
        field('PermissionsCustomizeApplication', 'Customize Application', 'boolean', {
            nillable: false,
            defaultValue: false,
            defaultedOnCreate: true
        })
    ]),
    object(
        'PermissionSetAssignment',
        { label: 'Permission Set Assignment', labelPlural: 'Permission Set Assignments', keyPrefix: '0Pa', ...setup },
        [
            lookup('AssigneeId', 'Assignee ID', ['User'], 'Assignee', 'PermissionSetAssignments', {
                ...required,
                updateable: false
            }),
            lookup('PermissionSetId', 'Permission Set ID', ['PermissionSet'], 'PermissionSet', 'Assignments', {
                ...required,
                updateable: false,
                cascadeDelete: true
            })
        ]
    ),
    object(
        'ObjectPermissions',
        { label: 'Object Permissions', labelPlural: 'Object Permissions', keyPrefix: '110', ...setup },
        [
            lookup('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', 'ObjectPerms', {
                ...required,
                updateable: false,
                cascadeDelete: true
            }),
            text('SobjectType', 'Sobject Type Name', 40, { ...required, updateable: false }),
            ...['Read', 'Create', 'Edit', 'Delete', 'ViewAllRecords', 'ModifyAllRecords'].map((p) =>
                field(`Permissions${p}`, p, 'boolean', {
                    nillable: false,
                    defaultValue: false,
                    defaultedOnCreate: true
                })
            )
        ]
    ),
    object(
        'FieldPermissions',
        { label: 'Field Permissions', labelPlural: 'Field Permissions', keyPrefix: '01k', ...setup },
        [
            lookup('ParentId', 'Parent ID', ['PermissionSet'], 'Parent', 'FieldPerms', {
                ...required,
                updateable: false,
                cascadeDelete: true
            }),
            text('SobjectType', 'Sobject Type Name', 40, { ...required, updateable: false }),
            text('Field', 'Field Name', 255, { ...required, updateable: false }),
            field('PermissionsRead', 'Read', 'boolean', {
                nillable: false,
                defaultValue: false,
                defaultedOnCreate: true
            }),
            field('PermissionsEdit', 'Edit', 'boolean', {
                nillable: false,
                defaultValue: false,
                defaultedOnCreate: true
            })
        ]
    ),
    object(
        'RecordType',
        { label: 'Record Type', labelPlural: 'Record Types', keyPrefix: '012', writable: false, ...setup },
        [
            text('Name', 'Name', 80, { ...required, ...readOnly, nameField: true, idLookup: true }),
            text('DeveloperName', 'Record Type Name', 80, { ...required, ...readOnly }),
            text('NamespacePrefix', 'Namespace Prefix', 15, readOnly),
            longText('Description', 'Description', 255),
            text('SobjectType', 'SObject Type Name', 40, { ...required, ...readOnly }),
            field('IsActive', 'Active', 'boolean', { ...readOnly, nillable: false, defaultValue: true }),
            text('BusinessProcessId', 'Business Process ID', 18, readOnly)
        ]
    ),
    // Object Reference, "LeadStatus": read only (describeSObjects, query, retrieve), one row per active Lead Status
    // value; kept in step with the picklist by leadStatus.ts.
    object(
        'LeadStatus',
        { label: 'Lead Status Value', labelPlural: 'Lead Status Values', keyPrefix: '01J', writable: false, ...setup },
        [
            text('ApiName', 'API Name', 255, { ...required, ...readOnly, idLookup: true }),
            text('MasterLabel', 'Master Label', 255, { ...readOnly, nameField: true }),
            field('IsConverted', 'Is Converted', 'boolean', { ...readOnly, nillable: false, defaultValue: false }),
            field('IsDefault', 'Is Default', 'boolean', { ...readOnly, nillable: false, defaultValue: false }),
            field('SortOrder', 'Sort Order', 'int', { ...readOnly, precision: 9, scale: 0 })
        ]
    ),
    // Object Reference, "AssignmentRule": read only (rules come from the AssignmentRules metadata deploy); its Id is
    // what Sforce-Auto-Assign and Bulk 2.0's assignmentRuleId name.
    object(
        'AssignmentRule',
        { label: 'Assignment Rule', labelPlural: 'Assignment Rules', keyPrefix: '01Q', writable: false, ...setup },
        [
            text('Name', 'Name', 120, { ...readOnly, nameField: true }),
            picklist('SobjectType', 'SObject Type', values('Case', 'Lead'), { ...readOnly, restrictedPicklist: true }),
            field('Active', 'Active', 'boolean', { ...readOnly, nillable: false, defaultValue: false })
        ]
    ),
    // In UI API as the other side of polymorphic owners (Case_Owner = Group | User in GraphQL).
    object('Group', { label: 'Group', labelPlural: 'Groups', keyPrefix: '00G', ...setup, uiApi: true }, [
        text('Name', 'Name', 40, { ...required, nameField: true }),
        text('DeveloperName', 'Developer Name', 80, { ...required, idLookup: true }),
        picklist('Type', 'Type', values('Regular', 'Queue', 'Role', 'Organization'), {
            ...required,
            updateable: false,
            restrictedPicklist: true
        }),
        field('Email', 'Email', 'email', { length: 255 }),
        field('DoesSendEmailToMembers', 'Send Email to Members', 'boolean', {
            nillable: false,
            defaultValue: false,
            defaultedOnCreate: true
        })
    ]),
    object('GroupMember', { label: 'Group Member', labelPlural: 'Group Members', keyPrefix: '011', ...setup }, [
        lookup('GroupId', 'Group ID', ['Group'], 'Group', 'GroupMembers', {
            ...required,
            updateable: false,
            cascadeDelete: true
        }),
        lookup('UserOrGroupId', 'User/Group ID', ['User', 'Group'], 'UserOrGroup', undefined, {
            ...required,
            updateable: false
        })
    ]),
    object('QueueSobject', { label: 'Queue Sobject', labelPlural: 'Queue Sobjects', keyPrefix: '03g', ...setup }, [
        lookup('QueueId', 'Group ID', ['Group'], 'Queue', 'QueueSobjects', {
            ...required,
            updateable: false,
            cascadeDelete: true
        }),
        text('SobjectType', 'Sobject Type', 40, { ...required, updateable: false })
    ]),
    // One row per list view: the standard ones of a new org and the deployed ones (src/metadata/listViews.ts). Fields
    // from the Object Reference, "ListView" (describeSObjects, query, retrieve; Name is the label). LastViewedDate and
    // LastReferencedDate are left out: local-org keeps no record of what was viewed, and a field always null would lie.
    object('ListView', { label: 'List View', labelPlural: 'List Views', keyPrefix: '00B', writable: false, ...setup }, [
        text('Name', 'View Name', 40, { ...required, ...readOnly, nameField: true }),
        text('DeveloperName', 'View Unique Name', 80, { ...required, ...readOnly }),
        text('NamespacePrefix', 'Namespace Prefix', 15, readOnly),
        text('SobjectType', 'Sobject Type Name', 40, { ...required, ...readOnly }),
        field('IsSoqlCompatible', 'Is Soql Compatible', 'boolean', { ...readOnly, nillable: false, defaultValue: true })
    ]),
    // One row per deployed flow, kept by the Flow deploy (src/flows/deployFlow.ts). Fields and lengths from the
    // Object Reference and Field Reference, "FlowDefinitionView": ActiveVersionId is null while no version is active;
    // IsActive says whether the latest version is the active one.
    object(
        'FlowDefinitionView',
        {
            label: 'Flow Definition View',
            labelPlural: 'Flow Definition Views',
            keyPrefix: '300',
            writable: false,
            ...setup
        },
        [
            text('ApiName', 'Flow API Name', 255, readOnly),
            text('Label', 'Flow Label', 255, { ...readOnly, nameField: true }),
            text('Description', 'Flow Description', 255, readOnly),
            text('DurableId', 'Durable ID', 255, readOnly),
            text('ProcessType', 'Process Type', 255, readOnly),
            text('TriggerType', 'Trigger Type', 255, readOnly),
            text('TriggerObjectOrEventLabel', 'Triggering Object or Platform Event', 255, readOnly),
            text('NamespacePrefix', 'Namespace Prefix', 15, readOnly),
            field('IsActive', 'Active', 'boolean', { ...readOnly, nillable: false, defaultValue: false }),
            field('IsOutOfDate', 'Is Using an Older Version', 'boolean', {
                ...readOnly,
                nillable: false,
                defaultValue: false
            }),
            field('IsTemplate', 'Template', 'boolean', { ...readOnly, nillable: false, defaultValue: false }),
            text('ActiveVersionId', 'Active Flow Version API Name or ID', 255, readOnly),
            text('LatestVersionId', 'Latest Flow Version API Name or ID', 255, readOnly)
        ]
    )
];

/** The RecordTypeId lookup an object gets with its first record type. */
export function recordTypeIdField(): FieldDef {
    return lookup('RecordTypeId', 'Record Type ID', ['RecordType'], 'RecordType', undefined, {
        defaultedOnCreate: true
    });
}

/** A new custom object: Id, owner, its Name field (text or auto-number), audit fields. */
export function customObjectShell(
    name: string,
    label: string,
    labelPlural: string,
    keyPrefix: string,
    nameField: FieldDef
): ObjectDef {
    const shell = object(
        name,
        { label, labelPlural, keyPrefix, owned: true, ownerTo: ['User', 'Group'], uiApi: true },
        [{ ...nameField, nameField: true, idLookup: true }]
    );
    return { ...shell, custom: true };
}

export function standardObjects(): ObjectDef[] {
    return structuredClone([...crmObjects, ...standardHistoryObjects(crmObjects), ...setupObjects]);
}

/** Bumped whenever the catalogue changes, so an old database is refused instead of half-working. */
export const CATALOGUE_VERSION = 6;
