/**
 * Field values and labels as Lightning Experience shows them on a record page: dates and times in the user's
 * locale and time zone (the User record's LocaleSidKey and TimeZoneSidKey, which `/services/oauth2/userinfo`
 * reports as `locale` and `zoneinfo`), numbers in the user's locale, picklists by their labels, and the field
 * labels Setup shows rather than the API's "... ID" labels of standard lookups.
 */

/**
 * Lightning shows a standard field under the label Setup gives it, which for these differs from the describe's
 * `label` ("Account ID", "Due Date Only", ...). Salesforce Help, "Case Fields" (Account Name, Contact Name, Case
 * Owner, Parent Case, Web Name, Web Email, Web Phone, Web Company) and "Task Fields" (Due Date, Name, Related To, Assigned To).
 */
const SETUP_LABELS = {
    Case: {
        AccountId: 'Account Name',
        ContactId: 'Contact Name',
        OwnerId: 'Case Owner',
        ParentId: 'Parent Case',
        SuppliedName: 'Web Name',
        SuppliedEmail: 'Web Email',
        SuppliedPhone: 'Web Phone',
        SuppliedCompany: 'Web Company'
    },
    Contact: { AccountId: 'Account Name', OwnerId: 'Contact Owner', ReportsToId: 'Reports To' },
    Opportunity: { AccountId: 'Account Name', OwnerId: 'Opportunity Owner' },
    Contract: { AccountId: 'Account Name', OwnerId: 'Contract Owner' },
    Account: { OwnerId: 'Account Owner', ParentId: 'Parent Account' },
    Task: { ActivityDate: 'Due Date', WhoId: 'Name', WhatId: 'Related To', OwnerId: 'Assigned To' }
};

/** The label Lightning shows for a field: Setup's label, else the describe's, a lookup's without " ID". */
export function fieldLabel(objectApiName, field) {
    const setup = SETUP_LABELS[objectApiName]?.[field.name];
    if (setup) return setup;
    return field.type === 'reference' ? field.label.replace(/ ID$/, '') : field.label;
}

/** Salesforce locale keys (`en_US`, `de_DE_EURO`) as BCP 47 tags; an unknown one falls back to en-US. */
export function localeTag(localeSidKey) {
    const [language, country] = String(localeSidKey || 'en_US').split('_');
    const tag = country ? `${language}-${country}` : language;
    try {
        return Intl.DateTimeFormat.supportedLocalesOf([tag]).length ? tag : 'en-US';
    } catch {
        return 'en-US';
    }
}

/** A valid IANA zone for Intl (Salesforce's TimeZoneSidKey values are IANA names and `GMT`), else UTC. */
function timeZoneOf(timeZoneSidKey) {
    try {
        return new Intl.DateTimeFormat('en-US', { timeZone: timeZoneSidKey }).resolvedOptions().timeZone;
    } catch {
        return 'UTC';
    }
}

const DATE = { year: 'numeric', month: 'numeric', day: 'numeric' };

/** Salesforce's time formats: `h:mm a` where the locale counts 12 hours (en_US), `HH:mm` where it counts 24 (en_GB). */
function timeOptions(locale) {
    const hour12 = new Intl.DateTimeFormat(locale, { hour: 'numeric' }).resolvedOptions().hour12;
    return { hour: hour12 ? 'numeric' : '2-digit', minute: '2-digit' };
}

/**
 * The text Lightning shows for a value, for a user `{locale, timeZone}`: a date `12/3/2026` (a date has no time
 * zone), a date/time `12/3/2026, 9:05 AM` in the user's zone (en_US; other locales their own order), picklist
 * labels, numbers grouped. Booleans and lookups are not text on a record page (a checkbox, a link).
 */
export function formatValue(field, value, user = {}) {
    if (value === null || value === undefined || value === '') return '';
    const locale = localeTag(user.locale);
    switch (field?.type) {
        case 'date':
            return new Intl.DateTimeFormat(locale, { ...DATE, timeZone: 'UTC' }).format(new Date(`${value}T00:00:00Z`));
        case 'datetime':
            return new Intl.DateTimeFormat(locale, {
                ...DATE,
                ...timeOptions(locale),
                timeZone: timeZoneOf(user.timeZone)
            }).format(new Date(value));
        case 'picklist':
            return field.picklistValues?.find((p) => p.value === value)?.label ?? String(value);
        case 'multipicklist':
            return String(value)
                .split(';')
                .map((v) => field.picklistValues?.find((p) => p.value === v)?.label ?? v)
                .join('; ');
        case 'currency':
        case 'double':
        case 'percent':
        case 'int':
            return new Intl.NumberFormat(locale, { maximumFractionDigits: field.scale ?? 2 }).format(Number(value));
        default:
            return String(value);
    }
}
