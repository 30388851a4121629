/**
 * The records "Create new prospect" writes: an Account, its Contact and the web form's link to them, as the
 * variables of one all-or-none GraphQL mutation, with their match keys. Shared by the intake component and the org
 * smoke tests (scripts/org-tests), which send the mutation exactly as the component builds it.
 *
 * The country. A web form's country is free text. In an org with State and Country/Territory Picklists, an address
 * country must be one of the org's countries: BillingCountry must equal a country's integration value, and an
 * unknown one fails the whole save with FIELD_INTEGRITY_EXCEPTION ("There's a problem with this country, even though
 * it may appear correct. Please select a country from the list of valid countries.", Salesforce's message as
 * reported in SalesforceFoundation/NPSP#994). Such an org has the picklist fields BillingCountryCode and
 * MailingCountryCode (ISO codes, labelled with the country names; Salesforce Help, "Standard Countries and
 * Territories for Address Picklists"); an org without them keeps free-text countries, where any text is saved.
 * UI API does not expose integration values, so in a picklist org the country is sent as its code (the org then
 * fills BillingCountry with the integration value), and only when the text names one of the org's countries, by
 * code or by name; otherwise no country is sent and the agent is told. No platform imports: it runs on the platform,
 * under jest and in Node.
 */
import { withMatchKeys } from 'c/matchKeys';
import { emailDomain, isFreeMailDomain, normalizeEmail } from 'c/recordMatcher';

/** UI API's id for the master record type: the country list is the org's, whatever the record type. */
export const MASTER_RECORD_TYPE_ID = '012000000000000AAA';

/**
 * The objectInfos request that tells whether the org has country picklists and which countries it offers:
 * Account's fields, with picklist values for the master record type ("Get Object Metadata": picklist values come
 * only through objectInfoInputs with recordTypeIDs).
 */
export const COUNTRY_OBJECT_INFO_INPUTS = Object.freeze([
    Object.freeze({ apiName: 'Account', recordTypeIDs: Object.freeze([MASTER_RECORD_TYPE_ID]) })
]);

/**
 * @typedef {{ code: string, name: string }} Country
 * @typedef {{ value: string, label: string }} PicklistEntry
 * @typedef {{ recordTypeID: string, picklistValues: PicklistEntry[] }} PicklistValues
 * @typedef {{ ApiName: string, picklistValuesByRecordTypeIDs?: PicklistValues[] | null }} FieldInfo
 * @typedef {{ ApiName: string, fields: FieldInfo[] }} ObjectInfo
 * @typedef {Record<string, string | null | undefined>} ProspectValues the form's values by key: Name, AccountPhone,
 *   Website, BillingStreet, BillingCity, BillingPostalCode, BillingCountry, FirstName, LastName, Email, ContactPhone
 */

/**
 * The org's countries, from the answer to COUNTRY_OBJECT_INFO_INPUTS: null when Account has no BillingCountryCode
 * field, that is when the org has free-text countries.
 * @param {ObjectInfo[] | null | undefined} objectInfos
 * @returns {Country[] | null}
 */
export function countriesOf(objectInfos) {
    const account = (objectInfos ?? []).find((info) => info.ApiName === 'Account');
    const field = account?.fields.find((candidate) => candidate.ApiName === 'BillingCountryCode');
    if (!field) {
        return null;
    }
    const byType = field.picklistValuesByRecordTypeIDs ?? [];
    const master = byType.find((entry) => entry.recordTypeID === MASTER_RECORD_TYPE_ID) ?? byType[0];
    return (master?.picklistValues ?? []).map((entry) => ({ code: entry.value, name: entry.label }));
}

/**
 * Case and accents do not tell countries apart: "united states", "Åland Islands" / "Aland Islands".
 * @param {string} text
 * @returns {string}
 */
function folded(text) {
    return text
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .trim()
        .replace(/\s+/g, ' ')
        .toLowerCase();
}

/**
 * The org's country a text names, by its code ("DE") or its name ("Germany"); null when it names none.
 * @param {string | null | undefined} text
 * @param {Country[]} countries
 * @returns {Country | null}
 */
export function countryNamed(text, countries) {
    const wanted = folded(String(text ?? ''));
    if (wanted === '') {
        return null;
    }
    return countries.find((country) => folded(country.code) === wanted || folded(country.name) === wanted) ?? null;
}

/**
 * @param {ProspectValues} values
 * @param {string} key
 * @returns {string | null}
 */
function valueOf(values, key) {
    const value = String(values[key] ?? '').trim();
    return value === '' ? null : value;
}

/**
 * "Add contact to ⟨Account⟩": the contact under the case's account, with its match keys, and the case's link to
 * it, as the variables of one all-or-none mutation (the contact is referenced as `@{contact}`, the operation's
 * alias: GraphQL API Developer Guide, "Chain Mutations by Using Field References").
 * @param {ProspectValues} values the form's contact and address values
 * @param {string} caseId
 * @param {string} accountId the case's account
 * @param {Country[] | null | undefined} countries as for prospectVariables
 */
export function contactVariables(values, caseId, accountId, countries) {
    return {
        contact: { Contact: { ...contactFields(values, countries), AccountId: accountId } },
        webForm: { Id: caseId, Case: { ContactId: '@{contact}' } }
    };
}

/** What a prospect cannot be saved without: Salesforce requires an account's Name and a contact's LastName. */
export const REQUIRED_PROSPECT_FIELDS = Object.freeze(['Name', 'LastName']);

/** What a contact added to an existing account cannot be saved without. */
export const REQUIRED_CONTACT_FIELDS = Object.freeze(['LastName']);

