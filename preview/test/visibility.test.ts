/** Record page visibility rules, as the shell applies them to quick actions. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

interface Visibility {
    isVisible(rule: unknown, record: unknown): boolean;
    fieldsOfRules(rules: unknown[]): string[];
}
const modulePath = '../modules/preview/visibility/visibility.js';
const { isVisible, fieldsOfRules } = (await import(modulePath)) as Visibility;

const webForm = { Status: 'New', Priority: 'High', RecordType: { DeveloperName: 'Web_Form' } };
const phone = { Status: 'Working', Priority: 'Low', RecordType: { DeveloperName: 'Customer_Request' } };
const onlyWebForms = {
    criteria: [{ leftValue: '{!Record.RecordType.DeveloperName}', operator: 'EQUAL', rightValue: 'Web_Form' }]
};

describe('isVisible', () => {
    test('no rule means visible', () => {
        assert.equal(isVisible(undefined, phone), true);
    });

    test('a record type rule shows the action only on web-form cases', () => {
        assert.equal(isVisible(onlyWebForms, webForm), true);
        assert.equal(isVisible(onlyWebForms, phone), false);
    });

    test('criteria are AND-ed unless a boolean filter says otherwise', () => {
        const rule = {
            criteria: [
                { leftValue: '{!Record.Status}', operator: 'NE', rightValue: 'Closed' },
                { leftValue: '{!Record.Priority}', operator: 'EQUAL', rightValue: 'High' }
            ]
        };
        assert.equal(isVisible(rule, webForm), true);
        assert.equal(isVisible(rule, phone), false);
        assert.equal(isVisible({ ...rule, booleanFilter: '1 OR 2' }, phone), true);
        assert.equal(isVisible({ ...rule, booleanFilter: 'NOT (1 AND 2)' }, webForm), false);
    });

    test('an unsupported left value is an error, not a silent pass', () => {
        const rule = {
            criteria: [{ leftValue: '{!$Permission.CustomPermission.X}', operator: 'EQUAL', rightValue: 'true' }]
        };
        assert.throws(() => isVisible(rule, webForm), /not supported by the preview/);
    });

    test('fieldsOfRules lists the record fields the rules read', () => {
        assert.deepEqual(fieldsOfRules([onlyWebForms, undefined]), ['RecordType.DeveloperName']);
    });
});
