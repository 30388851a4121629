/**
 * Stored match keys: normalised copies of a record's name, phone, domain, street, postcode and locality in indexed
 * Text(80) External ID fields, so that an org is searched for duplicate candidates selectively. Each key is defined
 * once, as steps a Salesforce formula computes exactly alike: `storedMatchKeys` and `withMatchKeys` compute them in
 * JavaScript (seed script, backfill, the components' own mutations), and `npm run generate-match-key-flows` writes the
 * before-save flows that keep them current on every other write. No imports: it runs on the platform, under jest and
 * in Node.
 */

/**
 * One step of a stored match key, written so that a Salesforce formula computes exactly the same thing (the flows
 * Account_Match_Keys and Contact_Match_Keys are generated from these steps by `npm run generate-match-key-flows`):
 * - `['lower']`: LOWER(x);
 * - `['wrap', s]`: s & x & s;
 * - `['sub', from, to]`: SUBSTITUTE(x, from, to), every occurrence, left to right;
 * - `['before', c]`: IF(FIND(c, x) > 0, LEFT(x, FIND(c, x) - 1), x), the text before the first c;
 * - `['after', c]`: MID(x, FIND(c, x) + 1, 255), the text after the first c (all of x when there is none);
 * - `['min', n]`: IF(LEN(x) < n, "", x);
 * - `['left', n]` / `['right', n]`: LEFT(x, n) / RIGHT(x, n);
 * - `['trim']`: TRIM(x), the spaces at either end dropped.
 * Blank and '' are the same thing, as in formulas; a key that comes out '' is blank.
 * @typedef {['lower'] | ['wrap', string] | ['sub', string, string] | ['before', string] | ['after', string]
 *   | ['min', number] | ['left', number] | ['right', number] | ['trim']} KeyStep
 * @typedef {{ field: string, steps: KeyStep[] }} KeyPart
 * @typedef {{ field: string, parts: KeyPart[], steps: KeyStep[] }} KeyDefinition
 * @typedef {{ Match_Name_Key__c: string | null, Match_Phone_Key__c: string | null,
 *   Match_Domain_Key__c: string | null, Match_Street_Key__c: string | null,
 *   Match_Postal_Key__c?: string | null, Match_Locality_Key__c?: string | null }} StoredMatchKeys
 */

/** Accented letters and ligatures read as their plain letters (after LOWER). */
const KEY_LETTERS = /** @type {[string, string][]} */ ([
    ['à', 'a'],
    ['á', 'a'],
    ['â', 'a'],
    ['ã', 'a'],
    ['ä', 'a'],
    ['å', 'a'],
    ['æ', 'ae'],
    ['ç', 'c'],
    ['è', 'e'],
    ['é', 'e'],
    ['ê', 'e'],
    ['ë', 'e'],
    ['ì', 'i'],
    ['í', 'i'],
    ['î', 'i'],
    ['ï', 'i'],
    ['ñ', 'n'],
    ['ò', 'o'],
    ['ó', 'o'],
    ['ô', 'o'],
    ['õ', 'o'],
    ['ö', 'o'],
    ['ø', 'o'],
    ['œ', 'oe'],
    ['ù', 'u'],
    ['ú', 'u'],
    ['û', 'u'],
    ['ü', 'u'],
    ['ý', 'y'],
    ['ÿ', 'y'],
    ['ß', 'ss']
]);

/** Punctuation read as a word break in names ("&" and "+" too: "and" is dropped as a word anyway). */
const KEY_BREAKS = ['.', ',', '-', '/', '(', ')', '"', '!', '?', ':', ';', '&', '+', '*', '#', '@', '_', '|'];
/** Apostrophes are dropped, as foldText does (O'Brien → obrien). */
const KEY_APOSTROPHES = ["'", '’', '`', '´'];

/** @type {KeyStep[]} Lower case, accents folded, punctuation as spaces, padded with spaces: the words of a name. */
const NAME_WORD_STEPS = [
    ['lower'],
    ...KEY_APOSTROPHES.map((mark) => /** @type {KeyStep} */ (['sub', mark, ''])),
    ...KEY_BREAKS.map((mark) => /** @type {KeyStep} */ (['sub', mark, ' '])),
    ...KEY_LETTERS.map(([letter, plain]) => /** @type {KeyStep} */ (['sub', letter, plain])),
    ['wrap', ' ']
];

/** @type {KeyStep[]} A person's name as letters only: lower case, accents folded, punctuation and spaces dropped. */
const PERSON_NAME_STEPS = [
    ['lower'],
    ...[...KEY_APOSTROPHES, '.', '-', ',', ' '].map((mark) => /** @type {KeyStep} */ (['sub', mark, ''])),
    ...KEY_LETTERS.map(([letter, plain]) => /** @type {KeyStep} */ (['sub', letter, plain]))
];

/** @type {KeyStep[]} A company name's words without "the" and "and" (padded, so whole words only). */
export const COMPANY_WORD_STEPS = [...NAME_WORD_STEPS, ['sub', ' the ', ' '], ['sub', ' and ', ' ']];

