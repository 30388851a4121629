/** Splits formula source into tokens: literals, names (dotted paths), `{!merge}` fields and operators. */
import { FormulaError } from './errors.ts';

export type TokenKind = 'number' | 'string' | 'name' | 'merge' | 'operator' | 'end';

export interface Token {
    kind: TokenKind;
    /** The operator or name as written; a string's unescaped content; a merge field's inner path. */
    text: string;
    position: number;
}

// Longest first, so `<=` is not read as `<` then `=`.
const OPERATORS = [
    '&&',
    '||',
    '<>',
    '!=',
    '==',
    '<=',
    '>=',
    '+',
    '-',
    '*',
    '/',
    '^',
    '&',
    '=',
    '<',
    '>',
    '!',
    '(',
    ')',
    ','
];
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t' };
const NAME_START = /[A-Za-z_$]/;
const NAME_PART = /[A-Za-z0-9_$.]/;
const NUMBER = /\d+(\.\d+)?|\.\d+/y;

class Lexer {
    private position = 0;
    readonly tokens: Token[] = [];

    constructor(private readonly source: string) {}

    run(): Token[] {
        for (this.skipBlanks(); this.position < this.source.length; this.skipBlanks()) this.tokens.push(this.next());
        this.tokens.push({ kind: 'end', text: '', position: this.position });
        return this.tokens;
    }

    private skipBlanks(): void {
        for (;;) {
            while (/\s/.test(this.source[this.position] ?? '')) this.position++;
            if (!this.source.startsWith('/*', this.position)) return;
            const end = this.source.indexOf('*/', this.position + 2);
            if (end < 0) throw new FormulaError('Syntax error. Missing */');
            this.position = end + 2;
        }
    }

    private next(): Token {
        const start = this.position;
        const char = this.source[start];
        if (char === "'" || char === '"') return { kind: 'string', text: this.quoted(char), position: start };
        if (this.source.startsWith('{!', start)) return { kind: 'merge', text: this.merge(), position: start };
        NUMBER.lastIndex = start;
        const number = NUMBER.exec(this.source);
        if (number) {
            this.position += number[0].length;
            return { kind: 'number', text: number[0], position: start };
        }
        if (NAME_START.test(char)) return { kind: 'name', text: this.name(), position: start };
        const operator = OPERATORS.find((op) => this.source.startsWith(op, start));
        if (!operator) throw new FormulaError(`Syntax error. Found '${char}'`);
        this.position += operator.length;
        return { kind: 'operator', text: operator, position: start };
    }

    private quoted(quote: string): string {
        let text = '';
        for (this.position++; this.position < this.source.length; this.position++) {
            const char = this.source[this.position];
            if (char === quote) {
                this.position++;
                return text;
            }
            if (char === '\\') {
                const escaped = this.source[++this.position] ?? '';
                text += ESCAPES[escaped] ?? escaped;
            } else text += char;
        }
        throw new FormulaError(`Syntax error. Missing ${quote}`);
    }

    private merge(): string {
        const end = this.source.indexOf('}', this.position);
        if (end < 0) throw new FormulaError('Syntax error. Missing }');
        const inner = this.source.slice(this.position + 2, end).trim();
        this.position = end + 1;
        if (!/^[A-Za-z_$][A-Za-z0-9_$.]*$/.test(inner)) throw new FormulaError(`Syntax error. Found '{!${inner}}'`);
        return inner;
    }

    private name(): string {
        const start = this.position;
        while (NAME_PART.test(this.source[this.position] ?? '')) this.position++;
        return this.source.slice(start, this.position);
    }
}

export function tokenize(source: string): Token[] {
    return new Lexer(source).run();
}
