import { candidatesFromResponse, matchSearchRequests } from 'c/matchSearch';
import { storedMatchKeys, withMatchKeys } from 'c/matchKeys';
import { matchSubmission } from 'c/recordMatcher';

describe('stored match keys in the component', () => {
    it('adds the keys a create input can compute, as the before-save flow would', () => {
        expect(
            withMatchKeys('Account', { Name: 'Northwind Roofing Ltd', Phone: '+44 20 7946 0101', Website: null })
        ).toEqual({
            Name: 'Northwind Roofing Ltd',
            Phone: '+44 20 7946 0101',
            Website: null,
            Match_Name_Key__c: 'northwindroofingltd',
            Match_Phone_Key__c: '9460101',
            Match_Domain_Key__c: null
        });
        expect(storedMatchKeys('Contact', { LastName: 'García Márquez', FirstName: 'José' }).Match_Name_Key__c).toBe(
            'garciamarquezj'
        );
    });

    it('turns the answers of both requests into records the matcher ranks', () => {
        const [identifiers, names] = matchSearchRequests({ FirstName: 'Jane', LastName: 'Roe', Company: 'ACME Corp.' });
        expect(identifiers.variables.personNames).toEqual(['roej', 'janer']);
        expect(names.variables.companyName).toBe('acmecorp%');
        const account = {
            Id: '001A',
            Name: { value: 'Acme Corporation' },
            Phone: { value: null },
            Website: { value: 'https://acme.example.com' }
        };
        const contact = {
            Id: '003A',
            AccountId: { value: '001A' },
            FirstName: { value: 'Jane' },
            LastName: { value: 'Roe' },
            Email: { value: 'jane@acme.example.com' },
            Account: account
        };
        const records = candidatesFromResponse(
            { uiapi: { query: { contactsByName: { edges: [{ node: contact }] } } } },
            { uiapi: { query: { accountsByName: { edges: [{ node: account }] } } } }
        );
        expect(records.accounts.map((a) => a.Id)).toEqual(['001A']);
        expect(records.contacts.map((c) => [c.Id, c.Email])).toEqual([['003A', 'jane@acme.example.com']]);
        const result = matchSubmission({ FirstName: 'Jane', LastName: 'Roe', Company: 'ACME Corp.' }, records);
        expect(result.candidates[0].id).toBe('003A');
    });
});
