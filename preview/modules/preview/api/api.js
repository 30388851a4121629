/**
 * Calls local-org's public REST APIs as the signed-in user: the access token comes from the `sid` cookie, as
 * Lightning's own requests carry the session. Errors reject with `{status, body}`, the shape LDS hands components.
 */
import { graphqlRequest, graphqlResult } from 'preview/graphqlProtocol';

export const API_VERSION = '66.0';
export const DATA = `/services/data/v${API_VERSION}`;

/** A failed call as LDS reports it: `status` and the server's `body` (reduceErrors reads `body`). */
export function apiError(status, body, statusText = '') {
    const first = Array.isArray(body) ? body[0] : body;
    const error = new Error((first && first.message) || statusText || `HTTP ${status}`);
    error.status = status;
    error.statusText = statusText;
    error.body = body;
    error.ok = false;
    return error;
}

export function sessionToken() {
    const match = /(?:^|;\s*)sid=([^;]*)/.exec(document.cookie);
    return match ? decodeURIComponent(match[1]) : undefined;
}

export async function apiFetch(path, { method = 'GET', body, headers = {} } = {}) {
    const token = sessionToken();
    const response = await fetch(path.startsWith('/') ? path : `${DATA}/${path}`, {
        method,
        headers: {
            Accept: 'application/json',
            ...(token ? { Authorization: `Bearer ${token}` } : {}),
            ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
            ...headers
        },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    let parsed;
    try {
        parsed = text ? JSON.parse(text) : undefined;
    } catch {
        parsed = text;
    }
    if (!response.ok) {
        throw apiError(response.status, parsed, response.statusText);
    }
    return parsed;
}

/** Every row of a SOQL query, following `nextRecordsUrl`. */
export async function queryAll(soql) {
    let page = await apiFetch(`query?q=${encodeURIComponent(soql)}`);
    const records = [...page.records];
    while (!page.done && page.nextRecordsUrl) {
        // eslint-disable-next-line no-await-in-loop
        page = await apiFetch(page.nextRecordsUrl);
        records.push(...page.records);
    }
    return records;
}

/** A SOQL string literal. */
export function soqlString(value) {
    return `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

const describes = new Map();

/** sObject describe, cached for the page's lifetime like LDS caches object info. */
export function describe(objectApiName) {
    const key = objectApiName.toLowerCase();
    if (!describes.has(key)) {
        const pending = apiFetch(`sobjects/${encodeURIComponent(objectApiName)}/describe`);
        pending.catch(() => describes.delete(key));
        describes.set(key, pending);
    }
    return describes.get(key);
}

const prefixes = new Map();

/** The object an id belongs to, from its key prefix (describeGlobal). */
export async function objectForId(recordId) {
    if (prefixes.size === 0) {
        const global = await apiFetch('sobjects');
        for (const object of global.sobjects) if (object.keyPrefix) prefixes.set(object.keyPrefix, object.name);
    }
    return prefixes.get(String(recordId).slice(0, 3));
}

/** POSTs a GraphQL operation to the UI API endpoint; answers `{data, errors}` as lightning/graphql does. */
export async function postGraphql(operation) {
    const request = graphqlRequest(API_VERSION, operation);
    const token = sessionToken();
    let response;
    try {
        response = await fetch(request.url, {
            method: request.method,
            headers: { ...request.headers, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
            body: request.body
        });
    } catch (error) {
        return graphqlResult(0, { message: `Network error: ${error.message}` });
    }
    const text = await response.text();
    let body;
    try {
        body = text ? JSON.parse(text) : undefined;
    } catch {
        body = text;
    }
    return graphqlResult(response.status, body);
}

let userSettings;

/** The signed-in user's locale and time zone (their User record's LocaleSidKey and TimeZoneSidKey). */
export function userLocale() {
    if (!userSettings) {
        userSettings = apiFetch('/services/oauth2/userinfo').then((info) => ({
            locale: info.locale,
            timeZone: info.zoneinfo
        }));
        userSettings.catch(() => (userSettings = undefined));
    }
    return userSettings;
}
