/**
 * CustomField metadata → the org's field definitions, with Salesforce's limits and the field types local-org
 * stores. Types it cannot store are refused at deploy with a message naming the type.
 */
import type { FieldDef, PicklistValue } from '../schema.ts';
import { ComponentProblem } from './problem.ts';
import { child, flag, list, text, type XmlNode } from './xml.ts';

const TEXT_DEFAULTS: Record<string, { type: FieldDef['type']; length: number; max: number }> = {
    Text: { type: 'string', length: 255, max: 255 },
    TextArea: { type: 'textarea', length: 255, max: 255 },
    LongTextArea: { type: 'textarea', length: 32768, max: 131072 },
    Html: { type: 'textarea', length: 32768, max: 131072 },
    Email: { type: 'email', length: 80, max: 80 },
    Phone: { type: 'phone', length: 40, max: 40 },
    Url: { type: 'url', length: 255, max: 255 }
};

const NUMBER_TYPES: Record<string, FieldDef['type']> = { Number: 'double', Currency: 'currency', Percent: 'percent' };

function picklistValues(node: XmlNode): PicklistValue[] {
    const valueSet = child(node, 'valueSet');
    if (valueSet && text(valueSet, 'valueSetName')) {
        throw new ComponentProblem(
            `Global value set ${text(valueSet, 'valueSetName')} is not supported by local-org; define the values on the field`
        );
    }
    // A dependent picklist (Metadata API "ValueSet": controllingField, valueSettings) would need its valid values
    // enforced on write and controllerValues/validFor in UI API: refused rather than stored and ignored.
    if (valueSet && (text(valueSet, 'controllingField') || child(valueSet, 'valueSettings'))) {
        throw new ComponentProblem(
            `Dependent picklists (valueSet.controllingField ${text(valueSet, 'controllingField') ?? ''}) are not supported by local-org`
        );
    }
    const definition = child(valueSet, 'valueSetDefinition');
    return list(definition, 'value').map((value) => ({
        value: text(value, 'fullName') ?? '',
        label: text(value, 'label') ?? text(value, 'fullName') ?? '',
        active: flag(value, 'isActive', true),
        defaultValue: flag(value, 'default')
    }));
}

function lookupNames(fieldName: string, node: XmlNode): Pick<FieldDef, 'relationshipName' | 'childRelationshipName'> {
    const childName = text(node, 'relationshipName');
    return {
        relationshipName: fieldName.replace(/__c$/, '__r'),
        childRelationshipName: childName ? `${childName}__r` : undefined
    };
}