/**
 * The required keys the values leave empty, in the order given.
 * @param {ProspectValues} values
 * @param {ReadonlyArray<string>} [required]
 * @returns {string[]}
 */
export function missingProspectFields(values, required = REQUIRED_PROSPECT_FIELDS) {
    return required.filter((key) => valueOf(values, key) === null);
}

/**
 * The address country fields to send for a typed country: the text in a free-text org (`countries` null); the
 * code of the country it names in a picklist org; nothing when it names none, or when the org's list could not be
 * read (`countries` undefined), since an unknown country would fail the whole save.
 * @param {string | null} text
 * @param {Country[] | null | undefined} countries
 * @param {'Billing' | 'Mailing'} prefix
 * @returns {Record<string, string | null>}
 */
export function countryFields(text, countries, prefix) {
    if (countries === null) {
        return { [`${prefix}Country`]: text };
    }
    const country = countries ? countryNamed(text, countries) : null;
    return country ? { [`${prefix}CountryCode`]: country.code } : {};
}

/**
 * The contact's fields with its match keys: the form's address, shown once, is its mailing address.
 * @param {ProspectValues} values
 * @param {Country[] | null | undefined} countries
 */
function contactFields(values, countries) {
    return {
        ...withMatchKeys('Contact', {
            FirstName: valueOf(values, 'FirstName'),
            LastName: valueOf(values, 'LastName'),
            Email: valueOf(values, 'Email'),
            Phone: valueOf(values, 'ContactPhone'),
            MailingStreet: valueOf(values, 'BillingStreet'),
            MailingCity: valueOf(values, 'BillingCity'),
            MailingPostalCode: valueOf(values, 'BillingPostalCode')
        }),
        ...countryFields(valueOf(values, 'BillingCountry'), countries, 'Mailing')
    };
}

/**
 * The create mutation's variables: the account and contact with their match keys, chained by reference, and the
 * web form's link to both. The form shows the address once (the account's billing address); the contact gets the
 * same values as its mailing address.
 * @param {ProspectValues} values
 * @param {string} caseId
 * @param {Country[] | null | undefined} countries the org's countries (countriesOf), null in a free-text org
 */
export function prospectVariables(values, caseId, countries) {
    const country = valueOf(values, 'BillingCountry');
    const account = {
        ...withMatchKeys('Account', {
            Name: valueOf(values, 'Name'),
            Phone: valueOf(values, 'AccountPhone'),
            Website: valueOf(values, 'Website'),
            BillingStreet: valueOf(values, 'BillingStreet'),
            BillingCity: valueOf(values, 'BillingCity'),
            BillingPostalCode: valueOf(values, 'BillingPostalCode')
        }),
        ...countryFields(country, countries, 'Billing')
    };
    const contact = { ...contactFields(values, countries), AccountId: '@{account}' };
    return {
        account: { Account: account },
        contact: { Contact: contact },
        webForm: { Id: caseId, Case: { AccountId: '@{account}', ContactId: '@{contact}' } }
    };
}

/**
 * A name's words as names: symbols and emoji are dropped (inside a word too), letters of any script and their
 * accents kept, with the hyphens, apostrophes and dots names carry ("Ñúñez-Øberg", "O'Brien", "J.").
 * @param {string | null | undefined} name
 * @returns {string[]}
 */
function nameWords(name) {
    return String(name ?? '')
        .normalize('NFC')
        .split(/\s+/)
        .map((word) => word.replace(/[^\p{L}\p{M}'’.-]/gu, '').replace(/^[-'’.]+|[-'’]+$/g, ''))
        .filter((word) => /\p{L}/u.test(word));
}

/**
 * "Jean-Luc Dupont" → first name "Jean-Luc", last name "Dupont"; "Zoë Ñúñez-Øberg 😀" → "Zoë", "Ñúñez-Øberg";
 * one word is a last name.
 * @param {string | null | undefined} name
 * @returns {{ FirstName: string | null, LastName: string | null }}
 */
export function splitName(name) {
    const words = nameWords(name);
    if (words.length === 0) {
        return { FirstName: null, LastName: null };
    }
    if (words.length === 1) {
        return { FirstName: null, LastName: words[0] };
    }
    return { FirstName: words.slice(0, -1).join(' '), LastName: words[words.length - 1] };
}

/**
 * Domains that many unrelated senders share, so that an address there says nothing about a company's website:
 * the names reserved for documentation and placeholders (example.com, .net, .org: RFC 2606, "Reserved Top Level
 * DNS Names", section 3), which people type into forms, and Microsoft 365's default tenant domain (every tenant is
 * a subdomain of onmicrosoft.com). Free-mail providers are recordMatcher's isFreeMailDomain.
 */
export const SHARED_EMAIL_DOMAINS = Object.freeze(['example.com', 'example.net', 'example.org', 'onmicrosoft.com']);

/**
 * The website a new prospect's account starts with: the sender's company domain (jane@eu.acme.co.uk → acme.co.uk),
 * or '' when the address is at a free-mail provider or a shared domain, or any subdomain of one.
 * @param {string | null | undefined} email
 * @returns {string}
 */
export function websiteFromEmail(email) {
    const normalized = normalizeEmail(email);
    const host = normalized.slice(normalized.lastIndexOf('@') + 1);
    if (!normalized || isFreeMailDomain(host)) {
        return '';
    }
    if (SHARED_EMAIL_DOMAINS.some((shared) => host === shared || host.endsWith(`.${shared}`))) {
        return '';
    }
    return emailDomain(normalized);
}
