import { LightningElement, api, wire } from 'lwc';
import { gql, graphql, executeMutation } from 'lightning/graphql';
import { notifyRecordUpdateAvailable } from 'lightning/uiRecordApi';
import { ShowToastEvent } from 'lightning/platformShowToastEvent';
import { RefreshEvent } from 'lightning/refresh';
import { emailDomain, isFreeMailDomain, matchSubmission, normalizeEmail } from 'c/recordMatcher';
import { candidatesFromResponse, matchSearchRequests } from 'c/matchSearch';
import { formatLabel } from 'c/labelFormat';
import { errorCodes } from 'c/ldsUtils';
import { COUNTRY_OBJECT_INFO_INPUTS, countriesOf, countryNamed, prospectVariables } from 'c/prospectInput';
import TITLE from '@salesforce/label/c.Web_Form_Intake_Title';
import LOADING from '@salesforce/label/c.Web_Form_Intake_Loading';
import LOAD_FAILED from '@salesforce/label/c.Web_Form_Intake_Load_Failed';
import LINKED_CONTACT from '@salesforce/label/c.Web_Form_Intake_Linked_Contact';
import LINKED_ACCOUNT from '@salesforce/label/c.Web_Form_Intake_Linked_Account';
import SEARCHING from '@salesforce/label/c.Web_Form_Intake_Searching';
import SEARCH_FAILED from '@salesforce/label/c.Web_Form_Intake_Search_Failed';
import ADVICE_LINK from '@salesforce/label/c.Web_Form_Intake_Advice_Link';
import ADVICE_SUGGEST from '@salesforce/label/c.Web_Form_Intake_Advice_Suggest';
import ADVICE_NEW from '@salesforce/label/c.Web_Form_Intake_Advice_New';
import HEADING_ACCOUNTS from '@salesforce/label/c.Web_Form_Intake_Heading_Accounts';
import HEADING_CONTACTS from '@salesforce/label/c.Web_Form_Intake_Heading_Contacts';
import NO_CANDIDATES from '@salesforce/label/c.Web_Form_Intake_No_Candidates';
import SCORE from '@salesforce/label/c.Web_Form_Intake_Score';
import ACCOUNT_OF from '@salesforce/label/c.Web_Form_Intake_Account_Of';
import LINK_ACCOUNT from '@salesforce/label/c.Web_Form_Intake_Link_Account';
import LINK_CONTACT from '@salesforce/label/c.Web_Form_Intake_Link_Contact';
import CREATE_PROSPECT from '@salesforce/label/c.Web_Form_Intake_Create_Prospect';
import SEARCH_LABEL from '@salesforce/label/c.Web_Form_Intake_Search_Label';
import SEARCH from '@salesforce/label/c.Web_Form_Intake_Search';
import SEARCH_RESULTS_FOR from '@salesforce/label/c.Web_Form_Intake_Search_Results_For';
import CLEAR_SEARCH from '@salesforce/label/c.Web_Form_Intake_Clear_Search';
import FORM_HEADING from '@salesforce/label/c.Web_Form_Intake_Form_Heading';
import FORM_ACCOUNT from '@salesforce/label/c.Web_Form_Intake_Form_Account';
import FORM_CONTACT from '@salesforce/label/c.Web_Form_Intake_Form_Contact';
import FORM_ADDRESS from '@salesforce/label/c.Web_Form_Intake_Form_Address';
import ACCOUNT_NAME from '@salesforce/label/c.Web_Form_Intake_Account_Name';
import ACCOUNT_PHONE from '@salesforce/label/c.Web_Form_Intake_Account_Phone';
import WEBSITE from '@salesforce/label/c.Web_Form_Intake_Website';
import BILLING_STREET from '@salesforce/label/c.Web_Form_Intake_Billing_Street';
import BILLING_CITY from '@salesforce/label/c.Web_Form_Intake_Billing_City';
import BILLING_POSTAL_CODE from '@salesforce/label/c.Web_Form_Intake_Billing_Postal_Code';
import BILLING_COUNTRY from '@salesforce/label/c.Web_Form_Intake_Billing_Country';
import FIRST_NAME from '@salesforce/label/c.Web_Form_Intake_First_Name';
import LAST_NAME from '@salesforce/label/c.Web_Form_Intake_Last_Name';
import EMAIL from '@salesforce/label/c.Web_Form_Intake_Email';
import CONTACT_PHONE from '@salesforce/label/c.Web_Form_Intake_Contact_Phone';
import MISSING_REQUIRED from '@salesforce/label/c.Web_Form_Intake_Missing_Required';
import COUNTRY_NOT_IN_LIST from '@salesforce/label/c.Web_Form_Intake_Country_Not_In_List';
import COUNTRY_LIST_UNAVAILABLE from '@salesforce/label/c.Web_Form_Intake_Country_List_Unavailable';
import SAVE from '@salesforce/label/c.Web_Form_Intake_Save';
import CANCEL from '@salesforce/label/c.Web_Form_Intake_Cancel';
import LINKED_TITLE from '@salesforce/label/c.Web_Form_Intake_Linked_Title';
import LINKED_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Linked_Message';
import CREATED_TITLE from '@salesforce/label/c.Web_Form_Intake_Created_Title';
import CREATED_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Created_Message';
import UNDO from '@salesforce/label/c.Web_Form_Intake_Undo';
import UNDO_HINT from '@salesforce/label/c.Web_Form_Intake_Undo_Hint';
import UNDONE_TITLE from '@salesforce/label/c.Web_Form_Intake_Undone_Title';
import UNDONE_MESSAGE from '@salesforce/label/c.Web_Form_Intake_Undone_Message';
import LINK_FAILED from '@salesforce/label/c.Web_Form_Intake_Link_Failed';
import CREATE_FAILED from '@salesforce/label/c.Web_Form_Intake_Create_Failed';
import DUPLICATES from '@salesforce/label/c.Web_Form_Intake_Duplicates';
import DUPLICATE_RECORD from '@salesforce/label/c.Web_Form_Intake_Duplicate_Record';
import REASON_EMAIL from '@salesforce/label/c.Web_Form_Intake_Reason_Email';
import REASON_EMAIL_DOMAIN from '@salesforce/label/c.Web_Form_Intake_Reason_Email_Domain';
import REASON_LAST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Last_Name';
import REASON_SIMILAR_LAST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Similar_Last_Name';
import REASON_FIRST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_First_Name';
import REASON_SIMILAR_FIRST_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Similar_First_Name';
import REASON_FIRST_INITIAL from '@salesforce/label/c.Web_Form_Intake_Reason_First_Initial';
import REASON_NAMES_SWAPPED from '@salesforce/label/c.Web_Form_Intake_Reason_Names_Swapped';
import REASON_COMPANY_NAME from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Name';
import REASON_COMPANY_ACRONYM from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Acronym';
import REASON_COMPANY_CONTAINS from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Contains';
import REASON_SIMILAR_COMPANY from '@salesforce/label/c.Web_Form_Intake_Reason_Similar_Company';
import REASON_COMPANY_WORDS from '@salesforce/label/c.Web_Form_Intake_Reason_Company_Words';
import REASON_PHONE from '@salesforce/label/c.Web_Form_Intake_Reason_Phone';
import REASON_PHONE_LOCAL from '@salesforce/label/c.Web_Form_Intake_Reason_Phone_Local';
import REASON_PHONE_AREA from '@salesforce/label/c.Web_Form_Intake_Reason_Phone_Area';
import REASON_STREET_ADDRESS from '@salesforce/label/c.Web_Form_Intake_Reason_Street_Address';
import REASON_STREET from '@salesforce/label/c.Web_Form_Intake_Reason_Street';
import REASON_CITY from '@salesforce/label/c.Web_Form_Intake_Reason_City';
import REASON_POSTAL_CODE from '@salesforce/label/c.Web_Form_Intake_Reason_Postal_Code';
import REASON_POSTAL_SLIP from '@salesforce/label/c.Web_Form_Intake_Reason_Postal_Slip';

