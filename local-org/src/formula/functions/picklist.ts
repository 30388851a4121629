/** ISPICKVAL and INCLUDES: the ways to test a picklist's value. Like Salesforce, the value must be a text literal. */
import { FormulaError } from '../errors.ts';
import type { Node } from '../tree.ts';
import type { StaticType } from '../types.ts';
import { asText } from '../values.ts';
import { expectType, type FunctionDef } from './define.ts';

function textLiteral(label: string, node: Node): string {
    if (node.kind !== 'literal' || (node.type !== 'text' && node.type !== 'null')) {
        throw new FormulaError(`Incorrect parameter type for ${label}. Expected a text literal`);
    }
    return asText(node.value);
}

function picklistTest(
    fieldType: StaticType,
    matches: (value: string, literal: string) => boolean
): Pick<FunctionDef, 'min' | 'max' | 'check' | 'evaluate'> {
    return {
        min: 2,
        max: 2,
        check(args, label) {
            expectType(label, args[0], fieldType);
            textLiteral(label, args[1]);
            return 'boolean';
        },
        evaluate: (args, ev) => matches(asText(ev.value(args[0])), asText(ev.value(args[1])))
    };
}

export const PICKLIST_FUNCTIONS: Record<string, FunctionDef> = {
    ISPICKVAL: { ...picklistTest('picklist', (value, literal) => value === literal), picklistArgs: [0] },
    INCLUDES: {
        ...picklistTest('multipicklist', (value, literal) => literal !== '' && value.split(';').includes(literal)),
        multipicklistArgs: [0]
    }
};
