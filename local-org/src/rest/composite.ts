/**
 * Composite (`/composite`): up to 25 sub-requests in one call, later ones using earlier results through
 * `@{referenceId.path}`; with allOrNone one failure rolls everything back.
 */
import { ApiError } from '../errors.ts';
import { attemptInSavepoint, PROCESSING_HALTED, RollbackWithResponse } from './batch.ts';
import { json, objectBody, type RestRequest, type RestResponse, type Route } from './types.ts';

/**
 * "You can have up to 25 subrequests in a single call. Up to 5 of these subrequests can be sObject Collections or
 * query operations, including Query and QueryAll requests", and "Composite is supported for the following resources":
 * the sObject resources, Query, QueryAll and sObject Collections (REST API Developer Guide, "Send Multiple Requests
 * Using Composite"). Anything else, a nested composite included, is refused before any sub-request runs, so one call
 * is bounded to 25 sub-requests.
 */
const SUBREQUEST_LIMIT = 25;
const QUERY_AND_COLLECTION_LIMIT = 5;
const SUPPORTED_RESOURCE = /^\/services\/data\/v\d+\.\d+\/(sobjects|query|queryAll|composite\/sobjects)(?=[/?]|$)/;
const REFERENCE = /@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}/g;

export type Dispatch = (request: RestRequest) => RestResponse;

interface SubRequest {
    method: string;
    url: string;
    referenceId: string;
    body?: unknown;
}

class UnresolvedReference extends Error {}

/** A sub-request that answered with an error: thrown so its savepoint rolls back, carrying its response. */
class SubRequestFailed extends ApiError {
    constructor(readonly response: SubResponse) {
        super(response.httpStatusCode, 'SUBREQUEST_FAILED', 'subrequest failed');
    }
}

function lookupPath(value: unknown, path: string): unknown {
    const steps = path.match(/[A-Za-z0-9_]+|\[\d+\]/g) ?? [];
    let current = value;
    for (const step of steps) {
        if (current === null || typeof current !== 'object') return undefined;
        const key = step.startsWith('[') ? Number(step.slice(1, -1)) : step;
        current = (current as Record<string | number, unknown>)[key];
    }
    return current;
}

