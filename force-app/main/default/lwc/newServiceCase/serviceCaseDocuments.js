/**
 * New Service Case's GraphQL documents, in a module of their own so the action's file holds its steps and save.
 * local-org/test/newServiceCase.test.ts sends them to an org as they are.
 */
import { gql } from 'lightning/graphql';

// The starting record, whichever of the three objects it is (only that object's query finds it), with what each
// mode needs: a contract's account; an account's contracts and contacts; a contact's account. Case's metadata says
// whether the user may create the two record types. Contract__c and friends are @optional so that a user who may
// not read them still opens the action and sees why they cannot create a case.
export const START_QUERY = gql`
    query NewServiceCaseStart($recordId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
        uiapi {
            query {
                Contract(where: { Id: { eq: $recordId } }) {
                    edges {
                        node {
                            Id
                            ContractNumber {
                                value
                            }
                            Status {
                                value
                                displayValue
                            }
                            AccountId {
                                value
                            }
                            Account {
                                Name {
                                    value
                                }
                            }
                        }
                    }
                }
                Account(where: { Id: { eq: $recordId } }) {
                    edges {
                        node {
                            Id
                            Name {
                                value
                            }
                            Contracts(first: 50, orderBy: { StartDate: { order: DESC } }) {
                                edges {
                                    node {
                                        Id
                                        ContractNumber {
                                            value
                                        }
                                        Status {
                                            value
                                            displayValue
                                        }
                                    }
                                }
                            }
                            Contacts(first: 200, orderBy: { LastName: { order: ASC } }) {
                                edges {
                                    node {
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
                Contact(where: { Id: { eq: $recordId } }) {
                    edges {
                        node {
                            Id
                            Name {
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
                        }
                    }
                }
            }
            objectInfos(objectInfoInputs: $objectInfoInputs) {
                ApiName
                createable
                recordTypeInfos {
                    recordTypeId
                    name
                    available
                    master
                }
                fields {
                    ApiName
                    createable
                }
            }
        }
    }
`;

/** Case's metadata only (its record types and field access), no picklist values: the form has no picklist. */
export const CASE_OBJECT_INFO_INPUTS = Object.freeze([Object.freeze({ apiName: 'Case' })]);

// One request: the case, with its account, contract or installer contact. No OwnerId: the creator owns it.
export const CREATE_SERVICE_CASE_MUTATION = gql`
    mutation CreateServiceCase($input: CaseCreateInput!) {
        uiapi(input: { allOrNone: true }) {
            serviceCase: CaseCreate(input: $input) {
                Record {
                    Id
                    CaseNumber {
                        value
                    }
                }
            }
        }
    }
`;
