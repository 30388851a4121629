/**
 * Finds the existing Account or Contact behind a web-form submission: normalisers, field measures, a score in 0..1
 * with reasons (log-odds of field agreements, Fellegi-Sunter style), and the link / suggest / new decision. Shared by the intake component and the tooling
 * (`npm run match`), so it has no imports at all and runs on the platform, under jest and in Node.
 *
 * Layers, each usable on its own:
 * - normalisers: `foldText`, `normalizeCompanyName`, `normalizeStreet`, `normalizePhone`, `normalizeEmail`,
 *   `emailDomain`, `websiteDomain`, `isFreeMailDomain`, `postalKey`;
 * - measures: `jaro`, `jaroWinkler`, `tokenSimilarity`, `acronymOf`, `isAcronymOf`, `soundex`, `nearlyEqual`,
 *   `isNameVariant`,
 *   `companyNameSimilarity`, `personNameSimilarity`, `comparePhones`, `compareStreets`, `editDistance`;
 * - what a search box typed instead of a name (a phone fragment, a domain): `typedIdentifier`;
 * - records normalised once: `prepareSubmission`, `prepareAccount`, `prepareContact`;
 * - match keys a retrieval layer can query selectively (exact email, phone key, name and domain keys): `matchKeys`;
 * - scoring: `scoreCandidate` (one submission against one record), `rankPrepared` (against prepared records) and
 *   `matchSubmission` (against given Account/Contact records: the entry point after a selective query);
 * - in-memory retrieval over many records through the same keys: `createMatchIndex` / `findMatches`;
 * - weights learned from the data without labels (Fellegi-Sunter m and u by random pairs and expectation
 *   maximisation): `estimateWeights`, `learnWeights`; any scoring function takes them in place of the hand-set ones.
 * The decision (`rankPrepared`) says why (`reasonCode`, `reason`); a Contact and its own Account are one answer.
 * Searching an org is `c/matchSearch` (GraphQL requests on the stored keys of `c/matchKeys`); they import from this
 * module, never the other way round.
 */

/**
 * @typedef {{ Id: string, Name?: string | null, Phone?: string | null, Website?: string | null,
 *   BillingStreet?: string | null, BillingCity?: string | null, BillingPostalCode?: string | null,
 *   BillingCountry?: string | null }} AccountRecord
 * @typedef {{ Id: string, AccountId?: string | null, FirstName?: string | null, LastName?: string | null,
 *   Email?: string | null, Phone?: string | null, MailingStreet?: string | null, MailingCity?: string | null,
 *   MailingPostalCode?: string | null }} ContactRecord
 * @typedef {{ FirstName?: string | null, LastName?: string | null, Email?: string | null, Phone?: string | null,
 *   Company?: string | null, Street?: string | null, City?: string | null, PostalCode?: string | null,
 *   Country?: string | null }} Submission
 * @typedef {'link' | 'suggest' | 'new'} Decision
 * @typedef {{ id: string, type: 'Account' | 'Contact', score: number, reasons: string[], accountId?: string }} Candidate
 *   accountId: the Account a Contact candidate belongs to (the same answer as that Account), or an Account's own Id
 * @typedef {'certain' | 'ambiguous' | 'uncertain' | 'too-little' | 'address-differs'
 *   | 'nothing-plausible'} DecisionReasonCode
 * @typedef {{ decision: Decision, candidates: Candidate[], reasonCode?: DecisionReasonCode, reason?: string }}
 *   MatchResult reasonCode/reason: why the decision was taken (a code for a label, and the same in English)
 * @typedef {{ national: string, local: string, hasAreaCode: boolean }} Phone
 * @typedef {{ number: string, words: string[], text: string, range?: [number, number] }} Street range: the house
 *   numbers a range such as "1710-1718" or "7146-48" covers
 * @typedef {{ text: string, tokens: string[] }} Name
 * @typedef {{ type: 'Account' | 'Contact', id: string, accountId: string, company: Name, first: string, last: string,
 *   email: string, emailDomain: string, domains: string[], phones: Phone[], street: Street | null, city: string,
 *   postal: string, phoneFragment?: string, host?: string, searchLike?: boolean, eitherName?: boolean }} Prepared
 *   phoneFragment: the last digits of a number typed in a search ("901821"); host: a domain typed in a search;
 *   searchLike: a submission that gives one
 *   kind of thing only (a name, an email, a phone number, a domain), as a search does; eitherName: the same text given as the person's and the company's name (a typed search)
 * @typedef {{ levels: Record<string, Record<string, number>>, m: Record<string, Record<string, number>>,
 *   u: Record<string, Record<string, number>>, lambda: number, iterations: number, pairs: number,
 *   randomPairs: number }} LearnedWeights levels: the weight (natural log of m/u) of each level of each
 *   comparison; m and u the probabilities behind them; lambda the share of candidate pairs that match
 * @typedef {{ top?: number, weights?: LearnedWeights | null }} MatchOptions
 */

// ---------------------------------------------------------------------------------------------------------------
// Normalisers
// ---------------------------------------------------------------------------------------------------------------