/**
 * @typedef {import('c/recordMatcher').Submission} Submission
 * @typedef {import('c/recordMatcher').AccountRecord} AccountRecord
 * @typedef {import('c/recordMatcher').ContactRecord} ContactRecord
 * @typedef {import('c/recordMatcher').MatchResult} MatchResult
 * @typedef {{ value: any, displayValue?: string | null }} FieldValue
 * @typedef {{ SuppliedName: string | null, SuppliedEmail: string | null, SuppliedPhone: string | null,
 *   SuppliedCompany: string | null, Web_Street__c: string | null, Web_City__c: string | null,
 *   Web_Postal_Code__c: string | null, Web_Country__c: string | null, AccountId: string | null,
 *   AccountName: string | null, ContactId: string | null, ContactName: string | null }} WebForm
 * @typedef {{ AccountId: string | null, ContactId: string | null }} CaseLink
 * @typedef {{ previous: CaseLink, name: string }} UndoableLink
 * @typedef {{ id: string, type: 'Account' | 'Contact', name: string }} NamedRecord
 * @typedef {import('c/prospectInput').Country} Country
 */

/** The matcher's reasons (English, for the tooling) and the Custom Labels the component shows for them. */
const REASON_LABELS = /** @type {Readonly<Record<string, string>>} */ ({
    'email matches': REASON_EMAIL,
    'same email domain': REASON_EMAIL_DOMAIN,
    'same last name': REASON_LAST_NAME,
    'similar last name': REASON_SIMILAR_LAST_NAME,
    'same first name': REASON_FIRST_NAME,
    'similar first name': REASON_SIMILAR_FIRST_NAME,
    'first initial matches': REASON_FIRST_INITIAL,
    'first and last names swapped': REASON_NAMES_SWAPPED,
    'same company name': REASON_COMPANY_NAME,
    'company name is an acronym of the other': REASON_COMPANY_ACRONYM,
    'company name contains the other': REASON_COMPANY_CONTAINS,
    'similar company name': REASON_SIMILAR_COMPANY,
    'company names share words': REASON_COMPANY_WORDS,
    'phone matches': REASON_PHONE,
    'phone matches without area code': REASON_PHONE_LOCAL,
    'same local phone number, different area code': REASON_PHONE_AREA,
    'same street address': REASON_STREET_ADDRESS,
    'same street': REASON_STREET,
    'same city': REASON_CITY,
    'same postal code': REASON_POSTAL_CODE,
    'postal code differs by a slip': REASON_POSTAL_SLIP
});

/** @type {Record<import('c/recordMatcher').Decision, string>} */
const ADVICE = { link: ADVICE_LINK, suggest: ADVICE_SUGGEST, new: ADVICE_NEW };

/** Candidates shown per kind of record. */
const TOP = 10;

