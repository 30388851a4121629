import {
    acronymOf,
    companyNameSimilarity,
    comparePhones,
    compareStreets,
    createMatchIndex,
    editDistance,
    emailDomain,
    estimateWeights,
    findMatches,
    foldText,
    isAcronymOf,
    isFreeMailDomain,
    isNameVariant,
    jaro,
    jaroWinkler,
    learnWeights,
    matchKeys,
    matchSubmission,
    nearlyEqual,
    normalizeCompanyName,
    normalizeEmail,
    normalizePhone,
    normalizeStreet,
    personNameSimilarity,
    postalKey,
    prepareAccount,
    prepareContact,
    prepareSubmission,
    scoreCandidate,
    soundex,
    tokenSimilarity,
    websiteDomain
} from 'c/recordMatcher';

// A maintained library as the oracle for the measures the module writes itself (it may not import it).
const talismanJaro = require('talisman/metrics/jaro');
const talismanJaroWinkler = require('talisman/metrics/jaro-winkler');
const talismanSoundex = require('talisman/phonetics/soundex');

/** Real names and words of the kinds the matcher compares: people, companies, streets, cities. */
const CORPUS = [
    'martha',
    'marhta',
    'dwayne',
    'duane',
    'dixon',
    'dicksonx',
    'jonathan',
    'jon',
    'jellyfish',
    'smellyfish',
    'robert',
    'rupert',
    'rubin',
    'ashcraft',
    'ashcroft',
    'tymczak',
    'pfister',
    'honeyman',
    'lee',
    'gutierrez',
    'jackson',
    'washington',
    'schmidt',
    'schmitt',
    'smith',
    'smyth',
    'mcneill',
    'macneil',
    'oconnor',
    'connor',
    'catherine',
    'kathryn',
    'katherine',
    'acme',
    'acme corporation',
    'international business machines',
    'ibm',
    'monticello',
    'montecello',
    'peachtree',
    'chattahoochee',
    'new york',
    'new york city',
    'chicago',
    'a',
    'ab',
    'ba',
    ''
];

/** Deterministic pseudo-random strings over a small alphabet, so that many characters repeat and transpose. */
function randomWords(count, seed) {
    let state = seed;
    const next = () => {
        state = (state * 1103515245 + 12345) % 2147483648;
        return state / 2147483648;
    };
    const words = [];
    for (let i = 0; i < count; i++) {
        const length = 1 + Math.floor(next() * 12);
        let word = '';
        for (let j = 0; j < length; j++) {
            word += 'abcdeor'[Math.floor(next() * 7)];
        }
        words.push(word);
    }
    return words;
}

describe('foldText', () => {
    it.each([
        ['  José  Müller-Lüdenscheidt ', 'jose muller ludenscheidt'],
        ["O'Brien & Sons", 'obrien sons'],
        ['Straße', 'strasse'],
        ['Søren Kierkegaard', 'soren kierkegaard'],
        ['ÉCOLE Saint-Exupéry', 'ecole saint exupery'],
        ['Children’s Home', 'childrens home'],
        [null, ''],
        [undefined, ''],
        [42, '42']
    ])('%s → %s', (input, expected) => {
        expect(foldText(input)).toBe(expected);
    });
});

describe('normalizeCompanyName', () => {
    it.each([
        ['ACME Corp.', 'acme'],
        ['Acme Corporation', 'acme'],
        ['Acme, Inc.', 'acme'],
        ['Acme Incorporated', 'acme'],
        ['The Coca-Cola Company', 'coca cola'],
        ['Smith & Jones Ltd', 'smith jones'],
        ['Smith and Jones Limited', 'smith jones'],
        ['Widgets L.L.C.', 'widgets'],
        ['Widgets LLC', 'widgets'],
        ['Siemens AG', 'siemens'],
        ['Müller GmbH & Co. KG', 'muller'],
        ['SARL Dupont', 'dupont'],
        ['Dupont S.A.R.L.', 'dupont'],
        ['Philips B.V.', 'philips'],
        ['Heineken N.V.', 'heineken'],
        ['BHP Pty Ltd', 'bhp'],
        ['Cemex S.A. de C.V.', 'cemex'],
        ['Johnson Controls plc', 'johnson controls'],
        ['I.B.M.', 'ibm']
    ])('%s → %s', (input, expected) => {
        expect(normalizeCompanyName(input).text).toBe(expected);
    });

    it('keeps a name that is only a legal form or only noise words', () => {
        expect(normalizeCompanyName('Company').text).toBe('company');
        expect(normalizeCompanyName('The And').text).toBe('the and');
        expect(normalizeCompanyName('').tokens).toEqual([]);
    });
});

describe('normalizeStreet', () => {
    it.each([
        ['1234 N. Monticello Avenue', '1234', 'n monticello ave'],
        ['1234 North Monticello Ave', '1234', 'n monticello ave'],
        ['5365 W North Ave', '5365', 'w north ave'],
        ['8795 Sunset Blvd.', '8795', 'sunset blvd'],
        ['8795 sunset blv.', '8795', 'sunset blvd'],
        ['8795 Sunset Boulevard', '8795', 'sunset blvd'],
        ['78 West Van Buren Floor 1', '78', 'w van buren'],
        ['4859 S. Wabash Ave. 2nd floor', '4859', 's wabash ave 2nd'],
        ['100 Main Street, Suite 200', '100', 'main st'],
        ['Apt 4, 12 Grove Road', '12', 'grove rd'],
        ['20 e. 76th st.', '20', 'e 76th st'],
        ['124 E 113 ST', '124', 'e 113 st'],
        ['12B Baker Street', '12', 'baker st'],
        ['First Avenue', '', '1st ave']
    ])('%s → %s | %s', (input, number, text) => {
        expect(normalizeStreet(input)).toMatchObject({ number, text });
    });

    it('is null for an empty street', () => {
        expect(normalizeStreet('  ')).toBeNull();
        expect(normalizeStreet(null)).toBeNull();
    });
});

