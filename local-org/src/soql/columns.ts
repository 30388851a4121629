/**
 * The `columns=true` answer (`sf data query` prints its table from it): one column per selected field, parents
 * as columns whose `joinColumns` are the parent's fields, child relationships as aggregate columns whose
 * `joinColumns` are the child query's columns, and aggregate functions as `expr<n>` (or alias) columns.
 */
import type { FieldDef, FieldType } from '../schema.ts';
import { isTextType } from '../schema.ts';
import type { AggregatePlan } from './aggregate.ts';
import type { SelectPlan } from './select.ts';
import type { OutputNode } from './shape.ts';

export interface ColumnMetadata {
    aggregate: boolean;
    apexType: string | null;
    booleanType: boolean;
    columnName: string;
    custom: boolean;
    displayName: string;
    foreignKeyName: string | null;
    insertable: boolean;
    joinColumns: ColumnMetadata[];
    numberType: boolean;
    textType: boolean;
    updatable: boolean;
}

export interface ColumnsResponse {
    columnMetadata: ColumnMetadata[];
    entityName: string;
    groupBy: boolean;
    idSelected: boolean;
    keyPrefix: string;
}

const APEX_TYPES: Record<FieldType, string> = {
    id: 'Id',
    reference: 'Id',
    string: 'String',
    textarea: 'String',
    email: 'String',
    phone: 'String',
    url: 'String',
    picklist: 'String',
    multipicklist: 'String',
    combobox: 'String',
    boolean: 'Boolean',
    int: 'Integer',
    double: 'Double',
    percent: 'Double',
    currency: 'Decimal',
    date: 'Date',
    datetime: 'Datetime'
};

function isNumberType(type: FieldType): boolean {
    return ['int', 'double', 'currency', 'percent'].includes(type);
}

function emptyColumn(columnName: string): ColumnMetadata {
    return {
        aggregate: false,
        apexType: null,
        booleanType: false,
        columnName,
        custom: false,
        displayName: columnName,
        foreignKeyName: null,
        insertable: false,
        joinColumns: [],
        numberType: false,
        textType: false,
        updatable: false
    };
}

function fieldColumn(field: FieldDef, columnName: string = field.name): ColumnMetadata {
    return {
        ...emptyColumn(columnName),
        apexType: APEX_TYPES[field.type],
        booleanType: field.type === 'boolean',
        custom: field.custom ?? false,
        insertable: field.createable,
        numberType: isNumberType(field.type),
        textType: isTextType(field.type),
        updatable: field.updateable
    };
}

function nodeColumns(plan: SelectPlan, nodes: OutputNode[]): ColumnMetadata[] {
    return nodes.map((node) => {
        switch (node.kind) {
            case 'field':
                return fieldColumn(node.field);
            case 'parent':
                return {
                    ...emptyColumn(node.key),
                    custom: node.source.lookup?.custom ?? false,
                    foreignKeyName: node.source.lookup?.name ?? null,
                    joinColumns: nodeColumns(plan, node.children)
                };
            case 'children': {
                const child = plan.children[node.childIndex].plan;
                return { ...emptyColumn(node.key), aggregate: true, joinColumns: nodeColumns(child, child.nodes) };
            }
        }
    });
}

export function selectColumns(plan: SelectPlan): ColumnsResponse {
    return {
        columnMetadata: nodeColumns(plan, plan.nodes),
        entityName: plan.object.name,
        groupBy: false,
        idSelected: plan.idSelected,
        keyPrefix: plan.object.keyPrefix
    };
}

export function aggregateColumns(plan: AggregatePlan): ColumnsResponse {
    const columnMetadata = plan.outputs.map((output) => {
        if (!output.aggregate && output.field) return fieldColumn(output.field, output.key);
        return {
            ...emptyColumn(output.key),
            aggregate: true,
            displayName: output.displayName,
            numberType: isNumberType(output.type),
            textType: isTextType(output.type)
        };
    });
    return {
        columnMetadata,
        entityName: plan.object.name,
        groupBy: plan.groupBy.length > 0,
        idSelected: plan.idSelected,
        keyPrefix: plan.object.keyPrefix
    };
}
