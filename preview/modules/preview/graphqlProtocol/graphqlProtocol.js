/**
 * The UI API GraphQL wire protocol, free of browser and LWC imports so node:test can check it: documents from
 * `gql`, the request a query or mutation becomes, and the result LDS hands components.
 */

/** A document: `gql` tagged templates keep their text; interpolated documents (fragments) are inlined. */
export function gql(strings, ...values) {
    const source = strings.reduce((text, part, index) => {
        if (index >= values.length) return text + part;
        const value = values[index];
        return text + part + (isDocument(value) ? value.source : String(value));
    }, '');
    return Object.freeze({ kind: 'Document', source });
}

export function isDocument(value) {
    return typeof value === 'object' && value !== null && value.kind === 'Document' && typeof value.source === 'string';
}

function documentText(query) {
    if (isDocument(query)) return query.source;
    if (typeof query === 'string') return query;
    throw new TypeError('query must be a document created with gql');
}

/** The HTTP request for one operation: `POST /services/data/vNN.N/graphql` with a JSON body. */
export function graphqlRequest(apiVersion, { query, variables, operationName }) {
    const body = { query: documentText(query) };
    if (variables !== undefined && variables !== null) body.variables = variables;
    if (operationName) body.operationName = operationName;
    return {
        url: `/services/data/v${apiVersion}/graphql`,
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify(body)
    };
}

/** Whether a wire config can be sent: nothing is sent while the query (or a reactive value) is still undefined. */
export function isSendable(config) {
    if (!config || config.query === undefined || config.query === null) return false;
    return true;
}

/**
 * The `{data, errors}` a component sees for an HTTP response: the server's `errors: []` on success becomes
 * `undefined` (components test `if (errors)`); a failed call becomes one error carrying the server's message.
 */
export function graphqlResult(status, body) {
    if (status >= 200 && status < 300 && body && typeof body === 'object' && !Array.isArray(body)) {
        const errors = Array.isArray(body.errors) && body.errors.length > 0 ? body.errors : undefined;
        return { data: body.data ?? undefined, errors };
    }
    const first = Array.isArray(body) ? body[0] : body;
    const message =
        (first && typeof first === 'object' && (first.message || first.errorCode)) ||
        (typeof body === 'string' && body) ||
        `HTTP ${status}`;
    const errorCode = first && typeof first === 'object' ? first.errorCode : undefined;
    return {
        data: undefined,
        errors: [{ message, locations: [], paths: [], extensions: { ErrorType: errorCode ?? `HTTP_${status}` } }]
    };
}
