/**
 * What lightning-record-picker asks the UI API GraphQL endpoint, free of browser and LWC imports so node:test can
 * check it: records of one object whose Name starts with the typed text, narrowed by the picker's `filter`
 * (`{criteria: [{fieldPath, operator, value}], filterLogic}`), and one record's Name by Id for the selected value.
 */

/** The operators the platform's record picker accepts in a filter criterion (UI API GraphQL filter operators). */
export const FILTER_OPERATORS = ['eq', 'ne', 'lt', 'gt', 'lte', 'gte', 'in', 'nin', 'like', 'includes', 'excludes'];

/** How many records the listbox shows at most. */
export const MAX_RESULTS = 50;

/** Fewer typed characters than this do not search. */
export const MIN_SEARCH_LENGTH = 2;

const NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_]*$/;

function checkName(name, what) {
    if (!NAME_PATTERN.test(String(name))) throw new Error(`record picker: invalid ${what} "${name}"`);
    return name;
}

/** One criterion as a GraphQL filter: `Parent.Name` becomes `{Parent: {Name: {op: value}}}`. */
export function criterionFilter(criterion) {
    const { fieldPath, operator, value } = criterion ?? {};
    if (typeof fieldPath !== 'string' || fieldPath === '')
        throw new Error('record picker: a criterion needs a fieldPath');
    if (!FILTER_OPERATORS.includes(operator)) {
        throw new Error(`record picker: unsupported operator "${operator}" (one of ${FILTER_OPERATORS.join(', ')})`);
    }
    const path = fieldPath.split('.').map((part) => checkName(part, 'fieldPath'));
    let filter = { [operator]: value === undefined ? null : value };
    for (const part of path.reverse()) filter = { [part]: filter };
    return filter;
}

/**
 * `filterLogic` (`1 AND (2 OR NOT 3)`: numbers are 1-based criteria, AND binds tighter than OR) as a GraphQL filter.
 * @param {string} logic
 * @param {object[]} filters one GraphQL filter per criterion
 */
export function parseFilterLogic(logic, filters) {
    const tokens = String(logic).match(/\(|\)|\d+|[A-Za-z]+|\S/g) ?? [];
    let position = 0;
    const peek = () => tokens[position]?.toUpperCase();
    const fail = (why) => {
        throw new Error(`record picker: invalid filterLogic "${logic}": ${why}`);
    };
    const primary = () => {
        const token = tokens[position++];
        if (token === undefined) return fail('unexpected end');
        if (token.toUpperCase() === 'NOT') return { not: primary() };
        if (token === '(') {
            const inner = or();
            if (tokens[position++] !== ')') fail('missing )');
            return inner;
        }
        if (/^\d+$/.test(token)) {
            const filter = filters[Number(token) - 1];
            if (!filter) fail(`there is no criterion ${token}`);
            return filter;
        }
        return fail(`unexpected "${token}"`);
    };
    const and = () => {
        const parts = [primary()];
        while (peek() === 'AND') {
            position++;
            parts.push(primary());
        }
        return parts.length === 1 ? parts[0] : { and: parts };
    };
    function or() {
        const parts = [and()];
        while (peek() === 'OR') {
            position++;
            parts.push(and());
        }
        return parts.length === 1 ? parts[0] : { or: parts };
    }
    const result = or();
    if (position < tokens.length) fail(`unexpected "${tokens[position]}"`);
    return result;
}

/** The picker's `filter` attribute as a GraphQL filter, or null when it filters nothing. */
export function pickerFilter(filter) {
    if (filter === undefined || filter === null) return null;
    const criteria = Array.isArray(filter.criteria) ? filter.criteria : [];
    if (criteria.length === 0) return null;
    const filters = criteria.map(criterionFilter);
    if (filter.filterLogic) return parseFilterLogic(filter.filterLogic, filters);
    return filters.length === 1 ? filters[0] : { and: filters };
}

/** A `like` pattern for names starting with the text (as typed: `%` and `_` stay LIKE wildcards). */
export function startsWithPattern(text) {
    return `${String(text).trim()}%`;
}

function recordsDocument(objectApiName, operationName) {
    const object = checkName(objectApiName, 'object-api-name');
    return `query ${operationName}($where: ${object}_Filter, $first: Int) {
    uiapi {
        query {
            ${object}(where: $where, first: $first, orderBy: { Name: { order: ASC } }) {
                edges {
                    node {
                        Id
                        Name {
                            value
                            displayValue
                        }
                    }
                }
            }
        }
    }
}`;
}

/** The search for records of an object whose Name starts with `text`, within the picker's filter. */
export function searchOperation(objectApiName, text, filter) {
    const byName = { Name: { like: startsWithPattern(text) } };
    const narrowed = pickerFilter(filter);
    return {
        query: recordsDocument(objectApiName, 'RecordPickerSearch'),
        operationName: 'RecordPickerSearch',
        variables: { where: narrowed ? { and: [byName, narrowed] } : byName, first: MAX_RESULTS }
    };
}

/** The selected record's Name, by Id. */
export function recordOperation(objectApiName, recordId) {
    return {
        query: recordsDocument(objectApiName, 'RecordPickerRecord'),
        operationName: 'RecordPickerRecord',
        variables: { where: { Id: { eq: recordId } }, first: 1 }
    };
}

/** `[{id, name}]` from a search or record answer's data. */
export function recordsOf(data, objectApiName) {
    const edges = data?.uiapi?.query?.[objectApiName]?.edges ?? [];
    return edges.map(({ node }) => ({
        id: node.Id,
        name: node.Name?.displayValue ?? node.Name?.value ?? node.Id
    }));
}
