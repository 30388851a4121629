/**
 * What the user may do in the intake, from their objectInfo (UI API's object and field metadata for the context
 * user: a field they cannot read is not listed, and `createable` / `updateable` / `deletable` reflect their object
 * and field permissions). The intake offers only what the org will accept, and says what it does not offer.
 */
import { prospectVariables } from 'c/prospectInput';
import { SEARCH_FIELDS } from 'c/candidateSearch';

/**
 * @typedef {{ ApiName: string, createable?: boolean, updateable?: boolean }} FieldAccess
 * @typedef {{ ApiName: string, createable: boolean, updateable: boolean, deletable: boolean,
 *   fields: FieldAccess[] }} ObjectAccess
 * @typedef {{ canSearch: boolean, canLink: boolean, canCreateProspect: boolean, canAddContact: boolean,
 *   canDeleteAccount: boolean, canDeleteContact: boolean }} IntakeAccess
 */

/** The objects the intake reads and writes (apiName only: no picklist values are needed here). */
export const ACCESS_OBJECT_INFO_INPUTS = Object.freeze([
    Object.freeze({ apiName: 'Account' }),
    Object.freeze({ apiName: 'Contact' }),
    Object.freeze({ apiName: 'Case' })
]);

/** Nothing allowed: before the user's access is known, or when it cannot be read. */
export const NO_ACCESS = Object.freeze({
    canSearch: false,
    canLink: false,
    canCreateProspect: false,
    canAddContact: false,
    canDeleteAccount: false,
    canDeleteContact: false
});

/** A prospect with every field filled: its variables name every field a create may write. */
const FULL_PROSPECT = Object.freeze({
    Name: 'n',
    AccountPhone: '1',
    Website: 'n.example',
    BillingStreet: '1 n',
    BillingCity: 'n',
    BillingPostalCode: '1',
    FirstName: 'n',
    LastName: 'n',
    Email: 'n@n.example',
    ContactPhone: '1'
});

/**
 * The fields "Create new prospect" and "Add contact" may write, per object, with their match keys, as
 * c/prospectInput builds them. The country is left out: which country field is written depends on the org.
 */
function writtenFields() {
    const variables = prospectVariables(FULL_PROSPECT, 'case', null);
    return {
        Account: Object.keys(variables.account.Account),
        Contact: Object.keys(variables.contact.Contact)
    };
}

/**
 * @param {ObjectAccess | undefined} info
 * @param {ReadonlyArray<string>} fields
 * @param {'createable' | 'updateable' | null} mode null: readable (listed) is enough
 */
function allowsFields(info, fields, mode) {
    if (!info) {
        return false;
    }
    const byName = new Map(info.fields.map((field) => [field.ApiName, field]));
    return fields.every((name) => {
        const field = byName.get(name);
        return Boolean(field) && (mode === null || Boolean(field?.[mode]));
    });
}

/**
 * @param {ReadonlyArray<ObjectAccess> | null | undefined} objectInfos the answer to ACCESS_OBJECT_INFO_INPUTS
 * @returns {IntakeAccess}
 */
export function intakeAccess(objectInfos) {
    const info = new Map((objectInfos ?? []).map((entry) => [entry.ApiName, entry]));
    const account = info.get('Account');
    const contact = info.get('Contact');
    const caseInfo = info.get('Case');
    const written = writtenFields();
    const canSearch =
        allowsFields(account, SEARCH_FIELDS.Account, null) && allowsFields(contact, SEARCH_FIELDS.Contact, null);
    const canLink = Boolean(caseInfo?.updateable) && allowsFields(caseInfo, ['AccountId', 'ContactId'], 'updateable');
    const canCreateContact = Boolean(contact?.createable) && allowsFields(contact, written.Contact, 'createable');
    const canCreateAccount = Boolean(account?.createable) && allowsFields(account, written.Account, 'createable');
    return {
        canSearch,
        canLink,
        canCreateProspect: canLink && canCreateContact && canCreateAccount,
        canAddContact: canLink && canCreateContact,
        canDeleteAccount: Boolean(account?.deletable),
        canDeleteContact: Boolean(contact?.deletable)
    };
}
