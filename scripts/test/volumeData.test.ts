import assert from 'node:assert/strict';
import { test } from 'node:test';
import { volumeSteps } from '../lib/volumeData.ts';

test('volume data is the same for the same size, with unique keys and contacts pointing at their accounts', () => {
    const [accounts, contacts] = volumeSteps(500);
    assert.deepEqual(volumeSteps(500), [accounts, contacts]);
    assert.equal(accounts.records.length, 500);
    assert.equal(contacts.records.length, 1000);
    const keys = [...accounts.records, ...contacts.records].map((record) => record.fields.Caseline_Key__c);
    assert.equal(new Set(keys).size, keys.length);
    const accountRefs = new Set(accounts.records.map((record) => record.referenceId));
    assert.ok(contacts.records.every((record) => accountRefs.has(String(record.fields.AccountId).slice(1))));
    assert.ok(contacts.records.every((record) => /^[a-z.0-9]+@[a-z0-9.]+$/.test(String(record.fields.Email))));
    assert.ok(accounts.records.every((record) => String(record.fields.Name).length <= 255));
});