describe('normalizePhone', () => {
    it.each([
        ['+1 (415) 555-1234', '4155551234'],
        ['1-415-555-1234', '4155551234'],
        ['415/555 1234', '4155551234'],
        ['310/246-1501', '3102461501'],
        ['(415) 555-1234 ext. 12', '4155551234'],
        ['415-555-1234 x12', '4155551234'],
        ['+44 20 7946 0958', '2079460958'],
        ['0044 20 7946 0958', '2079460958'],
        ['020 7946 0958', '2079460958'],
        ['+33 1 42 68 53 00', '142685300'],
        ['01 42 68 53 00', '142685300'],
        ['5344290', '5344290']
    ])('%s → %s', (input, national) => {
        expect(normalizePhone(input)?.national).toBe(national);
    });

    it('keeps the seven-digit local number and says whether an area code was given', () => {
        expect(normalizePhone('773-534-4290')).toEqual({
            national: '7735344290',
            local: '5344290',
            hasAreaCode: true
        });
        expect(normalizePhone('534-4290')).toEqual({ national: '5344290', local: '5344290', hasAreaCode: false });
    });

    it('is null for too few digits or none', () => {
        expect(normalizePhone('555-12')).toBeNull();
        expect(normalizePhone('n/a')).toBeNull();
        expect(normalizePhone(null)).toBeNull();
    });
});

describe('normalizeEmail and emailDomain', () => {
    it.each([
        ['  Jane.Doe@Example.COM ', 'jane.doe@example.com'],
        ['jane+newsletter@example.com', 'jane@example.com'],
        ['Jane.Doe@gmail.com', 'janedoe@gmail.com'],
        ['j.a.n.e@googlemail.com', 'jane@gmail.com'],
        ['mailto:info@acme.co.uk', 'info@acme.co.uk'],
        ['not an email', ''],
        ['@example.com', ''],
        ['jane@localhost', ''],
        [null, '']
    ])('%s → %s', (input, expected) => {
        expect(normalizeEmail(input)).toBe(expected);
    });

    it.each([
        ['jane@acme.com', 'acme.com'],
        ['jane@mail.eu.acme.co.uk', 'acme.co.uk'],
        ['bob@sales.acme.com.au', 'acme.com.au'],
        ['JANE@ACME.DE', 'acme.de'],
        ['nope', '']
    ])('domain of %s → %s', (input, expected) => {
        expect(emailDomain(input)).toBe(expected);
    });
});

describe('isFreeMailDomain', () => {
    it.each(['gmail.com', 'yahoo.co.uk', 'hotmail.fr', 'outlook.com', 'icloud.com', 'gmx.de', 'web.de', 'orange.fr'])(
        '%s is free mail',
        (domain) => {
            expect(isFreeMailDomain(domain)).toBe(true);
        }
    );
    it.each(['acme.com', 'salesforce.com', 'bbc.co.uk', 'siemens.de', ''])('%s is not', (domain) => {
        expect(isFreeMailDomain(domain)).toBe(false);
    });
});

describe('websiteDomain', () => {
    it.each([
        ['https://www.Acme.com/contact', 'acme.com'],
        ['http://shop.acme.co.uk:8080/?q=1', 'acme.co.uk'],
        ['acme.com', 'acme.com'],
        ['www.acme.com/', 'acme.com'],
        ['No', ''],
        ['n/a', ''],
        ['', '']
    ])('%s → %s', (input, expected) => {
        expect(websiteDomain(input)).toBe(expected);
    });
});

describe('postalKey and nearlyEqual', () => {
    it.each([
        ['60614', '60614'],
        ['60614-1234', '60614'],
        ['SW1A 1AA', 'SW1A1AA'],
        ['wt15 7tb', 'WT157TB'],
        ['', '']
    ])('postal %s → %s', (input, expected) => {
        expect(postalKey(input)).toBe(expected);
    });

    it.each([
        ['3090', '3009', true],
        ['4061', '4016', true],
        ['60614', '60615', true],
        ['3782', '3728', true],
        ['3064', '4306', false],
        ['2600', '2612', false],
        ['123', '1234', false]
    ])('%s ~ %s: %s', (a, b, expected) => {
        expect(nearlyEqual(a, b)).toBe(expected);
    });
});

describe('jaro and jaroWinkler', () => {
    it.each([
        ['martha', 'marhta', 0.944, 0.961],
        ['dwayne', 'duane', 0.822, 0.84],
        ['dixon', 'dicksonx', 0.767, 0.813],
        ['crate', 'trace', 0.733, 0.733],
        ['', '', 1, 1],
        ['a', '', 0, 0],
        ['abc', 'xyz', 0, 0]
    ])('%s / %s: jaro %f, jaro-winkler %f', (a, b, jaroValue, winkler) => {
        expect(jaro(a, b)).toBeCloseTo(jaroValue, 3);
        expect(jaroWinkler(a, b)).toBeCloseTo(winkler, 3);
    });

    it('agrees with talisman on every pair of real names and words', () => {
        for (const a of CORPUS) {
            for (const b of CORPUS) {
                expect([a, b, jaro(a, b)]).toEqual([a, b, talismanJaro(a, b)]);
                expect([a, b, jaroWinkler(a, b)]).toEqual([a, b, talismanJaroWinkler(a, b)]);
            }
        }
    });

    it('agrees with talisman on 2,000 random pairs with repeated and transposed letters', () => {
        const words = randomWords(4000, 7);
        for (let i = 0; i < words.length; i += 2) {
            const [a, b] = [words[i], words[i + 1]];
            expect([a, b, jaroWinkler(a, b)]).toEqual([a, b, talismanJaroWinkler(a, b)]);
        }
    });
});

