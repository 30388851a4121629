/**
 * Project mock of lightning/graphql. sfdx-lwc-jest 7.9 stubs only the graphql wire and a gql that returns
 * undefined; components here also use executeMutation, and tests assert the exact documents. It exports exactly
 * what the platform module exports (gql, graphql, executeMutation): a refresh goes through the wire result's
 * `refresh` (emit's third argument), and refreshGraphQL, which is the deprecated lightning/uiGraphQLApi's, is
 * absent so that a component importing it fails here as it would on the platform.
 */
import { createTestWireAdapter } from '@salesforce/sfdx-lwc-jest';

export class graphql extends createTestWireAdapter() {
    static emit(value, filterFn, refreshFn) {
        super.emit(
            { data: value, errors: undefined, ...(refreshFn !== undefined && { refresh: refreshFn }) },
            filterFn
        );
    }

    static emitErrors(errors, filterFn, refreshFn) {
        super.emit({ data: undefined, errors, ...(refreshFn !== undefined && { refresh: refreshFn }) }, filterFn);
    }

    constructor(dataCallback) {
        super(dataCallback);
        graphql.emit(undefined);
    }
}

/**
 * Returns the document text with interpolations applied, so `gql.mock.results` and the `query` an
 * executeMutation call received can be compared with the expected GraphQL.
 */
export const gql = jest.fn((strings, ...values) =>
    strings.reduce((text, part, index) => text + part + (index < values.length ? String(values[index]) : ''), '')
);

export const executeMutation = jest.fn(() => Promise.resolve({ data: undefined, errors: undefined }));
