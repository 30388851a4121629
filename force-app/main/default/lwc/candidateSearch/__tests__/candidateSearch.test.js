import { IDENTIFIER_QUERY, NAME_QUERY, SEARCH_FIELDS, submissionOfSearch } from 'c/candidateSearch';
import { MATCH_CANDIDATES_QUERY, MATCH_NAME_CANDIDATES_QUERY } from 'c/matchSearch';

describe('c/candidateSearch', () => {
    it('sends exactly matchSearch’s documents (the platform compiles gql templates without substitutions)', () => {
        expect(IDENTIFIER_QUERY).toBe(MATCH_CANDIDATES_QUERY);
        expect(NAME_QUERY).toBe(MATCH_NAME_CANDIDATES_QUERY);
    });

    it('lists exactly the fields the documents filter on and read', () => {
        const used = new Set(
            [MATCH_CANDIDATES_QUERY, MATCH_NAME_CANDIDATES_QUERY].flatMap((document) => [
                ...[...document.matchAll(/where: \{ (\w+):/g)].map((match) => match[1]),
                ...[...document.matchAll(/(\w+) \{ value \}/g)].map((match) => match[1])
            ])
        );
        expect([...new Set([...SEARCH_FIELDS.Account, ...SEARCH_FIELDS.Contact])].sort()).toEqual([...used].sort());
    });

    it('reads typed text as an email, a phone number, or a name searched as a person and a company', () => {
        expect(submissionOfSearch(' anna@northwind.example ')).toEqual({ Email: 'anna@northwind.example' });
        expect(submissionOfSearch('+44 20 7946 0102')).toEqual({ Phone: '+44 20 7946 0102' });
        expect(submissionOfSearch('Okafor')).toEqual({ FirstName: null, LastName: 'Okafor', Company: 'Okafor' });
        expect(submissionOfSearch('Anna Okafor')).toEqual({
            FirstName: 'Anna',
            LastName: 'Okafor',
            Company: 'Anna Okafor'
        });
    });
});
