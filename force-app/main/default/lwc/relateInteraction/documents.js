/**
 * Relate Interaction's own GraphQL documents (the candidate search is c/candidateSearch's). Task is not a UI API
 * object, so nothing here reads the task: the flow passes its fields in. Tests and local-org's tests send these
 * texts as they are (scripts/lib/componentDocuments.ts).
 */
import { gql } from 'lightning/graphql';

// The contacts the task is related to already (its WhoId), read by Id so they are shown even when the search
// does not find them; the same fields as the candidate search's contacts.
export const KNOWN_CONTACTS_QUERY = gql`
    query RelateInteractionKnownContacts($contactIds: [ID]) {
        uiapi {
            query {
                Contact(where: { Id: { in: $contactIds } }, first: 50) {
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
                            Account {
                                Id
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

// The chosen account's parent (a sales rep without a contact record is related through the installer's parent
// account) and the open cases of the chosen account or contacts, newest first, so the agent checks that the
// issue has no open case already. `ContactId in [the account's Id]` matches nothing, so with no contact chosen the
// filter needs no second document (an empty list is not a valid filter).
export const CONTEXT_QUERY = gql`
    query RelateInteractionContext($accountId: ID, $contactIds: [ID]) {
        uiapi {
            query {
                Account(where: { Id: { eq: $accountId } }, first: 1) {
                    edges {
                        node {
                            Id
                            Name {
                                value
                            }
                            ParentId {
                                value
                            }
                            Parent {
                                Name {
                                    value
                                }
                            }
                        }
                    }
                }
                Case(
                    where: {
                        and: [
                            { IsClosed: { eq: false } }
                            { or: [{ AccountId: { eq: $accountId } }, { ContactId: { in: $contactIds } }] }
                        ]
                    }
                    orderBy: { CreatedDate: { order: DESC } }
                    first: 50
                ) {
                    edges {
                        node {
                            Id
                            CaseNumber {
                                value
                            }
                            Subject {
                                value
                            }
                            Status {
                                displayValue
                            }
                        }
                    }
                }
            }
        }
    }
`;