/** Letters that Unicode does not decompose into a base letter plus accents. */
const LIGATURES = /** @type {Readonly<Record<string, string>>} */ (
    Object.freeze({ ß: 'ss', æ: 'ae', ø: 'o', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i' })
);

/**
 * Lower case, accents removed, apostrophes dropped (O'Brien → obrien), any other punctuation as a space, single
 * spaces. The base of every other normaliser.
 * @param {unknown} value
 * @returns {string}
 */
export function foldText(value) {
    if (value === null || value === undefined) {
        return '';
    }
    return String(value)
        .normalize('NFKD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[ßæøœłđðþı]/g, (letter) => LIGATURES[letter] ?? letter)
        .replace(/['’`´]/g, '')
        .replace(/[^a-z0-9]+/g, ' ')
        .trim();
}

/**
 * Splits folded text into words, joining runs of single letters into one word so that initials written with dots
 * or spaces compare equal to the written-together form (L.L.C. → llc, I B M → ibm).
 * @param {string} folded
 * @returns {string[]}
 */
function words(folded) {
    if (!folded) {
        return [];
    }
    /** @type {string[]} */
    const result = [];
    let letters = '';
    for (const word of folded.split(' ')) {
        if (word.length === 1 && /[a-z]/.test(word)) {
            letters += word;
            continue;
        }
        if (letters) {
            result.push(letters);
            letters = '';
        }
        result.push(word);
    }
    if (letters) {
        result.push(letters);
    }
    return result;
}

/** Legal forms, removed from the end of a company name (and from its start for the forms written first). */
export const LEGAL_FORMS = Object.freeze(
    new Set([
        'inc',
        'incorporated',
        'corp',
        'corporation',
        'co',
        'company',
        'cos',
        'llc',
        'llp',
        'lp',
        'ltd',
        'limited',
        'plc',
        'pllc',
        'pc',
        'gmbh',
        'mbh',
        'ag',
        'kg',
        'kgaa',
        'ug',
        'ohg',
        'ev',
        'sarl',
        'sa',
        'sas',
        'sasu',
        'eurl',
        'snc',
        'sca',
        'srl',
        'spa',
        'sl',
        'bv',
        'nv',
        'vof',
        'cv',
        'oy',
        'oyj',
        'ab',
        'as',
        'asa',
        'aps',
        'pty',
        'pte',
        'bhd',
        'sdn',
        'kk',
        'sro',
        'zoo',
        'sp'
    ])
);

/** Forms that are written before the name in some countries ("SARL Dupont", "SA de CV" is handled at the end). */
const LEADING_LEGAL_FORMS = new Set(['sarl', 'sas', 'eurl', 'sa', 'gmbh', 'bv', 'nv']);

/** Words that carry no identity in a company name. */
const COMPANY_NOISE = new Set(['the', 'and', 'und', 'et', 'y']);

/**
 * A company name reduced to what identifies it: folded, "&" read as "and", "the"/"and" dropped, legal forms
 * (Inc, LLC, Ltd, GmbH, SARL, BV, Corp, Co …) removed at the end, and at the start where a country writes them
 * first. Never returns empty for a non-empty name: a name that is only a legal form is kept as it is.
 * @param {unknown} name
 * @returns {Name}
 */
export function normalizeCompanyName(name) {
    const folded = foldText(
        String(name ?? '')
            .replace(/&/g, ' and ')
            .replace(/\+/g, ' and ')
    );
    const all = words(folded);
    let tokens = all.filter((word) => !COMPANY_NOISE.has(word));
    for (;;) {
        const last = tokens.length - 1;
        if (tokens.length > 1 && LEGAL_FORMS.has(tokens[last])) {
            tokens = tokens.slice(0, -1);
        } else if (tokens.length > 2 && tokens[last] === 'de' && LEGAL_FORMS.has(tokens[last - 1])) {
            // "S.A. de C.V.": a form, "de", another form.
            tokens = tokens.slice(0, -2);
        } else {
            break;
        }
    }
    if (tokens.length > 1 && LEADING_LEGAL_FORMS.has(tokens[0])) {
        tokens = tokens.slice(1);
    }
    if (tokens.length === 0) {
        tokens = all;
    }
    return { text: tokens.join(' '), tokens };
}

/** Street words and their one standard short form (USPS suffixes, directions, unit designators, ordinals). */
const STREET_WORDS = /** @type {Readonly<Record<string, string>>} */ (
    Object.freeze({
        street: 'st',
        str: 'st',
        strasse: 'str',
        avenue: 'ave',
        av: 'ave',
        avn: 'ave',
        boulevard: 'blvd',
        blv: 'blvd',
        boul: 'blvd',
        bd: 'blvd',
        road: 'rd',
        drive: 'dr',
        drv: 'dr',
        lane: 'ln',
        place: 'pl',
        plaza: 'plz',
        court: 'ct',
        crt: 'ct',
        circle: 'cir',
        circuit: 'cct',
        crescent: 'cres',
        cresent: 'cres',
        crs: 'cres',
        terrace: 'tce',
        ter: 'tce',
        terr: 'tce',
        highway: 'hwy',
        parkway: 'pkwy',
        pky: 'pkwy',
        square: 'sq',
        expressway: 'expy',
        freeway: 'fwy',
        turnpike: 'tpke',
        center: 'ctr',
        centre: 'ctr',
        mount: 'mt',
        fort: 'ft',
        saint: 'st',
        north: 'n',
        south: 's',
        east: 'e',
        west: 'w',
        northeast: 'ne',
        northwest: 'nw',
        southeast: 'se',
        southwest: 'sw',
        suite: 'ste',
        apartment: 'apt',
        unit: 'unit',
        floor: 'fl',
        building: 'bldg',
        first: '1st',
        second: '2nd',
        third: '3rd',
        fourth: '4th',
        fifth: '5th',
        sixth: '6th',
        seventh: '7th',
        eighth: '8th',
        ninth: '9th',
        tenth: '10th'
    })
);

/** Short words that say what kind of street it is or where, weaker than the street's own name. */
const STREET_TYPES = new Set(
    Object.values(STREET_WORDS).filter((word) => !/^\d/.test(word) && word.length <= 4 && word !== 'unit')
);

/** Direction words, shortened only where they qualify a street's name (N Monticello, not North Ave). */
const DIRECTIONS = new Set(['north', 'south', 'east', 'west', 'northeast', 'northwest', 'southeast', 'southwest']);

/** Words that locate a unit inside a building rather than the building; they and their number are dropped. */
const UNIT_WORDS = new Set(['ste', 'apt', 'unit', 'fl', 'room', 'rm', 'no', 'bldg']);

/**
 * A street address as its house number and its words in standard short forms: "1234 N. Monticello Avenue, Suite 5"
 * → { number: '1234', words: ['n', 'monticello', 'ave'] }. Returns null for an empty street.
 * @param {unknown} street
 * @returns {Street | null}
 */
export function normalizeStreet(street) {
    const folded = foldText(street);
    if (!folded) {
        return null;
    }
    const range = houseNumberRange(String(street));
    const raw = (range ? folded.replace(/^(\d+) (\d+)\b/, '$1') : folded).split(' ');
    const tokens = raw.map((word, i) => {
        const short = STREET_WORDS[word] ?? word;
        // "North Ave", "West End": a direction followed by nothing or by the street type is the street's name.
        if (
            DIRECTIONS.has(word) &&
            (i === raw.length - 1 || STREET_TYPES.has(STREET_WORDS[raw[i + 1]] ?? raw[i + 1]))
        ) {
            return word;
        }
        return short;
    });
    /** @type {string[]} */
    const kept = [];
    let number = '';
    for (let i = 0; i < tokens.length; i++) {
        const word = tokens[i];
        if (UNIT_WORDS.has(word)) {
            if (i + 1 < tokens.length && /\d/.test(tokens[i + 1])) {
                i++;
            }
            continue;
        }
        if (!number && /^\d+[a-z]?$/.test(word) && !/^\d+(st|nd|rd|th)$/.test(word)) {
            number = word.replace(/[a-z]$/, '');
            continue;
        }
        kept.push(word);
    }
    return range ? { number, words: kept, text: kept.join(' '), range } : { number, words: kept, text: kept.join(' ') };
}

/** A range wider than this is not one building's numbers ("12-3456" is a unit and a number, not a range). */
const MAX_HOUSE_RANGE = 100;

/**
 * The house numbers a street written with a range covers: "1710-1718 S. Loomis" → [1710, 1718], "7146-48 S.
 * Ashland" → [7146, 7148] (the second number gives the last digits); null when the street has no range.
 * @param {string} street
 * @returns {[number, number] | null}
 */
function houseNumberRange(street) {
    const found = /^\s*(\d+)\s*-\s*(\d+)\b/.exec(street);
    if (!found) {
        return null;
    }
    const [, first, second] = found;
    const last = second.length < first.length ? first.slice(0, first.length - second.length) + second : second;
    const from = Number(first);
    const to = Number(last);
    return to > from && to - from <= MAX_HOUSE_RANGE ? [from, to] : null;
}

/**
 * Whether two streets' house numbers agree: equal, or one inside the other's range (a building's numbers).
 * @param {Street} a
 * @param {Street} b
 * @returns {boolean}
 */
function houseNumbersAgree(a, b) {
    if (!a.number || !b.number) {
        return false;
    }
    if (a.number === b.number) {
        return true;
    }
    const [lowA, highA] = a.range ?? [Number(a.number), Number(a.number)];
    const [lowB, highB] = b.range ?? [Number(b.number), Number(b.number)];
    return lowA <= highB && lowB <= highA;
}

/**
 * A phone number as digits: a leading "+1"/"1" (North America) or "00"/"+" international prefix is removed as far
 * as it can be told apart, so "+1 (415) 555-1234", "1-415-555-1234" and "415/555 1234" agree. `local` is the last
 * seven digits (the number without its area code, which some sources omit); `hasAreaCode` says whether more than
 * that was given. Extensions ("x 12", "ext. 12") are ignored. Returns null when fewer than seven digits remain.
 * @param {unknown} phone
 * @returns {Phone | null}
 */
export function normalizePhone(phone) {
    const text = String(phone ?? '')
        .toLowerCase()
        .replace(/\s*(?:ext\.?|extension|x|#)\s*\d+\s*$/, '');
    let digits = text.replace(/\D/g, '');
    const international = /^\s*(\+|00)/.test(text);
    if (digits.startsWith('00')) {
        digits = digits.slice(2);
    }
    if (digits.length === 11 && digits.startsWith('1')) {
        digits = digits.slice(1);
    } else if (international && digits.length - countryCodeLength(digits) >= 7) {
        // "+49 30 901821" is "030 901821" at home: the country code goes, the trunk 0 is dropped below.
        digits = digits.slice(countryCodeLength(digits));
    }
    digits = digits.replace(/^0+/, '');
    if (digits.length < 7) {
        return null;
    }
    return { national: digits, local: digits.slice(-7), hasAreaCode: digits.length > 7 };
}

/** Two-digit country calling codes (ITU E.164); 1 and 7 have one digit and every other code three. */
const TWO_DIGIT_COUNTRY_CODES = new Set(
    '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
        ' '
    )
);

/**
 * How many leading digits of an international number are its country code (the codes are prefix-free).
 * @param {string} digits
 * @returns {number}
 */
function countryCodeLength(digits) {
    if (digits[0] === '1' || digits[0] === '7') {
        return 1;
    }
    return TWO_DIGIT_COUNTRY_CODES.has(digits.slice(0, 2)) ? 2 : 3;
}

/** Providers whose addresses say nothing about the sender's company. */
const FREE_MAIL = new Set([
    'gmail',
    'googlemail',
    'yahoo',
    'ymail',
    'rocketmail',
    'hotmail',
    'outlook',
    'live',
    'msn',
    'passport',
    'aol',
    'aim',
    'icloud',
    'me',
    'mac',
    'gmx',
    'web',
    'mail',
    'email',
    'inbox',
    'yandex',
    'protonmail',
    'proton',
    'pm',
    'tutanota',
    'zoho',
    'fastmail',
    'hushmail',
    'qq',
    '163',
    '126',
    'sina',
    'naver',
    'daum',
    'hanmail',
    'rediffmail',
    'orange',
    'wanadoo',
    'free',
    'laposte',
    'sfr',
    'libero',
    'virgilio',
    'tiscali',
    'btinternet',
    'sky',
    'virginmedia',
    'comcast',
    'verizon',
    'att',
    'sbcglobal',
    'bellsouth',
    'cox',
    'charter',
    'earthlink',
    'optonline',
    'juno',
    'bigpond',
    'optusnet',
    'shaw',
    'rogers',
    'sympatico',
    't-online',
    'freenet',
    'seznam',
    'wp',
    'o2',
    'interia',
    'terra',
    'uol',
    'bol'
]);

/** Second-level labels under which a country registers names (example.co.uk, example.com.au). */
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or', 'gv']);

/**
 * The registrable part of a host name: mail.eu.acme.co.uk → acme.co.uk, www.acme.com → acme.com.
 * @param {string} host lower case
 * @returns {string}
 */
function registrableDomain(host) {
    const labels = host.split('.').filter(Boolean);
    if (labels.length < 2) {
        return '';
    }
    const top = labels[labels.length - 1];
    const second = labels[labels.length - 2];
    const keep = top.length === 2 && SECOND_LEVEL.has(second) && labels.length >= 3 ? 3 : 2;
    return labels.slice(-keep).join('.');
}

/**
 * An email address for comparison: trimmed, lower case, "+tag" removed, Gmail dots removed and googlemail.com read
 * as gmail.com. Returns '' for anything that is not an address.
 * @param {unknown} email
 * @returns {string}
 */
export function normalizeEmail(email) {
    const text = String(email ?? '')
        .trim()
        .toLowerCase()
        .replace(/^mailto:/, '');
    const at = text.lastIndexOf('@');
    if (at < 1 || !/^[^\s@]+@[a-z0-9.-]+\.[a-z]{2,}$/.test(text)) {
        return '';
    }
    let local = text.slice(0, at).replace(/\+.*$/, '');
    let domain = text.slice(at + 1);
    if (domain === 'googlemail.com') {
        domain = 'gmail.com';
    }
    if (domain === 'gmail.com') {
        local = local.replace(/\./g, '');
    }
    return local ? `${local}@${domain}` : '';
}

/**
 * The registrable domain of an email address (jane@eu.acme.co.uk → acme.co.uk), or ''.
 * @param {unknown} email
 * @returns {string}
 */
export function emailDomain(email) {
    const normalized = normalizeEmail(email);
    return normalized ? registrableDomain(normalized.slice(normalized.lastIndexOf('@') + 1)) : '';
}

/**
 * Whether a domain belongs to a free-mail provider (gmail.com, yahoo.co.uk, outlook.fr …), so that it says
 * nothing about a company.
 * @param {string} domain
 * @returns {boolean}
 */
export function isFreeMailDomain(domain) {
    const registrable = registrableDomain(String(domain ?? '').toLowerCase());
    return registrable !== '' && FREE_MAIL.has(registrable.split('.')[0]);
}

/**
 * The registrable domain of a website (https://www.Acme.com/contact → acme.com), or '' for anything that is not a
 * host name ("No", "n/a").
 * @param {unknown} website
 * @returns {string}
 */
export function websiteDomain(website) {
    const host = String(website ?? '')
        .trim()
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/^[^@/]*@/, '')
        .split(/[/?#:]/)[0];
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host) || !/[a-z]{2,}$/.test(host)) {
        return '';
    }
    return registrableDomain(host);
}

/**
 * A postal code for comparison: letters and digits only, upper case; a US ZIP+4 keeps its five-digit ZIP.
 * @param {unknown} postal
 * @returns {string}
 */
export function postalKey(postal) {
    const key = String(postal ?? '')
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '');
    return /^\d{9}$/.test(key) ? key.slice(0, 5) : key;
}

// ---------------------------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------------------------

/**
 * Jaro similarity (0..1): shared characters within a window, penalised for transpositions.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function jaro(a, b) {
    if (a === b) {
        return 1;
    }
    const [short, long] = a.length > b.length ? [b, a] : [a, b];
    if (!short.length) {
        return 0;
    }
    const range = Math.max(Math.floor(long.length / 2) - 1, 0);
    const used = new Array(long.length).fill(false);
    /** @type {number[]} */
    const matchedAt = new Array(short.length).fill(-1);
    let matches = 0;
    for (let i = 0; i < short.length; i++) {
        const end = Math.min(i + range + 1, long.length);
        for (let j = Math.max(i - range, 0); j < end; j++) {
            if (!used[j] && short[i] === long[j]) {
                used[j] = true;
                matchedAt[i] = j;
                matches++;
                break;
            }
        }
    }
    if (!matches) {
        return 0;
    }
    let transpositions = 0;
    let j = 0;
    for (let i = 0; i < short.length; i++) {
        if (matchedAt[i] === -1) {
            continue;
        }
        while (!used[j]) {
            j++;
        }
        if (short[i] !== long[j]) {
            transpositions++;
        }
        j++;
    }
    const t = Math.floor(transpositions / 2);
    return (matches / a.length + matches / b.length + (matches - t) / matches) / 3;
}

/**
 * Jaro-Winkler similarity (0..1): Jaro boosted by a common prefix of up to four characters (scaling 0.1), applied
 * when Jaro is at least 0.7, as defined by Winkler and used by Salesforce's fuzzy first-name method.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function jaroWinkler(a, b) {
    if (a === b) {
        return 1;
    }
    const similarity = jaro(a, b);
    if (similarity < 0.7) {
        return similarity;
    }
    const limit = Math.min(a.length, b.length, 4);
    let prefix = 0;
    while (prefix < limit && a[prefix] === b[prefix]) {
        prefix++;
    }
    return similarity + prefix * 0.1 * (1 - similarity);
}

/**
 * American Soundex: first letter and three digits for the consonant sounds (Robert, Rupert → R163), accents
 * folded, H and W transparent, vowels separating equal codes.
 * @param {string} name
 * @returns {string}
 */
export function soundex(name) {
    const letters = foldText(name)
        .toUpperCase()
        .replace(/[^A-Z]/g, '');
    if (!letters) {
        return '';
    }
    const codes = 'AEIOUYWHBPFVCSKGJQXZDTLMNR';
    const digits = '000000DD111122222222334556';
    /** @param {string} letter */
    const code = (letter) => digits[codes.indexOf(letter)];
    let tail = '';
    for (let i = 1; i < letters.length; i++) {
        const digit = code(letters[i]);
        if (digit !== 'D') {
            tail += digit;
        }
    }
    if (tail[0] === code(letters[0])) {
        tail = tail.slice(1);
    }
    const squeezed = tail.replace(/(.)\1+/g, '$1').replace(/0/g, '');
    return (letters[0] + squeezed + '000').slice(0, 4);
}

/** Words left out of acronyms, as people leave them out: "Bank of America" → BOA. */
const ACRONYM_SKIP = new Set(['of', 'and', 'the', 'for', 'de', 'du', 'des', 'la', 'le', 'der', 'die', 'und', 'et']);

/**
 * The acronym of a name's words (International Business Machines → ibm), skipping "of", "and", "the" ….
 * @param {string[]} tokens normalised words
 * @returns {string}
 */
export function acronymOf(tokens) {
    return tokens
        .filter((token) => !ACRONYM_SKIP.has(token))
        .map((token) => token[0])
        .join('');
}

/**
 * Whether one name is the acronym of the other (AMD ↔ Advanced Micro Devices, IBM ↔ International Business
 * Machines Corp). Needs at least two letters, and the acronym written as one word.
 * @param {string[]} a normalised words
 * @param {string[]} b normalised words
 * @returns {boolean}
 */
export function isAcronymOf(a, b) {
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    if (short.length !== 1 || long.length < 2 || short[0].length < 2 || !/^[a-z]+$/.test(short[0])) {
        return false;
    }
    return acronymOf(long) === short[0] || long.map((token) => token[0]).join('') === short[0];
}

/** Two words agree when Jaro-Winkler reaches this; below it they count as different. */
const TOKEN_AGREEMENT = 0.88;

/**
 * Soft token similarity between two word lists: each word is paired with its best Jaro-Winkler match in the other
 * list (agreeing at 0.88 and above, which absorbs typos and plural/singular; an abbreviation of the other word,
 * "ctr" for "center", counts as 0.9), giving
 * - `similarity`: the symmetric share of matched words (soft Dice, 0..1), order-independent;
 * - `containment`: the share of the shorter list's words found in the longer one ("Cameron" in "Chicago Public
 *   Schools Cameron").
 * @param {string[]} a
 * @param {string[]} b
 * @returns {{ similarity: number, containment: number }}
 */
export function tokenSimilarity(a, b) {
    if (!a.length || !b.length) {
        return { similarity: 0, containment: 0 };
    }
    const best = (/** @type {string[]} */ from, /** @type {string[]} */ to) => {
        let total = 0;
        for (const word of from) {
            let top = 0;
            for (const other of to) {
                let similarity = word === other ? 1 : jaroWinkler(word, other);
                if (similarity < 0.9 && (isAbbreviationOf(word, other) || isAbbreviationOf(other, word))) {
                    similarity = 0.9;
                }
                if (similarity > top) {
                    top = similarity;
                }
            }
            // Numbers and initials must match exactly.
            if (top < 1 && (/\d/.test(word) || word.length < 3)) {
                top = 0;
            }
            total += top >= TOKEN_AGREEMENT ? top : 0;
        }
        return total;
    };
    const ab = best(a, b);
    const ba = best(b, a);
    const [shortSum, shortLength] = a.length <= b.length ? [ab, a.length] : [ba, b.length];
    return { similarity: (ab + ba) / (a.length + b.length), containment: shortSum / shortLength };
}

/**
 * Whether a short word abbreviates a long one the way names are shortened in listings: three or four letters, the
 * first the same, all of them in the long word's order ("ctr" for "center", "assn" for "association", "svc" for
 * "service", "amer" for "american"). A short word that is itself a word inside a long one ("art", "apartment") reads
 * as one too: rare between two names that agree elsewhere, and only a word's agreement.
 * @param {string} short
 * @param {string} long
 * @returns {boolean}
 */
function isAbbreviationOf(short, long) {
    if (short.length < 3 || short.length > 4 || long.length < 6 || short[0] !== long[0] || /\d/.test(short)) {
        return false;
    }
    let at = 0;
    for (const letter of long) {
        if (letter === short[at]) {
            at++;
        }
    }
    return at >= short.length;
}

/**
 * How alike two company names are (0..1), the best of: Jaro-Winkler on the whole normalised name, soft token
 * similarity, token containment (discounted, since a short name inside a long one is weaker evidence) and acronym.
 * Names that are not alike as a whole and share only words for the kind of place (Court, Room, Grill) score 0.
 * @param {Name} a from normalizeCompanyName
 * @param {Name} b from normalizeCompanyName
 * @returns {{ score: number, how: 'same' | 'similar' | 'contained' | 'acronym' | 'different',
 *   organisationOnly?: boolean }} organisationOnly: the names share their leading words (an organisation's name)
 *   and differ in the rest (the site's)
 */
export function companyNameSimilarity(a, b) {
    if (!a.text || !b.text) {
        return { score: 0, how: 'different' };
    }
    if (a.text === b.text || a.text.replace(/ /g, '') === b.text.replace(/ /g, '')) {
        return { score: 1, how: 'same' };
    }
    if (isAcronymOf(a.tokens, b.tokens)) {
        return { score: 0.9, how: 'acronym' };
    }
    const tokensA = joinWordsWrittenTogether(a.tokens, b.tokens);
    const tokensB = joinWordsWrittenTogether(b.tokens, a.tokens);
    const similarity = siteAwareSimilarity({ ...a, tokens: tokensA }, { ...b, tokens: tokensB });
    // "Palace Court" and "Empress Court", two restaurants of one hotel: a shared word that only says what kind of
    // place it is does not relate the names.
    if (similarity.score > 0 && similarity.score < 0.85 && sharesOnlyKindWords(tokensA, tokensB)) {
        return { score: 0, how: 'different' };
    }
    return similarity;
}

/**
 * Words that say what kind of place or business a name is, not which one (Court, Plaza, Café, Grill, Inn …).
 */
const KIND_WORDS = new Set([
    'court',
    'plaza',
    'place',
    'square',
    'garden',
    'gardens',
    'hall',
    'tower',
    'towers',
    'cafe',
    'restaurant',
    'grill',
    'grille',
    'bar',
    'bistro',
    'brasserie',
    'kitchen',
    'diner',
    'room',
    'lounge',
    'tavern',
    'pub',
    'inn',
    'hotel',
    'deli',
    'bakery',
    'pizzeria',
    'steakhouse',
    'trattoria',
    'ristorante',
    'cantina'
]);

/**
 * Whether the words two names share are all kind words: without those, nothing of one name is found in the other.
 * @param {string[]} a
 * @param {string[]} b
 * @returns {boolean}
 */
function sharesOnlyKindWords(a, b) {
    const ownA = a.filter((word) => !KIND_WORDS.has(word));
    const ownB = b.filter((word) => !KIND_WORDS.has(word));
    if (ownA.length === a.length && ownB.length === b.length) {
        return false;
    }
    return tokenSimilarity(ownA, ownB).containment === 0;
}

/**
 * Two neighbouring words the other name writes as one ("day care" for "daycare", "lake shore" for "lakeshore")
 * joined, so that the names compare word for word.
 * @param {string[]} tokens
 * @param {string[]} other the other name's words
 * @returns {string[]}
 */
function joinWordsWrittenTogether(tokens, other) {
    /** @type {string[]} */
    const joined = [];
    for (let i = 0; i < tokens.length; i++) {
        if (i + 1 < tokens.length && other.includes(tokens[i] + tokens[i + 1])) {
            joined.push(tokens[i] + tokens[i + 1]);
            i++;
        } else {
            joined.push(tokens[i]);
        }
    }
    return joined;
}

/**
 * @param {Name} a
 * @param {Name} b
 * @returns {{ score: number, how: 'similar' | 'contained' | 'different', organisationOnly?: boolean }}
 */
function siteAwareSimilarity(a, b) {
    // Sites listed under their organisation's name ("Erie Neighborhood House FCCH-Maria Mahecha Site" and "… FCCH-
    // Jesus Ramirez Site"): the shared leading words name the organisation, the rest the site. When the rest differs,
    // `organisationOnly` says the names may share no more than the organisation's words.
    const shared = sharedLeadingWords(a.tokens, b.tokens);
    if (shared >= 2) {
        const rest = tokenSimilarity(a.tokens.slice(shared), b.tokens.slice(shared));
        if (rest.similarity < 0.5) {
            return { ...wholeNameSimilarity(a, b), organisationOnly: true };
        }
    }
    return wholeNameSimilarity(a, b);
}

/**
 * @param {Name} a
 * @param {Name} b
 * @returns {{ score: number, how: 'similar' | 'contained' | 'different' }}
 */
function wholeNameSimilarity(a, b) {
    const tokens = tokenSimilarity(a.tokens, b.tokens);
    const whole = jaroWinkler(a.text, b.text);
    const similar = Math.max(tokens.similarity, whole >= 0.9 ? whole : 0);
    const shorter = Math.min(a.tokens.length, b.tokens.length);
    const contained = tokens.containment * (shorter >= 2 ? 0.9 : 0.8);
    if (similar >= contained) {
        return { score: similar, how: similar > 0 ? 'similar' : 'different' };
    }
    return { score: contained, how: 'contained' };
}

/**
 * How many leading words two names share exactly, when both go on with words of their own (0 otherwise).
 * @param {string[]} a
 * @param {string[]} b
 * @returns {number}
 */
function sharedLeadingWords(a, b) {
    let shared = 0;
    while (shared < a.length && shared < b.length && a[shared] === b[shared]) {
        shared++;
    }
    return shared < a.length && shared < b.length ? shared : 0;
}

/** The similarity from which a given name or surname counts as agreeing (an initial that starts the other, 0.8). */
const NAMES_AGREE = 0.78;

/**
 * How alike two personal names are (0..1) given first and last names, also compared transposed (George Michael ↔
 * Michael George), as Salesforce's contact rule does. A missing first name counts as unknown, not as different;
 * an initial agrees with a name it starts ("J" ↔ "Jonathan").
 * @param {string} firstA folded
 * @param {string} lastA folded
 * @param {string} firstB folded
 * @param {string} lastB folded
 * @returns {{ first: number, last: number, transposed: boolean }} first is -1 when either side has none
 */
export function personNameSimilarity(firstA, lastA, firstB, lastB) {
    const straight = { first: givenNameSimilarity(firstA, firstB), last: surnameSimilarity(lastA, lastB) };
    const swapped = { first: givenNameSimilarity(firstA, lastB), last: surnameSimilarity(lastA, firstB) };
    // Only names that agree count towards reading them swapped: two unrelated names that happen to share a few
    // letters ("emiily" ~ "geraghty", "geraghty" ~ "cooper") must not outweigh a surname that is the same.
    const agreeing = (/** @type {number} */ similarity) => (similarity >= NAMES_AGREE ? similarity : 0);
    const total = (/** @type {{ first: number, last: number }} */ pair) => agreeing(pair.first) + agreeing(pair.last);
    if (firstA && lastA && firstB && lastB && total(swapped) > total(straight) + 0.05) {
        return { ...swapped, transposed: true };
    }
    // A form with only one name filled may have put it in the other box.
    if (!firstA || !lastA) {
        const given = firstA || lastA;
        const asLast = surnameSimilarity(given, lastB);
        const asFirst = givenNameSimilarity(given, firstB);
        if (!lastA && asLast >= asFirst) {
            return { first: -1, last: asLast, transposed: true };
        }
        if (!firstA && asFirst > asLast) {
            return { first: asFirst, last: -1, transposed: true };
        }
    }
    return { ...straight, transposed: false };
}

/** Common English given names and their short forms, each group one person's name (Bob ~ Robert). */
const NAME_VARIANTS = [
    'robert bob rob bobby robbie bert',
    'william bill will billy willie liam',
    'richard rick dick rich ricky',
    'james jim jimmy jamie',
    'john jack johnny jon',
    'jonathan jon jonny',
    'joseph joe joey',
    'michael mike mick mikey',
    'thomas tom tommy',
    'charles charlie chuck chas',
    'edward ed eddie ted ned',
    'anthony tony',
    'christopher chris kit',
    'daniel dan danny',
    'david dave davy',
    'matthew matt',
    'nicholas nick nicky',
    'patrick pat paddy',
    'peter pete',
    'samuel sam sammy',
    'stephen steve stevie',
    'steven steve stevie',
    'benjamin ben benny',
    'alexander alex alec sandy',
    'andrew andy drew',
    'gregory greg',
    'timothy tim timmy',
    'kenneth ken kenny',
    'lawrence larry',
    'ronald ron ronnie',
    'donald don donnie',
    'elizabeth liz beth betty eliza lisa libby',
    'margaret maggie meg peggy marge',
    'katherine kate kathy katie kat',
    'catherine kate cathy katie cat',
    'jennifer jen jenny',
    'patricia pat patty tricia trish',
    'susan sue susie',
    'deborah deb debbie',
    'rebecca becky becca',
    'victoria vicky tori',
    'alexandra alex sandra sasha',
    'christine chris chrissy tina',
    'barbara barb babs',
    'dorothy dot dottie',
    'jessica jess jessie',
    'abigail abby',
    'samantha sam sammy',
    'pamela pam',
    'kimberly kim'
].map((group) => group.split(' '));

/** @type {Map<string, Set<number>>} name → the groups it belongs to */
const NAME_GROUPS = new Map();
NAME_VARIANTS.forEach((group, index) => {
    for (const name of group) {
        const groups = NAME_GROUPS.get(name) ?? new Set();
        groups.add(index);
        NAME_GROUPS.set(name, groups);
    }
});

/**
 * Whether two given names are variants of one name (Bob ~ Robert, Kate ~ Katherine).
 * @param {string} a folded
 * @param {string} b folded
 * @returns {boolean}
 */
export function isNameVariant(a, b) {
    const groups = NAME_GROUPS.get(a);
    const other = NAME_GROUPS.get(b);
    return Boolean(groups && other && [...groups].some((group) => other.has(group)));
}

/**
 * @param {string} a
 * @param {string} b
 * @returns {number} -1 when either is missing
 */
function givenNameSimilarity(a, b) {
    if (!a || !b) {
        return -1;
    }
    if (a === b) {
        return 1;
    }
    const [short, long] = a.length <= b.length ? [a, b] : [b, a];
    if (short.length === 1) {
        return long.startsWith(short) ? 0.8 : 0;
    }
    if (isNameVariant(a, b)) {
        return 0.9;
    }
    if (isShortNameSlip(short, long)) {
        return 0.9;
    }
    // "elk i" for "elki": compare without spaces as well.
    return soundsAlike(a, b, Math.max(jaroWinkler(a, b), jaroWinkler(a.replace(/ /g, ''), b.replace(/ /g, ''))));
}

/**
 * A typing slip in a short given name, which Jaro-Winkler and the edit allowance of longer names miss: two
 * neighbouring letters swapped ("sma" for "sam", "ain" for "ian") or one letter left out after the first ("gs" for
 * "gus"). A mistyped letter is not one: in a name of two or three letters it makes another name ("jim", "tim").
 * @param {string} short the shorter name, folded
 * @param {string} long the other
 * @returns {boolean}
 */
function isShortNameSlip(short, long) {
    if (short.length < 2 || long.length > 4) {
        return false;
    }
    if (short.length === long.length) {
        const differ = [...short].flatMap((letter, i) => (letter === long[i] ? [] : [i]));
        return differ.length === 2 && differ[1] === differ[0] + 1 && short[differ[0]] === long[differ[1]];
    }
    return (
        long.length === short.length + 1 &&
        short[0] === long[0] &&
        [...long].some((_, i) => long.slice(0, i) + long.slice(i + 1) === short)
    );
}

/**
 * @param {string} a
 * @param {string} b
 * @returns {number} -1 when either is missing
 */
function surnameSimilarity(a, b) {
    if (!a || !b) {
        return -1;
    }
    if (a === b) {
        return 1;
    }
    return soundsAlike(a, b, Math.max(jaroWinkler(a, b), jaroWinkler(a.replace(/ /g, ''), b.replace(/ /g, ''))));
}

/**
 * Raises the similarity of names that sound alike (Smith ↔ Smyth, Reid ↔ Read) to 0.9, when they are also spelt
 * alike enough: Soundex alone puts John, Jane and Jim together.
 * @param {string} a
 * @param {string} b
 * @param {number} similarity Jaro-Winkler of the two
 * @returns {number}
 */
function soundsAlike(a, b, similarity) {
    if (similarity >= 0.8 && soundex(a) === soundex(b)) {
        return Math.max(similarity, 0.9);
    }
    return isTypingSlip(a, b) ? Math.max(similarity, 0.9) : similarity;
}

/**
 * Typing slips: one edit in a word of four letters or more, two in one of seven or more (a letter missed, doubled,
 * swapped with its neighbour or mistyped), spaces ignored ("surfersparadise", "cooro y").
 * @param {string} a
 * @param {string} b
 * @returns {boolean}
 */
function isTypingSlip(a, b) {
    const [x, y] = [a.replace(/ /g, ''), b.replace(/ /g, '')];
    const shorter = Math.min(x.length, y.length);
    const allowed = shorter >= 7 ? 2 : shorter >= 4 ? 1 : 0;
    return allowed > 0 && editDistance(x, y, allowed) <= allowed;
}

/**
 * Optimal string alignment distance (Damerau-Levenshtein without repeated edits of one substring): insertions,
 * deletions, substitutions and swaps of neighbours, each one edit. Stops early once every path exceeds `limit`
 * (then returns limit + 1).
 * @param {string} a
 * @param {string} b
 * @param {number} [limit]
 * @returns {number}
 */
export function editDistance(a, b, limit = Infinity) {
    if (Math.abs(a.length - b.length) > limit) {
        return limit + 1;
    }
    /** @type {number[][]} */
    const rows = [Array.from({ length: b.length + 1 }, (_, j) => j)];
    for (let i = 1; i <= a.length; i++) {
        const row = [i];
        let smallest = i;
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let value = Math.min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                value = Math.min(value, rows[i - 2][j - 2] + 1);
            }
            row.push(value);
            smallest = Math.min(smallest, value);
        }
        if (smallest > limit) {
            return limit + 1;
        }
        rows.push(row);
    }
    return rows[a.length][b.length];
}

/**
 * Compares two phone numbers: 'same' when the numbers agree with their area codes, 'local' when the seven-digit
 * local numbers agree and one side has no area code, 'area' when only the area code differs, 'block' when the
 * numbers differ only in their last two digits (an organisation's lines: 579-1791 and 579-1793), 'different',
 * or 'unknown' when either is missing.
 * @param {Phone[]} a
 * @param {Phone[]} b
 * @returns {'same' | 'local' | 'area' | 'block' | 'different' | 'unknown'}
 */
export function comparePhones(a, b) {
    if (!a.length || !b.length) {
        return 'unknown';
    }
    /** @type {'local' | 'area' | 'block' | 'different'} */
    let best = 'different';
    for (const x of a) {
        for (const y of b) {
            if (x.local !== y.local) {
                if (best === 'different' && isSameBlock(x, y)) {
                    best = 'block';
                }
                continue;
            }
            if (!x.hasAreaCode || !y.hasAreaCode) {
                best = 'local';
            } else if (x.national.slice(-10) === y.national.slice(-10)) {
                return 'same';
            } else if (best !== 'local') {
                best = 'area';
            }
        }
    }
    return best;
}

/**
 * Whether two numbers are lines of one block: the same area code where both give one, and local numbers that differ
 * only in their last two digits (organisations take consecutive numbers for their lines and extensions).
 * @param {Phone} x
 * @param {Phone} y
 * @returns {boolean}
 */
function isSameBlock(x, y) {
    const areas = x.hasAreaCode && y.hasAreaCode ? x.national.slice(-10, -7) === y.national.slice(-10, -7) : true;
    return areas && x.local.slice(0, 5) === y.local.slice(0, 5);
}

/**
 * Compares two street addresses: 'same' when the house numbers are equal and the street names agree, 'street' when
 * the street agrees but a number is missing or differs, 'number' when only the number is equal, 'different',
 * or 'unknown' when either is missing.
 * @param {Street | null} a
 * @param {Street | null} b
 * @returns {{ result: 'same' | 'street' | 'number' | 'different' | 'unknown', numberDiffers: boolean,
 *   inRange?: boolean }} inRange: the same address because one number lies in the other's range of numbers
 */
export function compareStreets(a, b) {
    if (!a || !b || (!a.words.length && !a.number) || (!b.words.length && !b.number)) {
        return { result: 'unknown', numberDiffers: false };
    }
    const numbersAgree = houseNumbersAgree(a, b);
    const sameNumber = numbersAgree || Boolean(a.number && b.number && nearlyEqual(a.number, b.number));
    const numberDiffers = Boolean(a.number && b.number && !numbersAgree);
    if (!a.words.length || !b.words.length) {
        // Only a house number on one side ("16" against "16 Taylor Place"): it can agree, but not contradict.
        return { result: numbersAgree ? 'number' : 'unknown', numberDiffers: false };
    }
    const names = streetNameSimilarity(a.words, b.words);
    if (names >= 0.85) {
        if (numbersAgree) {
            return { result: 'same', numberDiffers, inRange: a.number !== b.number };
        }
        // A slip in the number (54 ↔ 45) still says the same street, without the weight of a whole address.
        return { result: 'street', numberDiffers: numberDiffers && !sameNumber };
    }
    if (numbersAgree && names >= 0.5) {
        return { result: 'number', numberDiffers };
    }
    return { result: 'different', numberDiffers };
}

/**
 * Similarity of street names, judged on the street's own name words (Monticello, Peachtree); type and direction
 * words (St, Ave, N) count only when there is nothing else.
 * @param {string[]} a
 * @param {string[]} b
 * @returns {number}
 */
function streetNameSimilarity(a, b) {
    const coreA = a.filter((word) => !STREET_TYPES.has(word));
    const coreB = b.filter((word) => !STREET_TYPES.has(word));
    if (!coreA.length || !coreB.length) {
        return tokenSimilarity(a, b).similarity;
    }
    const tokens = tokenSimilarity(coreA, coreB);
    // Numbered streets are different streets when their numbers differ (W 53rd ↔ W 63rd), however alike the text.
    const numbered = (/** @type {string[]} */ list) =>
        list
            .filter((word) => /\d/.test(word))
            .map((word) => word.replace(/\D/g, ''))
            .join(' ');
    const numberedA = numbered(coreA);
    const numberedB = numbered(coreB);
    const whole = numberedA === numberedB ? jaroWinkler(coreA.join(''), coreB.join('')) : 0;
    // A street written with extra words (a shopping centre's name) still agrees on its first name word.
    const first = coreA[0] === coreB[0] || jaroWinkler(coreA[0], coreB[0]) >= 0.92 ? 0.9 : 0;
    return Math.max(tokens.similarity, tokens.containment * 0.95, whole, first);
}

/**
 * Whether two codes of the same length differ by one character or by two neighbours swapped: the typing slips
 * of postal codes and house numbers (3090 ↔ 3009, 4061 ↔ 4016).
 * @param {string} a
 * @param {string} b
 * @returns {boolean}
 */
export function nearlyEqual(a, b) {
    if (a.length !== b.length) {
        return false;
    }
    /** @type {number[]} */
    const differences = [];
    for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
            differences.push(i);
        }
    }
    if (differences.length <= 1) {
        return true;
    }
    const [i, j] = differences;
    return differences.length === 2 && j === i + 1 && a[i] === b[j] && a[j] === b[i];
}

