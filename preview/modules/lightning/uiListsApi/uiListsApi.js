/**
 * lightning/uiListsApi: the wire adapters that read list views (Lightning Web Components Developer Guide,
 * "lightning/uiListsApi"): getListInfosByObjectName, getListInfoByName and getListRecordsByName, answered by
 * local-org's UI API resources `ui-api/list-info/...` and `ui-api/list-records/...`. The module's other adapters
 * (createListInfo, updateListInfoByName, deleteListInfo, getListInfosByName, getListObjectInfo, list preferences)
 * are not implemented here: a component importing one fails the preview build, naming it.
 */
import { apiFetch } from 'preview/api';

/** `objectApiName` as a string or an `@salesforce/schema` object import. */
function objectName(value) {
    return typeof value === 'string' ? value : value?.objectApiName;
}

/** A wire adapter that GETs the path its config names; an incomplete config asks nothing. */
function wireAdapter(pathOf) {
    return class {
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
            const path = this.config ? pathOf(this.config) : undefined;
            if (!this.connected || !path) return;
            this.path = path;
            // Only the answer for the current config is delivered: a slower answer to an older one is dropped.
            apiFetch(path).then(
                (data) => this.connected && this.path === path && this.dataCallback({ data, error: undefined }),
                (error) => this.connected && this.path === path && this.dataCallback({ data: undefined, error })
            );
        }
    };
}

export const getListInfosByObjectName = wireAdapter((config) => {
    const object = objectName(config.objectApiName);
    return object ? `ui-api/list-info/${encodeURIComponent(object)}` : undefined;
});

export const getListInfoByName = wireAdapter((config) => {
    const object = objectName(config.objectApiName);
    if (!object || !config.listViewApiName) return undefined;
    return `ui-api/list-info/${encodeURIComponent(object)}/${encodeURIComponent(config.listViewApiName)}`;
});

export const getListRecordsByName = wireAdapter((config) => {
    const object = objectName(config.objectApiName);
    if (!object || !config.listViewApiName) return undefined;
    const query = new URLSearchParams();
    if (config.pageSize !== undefined) query.set('pageSize', String(config.pageSize));
    if (config.pageToken !== undefined) query.set('pageToken', String(config.pageToken));
    const search = query.toString();
    return `ui-api/list-records/${encodeURIComponent(object)}/${encodeURIComponent(config.listViewApiName)}${search ? `?${search}` : ''}`;
});
