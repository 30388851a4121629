/**
 * Resolving names at compile time: record fields, cross-object paths through lookups (`Account.Name`,
 * `Converted_From__r.RecordType.DeveloperName`), globals ($User, $Profile, $RecordType) and flow merge fields
 * ({!$Record.X}, {!$Record__Prior.X}, {!variable}). Resolving here is what lets a deploy refuse a bad rule.
 */
import type { Schema } from '../schema.ts';
import { FormulaError, notSupported, unknownField } from './errors.ts';
import type { Reference, Root, Step } from './tree.ts';

export interface NameScope {
    schema: Schema;
    objectName: string;
    variables?: string[];
}

/** Globals that start a field path, and the object whose fields follow them. */
const GLOBAL_ROOTS: Record<string, { root: Root; object?: string }> = {
    $record: { root: 'record' },
    $record__prior: { root: 'prior' },
    $user: { root: 'user', object: 'User' },
    $profile: { root: 'profile', object: 'Profile' },
    $recordtype: { root: 'recordType', object: 'RecordType' }
};

/** Salesforce globals local-org does not provide: refused by name rather than reported as misspelled. */
const UNSUPPORTED_GLOBALS = new Set([
    '$organization',
    '$setup',
    '$label',
    '$userrole',
    '$system',
    '$api',
    '$site',
    '$network',
    '$customMetadata'.toLowerCase(),
    '$objecttype',
    '$action',
    '$resource',
    '$globalconstant',
    '$component'
]);

export function resolveName(path: string, merge: boolean, scope: NameScope): Reference {
    const segments = path.split('.');
    if (segments.some((s) => s === '')) throw unknownField(path);
    const head = segments[0];
    if (head.startsWith('$')) return resolveGlobal(head, segments.slice(1), scope);
    if (merge) return resolveVariable(path, scope);
    return resolveFieldPath('record', scope.objectName, segments, scope.schema);
}

function resolveGlobal(head: string, rest: string[], scope: NameScope): Reference {
    const key = head.toLowerCase();
    if (key === '$flow') return resolveFlowGlobal(rest);
    if (key === '$permission') {
        if (rest.length !== 1) throw unknownField(`${head}.${rest.join('.')}`);
        return { kind: 'permission', name: rest[0] };
    }
    const global = GLOBAL_ROOTS[key];
    if (!global) throw UNSUPPORTED_GLOBALS.has(key) ? notSupported(`Global variable ${head}`) : unknownField(head);
    if (rest.length === 0) throw unknownField(head);
    if (global.root === 'recordType' && !scope.schema.field(scope.objectName, 'RecordTypeId')) {
        throw new FormulaError(`Field ${head} does not exist: ${scope.objectName} has no record types.`);
    }
    return resolveFieldPath(global.root, global.object ?? scope.objectName, rest, scope.schema);
}

function resolveFlowGlobal(rest: string[]): Reference {
    const name = rest.join('.');
    if (name === 'CurrentDate' || name === 'CurrentDateTime') return { kind: 'flow', name };
    throw notSupported(`Global variable $Flow.${name}`);
}

function resolveVariable(path: string, scope: NameScope): Reference {
    const [head] = path.split('.');
    const name = scope.variables?.find((v) => v.toLowerCase() === head.toLowerCase());
    if (!name) throw new FormulaError(`Variable ${head} does not exist. Check spelling.`);
    if (path.includes('.')) throw notSupported(`The record variable path {!${path}}`);
    return { kind: 'variable', name };
}

function resolveFieldPath(root: Root, objectName: string, segments: string[], schema: Schema): Reference {
    let object = objectName;
    const path: Step[] = [];
    for (const relationship of segments.slice(0, -1)) {
        const step = resolveStep(schema, object, relationship);
        path.push(step);
        object = step.target;
    }
    const name = segments[segments.length - 1];
    const field = schema.field(object, name);
    if (!field) throw unknownField(name);
    // Formula fields are computed at read (formulaFields.ts), never stored, and read only stored fields.
    if (field.formula !== undefined) throw notSupported(`The formula field ${field.name} in a formula`);
    return { kind: 'field', root, path, field };
}

function resolveStep(schema: Schema, objectName: string, relationshipName: string): Step {
    const lookup = schema.relationship(objectName, relationshipName);
    if (!lookup) throw unknownField(relationshipName);
    const targets = lookup.referenceTo ?? [];
    if (targets.length !== 1) throw notSupported(`The polymorphic relationship ${relationshipName}`);
    const target = schema.object(targets[0]);
    if (!target) throw unknownField(relationshipName);
    return { lookup, target: target.name };
}