const WEB_FORM_QUERY = gql`
    query WebFormIntakeCase($caseId: ID) {
        uiapi {
            query {
                Case(where: { Id: { eq: $caseId } }) {
                    edges {
                        node {
                            Id
                            SuppliedName {
                                value
                            }
                            SuppliedEmail {
                                value
                            }
                            SuppliedPhone {
                                value
                            }
                            SuppliedCompany {
                                value
                            }
                            Web_Street__c @optional {
                                value
                            }
                            Web_City__c @optional {
                                value
                            }
                            Web_Postal_Code__c @optional {
                                value
                            }
                            Web_Country__c @optional {
                                value
                            }
                            AccountId {
                                value
                            }
                            Account {
                                Name {
                                    value
                                }
                            }
                            ContactId {
                                value
                            }
                            Contact {
                                Name {
                                    value
                                }
                            }
                        }
                    }
                }
            }
        }
    }
`;

// The retrieval is matchSearch's (matchSearchRequests): identifiers in one request, company-name prefixes in a
// second one when a company is given. The documents are written out because the platform compiles gql templates
// statically (no substitutions); a jest test keeps them equal to matchSearch's MATCH_*_QUERY constants.
// prettier-ignore
const IDENTIFIER_QUERY = gql`query MatchCandidates(
    $emails: [Email]
    $phones: [String]
    $domains: [String]
    $streets: [String]
    $personNames: [String]
    $postals: [String]
    $localities: [String]
) {
    uiapi {
        query {
            byEmail: Contact(
                where: { Email: { in: $emails } }
                orderBy: { Email: { order: ASC } }
                first: 10
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            contactsByPhone: Contact(
                where: { Match_Phone_Key__c: { in: $phones } }
                orderBy: { Match_Phone_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            contactsByDomain: Contact(
                where: { Match_Domain_Key__c: { in: $domains } }
                orderBy: { Match_Domain_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            contactsByStreet: Contact(
                where: { Match_Street_Key__c: { in: $streets } }
                orderBy: { Match_Street_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            contactsByName: Contact(
                where: { Match_Name_Key__c: { in: $personNames } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            contactsByPostal: Contact(
                where: { Match_Postal_Key__c: { in: $postals } }
                orderBy: { Match_Postal_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            contactsByLocality: Contact(
                where: { Match_Locality_Key__c: { in: $localities } }
                orderBy: { Match_Locality_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            accountsByPhone: Account(
                where: { Match_Phone_Key__c: { in: $phones } }
                orderBy: { Match_Phone_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        Name { value }
                        Phone { value }
                        Website { value }
                        BillingStreet { value }
                        BillingCity { value }
                        BillingPostalCode { value }
                        BillingCountry { value }
                    }
                }
            }
            accountsByDomain: Account(
                where: { Match_Domain_Key__c: { in: $domains } }
                orderBy: { Match_Domain_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        Name { value }
                        Phone { value }
                        Website { value }
                        BillingStreet { value }
                        BillingCity { value }
                        BillingPostalCode { value }
                        BillingCountry { value }
                    }
                }
            }
            accountsByStreet: Account(
                where: { Match_Street_Key__c: { in: $streets } }
                orderBy: { Match_Street_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        Name { value }
                        Phone { value }
                        Website { value }
                        BillingStreet { value }
                        BillingCity { value }
                        BillingPostalCode { value }
                        BillingCountry { value }
                    }
                }
            }
        }
    }
}
`;

// prettier-ignore
const NAME_QUERY = gql`query MatchNameCandidates(
    $companyName: String
    $companyNameAlt: String
    $companyWord: String
    $surname: String
    $givenName: String
) {
    uiapi {
        query {
            accountsByName: Account(
                where: { Match_Name_Key__c: { like: $companyName } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        Name { value }
                        Phone { value }
                        Website { value }
                        BillingStreet { value }
                        BillingCity { value }
                        BillingPostalCode { value }
                        BillingCountry { value }
                    }
                }
            }
            accountsByNameAlt: Account(
                where: { Match_Name_Key__c: { like: $companyNameAlt } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        Name { value }
                        Phone { value }
                        Website { value }
                        BillingStreet { value }
                        BillingCity { value }
                        BillingPostalCode { value }
                        BillingCountry { value }
                    }
                }
            }
            accountsByWord: Account(
                where: { Match_Name_Key__c: { like: $companyWord } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        Name { value }
                        Phone { value }
                        Website { value }
                        BillingStreet { value }
                        BillingCity { value }
                        BillingPostalCode { value }
                        BillingCountry { value }
                    }
                }
            }
            contactsBySurname: Contact(
                where: { Match_Name_Key__c: { like: $surname } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
            contactsByGivenName: Contact(
                where: { Name: { like: $givenName } }
                orderBy: { Name: { order: ASC } }
                first: 50
            ) {
                edges {
                    node {
                        Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            Id
                            Name { value }
                            Phone { value }
                            Website { value }
                            BillingStreet { value }
                            BillingCity { value }
                            BillingPostalCode { value }
                            BillingCountry { value }
                        }
                    }
                }
            }
        }
    }
}
`;

const LINK_MUTATION = gql`
    mutation WebFormIntakeLink($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                    AccountId {
                        value
                    }
                    ContactId {
                        value
                    }
                }
            }
        }
    }
`;

