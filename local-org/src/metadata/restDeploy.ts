/**
 * REST Metadata deploy: `POST /services/data/vNN.N/metadata/deployRequest` (multipart: a JSON part with
 * `deployOptions` and the zip as the `file` part) and `GET …/deployRequest/<id>[?includeDetails=true]`, on the same
 * deploy engine as the SOAP `deploy` call (Metadata API Developer Guide, "Deploy Metadata with Apex Testing Using
 * REST" and "Check the Status of Your Deployment Using REST Resources"). The sf CLI uses it when
 * `org-metadata-rest-deploy` (SF_ORG_METADATA_REST_DEPLOY) is true, through jsforce's `metadata.deployRest`.
 */
import type { CallContext } from '../context.ts';
import { ApiError, notSupported } from '../errors.ts';
import type { LocalOrg } from '../org.ts';
import { json, type RestRequest, type RestResponse, type Route } from '../rest/types.ts';
import { deployPackage, type DeployOutcome } from './deploy.ts';
import { deployResult } from './soapApi.ts';
import { readPackage } from './zip.ts';

export const DEPLOY_REQUEST_PATH = /^\/metadata\/deployRequest$/;

interface Part {
    name: string;
    contentType: string;
    body: Buffer;
}

/** The parts of a multipart/form-data body (RFC 7578), by the boundary its Content-Type names. */
function multipartParts(body: Buffer, contentType: string): Part[] {
    const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
    if (!boundary) throw new ApiError(400, 'INVALID_MULTIPART_REQUEST', 'The multipart request names no boundary');
    const delimiter = Buffer.from(`--${boundary}`);
    const parts: Part[] = [];
    let start = body.indexOf(delimiter);
    while (start !== -1) {
        const next = body.indexOf(delimiter, start + delimiter.length);
        if (next === -1) break;
        const chunk = body.subarray(start + delimiter.length, next);
        const headerEnd = chunk.indexOf('\r\n\r\n');
        if (headerEnd !== -1) {
            const headers = chunk.subarray(0, headerEnd).toString('utf8');
            // The part's content ends before the CRLF that precedes the next delimiter.
            const content = chunk.subarray(headerEnd + 4, chunk.length - 2);
            parts.push({
                name: /name="([^"]*)"/i.exec(headers)?.[1] ?? '',
                contentType: /content-type:\s*([^\r\n;]+)/i.exec(headers)?.[1]?.trim().toLowerCase() ?? '',
                body: content
            });
        }
        start = next;
    }
    return parts;
}

/** Options local-org honours; the others are refused by name when set to anything but their default. */
const BOOLEAN_OPTIONS = ['checkOnly', 'rollbackOnError', 'ignoreWarnings', 'singlePackage', 'purgeOnDelete'];
const REFUSED_WHEN_TRUE = ['allowMissingFiles', 'autoUpdatePackage', 'performRetrieve', 'runAllTests'];

function readOptions(raw: unknown): { checkOnly: boolean; rollbackOnError: boolean; options: Record<string, unknown> } {
    const options = (raw ?? {}) as Record<string, unknown>;
    for (const name of REFUSED_WHEN_TRUE) {
        if (options[name] === true) throw notSupported(`The deploy option ${name}`);
    }
    const runTests = options.runTests;
    // local-org has no Apex: RunSpecifiedTests naming classes could never run them.
    if (Array.isArray(runTests) && runTests.length > 0) throw notSupported('The deploy option runTests (Apex tests)');
    for (const name of BOOLEAN_OPTIONS) {
        if (options[name] !== undefined && typeof options[name] !== 'boolean') {
            throw new ApiError(400, 'INVALID_INPUT', `deployOptions.${name} must be a boolean`);
        }
    }
    return {
        checkOnly: options.checkOnly === true,
        rollbackOnError: options.rollbackOnError !== false,
        options
    };
}

function checkAccess(ctx: CallContext): void {
    if (!ctx.access.modifyAllData) {
        throw new ApiError(
            403,
            'INSUFFICIENT_ACCESS',
            'insufficient access rights on object id: the Metadata API needs Modify All Data'
        );
    }
}

interface StoredRestDeploy {
    outcome: DeployOutcome;
    rollbackOnError: boolean;
    options: Record<string, unknown>;
}

function requestUrl(origin: string, version: string, id: string): string {
    return `${origin}/services/data/v${version}/metadata/deployRequest/${id}`;
}

