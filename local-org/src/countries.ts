/**
 * State and Country/Territory Picklists (`npm run org -- --country-picklists`): an org where every address has a
 * `<prefix>CountryCode` picklist beside its `<prefix>Country` text, and a country must be one of the org's.
 * Salesforce behaviour modelled (Salesforce Help, "Let Users Select States and Countries/Territories from Picklists",
 * "Standard Countries and Territories for Address Picklists"; AddressSettings in the Metadata API Developer Guide):
 * - `<prefix>CountryCode` holds the ISO code; its picklist values are the org's active countries, labelled with
 *   their names. `<prefix>Country` holds the country's integration value, by default its name.
 * - A write may set either. A code fills the text with the integration value; a text must be an integration value
 *   and fills the code. Anything else fails the save with FIELD_INTEGRITY_EXCEPTION, Salesforce's messages as
 *   reported from real orgs (SalesforceFoundation/NPSP#994 for the text; the state-code message of NPSP#6405 for a
 *   code).
 * Not implemented, refused by name: state picklists (a `<prefix>State` value in such an org), and a write that sets
 * both fields to different countries (what Salesforce does then is not documented). Integration values are
 * compared exactly, as the API receives them.
 * Active countries: Salesforce ships 235 standard countries and an admin chooses which are active. A local org has
 * the standard countries below active, with Salesforce's standard labels (= integration values); the other standard
 * countries are inactive here and refused as an inactive country is.
 */
import { notSupported, recordError } from './errors.ts';
import type { FieldDef, ObjectDef, PicklistValue } from './schema.ts';
import type { StoredRecord } from './derive.ts';

/** ISO code and standard label of each active country of a local org with country picklists. */
export const ACTIVE_COUNTRIES: readonly (readonly [string, string])[] = [
    ['AD', 'Andorra'],
    ['AE', 'United Arab Emirates'],
    ['AR', 'Argentina'],
    ['AT', 'Austria'],
    ['AU', 'Australia'],
    ['BA', 'Bosnia and Herzegovina'],
    ['BD', 'Bangladesh'],
    ['BE', 'Belgium'],
    ['BG', 'Bulgaria'],
    ['BR', 'Brazil'],
    ['CA', 'Canada'],
    ['CH', 'Switzerland'],
    ['CL', 'Chile'],
    ['CN', 'China'],
    ['CO', 'Colombia'],
    ['DE', 'Germany'],
    ['DK', 'Denmark'],
    ['EG', 'Egypt'],
    ['ES', 'Spain'],
    ['FI', 'Finland'],
    ['FR', 'France'],
    ['GB', 'United Kingdom'],
    ['GR', 'Greece'],
    ['HU', 'Hungary'],
    ['IE', 'Ireland'],
    ['IL', 'Israel'],
    ['IN', 'India'],
    ['IS', 'Iceland'],
    ['IT', 'Italy'],
    ['JP', 'Japan'],
    ['LU', 'Luxembourg'],
    ['MX', 'Mexico'],
    ['NL', 'Netherlands'],
    ['NO', 'Norway'],
    ['NZ', 'New Zealand'],
    ['PL', 'Poland'],
    ['PT', 'Portugal'],
    ['RO', 'Romania'],
    ['SE', 'Sweden'],
    ['SG', 'Singapore'],
    ['US', 'United States'],
    ['ZA', 'South Africa']
];

/** The address field prefixes of each object that has addresses in the catalogue. */
export const ADDRESS_PREFIXES: Readonly<Record<string, readonly string[]>> = {
    Account: ['Billing', 'Shipping'],
    Contact: ['Mailing'],
    Lead: [''],
    Contract: ['Billing']
};

function countryValues(): PicklistValue[] {
    return ACTIVE_COUNTRIES.map(([code, label]) => ({ value: code, label, active: true, defaultValue: false }));
}

/** `<prefix>CountryCode`, as describe reports it in an org with country picklists. */
export function countryCodeField(prefix: string, label: string): FieldDef {
    return {
        name: `${prefix}CountryCode`,
        label: `${label ? `${label} ` : ''}Country Code`,
        type: 'picklist',
        length: 10,
        nillable: true,
        createable: true,
        updateable: true,
        picklistValues: countryValues(),
        defaultValue: null,
        defaultedOnCreate: false
    };
}

/** The catalogue's objects with a CountryCode picklist beside each address country. */
export function withCountryPicklists(objects: ObjectDef[]): ObjectDef[] {
    return objects.map((object) => {
        const prefixes = ADDRESS_PREFIXES[object.name];
        if (!prefixes) return object;
        const fields = object.fields.flatMap((field) => {
            const prefix = prefixes.find((p) => field.name === `${p}Country`);
            return prefix === undefined
                ? [field]
                : [field, countryCodeField(prefix, field.label.replace(/ ?Country$/, ''))];
        });
        return { ...object, fields };
    });
}

function blank(value: unknown): boolean {
    return value === null || value === undefined || value === '';
}

/**
 * Keeps each address's country text and code in step, as an org with country picklists does on every save, and
 * refuses a country the org does not have. `given`: the fields the request set.
 */
export function syncAddressCountries(object: ObjectDef, record: StoredRecord, given: ReadonlySet<string>): void {
    for (const prefix of ADDRESS_PREFIXES[object.name] ?? []) {
        const textField = `${prefix}Country`;
        const codeField = `${prefix}CountryCode`;
        if (!object.fields.some((field) => field.name === codeField)) continue;
        const stateField = `${prefix}State`;
        if (given.has(stateField) && !blank(record[stateField])) {
            throw notSupported(`${stateField} in an org with State and Country/Territory Picklists (state picklists)`);
        }
        const textGiven = given.has(textField) && !blank(record[textField]);
        const codeGiven = given.has(codeField) && !blank(record[codeField]);
        if (codeGiven) {
            const code = String(record[codeField]);
            const country = ACTIVE_COUNTRIES.find(([iso]) => iso === code);
            if (!country) {
                throw recordError(
                    'FIELD_INTEGRITY_EXCEPTION',
                    `The ${codeField} field contains ${code}, which isn't an available country/territory. Your administrator can add it for you.`,
                    [codeField]
                );
            }
            if (textGiven && record[textField] !== country[1]) {
                throw notSupported(`${textField} and ${codeField} naming different countries in one save`);
            }
            record[textField] = country[1];
        } else if (textGiven) {
            const country = ACTIVE_COUNTRIES.find(([, name]) => name === record[textField]);
            if (!country) {
                throw recordError(
                    'FIELD_INTEGRITY_EXCEPTION',
                    "There's a problem with this country, even though it may appear correct. Please select a country from the list of valid countries.",
                    [textField]
                );
            }
            record[codeField] = country[0];
        } else if (given.has(textField) || given.has(codeField)) {
            // One of them cleared: the address has no country.
            record[textField] = null;
            record[codeField] = null;
        }
    }
}
