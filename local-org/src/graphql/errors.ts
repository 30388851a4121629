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
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type SourceLocation } from 'graphql';

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

/** The field (and argument) names from the operation down to the node, as graphql-java prints validation paths. */
function pathTo(document: DocumentNode, target: ASTNode): string[] {
    const stack: string[] = [];
    let found: string[] = [];
    visit(document, {
        enter(node) {
            if (node.kind === Kind.FIELD || node.kind === Kind.ARGUMENT) stack.push(node.name.value);
            if (node === target) found = [...stack];
        },
        leave(node) {
            if (node.kind === Kind.FIELD || node.kind === Kind.ARGUMENT) stack.pop();
        }
    });
    return found;
}

/**
 * graphql-js messages by the graphql-java validation error type they correspond to. graphql-java prints
 * `Validation error (<Type>@[<path>]) : <description>`; the three most common descriptions are restated in its
 * words, the others keep graphql-js's wording under graphql-java's type (clients match on the type).
 */
const CLASSIFIED: [RegExp, string, ((m: RegExpExecArray) => string)?][] = [
    [
        /^Cannot query field "([^"]+)" on type "([^"]+)"\./,
        'FieldUndefined',
        (m) => `Field '${m[1]}' in type '${m[2]}' is undefined`
    ],
    [/^Unknown argument "([^"]+)" on field "([^"]+)"\./, 'UnknownArgument', (m) => `Unknown field argument '${m[1]}'`],
    [/^Unknown type "([^"]+)"\./, 'UnknownType', (m) => `Unknown type '${m[1]}'`],
    [/^Variable "\$[^"]+" of type "[^"]+" used in position expecting/, 'VariableTypeMismatch'],
    [/^Unknown directive/, 'UnknownDirective'],
    [/^Field "[^"]+" argument "[^"]+" of type "[^"]+" is required/, 'MissingFieldArgument'],
    [/^Field "[^"]+" of required type "[^"]+" was not provided/, 'WrongType'],
    [/^(Expected value of type|Field "[^"]+" is not defined by type|Enum "[^"]+" cannot represent)/, 'WrongType'],
    [/must have a selection of subfields/, 'SubselectionRequired'],
    [/must not have a selection since type/, 'SubselectionNotAllowed'],
    [/^Variable "\$[^"]+" is not defined/, 'UndefinedVariable'],
    [/^Variable "\$[^"]+" is never used/, 'UnusedVariable'],
    [/^Unknown fragment/, 'UndefinedFragment'],
    [/^Fragment "[^"]+" is never used/, 'UnusedFragment'],
    [/^There can be only one/, 'DuplicateName']
];

export function validationError(document: DocumentNode, error: GraphQLError): SalesforceGraphQLError {
    // The first node that lies under a field (a variable's definition does not; its use does).
    const path = (error.nodes ?? []).map((node) => pathTo(document, node)).find((p) => p.length > 0) ?? [];
    let message = `Validation error : ${error.message}`;
    for (const [pattern, type, describe] of CLASSIFIED) {
        const match = pattern.exec(error.message);
        if (!match) continue;
        const at = path.length > 0 ? `@[${path.join('/')}]` : '';
        message = `Validation error (${type}${at}) : ${describe ? describe(match) : error.message}`;
        break;
    }
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
    // An error outside any field (variables that do not fit their types, an unknown operationName) is the
    // request's, found before anything ran.
    if (!error.path) return { ...requestError(error.message), locations: error.locations ?? [] };
    return { message: error.message, locations: error.locations ?? [], path: error.path, extensions };
}

/** A problem with the request as a whole (no query, bad variables), before anything runs. */
export function requestError(message: string, errorType = 'ValidationError'): SalesforceGraphQLError {
    return { message, locations: [], paths: [], extensions: { ErrorType: errorType } };
}
