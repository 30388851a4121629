/**
 * Web Form Intake's own GraphQL documents: the case, the user's access, the country list, the last search among an
 * account's contacts, and the writes (link, create prospect, add contact, undo). The search documents are
 * c/candidateSearch's. Tests and the org smoke tests send these texts as they are (scripts/lib/componentDocuments.ts).
 */
import { gql } from 'lightning/graphql';

export const WEB_FORM_QUERY = gql`
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
                                Email @optional {
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

export const LINK_MUTATION = gql`
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
export const CREATE_PROSPECT_MUTATION = gql`
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
export const COUNTRY_QUERY = gql`
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

// The user's access to what the intake reads and writes (see access.js).
export const ACCESS_QUERY = gql`
    query WebFormIntakeAccess($objectInfoInputs: [ObjectInfoInput!]) {
        uiapi {
            objectInfos(objectInfoInputs: $objectInfoInputs) {
                ApiName
                createable
                updateable
                deletable
                fields {
                    ApiName
                    createable
                    updateable
                }
            }
        }
    }
`;

// "Add contact": the last search, among the contacts of the case's account, before the contact is added.
export const ACCOUNT_CONTACTS_QUERY = gql`
    query WebFormIntakeAccountContacts($accountId: ID) {
        uiapi {
            query {
                Contact(where: { AccountId: { eq: $accountId } }, orderBy: { LastName: { order: ASC } }, first: 200) {
                    pageInfo {
                        hasNextPage
                    }
                    edges {
                        node {
                            Id
                            AccountId {
                                value
                            }
                            FirstName {
                                value
                            }
                            LastName {
                                value
                            }
                            Email {
                                value
                            }
                            Phone {
                                value
                            }
                            MailingStreet {
                                value
                            }
                            MailingCity {
                                value
                            }
                            MailingPostalCode {
                                value
                            }
                        }
                    }
                }
            }
        }
    }
`;

// All or none: the contact under the case's account and the case's link to it, or nothing. The case references
// the new contact by its operation's alias (GraphQL API Developer Guide, "Chain Mutations by Using Field
// References": `@{ref}`, an operation placed before the one that references it).
export const ADD_CONTACT_MUTATION = gql`
    mutation WebFormIntakeAddContact($contact: ContactCreateInput!, $webForm: CaseUpdateInput!) {
        uiapi(input: { allOrNone: true }) {
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
                    ContactId {
                        value
                    }
                }
            }
        }
    }
`;

// Undo after "Create new prospect", for a user who may delete: the case's links back, then the contact and the
// account created for it deleted, all or none (the links first: the records are then referenced by nothing).
export const UNDO_PROSPECT_MUTATION = gql`
    mutation WebFormIntakeUndoProspect(
        $webForm: CaseUpdateInput!
        $contact: RecordDeleteInput!
        $account: RecordDeleteInput!
    ) {
        uiapi(input: { allOrNone: true }) {
            webForm: CaseUpdate(input: $webForm) {
                Record {
                    Id
                }
            }
            contact: ContactDelete(input: $contact) {
                Id
            }
            account: AccountDelete(input: $account) {
                Id
            }
        }
    }
`;

// Undo after "Add contact", for a user who may delete: the case's link back and the added contact deleted.
export const UNDO_CONTACT_MUTATION = gql`
    mutation WebFormIntakeUndoContact($webForm: CaseUpdateInput!, $contact: RecordDeleteInput!) {
        uiapi(input: { allOrNone: true }) {
            webForm: CaseUpdate(input: $webForm) {
                Record {
                    Id
                }
            }
            contact: ContactDelete(input: $contact) {
                Id
            }
        }
    }
`;