describe('soundex', () => {
    it.each([
        ['Robert', 'R163'],
        ['Rupert', 'R163'],
        ['Ashcraft', 'A261'],
        ['Tymczak', 'T522'],
        ['Pfister', 'P236'],
        ['Honeyman', 'H555'],
        ['Lee', 'L000'],
        ['Müller', 'M460'],
        ["O'Hara", 'O600'],
        ['', '']
    ])('%s → %s', (name, code) => {
        expect(soundex(name)).toBe(code);
    });

    it('agrees with talisman on real names and random words', () => {
        for (const name of [...CORPUS.filter(Boolean), ...randomWords(1000, 11), 'José', 'Gutiérrez', 'Schäfer']) {
            expect([name, soundex(name)]).toEqual([name, talismanSoundex(name)]);
        }
    });
});

describe('acronyms', () => {
    it('builds acronyms without "of", "and", "the"', () => {
        expect(acronymOf(['international', 'business', 'machines'])).toBe('ibm');
        expect(acronymOf(['bank', 'of', 'america'])).toBe('ba');
        expect(acronymOf(['advanced', 'micro', 'devices'])).toBe('amd');
    });

    it.each([
        ['AMD', 'Advanced Micro Devices', true],
        ['IBM', 'International Business Machines Corp', true],
        ['BOA', 'Bank of America', true],
        ['BA', 'Bank of America', true],
        ['YMCA', "Young Men's Christian Association", true],
        ['Acme', 'Advanced Cement Makers Engineering', true],
        ['AMD', 'Applied Materials', false],
        ['A', 'Applied', false]
    ])('%s ↔ %s: %s', (a, b, expected) => {
        expect(isAcronymOf(normalizeCompanyName(a).tokens, normalizeCompanyName(b).tokens)).toBe(expected);
    });
});

describe('tokenSimilarity', () => {
    it('ignores word order and absorbs typos', () => {
        expect(tokenSimilarity(['lincoln', 'center', 'roseland'], ['roseland', 'lincoln', 'centre'])).toEqual({
            similarity: expect.closeTo(0.96, 1),
            containment: expect.closeTo(0.96, 1)
        });
    });

    it('measures containment of the shorter name', () => {
        const result = tokenSimilarity(['cameron'], ['chicago', 'public', 'schools', 'cameron', 'daniel']);
        expect(result.containment).toBe(1);
        expect(result.similarity).toBeCloseTo(2 / 6, 5);
    });

    it('needs numbers and short words to match exactly', () => {
        expect(tokenSimilarity(['learning', 'tree', '1'], ['learning', 'tree', '2']).similarity).toBeCloseTo(2 / 3, 5);
        expect(tokenSimilarity([], ['a']).similarity).toBe(0);
    });
});

describe('companyNameSimilarity', () => {
    const similarity = (a, b) => companyNameSimilarity(normalizeCompanyName(a), normalizeCompanyName(b));

    it.each([
        ['ACME Corp.', 'Acme Corporation', 'same'],
        ['Woodlawn AME', 'Woodlawn A.M.E.', 'same'],
        ['IBM', 'International Business Machines', 'acronym'],
        ['Abraham Lincoln Centre Roseland', 'Abraham Lincoln Center - Roseland', 'similar'],
        ['Cameron', 'Chicago Public Schools Cameron, Daniel R.', 'contained'],
        ['Barbetta', 'Palace Court', 'different']
    ])('%s / %s: %s', (a, b, how) => {
        expect(similarity(a, b).how).toBe(how);
    });

    it('scores variants high and unrelated names low', () => {
        expect(similarity('Acme Corp.', 'Acme Corporation').score).toBe(1);
        expect(similarity('St. Vincent de Paul Center', 'St. Vincent DePaul Child Development').score).toBeGreaterThan(
            0.4
        );
        expect(similarity('Cafe Roma', 'Palace Court').score).toBe(0);
    });
});

describe('personNameSimilarity', () => {
    it('finds swapped first and last names', () => {
        expect(personNameSimilarity('mcgregor', 'nikita', 'nikita', 'mcgregor')).toEqual({
            first: 1,
            last: 1,
            transposed: true
        });
    });

    it('accepts initials, typos and sound-alikes', () => {
        expect(personNameSimilarity('j', 'smith', 'jonathan', 'smith').first).toBe(0.8);
        expect(personNameSimilarity('isabeola', 'tinsley', 'isabella', 'tinsley').first).toBeGreaterThan(0.88);
        expect(personNameSimilarity('john', 'smyth', 'john', 'smith').last).toBeGreaterThanOrEqual(0.9);
        expect(personNameSimilarity('elk i', 'menzies', 'elki', 'menzies').first).toBe(1);
    });

    it.each([
        ['bob', 'robert', true],
        ['bill', 'william', true],
        ['kate', 'katherine', true],
        ['kate', 'catherine', true],
        ['liz', 'elizabeth', true],
        ['jon', 'jonathan', true],
        ['jack', 'john', true],
        ['bob', 'william', false],
        ['robert', 'roberta', false]
    ])('name variants: %s ~ %s is %s', (a, b, expected) => {
        expect(isNameVariant(a, b)).toBe(expected);
    });

    it('counts a name variant as a similar first name', () => {
        expect(personNameSimilarity('bob', 'smith', 'robert', 'smith').first).toBe(0.9);
    });

    it('reads a slip in a short first name as a slip: letters swapped, or one left out', () => {
        expect(personNameSimilarity('tmo', 'baker', 'tom', 'baker').first).toBe(0.9);
        expect(personNameSimilarity('ain', 'baker', 'ian', 'baker').first).toBe(0.9);
        expect(personNameSimilarity('eva', 'baker', 'eav', 'baker').first).toBe(0.9);
        expect(personNameSimilarity('jm', 'baker', 'jim', 'baker').first).toBe(0.9);
        expect(personNameSimilarity('ann', 'baker', 'anne', 'baker').first).toBe(0.9);
        // A mistyped letter in so short a name makes another name.
        expect(personNameSimilarity('jim', 'baker', 'tim', 'baker').first).toBeLessThan(0.78);
        expect(personNameSimilarity('ben', 'baker', 'ken', 'baker').first).toBeLessThan(0.78);
    });

    it('does not read names as swapped for letters two unrelated names happen to share', () => {
        expect(personNameSimilarity('emily', 'fitzgerald', 'zoe', 'fitzgerald')).toMatchObject({
            last: 1,
            transposed: false
        });
    });

    it('treats a missing name as unknown, not as different', () => {
        expect(personNameSimilarity('', 'white', 'aidan', 'white')).toMatchObject({ first: -1, last: 1 });
        expect(personNameSimilarity('elton', '', 'elton', 'john')).toMatchObject({ first: 1 });
    });
});

