/**
 * Component and action visibility rules of a Lightning page (FlexiPage `visibilityRule`): criteria on
 * `{!Record.<field path>}` with Lightning App Builder's operators, combined with AND or a `booleanFilter`.
 * Pure, so node:test can check it.
 */

function recordValue(record, path) {
    let current = record;
    for (const part of path.split('.')) {
        if (current === null || current === undefined) return null;
        const key = Object.keys(current).find((k) => k.toLowerCase() === part.toLowerCase());
        current = key === undefined ? null : current[key];
    }
    return current ?? null;
}

function leftValue(expression, record) {
    const match = /^\{!Record\.([\w.]+)\}$/.exec(String(expression ?? '').trim());
    if (!match) throw new Error(`Visibility rule on ${expression} is not supported by the preview`);
    return recordValue(record, match[1]);
}

function compare(operator, left, right) {
    const l = left === null || left === undefined ? '' : String(left);
    const r = right === null || right === undefined ? '' : String(right);
    const numeric = l !== '' && r !== '' && !Number.isNaN(Number(l)) && !Number.isNaN(Number(r));
    switch (operator) {
        case 'EQUAL':
            return l.toLowerCase() === r.toLowerCase();
        case 'NE':
            return l.toLowerCase() !== r.toLowerCase();
        case 'CONTAINS':
            return l.toLowerCase().includes(r.toLowerCase());
        case 'STARTS_WITH':
            return l.toLowerCase().startsWith(r.toLowerCase());
        case 'GT':
            return numeric ? Number(l) > Number(r) : l > r;
        case 'GE':
            return numeric ? Number(l) >= Number(r) : l >= r;
        case 'LT':
            return numeric ? Number(l) < Number(r) : l < r;
        case 'LE':
            return numeric ? Number(l) <= Number(r) : l <= r;
        default:
            throw new Error(`Visibility operator ${operator} is not supported by the preview`);
    }
}

/** Evaluates "1 AND (2 OR NOT 3)" with the criteria results. */
function evaluateFilter(filter, results) {
    const tokens = filter.toUpperCase().match(/\d+|AND|OR|NOT|\(|\)/g) ?? [];
    let position = 0;
    const peek = () => tokens[position];
    const next = () => tokens[position++];
    const primary = () => {
        const token = next();
        if (token === '(') {
            // eslint-disable-next-line no-use-before-define
            const value = or();
            next();
            return value;
        }
        if (token === 'NOT') return !primary();
        const index = Number(token) - 1;
        if (!(index in results))
            throw new Error(`Visibility filter "${filter}" names criterion ${token}, which does not exist`);
        return results[index];
    };
    const and = () => {
        let value = primary();
        while (peek() === 'AND') {
            next();
            value = primary() && value;
        }
        return value;
    };
    const or = () => {
        let value = and();
        while (peek() === 'OR') {
            next();
            value = and() || value;
        }
        return value;
    };
    return or();
}

/**
 * `rule` is `{booleanFilter?, criteria: [{leftValue, operator, rightValue}]}`; `record` is plain values by field
 * path (`{RecordType: {DeveloperName: 'Web_Form'}, Status: 'New'}`). No rule means visible.
 */
export function isVisible(rule, record) {
    if (!rule || !rule.criteria || rule.criteria.length === 0) return true;
    const results = rule.criteria.map((c) => compare(c.operator, leftValue(c.leftValue, record), c.rightValue));
    if (rule.booleanFilter) return evaluateFilter(rule.booleanFilter, results);
    return results.every(Boolean);
}

/** Field paths (`RecordType.DeveloperName`) the rules read from the record. */
export function fieldsOfRules(rules) {
    const paths = new Set();
    for (const rule of rules) {
        for (const c of rule?.criteria ?? []) {
            const match = /^\{!Record\.([\w.]+)\}$/.exec(String(c.leftValue ?? '').trim());
            if (match) paths.add(match[1]);
        }
    }
    return [...paths];
}
