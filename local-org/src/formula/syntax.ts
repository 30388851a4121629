/** The parse tree, before names are resolved and types checked. */
import type { Value } from './types.ts';

export type BinaryOperator = '+' | '-' | '*' | '/' | '^' | '&' | '=' | '<>' | '<' | '>' | '<=' | '>=';

export type Expr =
    | { kind: 'literal'; type: 'text' | 'number' | 'boolean' | 'null'; value: Value }
    /** A field path (`Account.Name`, `$User.Email`) or, when `merge`, a `{!...}` merge field. */
    | { kind: 'name'; path: string; merge: boolean }
    | { kind: 'call'; name: string; args: Expr[] }
    | { kind: 'binary'; operator: BinaryOperator; left: Expr; right: Expr }
    | { kind: 'negate'; operand: Expr };