// All or none: the account, its contact and the case's link to both, or nothing.
const CREATE_PROSPECT_MUTATION = gql`
    mutation WebFormIntakeCreateProspect(
        $account: AccountCreateInput!
        $contact: ContactCreateInput!
        $webForm: CaseUpdateInput!
    ) {
        uiapi(input: { allOrNone: true }) {
            account: AccountCreate(input: $account) {
                Record {
                    Id
                    Name {
                        value
                    }
                }
            }
            contact: ContactCreate(input: $contact) {
                Record {
                    Id
                    Name {
                        value
                    }
                }
            }
            webForm: CaseUpdate(input: $webForm) {
                Record {
                    Id
                    AccountId {
                        value
                    }
                    ContactId {
                        value
                    }
                }
            }
        }
    }
`;

// Whether the org has country picklists, and its countries: c/prospectInput sends a prospect's country only in a
// form the org accepts.
const COUNTRY_QUERY = gql`
    query WebFormIntakeCountries($objectInfoInputs: [ObjectInfoInput!]) {
        uiapi {
            objectInfos(objectInfoInputs: $objectInfoInputs) {
                ApiName
                fields {
                    ApiName
                    ... on PicklistField {
                        picklistValuesByRecordTypeIDs {
                            recordTypeID
                            picklistValues {
                                value
                                label
                            }
                        }
                    }
                }
            }
        }
    }
`;

/** The new prospect's form: field keys, labels, and which are required. */
const FORM_FIELDS = [
    { key: 'Name', object: 'Account', label: ACCOUNT_NAME, type: 'text', required: true },
    { key: 'AccountPhone', object: 'Account', label: ACCOUNT_PHONE, type: 'tel', required: false },
    { key: 'Website', object: 'Account', label: WEBSITE, type: 'text', required: false },
    { key: 'BillingStreet', object: 'Address', label: BILLING_STREET, type: 'text', required: false },
    { key: 'BillingCity', object: 'Address', label: BILLING_CITY, type: 'text', required: false },
    { key: 'BillingPostalCode', object: 'Address', label: BILLING_POSTAL_CODE, type: 'text', required: false },
    { key: 'BillingCountry', object: 'Address', label: BILLING_COUNTRY, type: 'text', required: false },
    { key: 'FirstName', object: 'Contact', label: FIRST_NAME, type: 'text', required: false },
    { key: 'LastName', object: 'Contact', label: LAST_NAME, type: 'text', required: true },
    { key: 'Email', object: 'Contact', label: EMAIL, type: 'email', required: false },
    { key: 'ContactPhone', object: 'Contact', label: CONTACT_PHONE, type: 'tel', required: false }
];

