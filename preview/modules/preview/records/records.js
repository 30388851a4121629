/**
 * Records as UI API represents them (`{apiName, id, fields: {Name: {value, displayValue}}}`), read with SOQL over
 * REST, and the page's record-change notifications: what notifyRecordUpdateAvailable and RefreshEvent trigger.
 */
import { apiError, describe, queryAll, soqlString } from 'preview/api';

const listeners = new Map();

/** Calls `callback` whenever the record is reported changed; returns the unsubscribe function. */
export function onRecordUpdate(recordId, callback) {
    const key = String(recordId).slice(0, 15);
    if (!listeners.has(key)) listeners.set(key, new Set());
    listeners.get(key).add(callback);
    return () => listeners.get(key)?.delete(callback);
}

/** Tells every reader of these records to read them again; resolves when they have. */
export function recordsUpdated(recordIds) {
    const work = [];
    for (const id of recordIds) {
        for (const callback of listeners.get(String(id).slice(0, 15)) ?? []) work.push(callback());
    }
    return Promise.all(work).then(() => undefined);
}

/** Tells every reader of any record to read again (RefreshEvent on a record page). */
export function allRecordsUpdated() {
    return recordsUpdated([...listeners.keys()]);
}

function displayValue(field, value) {
    if (value === null || value === undefined) return null;
    switch (field?.type) {
        case 'picklist': {
            const entry = field.picklistValues?.find((p) => p.value === value);
            return entry ? entry.label : value;
        }
        case 'date':
            return new Date(`${value}T00:00:00`).toLocaleDateString();
        case 'datetime':
            return new Date(value).toLocaleString();
        case 'currency':
        case 'double':
        case 'percent':
        case 'int':
            return Number(value).toLocaleString();
        default:
            return null;
    }
}

/** Builds the UI API record for one SOQL row, nesting parent relationships as records. */
async function toRecord(objectApiName, row, paths) {
    const info = await describe(objectApiName);
    const fields = {};
    const nested = new Map();
    for (const path of paths) {
        const [head, ...rest] = path.split('.');
        if (rest.length) {
            if (!nested.has(head)) nested.set(head, []);
            nested.get(head).push(rest.join('.'));
            continue;
        }
        const field = info.fields.find((f) => f.name.toLowerCase() === head.toLowerCase());
        const name = field ? field.name : head;
        fields[name] = { value: row[name] ?? null, displayValue: displayValue(field, row[name]) };
    }
    for (const [relationship, subPaths] of nested) {
        const field = info.fields.find((f) => f.relationshipName?.toLowerCase() === relationship.toLowerCase());
        const parentRow = field ? row[field.relationshipName] : undefined;
        if (!field || !parentRow) {
            fields[field ? field.relationshipName : relationship] = { value: null, displayValue: null };
            continue;
        }
        const parentObject = parentRow.attributes?.type ?? field.referenceTo[0];
        // eslint-disable-next-line no-await-in-loop
        const parent = await toRecord(parentObject, parentRow, subPaths);
        const nameValue = parent.fields.Name?.value ?? null;
        fields[field.relationshipName] = { value: parent, displayValue: nameValue };
    }
    return {
        apiName: objectApiName,
        childRelationships: {},
        fields,
        id: row.Id,
        lastModifiedById: row.LastModifiedById ?? null,
        lastModifiedDate: row.LastModifiedDate ?? null,
        recordTypeId: row.RecordTypeId ?? null,
        recordTypeInfo: null,
        systemModstamp: row.SystemModstamp ?? null
    };
}

/** True when the object's describe has this (possibly relationship) path, as the user may see it. */
async function hasPath(objectApiName, path) {
    const info = await describe(objectApiName);
    const [head, ...rest] = path.split('.');
    if (!rest.length) return info.fields.some((f) => f.name.toLowerCase() === head.toLowerCase());
    const field = info.fields.find((f) => f.relationshipName?.toLowerCase() === head.toLowerCase());
    if (!field) return false;
    try {
        return await hasPath(field.referenceTo[0], rest.join('.'));
    } catch {
        return false;
    }
}

function unqualified(objectApiName, field) {
    const name = typeof field === 'string' ? field : `${field.objectApiName}.${field.fieldApiName}`;
    const [object, ...path] = name.split('.');
    if (object.toLowerCase() !== objectApiName.toLowerCase()) {
        throw apiError(400, [{ errorCode: 'INVALID_FIELD', message: `${name} is not a field of ${objectApiName}` }]);
    }
    return path.join('.');
}

/**
 * getRecord's read: `fields` must exist for the user (else the error a real org gives), `optionalFields` are
 * dropped silently when they do not.
 */
export async function readRecord(recordId, fields = [], optionalFields = []) {
    const all = [...fields, ...optionalFields];
    if (all.length === 0)
        throw apiError(400, [{ errorCode: 'INVALID_INPUT', message: 'fields or optionalFields is required' }]);
    const first = typeof all[0] === 'string' ? all[0] : all[0].objectApiName + '.x';
    const objectApiName = first.split('.')[0];
    const paths = new Set(['Id']);
    for (const field of fields) {
        const path = unqualified(objectApiName, field);
        // eslint-disable-next-line no-await-in-loop
        if (!(await hasPath(objectApiName, path))) {
            throw apiError(400, [
                {
                    errorCode: 'INVALID_FIELD',
                    message: `No such column '${path}' on entity '${objectApiName}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name.`
                }
            ]);
        }
        paths.add(path);
    }
    for (const field of optionalFields) {
        const path = unqualified(objectApiName, field);
        // eslint-disable-next-line no-await-in-loop
        if (await hasPath(objectApiName, path)) paths.add(path);
    }
    const info = await describe(objectApiName);
    if (info.fields.some((f) => f.name === 'RecordTypeId')) paths.add('RecordTypeId');
    const list = [...paths];
    const rows = await queryAll(`SELECT ${list.join(', ')} FROM ${objectApiName} WHERE Id = ${soqlString(recordId)}`);
    if (rows.length === 0)
        throw apiError(404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    return toRecord(objectApiName, rows[0], list);
}
