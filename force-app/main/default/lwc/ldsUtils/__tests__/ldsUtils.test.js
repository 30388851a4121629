import { reduceErrors } from 'c/ldsUtils';

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