/** Salesforce Id prefixes of the records a duplicate rule may name here. */
const ID_PREFIX_TYPES = /** @type {Record<string, 'Account' | 'Contact'>} */ ({ '001': 'Account', '003': 'Contact' });
const RECORD_ID = /\b(?:001|003)[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?\b/g;

/**
 * @param {FieldValue | null | undefined} field
 * @returns {string | null}
 */
function valueOf(field) {
    const value = field?.value;
    return value === null || value === undefined || value === '' ? null : String(value);
}

/**
 * "Jean-Luc Dupont" → first name "Jean-Luc", last name "Dupont"; one word is a last name.
 * @param {string | null} name
 * @returns {{ FirstName: string | null, LastName: string | null }}
 */
export function splitName(name) {
    const words = String(name ?? '')
        .trim()
        .split(/\s+/)
        .filter(Boolean);
    if (words.length === 0) {
        return { FirstName: null, LastName: null };
    }
    if (words.length === 1) {
        return { FirstName: null, LastName: words[0] };
    }
    return { FirstName: words.slice(0, -1).join(' '), LastName: words[words.length - 1] };
}

/**
 * The matcher's submission for a web form.
 * @param {WebForm} webForm
 * @returns {Submission}
 */
export function submissionOf(webForm) {
    return {
        ...splitName(webForm.SuppliedName),
        Email: webForm.SuppliedEmail,
        Phone: webForm.SuppliedPhone,
        Company: webForm.SuppliedCompany,
        Street: webForm.Web_Street__c,
        City: webForm.Web_City__c,
        PostalCode: webForm.Web_Postal_Code__c,
        Country: webForm.Web_Country__c
    };
}

/**
 * The submission for what an agent typed: an email, a phone number, or a name (of a person or a company, so it
 * is searched as both).
 * @param {string} text
 * @returns {Submission}
 */
export function submissionOfSearch(text) {
    const trimmed = text.trim();
    if (trimmed.includes('@')) {
        return { Email: trimmed };
    }
    if (/^[+\d\s().\-/]+$/.test(trimmed) && trimmed.replace(/\D/g, '').length >= 7) {
        return { Phone: trimmed };
    }
    return { ...splitName(trimmed), Company: trimmed };
}

/**
 * Accounts and Contacts named by a DUPLICATES_DETECTED error. UI API GraphQL's exact shape for the matched records
 * is not documented, so this reads record Ids (Account 001…, Contact 003…) wherever the errors carry them: in
 * `extensions` (any depth, e.g. duplicateResults/matchResults/matchRecords) or in the message. Returns null when
 * no error is DUPLICATES_DETECTED.
 * @param {any} errors
 * @returns {{ id: string, type: 'Account' | 'Contact' }[] | null}
 */
export function duplicatesOf(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const duplicates = list.filter(
        (error) =>
            errorCodes(error).includes('DUPLICATES_DETECTED') ||
            /DUPLICATES_DETECTED/.test(String(error?.message ?? ''))
    );
    if (duplicates.length === 0) {
        return null;
    }
    /** @type {Map<string, 'Account' | 'Contact'>} */
    const found = new Map();
    /** @param {unknown} value */
    const collect = (value) => {
        if (typeof value === 'string') {
            for (const id of value.match(RECORD_ID) ?? []) {
                found.set(id, ID_PREFIX_TYPES[id.slice(0, 3)]);
            }
        } else if (Array.isArray(value)) {
            value.forEach(collect);
        } else if (value && typeof value === 'object') {
            Object.values(value).forEach(collect);
        }
    };
    for (const error of duplicates) {
        collect(error.message);
        collect(error.extensions);
    }
    return [...found].map(([id, type]) => ({ id, type }));
}

/**
 * The Web Form case's intake: says when Web-to-Case already linked the contact; otherwise finds the accounts and
 * contacts the web form may belong to (matchSearch's selective requests, scored in the browser) and advises
 * link / suggest / new. Every write is the agent's click: link to an account or contact, create the prospect
 * (account, contact and case link in one all-or-none mutation), or undo a link made here. Viewing writes nothing.
 */
export default class WebFormIntake extends LightningElement {
    /** @type {string} */
    @api recordId = '';

    label = {
        TITLE,
        LOADING,
        SEARCHING,
        HEADING_ACCOUNTS,
        HEADING_CONTACTS,
        NO_CANDIDATES,
        CREATE_PROSPECT,
        SEARCH_LABEL,
        SEARCH,
        CLEAR_SEARCH,
        FORM_HEADING,
        SAVE,
        CANCEL,
        UNDO,
        DUPLICATES,
        LINK_ACCOUNT,
        LINK_CONTACT
    };

    isLoading = true;
    /** @type {any} */
    loadError;
    /** @type {WebForm | undefined} */
    webForm;
    /** @type {any} the case wire's last result, refreshed after each write */
    wiredCaseResult;

    /** @type {string} what the agent typed in the search box */
    searchInput = '';
    /** @type {string} the search that runs ('' = the web form's own) */
    searchText = '';
    isSearching = false;
    /** @type {any} */
    searchError;
    /** @type {MatchResult | undefined} */
    match;
    /**
     * The latest answer of each search request; both are reset when the search changes.
     * @type {{ identifiers?: { data?: any, errors?: any[] }, names?: { data?: any, errors?: any[] } }}
     */
    answers = {};
    /** @type {Map<string, AccountRecord>} */
    accounts = new Map();
    /** @type {Map<string, ContactRecord>} */
    contacts = new Map();

    isFormOpen = false;
    /** @type {Record<string, string>} */
    values = {};
    isSaving = false;
    /** @type {any} */
    saveError;
    saveErrorSummary = '';
    /** @type {NamedRecord[] | null} records a duplicate rule named */
    duplicates = null;
    /** @type {UndoableLink | null} the last link made here, which Undo restores */
    lastLink = null;
    /** @type {Country[] | null | undefined} the org's countries; null: free-text countries; undefined: not read yet */
    countries;
    countryListFailed = false;

    // ----- reading -----

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: WEB_FORM_QUERY, variables: '$caseVariables' })
    wiredCase(result) {
        this.wiredCaseResult = result;
        const { data, errors } = result;
        if (errors) {
            this.loadError = errors;
            this.isLoading = false;
            return;
        }
        if (!data) {
            return;
        }
        this.isLoading = false;
        const node = data.uiapi.query.Case.edges[0]?.node;
        if (!node) {
            this.loadError = [];
            return;
        }
        this.loadError = undefined;
        this.webForm = {
            SuppliedName: valueOf(node.SuppliedName),
            SuppliedEmail: valueOf(node.SuppliedEmail),
            SuppliedPhone: valueOf(node.SuppliedPhone),
            SuppliedCompany: valueOf(node.SuppliedCompany),
            Web_Street__c: valueOf(node.Web_Street__c),
            Web_City__c: valueOf(node.Web_City__c),
            Web_Postal_Code__c: valueOf(node.Web_Postal_Code__c),
            Web_Country__c: valueOf(node.Web_Country__c),
            AccountId: valueOf(node.AccountId),
            AccountName: valueOf(node.Account?.Name),
            ContactId: valueOf(node.ContactId),
            ContactName: valueOf(node.Contact?.Name)
        };
    }

    get caseVariables() {
        return { caseId: this.recordId };
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: COUNTRY_QUERY, variables: '$countryVariables' })
    wiredCountries({ data, errors }) {
        this.countryListFailed = Boolean(errors);
        if (data) {
            this.countries = countriesOf(data.uiapi.objectInfos);
        }
    }

    get countryVariables() {
        return { objectInfoInputs: COUNTRY_OBJECT_INFO_INPUTS };
    }

    /** The submission being matched: the agent's search, or the web form when it has no contact yet. */
    get submission() {
        if (this.searchText) {
            return submissionOfSearch(this.searchText);
        }
        if (!this.webForm || this.webForm.ContactId) {
            return undefined;
        }
        return submissionOf(this.webForm);
    }

    /** matchSearch's search requests for the current submission; none until there is something to search for. */
    get searchRequests() {
        const submission = this.submission;
        return submission ? matchSearchRequests(submission) : [];
    }

    get identifierQuery() {
        return this.searchRequests.length > 0 ? IDENTIFIER_QUERY : undefined;
    }

    get identifierVariables() {
        return this.searchRequests[0]?.variables;
    }

    /** The company-name request is sent only when the submission names a company. */
    get nameQuery() {
        return this.searchRequests.length > 1 ? NAME_QUERY : undefined;
    }

    get nameVariables() {
        return this.searchRequests[1]?.variables;
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: '$identifierQuery', variables: '$identifierVariables' })
    wiredIdentifierCandidates({ data, errors }) {
        this.answers = { ...this.answers, identifiers: { data, errors } };
        this.scoreAnswers();
    }

    /** @param {import('lightning/graphql').GraphQLResult<any>} result */
    @wire(graphql, { query: '$nameQuery', variables: '$nameVariables' })
    wiredNameCandidates({ data, errors }) {
        this.answers = { ...this.answers, names: { data, errors } };
        this.scoreAnswers();
    }

    /** Scores the candidates once every request of the search has answered. */
    scoreAnswers() {
        const submission = this.submission;
        if (!submission) {
            return;
        }
        const expected =
            this.searchRequests.length > 1
                ? [this.answers.identifiers, this.answers.names]
                : [this.answers.identifiers];
        const errors = expected.flatMap((answer) => answer?.errors ?? []);
        if (errors.length > 0) {
            this.searchError = errors;
            this.isSearching = false;
            this.match = undefined;
            return;
        }
        if (expected.some((answer) => !answer?.data)) {
            return;
        }
        this.searchError = undefined;
        this.isSearching = false;
        const records = candidatesFromResponse(...expected.map((answer) => answer?.data));
        this.accounts = new Map(records.accounts.map((account) => [account.Id, account]));
        this.contacts = new Map(records.contacts.map((contact) => [contact.Id, contact]));
        this.match = matchSubmission(submission, records, { top: TOP * 2 });
    }

    // ----- state -----

    get isReady() {
        return !this.isLoading && !this.loadError && Boolean(this.webForm);
    }

    get loadFailedMessage() {
        return LOAD_FAILED;
    }

    get searchFailedMessage() {
        return SEARCH_FAILED;
    }

    get hasContact() {
        return Boolean(this.webForm?.ContactId);
    }

    get linkedContactText() {
        const webForm = this.webForm;
        return webForm ? formatLabel(LINKED_CONTACT, webForm.ContactName ?? '', webForm.AccountName ?? '') : '';
    }

    get linkedAccountText() {
        const webForm = this.webForm;
        return webForm?.AccountId && !webForm.ContactId ? formatLabel(LINKED_ACCOUNT, webForm.AccountName ?? '') : '';
    }

    get showMatches() {
        return this.isReady && Boolean(this.submission);
    }

    get showSearching() {
        return this.showMatches && !this.match && !this.searchError;
    }

    get showResults() {
        return this.showMatches && Boolean(this.match) && !this.searchError;
    }

    get searchHeading() {
        return this.searchText ? formatLabel(SEARCH_RESULTS_FOR, this.searchText) : '';
    }

    get adviceText() {
        return this.match && !this.searchText ? ADVICE[this.match.decision] : '';
    }

    get adviceClass() {
        return `advice slds-box slds-box_x-small slds-m-bottom_small slds-theme_${
            this.match?.decision === 'new' ? 'warning' : 'shade'
        }`;
    }

    /**
     * Ranked candidates of one type for display.
     * @param {'Account' | 'Contact'} type
     */
    rows(type) {
        const candidates = (this.match?.candidates ?? []).filter((candidate) => candidate.type === type).slice(0, TOP);
        return candidates.map((candidate, index) => {
            const account = type === 'Account' ? this.accounts.get(candidate.id) : undefined;
            const contact = type === 'Contact' ? this.contacts.get(candidate.id) : undefined;
            const contactAccount = contact?.AccountId ? this.accounts.get(contact.AccountId) : undefined;
            const name =
                type === 'Account'
                    ? (account?.Name ?? candidate.id)
                    : [contact?.FirstName, contact?.LastName].filter(Boolean).join(' ') || candidate.id;
            const detail =
                type === 'Account'
                    ? [account?.BillingCity, account?.Website].filter(Boolean).join(' · ')
                    : [contact?.Email, contactAccount?.Name ? formatLabel(ACCOUNT_OF, contactAccount.Name) : '']
                          .filter(Boolean)
                          .join(' · ');
            return {
                key: candidate.id,
                id: candidate.id,
                rank: index + 1,
                name,
                detail,
                url: `/lightning/r/${type}/${candidate.id}/view`,
                score: formatLabel(SCORE, Math.round(candidate.score * 100)),
                reasons: candidate.reasons.map((reason) => REASON_LABELS[reason] ?? reason).join(', '),
                linkLabel: type === 'Account' ? LINK_ACCOUNT : LINK_CONTACT,
                linkTitle: `${type === 'Account' ? LINK_ACCOUNT : LINK_CONTACT}: ${name}`,
                // The record the case is already linked to cannot be linked again.
                disabled:
                    this.isSaving ||
                    (type === 'Account'
                        ? this.webForm?.AccountId === candidate.id
                        : this.webForm?.ContactId === candidate.id)
            };
        });
    }

    get accountRows() {
        return this.rows('Account');
    }

    get contactRows() {
        return this.rows('Contact');
    }

    get hasAccountRows() {
        return this.accountRows.length > 0;
    }

    get hasContactRows() {
        return this.contactRows.length > 0;
    }

    get hasNoCandidates() {
        return !this.hasAccountRows && !this.hasContactRows;
    }

    get canCreate() {
        return this.isReady && !this.hasContact && !this.isFormOpen;
    }

    get isBusy() {
        return this.isSaving;
    }

    get undoText() {
        return this.lastLink ? formatLabel(UNDO_HINT, this.lastLink.name) : '';
    }

    // ----- search -----

    /** @param {CustomEvent<{ value: string }>} event */
    handleSearchInput(event) {
        this.searchInput = event.detail.value ?? '';
    }

    /** @param {KeyboardEvent} event */
    handleSearchKeyUp(event) {
        if (event.key === 'Enter') {
            this.handleSearch();
        }
    }

    handleSearch() {
        const text = this.searchInput.trim();
        if (!text || text === this.searchText) {
            return;
        }
        this.match = undefined;
        this.answers = {};
        this.searchError = undefined;
        this.searchText = text;
    }

    handleClearSearch() {
        this.searchInput = '';
        this.searchText = '';
        this.match = undefined;
        this.answers = {};
        this.searchError = undefined;
    }

    // ----- link and undo -----

    /** @param {Event} event */
    async handleLinkAccount(event) {
        const id = /** @type {HTMLElement} */ (event.currentTarget).dataset.id ?? '';
        const account = this.accounts.get(id);
        await this.link({ AccountId: id }, account?.Name ?? id);
    }

    /** @param {Event} event */
    async handleLinkContact(event) {
        const id = /** @type {HTMLElement} */ (event.currentTarget).dataset.id ?? '';
        const contact = this.contacts.get(id);
        /** @type {Partial<CaseLink>} */
        const fields = { ContactId: id };
        if (contact?.AccountId) {
            fields.AccountId = contact.AccountId;
        }
        const name = [contact?.FirstName, contact?.LastName].filter(Boolean).join(' ') || id;
        await this.link(fields, name);
    }

    /**
     * One CaseUpdate; remembers the case's previous link so the agent can undo it.
     * @param {Partial<CaseLink>} fields
     * @param {string} name
     */
    async link(fields, name) {
        if (this.isSaving || !this.webForm) {
            return;
        }
        const previous = { AccountId: this.webForm.AccountId, ContactId: this.webForm.ContactId };
        const ok = await this.updateCase(fields, LINK_FAILED);
        if (ok) {
            this.lastLink = { previous, name };
            this.duplicates = null;
            await this.afterWrite(LINKED_TITLE, formatLabel(LINKED_MESSAGE, name));
        }
    }

    async handleUndo() {
        const last = this.lastLink;
        if (!last || this.isSaving) {
            return;
        }
        const ok = await this.updateCase({ ...last.previous }, LINK_FAILED);
        if (ok) {
            this.lastLink = null;
            await this.afterWrite(UNDONE_TITLE, UNDONE_MESSAGE);
        }
    }

    /**
     * @param {Partial<CaseLink>} fields
     * @param {string} failure summary when the update fails
     * @returns {Promise<boolean>}
     */
    async updateCase(fields, failure) {
        this.isSaving = true;
        this.saveError = undefined;
        try {
            const result = await executeMutation({
                query: LINK_MUTATION,
                operationName: 'WebFormIntakeLink',
                variables: { input: { Id: this.recordId, Case: fields } }
            });
            if (result.errors?.length) {
                this.showSaveError(result.errors, failure);
                return false;
            }
            return true;
        } catch (error) {
            this.showSaveError(error, failure);
            return false;
        } finally {
            this.isSaving = false;
        }
    }

    // ----- create a new prospect -----

    handleOpenForm() {
        const webForm = /** @type {WebForm} */ (this.webForm);
        const names = splitName(webForm.SuppliedName);
        const email = normalizeEmail(webForm.SuppliedEmail);
        const domain = email ? emailDomain(email) : '';
        this.values = {
            Name: webForm.SuppliedCompany ?? webForm.SuppliedName ?? '',
            AccountPhone: webForm.SuppliedPhone ?? '',
            Website: domain && !isFreeMailDomain(domain) ? domain : '',
            BillingStreet: webForm.Web_Street__c ?? '',
            BillingCity: webForm.Web_City__c ?? '',
            BillingPostalCode: webForm.Web_Postal_Code__c ?? '',
            BillingCountry: this.acceptedCountry(webForm.Web_Country__c),
            FirstName: names.FirstName ?? '',
            LastName: names.LastName ?? '',
            Email: webForm.SuppliedEmail ?? '',
            ContactPhone: webForm.SuppliedPhone ?? ''
        };
        this.saveError = undefined;
        this.duplicates = null;
        this.isFormOpen = true;
    }

    handleCancelForm() {
        this.isFormOpen = false;
        this.saveError = undefined;
        this.duplicates = null;
    }

    // The address is one part, typed once: it becomes the account's billing and the contact's mailing address.
    get formSections() {
        return [
            { key: 'Account', legend: FORM_ACCOUNT },
            { key: 'Contact', legend: FORM_CONTACT },
            { key: 'Address', legend: FORM_ADDRESS }
        ].map((section) => ({
            ...section,
            fields: FORM_FIELDS.filter((field) => field.object === section.key).map((field) => ({
                ...field,
                value: this.values[field.key] ?? ''
            }))
        }));
    }

    get missingRequired() {
        return FORM_FIELDS.filter((field) => field.required && !String(this.values[field.key] ?? '').trim()).map(
            (field) => field.label
        );
    }

    get missingRequiredText() {
        const missing = this.missingRequired;
        return missing.length ? formatLabel(MISSING_REQUIRED, missing.join(', ')) : '';
    }

    get isSaveDisabled() {
        const countriesPending = this.countries === undefined && !this.countryListFailed;
        return this.isSaving || countriesPending || this.missingRequired.length > 0;
    }

    /**
     * The web form's country as the form starts with it: left empty for the agent in an org whose country list
     * does not have it (countryNotice says so).
     * @param {string | null} text
     * @returns {string}
     */
    acceptedCountry(text) {
        // Free-text countries, or a list not read yet (saving waits for it) or unreadable (nothing is sent).
        if (!text || !this.countries) {
            return text ?? '';
        }
        return countryNamed(text, this.countries) ? text : '';
    }

    /** Why the prospect will be saved without the country the agent sees or the web form gave, if it will. */
    get countryNotice() {
        const typed = this.formValue('BillingCountry');
        const text = typed ?? this.webForm?.Web_Country__c ?? null;
        if (!text || this.countries === null) {
            return '';
        }
        if (this.countryListFailed && !this.countries) {
            return COUNTRY_LIST_UNAVAILABLE;
        }
        return this.countries && !countryNamed(text, this.countries) ? formatLabel(COUNTRY_NOT_IN_LIST, text) : '';
    }

    /** @param {CustomEvent<{ value: string }>} event */
    handleFieldChange(event) {
        const key = /** @type {HTMLElement} */ (event.target).dataset.field ?? '';
        this.values = { ...this.values, [key]: event.detail.value ?? '' };
    }

    /**
     * @param {string} key
     * @returns {string | null}
     */
    formValue(key) {
        const value = String(this.values[key] ?? '').trim();
        return value === '' ? null : value;
    }

    /** The create mutation's variables, built by c/prospectInput (which the org smoke tests use too). */
    prospectVariables() {
        return prospectVariables(this.values, this.recordId, this.countries);
    }

    async handleCreate() {
        if (this.isSaveDisabled || !this.webForm) {
            return;
        }
        const previous = { AccountId: this.webForm.AccountId, ContactId: this.webForm.ContactId };
        this.isSaving = true;
        this.saveError = undefined;
        this.duplicates = null;
        try {
            /** @type {import('lightning/graphql').GraphQLResult<any>} */
            const result = await executeMutation({
                query: CREATE_PROSPECT_MUTATION,
                operationName: 'WebFormIntakeCreateProspect',
                variables: this.prospectVariables()
            });
            if (result.errors?.length) {
                this.showSaveError(result.errors, CREATE_FAILED);
                return;
            }
            const accountName = valueOf(result.data?.uiapi?.account?.Record?.Name) ?? this.formValue('Name') ?? '';
            const contactName =
                valueOf(result.data?.uiapi?.contact?.Record?.Name) ??
                [this.formValue('FirstName'), this.formValue('LastName')].filter(Boolean).join(' ');
            this.isFormOpen = false;
            this.lastLink = { previous, name: contactName };
            await this.afterWrite(CREATED_TITLE, formatLabel(CREATED_MESSAGE, accountName, contactName));
        } catch (error) {
            this.showSaveError(error, CREATE_FAILED);
        } finally {
            this.isSaving = false;
        }
    }

    /**
     * @param {any} errors
     * @param {string} summary
     */
    showSaveError(errors, summary) {
        const duplicates = duplicatesOf(errors);
        if (duplicates) {
            this.duplicates = duplicates.map((record) => ({ ...record, name: this.recordName(record) }));
            this.saveError = undefined;
            return;
        }
        this.saveError = errors;
        this.saveErrorSummary = summary;
    }

    /**
     * @param {{ id: string, type: 'Account' | 'Contact' }} record
     * @returns {string}
     */
    recordName(record) {
        if (record.type === 'Account' && this.accounts.get(record.id)?.Name) {
            return /** @type {string} */ (this.accounts.get(record.id)?.Name);
        }
        const contact = this.contacts.get(record.id);
        const name = [contact?.FirstName, contact?.LastName].filter(Boolean).join(' ');
        return name || formatLabel(DUPLICATE_RECORD, record.id);
    }

    get duplicateRows() {
        return (this.duplicates ?? []).map((record) => ({
            ...record,
            key: record.id,
            url: `/lightning/r/${record.type}/${record.id}/view`,
            isAccount: record.type === 'Account',
            linkLabel: record.type === 'Account' ? LINK_ACCOUNT : LINK_CONTACT,
            linkTitle: `${record.type === 'Account' ? LINK_ACCOUNT : LINK_CONTACT}: ${record.name}`
        }));
    }

    get hasDuplicates() {
        return this.duplicates !== null;
    }

    /**
     * LDS does not re-run queries after a mutation: the page, its components and this component's own wire are
     * told explicitly. The write is saved whatever the refresh does, so it is reported first and a failed refresh
     * is not a failed save (which would invite the agent to save again and duplicate it).
     * @param {string} title
     * @param {string} message
     */
    async afterWrite(title, message) {
        this.dispatchEvent(new ShowToastEvent({ title, message, variant: 'success' }));
        this.dispatchEvent(new RefreshEvent());
        try {
            await notifyRecordUpdateAvailable([{ recordId: this.recordId }]);
            // lightning/graphql refreshes through the wire result's refresh() (LWC Developer Guide, "refresh");
            // refreshGraphQL is the deprecated lightning/uiGraphQLApi's and not exported by lightning/graphql.
            await this.wiredCaseResult?.refresh?.();
        } catch {
            // The case shows what it showed before the write until the page reloads; the write itself is saved.
        }
    }
}
