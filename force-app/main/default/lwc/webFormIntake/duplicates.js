/**
 * The records a duplicate rule names when it blocks the prospect's save.
 */
import { errorCodes } from 'c/ldsUtils';

/** Salesforce Id prefixes of the records a duplicate rule may name here. */
const ID_PREFIX_TYPES = /** @type {Record<string, 'Account' | 'Contact'>} */ ({ '001': 'Account', '003': 'Contact' });
const RECORD_ID = /\b(?:001|003)[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?\b/g;

/**
 * Accounts and Contacts named by a DUPLICATES_DETECTED error. UI API GraphQL's exact shape for the matched records
 * is not documented, so this reads record Ids (Account 001…, Contact 003…) wherever the errors carry them: in
 * `extensions` (any depth, e.g. duplicateResults/matchResults/matchRecords) or in the message. Returns null when
 * no error is DUPLICATES_DETECTED.
 * @param {any} errors
 * @returns {{ id: string, type: 'Account' | 'Contact' }[] | null}
 */
export function duplicatesOf(errors) {
    const list = Array.isArray(errors) ? errors : [errors];
    const duplicates = list.filter(
        (error) =>
            errorCodes(error).includes('DUPLICATES_DETECTED') ||
            /DUPLICATES_DETECTED/.test(String(error?.message ?? ''))
    );
    if (duplicates.length === 0) {
        return null;
    }
    /** @type {Map<string, 'Account' | 'Contact'>} */
    const found = new Map();
    /** @param {unknown} value */
    const collect = (value) => {
        if (typeof value === 'string') {
            for (const id of value.match(RECORD_ID) ?? []) {
                found.set(id, ID_PREFIX_TYPES[id.slice(0, 3)]);
            }
        } else if (Array.isArray(value)) {
            value.forEach(collect);
        } else if (value && typeof value === 'object') {
            Object.values(value).forEach(collect);
        }
    };
    for (const error of duplicates) {
        collect(error.message);
        collect(error.extensions);
    }
    return [...found].map(([id, type]) => ({ id, type }));
}
