/**
 * Candidate retrieval from an org for the matcher (`c/recordMatcher`): at most two UI API GraphQL requests per
 * search, every subquery an exact or prefix filter on one indexed field (the stored match keys of `c/matchKeys`, and
 * Contact.Email), and the answers turned back into the Account and Contact records `matchSubmission` ranks.
 */
import {
    emailDomain,
    isFreeMailDomain,
    normalizeCompanyName,
    normalizeEmail,
    normalizePhone,
    typedIdentifier
} from 'c/recordMatcher';
import {
    COMPANY_WORD_STEPS,
    MATCH_KEY_LENGTH,
    NAME_KEY_LENGTH,
    PHONE_STEPS,
    applyKeySteps,
    storedMatchKeys,
    textOf
} from 'c/matchKeys';

/**
 * @typedef {import('c/recordMatcher').AccountRecord} AccountRecord
 * @typedef {import('c/recordMatcher').ContactRecord} ContactRecord
 * @typedef {import('c/recordMatcher').Submission} Submission
 */

/** A filter value no stored key equals or starts with (longer than the fields), for a key the submission lacks. */
export const NO_KEY = '~'.repeat(MATCH_KEY_LENGTH + 1);

/** Contacts found by exact email, and Accounts or Contacts found by key, read per search at most. */
export const EXACT_EMAIL_LIMIT = 10;
export const KEY_CANDIDATE_LIMIT = 50;

const ACCOUNT_FIELDS = `Id
                        Name { value }
                        Phone { value }
                        Website { value }
                        BillingStreet { value }
                        BillingCity { value }
                        BillingPostalCode { value }
                        BillingCountry { value }`;

const CONTACT_FIELDS = `Id
                        AccountId { value }
                        FirstName { value }
                        LastName { value }
                        Email { value }
                        Phone { value }
                        MailingStreet { value }
                        MailingCity { value }
                        MailingPostalCode { value }
                        Account {
                            ${ACCOUNT_FIELDS.replace(/\n {24}/g, '\n                            ')}
                        }`;

/**
 * The first of the (at most) two GraphQL requests of a search (UI API GraphQL; a component wraps it in a gql tagged
 * template): the identifiers, ten subqueries (the most Salesforce allows per request). One branch per kind of evidence,
 * each filtering one indexed field with exact values, ordered by that field and capped, so that the index serves
 * filter and order alike (no branch is an OR across fields) and no kind of evidence crowds out another:
 * - `byEmail`: Contacts by exact email (`Email` is indexed on Contact);
 * - `contactsBy…`, `accountsBy…`: by phone, domain or street key; Contacts also by name key (surname + initial,
 *   either order), postal key (postcode + either name's initial) and locality key (city + given name).
 */
export const MATCH_CANDIDATES_QUERY = `query MatchCandidates(
    $emails: [Email]
    $phones: [String]
    $domains: [String]
    $streets: [String]
    $personNames: [String]
    $postals: [String]
    $localities: [String]
) {
    uiapi {
        query {
            byEmail: Contact(
                where: { Email: { in: $emails } }
                orderBy: { Email: { order: ASC } }
                first: ${EXACT_EMAIL_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            contactsByPhone: Contact(
                where: { Match_Phone_Key__c: { in: $phones } }
                orderBy: { Match_Phone_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            contactsByDomain: Contact(
                where: { Match_Domain_Key__c: { in: $domains } }
                orderBy: { Match_Domain_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            contactsByStreet: Contact(
                where: { Match_Street_Key__c: { in: $streets } }
                orderBy: { Match_Street_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            contactsByName: Contact(
                where: { Match_Name_Key__c: { in: $personNames } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            contactsByPostal: Contact(
                where: { Match_Postal_Key__c: { in: $postals } }
                orderBy: { Match_Postal_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            contactsByLocality: Contact(
                where: { Match_Locality_Key__c: { in: $localities } }
                orderBy: { Match_Locality_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            accountsByPhone: Account(
                where: { Match_Phone_Key__c: { in: $phones } }
                orderBy: { Match_Phone_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${ACCOUNT_FIELDS}
                    }
                }
            }
            accountsByDomain: Account(
                where: { Match_Domain_Key__c: { in: $domains } }
                orderBy: { Match_Domain_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${ACCOUNT_FIELDS}
                    }
                }
            }
            accountsByStreet: Account(
                where: { Match_Street_Key__c: { in: $streets } }
                orderBy: { Match_Street_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${ACCOUNT_FIELDS}
                    }
                }
            }
        }
    }
}
`;

