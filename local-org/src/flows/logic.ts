/** Custom condition logic such as `1 AND (2 OR NOT 3)`, over the results of numbered conditions. */

export function evaluateLogic(logic: string, results: boolean[]): boolean {
    const normalised = logic.trim().toLowerCase();
    if (normalised === 'and' || normalised === '') return results.every(Boolean);
    if (normalised === 'or') return results.some(Boolean);
    const tokens = logic.match(/\d+|\(|\)|AND|OR|NOT/gi) ?? [];
    let position = 0;
    const peek = () => tokens[position]?.toUpperCase();
    const expression = (): boolean => {
        let value = term();
        while (peek() === 'OR') {
            position += 1;
            const right = term();
            value = value || right;
        }
        return value;
    };
    const term = (): boolean => {
        let value = factor();
        while (peek() === 'AND') {
            position += 1;
            const right = factor();
            value = value && right;
        }
        return value;
    };
    const factor = (): boolean => {
        const token = tokens[position++];
        if (token === undefined) throw new Error(`Incomplete condition logic: ${logic}`);
        if (token.toUpperCase() === 'NOT') return !factor();
        if (token === '(') {
            const value = expression();
            if (tokens[position++] !== ')') throw new Error(`Unbalanced parentheses in condition logic: ${logic}`);
            return value;
        }
        const index = Number(token) - 1;
        if (!Number.isInteger(index) || index < 0 || index >= results.length)
            throw new Error(`Condition logic ${logic} refers to condition ${token}, which does not exist`);
        return results[index];
    };
    const value = expression();
    if (position !== tokens.length) throw new Error(`Unexpected ${tokens[position]} in condition logic: ${logic}`);
    return value;
}
