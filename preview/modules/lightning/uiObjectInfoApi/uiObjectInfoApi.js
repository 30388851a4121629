/**
 * lightning/uiObjectInfoApi: getObjectInfo (wire), the UI API ObjectInfo built from the sObject describe the user
 * can see (fields they cannot read are absent, as on the platform); getPicklistValuesByRecordType (wire), the org's
 * UI API picklist values of one record type.
 */
import { DATA, apiFetch, describe } from 'preview/api';

const DATA_TYPES = {
    id: 'Id',
    string: 'String',
    textarea: 'TextArea',
    picklist: 'Picklist',
    multipicklist: 'MultiPicklist',
    reference: 'Reference',
    boolean: 'Boolean',
    date: 'Date',
    datetime: 'DateTime',
    time: 'Time',
    email: 'Email',
    phone: 'Phone',
    url: 'Url',
    currency: 'Currency',
    double: 'Double',
    int: 'Int',
    percent: 'Percent'
};

function fieldInfo(field) {
    return {
        apiName: field.name,
        calculated: Boolean(field.calculated),
        compound: false,
        createable: Boolean(field.createable),
        custom: Boolean(field.custom),
        dataType: DATA_TYPES[field.type] ?? field.type,
        externalId: Boolean(field.externalId),
        label: field.label,
        length: field.length ?? 0,
        nameField: Boolean(field.nameField),
        precision: field.precision ?? 0,
        reference: field.type === 'reference',
        referenceToInfos: (field.referenceTo ?? []).map((apiName) => ({ apiName, nameFields: ['Name'] })),
        relationshipName: field.relationshipName ?? null,
        required: !field.nillable && Boolean(field.createable) && !field.defaultedOnCreate,
        scale: field.scale ?? 0,
        sortable: Boolean(field.sortable),
        unique: Boolean(field.unique),
        updateable: Boolean(field.updateable)
    };
}

export function toObjectInfo(info) {
    const recordTypeInfos = {};
    let defaultRecordTypeId = null;
    for (const rt of info.recordTypeInfos ?? []) {
        recordTypeInfos[rt.recordTypeId] = {
            available: rt.available,
            defaultRecordTypeMapping: rt.defaultRecordTypeMapping,
            master: rt.master,
            name: rt.name,
            recordTypeId: rt.recordTypeId
        };
        if (rt.defaultRecordTypeMapping) defaultRecordTypeId = rt.recordTypeId;
    }
    return {
        apiName: info.name,
        associateEntityType: null,
        associateParentEntity: null,
        childRelationships: (info.childRelationships ?? [])
            .filter((r) => r.relationshipName)
            .map((r) => ({
                childObjectApiName: r.childSObject,
                fieldName: r.field,
                relationshipName: r.relationshipName
            })),
        createable: Boolean(info.createable),
        custom: Boolean(info.custom),
        defaultRecordTypeId,
        deletable: Boolean(info.deletable),
        fields: Object.fromEntries(info.fields.map((f) => [f.name, fieldInfo(f)])),
        keyPrefix: info.keyPrefix ?? null,
        label: info.label,
        labelPlural: info.labelPlural,
        nameFields: info.fields.filter((f) => f.nameField).map((f) => f.name),
        queryable: Boolean(info.queryable),
        recordTypeInfos,
        searchable: Boolean(info.searchable),
        updateable: Boolean(info.updateable)
    };
}

export class getObjectInfo {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
        this.config = undefined;
    }

    connect() {
        this.connected = true;
        this.load();
    }

    disconnect() {
        this.connected = false;
    }

    update(config) {
        this.config = config;
        this.load();
    }

    load() {
        const name = this.config?.objectApiName;
        if (!this.connected || !name) return;
        const apiName = typeof name === 'string' ? name : name.objectApiName;
        describe(apiName).then(
            (info) => this.connected && this.dataCallback({ data: toObjectInfo(info), error: undefined }),
            (error) => this.connected && this.dataCallback({ data: undefined, error })
        );
    }
}

/** getPicklistValuesByRecordType: GET .../ui-api/object-info/{object}/picklist-values/{recordTypeId}, as is. */
export class getPicklistValuesByRecordType {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
        this.config = undefined;
    }

    connect() {
        this.connected = true;
        this.load();
    }

    disconnect() {
        this.connected = false;
    }

    update(config) {
        this.config = config;
        this.load();
    }

    load() {
        const name = this.config?.objectApiName;
        const recordTypeId = this.config?.recordTypeId;
        if (!this.connected || !name || !recordTypeId) return;
        const apiName = typeof name === 'string' ? name : name.objectApiName;
        const path = `${DATA}/ui-api/object-info/${encodeURIComponent(apiName)}/picklist-values/${encodeURIComponent(recordTypeId)}`;
        apiFetch(path).then(
            (data) => this.connected && this.dataCallback({ data, error: undefined }),
            (error) => this.connected && this.dataCallback({ data: undefined, error })
        );
    }
}
