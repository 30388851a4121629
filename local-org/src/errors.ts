/**
 * An error the way Salesforce reports it: REST bodies are `[{message, errorCode, fields}]`; per-record results in
 * Collections, composite tree and Bulk use `statusCode` for the same code.
 */
export class ApiError extends Error {
    constructor(
        readonly status: number,
        readonly errorCode: string,
        message: string,
        readonly fields: string[] = []
    ) {
        super(message);
        this.name = errorCode;
    }

    /** The REST error body element. */
    toRestError(): { message: string; errorCode: string; fields?: string[] } {
        return this.fields.length > 0
            ? { message: this.message, errorCode: this.errorCode, fields: this.fields }
            : { message: this.message, errorCode: this.errorCode };
    }

    /** The per-record error element of Collections, composite tree and Bulk results. */
    toRecordError(): { statusCode: string; message: string; fields: string[] } {
        return { statusCode: this.errorCode, message: this.message, fields: this.fields };
    }
}

/** A record-level failure (validation, permissions on a value): HTTP 400 on single-record REST. */
export function recordError(errorCode: string, message: string, fields: string[] = []): ApiError {
    return new ApiError(400, errorCode, message, fields);
}

export function notFound(message = 'The requested resource does not exist'): ApiError {
    return new ApiError(404, 'NOT_FOUND', message);
}

/** local-org implements a subset of Salesforce: what it does not implement is refused, never approximated. */
export function notSupported(feature: string): ApiError {
    return new ApiError(400, 'NOT_SUPPORTED_BY_LOCAL_ORG', `${feature} is not supported by local-org.`);
}