/** @type {KeyStep[]} A phone number's digits without separators or extension; the last seven of them. */
export const PHONE_STEPS = [
    ['lower'],
    ['before', 'x'],
    ['before', 'e'],
    ...[' ', '-', '(', ')', '.', '/', '+', '\u00a0'].map((mark) => /** @type {KeyStep} */ (['sub', mark, ''])),
    ['min', 7],
    ['right', 7]
];

/** Direction words a street key leaves out: "3003 W. Touhy" and "3003 West Touhy Ave" are one address. */
const KEY_DIRECTIONS = ['north', 'south', 'east', 'west', 'n', 's', 'e', 'w'];

/** Ordinal endings a street key leaves out: "51st Street" and "51 Street" are one street. */
const KEY_ORDINALS = ['1st', '2nd', '3rd', ...'0123456789'.split('').map((digit) => `${digit}th`)];

/**
 * @type {KeyStep[]} A street's first line in lower case, punctuation as spaces, without direction words or ordinal
 * endings, words apart by one space.
 */
const STREET_STEPS = [
    ['lower'],
    ...[',', '.', '#', '/', '-'].map((mark) => /** @type {KeyStep} */ (['sub', mark, ' '])),
    ['wrap', ' '],
    ...KEY_DIRECTIONS.map((word) => /** @type {KeyStep} */ (['sub', ` ${word} `, ' '])),
    ...KEY_ORDINALS.map((ordinal) => /** @type {KeyStep} */ (['sub', `${ordinal} `, `${ordinal.slice(0, 1)} `])),
    // Runs of up to four spaces (punctuation next to a space) become one, so the words split cleanly.
    ['sub', '  ', ' '],
    ['sub', '  ', ' '],
    ['trim']
];

/**
 * @param {string} field
 * @returns {KeyPart[]} the street's first word (the house number) and the first four letters of its second word
 */
function streetParts(field) {
    return [
        { field, steps: [...STREET_STEPS, ['before', ' ']] },
        { field, steps: [...STREET_STEPS, ['after', ' '], ['before', ' '], ['left', 4]] }
    ];
}

/** Length of every stored key field (Text(80)); the name key keeps its first 40 characters. */
export const MATCH_KEY_LENGTH = 80;
export const NAME_KEY_LENGTH = 40;

/**
 * The stored match keys, per object: Text(80) External ID fields (indexed on Salesforce, not unique), filled by the
 * seed script, the backfill, the components' own writes (`withMatchKeys`) and a before-save flow for every other
 * write.
 * - `Match_Name_Key__c`: Account: the company name's words joined (lower case, accents folded, punctuation, "the"
 *   and "and" dropped): "The ACME Corp." → `acmecorp`, found by prefix (`acme%`). Contact: the surname's letters
 *   and the given name's initial: Dupont, Jean-Luc → `dupontj`.
 * - `Match_Phone_Key__c`: the last seven digits of the phone (separators and extension dropped): `5551234`.
 * - `Match_Domain_Key__c`: Account: the website's host without scheme, "www." or path (`acme.com`); Contact: the
 *   email's host (`eu.acme.com`).
 * - `Match_Street_Key__c`: the street's first word (the house number) and the first four letters of the next:
 *   "47 Edkins Street" → `47edki`.
 * - `Match_Postal_Key__c` (Contact): the postcode and the surname's initial: 2118, Campbell → `2118c`.
 * - `Match_Locality_Key__c` (Contact): the city's letters and the given name's: Brighton, Chloe → `brightonchloe`;
 *   finds a person whose surname was misspelt or changed, or whose postcode or street has a slip.
 * - `Match_Street_Key__c` skips direction words and ordinal endings: "112 E. 51st St" → `11251`.
 * Names keep letters that are not in the folding table as they are, on both sides alike.
 * @type {Readonly<Record<'Account' | 'Contact', KeyDefinition[]>>}
 */