// ---------------------------------------------------------------------------------------------------------------
// Preparing records and match keys
// ---------------------------------------------------------------------------------------------------------------

/**
 * @param {unknown[]} values
 * @returns {Phone[]}
 */
function phones(values) {
    /** @type {Phone[]} */
    const result = [];
    for (const value of values) {
        const phone = normalizePhone(value);
        if (phone && !result.some((known) => known.national === phone.national)) {
            result.push(phone);
        }
    }
    return result;
}

/**
 * A submission normalised once for scoring against many records.
 * @param {Submission} submission
 * @returns {Prepared}
 */
export function prepareSubmission(submission) {
    const email = normalizeEmail(submission.Email);
    const domain = email ? emailDomain(email) : '';
    const typed = typedIdentifier(submission);
    /** @type {Prepared} */
    const prepared = {
        type: 'Contact',
        id: '',
        accountId: '',
        company: typed ? { text: '', tokens: [] } : normalizeCompanyName(submission.Company),
        first: typed ? '' : foldText(submission.FirstName),
        last: typed ? '' : foldText(submission.LastName),
        email,
        emailDomain: domain,
        domains: domain && !isFreeMailDomain(domain) ? [domain] : [],
        phones: phones([submission.Phone]),
        street: normalizeStreet(submission.Street),
        city: foldText(submission.City),
        postal: postalKey(submission.PostalCode),
        phoneFragment: typed?.phoneFragment ?? '',
        host: typed?.host ?? ''
    };
    const kinds = [
        prepared.company.text || prepared.first || prepared.last,
        prepared.email,
        prepared.phones.length || prepared.phoneFragment,
        prepared.host,
        prepared.street || prepared.city || prepared.postal
    ].filter(Boolean).length;
    prepared.searchLike = kinds === 1;
    prepared.eitherName =
        Boolean(prepared.company.text) &&
        foldText(`${submission.FirstName ?? ''} ${submission.LastName ?? ''}`) === foldText(submission.Company);
    return prepared;
}

