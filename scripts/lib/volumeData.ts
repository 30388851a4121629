/**
 * Deterministic volume data for `npm run seed -- --accounts N`: N accounts with two contacts each. The same N always
 * produces the same records and keys, so re-seeding upserts instead of piling up copies.
 */
import { EXTERNAL_ID_FIELD, type PlanStep, type PlannedRecord } from './plan.ts';

const PREFIXES = ['North', 'Blue', 'Granite', 'Silver', 'Oak', 'Harbor', 'Summit', 'Cedar', 'Bright', 'Iron'];
const STEMS = ['field', 'stone', 'ridge', 'water', 'light', 'brook', 'gate', 'vale', 'point', 'wood'];
const KINDS = ['Roofing', 'Solar', 'Heating', 'Windows', 'Insulation', 'Builders', 'Supplies', 'Installations'];
const FORMS = ['Ltd', 'Inc', 'GmbH', 'LLC', 'BV', 'SARL', ''];
const CITIES: [string, string, string][] = [
    ['London', 'United Kingdom', '+44 20'],
    ['Manchester', 'United Kingdom', '+44 161'],
    ['Berlin', 'Germany', '+49 30'],
    ['Amsterdam', 'Netherlands', '+31 20'],
    ['Lyon', 'France', '+33 4'],
    ['Austin', 'United States', '+1 512']
];
const FIRST_NAMES = ['Anna', 'Ben', 'Chloé', 'Dev', 'Emre', 'Fatima', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Kai', 'Lena'];
const LAST_NAMES = ['Okafor', 'Schmidt', 'Dubois', 'Patel', 'Jansen', 'García', 'Novak', 'Murphy', 'Kowalski', 'Rossi'];
const STREETS = ['High Street', 'Station Road', 'Main Street', 'Church Lane', 'Park Avenue', 'Mill Road'];

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length];
const pad = (n: number) => String(n).padStart(6, '0');

export function volumeSteps(accounts: number): PlanStep[] {
    const accountRecords: PlannedRecord[] = [];
    const contactRecords: PlannedRecord[] = [];
    for (let i = 1; i <= accounts; i++) {
        const key = `GEN-ACC-${pad(i)}`;
        const name = [
            pick(PREFIXES, i) + pick(STEMS, Math.floor(i / 10)),
            pick(KINDS, Math.floor(i / 100) + i),
            pick(FORMS, i)
        ]
            .filter(Boolean)
            .join(' ');
        const [city, country, dialling] = pick(CITIES, i * 7);
        const domain = `${name.split(' ')[0].toLowerCase()}${i}.example.com`;
        accountRecords.push({
            sobject: 'Account',
            referenceId: key,
            source: 'generated',
            fields: {
                [EXTERNAL_ID_FIELD]: key,
                Name: `${name} ${i}`,
                Phone: `${dialling} ${String(1000000 + ((i * 7919) % 8999999)).slice(0, 7)}`,
                Website: `https://www.${domain}`,
                BillingStreet: `${(i % 180) + 1} ${pick(STREETS, i)}`,
                BillingCity: city,
                BillingPostalCode: String(10000 + ((i * 37) % 89999)),
                BillingCountry: country
            }
        });
        for (const n of [1, 2]) {
            const first = pick(FIRST_NAMES, i * 3 + n);
            const last = pick(LAST_NAMES, i * 5 + n);
            const contactKey = `GEN-CON-${pad(i)}-${n}`;
            contactRecords.push({
                sobject: 'Contact',
                referenceId: contactKey,
                source: 'generated',
                fields: {
                    [EXTERNAL_ID_FIELD]: contactKey,
                    AccountId: `@${key}`,
                    FirstName: first,
                    LastName: last,
                    Email: `${first}.${last}.${i}@${domain}`
                        .normalize('NFD')
                        .replace(/[\u0300-\u036f]/g, '')
                        .toLowerCase(),
                    Phone: `${dialling} ${String(2000000 + ((i * 104729 + n) % 7999999)).slice(0, 7)}`
                }
            });
        }
    }
    return [
        { sobject: 'Account', records: accountRecords },
        { sobject: 'Contact', records: contactRecords }
    ];
}
