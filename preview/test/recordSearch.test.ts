/**
 * lightning-record-picker's requests (preview/modules/preview/recordSearch): the picker's documented `filter`
 * (criteria, dotted field paths, filterLogic) as a UI API GraphQL filter, the Name-prefix search and the selected
 * record's read, and the records read back from an answer.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

interface Operation {
    query: string;
    operationName: string;
    variables: { where: unknown; first: number };
}
interface RecordSearch {
    FILTER_OPERATORS: string[];
    criterionFilter(criterion: unknown): unknown;
    parseFilterLogic(logic: string, filters: unknown[]): unknown;
    pickerFilter(filter: unknown): unknown;
    startsWithPattern(text: string): string;
    searchOperation(objectApiName: string, text: string, filter?: unknown): Operation;
    recordOperation(objectApiName: string, recordId: string): Operation;
    recordsOf(data: unknown, objectApiName: string): { id: string; name: string }[];
}
const modulePath = '../modules/preview/recordSearch/recordSearch.js';
const search = (await import(modulePath)) as RecordSearch;

describe('the picker filter as a GraphQL filter', () => {
    test('a criterion; a dotted field path nests through the relationship', () => {
        assert.deepEqual(search.criterionFilter({ fieldPath: 'AccountId', operator: 'eq', value: '001x' }), {
            AccountId: { eq: '001x' }
        });
        assert.deepEqual(search.criterionFilter({ fieldPath: 'Parent.Name', operator: 'like', value: 'Acme%' }), {
            Parent: { Name: { like: 'Acme%' } }
        });
        assert.deepEqual(search.criterionFilter({ fieldPath: 'Website', operator: 'eq', value: null }), {
            Website: { eq: null }
        });
    });

    test('unknown operators and field paths that are not names are refused', () => {
        assert.throws(
            () => search.criterionFilter({ fieldPath: 'Name', operator: 'startsWith', value: 'A' }),
            /startsWith/
        );
        assert.throws(() => search.criterionFilter({ fieldPath: 'Name) {', operator: 'eq', value: 'A' }), /fieldPath/);
    });

    test('criteria are ANDed unless filterLogic says otherwise; AND binds tighter than OR; NOT and parentheses', () => {
        const criteria = [
            { fieldPath: 'Type', operator: 'ne', value: 'Partner' },
            { fieldPath: 'Website', operator: 'eq', value: null },
            { fieldPath: 'Parent.Name', operator: 'like', value: 'Acme%' }
        ];
        const [one, two, three] = criteria.map(search.criterionFilter);
        assert.equal(search.pickerFilter(undefined), null);
        assert.equal(search.pickerFilter({ criteria: [] }), null);
        assert.deepEqual(search.pickerFilter({ criteria: criteria.slice(0, 1) }), one);
        assert.deepEqual(search.pickerFilter({ criteria }), { and: [one, two, three] });
        assert.deepEqual(search.pickerFilter({ criteria, filterLogic: '1 OR 2 AND 3' }), {
            or: [one, { and: [two, three] }]
        });
        assert.deepEqual(search.pickerFilter({ criteria, filterLogic: '(1 OR 2) AND NOT 3' }), {
            and: [{ or: [one, two] }, { not: three }]
        });
        assert.throws(() => search.pickerFilter({ criteria, filterLogic: '1 AND 4' }), /no criterion 4/);
        assert.throws(() => search.pickerFilter({ criteria, filterLogic: '(1 OR 2' }), /missing \)/);
    });
});

describe('the requests', () => {
    test('the search: Name starts with the typed text, within the filter', () => {
        assert.equal(search.startsWithPattern(' Bright '), 'Bright%');
        const filter = { criteria: [{ fieldPath: 'AccountId', operator: 'eq', value: '001x' }] };
        const operation = search.searchOperation('Contact', 'Dev', filter);
        assert.equal(operation.operationName, 'RecordPickerSearch');
        assert.match(operation.query, /^query RecordPickerSearch\(\$where: Contact_Filter, \$first: Int\)/);
        assert.match(
            operation.query,
            /Contact\(where: \$where, first: \$first, orderBy: \{ Name: \{ order: ASC \} \}\)/
        );
        assert.deepEqual(operation.variables, {
            where: { and: [{ Name: { like: 'Dev%' } }, { AccountId: { eq: '001x' } }] },
            first: 50
        });
        assert.deepEqual(search.searchOperation('Account', 'No').variables.where, { Name: { like: 'No%' } });
        assert.throws(() => search.searchOperation('Account { x }', 'No'), /object-api-name/);
    });

    test('the selected record by Id, and the records of an answer', () => {
        const operation = search.recordOperation('Account', '001000000000001AAA');
        assert.deepEqual(operation.variables, { where: { Id: { eq: '001000000000001AAA' } }, first: 1 });
        const data = {
            uiapi: {
                query: {
                    Account: {
                        edges: [
                            { node: { Id: '001a', Name: { value: 'Acme', displayValue: null } } },
                            { node: { Id: '001b', Name: { value: 'Bolt', displayValue: 'Bolt Ltd' } } }
                        ]
                    }
                }
            }
        };
        assert.deepEqual(search.recordsOf(data, 'Account'), [
            { id: '001a', name: 'Acme' },
            { id: '001b', name: 'Bolt Ltd' }
        ]);
        assert.deepEqual(search.recordsOf(undefined, 'Account'), []);
    });
});
