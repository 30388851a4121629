/**
 * `POST /services/data/vNN.N/graphql`: Salesforce's UI API GraphQL endpoint. The body is `{query, variables,
 * operationName}`; the answer is always HTTP 200 with `{data, errors}` (`errors: []` on success), as on Salesforce.
 * graphql-js parses, validates and executes against the caller's generated schema (schemaGen.ts); the resolvers
 * read through the SOQL engine (records.ts) and write through writes.ts (mutations.ts). The call runs in the
 * server's one transaction; each `uiapi` mutation field runs in a savepoint of it (mutations.ts).
 */
import {
    defaultFieldResolver,
    executeSync,
    GraphQLError,
    parse,
    TypeInfo,
    validate,
    visit,
    visitWithTypeInfo,
    type DocumentNode,
    type GraphQLFieldResolver,
    type GraphQLSchema
} from 'graphql';
import type { CallContext } from '../context.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from '../rest/types.ts';
import {
    fieldError,
    requestError,
    rolledBackError,
    syntaxError,
    validationError,
    type SalesforceGraphQLError
} from './errors.ts';
import {
    MAX_FIELD_DEPTH,
    MAX_FIELDS,
    MAX_OBJECT_INFO_DEPTH,
    MAX_SUBQUERIES,
    operationCosts,
    parserLimitExceeded
} from './limits.ts';
import { MutationRun } from './mutations.ts';
import { objectInfos } from './objectInfo.ts';
import { connection, RecordNode, resolveNodeField, type ConnectionArgs } from './records.ts';
import { schemaFor } from './schemaGen.ts';

interface ExecutionContext {
    ctx: CallContext;
    /** Each `uiapi` mutation field by its response key: its savepoint is finished, and its results nulled when allOrNone undid it. */
    mutations: Map<string, MutationRun>;
}

const OPERATION = /^(.+)(Create|Update|Delete)$/;

const resolve: GraphQLFieldResolver<unknown, ExecutionContext> = (source, args, context, info) => {
    const { ctx } = context;
    if (source instanceof RecordNode) return resolveNodeField(ctx, source, args, info);
    switch (info.parentType.name) {
        case 'Query':
            return {};
        case 'UIAPI':
            return info.fieldName === 'objectInfos' ? objectInfos(ctx, args) : {};
        case 'RecordQuery':
            return connection(ctx, ctx.schema.object(info.fieldName)!, args as ConnectionArgs, info);
        case 'Mutation': {
            const input = args.input as { allOrNone?: boolean | null } | undefined;
            for (const earlier of context.mutations.values()) earlier.finish();
            const run = new MutationRun(ctx, input?.allOrNone ?? true, `graphql_uiapi_${context.mutations.size}`);
            context.mutations.set(String(info.path.key), run);
            return run;
        }
        case 'UIAPIMutations': {
            const [, objectName, operation] = OPERATION.exec(info.fieldName)!;
            const object = ctx.schema.object(objectName)!;
            return (source as MutationRun).run(
                info,
                operation as 'Create' | 'Update' | 'Delete',
                object,
                args.input as Record<string, unknown>
            );
        }
    }
    return defaultFieldResolver(source, args, context, info);
};

/**
 * `@optional` (API v65.0+): a field the user cannot access is left out of the result instead of failing the query.
 * Such a field is absent from the user's schema, so it is dropped from the document before validation.
 */
function withoutInaccessibleOptionalFields(schema: GraphQLSchema, document: DocumentNode): DocumentNode {
    const typeInfo = new TypeInfo(schema);
    return visit(
        document,
        visitWithTypeInfo(typeInfo, {
            Field(node) {
                const optional = node.directives?.some((d) => d.name.value === 'optional');
                if (optional && typeInfo.getParentType() && !typeInfo.getFieldDef()) return null;
                return undefined;
            }
        })
    );
}

/**
 * graphql-java's validation error for a document over its complexity limits: its type, as graphql-java names it,
 * in graphql-java's `Validation error (<Type>) : <description>` form; the description is local-org's wording.
 */
function complexityError(type: string, found: string, limit: number): SalesforceGraphQLError {
    return requestError(`Validation error (${type}) : ${found}; the limit is ${limit}`);
}

/**
 * Parses and validates a document against the caller's schema, as the endpoint does before running it (also used
 * by the test that checks every gql document in force-app).
 */