/** POST deployRequest: deploys now, answers 201 with the request still Pending, as Salesforce's create call does. */
export async function postDeployRequest(
    org: LocalOrg,
    ctx: CallContext,
    body: Buffer,
    contentType: string,
    origin: string
): Promise<RestResponse> {
    checkAccess(ctx);
    if (!/^multipart\/form-data/i.test(contentType)) {
        if (/^application\/json/i.test(contentType)) throw notSupported('Quick deploy (validatedDeployRequestId)');
        throw new ApiError(
            415,
            'UNSUPPORTED_MEDIA_TYPE',
            `MediaType of '${contentType}' is not supported by this resource`
        );
    }
    const parts = multipartParts(body, contentType);
    const jsonPart = parts.find((part) => part.contentType === 'application/json');
    const zipPart = parts.find((part) => part.name === 'file');
    if (!zipPart) throw new ApiError(400, 'INVALID_MULTIPART_REQUEST', 'The request has no file part with the zip');
    let entity: Record<string, unknown> = {};
    if (jsonPart) {
        try {
            entity = JSON.parse(jsonPart.body.toString('utf8')) as Record<string, unknown>;
        } catch (error) {
            throw new ApiError(
                400,
                'JSON_PARSER_ERROR',
                `The deployOptions part is not JSON: ${(error as Error).message}`
            );
        }
    }
    const { checkOnly, rollbackOnError, options } = readOptions(entity.deployOptions);
    let files: Map<string, Buffer>;
    try {
        files = await readPackage(zipPart.body.toString('base64'));
    } catch (error) {
        throw new ApiError(400, 'INVALID_ZIP', `The file part is not a zip archive: ${(error as Error).message}`);
    }
    const outcome = await deployPackage(org, ctx.userId, files, { checkOnly, rollbackOnError });
    const stored: StoredRestDeploy = { outcome, rollbackOnError, options };
    org.db
        .prepare('INSERT INTO _lo_deploys (id, kind, result) VALUES (?, ?, ?)')
        .run(outcome.id, 'restDeploy', JSON.stringify(stored));
    const pending = {
        ...deployResult(org, ctx.userId, outcome, rollbackOnError),
        completedDate: null,
        details: null,
        done: false,
        numberComponentErrors: 0,
        numberComponentsDeployed: 0,
        numberComponentsTotal: 0,
        status: 'Pending',
        success: false
    };
    return json(201, {
        id: outcome.id,
        validatedDeployRequestId: null,
        deployResult: pending,
        deployOptions: options,
        url: requestUrl(origin, ctx.apiVersion, outcome.id)
    });
}

/** GET deployRequest/<id>: the finished DeployResult; details (component results) with includeDetails=true. */
function getDeployRequest(request: RestRequest): RestResponse {
    checkAccess(request.ctx);
    const id = request.params[0];
    const row = request.ctx.db
        .prepare("SELECT result FROM _lo_deploys WHERE id = ? AND kind IN ('restDeploy', 'deploy')")
        .get(id) as { result: string } | undefined;
    if (!row) throw new ApiError(404, 'NOT_FOUND', 'The requested resource does not exist');
    const { outcome, rollbackOnError, options } = JSON.parse(row.result) as StoredRestDeploy;
    const result = deployResult(request.org, request.ctx.userId, outcome, rollbackOnError);
    if (request.query.get('includeDetails') !== 'true') {
        const details = result.details as Record<string, unknown>;
        result.details = { ...details, componentSuccesses: [] };
    }
    return json(200, {
        id,
        validatedDeployRequestId: null,
        deployResult: result,
        deployOptions: options ?? null,
        url: requestUrl(request.origin, request.ctx.apiVersion, id)
    });
}

/** PATCH deployRequest/<id> cancels a deploy in progress; local-org's deploys finish when they are requested. */
function cancelDeployRequest(request: RestRequest): RestResponse {
    checkAccess(request.ctx);
    throw notSupported('Canceling a deploy (local-org deploys finish when requested)');
}

export const restDeployRoutes: Route[] = [
    { method: 'GET', pattern: /^\/metadata\/deployRequest\/([^/]+)$/, handler: getDeployRequest },
    { method: 'PATCH', pattern: /^\/metadata\/deployRequest\/([^/]+)$/, handler: cancelDeployRequest }
];
