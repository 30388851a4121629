import { gql, executeMutation, refreshGraphQL } from 'lightning/graphql';

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

    it('executeMutation and refreshGraphQL are jest functions that resolve by default', async () => {
        await expect(executeMutation({ query: 'mutation {}', variables: {} })).resolves.toEqual({
            data: undefined,
            errors: undefined
        });
        await expect(refreshGraphQL()).resolves.toBeUndefined();
        expect(executeMutation).toHaveBeenCalledWith({ query: 'mutation {}', variables: {} });
    });
});
