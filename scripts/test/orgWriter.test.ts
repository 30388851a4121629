import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchBulkResults, parseBulkError, toBulkCsv } from '../lib/orgWriter.ts';

test('bulk CSV has one header for all records, #N/A for null and Relationship.Field for lookups', () => {
    const csv = toBulkCsv([
        { Caseline_Key__c: 'K-1', Subject: 'Leak, "urgent"', Account: { Caseline_Key__c: 'DEMO-ACC-001' } },
        { Caseline_Key__c: 'K-2', Description: null, Subject: 'Line one\nline two' }
    ]);
    assert.equal(
        csv,
        'Caseline_Key__c,Subject,Account.Caseline_Key__c,Description\n' +
            'K-1,"Leak, ""urgent""",DEMO-ACC-001,\n' +
            'K-2,"Line one\nline two",,#N/A\n'
    );
});

test('a Bulk API failure string is split into code, message and fields', () => {
    assert.deepEqual(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --'), {
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Name]',
        fields: ['Name']
    });
    assert.deepEqual(parseBulkError('STRING_TOO_LONG:Account Name: data value too large: x (max length=255):Name --'), {
        statusCode: 'STRING_TOO_LONG',
        message: 'Account Name: data value too large: x (max length=255)',
        fields: ['Name']
    });
    assert.deepEqual(parseBulkError('REQUIRED_FIELD_MISSING:Required fields are missing: [Name, Type]:Name Type --'), {
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: 'Required fields are missing: [Name, Type]',
        fields: ['Name', 'Type']
    });
    assert.deepEqual(parseBulkError('FIELD_CUSTOM_VALIDATION_EXCEPTION:Pick a web form:--'), {
        statusCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        message: 'Pick a web form',
        fields: []
    });
    assert.deepEqual(parseBulkError('something odd'), {
        statusCode: 'UNKNOWN_ERROR',
        message: 'something odd',
        fields: []
    });
});

test('bulk results are put back in input order by external id, unprocessed and missing rows included', () => {
    const records = ['K-1', 'K-2', 'K-3', 'K-4'].map((key) => ({ Caseline_Key__c: key }));
    const results = matchBulkResults(records, {
        successfulResults: [
            { sf__Id: '001000000000002AAA', sf__Created: 'false', Caseline_Key__c: 'k-2' },
            { sf__Id: '001000000000001AAA', sf__Created: 'true', Caseline_Key__c: 'K-1' }
        ],
        failedResults: [
            {
                sf__Id: '',
                sf__Error: 'REQUIRED_FIELD_MISSING:Required fields are missing: [Name]:Name --',
                Caseline_Key__c: 'K-3'
            }
        ],
        unprocessedRecords: []
    });
    assert.deepEqual(results, [
        { id: '001000000000001AAA', success: true, created: true, errors: [] },
        { id: '001000000000002AAA', success: true, created: false, errors: [] },
        {
            success: false,
            errors: [
                {
                    statusCode: 'REQUIRED_FIELD_MISSING',
                    message: 'Required fields are missing: [Name]',
                    fields: ['Name']
                }
            ]
        },
        {
            success: false,
            errors: [{ statusCode: 'NO_RESULT', message: 'Bulk API returned no result for this record.' }]
        }
    ]);
});