describe('comparePhones', () => {
    const phones = (...numbers) => numbers.map(normalizePhone).filter(Boolean);

    it.each([
        [['+1 312 534 4290'], ['(312) 534-4290'], 'same'],
        [['5344290'], ['773-534-4290'], 'local'],
        [['312-534-4290'], ['773-534-4290'], 'area'],
        [['312-534-4290'], ['312-534-4291'], 'block'],
        [['5344290'], ['312-534-4217'], 'block'],
        [['312-534-4290'], ['773-534-4291'], 'different'],
        [['312-534-4290'], ['312-535-4290'], 'different'],
        [[], ['312-534-4290'], 'unknown'],
        [['312-555-0000', '312-534-4290'], ['3125344290'], 'same']
    ])('%j / %j: %s', (a, b, expected) => {
        expect(comparePhones(phones(...a), phones(...b))).toBe(expected);
    });
});

describe('compareStreets', () => {
    const compare = (a, b) => compareStreets(normalizeStreet(a), normalizeStreet(b)).result;

    it.each([
        ['1234 N. Monticello', '1234 North Monticello Ave', 'same'],
        ['5365 W Noth', '5365 W North Ave', 'same'],
        ['2355 peachtree rd. ne', '2355 peachtree rd. peachtree battle shopping center', 'same'],
        ['45 norton street', '54 norton street', 'street'],
        ['16', '16 taylor place', 'number'],
        ['16', '17 taylor place', 'unknown'],
        ['3401 W Ainslie St', '3401 W McLean Ave', 'different'],
        ['', '1 Main St', 'unknown']
    ])('%s / %s: %s', (a, b, expected) => {
        expect(compare(a, b)).toBe(expected);
    });
});

describe('matchKeys', () => {
    it('gives the selective keys a retrieval layer can query', () => {
        const keys = matchKeys(
            prepareSubmission({
                FirstName: 'Jane',
                LastName: 'Doe',
                Email: 'Jane.Doe@Acme.com',
                Phone: '+1 (312) 534-4290',
                Company: 'ACME Corp.',
                Street: '12 Main Street',
                PostalCode: '60614'
            })
        );
        expect(keys).toEqual(
            expect.arrayContaining([
                'e:jane.doe@acme.com',
                'd:acme.com',
                'p:5344290',
                'n:acme',
                'a:acme',
                `l:${soundex('doe')}`,
                `l:${soundex('jane')}`,
                `f:j${soundex('doe')}`,
                `s:12 ${soundex('main')}`,
                'z:60614'
            ])
        );
    });

    it('gives no domain key for free mail', () => {
        expect(matchKeys(prepareSubmission({ Email: 'jane@gmail.com' }))).toEqual(['e:jane@gmail.com']);
    });
});

const ACME = {
    Id: '001000000000001',
    Name: 'Acme Corporation',
    Phone: '(312) 534-4290',
    Website: 'https://www.acme.com',
    BillingStreet: '100 N. Main Street',
    BillingCity: 'Chicago',
    BillingPostalCode: '60601',
    BillingCountry: 'US'
};
const GLOBEX = {
    Id: '001000000000002',
    Name: 'Globex Inc',
    Phone: '(212) 555-0100',
    Website: 'globex.com',
    BillingStreet: '1 Park Ave',
    BillingCity: 'New York',
    BillingPostalCode: '10016',
    BillingCountry: 'US'
};
const JANE = {
    Id: '003000000000001',
    AccountId: ACME.Id,
    FirstName: 'Jane',
    LastName: 'Doe',
    Email: 'jane.doe@acme.com',
    Phone: '',
    MailingStreet: '100 N Main St',
    MailingCity: 'Chicago',
    MailingPostalCode: '60601'
};
const records = { accounts: [ACME, GLOBEX], contacts: [JANE] };

describe('scoreCandidate', () => {
    it('gives human-readable reasons for what agreed', () => {
        const result = scoreCandidate(
            prepareSubmission({ Email: 'bob@acme.com', Company: 'ACME Corp.', Phone: '312.534.4290' }),
            prepareAccount(ACME)
        );
        expect(result.reasons).toEqual(['same email domain', 'same company name', 'phone matches']);
        expect(result.score).toBeGreaterThan(0.99);
        expect(result.identifiers).toBe(2);
    });

    it('scores in 0..1 and lower for disagreeing fields', () => {
        const submission = prepareSubmission({ Company: 'Acme', Street: '9 Elm Road', City: 'Boston' });
        const result = scoreCandidate(submission, prepareAccount(ACME));
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThan(0.3);
        expect(result.conflict).toBe(true);
    });

    it("uses a contact's account for the company name", () => {
        const result = scoreCandidate(
            prepareSubmission({ FirstName: 'Jane', LastName: 'Doe', Company: 'Acme' }),
            prepareContact(JANE, ACME)
        );
        expect(result.reasons).toEqual(['same last name', 'same first name', 'same company name']);
    });
});

