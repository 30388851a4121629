import { contactVariables, splitName, websiteFromEmail } from 'c/prospectInput';
import { withMatchKeys } from 'c/matchKeys';

describe('c/prospectInput', () => {
    it.each([
        ['Jean-Luc Dupont', { FirstName: 'Jean-Luc', LastName: 'Dupont' }],
        ['Zoë Ñúñez-Øberg 😀', { FirstName: 'Zoë', LastName: 'Ñúñez-Øberg' }],
        ['😀 Ana María López ★', { FirstName: 'Ana María', LastName: 'López' }],
        ["Siobhán O'Brien", { FirstName: 'Siobhán', LastName: "O'Brien" }],
        ['Kowalski', { FirstName: null, LastName: 'Kowalski' }],
        ['Mar😀ta Kowalski', { FirstName: 'Marta', LastName: 'Kowalski' }],
        ['😀 ★ -', { FirstName: null, LastName: null }],
        [null, { FirstName: null, LastName: null }]
    ])('splits %p into %p', (name, expected) => {
        expect(splitName(name)).toEqual(expected);
    });

    it.each([
        ['jane@eu.acme.co.uk', 'acme.co.uk'],
        ['jane@acme-corp.example', 'acme-corp.example'],
        ['jane@example.com', ''],
        ['jane@mail.example.com', ''],
        ['it@contoso.onmicrosoft.com', ''],
        ['jane@gmail.com', ''],
        ['jane@eu.yahoo.co.uk', ''],
        ['not an address', ''],
        [null, '']
    ])('takes the website of %p as %p', (email, website) => {
        expect(websiteFromEmail(email)).toBe(website);
    });

    it('adds a contact under the case’s account and links the case to it by reference', () => {
        const values = { FirstName: 'Zoë', LastName: 'Ñúñez-Øberg', Email: 'zoe@acme.example', BillingCity: 'Oslo' };

        expect(contactVariables(values, '500LO0000000001AAA', '001LO0000000001AAA', null)).toEqual({
            contact: {
                Contact: {
                    ...withMatchKeys('Contact', {
                        FirstName: 'Zoë',
                        LastName: 'Ñúñez-Øberg',
                        Email: 'zoe@acme.example',
                        Phone: null,
                        MailingStreet: null,
                        MailingCity: 'Oslo',
                        MailingPostalCode: null
                    }),
                    MailingCountry: null,
                    AccountId: '001LO0000000001AAA'
                }
            },
            webForm: { Id: '500LO0000000001AAA', Case: { ContactId: '@{contact}' } }
        });
    });
});
