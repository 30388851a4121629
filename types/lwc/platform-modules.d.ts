/**
 * Types for the platform modules Caseline's components import that @salesforce/lightning-types does not cover.
 * They describe the public contracts documented for LWC; keep them to what the components use.
 */

declare module '@salesforce/label/*' {
    const label: string;
    export default label;
}

declare module '@salesforce/schema/*' {
    const reference: { objectApiName: string; fieldApiName: string };
    export default reference;
}

declare module 'lightning/graphql' {
    // Exactly the platform module's exports: gql, the graphql wire adapter and executeMutation. Refreshing is the
    // wire result's refresh(); refreshGraphQL is the deprecated lightning/uiGraphQLApi's, so importing it fails tsc.
    export type GraphQLError = { message: string; locations?: unknown[]; paths?: string[]; extensions?: object };
    export type GraphQLResult<T = Record<string, unknown>> = { data?: T; errors?: GraphQLError[] };
    export type WiredGraphQLResult<T = Record<string, unknown>> = GraphQLResult<T> & { refresh?: () => Promise<void> };
    export function gql(strings: TemplateStringsArray, ...values: unknown[]): unknown;
    export const graphql: import('lwc').WireAdapterConstructor;
    export function executeMutation<T = Record<string, unknown>>(options: {
        query: unknown;
        variables?: Record<string, unknown>;
        operationName?: string;
    }): Promise<GraphQLResult<T>>;
}

declare module 'lightning/actions' {
    export class CloseActionScreenEvent extends CustomEvent<undefined> {
        constructor();
    }
}

declare module 'lightning/refresh' {
    export class RefreshEvent extends CustomEvent<undefined> {
        constructor();
    }
}

declare module 'lightning/uiObjectInfoApi' {
    // getPicklistValuesByRecordType: the UI API Picklist Values Collection of one record type.
    export const getPicklistValuesByRecordType: import('lwc').WireAdapterConstructor;
}

declare module 'lightning/uiRecordApi' {
    export function notifyRecordUpdateAvailable(records: { recordId: string }[]): Promise<void>;
}

declare module 'lightning/platformShowToastEvent' {
    export class ShowToastEvent extends CustomEvent<unknown> {
        constructor(toast: {
            title: string;
            message?: string;
            messageData?: (string | { url: string; label: string })[];
            variant?: 'info' | 'success' | 'warning' | 'error';
            mode?: 'dismissible' | 'pester' | 'sticky';
        });
    }
}

// Component Reference, "Flow Support": the events a lightning__FlowScreen component fires.
declare module 'lightning/flowSupport' {
    export class FlowAttributeChangeEvent extends CustomEvent<unknown> {
        constructor(attributeName: string, attributeValue: unknown);
    }
    export class FlowNavigationNextEvent extends CustomEvent<undefined> {
        constructor();
    }
    export class FlowNavigationBackEvent extends CustomEvent<undefined> {
        constructor();
    }
    export class FlowNavigationPauseEvent extends CustomEvent<undefined> {
        constructor();
    }
    export class FlowNavigationFinishEvent extends CustomEvent<undefined> {
        constructor();
    }
}