export function checkDocument(
    ctx: CallContext,
    query: string
): { schema: GraphQLSchema; document: DocumentNode } | { errors: SalesforceGraphQLError[] } {
    const cancelled = parserLimitExceeded(query);
    if (cancelled) return { errors: [syntaxError(new GraphQLError(cancelled))] };
    let parsed: DocumentNode;
    try {
        parsed = parse(query);
    } catch (error) {
        if (error instanceof GraphQLError) return { errors: [syntaxError(error)] };
        throw error;
    }
    const { schema } = schemaFor(ctx);
    const document = withoutInaccessibleOptionalFields(schema, parsed);
    const invalid = validate(schema, document);
    if (invalid.length > 0) return { errors: invalid.map((e) => validationError(document, e)) };
    const costs = operationCosts(schema, document);
    const fields = Math.max(0, ...costs.map((cost) => cost.fields));
    if (fields > MAX_FIELDS) {
        return { errors: [complexityError('MaxQueryFieldsExceeded', `The query has ${fields} fields`, MAX_FIELDS)] };
    }
    const depth = Math.max(0, ...costs.map((cost) => cost.depth));
    if (depth > MAX_FIELD_DEPTH) {
        return {
            errors: [complexityError('MaxQueryDepthExceeded', `The query nests ${depth} fields`, MAX_FIELD_DEPTH)]
        };
    }

    const subqueries = Math.max(0, ...costs.map((cost) => cost.subqueries));
    if (subqueries > MAX_SUBQUERIES) {
        return {
            errors: [
                requestError(
                    `The query has ${subqueries} subqueries; a GraphQL query can contain up to ${MAX_SUBQUERIES} subqueries.`
                )
            ]
        };
    }
    if (Math.max(0, ...costs.map((cost) => cost.objectInfoDepth)) > MAX_OBJECT_INFO_DEPTH) {
        const refusal = requestError(
            `objectInfo nested more than ${MAX_OBJECT_INFO_DEPTH} levels deep is not supported by local-org.`
        );
        return {
            errors: [{ ...refusal, extensions: { ...refusal.extensions, errorCode: 'NOT_SUPPORTED_BY_LOCAL_ORG' } }]
        };
    }
    return { schema, document };
}

interface GraphQLBody {
    data?: unknown;
    errors: SalesforceGraphQLError[];
}

function answer(body: GraphQLBody): RestResponse {
    return json(200, body);
}

function handle(request: RestRequest): RestResponse {
    const body = objectBody(request);
    const { query, variables, operationName } = body;
    if (typeof query !== 'string' || query.trim() === '') {
        return answer({ errors: [requestError('The request has no query: send {"query": "..."}')] });
    }
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
        return answer({ errors: [requestError('variables must be a JSON object')] });
    }
    const checked = checkDocument(request.ctx, query);
    if ('errors' in checked) return answer({ errors: checked.errors });
    const { schema, document } = checked;
    const context: ExecutionContext = { ctx: request.ctx, mutations: new Map() };
    const result = executeSync({
        schema,
        document,
        variableValues: (variables as Record<string, unknown> | null | undefined) ?? undefined,
        operationName: typeof operationName === 'string' ? operationName : undefined,
        contextValue: context,
        fieldResolver: resolve
    });
    const errors = (result.errors ?? []).map((error) => fieldError(document, error));
    const response: GraphQLBody = { data: result.data ?? null, errors };
    for (const run of context.mutations.values()) run.finish();
    // An allOrNone run that failed kept nothing, so none of its operations reports a result, and each operation
    // that did not fail itself reports the rollback, after the failure.
    const data = response.data as Record<string, Record<string, unknown> | null> | null;
    for (const [key, run] of context.mutations) {
        const operations = data?.[key];
        if (run.allOrNone && run.failed && operations) {
            for (const name of Object.keys(operations)) operations[name] = null;
            const reported = new Set(errors.map((error) => error.paths?.join('/')));
            for (const fieldName of new Set(run.operations.values())) {
                if (!reported.has(`uiapi/${fieldName}`)) errors.push(rolledBackError(fieldName));
            }
        }
    }
    return answer(response);
}

export const graphqlRoutes: Route[] = [{ method: 'POST', pattern: /^\/graphql$/, handler: handle }];
