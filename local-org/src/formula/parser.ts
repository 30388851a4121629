/**
 * Recursive descent over Salesforce's operator precedence, loosest first: `||`, `&&`, comparisons, `+ - &`,
 * `* /`, `^`, unary `- + !`. `&&`, `||` and `!` become AND, OR and NOT calls, which they are in Salesforce.
 */
import { FormulaError } from './errors.ts';
import { tokenize, type Token } from './lexer.ts';
import type { BinaryOperator, Expr } from './syntax.ts';

const COMPARISONS: Record<string, BinaryOperator> = {
    '=': '=',
    '==': '=',
    '<>': '<>',
    '!=': '<>',
    '<': '<',
    '>': '>',
    '<=': '<=',
    '>=': '>='
};
const ADDITIVE = ['+', '-', '&'];
const MULTIPLICATIVE = ['*', '/'];
const KEYWORDS: Record<string, Expr> = {
    true: { kind: 'literal', type: 'boolean', value: true },
    false: { kind: 'literal', type: 'boolean', value: false },
    null: { kind: 'literal', type: 'null', value: null }
};

class Parser {
    private index = 0;

    constructor(private readonly tokens: Token[]) {}

    formula(): Expr {
        if (this.peek().kind === 'end') throw new FormulaError('Syntax error. The formula is empty');
        const expr = this.or();
        if (this.peek().kind !== 'end') throw this.unexpected();
        return expr;
    }

    private or(): Expr {
        let left = this.and();
        while (this.accept('||')) left = { kind: 'call', name: 'OR', args: [left, this.and()] };
        return left;
    }

    private and(): Expr {
        let left = this.comparison();
        while (this.accept('&&')) left = { kind: 'call', name: 'AND', args: [left, this.comparison()] };
        return left;
    }

    private comparison(): Expr {
        let left = this.additive();
        for (let op = this.operator(Object.keys(COMPARISONS)); op; op = this.operator(Object.keys(COMPARISONS))) {
            left = { kind: 'binary', operator: COMPARISONS[op], left, right: this.additive() };
        }
        return left;
    }

    private additive(): Expr {
        let left = this.multiplicative();
        for (let op = this.operator(ADDITIVE); op; op = this.operator(ADDITIVE)) {
            left = { kind: 'binary', operator: op as BinaryOperator, left, right: this.multiplicative() };
        }
        return left;
    }

    private multiplicative(): Expr {
        let left = this.unary();
        for (let op = this.operator(MULTIPLICATIVE); op; op = this.operator(MULTIPLICATIVE)) {
            left = { kind: 'binary', operator: op as BinaryOperator, left, right: this.unary() };
        }
        return left;
    }

    private unary(): Expr {
        if (this.accept('-')) return { kind: 'negate', operand: this.unary() };
        if (this.accept('+')) return this.unary();
        if (this.accept('!')) return { kind: 'call', name: 'NOT', args: [this.unary()] };
        return this.power();
    }

    private power(): Expr {
        const base = this.primary();
        // Right-associative: 2^3^2 is 2^(3^2).
        return this.accept('^') ? { kind: 'binary', operator: '^', left: base, right: this.unary() } : base;
    }

    private primary(): Expr {
        const token = this.take();
        switch (token.kind) {
            case 'number':
                return { kind: 'literal', type: 'number', value: Number(token.text) };
            case 'string':
                return { kind: 'literal', type: 'text', value: token.text === '' ? null : token.text };
            case 'merge':
                return { kind: 'name', path: token.text, merge: true };
            case 'name':
                return this.nameOrCall(token);
            case 'operator':
                if (token.text === '(') return this.parenthesised();
                this.index--;
        }
        throw this.unexpected();
    }

    private nameOrCall(token: Token): Expr {
        if (this.accept('(')) {
            if (token.text.includes('.')) throw new FormulaError(`Syntax error. Found '${token.text}'`);
            return { kind: 'call', name: token.text.toUpperCase(), args: this.argumentsUntilClose() };
        }
        return KEYWORDS[token.text.toLowerCase()] ?? { kind: 'name', path: token.text, merge: false };
    }

    private parenthesised(): Expr {
        const expr = this.or();
        this.expect(')');
        return expr;
    }

    private argumentsUntilClose(): Expr[] {
        if (this.accept(')')) return [];
        const args = [this.or()];
        while (this.accept(',')) args.push(this.or());
        this.expect(')');
        return args;
    }

    private peek(): Token {
        return this.tokens[this.index];
    }

    private take(): Token {
        const token = this.tokens[this.index];
        if (token.kind !== 'end') this.index++;
        return token;
    }

    private operator(options: string[]): string | undefined {
        const token = this.peek();
        if (token.kind !== 'operator' || !options.includes(token.text)) return undefined;
        this.index++;
        return token.text;
    }

    private accept(operator: string): boolean {
        return this.operator([operator]) !== undefined;
    }

    private expect(operator: string): void {
        if (this.accept(operator)) return;
        if (this.peek().kind === 'end') throw new FormulaError(`Syntax error. Missing '${operator}'`);
        throw this.unexpected();
    }

    private unexpected(): FormulaError {
        const token = this.peek();
        if (token.kind === 'end') return new FormulaError('Syntax error. Unexpected end of formula');
        const shown =
            token.kind === 'string' ? `'${token.text}'` : token.kind === 'merge' ? `{!${token.text}}` : token.text;
        return new FormulaError(`Syntax error. Found '${shown}'`);
    }
}

export function parseFormula(source: string): Expr {
    return new Parser(tokenize(source)).formula();
}