describe('matchSubmission', () => {
    it("links the contact whose email is the submission's", () => {
        const result = matchSubmission({ FirstName: 'J.', LastName: 'Doe', Email: 'JANE.DOE@acme.com' }, records);
        expect(result.decision).toBe('link');
        expect(result.candidates[0]).toMatchObject({ id: JANE.Id, type: 'Contact' });
        expect(result.candidates[0].reasons).toContain('email matches');
    });

    it('offers "Acme Corporation" first for "ACME Corp." with the same phone', () => {
        const result = matchSubmission(
            { FirstName: 'Bob', LastName: 'Smith', Company: 'ACME Corp.', Phone: '312-534-4290' },
            { accounts: [ACME, GLOBEX] }
        );
        expect(result.candidates[0]).toMatchObject({ id: ACME.Id, type: 'Account' });
        expect(result.decision).toBe('link');
    });

    it('never links on a company name alone', () => {
        const result = matchSubmission({ Company: 'Acme Corporation' }, { accounts: [ACME, GLOBEX] });
        expect(result.candidates[0].id).toBe(ACME.Id);
        expect(result.decision).toBe('suggest');
    });

    it('does not link an unrelated name even with the same address and phone (two shops in one building)', () => {
        const result = matchSubmission(
            { Company: 'Cafe Roma', Phone: '312-534-4290', Street: '100 N Main St', City: 'Chicago' },
            { accounts: [ACME] }
        );
        expect(result.decision).toBe('suggest');
    });

    it('asks when another member of the household is on file', () => {
        const result = matchSubmission(
            { FirstName: 'John', LastName: 'Doe', Street: '100 N Main St', City: 'Chicago', PostalCode: '60601' },
            { contacts: [JANE] }
        );
        expect(result.candidates[0].id).toBe(JANE.Id);
        expect(result.decision).toBe('suggest');
    });

    it('links the same first name at the same full address under another last name (a married name)', () => {
        const result = matchSubmission(
            { FirstName: 'Jane', LastName: 'Smith', Street: '100 N Main St', City: 'Chicago', PostalCode: '60601' },
            { contacts: [JANE] }
        );
        expect(result.candidates[0].id).toBe(JANE.Id);
        expect(result.candidates[0].reasons).toEqual([
            'same first name',
            'same street address',
            'same city',
            'same postal code'
        ]);
        expect(result.decision).toBe('link');
    });

    it('asks when the first name agrees under another last name but only the street does, not the house', () => {
        const result = matchSubmission(
            { FirstName: 'Jane', LastName: 'Smith', Street: '180 N Main St', City: 'Chicago', PostalCode: '60601' },
            { contacts: [JANE] }
        );
        expect(result.candidates[0].id).toBe(JANE.Id);
        expect(result.decision).toBe('suggest');
    });

    it('asks when the first name is only similar and the last name is another, even at the same address', () => {
        const result = matchSubmission(
            { FirstName: 'Joan', LastName: 'Smith', Street: '100 N Main St', City: 'Chicago', PostalCode: '60601' },
            { contacts: [JANE] }
        );
        expect(result.decision).not.toBe('link');
    });

    it('says new when nothing is plausible, and respects top', () => {
        expect(matchSubmission({ Company: 'Initech', Street: '4120 Freidrich Ln' }, records)).toEqual({
            decision: 'new',
            reasonCode: 'nothing-plausible',
            reason: 'no existing record is plausible',
            candidates: []
        });
        expect(matchSubmission({ Email: 'x@acme.com', Company: 'Acme' }, records, { top: 1 }).candidates).toHaveLength(
            1
        );
    });
});

