/**
 * The candidate search documents, as matchSearch builds its requests (matchSearchRequests): identifiers in one
 * request, company-name prefixes in a second one when a company is given. They are written out because the
 * platform compiles gql templates statically (no substitutions); a jest test keeps them equal to matchSearch's
 * MATCH_*_QUERY constants.
 */
import { gql } from 'lightning/graphql';

/**
 * The fields the two documents filter on and select, per object: a user who cannot read one of them gets GraphQL
 * validation errors instead of results (a field without read access is not in the user's schema), so a component
 * searches only when the user's objectInfo lists them all. A jest test keeps these lists equal to the documents.
 */
export const SEARCH_FIELDS = Object.freeze({
    Account: Object.freeze([
        'Name',
        'Phone',
        'Website',
        'BillingStreet',
        'BillingCity',
        'BillingPostalCode',
        'BillingCountry',
        'Match_Name_Key__c',
        'Match_Phone_Key__c',
        'Match_Domain_Key__c',
        'Match_Street_Key__c'
    ]),
    Contact: Object.freeze([
        'AccountId',
        'FirstName',
        'LastName',
        'Email',
        'Phone',
        'MailingStreet',
        'MailingCity',
        'MailingPostalCode',
        'Match_Name_Key__c',
        'Match_Phone_Key__c',
        'Match_Domain_Key__c',
        'Match_Street_Key__c',
        'Match_Postal_Key__c',
        'Match_Locality_Key__c'
    ])
});

// prettier-ignore
export const IDENTIFIER_QUERY = gql`query MatchCandidates(
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
export const NAME_QUERY = gql`query MatchNameCandidates(
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
