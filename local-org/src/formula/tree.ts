/** The checked tree: every name resolved against the schema, every node typed, every function bound. */
import type { FieldDef } from '../schema.ts';
import type { FunctionDef } from './functions/define.ts';
import type { BinaryOperator } from './syntax.ts';
import type { StaticType, Value } from './types.ts';

/** Where a field path starts: the record being saved, its prior version, or a global ($User, $Profile, $RecordType). */
export type Root = 'record' | 'prior' | 'user' | 'profile' | 'recordType';

/** A lookup to follow: read the id in `lookup` and load that record of `target`. */
export interface Step {
    lookup: FieldDef;
    target: string;
}

export type Reference =
    | { kind: 'field'; root: Root; path: Step[]; field: FieldDef }
    | { kind: 'variable'; name: string }
    /** `$Permission.Name`: whether the running user has the custom permission. */
    | { kind: 'permission'; name: string }
    | { kind: 'flow'; name: 'CurrentDate' | 'CurrentDateTime' };

export type Node =
    | { kind: 'literal'; type: StaticType; value: Value }
    /** `source` is the name as written, for messages. */
    | { kind: 'reference'; type: StaticType; ref: Reference; source: string }
    | { kind: 'call'; type: StaticType; name: string; def: FunctionDef; args: Node[] }
    | { kind: 'binary'; type: StaticType; operator: BinaryOperator; left: Node; right: Node }
    | { kind: 'negate'; type: StaticType; operand: Node };

/** A field of the record itself (`Status`, `{!$Record.Status}`): what ISCHANGED and PRIORVALUE accept. */
export function recordField(node: Node): FieldDef | undefined {
    if (node.kind !== 'reference' || node.ref.kind !== 'field') return undefined;
    return node.ref.root === 'record' && node.ref.path.length === 0 ? node.ref.field : undefined;
}