describe('decisions on real-world cases (issue 18)', () => {
    // Two schools in one building: same street address and switchboard, names that share words.
    const SCHOOL = {
        Id: '001000000000011',
        Name: 'Cameron Elementary School',
        Phone: '(773) 534-4290',
        BillingStreet: '1234 N. Monticello Ave',
        BillingCity: 'Chicago'
    };
    const HEAD_START = { ...SCHOOL, Id: '001000000000012', Name: 'Cameron Head Start' };

    it('suggests, and says why, when two records share the address and the phone', () => {
        const result = matchSubmission(
            {
                Company: 'Cameron Early Learning',
                Phone: '773-534-4290',
                Street: '1234 North Monticello Avenue',
                City: 'Chicago'
            },
            { accounts: [SCHOOL, HEAD_START] }
        );
        expect(result.decision).toBe('suggest');
        expect(result.reasonCode).toBe('ambiguous');
        expect(result.reason).toBe('two records share this phone and address');
    });

    it('still links when the name is the same on one of them only', () => {
        const result = matchSubmission(
            { Company: 'Cameron Head Start', Phone: '773-534-4290', Street: '1234 N Monticello', City: 'Chicago' },
            { accounts: [SCHOOL, HEAD_START] }
        );
        expect(result.candidates[0].id).toBe(HEAD_START.Id);
        expect(result.decision).toBe('link');
        expect(result.reasonCode).toBe('certain');
    });

    it('reads house-number ranges: "1710-1718 S. Loomis" contains 1718, "7146-48 S. Ashland" is 7146 and 7148', () => {
        expect(normalizeStreet('7146-48 S. Ashland')).toMatchObject({ number: '7146', range: [7146, 7148] });
        expect(compareStreets(normalizeStreet('1710-1718 S. Loomis'), normalizeStreet('1718 South Loomis St'))).toEqual(
            { result: 'same', numberDiffers: false, inRange: true }
        );
        expect(
            compareStreets(normalizeStreet('7146-48 S. Ashland'), normalizeStreet('7148 S Ashland Ave')).result
        ).toBe('same');
        expect(
            compareStreets(normalizeStreet('7146-48 S. Ashland'), normalizeStreet('7150 S Ashland Ave')).result
        ).toBe('street');
        const site = {
            Id: '001000000000013',
            Name: 'Loomis Day Care Center',
            Phone: '(773) 555-0188',
            BillingStreet: '1710-1718 S. Loomis',
            BillingCity: 'Chicago'
        };
        const result = matchSubmission(
            { Company: 'Loomis Day Care', Street: '1718 S Loomis St', City: 'Chicago', Phone: '773 555 0188' },
            { accounts: [site] }
        );
        expect(result.candidates[0].reasons).toContain('street address within the range of numbers');
        expect(result.decision).toBe('link');
    });

    it('weighs the same phone at another address as the organisation, not the site', () => {
        const agency = {
            Id: '001000000000014',
            Name: "Children's Home and Aid - Englewood Family Center",
            Phone: '(773) 476-6998',
            BillingStreet: '1701 W 53rd Avenue',
            BillingCity: 'Chicago'
        };
        const site = {
            Id: '001000000000015',
            Name: "Children's Home & Aid Englewood",
            BillingStreet: '1701 W. 63rd St.',
            BillingCity: 'Chicago'
        };
        const result = matchSubmission(
            {
                Company: "Children's Home & Aid - Englewood Child & Family Center",
                Phone: '773-476-6998',
                Street: '1701 West 63rd Street',
                City: 'Chicago'
            },
            { accounts: [agency, site] }
        );
        expect(result.candidates[0].id).toBe(site.Id);
        expect(result.candidates.find((candidate) => candidate.id === agency.Id)?.reasons).toContain(
            'phone matches, at another address'
        );
    });

    it("weighs a site name that carries its organisation's name as the organisation's, at another address", () => {
        const otherSite = {
            Id: '001000000000016',
            Name: 'Erie Neighborhood House FCCH-Maria Yolanda Guerro Site',
            Phone: '(773) 432-2213',
            BillingStreet: '4848 N Keeler St',
            BillingCity: 'Chicago',
            BillingPostalCode: '60630'
        };
        const result = matchSubmission(
            {
                Company: 'ERIE NEIGHBORHOOD HOUSE FCCH-MARIA MAHECHA SITE',
                Phone: '773 432 2213',
                Street: '4151 W LAWRENCE',
                City: 'Chicago',
                PostalCode: '60630'
            },
            { accounts: [otherSite] }
        );
        expect(result.candidates[0].reasons).toContain('company names share words');
        expect(result.decision).toBe('new');
        // At the same address, the same words are the same site.
        const same = matchSubmission(
            { Company: 'Erie Neighborhood House FCCH - Guerro', Street: '4848 N. Keeler', City: 'Chicago' },
            { accounts: [otherSite] }
        );
        expect(same.candidates[0].reasons).not.toContain('company names share words');
    });

    it('links a name with two typos where the person lives (the same city and postcode)', () => {
        const person = {
            Id: '003000000000021',
            FirstName: 'Joshua',
            LastName: 'White',
            MailingStreet: '93 Archibald Street',
            MailingCity: 'Narrogin',
            MailingPostalCode: '2280'
        };
        const result = matchSubmission(
            { FirstName: 'Joshau', LastName: 'Whitue', City: 'Narrog in', PostalCode: '2280' },
            { contacts: [person] }
        );
        expect(result.candidates[0].id).toBe(person.Id);
        expect(result.decision).toBe('link');
    });

    it('reads a town with typing slips as the same town', () => {
        const person = {
            Id: '003000000000031',
            FirstName: 'Olivia',
            LastName: 'Hartmann',
            MailingStreet: '14 Wattle Grove',
            MailingCity: 'Cranbourne',
            MailingPostalCode: '3977'
        };
        // Two keys next to the ones meant (c/x, n/m): Jaro-Winkler alone reads 0.87.
        const result = matchSubmission(
            { FirstName: 'Olivia', LastName: 'Hartmann', Street: '14 Wattle Grove', City: 'Xranbourme' },
            { contacts: [person] }
        );
        expect(result.candidates[0].reasons).toContain('same city');
    });

    it('links a whole name at another street of the same town and postcode (moved within it)', () => {
        const person = {
            Id: '003000000000032',
            FirstName: 'Sarah',
            LastName: 'Gillard',
            MailingStreet: '121 Blackbutt Street',
            MailingCity: 'Maitland',
            MailingPostalCode: '2320'
        };
        const moved = { FirstName: 'Sarha', LastName: 'Gilard', Street: '8 Church Street', City: 'Maitland' };
        expect(matchSubmission({ ...moved, PostalCode: '2320' }, { contacts: [person] }).decision).toBe('link');
        // In another postcode of the town, it is only a suggestion.
        expect(matchSubmission({ ...moved, PostalCode: '2323' }, { contacts: [person] }).decision).toBe('suggest');
    });

    it('links a swapped short first name where the person lives', () => {
        const person = {
            Id: '003000000000033',
            FirstName: 'Sam',
            LastName: 'Blake',
            MailingStreet: '72 Stockdale Street',
            MailingCity: 'Sandgate',
            MailingPostalCode: '4017'
        };
        const result = matchSubmission(
            { FirstName: 'Sma', LastName: 'Blake', Street: '72 Stockdale St', City: 'Sandgate', PostalCode: '4017' },
            { contacts: [person] }
        );
        expect(result.decision).toBe('link');
    });

    it("links another line of an organisation's block of numbers at its address, not a neighbour's", () => {
        const centre = {
            Id: '001000000000041',
            Name: 'Lakeview Family Centre',
            Phone: '(312) 579-1791',
            BillingStreet: '1723 W 35th St',
            BillingCity: 'Chicago'
        };
        const line = { Phone: '312 579 1793', Street: '1723 W. 35th Street', City: 'Chicago' };
        const same = matchSubmission({ ...line, Company: 'Lakeview Centre' }, { accounts: [centre] });
        expect(same.candidates[0].reasons).toContain('phone number of the same block of lines');
        expect(same.decision).toBe('link');
        // Another business in the building has a number of the same block too: it says nothing there.
        const neighbour = matchSubmission({ ...line, Company: 'Golden Wok' }, { accounts: [centre] });
        expect(neighbour.candidates[0].reasons).not.toContain('phone number of the same block of lines');
        // …where it is another number, weighed as one.
        const scored = scoreCandidate(prepareSubmission({ ...line, Company: 'Golden Wok' }), prepareAccount(centre));
        expect(scored.levels.phone).toBe('different');
    });

    it('compares words written together or apart ("day care", "daycare") word for word', () => {
        const nursery = normalizeCompanyName("Granny's Daycare Center");
        expect(companyNameSimilarity(normalizeCompanyName("Granny's Day Care Center"), nursery).score).toBe(1);
        // A site under its agency's name contains the site's whole name.
        expect(
            companyNameSimilarity(normalizeCompanyName("Henry Booth House Granny's Day Care Center"), nursery)
        ).toEqual({ score: 0.9, how: 'contained' });
    });

    it('reads words shortened as listings shorten them ("Comm Ctr", "Assn.", "Svc")', () => {
        expect(tokenSimilarity(['ctr'], ['center']).similarity).toBe(0.9);
        expect(tokenSimilarity(['svc', 'assn'], ['service', 'association']).similarity).toBe(0.9);
        // A site under its agency's name, its words shortened.
        const listed = normalizeCompanyName('Albany Park Community Center - Albany Park Day Care - Ainslie');
        expect(companyNameSimilarity(normalizeCompanyName('Albany Park Comm Ctr'), listed).score).toBeGreaterThan(0.85);
        // Not a word of another first letter, nor a short word (five letters or fewer are written out).
        expect(tokenSimilarity(['ctr'], ['actor']).similarity).toBe(0);
        expect(tokenSimilarity(['cat'], ['coast']).similarity).toBe(0);
    });

    it('takes a contact and its own account as one answer: the contact, linked', () => {
        const result = matchSubmission(
            { FirstName: 'Jane', LastName: 'Doe', Email: 'jane.doe@acme.com', Phone: '(312) 534-4290' },
            records
        );
        expect(result.candidates.slice(0, 2).map((candidate) => candidate.id)).toEqual([JANE.Id, ACME.Id]);
        expect(result.candidates[0]).toMatchObject({ score: 1, accountId: ACME.Id });
        expect(result.candidates[1].score).toBeGreaterThan(0.9);
        expect(result.decision).toBe('link');
    });

    it('links an exact email and name, as the CLI does (findMatches)', () => {
        const index = createMatchIndex(records.accounts, records.contacts);
        const result = findMatches(index, {
            FirstName: 'Jane',
            LastName: 'Doe',
            Email: 'jane.doe@acme.com',
            Phone: '312 534 4290'
        });
        expect(result.candidates[0].id).toBe(JANE.Id);
        expect(result.decision).toBe('link');
    });

    it('suggests when two people of the same name share the email (a duplicate on file), and says so', () => {
        const twin = { ...JANE, Id: '003000000000002' };
        const result = matchSubmission(
            { FirstName: 'Jane', LastName: 'Doe', Email: 'jane.doe@acme.com' },
            { accounts: [ACME], contacts: [JANE, twin] }
        );
        expect(result.decision).toBe('suggest');
        expect(result.reason).toBe('two records share this email');
    });

    it('scores what a search types: an exact company name, a surname, a national phone number', () => {
        const brightgate = {
            Id: '001000000000031',
            Name: 'Brightgate Consulting GmbH',
            Phone: '+49 30 901821',
            Website: 'https://brightgate.example.com'
        };
        const schmidt = {
            Id: '003000000000031',
            AccountId: brightgate.Id,
            FirstName: 'Hanna',
            LastName: 'Schmidt',
            Email: 'hanna.schmidt@brightgate.example.com'
        };
        const found = { accounts: [brightgate, GLOBEX], contacts: [schmidt] };
        const company = matchSubmission(
            { FirstName: 'Brightgate Consulting', LastName: 'GmbH', Company: 'Brightgate Consulting GmbH' },
            found
        );
        expect(company.candidates[0]).toMatchObject({ id: brightgate.Id });
        expect(company.candidates[0].score).toBeGreaterThan(0.9);
        const surname = matchSubmission({ LastName: 'Schmidt', Company: 'Schmidt' }, found);
        expect(surname.candidates[0]).toMatchObject({ id: schmidt.Id, reasons: ['same last name'] });
        expect(surname.candidates[0].score).toBeGreaterThan(0.8);
        const national = matchSubmission({ Phone: '030 901821' }, found);
        expect(national.candidates[0].reasons).toEqual(['phone matches']);
        expect(comparePhones([normalizePhone('030 901821')], [normalizePhone('+49 30 901821')])).toBe('same');
        const fragment = matchSubmission({ LastName: '901821', Company: '901821' }, found);
        expect(fragment.candidates[0].reasons).toEqual(['phone ends with the digits searched']);
        const domain = matchSubmission(
            { LastName: 'brightgate.example.com', Company: 'brightgate.example.com' },
            found
        );
        expect(domain.candidates[0]).toMatchObject({ id: schmidt.Id, reasons: ['email domain matches'] });
    });
});

