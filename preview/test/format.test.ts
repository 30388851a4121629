/** Values and labels as a Lightning record page shows them, for the signed-in user's locale and time zone. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

interface Field {
    name: string;
    label: string;
    type: string;
    picklistValues?: { value: string; label: string }[];
    scale?: number;
}
interface Format {
    formatValue(field: Field, value: unknown, user?: { locale?: string; timeZone?: string }): string;
    fieldLabel(objectApiName: string, field: Field): string;
}
const modulePath = '../modules/preview/format/format.js';
const { formatValue, fieldLabel } = (await import(modulePath)) as Format;

const us = { locale: 'en_US', timeZone: 'GMT' };

describe('formatValue', () => {
    test('a date and a date/time share the locale format; a date/time is in the user time zone, without seconds', () => {
        const date = { name: 'ActivityDate', label: 'Due Date Only', type: 'date' };
        const datetime = { name: 'CreatedDate', label: 'Created Date', type: 'datetime' };
        assert.equal(formatValue(date, '2026-12-03', us), '12/3/2026');
        assert.equal(formatValue(datetime, '2026-12-03T09:05:43.000+0000', us), '12/3/2026, 9:05 AM');
        const la = { locale: 'en_US', timeZone: 'America/Los_Angeles' };
        assert.equal(formatValue(datetime, '2026-12-03T09:05:43.000+0000', la), '12/3/2026, 1:05 AM');
        assert.equal(formatValue(date, '2026-12-03', la), '12/3/2026', 'a date has no time zone');
        const uk = { locale: 'en_GB', timeZone: 'Europe/London' };
        assert.equal(formatValue(date, '2026-12-03', uk), '03/12/2026');
        assert.equal(formatValue(datetime, '2026-12-03T09:05:43.000+0000', uk), '03/12/2026, 09:05');
    });

    test('picklists show their labels, numbers are grouped, empty values are empty', () => {
        const priority = {
            name: 'Priority',
            label: 'Priority',
            type: 'picklist',
            picklistValues: [{ value: 'H', label: 'High' }]
        };
        assert.equal(formatValue(priority, 'H', us), 'High');
        assert.equal(
            formatValue({ name: 'Amount', label: 'Amount', type: 'currency', scale: 2 }, 1234.5, us),
            '1,234.5'
        );
        assert.equal(formatValue({ name: 'Subject', label: 'Subject', type: 'string' }, null, us), '');
    });
});

describe('fieldLabel', () => {
    test("standard lookups and fields take Setup's labels, other lookups lose the API's ' ID'", () => {
        assert.equal(fieldLabel('Case', { name: 'AccountId', label: 'Account ID', type: 'reference' }), 'Account Name');
        assert.equal(fieldLabel('Case', { name: 'ContactId', label: 'Contact ID', type: 'reference' }), 'Contact Name');
        assert.equal(fieldLabel('Task', { name: 'ActivityDate', label: 'Due Date Only', type: 'date' }), 'Due Date');
        assert.equal(
            fieldLabel('Case', { name: 'CreatedById', label: 'Created By ID', type: 'reference' }),
            'Created By'
        );
        assert.equal(fieldLabel('Case', { name: 'Subject', label: 'Subject', type: 'string' }), 'Subject');
    });
});
