/**
 * lightning/graphql: gql, the graphql wire adapter (with `refresh`), refreshGraphQL and executeMutation, calling
 * local-org's UI API GraphQL endpoint as the signed-in user. Like LDS, a mutation does not re-run any query:
 * components refresh explicitly.
 */
import { API_VERSION, sessionToken } from 'preview/api';
import { gql as document, graphqlRequest, graphqlResult, isSendable } from 'preview/graphqlProtocol';

export const gql = document;

async function send(operation) {
    const request = graphqlRequest(API_VERSION, operation);
    const token = sessionToken();
    let response;
    try {
        response = await fetch(request.url, {
            method: request.method,
            headers: { ...request.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
            body: request.body
        });
    } catch (error) {
        return graphqlResult(0, { message: `Network error: ${error.message}` });
    }
    const text = await response.text();
    let body;
    try {
        body = text ? JSON.parse(text) : undefined;
    } catch {
        body = text;
    }
    return graphqlResult(response.status, body);
}

export function executeMutation({ query, variables, operationName }) {
    return send({ query, variables, operationName });
}

export function refreshGraphQL(result) {
    return typeof result?.refresh === 'function' ? result.refresh() : Promise.resolve();
}

export class graphql {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
        this.config = undefined;
        this.sequence = 0;
        this.refresh = () => this.fetch();
    }

    connect() {
        this.connected = true;
        this.fetch();
    }

    disconnect() {
        this.connected = false;
    }

    update(config) {
        this.config = config;
        this.fetch();
    }

    fetch() {
        const config = this.config;
        if (!this.connected || !isSendable(config)) return Promise.resolve();
        const sequence = ++this.sequence;
        return send(config).then((result) => {
            if (sequence === this.sequence && this.connected) this.dataCallback({ ...result, refresh: this.refresh });
        });
    }
}
