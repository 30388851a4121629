/**
 * The limits a GraphQL document is checked against before anything runs, so that no document, however written,
 * makes the server work for long or recurse deeply (a single caller must not stall the others).
 *
 * - Before parsing, graphql-java's default parser limits (Salesforce's endpoint runs graphql-java: its messages
 *   are graphql-java's, see errors.ts): at most 1,048,576 characters, 15,000 grammar tokens and 500 nested grammar
 *   rules ("Limits in graphql-java to Prevent DoS Attacks", graphql-java documentation, ParserOptions defaults).
 *   The scan here is iterative; the rule depth is estimated from the brackets (graphql-java counts its ANTLR
 *   rules: a selection set or an object value is three rules deep, a list or an argument list two or three).
 * - After validation (so that graphql-js's own rules, NoFragmentCycles among them, have run), the limits
 *   graphql-java's validation enforces by default since version 26 (QueryComplexityLimits: "maxDepth=100,
 *   maxFieldsCount=100000", fields "counted at each fragment spread site", depth "the number of nested Field
 *   nodes"; errors MaxQueryFieldsExceeded and MaxQueryDepthExceeded); and at most 10 subqueries, record queries
 *   and child relationships alike ("Each GraphQL query can contain up to 10 subqueries", GraphQL API Developer
 *   Guide, Query Limitations; a child relationship is a SOQL subquery, and "GraphQL has the same limitations as
 *   SOQL"). All are counted with one
 *   memo per fragment, so a fragment spread twice in each of 28 nested fragments costs 28 steps, not 2^28.
 *   And, local-org's own bound, ObjectInfo nested at most two levels (MAX_OBJECT_INFO_DEPTH).
 */
import {
    GraphQLError,
    isCompositeType,
    isObjectType,
    getNamedType,
    Kind,
    Lexer,
    Source,
    TokenKind,
    type DocumentNode,
    type FragmentDefinitionNode,
    type GraphQLCompositeType,
    type GraphQLSchema,
    type SelectionSetNode
} from 'graphql';

export const MAX_CHARACTERS = 1024 * 1024;
export const MAX_TOKENS = 15_000;
export const MAX_RULE_DEPTH = 500;
export const MAX_FIELDS = 100_000;
export const MAX_FIELD_DEPTH = 100;
/** "Each GraphQL query can contain up to 10 subqueries" (GraphQL API Developer Guide, Query Limitations). */
export const MAX_SUBQUERIES = 10;

const CANCELLED = 'To prevent Denial Of Service attacks, parsing has been cancelled.';

/** Grammar rules each opening bracket enters (document, definition and operation are the first three). */
const RULES_OPENED: Partial<Record<TokenKind, number>> = {
    [TokenKind.BRACE_L]: 3,
    [TokenKind.BRACKET_L]: 2,
    [TokenKind.PAREN_L]: 3
};
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);
const BASE_RULES = 3;

/**
 * Why graphql-java would cancel parsing this text, in its words, or null. A lexical error is left for the parser
 * to report in full.
 */
export function parserLimitExceeded(query: string): string | null {
    if (query.length > MAX_CHARACTERS)
        return `More than ${MAX_CHARACTERS} characters have been presented. ${CANCELLED}`;
    const lexer = new Lexer(new Source(query));
    const opened: number[] = [];
    let depth = BASE_RULES;
    let tokens = 0;
    try {
        for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
            tokens += 1;
            if (tokens > MAX_TOKENS)
                return `More than ${MAX_TOKENS} 'grammar' tokens have been presented. ${CANCELLED}`;
            const rules = RULES_OPENED[token.kind];
            if (rules !== undefined) {
                opened.push(rules);
                depth += rules;
                if (depth > MAX_RULE_DEPTH)
                    return `More than ${MAX_RULE_DEPTH} deep 'grammar' rules have been entered. ${CANCELLED}`;
            } else if (CLOSING.has(token.kind)) {
                depth -= opened.pop() ?? 0;
            }
        }
    } catch (error) {
        if (error instanceof GraphQLError) return null;
        throw error;
    }
    return null;
}

interface Cost {
    /** Fields as written, each fragment counted where it is spread. */
    fields: number;
    /** The most fields nested in one another. */
    depth: number;
    /** Record queries and child relationships: the fields that answer a connection. */
    subqueries: number;
    /** The longest chain of ObjectInfo fields, one inside another (objectInfos, then referenceToInfos' objectInfo...). */
    objectInfoDepth: number;
}

/**
 * ObjectInfo fields nested in one another multiply the answer by the fields and references of each object at each
 * level (a dozen levels is gigabytes). Salesforce documents no bound; local-org answers two levels (an object and
 * the objects its fields refer to or its children are) and refuses deeper ones by name.
 */
export const MAX_OBJECT_INFO_DEPTH = 2;

const NO_COST: Cost = { fields: 0, depth: 0, subqueries: 0, objectInfoDepth: 0 };

function isConnection(type: GraphQLCompositeType): boolean {
    return isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
}

/** The cost of each operation of a valid document. */
export function operationCosts(schema: GraphQLSchema, document: DocumentNode): Cost[] {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const definition of document.definitions) {
        if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    }
    const fragmentCosts = new Map<string, Cost>();

    const costOf = (selectionSet: SelectionSetNode | undefined, parent: GraphQLCompositeType): Cost => {
        const cost: Cost = { ...NO_COST };
        /** Adds what a selection costs; `field` when the selection is a field around `more`. */
        const add = (more: Cost, field = false, objectInfo = false) => {
            cost.fields += more.fields + (field ? 1 : 0);
            cost.depth = Math.max(cost.depth, more.depth + (field ? 1 : 0));
            cost.subqueries += more.subqueries;
            cost.objectInfoDepth = Math.max(cost.objectInfoDepth, more.objectInfoDepth + (objectInfo ? 1 : 0));
        };
        for (const selection of selectionSet?.selections ?? []) {
            if (selection.kind === Kind.FIELD) {
                const fieldDef = 'getFields' in parent ? parent.getFields()[selection.name.value] : undefined;
                const type = fieldDef ? getNamedType(fieldDef.type) : undefined;
                if (type && isCompositeType(type)) {
                    if (isConnection(type)) cost.subqueries += 1;
                    add(costOf(selection.selectionSet, type), true, type.name === 'ObjectInfo');
                } else {
                    add(NO_COST, true);
                }
            } else if (selection.kind === Kind.INLINE_FRAGMENT) {
                const condition = selection.typeCondition && schema.getType(selection.typeCondition.name.value);
                add(costOf(selection.selectionSet, condition && isCompositeType(condition) ? condition : parent));
            } else {
                add(fragmentCost(selection.name.value));
            }
        }
        return cost;
    };

    const fragmentCost = (name: string): Cost => {
        const known = fragmentCosts.get(name);
        if (known) return known;
        const fragment = fragments.get(name)!;
        const type = schema.getType(fragment.typeCondition.name.value);
        const cost = type && isCompositeType(type) ? costOf(fragment.selectionSet, type) : NO_COST;
        fragmentCosts.set(name, cost);
        return cost;
    };

    return document.definitions.flatMap((definition) => {
        if (definition.kind !== Kind.OPERATION_DEFINITION) return [];
        const root = schema.getRootType(definition.operation);
        return root ? [costOf(definition.selectionSet, root)] : [];
    });
}
