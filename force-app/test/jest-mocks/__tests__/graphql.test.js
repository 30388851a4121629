import * as graphqlModule from 'lightning/graphql';
import { gql, executeMutation } from 'lightning/graphql';

describe('lightning/graphql mock', () => {
    it('gql returns and records the document text with interpolations applied', () => {
        const field = 'Subject';
        const document = gql`
            query caseSubject($id: ID) {
                uiapi { query { Case(where: { Id: { eq: $id } }) { edges { node { ${field} { value } } } } } }
            }
        `;
        expect(document).toContain('node { Subject { value } }');
        expect(gql.mock.results.at(-1).value).toBe(document);
    });

    it('exports exactly what the platform module exports: no refreshGraphQL (that is lightning/uiGraphQLApi)', () => {
        expect(Object.keys(graphqlModule).sort()).toEqual(['executeMutation', 'gql', 'graphql']);
    });

    it('executeMutation is a jest function that resolves by default', async () => {
        await expect(executeMutation({ query: 'mutation {}', variables: {} })).resolves.toEqual({
            data: undefined,
            errors: undefined
        });
        expect(executeMutation).toHaveBeenCalledWith({ query: 'mutation {}', variables: {} });
    });
});
