/**
 * Custom metadata types (`objects/Type__mdt.object`) and their records (`customMetadata/Type.Record.md`).
 *
 * A type is a CustomObject whose name ends in `__mdt`; its records are metadata: "Custom metadata records are
 * deployable" and editable in Setup, while "you can't perform DML operations on custom metadata in the Partner or
 * Enterprise APIs" (Metadata API Developer Guide, "Custom Metadata Types (CustomObject)" and "CustomMetadata").
 * So here the object is queryable by every user (SOQL, flows' Get Records) and not createable, updateable or
 * deletable through any data API (REST, GraphQL, Bulk answer as they do for any such object); only a Metadata API
 * deploy writes its records. A record's file name is `<Type without __mdt>.<DeveloperName>.md`.
 */
import { field, readOnly } from '../catalogue.ts';
import { coerceValue } from '../coerce.ts';
import { ApiError } from '../errors.ts';
import type { ObjectDef } from '../schema.ts';
import { createObjectTable, insertSystemRecord, quoteName } from '../store.ts';
import type { Applied, Staging } from './objects.ts';
import { ComponentProblem } from './problem.ts';
import { checkElements, list, text, type XmlNode } from './xml.ts';

export const CUSTOM_METADATA_SUFFIX = '__mdt';

export function isCustomMetadataType(objectName: string): boolean {
    return objectName.toLowerCase().endsWith(CUSTOM_METADATA_SUFFIX);
}

/** The standard fields every custom metadata type has (SOAP API Developer Guide, custom metadata type fields). */
function standardFields() {
    return [
        field('Id', 'Custom Metadata Record ID', 'id', { ...readOnly, nillable: false, length: 18, idLookup: true }),
        field('DeveloperName', 'Custom Metadata Record Name', 'string', { ...readOnly, nillable: false, length: 40 }),
        field('MasterLabel', 'Label', 'string', { ...readOnly, nillable: false, length: 40, nameField: true }),
        field('Label', 'Label', 'string', { ...readOnly, length: 40 }),
        field('QualifiedApiName', 'Qualified API Name', 'string', { ...readOnly, length: 70, idLookup: true }),
        field('NamespacePrefix', 'Namespace Prefix', 'string', { ...readOnly, length: 15 }),
        field('Language', 'Master Language', 'string', { ...readOnly, length: 40 })
    ];
}

/** Custom metadata ids start with `m`; each type has a prefix of its own. */
function nextTypePrefix(staging: Staging): string {
    const used = new Set([...staging.objects.values()].map((o) => o.keyPrefix));
    const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    for (const a of alphabet) for (const b of alphabet) if (!used.has(`m${a}${b}`)) return `m${a}${b}`;
    throw new ComponentProblem('No key prefix left for another custom metadata type');
}

const TYPE_ELEMENTS = ['label', 'pluralLabel', 'description', 'visibility', 'fields', 'validationRules', 'fullName'];

/** A custom metadata type's own settings: label and visibility (Public; Protected only matters in packages). */
export function applyCustomMetadataType(staging: Staging, name: string, node: XmlNode): Applied {
    checkElements(
        Object.fromEntries(Object.entries(node).filter(([key]) => !['fields', 'validationRules'].includes(key))),
        'CustomObject (custom metadata type)',
        TYPE_ELEMENTS
    );
    const label = text(node, 'label') ?? name;
    const labelPlural = text(node, 'pluralLabel') ?? label;
    const existing = staging.objects.get(name.toLowerCase());
    if (existing) {
        Object.assign(existing, { label, labelPlural });
        return { created: false, changed: true };
    }
    const object: ObjectDef = {
        name,
        label,
        labelPlural,
        keyPrefix: nextTypePrefix(staging),
        custom: true,
        createable: false,
        updateable: false,
        deletable: false,
        queryable: true,
        setup: true,
        fields: standardFields()
    };
    createObjectTable(staging.db, object);
    staging.objects.set(name.toLowerCase(), object);
    return { created: true, changed: true };
}

const RECORD_ELEMENTS = ['label', 'protected', 'description', 'values', 'fullName'];

/** `Type.Record` → the type's object and the record's DeveloperName. */
function recordNames(staging: Staging, fullName: string): { object: ObjectDef; developerName: string } {
    const dot = fullName.indexOf('.');
    const typeName = `${fullName.slice(0, dot)}${CUSTOM_METADATA_SUFFIX}`;
    const developerName = fullName.slice(dot + 1);
    const object = staging.objects.get(typeName.toLowerCase());
    if (dot < 1 || !object)
        throw new ComponentProblem(`Custom metadata type ${typeName} does not exist (record ${fullName})`);
    if (!/^[A-Za-z][A-Za-z0-9_]{0,39}$/.test(developerName) || developerName.includes('__') || /_$/.test(developerName))
        throw new ComponentProblem(
            `Invalid custom metadata record name ${developerName}: up to 40 letters, digits and single underscores, starting with a letter`
        );
    return { object, developerName };
}

function fieldValues(object: ObjectDef, values: XmlNode[]): Record<string, string | number | null> {
    const out: Record<string, string | number | null> = {};
    for (const value of values) {
        const name = text(value, 'field') ?? '';
        const target = object.fields.find((f) => f.custom && f.name.toLowerCase() === name.toLowerCase());
        if (!target) throw new ComponentProblem(`Field ${name} does not exist on ${object.name}`);
        try {
            out[target.name] = coerceValue(target, text(value, 'value') ?? null);
        } catch (error) {
            if (error instanceof ApiError)
                throw new ComponentProblem(`${object.name}.${target.name}: ${error.message}`);
            throw error;
        }
    }
    return out;
}

/** Deploys one record: created, or replaced as a whole (fields the file leaves out become empty). */
export function applyCustomMetadataRecord(staging: Staging, fullName: string, node: XmlNode): Applied {
    checkElements(node, 'CustomMetadata', RECORD_ELEMENTS);
    const { object, developerName } = recordNames(staging, fullName);
    const label = text(node, 'label') ?? developerName;
    if (label.length > 40) throw new ComponentProblem(`Label of ${fullName} is longer than 40 characters`);
    const values: Record<string, string | number | null> = {
        DeveloperName: developerName,
        MasterLabel: label,
        Label: label,
        QualifiedApiName: developerName,
        NamespacePrefix: null,
        Language: 'en_US'
    };
    for (const custom of object.fields.filter((f) => f.custom)) values[custom.name] = coerceValue(custom, null);
    Object.assign(values, fieldValues(object, list(node, 'values')));
    const table = quoteName(object.name);
    const existing = staging.db.prepare(`SELECT Id FROM ${table} WHERE DeveloperName = ?`).get(developerName) as
        { Id: string } | undefined;
    if (existing) {
        const columns = Object.keys(values);
        staging.db
            .prepare(`UPDATE ${table} SET ${columns.map((c) => `${quoteName(c)} = ?`).join(', ')} WHERE Id = ?`)
            .run(...columns.map((c) => values[c]), existing.Id);
        return { created: false, changed: true };
    }
    insertSystemRecord(staging.db, object, values, staging.userId, staging.now);
    return { created: true, changed: true };
}