export const MATCH_KEY_DEFINITIONS = Object.freeze({
    Account: [
        {
            field: 'Match_Name_Key__c',
            parts: [{ field: 'Name', steps: [...COMPANY_WORD_STEPS, ['sub', ' ', '']] }],
            steps: [['left', NAME_KEY_LENGTH]]
        },
        { field: 'Match_Phone_Key__c', parts: [{ field: 'Phone', steps: PHONE_STEPS }], steps: [] },
        {
            field: 'Match_Domain_Key__c',
            parts: [
                {
                    field: 'Website',
                    steps: [
                        ['lower'],
                        ['sub', ' ', ''],
                        ['sub', 'https://', ''],
                        ['sub', 'http://', ''],
                        ['sub', 'www.', ''],
                        ['before', '/']
                    ]
                }
            ],
            steps: [['left', MATCH_KEY_LENGTH]]
        },
        { field: 'Match_Street_Key__c', parts: streetParts('BillingStreet'), steps: [['left', MATCH_KEY_LENGTH]] }
    ],
    Contact: [
        {
            field: 'Match_Name_Key__c',
            parts: [
                { field: 'LastName', steps: [...PERSON_NAME_STEPS, ['left', NAME_KEY_LENGTH - 1]] },
                { field: 'FirstName', steps: [...PERSON_NAME_STEPS, ['left', 1]] }
            ],
            steps: []
        },
        { field: 'Match_Phone_Key__c', parts: [{ field: 'Phone', steps: PHONE_STEPS }], steps: [] },
        {
            field: 'Match_Domain_Key__c',
            parts: [{ field: 'Email', steps: [['lower'], ['sub', ' ', ''], ['after', '@']] }],
            steps: [['left', MATCH_KEY_LENGTH]]
        },
        { field: 'Match_Street_Key__c', parts: streetParts('MailingStreet'), steps: [['left', MATCH_KEY_LENGTH]] },
        {
            field: 'Match_Postal_Key__c',
            parts: [
                {
                    field: 'MailingPostalCode',
                    steps: [['lower'], ['sub', ' ', ''], ['sub', '-', ''], ['left', 10]]
                },
                { field: 'LastName', steps: [...PERSON_NAME_STEPS, ['left', 1]] }
            ],
            // An initial alone (no postcode) finds nothing worth reading: blank.
            steps: [['min', 2]]
        },
        {
            field: 'Match_Locality_Key__c',
            parts: [
                { field: 'MailingCity', steps: PERSON_NAME_STEPS },
                { field: 'FirstName', steps: PERSON_NAME_STEPS }
            ],
            steps: [['left', MATCH_KEY_LENGTH]]
        }
    ]
});

/** The source fields the stored keys are computed from, per object. */
export const MATCH_KEY_SOURCES = Object.freeze({
    Account: ['Name', 'Phone', 'Website', 'BillingStreet'],
    Contact: ['LastName', 'FirstName', 'Phone', 'Email', 'MailingStreet', 'MailingPostalCode', 'MailingCity']
});

/**
 * Applies key steps to a text, exactly as the generated formula does.
 * @param {string} text
 * @param {KeyStep[]} steps
 * @returns {string}
 */
export function applyKeySteps(text, steps) {
    let value = text;
    for (const step of steps) {
        switch (step[0]) {
            case 'lower':
                value = value.toLowerCase();
                break;
            case 'wrap':
                value = step[1] + value + step[1];
                break;
            case 'sub':
                value = value.split(step[1]).join(step[2]);
                break;
            case 'before': {
                const at = value.indexOf(step[1]);
                value = at >= 0 ? value.slice(0, at) : value;
                break;
            }
            case 'after':
                value = value.slice(value.indexOf(step[1]) + 1, value.indexOf(step[1]) + 1 + 255);
                break;
            case 'min':
                value = value.length < step[1] ? '' : value;
                break;
            case 'left':
                value = value.slice(0, Math.max(0, step[1]));
                break;
            case 'right':
                value = step[1] <= 0 ? '' : value.slice(-step[1]);
                break;
            case 'trim':
                value = value.trim();
                break;
            default:
                throw new Error(`Unknown key step ${String(step[0])}`);
        }
    }
    return value;
}

/**
 * The stored match keys of an Account or a Contact from its source fields (blank when there is nothing to key).
 * @param {'Account' | 'Contact'} objectApiName
 * @param {Record<string, unknown>} record
 * @returns {StoredMatchKeys}
 */
export function storedMatchKeys(objectApiName, record) {
    const definitions = MATCH_KEY_DEFINITIONS[objectApiName];
    if (!definitions) {
        throw new Error(`No match keys for ${objectApiName}`);
    }
    /** @type {Record<string, string | null>} */
    const keys = {};
    for (const definition of definitions) {
        const joined = definition.parts.map((part) => applyKeySteps(textOf(record[part.field]), part.steps)).join('');
        const value = applyKeySteps(joined, definition.steps);
        keys[definition.field] = value === '' ? null : value;
    }
    return /** @type {StoredMatchKeys} */ (/** @type {unknown} */ (keys));
}

/**
 * A field's value as a formula reads it: blank (null or missing) is ''.
 * @param {unknown} value
 * @returns {string}
 */
export function textOf(value) {
    return value === null || value === undefined ? '' : String(value);
}

/**
 * A create or update input for an Account or a Contact with its match keys added, for the components' own GraphQL
 * mutations. A key is added only when every field it is computed from is in the input (an update that changes the
 * phone alone sets the phone key alone); the before-save flow recomputes all of them on the server anyway.
 * @template {Record<string, unknown>} T
 * @param {'Account' | 'Contact'} objectApiName
 * @param {T} fields
 * @returns {T & Partial<StoredMatchKeys>}
 */
export function withMatchKeys(objectApiName, fields) {
    const keys = /** @type {Record<string, string | null>} */ (
        /** @type {unknown} */ (storedMatchKeys(objectApiName, fields))
    );
    /** @type {Record<string, unknown>} */
    const result = { ...fields };
    for (const definition of MATCH_KEY_DEFINITIONS[objectApiName]) {
        if (definition.parts.every((part) => part.field in fields)) {
            result[definition.field] = keys[definition.field];
        }
    }
    return /** @type {T & Partial<StoredMatchKeys>} */ (result);
}