/** The fewest digits of a phone number's end a search looks for ("901821"); fewer find too much. */
export const PHONE_FRAGMENT_DIGITS = 5;

/**
 * What a search box's text is when it is not a name: the end of a phone number ("901821", five or six digits: seven
 * and more are a number) or a domain ("brightgate.example.com"). A search puts its text in the name and company
 * fields (c/candidateSearch's submissionOfSearch), so a submission whose only text is such a value is read as it.
 * @param {Submission} submission
 * @returns {{ phoneFragment?: string, host?: string } | null} host: the typed domain as written, lower case
 */
export function typedIdentifier(submission) {
    const text = String(submission.Company ?? submission.LastName ?? '').trim();
    if (!text || submission.Email || submission.Phone || submission.Street || submission.City) {
        return null;
    }
    const digits = text.replace(/[\s().\-/]/g, '');
    if (/^\d+$/.test(digits) && digits.length >= PHONE_FRAGMENT_DIGITS && digits.length < 7) {
        return { phoneFragment: digits };
    }
    const domain = /^[^\s@]+\.[a-z]{2,}$/i.test(text) ? websiteDomain(text) : '';
    if (!domain || isFreeMailDomain(domain)) {
        return null;
    }
    const host = text
        .toLowerCase()
        .replace(/^[a-z][a-z0-9+.-]*:\/\//, '')
        .replace(/^www\./, '')
        .split(/[/?#:]/)[0];
    return { host };
}

/**
 * An Account normalised once; `contactEmails` adds the company domains its contacts write from.
 * @param {AccountRecord} account
 * @param {string[]} [contactEmails]
 * @returns {Prepared}
 */
export function prepareAccount(account, contactEmails = []) {
    const domains = new Set();
    const website = websiteDomain(account.Website);
    if (website && !isFreeMailDomain(website)) {
        domains.add(website);
    }
    for (const email of contactEmails) {
        const domain = emailDomain(email);
        if (domain && !isFreeMailDomain(domain)) {
            domains.add(domain);
        }
    }
    return {
        type: 'Account',
        id: account.Id,
        accountId: account.Id,
        company: normalizeCompanyName(account.Name),
        first: '',
        last: '',
        email: '',
        emailDomain: '',
        domains: [...domains],
        phones: phones([account.Phone]),
        street: normalizeStreet(account.BillingStreet),
        city: foldText(account.BillingCity),
        postal: postalKey(account.BillingPostalCode)
    };
}

/**
 * A Contact normalised once, with what its Account adds (the company name, website domain and phone).
 * @param {ContactRecord} contact
 * @param {AccountRecord | null} [account]
 * @returns {Prepared}
 */
export function prepareContact(contact, account = null) {
    const email = normalizeEmail(contact.Email);
    const domain = email ? emailDomain(email) : '';
    const domains = new Set();
    if (domain && !isFreeMailDomain(domain)) {
        domains.add(domain);
    }
    const website = account ? websiteDomain(account.Website) : '';
    if (website && !isFreeMailDomain(website)) {
        domains.add(website);
    }
    return {
        type: 'Contact',
        id: contact.Id,
        accountId: contact.AccountId ?? '',
        company: normalizeCompanyName(account?.Name),
        first: foldText(contact.FirstName),
        last: foldText(contact.LastName),
        email,
        emailDomain: domain,
        domains: [...domains],
        phones: phones([contact.Phone, account?.Phone]),
        street: normalizeStreet(contact.MailingStreet),
        city: foldText(contact.MailingCity),
        postal: postalKey(contact.MailingPostalCode)
    };
}

/** Company-name words too common to find anything by (kept for scoring, never used as a key). */
const KEY_STOP_WORDS = new Set(['of', 'de', 'la', 'le', 'des', 'du', 'der', 'die', 'das', 'for', 'in', 'at', 'on']);

/**
 * The keys under which a prepared record is found, each selective on its own and computable by a retrieval layer
 * from stored fields (e.g. match-key fields filled on write):
 * - `e:<normalised email>`, `d:<company domain>`, `p:<last seven phone digits>`;
 * - `n:<company name word>` for each word of three or more characters, and `a:<acronym>` for multi-word names;
 * - `l:<soundex of a surname or given name>` (both, so transposed names are found), `f:<given name>`;
 * - `s:<house number> <soundex of the first street word>`, `z:<postal code>`;
 * - `c:<city>|<first three letters of a surname or given name>`, which still finds a person when a slip changed the
 *   name's Soundex ("Webxb" for "Webb") and the postcode or street has one too.
 * @param {Prepared} record
 * @returns {string[]}
 */
export function matchKeys(record) {
    const keys = new Set();
    if (record.email) {
        keys.add(`e:${record.email}`);
    }
    for (const domain of record.domains) {
        keys.add(`d:${domain}`);
    }
    for (const phone of record.phones) {
        keys.add(`p:${phone.local}`);
    }
    for (const token of record.company.tokens) {
        if (token.length >= 3 && !KEY_STOP_WORDS.has(token)) {
            keys.add(`n:${token}`);
        }
    }
    if (record.company.tokens.length >= 2) {
        keys.add(`a:${acronymOf(record.company.tokens)}`);
    } else if (record.company.tokens.length === 1 && record.company.tokens[0].length <= 6) {
        keys.add(`a:${record.company.tokens[0]}`);
    }
    for (const name of [record.first, record.last]) {
        if (name.length >= 2) {
            keys.add(`l:${soundex(name)}`);
        }
    }
    if (record.first && record.last) {
        keys.add(`f:${record.first.slice(0, 1)}${soundex(record.last)}`);
    }
    if (record.city) {
        for (const name of [record.first, record.last]) {
            if (name.length >= 3) {
                keys.add(`c:${record.city}|${name.slice(0, 3)}`);
            }
        }
    }
    if (record.street && record.street.words.length) {
        const word = record.street.words.find((candidate) => !STREET_TYPES.has(candidate)) ?? record.street.words[0];
        keys.add(`s:${record.street.number} ${soundex(word) || word}`);
        if (record.street.range) {
            keys.add(`s:${record.street.range[1]} ${soundex(word) || word}`);
        }
    }
    if (record.postal) {
        keys.add(`z:${record.postal}`);
    }
    return [...keys];
}

// ---------------------------------------------------------------------------------------------------------------
// Scoring
// ---------------------------------------------------------------------------------------------------------------

/**
 * Log-odds that a submission and a record are the same customer start here: with no evidence at all, a given
 * record is very unlikely to be the one.
 */
const PRIOR = -6;
/**
 * …except when one thing alone was given (a name, a number or a domain typed in the search box): the records
 * retrieved are those that carry it, and the question is which of them it names, so that agreement alone makes a
 * likely answer. Such a submission never links (a link needs a name and an identifier).
 */
const SEARCH_PRIOR = -2;
/** What a whole name that agrees (slips included) adds when the address or locality agrees as well. */
const FULL_NAME_AT_ADDRESS = 2;
/**
 * What takes back part of a different street address's weight for a person whose whole name agrees in the same city
 * and postcode: people move within a town far more often than two people of one name live in one postcode.
 */
const MOVED_WITHIN_LOCALITY = 1;
/** What another line of an organisation's block of numbers (the same number but the last two digits) adds. */
const PHONE_BLOCK = 1.5;

/**
 * Scores one record against a submission: field agreements and disagreements add log-odds (Fellegi-Sunter style,
 * weights set by how much each kind of agreement says), the sum becomes a probability-like score in 0..1, and each
 * piece of evidence that counted is given as a reason. `identifiers` counts the independent identifiers beyond a
 * name that agree (email, company domain, phone, street address, or for a person the postcode with the city);
 * `nameAgrees` says the names are alike (for a person, also the same given name at the same full address under
 * another surname), `nameRelated` that they share at least a word (a site listed under its agency's name);
 * `conflict` says that both sides give a street address and the addresses differ, which rules a link out.
 * @param {Prepared} submission from prepareSubmission
 * @param {Prepared} record from prepareAccount or prepareContact
 * @param {LearnedWeights | null} [weights] learned weights (`estimateWeights`) to use instead of the hand-set ones
 * `evidence` names the identifiers that agree ('email', 'domain', 'phone', 'address', 'locality'), so that the
 * decision can tell whether another record shares them; `sameName` says the names are the same (not only alike).
 * @returns {{ score: number, logOdds: number, reasons: string[], identifiers: number, nameAgrees: boolean,
 *   nameRelated: boolean, conflict: boolean, evidence: string[], sameName: boolean, levels: Record<string, string> }} score is the logistic of
 *   logOdds, to three decimals
 */
export function scoreCandidate(submission, record, weights = null) {
    let logOdds = submission.searchLike ? SEARCH_PRIOR : PRIOR;
    /** @type {string[]} */
    const reasons = [];
    let identifiers = 0;
    let nameAgrees = false;
    let nameRelated = false;
    let conflict = false;
    let givenNameAgrees = false;
    let sameName = false;
    let fullNameAgrees = false;
    let companyShares = false;
    /** @type {string[]} */
    const evidence = [];
    /**
     * @param {number} weight
     * @param {string} [reason]
     */
    const add = (weight, reason) => {
        logOdds += weight;
        if (reason) {
            reasons.push(reason);
        }
    };
    /** @type {Record<string, string>} */
    const levels = {};
    /**
     * One comparison's level: its learned weight when `weights` has one, else the hand-set one.
     * @param {string} comparison
     * @param {string} name
     * @param {number} handWeight
     * @param {string} [reason]
     */
    const level = (comparison, name, handWeight, reason) => {
        levels[comparison] = name;
        add(weights?.levels[comparison]?.[name] ?? handWeight, reason);
    };
    const companyKey = record.type === 'Account' ? 'company' : 'accountName';
    const street = compareStreets(submission.street, record.street);

    // Email: an exact address is nearly conclusive for a contact; a company domain ties a person to an account.
    if (submission.email && record.email && submission.email === record.email) {
        level('email', 'same', 9, 'email matches');
        identifiers++;
        evidence.push('email');
    } else if (submission.domains.length && record.domains.some((domain) => submission.domains.includes(domain))) {
        level('email', 'domain', record.type === 'Account' ? 4 : 2.5, 'same email domain');
        if (record.type === 'Account') {
            identifiers++;
            evidence.push('domain');
        }
    }

    // What a search typed instead of a name: a domain, or the last digits of a phone number.
    if (submission.host) {
        const host = submission.host;
        const emailHost = record.email.slice(record.email.indexOf('@') + 1);
        const under = (/** @type {string} */ name) => name === host || name.endsWith(`.${host}`);
        if ((emailHost && under(emailHost)) || record.domains.some((domain) => domain === host)) {
            add(8, record.type === 'Account' ? 'website domain matches' : 'email domain matches');
            identifiers++;
            evidence.push('domain');
        }
    }
    if (submission.phoneFragment) {
        const fragment = submission.phoneFragment;
        if (record.phones.some((phone) => phone.national.endsWith(fragment))) {
            add(7, 'phone ends with the digits searched');
            identifiers++;
        }
    }

    // Person names, for contacts.
    const personal = record.type === 'Contact' && (record.first || record.last);
    if (personal && (submission.first || submission.last)) {
        const names = personNameSimilarity(submission.first, submission.last, record.first, record.last);
        const last = names.last;
        const first = names.first;
        if (last >= 0.97) {
            level('last', 'same', 4, 'same last name');
        } else if (last >= 0.9) {
            level('last', 'similar', 2.5, 'similar last name');
        } else if (last >= 0.8) {
            level('last', 'close', 0.5);
        } else if (last >= 0) {
            // People change surnames (marriage) far more often than given names.
            level('last', 'different', first >= 0.97 ? -1 : -2.5);
        }
        if (first >= 0.97) {
            level('first', 'same', 2.5, 'same first name');
        } else if (first >= 0.88) {
            level('first', 'similar', 1.5, 'similar first name');
        } else if (first >= 0.78) {
            level('first', 'initial', 0.5, first === 0.8 ? 'first initial matches' : undefined);
        } else if (first >= 0) {
            level('first', 'different', -2.5);
        }
        if (first >= 0.88 && last >= 0.9) {
            add(1);
            fullNameAgrees = true;
        }
        if (names.transposed && reasons.length) {
            reasons.push('first and last names swapped');
        }
        // Both names must agree where both are known; a single known name must agree closely.
        if (first >= 0 && last >= 0) {
            nameAgrees = last >= 0.9 && first >= 0.78;
        } else {
            nameAgrees = last >= 0.9 || first >= 0.97;
        }
        // Another first name at the same address is another member of the household: never linked without asking.
        nameRelated = nameAgrees;
        givenNameAgrees = first >= 0.88;
        sameName = last >= 0.97 && first >= 0.97;
    }

    // Company name, for accounts and for a contact's account; a typed name that was compared as the person's name is
    // not held against the contact's company as well.
    if (submission.company.text && record.company.text && !(submission.eitherName && personal)) {
        const compared = companyNameSimilarity(submission.company, record.company);
        // Two sites of one organisation share its words; at another address that is all they share.
        const company =
            compared.organisationOnly && street.result !== 'same'
                ? { score: Math.min(compared.score, 0.5), how: compared.how }
                : compared;
        const weight = record.type === 'Account' ? 1 : 0.5;
        if (company.how === 'same') {
            level(companyKey, 'same', 5 * weight, 'same company name');
        } else if (company.how === 'acronym') {
            level(companyKey, 'acronym', 3.5 * weight, 'company name is an acronym of the other');
        } else if (company.score >= 0.85) {
            level(
                companyKey,
                'similar',
                4 * weight,
                company.how === 'contained' ? 'company name contains the other' : 'similar company name'
            );
        } else if (company.score >= 0.7) {
            level(
                companyKey,
                'alike',
                2.5 * weight,
                company.how === 'contained' ? 'company name contains the other' : 'similar company name'
            );
        } else if (company.score >= 0.5) {
            level(companyKey, 'shares', 1 * weight, 'company names share words');
        } else {
            // Sites are often listed under an agency's name, so a different name weighs less than a different
            // address.
            level(companyKey, 'different', -2 * weight);
        }
        companyShares = company.score >= 0.5;
        if (record.type === 'Account') {
            nameAgrees = company.score >= 0.5;
            nameRelated = company.score >= 0.2;
            sameName = company.how === 'same';
        }
    }

    // Phone. An organisation's number at another of its addresses is its switchboard or its agency's (one number
    // for many sites): it says the organisation, not the site, so it weighs less than a number at the same address.
    const phone = comparePhones(submission.phones, record.phones);
    const elsewhere = record.type === 'Account' && street.result === 'different';
    if (phone === 'same' || phone === 'local') {
        if (elsewhere) {
            level('phone', 'elsewhere', 3.5, 'phone matches, at another address');
        } else {
            level(
                'phone',
                phone,
                phone === 'same' ? 5.5 : 4.5,
                phone === 'same' ? 'phone matches' : 'phone matches without area code'
            );
        }
        identifiers++;
        evidence.push('phone');
    } else if (phone === 'area') {
        level('phone', 'area', 1, 'same local phone number, different area code');
    } else if (phone === 'block' && record.type === 'Account' && street.result === 'same' && companyShares) {
        // Another line of the same block at the same address under a name that shares words says the organisation,
        // a little (businesses in one hotel or office block share its block of numbers under unrelated names); for a
        // person or elsewhere it is another number.
        level('phone', 'block', PHONE_BLOCK, 'phone number of the same block of lines');
    } else if (phone === 'different' || phone === 'block') {
        // Organisations answer on several numbers, so a different one says little.
        level('phone', 'different', -1);
    }

    // Street address, city and postal code.
    if (street.result === 'same') {
        // A range of numbers is a building or a block: a little less specific than the number itself.
        level(
            'street',
            street.inRange ? 'range' : 'same',
            street.inRange ? 5 : 5.5,
            street.inRange ? 'street address within the range of numbers' : 'same street address'
        );
        identifiers++;
        evidence.push('address');
    } else if (street.result === 'street') {
        level(
            'street',
            street.numberDiffers ? 'street-other-number' : 'street',
            street.numberDiffers ? 1 : 2,
            'same street'
        );
    } else if (street.result === 'number') {
        level('street', 'number', 1);
    } else if (street.result === 'different') {
        // An organisation at another address is another site; a person at another address may have moved.
        level('street', 'different', record.type === 'Account' ? -2.5 : -1.5);
        conflict = record.type === 'Account';
    }
    const cityAgrees =
        submission.city && record.city
            ? submission.city === record.city ||
              jaroWinkler(submission.city, record.city) >= 0.9 ||
              isTypingSlip(submission.city, record.city) ||
              submission.city.replace(/ /g, '').startsWith(record.city.replace(/ /g, '')) ||
              record.city.replace(/ /g, '').startsWith(submission.city.replace(/ /g, ''))
            : null;
    if (cityAgrees === true) {
        level('city', 'same', 0.5, 'same city');
    } else if (cityAgrees === false) {
        level('city', 'different', -1.5);
    }
    let postalAgrees = false;
    if (submission.postal && record.postal) {
        if (submission.postal === record.postal) {
            level('postal', 'same', 2, 'same postal code');
            postalAgrees = true;
        } else if (nearlyEqual(submission.postal, record.postal)) {
            level('postal', 'slip', 1, 'postal code differs by a slip');
            postalAgrees = true;
        } else {
            level('postal', 'different', -1.5);
        }
    }
    // For a person, the locality (two of street name, city and postal code) identifies where a full name lives.
    const streetAgrees = street.result === 'street' || street.result === 'number';
    if (
        record.type === 'Contact' &&
        street.result !== 'same' &&
        ((cityAgrees === true && (streetAgrees || postalAgrees)) || (postalAgrees && streetAgrees))
    ) {
        identifiers++;
        evidence.push('locality');
    }

    // Both names alike (typing slips included) where the person lives: the name and the place are not independent
    // pieces of evidence that happen to agree, but one person, so the pair weighs more than its parts.
    if (fullNameAgrees && (street.result === 'same' || evidence.includes('locality'))) {
        add(FULL_NAME_AT_ADDRESS);
    }
    // …and at another street address in the same city and postcode, the person has most likely moved within it.
    if (fullNameAgrees && street.result === 'different' && cityAgrees === true && postalAgrees) {
        add(MOVED_WITHIN_LOCALITY);
    }

    // The same given name at the same full address under another surname is the same person renamed.
    if (givenNameAgrees && street.result === 'same' && (cityAgrees === true || postalAgrees)) {
        nameAgrees = true;
    }

    const score = 1 / (1 + Math.exp(-logOdds));
    return {
        score: Math.round(score * 1000) / 1000,
        logOdds,
        reasons,
        identifiers,
        nameAgrees,
        nameRelated,
        conflict,
        evidence,
        sameName,
        levels
    };
}

/**
 * A link needs at least this score, and an agreeing name with one identifier (email, domain, phone, address) or a
 * related name (a shared word) with two: a name alone never links, nor do identifiers under an unrelated name (two
 * restaurants in one hotel share its address and switchboard).
 */
export const LINK_THRESHOLD = 0.9;
/** …and this lead over the next candidate, so two close records go to an agent instead. */
export const LINK_MARGIN = 0.15;
/** …or this lead in log-odds (the best one at least e^6 ≈ 400 times likelier than the next). */
export const LINK_LOG_ODDS_LEAD = 6;
/** Below this the best candidate is not plausible: offer a new prospect. */
export const SUGGEST_THRESHOLD = 0.2;
/** Candidates under this score are not shown at all (a shared postcode or word alone says less than this). */
export const CANDIDATE_FLOOR = 0.005;

/**
 * Whether two candidates are one answer rather than rivals: the same record, or a Contact and its own Account
 * (linking the contact links its account; the account's people are the account's).
 * @param {Prepared} a
 * @param {Prepared} b
 * @returns {boolean}
 */
export function isSameAnswer(a, b) {
    if (a.id === b.id) {
        return true;
    }
    if (a.type === b.type) {
        return false;
    }
    const [contact, account] = a.type === 'Contact' ? [a, b] : [b, a];
    return Boolean(contact.accountId) && contact.accountId === account.id;
}

/** The identifiers whose agreement decides a link, as a reason names them. */
const DECISIVE_EVIDENCE = /** @type {Readonly<Record<string, string>>} */ (
    Object.freeze({ email: 'email', address: 'address', phone: 'phone' })
);

/** @param {number} count */
const countWord = (count) => ['', 'one', 'two', 'three', 'four', 'five'][count] ?? String(count);

/**
 * @typedef {Prepared & {}} PreparedRecord
 * @typedef {{ record: Prepared, score: number, logOdds: number, reasons: string[], identifiers: number,
 *   nameAgrees: boolean,
 *   nameRelated: boolean, conflict: boolean, evidence: string[], sameName: boolean }} Scored
 */

/**
 * The candidates outside the best one's answer that share its decisive evidence (the same email, or the same phone
 * and street address) under a related name: two schools in one building, a hotel's café and its restaurant, two
 * people of one household. The best one's exact name against their other names still decides.
 * @param {Scored} best
 * @param {Scored[]} others candidates that are not the same answer as best
 * @returns {{ rivals: Scored[], shared: string[] }}
 */
function rivalsOnEvidence(best, others) {
    const shared = best.evidence.filter((kind) => kind in DECISIVE_EVIDENCE);
    if (!shared.length) {
        return { rivals: [], shared };
    }
    const rivals = others.filter(
        (other) =>
            shared.every((kind) => other.evidence.includes(kind)) &&
            other.nameRelated &&
            !(best.sameName && !other.sameName)
    );
    return { rivals, shared };
}

/**
 * The decision on ranked candidates, and why.
 * @param {Scored[]} scored best first
 * @param {boolean} hasName whether the submission gives a name
 * @returns {{ decision: Decision, reasonCode: DecisionReasonCode, reason: string }}
 */
function decide(scored, hasName) {
    const best = scored[0];
    if (!best || best.score < SUGGEST_THRESHOLD) {
        return { decision: 'new', reasonCode: 'nothing-plausible', reason: 'no existing record is plausible' };
    }
    const others = scored.filter((entry) => !isSameAnswer(entry.record, best.record));
    const identified = best.nameAgrees ? best.identifiers >= 1 : best.nameRelated && best.identifiers >= 2;
    if (!identified) {
        return {
            decision: 'suggest',
            reasonCode: 'too-little',
            reason: !hasName
                ? 'a link needs a name that agrees as well'
                : best.nameAgrees
                  ? 'only the name agrees: nothing else identifies the record'
                  : 'the name does not agree with what else matches'
        };
    }
    if (best.conflict) {
        return { decision: 'suggest', reasonCode: 'address-differs', reason: 'the record is at another address' };
    }
    const { rivals, shared } = rivalsOnEvidence(best, others);
    if (rivals.length) {
        const what = shared.map((kind) => DECISIVE_EVIDENCE[kind]).join(' and ');
        return {
            decision: 'suggest',
            reasonCode: 'ambiguous',
            reason: `${countWord(rivals.length + 1)} records share this ${what}`
        };
    }
    const runnerUp = others[0];
    // Scores near 1 crowd together, so a lead is also read on the log-odds scale, where an exact name against a
    // similar one still shows.
    const lead =
        !runnerUp ||
        best.score - runnerUp.score >= LINK_MARGIN ||
        best.logOdds - runnerUp.logOdds >= LINK_LOG_ODDS_LEAD;
    if (best.score < LINK_THRESHOLD || !lead) {
        return {
            decision: 'suggest',
            reasonCode: 'uncertain',
            reason:
                best.score < LINK_THRESHOLD
                    ? 'the evidence is not strong enough to link without asking'
                    : 'another record is nearly as likely'
        };
    }
    return { decision: 'link', reasonCode: 'certain', reason: best.reasons.join(', ') };
}

/**
 * Ranks prepared records against a submission and decides: `link` (the first candidate is certain enough to link
 * without asking: high score, identifiers beyond the name, no differing address, a clear lead over every record
 * that is not the same answer, and no other record sharing its decisive email, phone and address), `suggest` (show
 * the list) or `new` (nothing plausible), with the reason. A company name alone never links. A Contact and its own
 * Account are one answer: for a person, the contact is listed before its account at an equal score.
 * @param {Prepared} submission
 * @param {Prepared[]} records
 * @param {MatchOptions} [options]
 * @returns {MatchResult}
 */
export function rankPrepared(submission, records, options = {}) {
    const top = options.top ?? 5;
    const person = Boolean(submission.first || submission.last);
    const typeOrder = (/** @type {Prepared} */ record) => ((record.type === 'Contact') === person ? 0 : 1);
    /** @type {Scored[]} */
    const scored = records
        .map((record) => ({ record, ...scoreCandidate(submission, record, options.weights ?? null) }))
        // A record is listed for something that agrees, never for the prior alone.
        .filter((entry) => entry.score >= CANDIDATE_FLOOR && entry.reasons.length > 0)
        .sort(
            (a, b) =>
                b.score - a.score || typeOrder(a.record) - typeOrder(b.record) || (a.record.id < b.record.id ? -1 : 1)
        );
    return {
        ...decide(scored, Boolean(submission.company.text || submission.first || submission.last)),
        candidates: scored.slice(0, top).map((entry) => ({
            id: entry.record.id,
            type: entry.record.type,
            score: entry.score,
            reasons: entry.reasons,
            accountId: entry.record.accountId
        }))
    };
}

/**
 * Matches a submission against given Account and Contact records (for instance the few a selective query
 * returned): the pure entry point for a component or a script that did its own retrieval.
 * @param {Submission} submission
 * @param {{ accounts?: AccountRecord[], contacts?: ContactRecord[] }} records
 * @param {MatchOptions} [options]
 * @returns {MatchResult}
 */
export function matchSubmission(submission, records, options = {}) {
    const accounts = records.accounts ?? [];
    const byId = new Map(accounts.map((account) => [account.Id, account]));
    const prepared = [
        ...accounts.map((account) => prepareAccount(account, emailsByAccount(records.contacts ?? []).get(account.Id))),
        ...(records.contacts ?? []).map((contact) =>
            prepareContact(contact, contact.AccountId ? byId.get(contact.AccountId) : null)
        )
    ];
    return rankPrepared(prepareSubmission(submission), prepared, options);
}

/**
 * @param {ContactRecord[]} contacts
 * @returns {Map<string, string[]>}
 */
function emailsByAccount(contacts) {
    /** @type {Map<string, string[]>} */
    const result = new Map();
    for (const contact of contacts) {
        if (contact.AccountId && contact.Email) {
            const list = result.get(contact.AccountId) ?? [];
            list.push(contact.Email);
            result.set(contact.AccountId, list);
        }
    }
    return result;
}

// ---------------------------------------------------------------------------------------------------------------
// In-memory retrieval
// ---------------------------------------------------------------------------------------------------------------

/**
 * @typedef {{ records: Prepared[], postings: Map<string, number[]> }} MatchIndex
 */

/** Keys shared by more records than this find too much to be worth reading (a common word, a big city's ZIP). */
const MAX_POSTINGS = 2000;
/** At most this many candidates, those sharing the most keys with the submission, are scored. */
const MAX_CANDIDATES = 300;

/**
 * Indexes Accounts and Contacts by their match keys, for matching many submissions against one org in memory.
 * @param {AccountRecord[]} accounts
 * @param {ContactRecord[]} [contacts]
 * @returns {MatchIndex}
 */
export function createMatchIndex(accounts, contacts = []) {
    const byId = new Map(accounts.map((account) => [account.Id, account]));
    const emails = emailsByAccount(contacts);
    const records = [
        ...accounts.map((account) => prepareAccount(account, emails.get(account.Id))),
        ...contacts.map((contact) => prepareContact(contact, contact.AccountId ? byId.get(contact.AccountId) : null))
    ];
    /** @type {Map<string, number[]>} */
    const postings = new Map();
    records.forEach((record, position) => {
        for (const key of matchKeys(record)) {
            const list = postings.get(key);
            if (list) {
                list.push(position);
            } else {
                postings.set(key, [position]);
            }
        }
    });
    return { records, postings };
}

/**
 * Finds and ranks the indexed records for a submission: records sharing a match key with it are gathered (keys
 * with more than 2,000 records skipped), the 300 sharing the most keys are scored, and the decision is made as in
 * `rankPrepared`.
 * @param {MatchIndex} index
 * @param {Submission} submission
 * @param {MatchOptions} [options]
 * @returns {MatchResult}
 */
export function findMatches(index, submission, options = {}) {
    const prepared = prepareSubmission(submission);
    return rankPrepared(
        prepared,
        candidatePositions(index, prepared).map((position) => index.records[position]),
        options
    );
}

/**
 * The positions of the indexed records that share the most match keys with a prepared submission (at most 300).
 * @param {MatchIndex} index
 * @param {Prepared} prepared
 * @returns {number[]}
 */
function candidatePositions(index, prepared) {
    /** @type {Map<number, number>} */
    const hits = new Map();
    for (const key of matchKeys(prepared)) {
        const list = index.postings.get(key);
        if (!list || list.length > MAX_POSTINGS) {
            continue;
        }
        // Exact identifiers weigh more than shared words when choosing whom to score.
        const weight = /^[ep]:/.test(key) ? 3 : /^[ds]:/.test(key) ? 2 : 1;
        for (const position of list) {
            hits.set(position, (hits.get(position) ?? 0) + weight);
        }
    }
    let positions = [...hits.keys()];
    if (positions.length > MAX_CANDIDATES) {
        positions = positions
            .sort((a, b) => /** @type {number} */ (hits.get(b)) - /** @type {number} */ (hits.get(a)) || a - b)
            .slice(0, MAX_CANDIDATES);
    }
    return positions;
}

// ---------------------------------------------------------------------------------------------------------------
// Learned weights (Fellegi-Sunter, unsupervised)
// ---------------------------------------------------------------------------------------------------------------

/** Pseudo-counts that keep a level seen in neither sample from a weight of ±infinity. */
const SMOOTHING = 0.5;
/** Learned weights are kept within these log-odds, as the hand-set ones are. */
const WEIGHT_RANGE = 10;

/**
 * Estimates the weight of every comparison level from data alone, as Fellegi-Sunter tools do (Splink's
 * `estimate_u_using_random_sampling` then `estimate_parameters_using_expectation_maximisation`):
 * - u, the chance that a level occurs between two records that are NOT the same, is counted on random pairs (almost
 *   all random pairs are different entities);
 * - m, the chance that it occurs between records that ARE the same, is found by expectation maximisation on the
 *   candidate pairs (those sharing a match key): each pair's chance of being a match under the current m, u and
 *   λ (the share of matches), then m and λ re-estimated from those chances, until they settle; u stays fixed.
 * The weight of a level is ln(m/u): what it adds to the log-odds of a match. No labels are used. The result is a
 * pure function of its input: same pairs, same weights.
 * @param {Record<string, string>[]} candidatePairs levels of each candidate pair (`scoreCandidate(...).levels`)
 * @param {Record<string, string>[]} randomPairs levels of random pairs
 * @param {{ iterations?: number, tolerance?: number, estimateU?: boolean }} [options] estimateU: re-estimate u on
 *   the candidate pairs as well (recordlinkage's ECM), starting from the random pairs' u
 * @returns {LearnedWeights}
 */
export function estimateWeights(candidatePairs, randomPairs, options = {}) {
    const maxIterations = options.iterations ?? 50;
    const tolerance = options.tolerance ?? 1e-6;
    /** @type {Map<string, Set<string>>} */
    const levelsOf = new Map();
    for (const pair of [...candidatePairs, ...randomPairs]) {
        for (const [comparison, name] of Object.entries(pair)) {
            const known = levelsOf.get(comparison) ?? new Set();
            known.add(name);
            levelsOf.set(comparison, known);
        }
    }
    const comparisons = [...levelsOf.keys()].sort();
    /** @type {Record<string, Record<string, number>>} */
    const u = {};
    for (const comparison of comparisons) {
        u[comparison] = proportions(randomPairs, comparison, [...(levelsOf.get(comparison) ?? [])].sort(), () => 1);
    }
    // Start m where agreement is likelier among matches than among random pairs: proportional to u·e^(rank).
    /** @type {Record<string, Record<string, number>>} */
    const m = {};
    for (const comparison of comparisons) {
        const names = Object.keys(u[comparison]);
        const ordered = [...names].sort((a, b) => u[comparison][a] - u[comparison][b]);
        const start = Object.fromEntries(ordered.map((name, rank) => [name, Math.exp(-rank)]));
        const total = Object.values(start).reduce((sum, value) => sum + value, 0);
        m[comparison] = Object.fromEntries(names.map((name) => [name, start[name] / total]));
    }
    let model = { m, u, lambda: 0.1 };
    let iterations = 0;
    while (iterations < maxIterations) {
        const step = expectationMaximisationStep(candidatePairs, comparisons, model, Boolean(options.estimateU));
        model = step.model;
        iterations++;
        if (step.change < tolerance) {
            break;
        }
    }
    const { lambda } = model;
    /** @type {Record<string, Record<string, number>>} */
    const levels = {};
    for (const comparison of comparisons) {
        levels[comparison] = Object.fromEntries(
            Object.keys(model.u[comparison]).map((name) => [
                name,
                Math.max(
                    -WEIGHT_RANGE,
                    Math.min(WEIGHT_RANGE, Math.log(model.m[comparison][name] / model.u[comparison][name]))
                )
            ])
        );
    }
    return {
        levels,
        m: model.m,
        u: model.u,
        lambda,
        iterations,
        pairs: candidatePairs.length,
        randomPairs: randomPairs.length
    };
}

/**
 * @typedef {{ m: Record<string, Record<string, number>>, u: Record<string, Record<string, number>>, lambda: number }}
 *   MatchModel
 */

/**
 * One round of expectation maximisation: each candidate pair's chance of being a match under the model (E), then
 * m (and u when asked) and λ re-estimated from those chances (M). Returns the new model and how far it moved.
 * @param {Record<string, string>[]} candidatePairs
 * @param {string[]} comparisons
 * @param {MatchModel} model
 * @param {boolean} estimateU
 * @returns {{ model: MatchModel, change: number }}
 */
function expectationMaximisationStep(candidatePairs, comparisons, model, estimateU) {
    const chances = candidatePairs.map((pair) => matchChance(pair, model.m, model.u, model.lambda));
    const lambda = chances.reduce((sum, chance) => sum + chance, 0) / Math.max(chances.length, 1);
    /** @type {MatchModel} */
    const next = { m: {}, u: estimateU ? {} : model.u, lambda };
    let change = Math.abs(lambda - model.lambda);
    for (const comparison of comparisons) {
        const names = Object.keys(model.u[comparison]);
        next.m[comparison] = proportions(candidatePairs, comparison, names, (index) => chances[index]);
        if (estimateU) {
            next.u[comparison] = proportions(candidatePairs, comparison, names, (index) => 1 - chances[index]);
        }
        for (const name of names) {
            change = Math.max(change, Math.abs(next.m[comparison][name] - model.m[comparison][name]));
        }
    }
    return { model: next, change };
}

/**
 * The weighted share of each level of one comparison among pairs that have it, smoothed.
 * @param {Record<string, string>[]} pairs
 * @param {string} comparison
 * @param {string[]} names the comparison's levels
 * @param {(index: number) => number} weightOf each pair's weight
 * @returns {Record<string, number>}
 */
function proportions(pairs, comparison, names, weightOf) {
    /** @type {Record<string, number>} */
    const counts = Object.fromEntries(names.map((name) => [name, SMOOTHING]));
    let total = SMOOTHING * names.length;
    pairs.forEach((pair, index) => {
        const name = pair[comparison];
        if (name !== undefined) {
            const weight = weightOf(index);
            counts[name] += weight;
            total += weight;
        }
    });
    return Object.fromEntries(names.map((name) => [name, counts[name] / total]));
}

/**
 * The chance that a pair with these levels is a match, given m, u and λ (Bayes with independent comparisons).
 * @param {Record<string, string>} pair
 * @param {Record<string, Record<string, number>>} m
 * @param {Record<string, Record<string, number>>} u
 * @param {number} lambda
 * @returns {number}
 */
function matchChance(pair, m, u, lambda) {
    let logOdds = Math.log(lambda / (1 - lambda));
    for (const [comparison, name] of Object.entries(pair)) {
        logOdds += Math.log(m[comparison][name] / u[comparison][name]);
    }
    return 1 / (1 + Math.exp(-logOdds));
}

/**
 * A deterministic pseudo-random sequence in 0..1 (a linear congruential generator), so that the same data and
 * seed give the same random pairs, hence the same weights.
 * @param {number} seed
 * @returns {() => number}
 */
function seededRandom(seed) {
    let state = seed >>> 0 || 1;
    return () => {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        return state / 4294967296;
    };
}

/** Candidate pairs per submission that learning looks at: those sharing the most keys, as blocking would give. */
const LEARNING_CANDIDATES = 50;

/**
 * Learns weights for an org from its own records and the submissions at hand, without labels: the candidate pairs
 * are each submission against the records sharing a match key with it (as `findMatches` gathers them), the random
 * pairs are submissions against records drawn at random (seeded).
 * @param {MatchIndex} index
 * @param {Submission[]} submissions
 * @param {{ seed?: number, randomPairs?: number, estimateU?: boolean }} [options]
 * @returns {LearnedWeights}
 */
export function learnWeights(index, submissions, options = {}) {
    const random = seededRandom(options.seed ?? 1);
    const prepared = submissions.map(prepareSubmission);
    /** @type {Record<string, string>[]} */
    const candidatePairs = [];
    for (const submission of prepared) {
        for (const position of candidatePositions(index, submission).slice(0, LEARNING_CANDIDATES)) {
            candidatePairs.push(scoreCandidate(submission, index.records[position]).levels);
        }
    }
    /** @type {Record<string, string>[]} */
    const randomPairs = [];
    const count = options.randomPairs ?? 5000;
    if (prepared.length && index.records.length) {
        for (let i = 0; i < count; i++) {
            const submission = prepared[Math.floor(random() * prepared.length)];
            const record = index.records[Math.floor(random() * index.records.length)];
            randomPairs.push(scoreCandidate(submission, record).levels);
        }
    }
    return estimateWeights(candidatePairs, randomPairs, { estimateU: options.estimateU });
}