/**
 * The second request, sent only when the submission gives a name (five subqueries, of the ten Salesforce allows per
 * GraphQL query: https://developer.salesforce.com/docs/platform/graphql/guide/query-limits.html): the first two
 * words of the company name as a prefix of the name key, as written (`accountsByName`) and without legal forms
 * (`accountsByNameAlt`), and the first word alone (`accountsByWord`), a broader prefix for names whose second word
 * differs; each ordered by the key, so the shortest (closest) names come first and the index serves the order even
 * when a common word matches thousands of accounts. When nothing but a name was given (a name typed in the search
 * box), also Contacts by surname (`contactsBySurname`: a prefix of the name key, surname + initial, so "Schmidt"
 * finds every Schmidt) and by given name (`contactsByGivenName`: a prefix of Contact.Name, which is indexed and is
 * the field to filter names on: "Indexes" and "SOQL and SOSL" in Salesforce's Best Practices for Deployments with
 * Large Data Volumes). Never a leading wildcard.
 */
export const MATCH_NAME_CANDIDATES_QUERY = `query MatchNameCandidates(
    $companyName: String
    $companyNameAlt: String
    $companyWord: String
    $surname: String
    $givenName: String
) {
    uiapi {
        query {
            accountsByName: Account(
                where: { Match_Name_Key__c: { like: $companyName } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${ACCOUNT_FIELDS}
                    }
                }
            }
            accountsByNameAlt: Account(
                where: { Match_Name_Key__c: { like: $companyNameAlt } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${ACCOUNT_FIELDS}
                    }
                }
            }
            accountsByWord: Account(
                where: { Match_Name_Key__c: { like: $companyWord } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${ACCOUNT_FIELDS}
                    }
                }
            }
            contactsBySurname: Contact(
                where: { Match_Name_Key__c: { like: $surname } }
                orderBy: { Match_Name_Key__c: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
            contactsByGivenName: Contact(
                where: { Name: { like: $givenName } }
                orderBy: { Name: { order: ASC } }
                first: ${KEY_CANDIDATE_LIMIT}
            ) {
                edges {
                    node {
                        ${CONTACT_FIELDS}
                    }
                }
            }
        }
    }
}
`;

/**
 * @typedef {{ emails: string[], phones: string[], domains: string[], streets: string[], personNames: string[],
 *   postals: string[], localities: string[], companyName: string, companyNameAlt: string, companyWord: string,
 *   surname: string, givenName: string }} MatchCandidateVariables
 */

/**
 * @param {string[]} values
 * @returns {string[]}
 */
function keyList(values) {
    const unique = [...new Set(values.filter(Boolean))];
    return unique.length ? unique : [NO_KEY];
}

/**
 * A prefix filter on the company name key from the name's first `count` words, cut to the key's length; '' when
 * there are no words.
 * @param {string[]} nameWords
 * @param {number} count
 * @returns {string}
 */
function companyPrefix(nameWords, count) {
    if (!nameWords.length) {
        return '';
    }
    return `${nameWords.slice(0, count).join('').slice(0, NAME_KEY_LENGTH)}%`;
}

/** A prefix filter that matches nothing. */
const NO_PREFIX = `${NO_KEY}%`;

/**
 * The variables of both search requests for a submission (`matchSearchRequests` splits them per request). Keys come from the same steps as the stored keys, plus
 * the matcher's own normal forms where they differ (a normalised email, an email's registrable domain, the phone
 * without its country code, the company name without legal forms); free-mail domains are never searched. A key the
 * submission lacks is `NO_KEY`, which matches nothing (an empty list is not a valid filter). The first-word prefix
 * takes two words when the first is shorter than three letters ("St Mary's" → `stmarys%`), and is left out when it
 * would repeat the two-word one.
 * @param {Submission} submission
 * @returns {MatchCandidateVariables}
 */
