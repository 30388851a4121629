/**
 * Functions about the save itself: ISNEW(), ISCHANGED(field), PRIORVALUE(field). On insert there is no prior
 * version: ISCHANGED is false and PRIORVALUE gives the current value, as Salesforce does.
 */
import { FormulaError } from '../errors.ts';
import { recordField, type Node } from '../tree.ts';
import { fieldValue } from '../values.ts';
import type { FunctionDef } from './define.ts';

function fieldArgument(node: Node, name: string) {
    const field = recordField(node);
    if (!field)
        throw new FormulaError(`Function ${name} takes a field of this record, not an expression or a related field`);
    return field;
}

const isNew: FunctionDef = {
    min: 0,
    max: 0,
    check: () => 'boolean',
    evaluate: (_args, ev) => ev.prior === null
};

const isChanged: FunctionDef = {
    min: 1,
    max: 1,
    picklistArgs: [0],
    multipicklistArgs: [0],
    check(args) {
        fieldArgument(args[0], 'ISCHANGED');
        return 'boolean';
    },
    evaluate(args, ev) {
        const field = fieldArgument(args[0], 'ISCHANGED');
        return ev.prior !== null && fieldValue(field, ev.prior) !== fieldValue(field, ev.record);
    }
};

const priorValue: FunctionDef = {
    min: 1,
    max: 1,
    picklistArgs: [0],
    multipicklistArgs: [0],
    check(args) {
        fieldArgument(args[0], 'PRIORVALUE');
        return args[0].type;
    },
    evaluate: (args, ev) => fieldValue(fieldArgument(args[0], 'PRIORVALUE'), ev.prior ?? ev.record)
};

export const RECORD_FUNCTIONS: Record<string, FunctionDef> = {
    ISNEW: isNew,
    ISCHANGED: isChanged,
    PRIORVALUE: priorValue
};