/** The field a CustomField element describes; `objectName` is for messages. */
export function fieldFromMetadata(node: XmlNode, objectName: string): FieldDef {
    const name = text(node, 'fullName') ?? '';
    const type = text(node, 'type');
    const label = text(node, 'label') ?? name;
    if (
        !/^[A-Za-z][A-Za-z0-9_]*__c$/.test(name) ||
        name.includes('__c__') ||
        /__.*__c$/.test(name.replace(/__c$/, ''))
    ) {
        throw new ComponentProblem(
            `Invalid custom field name ${name}: it must start with a letter, use letters, digits and single underscores, and end in __c`
        );
    }
    if (text(node, 'formula') !== undefined) return formulaField(node, objectName, name, label);
    const base = {
        name,
        label,
        custom: true,
        nillable: !flag(node, 'required'),
        createable: true,
        updateable: true,
        inlineHelpText: text(node, 'inlineHelpText')
    };
    if (!type) throw new ComponentProblem(`Field ${objectName}.${name} has no type`);
    const textType = TEXT_DEFAULTS[type];
    if (textType) {
        const length = Number(text(node, 'length') ?? textType.length);
        if (!Number.isInteger(length) || length < 1 || length > textType.max) {
            throw new ComponentProblem(
                `Length must be a whole number from 1 to ${textType.max} for a ${type} field: ${text(node, 'length')}`
            );
        }
        return {
            ...base,
            type: textType.type,
            length,
            unique: flag(node, 'unique'),
            externalId: flag(node, 'externalId'),
            caseSensitive: flag(node, 'caseSensitive'),
            htmlFormatted: type === 'Html',
            idLookup: flag(node, 'externalId') || flag(node, 'unique') || type === 'Email'
        };
    }
    if (NUMBER_TYPES[type]) {
        const precision = Number(text(node, 'precision') ?? 18);
        const scale = Number(text(node, 'scale') ?? 0);
        if (precision < 1 || precision > 18 || scale < 0 || scale > precision)
            throw new ComponentProblem(`Invalid precision/scale ${precision}/${scale} for ${name}`);
        return {
            ...base,
            type: NUMBER_TYPES[type],
            precision,
            scale,
            unique: flag(node, 'unique'),
            externalId: flag(node, 'externalId'),
            idLookup: flag(node, 'externalId')
        };
    }
    switch (type) {
        case 'Checkbox':
            return {
                ...base,
                type: 'boolean',
                nillable: false,
                defaultedOnCreate: true,
                defaultValue: text(node, 'defaultValue') === 'true'
            };
        case 'Date':
            return { ...base, type: 'date' };
        case 'DateTime':
            return { ...base, type: 'datetime' };
        case 'Picklist':
        case 'MultiselectPicklist': {
            const values = picklistValues(node);
            const restricted = flag(child(node, 'valueSet'), 'restricted');
            const defaultValue = values.find((v) => v.defaultValue)?.value ?? null;
            return {
                ...base,
                type: type === 'Picklist' ? 'picklist' : 'multipicklist',
                length: type === 'Picklist' ? 255 : 4099,
                picklistValues: values,
                restrictedPicklist: restricted,
                defaultValue,
                defaultedOnCreate: defaultValue !== null
            };
        }
        case 'Lookup':
        case 'MasterDetail': {
            const referenceTo = text(node, 'referenceTo');
            if (!referenceTo)
                throw new ComponentProblem(`Field ${objectName}.${name}: referenceTo is required for a ${type} field`);
            const masterDetail = type === 'MasterDetail';
            return {
                ...base,
                type: 'reference',
                length: 18,
                referenceTo: [referenceTo],
                ...lookupNames(name, node),
                nillable: masterDetail ? false : base.nillable,
                cascadeDelete: masterDetail || text(node, 'deleteConstraint') === 'Cascade',
                updateable: masterDetail ? flag(node, 'reparentableMasterDetail') : true
            };
        }
        case 'AutoNumber': {
            const displayFormat = text(node, 'displayFormat') ?? '{0}';
            return {
                ...base,
                type: 'string',
                length: 30,
                createable: false,
                updateable: false,
                calculated: true,
                nillable: false,
                defaultedOnCreate: true,
                autoNumber: { displayFormat, start: Number(text(node, 'startingNumber') ?? 1) },
                idLookup: true
            };
        }
        default:
            throw new ComponentProblem(`Field type ${type} (${objectName}.${name}) is not supported by local-org`);
    }
}

/** Formula result types local-org computes, as describe names them. */
const FORMULA_TYPES: Record<string, FieldDef['type']> = {
    Number: 'double',
    Currency: 'currency',
    Percent: 'percent',
    Checkbox: 'boolean',
    Text: 'string',
    Date: 'date',
    DateTime: 'datetime'
};

/**
 * A formula field (formulaFields.ts): read-only, computed at read. Its formula is checked against the schema by
 * objects.ts. `formulaTreatBlanksAs` BlankAsZero (the default) is refused by name for formulas local-org cannot
 * tell apart: its engine treats blanks as blanks, so only BlankAsBlank is applied (objects.ts accepts the default
 * when the formula reads no number field, where the two agree).
 */
function formulaField(node: XmlNode, objectName: string, name: string, label: string): FieldDef {
    const type = text(node, 'type') ?? '';
    const fieldType = FORMULA_TYPES[type];
    if (!fieldType)
        throw new ComponentProblem(
            `Formula fields of type ${type} (${objectName}.${name}) are not supported by local-org`
        );
    const numeric = ['double', 'currency', 'percent'].includes(fieldType);
    return {
        name,
        label,
        custom: true,
        type: fieldType,
        nillable: fieldType !== 'boolean',
        createable: false,
        updateable: false,
        calculated: true,
        formula: text(node, 'formula'),
        formulaTreatBlanksAs: text(node, 'formulaTreatBlanksAs') ?? 'BlankAsZero',
        inlineHelpText: text(node, 'inlineHelpText'),
        ...(numeric
            ? { precision: Number(text(node, 'precision') ?? 18), scale: Number(text(node, 'scale') ?? 0) }
            : {}),
        ...(fieldType === 'string' ? { length: 1300 } : {})
    };
}

/** Whether an existing column can take the new definition (Salesforce refuses most type changes with data). */
export function compatibleChange(existing: FieldDef, next: FieldDef): boolean {
    if (existing.type === next.type) return true;
    const textual = ['string', 'textarea', 'email', 'phone', 'url', 'picklist'];
    return textual.includes(existing.type) && textual.includes(next.type);
}