export function matchCandidateVariables(submission) {
    const rawEmail = textOf(submission.Email).trim().toLowerCase();
    const email = normalizeEmail(submission.Email);
    const emails = email ? [rawEmail, email] : [];
    const hosts = [];
    if (email) {
        const host = applyKeySteps(rawEmail, [
            ['sub', ' ', ''],
            ['after', '@']
        ]);
        hosts.push(host, emailDomain(email));
    }
    const typed = typedIdentifier(submission);
    if (typed?.host) {
        // A typed domain: a Contact's key is its email's host, an Account's its website's host without "www.".
        hosts.push(typed.host);
    }
    const domains = hosts.filter((domain) => domain && !isFreeMailDomain(domain));
    const phone = normalizePhone(submission.Phone);
    const phoneKeys = [
        applyKeySteps(textOf(submission.Phone), PHONE_STEPS),
        phone ? phone.local : '',
        ...(typed?.phoneFragment ? phoneKeysEndingWith(typed.phoneFragment) : [])
    ];
    // A typed number or domain is not a company's name.
    const companyWords = typed
        ? []
        : applyKeySteps(textOf(submission.Company), COMPANY_WORD_STEPS).split(' ').filter(Boolean);
    const normalized = typed ? [] : normalizeCompanyName(submission.Company).tokens;
    const name = companyPrefix(companyWords, 2);
    const alt = companyPrefix(normalized, 2);
    const word = companyPrefix(companyWords, companyWords[0]?.length < 3 ? 2 : 1);
    const last = storedMatchKeys('Contact', { LastName: submission.LastName, FirstName: submission.FirstName });
    const swapped = storedMatchKeys('Contact', { LastName: submission.FirstName, FirstName: submission.LastName });
    const personNames =
        textOf(submission.LastName).trim() && textOf(submission.FirstName).trim()
            ? [last.Match_Name_Key__c ?? '', swapped.Match_Name_Key__c ?? '']
            : [];
    const nameOnly = !typed && isNameOnly(submission);
    return {
        emails: keyList(emails),
        phones: keyList(phoneKeys),
        domains: keyList(domains),
        streets: keyList([storedMatchKeys('Contact', { MailingStreet: submission.Street }).Match_Street_Key__c ?? '']),
        personNames: keyList(personNames),
        postals: keyList(
            textOf(submission.PostalCode).trim()
                ? [submission.LastName, submission.FirstName].map(
                      (surname) =>
                          storedMatchKeys('Contact', { MailingPostalCode: submission.PostalCode, LastName: surname })
                              .Match_Postal_Key__c ?? ''
                  )
                : []
        ),
        localities: keyList(
            textOf(submission.City).trim() && textOf(submission.FirstName).trim()
                ? [
                      storedMatchKeys('Contact', { MailingCity: submission.City, FirstName: submission.FirstName })
                          .Match_Locality_Key__c ?? ''
                  ]
                : []
        ),
        companyName: name || NO_PREFIX,
        companyNameAlt: alt && alt !== name ? alt : NO_PREFIX,
        companyWord: word && word !== name && word !== alt ? word : NO_PREFIX,
        surname: nameOnly ? surnamePrefix(submission.LastName) : NO_PREFIX,
        givenName: nameOnly ? personPrefix(`${textOf(submission.FirstName)} ${textOf(submission.LastName)}`) : NO_PREFIX
    };
}

/**
 * The stored phone keys (the last seven digits) that end with a typed fragment of five or six digits: every way of
 * completing it, as exact values, since a key is never searched with a leading wildcard.
 * @param {string} fragment
 * @returns {string[]}
 */
function phoneKeysEndingWith(fragment) {
    /** @type {string[]} */
    let keys = [fragment];
    while (keys[0].length < 7) {
        keys = keys.flatMap((key) => '0123456789'.split('').map((digit) => digit + key));
    }
    return keys;
}

/**
 * Whether a submission gives nothing but a name (a name typed in the search box).
 * @param {Submission} submission
 * @returns {boolean}
 */
function isNameOnly(submission) {
    const given = (/** @type {unknown} */ value) => textOf(value).trim() !== '';
    return (
        (given(submission.LastName) || given(submission.FirstName)) &&
        ![submission.Email, submission.Phone, submission.Street, submission.City, submission.PostalCode].some(given)
    );
}

/**
 * A prefix filter on the Contact name key for a surname: its letters as the stored key starts ("Schmidt" →
 * `schmidt%`, which finds schmidth, schmidta …).
 * @param {unknown} surname
 * @returns {string}
 */
function surnamePrefix(surname) {
    const key = storedMatchKeys('Contact', { LastName: surname }).Match_Name_Key__c ?? '';
    return key ? `${key.slice(0, NAME_KEY_LENGTH - 1)}%` : NO_PREFIX;
}

/**
 * A prefix filter on Contact.Name for a typed name as written ("Marta" → `Marta%`, "Marta Kowalski" →
 * `Marta Kowalski%`); LIKE's wildcards in the text are dropped.
 * @param {unknown} name
 * @returns {string}
 */
function personPrefix(name) {
    const text = textOf(name).trim().replace(/\s+/g, ' ');
    if (!text) {
        return NO_PREFIX;
    }
    return `${text.replace(/[%_\\]/g, '')}%`;
}

/**
 * @typedef {{ query: string, variables: Record<string, unknown> }} SearchRequest
 */

/**
 * The GraphQL requests of one search, at most two: the identifiers (`MATCH_CANDIDATES_QUERY`) always, and the company
 * name prefixes (`MATCH_NAME_CANDIDATES_QUERY`) when the submission names a company. They are independent: send them
 * together and give their answers' `data` to `candidatesFromResponse`.
 * @param {Submission} submission
 * @returns {SearchRequest[]}
 */