function resolveText(text: string, results: Map<string, unknown>): unknown {
    const whole = /^@\{([A-Za-z0-9_]+)((?:\.[A-Za-z0-9_]+|\[\d+\])*)\}$/.exec(text);
    const resolve = (ref: string, path: string) => {
        if (!results.has(ref))
            throw new UnresolvedReference(`Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
        const value = lookupPath(results.get(ref), path);
        if (value === undefined)
            throw new UnresolvedReference(`Invalid reference specified. No value for ${ref}${path} found in ${ref}.`);
        return value;
    };
    if (whole) return resolve(whole[1], whole[2]);
    return text.replace(REFERENCE, (_m, ref: string, path: string) => String(resolve(ref, path)));
}

function resolveReferences(value: unknown, results: Map<string, unknown>): unknown {
    if (typeof value === 'string') return resolveText(value, results);
    if (Array.isArray(value)) return value.map((v) => resolveReferences(v, results));
    if (value !== null && typeof value === 'object') {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveReferences(v, results)]));
    }
    return value;
}

function parseSubRequests(request: RestRequest): { allOrNone: boolean; subRequests: SubRequest[] } {
    const body = objectBody(request);
    if (!Array.isArray(body.compositeRequest))
        throw new ApiError(400, 'JSON_PARSER_ERROR', 'The request body must have a compositeRequest array');
    if (body.compositeRequest.length > SUBREQUEST_LIMIT) {
        throw new ApiError(
            400,
            'LIMIT_EXCEEDED',
            `The composite request may contain at most ${SUBREQUEST_LIMIT} subrequests`
        );
    }
    const subRequests = body.compositeRequest.map((raw: unknown, index: number) => {
        const sub = raw as Partial<SubRequest>;
        if (typeof sub.method !== 'string' || typeof sub.url !== 'string' || typeof sub.referenceId !== 'string') {
            throw new ApiError(400, 'INVALID_INPUT', `Subrequest ${index + 1} needs method, url and referenceId`);
        }
        return sub as SubRequest;
    });
    checkResources(subRequests);
    return { allOrNone: body.allOrNone === true, subRequests };
}

/** The resource a sub-request URL names, or undefined when composite does not run it. */
function supportedResource(url: string): string | undefined {
    return SUPPORTED_RESOURCE.exec(url.replace(/\/{2,}/g, '/'))?.[1];
}

function checkResources(subRequests: SubRequest[]): void {
    let queriesAndCollections = 0;
    subRequests.forEach((sub, index) => {
        const resource = supportedResource(sub.url);
        if (resource === undefined) {
            throw new ApiError(
                400,
                'INVALID_INPUT',
                `Subrequest ${index + 1}: composite supports only the sObject, Query, QueryAll and sObject Collections resources: ${sub.url.slice(0, 200)}`
            );
        }
        if (resource !== 'sobjects') queriesAndCollections += 1;
    });
    if (queriesAndCollections > QUERY_AND_COLLECTION_LIMIT) {
        throw new ApiError(
            400,
            'LIMIT_EXCEEDED',
            `The composite request may contain at most ${QUERY_AND_COLLECTION_LIMIT} query or sObject Collections subrequests`
        );
    }
}

function toPath(url: string): { path: string; query: URLSearchParams } {
    const [pathPart, queryPart = ''] = url.split('?', 2);
    const match = /^\/services\/data\/v\d+\.\d+(\/.*)$/.exec(pathPart.replace(/\/{2,}/g, '/'));
    if (!match)
        throw new ApiError(400, 'INVALID_INPUT', `Subrequest URLs must start with /services/data/vNN.N: ${url}`);
    return { path: match[1].replace(/\/$/, ''), query: new URLSearchParams(queryPart) };
}

interface SubResponse {
    body: unknown;
    httpHeaders: Record<string, string>;
    httpStatusCode: number;
    referenceId: string;
}

function runSubRequest(
    request: RestRequest,
    dispatch: Dispatch,
    sub: SubRequest,
    results: Map<string, unknown>
): SubResponse {
    const url = String(resolveText(sub.url, results));
    // A reference may not turn a URL into another resource: checked again once resolved.
    if (supportedResource(url) !== supportedResource(sub.url)) {
        throw new ApiError(
            400,
            'INVALID_INPUT',
            `Subrequest URLs must name a resource composite supports: ${url.slice(0, 200)}`
        );
    }
    const { path, query } = toPath(url);
    const body = sub.body === undefined ? undefined : resolveReferences(sub.body, results);
    const response = dispatch({ ...request, method: sub.method.toUpperCase(), path, query, body, params: [] });
    return {
        body: response.body ?? null,
        httpHeaders: response.headers ?? {},
        httpStatusCode: response.status,
        referenceId: sub.referenceId
    };
}

function failure(referenceId: string, error: ApiError): SubResponse {
    return { body: [error.toRestError()], httpHeaders: {}, httpStatusCode: error.status, referenceId };
}

export function compositeRoutes(dispatch: Dispatch): Route[] {
    const composite = (request: RestRequest): RestResponse => {
        const { allOrNone, subRequests } = parseSubRequests(request);
        const results = new Map<string, unknown>();
        const responses: SubResponse[] = [];
        for (const sub of subRequests) {
            const outcome = attemptInSavepoint(request.ctx, () => {
                let response: SubResponse;
                try {
                    response = runSubRequest(request, dispatch, sub, results);
                } catch (error) {
                    if (error instanceof UnresolvedReference)
                        throw new ApiError(400, PROCESSING_HALTED.errorCode, error.message);
                    if (error instanceof RollbackWithResponse) {
                        const { status, body, headers } = error.response;
                        throw new SubRequestFailed({
                            body,
                            httpHeaders: headers ?? {},
                            httpStatusCode: status,
                            referenceId: sub.referenceId
                        });
                    }
                    throw error;
                }
                if (response.httpStatusCode >= 400) throw new SubRequestFailed(response);
                return response;
            });
            if (outcome.ok) {
                results.set(sub.referenceId, outcome.value.body);
                responses.push(outcome.value);
                continue;
            }
            const failed =
                outcome.error instanceof SubRequestFailed
                    ? outcome.error.response
                    : failure(sub.referenceId, outcome.error);
            responses.push(failed);
            if (allOrNone) {
                const halted = subRequests.map((s, i) =>
                    i === responses.length - 1 ? failed : failure(s.referenceId, PROCESSING_HALTED)
                );
                throw new RollbackWithResponse(json(200, { compositeResponse: halted }));
            }
        }
        return json(200, { compositeResponse: responses });
    };
    return [{ method: 'POST', pattern: /^\/composite$/, handler: composite }];
}
