/**
 * WHERE and HAVING as SQL. The parser gives a flat chain of conditions with parenthesis counts; it is read back
 * as tokens into AND/OR/NOT groups (SOQL refuses AND and OR mixed without parentheses).
 *
 * Every condition is two-valued, as in SOQL where null is a value: `Name != 'x'` and `NOT Name = 'x'` include
 * rows whose Name is null, `Name = 'x'` and `Name < 'x'` never match them. Text compares case-insensitively.
 */
import {
    isNegationCondition,
    isValueFunctionCondition,
    isValueQueryCondition,
    type Condition,
    type FunctionExp,
    type HavingClause,
    type LiteralType,
    type ValueQueryCondition,
    type WhereClause
} from '@jetstreamapp/soql-parser-js';
import { notSupported } from '../errors.ts';
import type { QueryEnv } from './env.ts';
import { filterValue, unquote, valueKind, type FilterValue } from './literals.ts';
import { queriedObject, Scope, type Operand } from './scope.ts';
import { FALSE, joinSql, param, paramList, raw, sql, type Sql } from './sql.ts';

/** How a condition's left side becomes an expression: fields of the scope (WHERE) or groups and aggregates (HAVING). */
export interface OperandResolver {
    field(path: string): Operand;
    fn(fn: FunctionExp): Operand;
}

type Token = '(' | ')' | 'AND' | 'OR' | 'NOT' | { condition: Condition | ValueQueryCondition };

interface ChainLink {
    left?: unknown;
    operator?: string;
    right?: ChainLink;
}

interface Parenthesised {
    openParen?: number;
    closeParen?: number;
}

/** The chain as tokens: `(`, conditions, `)`, AND/OR/NOT in the order they were written. */
function tokenize(clause: WhereClause | HavingClause): Token[] {
    const tokens: Token[] = [];
    for (let link: ChainLink | undefined = clause as ChainLink; link; link = link.right) {
        const left = link.left as (Condition & Parenthesised) | null | undefined;
        if (left) {
            for (let i = 0; i < (left.openParen ?? 0); i++) tokens.push('(');
            if (!isNegationCondition(left)) tokens.push({ condition: left });
            for (let i = 0; i < (left.closeParen ?? 0); i++) tokens.push(')');
        }
        if (link.operator) tokens.push(link.operator.toUpperCase() as Token);
    }
    return tokens;
}

export class ConditionCompiler {
    private tokens: Token[] = [];
    private position = 0;

    constructor(
        private readonly env: QueryEnv,
        private readonly operands: OperandResolver
    ) {}

    compile(clause: WhereClause | HavingClause): Sql {
        this.tokens = tokenize(clause);
        this.position = 0;
        const result = this.expression();
        if (this.position < this.tokens.length) throw this.unexpected(this.tokens[this.position]);
        return result;
    }

    private expression(): Sql {
        const parts = [this.unary()];
        let operator: Token | undefined;
        while (this.peek() === 'AND' || this.peek() === 'OR') {
            const next = this.tokens[this.position++];
            if (operator !== undefined && next !== operator) throw this.unexpected(next);
            operator = next;
            parts.push(this.unary());
        }
        return parts.length === 1 ? parts[0] : sql`(${joinSql(parts, ` ${String(operator)} `)})`;
    }

    private unary(): Sql {
        const token = this.tokens[this.position++];
        if (token === 'NOT') return sql`(NOT ${this.unary()})`;
        if (token === '(') {
            const inner = this.expression();
            if (this.tokens[this.position++] !== ')') throw this.unexpected(this.tokens[this.position - 1]);
            return inner;
        }
        if (token !== undefined && typeof token === 'object') return this.condition(token.condition);
        throw this.unexpected(token);
    }

    private peek(): Token | undefined {
        return this.tokens[this.position];
    }

    private unexpected(token: Token | undefined): Error {
        if (token === undefined) return this.env.text.malformed("unexpected token: '<EOF>'");
        if (typeof token === 'object') return this.env.text.malformed('unexpected condition');
        return this.env.text.malformed(`unexpected token: '${token}'`, token);
    }

