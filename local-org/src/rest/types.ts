/** The REST layer's request and response, independent of HTTP so composite sub-requests use the same handlers. */
import type { CallContext } from '../context.ts';
import { ApiError } from '../errors.ts';
import type { LocalOrg } from '../org.ts';

export interface RestRequest {
    method: string;
    /** The path after `/services/data/vNN.N`, e.g. `/sobjects/Account/001...`. */
    path: string;
    params: string[];
    query: URLSearchParams;
    headers: Record<string, string | undefined>;
    body: unknown;
    ctx: CallContext;
    org: LocalOrg;
    /** `http://127.0.0.1:6101`, for absolute URLs (identity). */
    origin: string;
}

export interface RestResponse {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
}

export type Handler = (request: RestRequest) => RestResponse;

export interface Route {
    method: string;
    pattern: RegExp;
    handler: Handler;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): RestResponse {
    return { status, body, headers };
}

/** A JSON object body, or a clear error for anything else. */
export function objectBody(request: RestRequest): Record<string, unknown> {
    const body = request.body;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
        const token = Array.isArray(body)
            ? 'START_ARRAY'
            : body === null || body === undefined
              ? 'no content'
              : 'VALUE_STRING';
        throw new ApiError(
            400,
            'JSON_PARSER_ERROR',
            `Cannot deserialize instance of object from ${token}: the request body must be a JSON object`
        );
    }
    return body as Record<string, unknown>;
}
