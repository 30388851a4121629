/**
 * The Dev Hub's objects, with the fields, lengths, key prefixes and statuses of Salesforce's object reference:
 * ScratchOrgInfo (a signup request and its audit log, `2SR`) and ActiveScratchOrg (a live scratch org, `2AS`).
 * https://developer.salesforce.com/docs/platform/field-reference/references/field-reference/salesforce-field-reference-scratchorginfo.html
 * https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_activescratchorg.htm
 */
import {
    field,
    longText,
    lookup,
    object,
    picklist,
    readOnly,
    required,
    text,
    values,
    withDefault
} from '../catalogue.ts';
import type { FieldDef, ObjectDef } from '../schema.ts';

/** The editions a scratch org definition may name (ScratchOrgInfo.Edition is a restricted picklist). */
export const EDITIONS = [
    'Developer',
    'Enterprise',
    'Group',
    'Professional',
    'Partner Developer',
    'Partner Enterprise',
    'Partner Group',
    'Partner Professional'
];
export const SIGNUP_STATUSES = ['New', 'Creating', 'Active', 'Error', 'Deleted'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

const restricted = { restrictedPicklist: true } satisfies Partial<FieldDef>;

function autoName(label: string, displayFormat: string): FieldDef {
    return text('Name', label, 255, {
        ...readOnly,
        calculated: true,
        nillable: false,
        defaultedOnCreate: true,
        nameField: true,
        idLookup: true,
        autoNumber: { displayFormat, start: 1 }
    });
}

function scratchOrgInfo(): ObjectDef {
    return object(
        'ScratchOrgInfo',
        { label: 'Scratch Org Info', labelPlural: 'Scratch Org Infos', keyPrefix: '2SR', owned: true, setup: true },
        [
            autoName('Number', 'SR-{00000}'),
            field('AdminEmail', 'Requested Admin Email', 'email', { length: 80, updateable: false }),
            text('AuthCode', 'Connected App Authorization Code', 120, readOnly),
            field('ConnectedAppCallbackUrl', 'Connected App Callback URL', 'textarea', {
                ...required,
                length: 2000,
                updateable: false
            }),
            text('ConnectedAppConsumerKey', 'Connected App Consumer Key', 120, { ...required, updateable: false }),
            text('Country', 'Requested Country', 3, { updateable: false }),
            text('DeletedBy', 'Deleted By', 15, readOnly),
            field('DeletedDate', 'Deleted Date', 'date', readOnly),
            field('Description', 'Description', 'textarea', { length: 2000 }),
            field('DurationDays', 'Requested Duration In Days', 'int', { precision: 9, scale: 0, updateable: false }),
            picklist('Edition', 'Edition', values(...EDITIONS), { ...restricted, updateable: false }),
            text('ErrorCode', 'Error Code', 8, readOnly),
            field('ExpirationDate', 'Expiration Date', 'date', readOnly),
            field('Features', 'Features', 'textarea', { length: 10000, updateable: false }),
            field('HasSampleData', 'Has Sample Data', 'boolean', {
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: false,
                updateable: false
            }),
            text('Language', 'Requested Language', 40, { updateable: false }),
            field('LastLoginDate', 'Last Login Date', 'date', readOnly),
            field('LoginUrl', 'Login URL', 'url', { ...readOnly, length: 255 }),
            text('Namespace', 'Namespace', 15, { updateable: false }),
            text('OrgName', 'Org Name', 80, { updateable: false }),
            longText('Package2AncestorIds', 'Package2 Ancestor IDs', 32000),
            picklist('Release', 'Release', values('Current', 'Previous', 'Preview'), {
                ...restricted,
                updateable: false
            }),
            text('ScratchOrg', 'Scratch Org ID', 15, readOnly),
            field('SignupEmail', 'Signup Email', 'email', { ...readOnly, length: 80 }),
            text('SignupInstance', 'Signup Instance', 8, readOnly),
            text('SignupUsername', 'Signup Username', 80, readOnly),
            text('Snapshot', 'Snapshot', 80, { updateable: false }),
            text('SourceOrg', 'Source Org', 15, { updateable: false }),
            picklist('Status', 'Status', withDefault(values(...SIGNUP_STATUSES), 'New'), {
                ...restricted,
                ...readOnly,
                nillable: false,
                defaultedOnCreate: true
            }),
            text('Username', 'Requested Username', 80, { updateable: false })
        ]
    );
}

function activeScratchOrg(): ObjectDef {
    const definition = object(
        'ActiveScratchOrg',
        { label: 'Active Scratch Org', labelPlural: 'Active Scratch Orgs', keyPrefix: '2AS', owned: true, setup: true },
        [
            autoName('Number', 'AS-{00000}'),
            field('Description', 'Description', 'textarea', { length: 2000 }),
            picklist('Edition', 'Edition', values(...EDITIONS), { ...restricted, ...readOnly }),
            field('ExpirationDate', 'Expiration Date', 'date', readOnly),
            field('Features', 'Features', 'textarea', { ...readOnly, length: 10000 }),
            field('HasSampleData', 'Has Sample Data', 'boolean', {
                ...readOnly,
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: false
            }),
            field('LastLoginDate', 'Last Login Date', 'date', readOnly),
            text('Namespace', 'Namespace', 9, readOnly),
            text('OrgName', 'Org Name', 80, readOnly),
            text('ScratchOrg', 'Scratch Org ID', 15, readOnly),
            lookup(
                'ScratchOrgInfoId',
                'Scratch Org Info ID',
                ['ScratchOrgInfo'],
                'ScratchOrgInfo',
                undefined,
                readOnly
            ),
            field('SignupEmail', 'Signup Email', 'email', { ...readOnly, length: 80 }),
            text('SignupInstance', 'Instance', 8, readOnly),
            field('SignupTrialDays', 'Active Days', 'int', { ...readOnly, precision: 9, scale: 0 }),
            text('SignupUsername', 'Username', 80, readOnly)
        ]
    );
    // Salesforce makes ActiveScratchOrg rows itself; the API may update or delete them, never create one.
    return { ...definition, createable: false };
}

export function devHubObjects(): ObjectDef[] {
    return [scratchOrgInfo(), activeScratchOrg()];
}