    private condition(condition: Condition | ValueQueryCondition): Sql {
        if (isValueQueryCondition(condition)) return this.semiJoin(condition);
        if (isNegationCondition(condition)) throw this.env.text.malformed("unexpected token: 'NOT'");
        const operand = isValueFunctionCondition(condition)
            ? this.operands.fn(condition.fn)
            : this.operands.field((condition as { field: string }).field);
        const { value, literalType } = condition as {
            value: string | string[];
            literalType?: LiteralType | LiteralType[];
        };
        const values = Array.isArray(value) ? value : [value];
        const types = values.map((_, i) => (Array.isArray(literalType) ? literalType[i] : literalType) ?? 'STRING');
        const operator = condition.operator.toUpperCase().replace(/\s+/g, ' ');
        const isList = ['IN', 'NOT IN', 'INCLUDES', 'EXCLUDES'].includes(operator);
        if (isList !== Array.isArray(value)) throw this.env.text.malformed(`unexpected token: '${operator}'`, operator);
        switch (operator) {
            case 'IN':
                return this.inList(operand, values, types);
            case 'NOT IN':
                return sql`(NOT ${this.inList(operand, values, types)})`;
            case 'INCLUDES':
                return this.includes(operand, values, types);
            case 'EXCLUDES':
                return sql`(NOT ${this.includes(operand, values, types)})`;
            case 'LIKE':
                return this.like(operand, values[0], types[0]);
            case '=':
                return this.equals(operand, this.value(operand, values[0], types[0]));
            case '!=':
            case '<>':
                return sql`(NOT ${this.equals(operand, this.value(operand, values[0], types[0]))})`;
            case '<':
            case '<=':
            case '>':
            case '>=':
                return this.compare(operand, operator, this.value(operand, values[0], types[0]));
            default:
                throw this.env.text.malformed(`unexpected token: '${operator}'`, operator);
        }
    }

    private value(operand: Operand, literal: string, literalType: LiteralType): FilterValue {
        return filterValue(operand, literal, literalType, this.env.text, this.env.ctx.now);
    }

    private equals(operand: Operand, value: FilterValue): Sql {
        const x = operand.sql;
        if (value.kind === 'null') return sql`(${x} IS NULL)`;
        if (value.kind === 'range') {
            return sql`(${x} IS NOT NULL AND ${x} >= ${param(value.start)} AND ${x} < ${param(value.end)})`;
        }
        if (operand.type === 'boolean') return sql`(COALESCE(${x}, 0) = ${param(value.value)})`;
        if (operand.type === 'multipicklist') return sql`lo_picklist_equals(${x}, ${param(value.value)})`;
        const { left, values } = comparable(operand, [value.value]);
        return sql`(${x} IS NOT NULL AND ${left} = ${param(values[0])})`;
    }

    private compare(operand: Operand, operator: string, value: FilterValue): Sql {
        if (operand.type === 'boolean' || operand.type === 'multipicklist') {
            throw this.invalidOperator(operand, operator);
        }
        const x = operand.sql;
        if (value.kind === 'null') return FALSE;
        if (value.kind === 'range') {
            const bounds: Record<string, Sql> = {
                '<': sql`${x} < ${param(value.start)}`,
                '<=': sql`${x} < ${param(value.end)}`,
                '>': sql`${x} >= ${param(value.end)}`,
                '>=': sql`${x} >= ${param(value.start)}`
            };
            return sql`(${x} IS NOT NULL AND ${bounds[operator]})`;
        }
        const { left, values } = comparable(operand, [value.value]);
        return sql`(${x} IS NOT NULL AND ${left} ${rawOperator(operator)} ${param(values[0])})`;
    }

    private like(operand: Operand, literal: string, literalType: LiteralType): Sql {
        if (valueKind(operand.type) !== 'text') throw this.invalidOperator(operand, 'LIKE');
        if (literalType !== 'STRING') throw this.env.text.malformed(`unexpected token: '${literal}'`, literal);
        const pattern = unquote(literal, this.env.text, true);
        const { left, values } = comparable(operand, [pattern]);
        return sql`(${operand.sql} IS NOT NULL AND ${left} LIKE ${param(values[0])} ESCAPE '\\')`;
    }

    private inList(operand: Operand, literals: string[], types: LiteralType[]): Sql {
        const values = literals.map((literal, i) => this.value(operand, literal, types[i]));
        const onePerValue =
            operand.type === 'boolean' || operand.type === 'multipicklist' || values.some((v) => v.kind === 'range');
        if (onePerValue) {
            const tests = values.map((v) => this.equals(operand, v));
            return sql`(${joinSql(tests, ' OR ')})`;
        }
        const plain = values.flatMap((v) => (v.kind === 'value' ? [v.value] : []));
        const parts: Sql[] = [];
        if (plain.length > 0) {
            const { left, values: right } = comparable(operand, plain);
            parts.push(sql`(${operand.sql} IS NOT NULL AND ${left} IN (${paramList(right)}))`);
        }
        if (values.some((v) => v.kind === 'null')) parts.push(sql`(${operand.sql} IS NULL)`);
        return parts.length === 0 ? FALSE : sql`(${joinSql(parts, ' OR ')})`;
    }