describe('kinds of noise behind the remaining gaps to the anchors (issue 18)', () => {
    it('does not relate two names that share only a word for the kind of place: two restaurants of one hotel', () => {
        const similarity = (a, b) => companyNameSimilarity(normalizeCompanyName(a), normalizeCompanyName(b));
        expect(similarity('The Edwardian Room', 'The Oak Room')).toEqual({ score: 0, how: 'different' });
        expect(similarity('Palm Court', 'Garden Court Restaurant').how).toBe('different');
        // A word of the name itself still relates them, kind words or not.
        expect(similarity('Palm Court', 'The Palm Court at the Plaza').score).toBeGreaterThanOrEqual(0.5);
        const oakRoom = {
            Id: '001000000000031',
            Name: 'The Oak Room',
            Phone: '(212) 759-3000',
            BillingStreet: '768 Fifth Avenue',
            BillingCity: 'New York'
        };
        const result = matchSubmission(
            { Company: 'Edwardian Room', Phone: '212/546-5310', Street: '768 5th Ave.', City: 'New York' },
            { accounts: [oakRoom] }
        );
        expect(result.decision).toBe('new');
    });

    it('finds a person whose surname slip changed its Soundex, with a slip in the postcode too, in the same town', () => {
        const pemberton = {
            Id: '003000000000031',
            FirstName: 'Olivia',
            LastName: 'Pemberton',
            MailingStreet: '14 Lyons Road',
            MailingCity: 'Drummoyne',
            MailingPostalCode: '2047'
        };
        const neighbour = { ...pemberton, Id: '003000000000032', FirstName: 'Jack', LastName: 'Nguyen' };
        // "n" for "b", its neighbour on the keyboard: P516 becomes P556, so the Soundex key no longer finds her.
        expect(soundex('Pemnerton')).not.toBe(soundex('Pemberton'));
        const index = createMatchIndex([], [pemberton, neighbour]);
        const result = findMatches(index, { LastName: 'Pemnerton', City: 'Drummoyne', PostalCode: '2074' });
        expect(result.candidates.map((candidate) => candidate.id)).toEqual([pemberton.Id]);
        expect(result.candidates[0].reasons).toEqual([
            'similar last name',
            'same city',
            'postal code differs by a slip'
        ]);
    });
});

