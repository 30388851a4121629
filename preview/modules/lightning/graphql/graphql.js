/**
 * lightning/graphql: gql, the graphql wire adapter (its result carries `refresh`) and executeMutation, calling
 * local-org's UI API GraphQL endpoint as the signed-in user. Like LDS, a mutation does not re-run any query:
 * components refresh explicitly. It exports exactly what the platform module exports (LWC Developer Guide,
 * "lightning/graphql Wire Adapter (v2)", "refresh", "executeMutation"): refreshGraphQL belongs to the deprecated
 * lightning/uiGraphQLApi, so importing it from here fails the preview build as it would fail on the platform.
 */
import { postGraphql } from 'preview/api';
import { gql as document, isSendable } from 'preview/graphqlProtocol';

export const gql = document;

export function executeMutation({ query, variables, operationName }) {
    return postGraphql({ query, variables, operationName });
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
        return postGraphql(config).then((result) => {
            if (sequence === this.sequence && this.connected) this.dataCallback({ ...result, refresh: this.refresh });
        });
    }
}