    /** INCLUDES ('a;b', 'c'): has both a and b, or has c. */
    private includes(operand: Operand, literals: string[], types: LiteralType[]): Sql {
        if (operand.type !== 'multipicklist') throw this.invalidOperator(operand, 'INCLUDES');
        const tests = literals.map((literal, i) => {
            if (types[i] !== 'STRING') throw this.env.text.malformed(`unexpected token: '${literal}'`, literal);
            return sql`lo_picklist_includes(${operand.sql}, ${param(unquote(literal, this.env.text))})`;
        });
        return sql`(${joinSql(tests, ' OR ')})`;
    }

    /** `Id IN (SELECT AccountId FROM Contact WHERE ...)`, and NOT IN. */
    private semiJoin(condition: ValueQueryCondition): Sql {
        const operator = condition.operator.toUpperCase().replace(/\s+/g, ' ');
        if (operator !== 'IN' && operator !== 'NOT IN') {
            throw this.env.text.malformed(`unexpected token: '${operator}'`, operator);
        }
        const outer = this.operands.field(condition.field);
        const inner = semiJoinSelect(this.env, condition.valueQuery);
        const matches = sql`(${outer.sql} IS NOT NULL AND ${outer.sql} IN (${inner}))`;
        return operator === 'IN' ? matches : sql`(NOT ${matches})`;
    }

    private invalidOperator(operand: Operand, operator: string): Error {
        const message = `invalid operator on ${operand.type} field: ${operator}`;
        return this.env.text.error('INVALID_QUERY_FILTER_OPERATOR', message, operand.name);
    }
}

/** One of the four comparison operators, checked so that only these reach the SQL text. */
function rawOperator(operator: string): Sql {
    if (!['<', '<=', '>', '>='].includes(operator)) throw new Error(`not a comparison operator: ${operator}`);
    return raw(operator);
}

function hasNonAscii(value: string | number): boolean {
    return typeof value === 'string' && [...value].some((ch) => ch.charCodeAt(0) > 0x7f);
}

/**
 * The left side and values of a comparison. NOCASE folds ASCII only; with other letters both sides are folded
 * by lo_fold (JavaScript's toLowerCase), so 'ÉCOLE' = 'école' as on Salesforce.
 */
function comparable(operand: Operand, values: (string | number)[]): { left: Sql; values: (string | number)[] } {
    if (valueKind(operand.type) !== 'text') return { left: operand.sql, values };
    if (values.some(hasNonAscii)) {
        return { left: sql`lo_fold(${operand.sql})`, values: values.map((v) => String(v).toLowerCase()) };
    }
    return { left: sql`${operand.sql} COLLATE NOCASE`, values };
}

/** The fields of a scope, for WHERE: functions on fields (CALENDAR_YEAR...) are not implemented. */
export function whereOperands(scope: Scope): OperandResolver {
    return {
        field: (path) => scope.resolveField(path),
        fn: (fn) => {
            throw notSupported(`${fn.functionName ?? 'Functions'}() in a SOQL filter`);
        }
    };
}

/** The single-column SELECT of a semi-join or anti-join, without nulls so NOT IN stays two-valued. */
function semiJoinSelect(env: QueryEnv, query: ValueQueryCondition['valueQuery']): Sql {
    const object = queriedObject(env, query.sObject ?? '');
    if (query.groupBy || query.having || query.orderBy || query.limit !== undefined || query.offset !== undefined) {
        throw notSupported('GROUP BY, ORDER BY, LIMIT and OFFSET in a semi-join subquery in SOQL');
    }
    const fields = query.fields ?? [];
    const only = fields[0];
    if (fields.length !== 1 || only.type !== 'Field') {
        throw env.text.malformed(
            'semi join sub-selects can only select one field (an Id or a reference field)',
            object.name
        );
    }
    const scope = new Scope(env, object, query.sObjectAlias);
    const selected = scope.resolveField(only.field);
    if (selected.type !== 'id' && selected.type !== 'reference') {
        throw env.text.error(
            'INVALID_FIELD',
            `semi join sub-selects can only select an Id or a reference field, not '${only.field}'`,
            only.field
        );
    }
    const filters = [scope.liveRows(), sql`${selected.sql} IS NOT NULL`];
    if (query.where) filters.push(new ConditionCompiler(env, whereOperands(scope)).compile(query.where));
    const where = filters.filter((f): f is Sql => f !== null);
    return sql`SELECT ${selected.sql} FROM ${scope.fromClause()} WHERE ${joinSql(where, ' AND ')}`;
}
