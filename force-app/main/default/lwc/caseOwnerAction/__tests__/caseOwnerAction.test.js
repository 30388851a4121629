import {
    CASE_OWNER_ACTION_MUTATION,
    CASE_OWNER_ACTION_QUERY,
    LOADING_CASE,
    actionState,
    canWrite,
    caseOwnerActionVariables,
    loadedCase
} from 'c/caseOwnerAction';

const EXPECTED_QUERY = `
    query CaseOwnerAction($caseId: ID, $objectInfoInputs: [ObjectInfoInput!]) {
        uiapi {
            query {
                Case(where: { Id: { eq: $caseId } }) {
                    edges {
                        node {
                            Id
                            Status {
                                value
                            }
                            IsClosed {
                                value
                            }
                            RecordTypeId {
                                value
                            }
                            Owner {
                                __typename
                                ... on User {
                                    Name {
                                        value
                                    }
                                }
                                ... on Group {
                                    Name {
                                        value
                                    }
                                }
                            }
                        }
                    }
                }
            }
            objectInfos(objectInfoInputs: $objectInfoInputs) {
                ApiName
                updateable
                fields {
                    ApiName
                    updateable
                }
            }
        }
    }
`;

const EXPECTED_MUTATION = `
    mutation UpdateCase($input: CaseUpdateInput!) {
        uiapi {
            CaseUpdate(input: $input) {
                Record {
                    Id
                }
            }
        }
    }
`;

const CASE_ID = '500LO0000000001AAA';

/** Case's object info with the given fields updateable. */
function caseInfo(updateable, editableFields) {
    return {
        ApiName: 'Case',
        updateable,
        fields: ['OwnerId', 'Status', 'Handover_Note__c'].map((name) => ({
            ApiName: name,
            updateable: editableFields.includes(name)
        }))
    };
}

describe('c/caseOwnerAction', () => {
    it('loads the case with its polymorphic Owner and Case’s access in one query, by the case id', () => {
        expect(CASE_OWNER_ACTION_QUERY).toBe(EXPECTED_QUERY);
        expect(caseOwnerActionVariables(CASE_ID)).toEqual({ caseId: CASE_ID, objectInfoInputs: [{ apiName: 'Case' }] });
    });

    it('writes with one CaseUpdate mutation', () => {
        expect(CASE_OWNER_ACTION_MUTATION).toBe(EXPECTED_MUTATION);
    });

    it('may write only with update on Case and on every field the action writes', () => {
        expect(canWrite(caseInfo(true, ['OwnerId', 'Status']), ['OwnerId', 'Status'])).toBe(true);
        expect(canWrite(caseInfo(true, ['OwnerId']), ['OwnerId', 'Status'])).toBe(false);
        expect(canWrite(caseInfo(false, ['OwnerId', 'Status']), ['OwnerId'])).toBe(false);
        expect(canWrite(caseInfo(true, ['OwnerId']), ['Route_To_Queue__c'])).toBe(false);
        expect(canWrite(undefined, ['OwnerId'])).toBe(false);
    });

    it('reads the wire’s answer: nothing yet, the case and Case’s info, a case not found, errors', () => {
        expect(loadedCase({})).toBeUndefined();
        const node = { Id: CASE_ID };
        const info = caseInfo(true, []);
        const answer = (edges) => ({ data: { uiapi: { query: { Case: { edges } }, objectInfos: [info] } } });
        expect(loadedCase(answer([{ node }]))).toEqual({
            isLoading: false,
            loadError: undefined,
            ownedCase: node,
            caseInfo: info
        });
        expect(loadedCase(answer([])).loadError).toEqual([]);
        const errors = [{ message: 'Insufficient privileges' }];
        expect(loadedCase({ errors })).toEqual({
            isLoading: false,
            loadError: errors,
            ownedCase: undefined,
            caseInfo: undefined
        });
    });

    it('shows the case to a user who may write it, else only the refusal, never both', () => {
        const ownedCase = { Id: CASE_ID, IsClosed: { value: false } };
        const loaded = (info) => ({ isLoading: false, loadError: undefined, ownedCase, caseInfo: info });

        expect(actionState(LOADING_CASE, ['OwnerId'])).toMatchObject({
            isLoading: true,
            isLoaded: false,
            cannotWrite: false,
            showsCase: false
        });
        expect(actionState(loaded(caseInfo(true, ['OwnerId'])), ['OwnerId'])).toMatchObject({
            isLoaded: true,
            cannotWrite: false,
            offersSave: true,
            showsCase: true,
            isClosed: false
        });
        expect(actionState(loaded(caseInfo(false, [])), ['OwnerId'])).toMatchObject({
            isLoaded: true,
            cannotWrite: true,
            offersSave: false,
            showsCase: false
        });
    });
});
