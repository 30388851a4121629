/**
 * Salesforce record ids: a 3-character key prefix, 12 characters, and the 3-character case-safe suffix that turns
 * a 15-character (case-sensitive) id into the 18-character (case-insensitive) one the APIs return.
 */
const SUFFIX_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ012345';
export const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const ID_SHAPE = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** The case-safe suffix: one bit per upper-case letter in each 5-character chunk. */
export function caseSafeSuffix(id15: string): string {
    let suffix = '';
    for (let chunk = 0; chunk < 3; chunk++) {
        let bits = 0;
        for (let i = 0; i < 5; i++) {
            const ch = id15.charAt(chunk * 5 + i);
            if (ch >= 'A' && ch <= 'Z') bits |= 1 << i;
        }
        suffix += SUFFIX_ALPHABET.charAt(bits);
    }
    return suffix;
}

export function isIdShaped(value: string): boolean {
    return ID_SHAPE.test(value);
}

/** The canonical 18-character id for a 15- or 18-character one, or null when the value is not id-shaped. */
export function canonicalId(value: string): string | null {
    if (!isIdShaped(value)) return null;
    const id15 = value.slice(0, 15);
    const id18 = id15 + caseSafeSuffix(id15);
    // An 18-character id whose suffix does not match its first 15 characters was mistyped: treat it as malformed.
    if (value.length === 18 && value.slice(15).toUpperCase() !== id18.slice(15)) return null;
    return id18;
}

/** Ids look like Salesforce's (`001` + pod + sequence); "LO" marks them as local-org's. */
export function makeId(keyPrefix: string, sequence: number): string {
    let body = '';
    let n = sequence;
    do {
        body = BASE62.charAt(n % 62) + body;
        n = Math.floor(n / 62);
    } while (n > 0);
    const id15 = keyPrefix + 'LO' + body.padStart(10, '0');
    return id15 + caseSafeSuffix(id15);
}

export function keyPrefixOf(id: string): string {
    return id.slice(0, 3);
}
