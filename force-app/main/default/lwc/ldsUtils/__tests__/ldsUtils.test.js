import { errorCodes, errorOperation, failedOperation, reduceErrors } from 'c/ldsUtils';

const updateRecordValidationError = require('./data/updateRecordValidationError.json');
const getRecordNotFound = require('./data/getRecordNotFound.json');
const graphqlMutationErrors = require('./data/graphqlMutationErrors.json');

describe('reduceErrors', () => {
    it('returns page and field errors of a failed record save, page errors first', () => {
        expect(reduceErrors(updateRecordValidationError)).toEqual([
            'A closed web form cannot be reopened.',
            'Required fields are missing: [Subject]'
        ]);
    });

    it('returns the messages of a UI API read error body', () => {
        expect(reduceErrors(getRecordNotFound)).toEqual(['The requested resource does not exist']);
    });

    it('returns every message of a GraphQL response with errors', () => {
        expect(reduceErrors(graphqlMutationErrors)).toEqual([
            'Last Review Comments: data value too large: (max length=1000)',
            'The transaction was rolled back since another operation in the same transaction failed.'
        ]);
    });

    it('returns the message of a JavaScript error', () => {
        expect(reduceErrors(new TypeError('Cannot read properties of undefined'))).toEqual([
            'Cannot read properties of undefined'
        ]);
    });

    it('reads pageErrors and fieldErrors of a body without output', () => {
        const error = {
            body: {
                pageErrors: [{ message: 'Insufficient access rights on object id' }],
                fieldErrors: { Status: [{ message: 'Status: bad value for restricted picklist field: Done' }] }
            }
        };
        expect(reduceErrors(error)).toEqual([
            'Insufficient access rights on object id',
            'Status: bad value for restricted picklist field: Done'
        ]);
    });

    it('falls back to the body message, then the status text', () => {
        expect(reduceErrors({ body: { message: 'Script-thrown exception' } })).toEqual(['Script-thrown exception']);
        expect(reduceErrors({ statusText: 'Service Unavailable' })).toEqual(['Service Unavailable']);
    });

    it('flattens lists, drops empty entries and repeats', () => {
        expect(reduceErrors([getRecordNotFound, null, undefined, '', getRecordNotFound, 'Timed out'])).toEqual([
            'The requested resource does not exist',
            'Timed out'
        ]);
    });

    it('returns nothing for no error', () => {
        expect(reduceErrors(undefined)).toEqual([]);
        expect(reduceErrors([])).toEqual([]);
    });
});

describe('errorCodes', () => {
    it('reads codes from extensions or leading a message, once each, in order', () => {
        expect(
            errorCodes([
                { message: 'Use one of these records?', extensions: { errorCode: 'DUPLICATES_DETECTED' } },
                { message: 'REQUIRED_FIELD_MISSING: Required fields are missing: [StageName]' },
                { message: 'Use one of these records?', extensions: { errorCode: 'DUPLICATES_DETECTED' } },
                new Error('Network failure')
            ])
        ).toEqual(['DUPLICATES_DETECTED', 'REQUIRED_FIELD_MISSING']);
    });

    it('finds none in an error that names none', () => {
        expect(errorCodes(graphqlMutationErrors.errors)).toEqual([]);
        expect(errorCodes(undefined)).toEqual([]);
    });
});

describe('errorOperation and failedOperation', () => {
    it('read the operation from Salesforce’s paths (field names) or the spec’s path (aliases)', () => {
        expect(errorOperation(graphqlMutationErrors.errors[0])).toBe('CaseUpdate');
        expect(errorOperation({ message: 'x', path: ['uiapi', 'webForm'] })).toBe('webForm');
        expect(errorOperation({ message: 'x', paths: [] })).toBeNull();
        expect(errorOperation(new Error('x'))).toBeNull();
    });

    it('blame the first operation reported, not the ones rolled back after it', () => {
        expect(failedOperation(graphqlMutationErrors.errors)).toBe('CaseUpdate');
        expect(failedOperation([new Error('x')])).toBeNull();
    });
});