export function matchSearchRequests(submission) {
    const { companyName, companyNameAlt, companyWord, surname, givenName, ...identifiers } =
        matchCandidateVariables(submission);
    /** @type {SearchRequest[]} */
    const requests = [{ query: MATCH_CANDIDATES_QUERY, variables: identifiers }];
    if (companyName !== NO_PREFIX || surname !== NO_PREFIX) {
        requests.push({
            query: MATCH_NAME_CANDIDATES_QUERY,
            variables: { companyName, companyNameAlt, companyWord, surname, givenName }
        });
    }
    return requests;
}

/**
 * @param {unknown} node
 * @param {string} field
 * @returns {string | null}
 */
function fieldValue(node, field) {
    const value = /** @type {Record<string, { value?: unknown } | null | undefined> | null | undefined} */ (node)?.[
        field
    ];
    const raw = value && typeof value === 'object' ? value.value : null;
    return raw === null || raw === undefined ? null : String(raw);
}

/**
 * @param {unknown} node
 * @returns {AccountRecord}
 */
function accountFromNode(node) {
    return {
        Id: String(/** @type {{ Id: unknown }} */ (node).Id),
        Name: fieldValue(node, 'Name'),
        Phone: fieldValue(node, 'Phone'),
        Website: fieldValue(node, 'Website'),
        BillingStreet: fieldValue(node, 'BillingStreet'),
        BillingCity: fieldValue(node, 'BillingCity'),
        BillingPostalCode: fieldValue(node, 'BillingPostalCode'),
        BillingCountry: fieldValue(node, 'BillingCountry')
    };
}

/**
 * @param {unknown} connection
 * @returns {unknown[]}
 */
function nodesOf(connection) {
    const edges = /** @type {{ edges?: { node: unknown }[] } | null | undefined} */ (connection)?.edges ?? [];
    return edges.map((edge) => edge.node).filter(Boolean);
}

/**
 * The Accounts and Contacts of a search's answers (the `data` of each request of `matchSearchRequests`), as
 * `matchSubmission` takes them: each record once, exact-email Contacts first, and the Account of every Contact found
 * (read through the Contact's parent fields), so a company is a candidate when one of its people was found.
 * @param {...unknown} answers the `data` of each GraphQL response
 * @returns {{ accounts: AccountRecord[], contacts: ContactRecord[] }}
 */
export function candidatesFromResponse(...answers) {
    /** @type {Record<string, unknown>} */
    const query = {};
    for (const data of answers) {
        Object.assign(
            query,
            /** @type {{ uiapi?: { query?: Record<string, unknown> } } | null | undefined} */ (data)?.uiapi?.query ?? {}
        );
    }
    /** @type {Map<string, AccountRecord>} */
    const accounts = new Map();
    /** @type {Map<string, ContactRecord>} */
    const contacts = new Map();
    const branches = Object.keys(query);
    const contactNodes = branches
        .filter((alias) => /^(byEmail|contacts)/.test(alias))
        .sort((a, b) => (a === 'byEmail' ? -1 : b === 'byEmail' ? 1 : 0))
        .flatMap((alias) => nodesOf(query[alias]));
    const accountNodes = branches
        .filter((alias) => alias.startsWith('accounts'))
        .flatMap((alias) => nodesOf(query[alias]));
    for (const node of contactNodes) {
        const id = String(/** @type {{ Id: unknown }} */ (node).Id);
        if (contacts.has(id)) {
            continue;
        }
        contacts.set(id, {
            Id: id,
            AccountId: fieldValue(node, 'AccountId'),
            FirstName: fieldValue(node, 'FirstName'),
            LastName: fieldValue(node, 'LastName'),
            Email: fieldValue(node, 'Email'),
            Phone: fieldValue(node, 'Phone'),
            MailingStreet: fieldValue(node, 'MailingStreet'),
            MailingCity: fieldValue(node, 'MailingCity'),
            MailingPostalCode: fieldValue(node, 'MailingPostalCode')
        });
        const parent = /** @type {{ Account?: unknown }} */ (node).Account;
        if (
            parent &&
            /** @type {{ Id?: unknown }} */ (parent).Id &&
            !accounts.has(String(/** @type {{ Id: unknown }} */ (parent).Id))
        ) {
            const account = accountFromNode(parent);
            accounts.set(account.Id, account);
        }
    }
    for (const node of accountNodes) {
        const account = accountFromNode(node);
        accounts.set(account.Id, account);
    }
    return { accounts: [...accounts.values()], contacts: [...contacts.values()] };
}
