/**
 * GraphQL errors the way Salesforce's endpoint (graphql-java underneath) reports them. Sources:
 * - validation: `{message, locations, paths, extensions: {ErrorType: "ValidationError"}}` (lwc-recipes
 *   stateManager/__tests__/data/graphqlErrors.json; research/api-conformance.md §7.2), message in graphql-java's
 *   form `Validation error (FieldUndefined@[uiapi/query/Account/edges/node/Foo__c]) : Field 'Foo__c' in type
 *   'Account' is undefined`;
 * - syntax: graphql-java's `Invalid Syntax : ...` with ErrorType InvalidSyntax;
 * - a failed operation or resolver: `{message, locations, paths, extensions: {ErrorType: "DataFetchingException"}}`,
 *   `paths` naming the schema fields down to the one that failed (["uiapi", "CaseUpdate"], not the alias), as
 *   Salesforce's validation errors name them and as captured in the project's fixture
 *   (force-app/.../ldsUtils/__tests__/data/graphqlMutationErrors.json). With allOrNone, each other operation of
 *   the request then reports the rollback (PROCESSING_HALTED's message), after the failure. The GraphQL API guide
 *   shows no failed-operation response, so this is the most defensible reading, not a documented shape. local-org
 *   adds `errorCode`, the Salesforce error code behind the message (REQUIRED_FIELD_MISSING...), which the guide
 *   does not document: see the README.
 */
import { GraphQLError, Kind, visit, type ASTNode, type DocumentNode, type SourceLocation } from 'graphql';

export interface SalesforceGraphQLError {
    message: string;
    locations: readonly SourceLocation[];
    paths?: string[];
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

/** The schema field names from the operation down to the field that failed, as Salesforce reports `paths`. */
function fieldPaths(document: DocumentNode, error: GraphQLError): string[] {
    const node = error.nodes?.[0];
    const named = node ? pathTo(document, node) : [];
    return named.length > 0 ? named : (error.path ?? []).filter((segment) => typeof segment === 'string');
}

export function fieldError(document: DocumentNode, error: GraphQLError): SalesforceGraphQLError {
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
    return { message: error.message, locations: error.locations ?? [], paths: fieldPaths(document, error), extensions };
}

/** A problem with the request as a whole (no query, bad variables), before anything runs. */
export function requestError(message: string, errorType = 'ValidationError'): SalesforceGraphQLError {
    return { message, locations: [], paths: [], extensions: { ErrorType: errorType } };
}

/** What each other operation of an allOrNone request reports when one operation failed and all were rolled back. */
export function rolledBackError(fieldName: string): SalesforceGraphQLError {
    return {
        message: 'The transaction was rolled back since another operation in the same transaction failed.',
        locations: [],
        paths: ['uiapi', fieldName],
        extensions: { ErrorType: 'DataFetchingException', errorCode: 'PROCESSING_HALTED' }
    };
}
