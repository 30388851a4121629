/**
 * lightning/uiRecordApi: getRecord (wire), getFieldValue, getFieldDisplayValue, notifyRecordUpdateAvailable and
 * updateRecord, through local-org's REST and UI API. Like LDS, a record is re-read only when someone says it
 * changed; updateRecord says so for the record it saved.
 */
import { apiError, apiFetch } from 'preview/api';
import { onRecordUpdate, readRecord, recordsUpdated } from 'preview/records';

function fieldPath(field) {
    if (typeof field === 'string') return field.split('.').slice(1);
    return field.fieldApiName.split('.');
}

function leaf(record, field) {
    let current = record;
    const path = fieldPath(field);
    for (let i = 0; i < path.length; i++) {
        const entry = current?.fields?.[path[i]];
        if (entry === undefined) return undefined;
        if (i === path.length - 1) return entry;
        current = entry.value;
    }
    return undefined;
}

export function getFieldValue(record, field) {
    const entry = leaf(record, field);
    return entry === undefined ? undefined : entry.value;
}

export function getFieldDisplayValue(record, field) {
    const entry = leaf(record, field);
    return entry === undefined ? undefined : entry.displayValue;
}

export function notifyRecordUpdateAvailable(recordIdentifiers) {
    return recordsUpdated(recordIdentifiers.map((r) => r.recordId));
}

/** recordInput's email options, sent as the resource's request parameters ("Update a Record", UI API guide). */
const EMAIL_OPTIONS = ['triggerUserEmail', 'triggerOtherEmail'];

/**
 * Saves `{fields: {Id, ...}}` with `PATCH /ui-api/records/<Id>` and resolves to the saved Record; a failed save
 * rejects with `{status, body}`, the body being UI API's Error with Output (`output.fieldErrors`, `output.errors`).
 * `triggerUserEmail` / `triggerOtherEmail` go to the server as request parameters (local-org refuses `true`: it
 * sends no email).
 */
export async function updateRecord(recordInput, clientOptions) {
    if (clientOptions?.ifUnmodifiedSince) {
        const message = 'updateRecord with ifUnmodifiedSince is not supported by the preview (local-org refuses it)';
        throw apiError(400, [{ errorCode: 'NOT_SUPPORTED', message }]);
    }
    const { Id: recordId, ...fields } = recordInput?.fields ?? {};
    if (!recordId) throw apiError(400, [{ errorCode: 'INVALID_INPUT', message: 'fields.Id is required' }]);
    const options = new URLSearchParams();
    for (const name of EMAIL_OPTIONS) {
        if (recordInput[name] !== undefined) options.set(name, String(recordInput[name]));
    }
    const query = options.toString() ? `?${options}` : '';
    const record = await apiFetch(`ui-api/records/${encodeURIComponent(recordId)}${query}`, {
        method: 'PATCH',
        body: { fields }
    });
    await recordsUpdated([recordId]);
    return record;
}

export class getRecord {
    constructor(dataCallback) {
        this.dataCallback = dataCallback;
        this.connected = false;
        this.config = undefined;
        this.unsubscribe = undefined;
        this.sequence = 0;
    }

    connect() {
        this.connected = true;
        this.load();
    }

    disconnect() {
        this.connected = false;
        this.unsubscribe?.();
        this.unsubscribe = undefined;
    }

    update(config) {
        this.config = config;
        this.load();
    }

    load() {
        const config = this.config;
        if (!this.connected || !config || !config.recordId) return;
        if (!config.fields && !config.optionalFields) {
            if (config.layoutTypes) {
                const message = 'getRecord with layoutTypes is not supported by the preview: list fields instead';
                this.dataCallback({ data: undefined, error: apiError(400, [{ errorCode: 'NOT_SUPPORTED', message }]) });
            }
            return;
        }
        this.unsubscribe?.();
        this.unsubscribe = onRecordUpdate(config.recordId, () => this.fetch(config));
        this.fetch(config);
    }

    fetch(config) {
        const sequence = ++this.sequence;
        const fields = [].concat(config.fields ?? []);
        const optionalFields = [].concat(config.optionalFields ?? []);
        return readRecord(config.recordId, fields, optionalFields).then(
            (data) => {
                if (sequence === this.sequence && this.connected) this.dataCallback({ data, error: undefined });
            },
            (error) => {
                if (sequence === this.sequence && this.connected) this.dataCallback({ data: undefined, error });
            }
        );
    }
}
