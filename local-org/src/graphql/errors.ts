/**
 * GraphQL errors the way Salesforce's endpoint (graphql-java underneath) reports them. Sources:
 * - validation: `{message, locations, paths, extensions: {ErrorType: "ValidationError"}}` (lwc-recipes
 *   stateManager/__tests__/data/graphqlErrors.json; research/api-conformance.md §7.2), message in graphql-java's
 *   form `Validation error (FieldUndefined@[uiapi/query/Account/edges/node/Foo__c]) : Field 'Foo__c' in type
 *   'Account' is undefined`;
 * - syntax: graphql-java's `Invalid Syntax : ...` with ErrorType InvalidSyntax;
 * - a failed operation or resolver: the spec's field error `{message, locations, path, extensions}` with
 *   ErrorType DataFetchingException (graphql-java's classification); local-org adds `errorCode`, the Salesforce
 *   error code behind the message (REQUIRED_FIELD_MISSING...), not seen in a real response: see the README.
 */
import { GraphQLError, visit, type ASTNode, type DocumentNode, type SourceLocation } from 'graphql';

export interface SalesforceGraphQLError {
    message: string;
    locations: readonly SourceLocation[];
    paths?: string[];
    path?: readonly (string | number)[];
    extensions: Record<string, unknown>;
}

/** A request-level problem found while running it (bad filter value, bad cursor): a field error of that field. */
export class GraphQLRequestError extends GraphQLError {
    constructor(
        message: string,
        readonly errorType: string,
        readonly errorCode?: string
    ) {
        super(message);
    }
}

export function syntaxError(error: GraphQLError): SalesforceGraphQLError {
    return {
        message: `Invalid Syntax : ${error.message.replace(/^Syntax Error: /, '')}`,
        locations: error.locations ?? [],
        extensions: { ErrorType: 'InvalidSyntax' }
    };
}

/** The field names from the operation down to the node, as graphql-java prints validation paths. */
function pathTo(document: DocumentNode, target: ASTNode | undefined): string[] {
    if (!target) return [];
    const stack: string[] = [];
    let found: string[] = [];
    visit(document, {
        Field: {
            enter(node) {
                stack.push(node.name.value);
                if (node === target) found = [...stack];
            },
            leave() {
                stack.pop();
            }
        },
        Argument(node) {
            if (node === target) found = [...stack, node.name.value];
        }
    });
    return found;
}

const CANNOT_QUERY = /^Cannot query field "([^"]+)" on type "([^"]+)"\./;
const UNKNOWN_ARGUMENT = /^Unknown argument "([^"]+)" on field "([^"]+)"\./;
const UNKNOWN_TYPE = /^Unknown type "([^"]+)"\./;

export function validationError(document: DocumentNode, error: GraphQLError): SalesforceGraphQLError {
    const path = pathTo(document, error.nodes?.[0]);
    const at = `@[${path.join('/')}]`;
    let message = `Validation error : ${error.message}`;
    const field = CANNOT_QUERY.exec(error.message);
    const argument = UNKNOWN_ARGUMENT.exec(error.message);
    const type = UNKNOWN_TYPE.exec(error.message);
    if (field)
        message = `Validation error (FieldUndefined${at}) : Field '${field[1]}' in type '${field[2]}' is undefined`;
    else if (argument) {
        message = `Validation error (UnknownArgument${at}) : Unknown field argument '${argument[1]}'`;
    } else if (type) message = `Validation error (UnknownType) : Unknown type '${type[1]}'`;
    return {
        message,
        locations: error.locations ?? [],
        paths: path,
        extensions: { ErrorType: 'ValidationError' }
    };
}

export function fieldError(error: GraphQLError): SalesforceGraphQLError {
    const original = error.originalError;
    const extensions: Record<string, unknown> = { ErrorType: 'DataFetchingException' };
    if (original instanceof GraphQLRequestError) {
        extensions.ErrorType = original.errorType;
        if (original.errorCode) extensions.errorCode = original.errorCode;
    } else if (original && 'errorCode' in original && typeof original.errorCode === 'string') {
        extensions.errorCode = original.errorCode;
    }
    return { message: error.message, locations: error.locations ?? [], path: error.path ?? [], extensions };
}

/** A problem with the request as a whole (no query, bad variables), before anything runs. */
export function requestError(message: string, errorType = 'ValidationError'): SalesforceGraphQLError {
    return { message, locations: [], paths: [], extensions: { ErrorType: errorType } };
}