describe('createMatchIndex and findMatches', () => {
    it('find through the match keys what matchSubmission finds among all records', () => {
        const index = createMatchIndex(records.accounts, records.contacts);
        const submissions = [
            { FirstName: 'J.', LastName: 'Doe', Email: 'JANE.DOE@acme.com' },
            { Company: 'ACME Corp.', Phone: '312-534-4290' },
            { Company: 'Globex', Street: '1 Park Avenue', City: 'New York' },
            { Company: 'Initech' }
        ];
        for (const submission of submissions) {
            expect(findMatches(index, submission)).toEqual(matchSubmission(submission, records));
        }
    });
});

describe('learned weights (Fellegi-Sunter, unsupervised)', () => {
    /** An org of sites and submissions with typical noise, built from a seed: no labels anywhere. */
    function orgOf(seed) {
        const words = randomWords(400, seed).filter((word) => word.length >= 4);
        const accounts = [];
        for (let i = 0; i < 120; i++) {
            accounts.push({
                Id: `001${String(i).padStart(12, '0')}`,
                Name: `${words[i % words.length]} ${words[(i * 7 + 3) % words.length]} Center`,
                Phone: `773-555-${String(1000 + i * 37).slice(-4)}`,
                BillingStreet: `${100 + i * 13} N ${words[(i * 3 + 1) % words.length]} Ave`,
                BillingCity: i % 2 ? 'Chicago' : 'Evanston'
            });
        }
        // Half the submissions are existing sites written differently, half are new ones.
        const submissions = accounts.slice(0, 60).map((account, i) => {
            if (i % 2) {
                return {
                    Company: `${account.Name} Inc`,
                    Phone: account.Phone,
                    Street: account.BillingStreet,
                    City: account.BillingCity
                };
            }
            return {
                Company: `${words[(i * 11 + 5) % words.length]} Academy`,
                Phone: `312-555-${String(2000 + i).slice(-4)}`,
                Street: `${i + 7} W Oak St`,
                City: 'Chicago'
            };
        });
        return { accounts, submissions };
    }

    it('are the same for the same data, and computed without labels', () => {
        const { accounts, submissions } = orgOf(5);
        const first = learnWeights(createMatchIndex(accounts), submissions, { estimateU: true });
        const again = learnWeights(createMatchIndex(accounts), submissions, { estimateU: true });
        expect(again).toEqual(first);
        // learnWeights takes records and submissions only: the EM result reflects the data's own structure.
        expect(first.levels.phone.same).toBeGreaterThan(2);
        expect(first.levels.street.same).toBeGreaterThan(2);
        expect(first.levels.company.same).toBeGreaterThan(first.levels.company.different);
        expect(first.levels.street.different).toBeLessThan(0);
        expect(first.lambda).toBeGreaterThan(0);
        expect(first.lambda).toBeLessThan(1);
    });

    it('estimates m by expectation maximisation and u from random pairs', () => {
        // 30 candidate pairs: 10 agree on both comparisons (matches), 20 disagree on both; random pairs disagree.
        const candidates = [
            ...Array.from({ length: 10 }, () => ({ name: 'same', phone: 'same' })),
            ...Array.from({ length: 20 }, () => ({ name: 'different', phone: 'different' }))
        ];
        const random = Array.from({ length: 200 }, (_, i) => ({
            name: i % 50 ? 'different' : 'same',
            phone: i % 100 ? 'different' : 'same'
        }));
        const weights = estimateWeights(candidates, random);
        expect(weights.lambda).toBeCloseTo(1 / 3, 1);
        expect(weights.m.name.same).toBeGreaterThan(0.9);
        expect(weights.u.phone.same).toBeCloseTo(2.5 / 201, 3);
        expect(weights.levels.name.same).toBeGreaterThan(3);
        expect(weights.levels.name.different).toBeLessThan(-2);
        expect(estimateWeights(candidates, random)).toEqual(weights);
    });

    it('changes the scores when given to the matcher, reasons unchanged', () => {
        const { accounts, submissions } = orgOf(5);
        const index = createMatchIndex(accounts);
        const weights = learnWeights(index, submissions, { estimateU: true });
        const plain = findMatches(index, submissions[1]);
        const learned = findMatches(index, submissions[1], { weights });
        expect(learned.candidates[0].id).toBe(plain.candidates[0].id);
        expect(learned.candidates[0].reasons).toEqual(plain.candidates[0].reasons);
        const submission = prepareSubmission(submissions[1]);
        const record = prepareAccount(accounts[1]);
        expect(scoreCandidate(submission, record, weights).logOdds).not.toBe(
            scoreCandidate(submission, record).logOdds
        );
        expect(scoreCandidate(submission, record, weights).reasons).toEqual(scoreCandidate(submission, record).reasons);
    });

    it('counts edits as optimal string alignment', () => {
        expect(editDistance('fitzpatrick', 'fitzpagrick')).toBe(1);
        expect(editDistance('joshua', 'joshau')).toBe(1);
        expect(editDistance('white', 'whitue')).toBe(1);
        expect(editDistance('havelberg', 'hxvxlbxrg', 2)).toBe(3);
        expect(editDistance('', 'abc')).toBe(3);
    });
});
