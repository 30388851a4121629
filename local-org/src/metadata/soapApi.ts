/**
 * `/services/Soap/m/NN.N`: deploy, checkDeployStatus, retrieve, checkRetrieveStatus and listMetadata. Deploys run
 * when requested and report done at the first status check (jsforce gives up polling after 10 s by default).
 */
import { UserAccess } from '../access.ts';
import type { LocalOrg } from '../org.ts';
import { nextId } from '../store.ts';
import { deployPackage, type ComponentMessage, type DeployOutcome } from './deploy.ts';
import { deleteMetadata, metadataItems, readMetadataXml, renameMetadata, saveMetadata } from './crud.ts';
import { listMetadata, retrievePackage, UnsupportedListType, type RetrieveOutcome } from './retrieve.ts';
import { parseSoapCall, SoapFault, soapFault, soapResponse, soapResponseList, soapResponseXml } from './soap.ts';
import { flag, list, text, type XmlNode } from './xml.ts';
import { readPackage } from './zip.ts';

export interface SoapReply {
    status: number;
    body: string;
}

function userName(org: LocalOrg, userId: string): string {
    return (org.db.prepare('SELECT Name FROM User WHERE Id = ?').get(userId) as { Name: string }).Name;
}

function saveOutcome(org: LocalOrg, id: string, kind: string, outcome: unknown): void {
    org.db
        .prepare('INSERT INTO _lo_deploys (id, kind, result) VALUES (?, ?, ?)')
        .run(id, kind, JSON.stringify(outcome));
}

/** A deploy made over REST (restDeploy.ts) is the same DeployRequest: checkDeployStatus answers it too. */
function loadOutcome<T>(org: LocalOrg, id: string, kind: string): T {
    const kinds = kind === 'deploy' ? ['deploy', 'restDeploy'] : [kind];
    const row = org.db
        .prepare(`SELECT result FROM _lo_deploys WHERE id = ? AND kind IN (${kinds.map(() => '?').join(', ')})`)
        .get(id, ...kinds) as { result: string } | undefined;
    if (!row) throw new SoapFault('sf:INVALID_ID_FIELD', `Invalid ${kind} ID: ${id}`);
    return JSON.parse(row.result) as T;
}

function componentXml(message: ComponentMessage): Record<string, unknown> {
    const { changed, componentType, created, createdDate, deleted, fileName, fullName, success, problem, problemType } =
        message;
    return { changed, componentType, created, createdDate, deleted, fileName, fullName, problem, problemType, success };
}

/** DeployResult as checkDeployStatus answers it; REST deploy (restDeploy.ts) answers the same object as JSON. */
export function deployResult(
    org: LocalOrg,
    userId: string,
    outcome: DeployOutcome,
    rollbackOnError: boolean
): Record<string, unknown> {
    const deployed = outcome.success || !rollbackOnError ? outcome.successes.length - 1 : 0;
    return {
        checkOnly: outcome.checkOnly,
        completedDate: outcome.completedDate,
        createdBy: userId.slice(0, 15),
        createdByName: userName(org, userId),
        createdDate: outcome.startDate,
        details: {
            componentFailures: outcome.failures.map(componentXml),
            componentSuccesses: outcome.successes.map(componentXml),
            runTestResult: { numFailures: 0, numTestsRun: 0, totalTime: '0.0' }
        },
        done: true,
        id: outcome.id,
        ignoreWarnings: false,
        lastModifiedDate: outcome.completedDate,
        numberComponentErrors: outcome.failures.length,
        numberComponentsDeployed: deployed,
        numberComponentsTotal: outcome.successes.length - 1 + outcome.failures.length,
        numberTestErrors: 0,
        numberTestsCompleted: 0,
        numberTestsTotal: 0,
        rollbackOnError,
        runTestsEnabled: false,
        startDate: outcome.startDate,
        status: outcome.success ? 'Succeeded' : 'Failed',
        success: outcome.success
    };
}

async function deploy(org: LocalOrg, userId: string, body: XmlNode): Promise<string> {
    const options = (body.DeployOptions ?? {}) as XmlNode;
    const zip = text(body, 'ZipFile');
    if (!zip) throw new SoapFault('sf:INVALID_ZIP', 'The deploy request has no ZipFile');
    let files: Map<string, Buffer>;
    try {
        files = await readPackage(zip);
    } catch (error) {
        throw new SoapFault('sf:INVALID_ZIP', `The ZipFile is not a zip archive: ${(error as Error).message}`);
    }
    const rollbackOnError = flag(options, 'rollbackOnError', true);
    const outcome = await deployPackage(org, userId, files, { checkOnly: flag(options, 'checkOnly'), rollbackOnError });
    saveOutcome(org, outcome.id, 'deploy', { outcome, rollbackOnError });
    return soapResponse('deploy', { done: false, id: outcome.id, state: 'Queued' });
}

async function retrieve(org: LocalOrg, userId: string, body: XmlNode): Promise<string> {
    // The WSDL names the element retrieveRequest; jsforce (and so SDR and the sf CLI) sends it as request.
    const request = (body.retrieveRequest ?? body.request ?? {}) as XmlNode;
    if (!request.unpackaged)
        throw new SoapFault('sf:INVALID_OPERATION', 'local-org retrieves by package manifest (unpackaged) only');
    const id = nextId(org.db, '09S');
    saveOutcome(org, id, 'retrieve', await retrievePackage(org, userId, request, id));
    return soapResponse('retrieve', { done: false, id, state: 'Queued' });
}

function checkRetrieveStatus(org: LocalOrg, body: XmlNode): string {
    const outcome = loadOutcome<RetrieveOutcome>(
        org,
        text(body, 'asyncProcessId') ?? text(body, 'id') ?? '',
        'retrieve'
    );
    return soapResponse('checkRetrieveStatus', {
        done: true,
        fileProperties: outcome.fileProperties,
        id: outcome.id,
        messages: outcome.messages,
        status: 'Succeeded',
        success: true,
        zipFile: flag(body, 'includeZip', true) ? outcome.zipFile : undefined
    });
}

export async function handleSoap(org: LocalOrg, xml: string): Promise<SoapReply> {
    try {
        const call = parseSoapCall(xml);
        const userId = call.sessionId ? org.userIdForToken(call.sessionId) : undefined;
        if (!userId)
            throw new SoapFault(
                'sf:INVALID_SESSION_ID',
                'Invalid Session ID found in SessionHeader: Illegal Session. Session not found, missing session hash'
            );
        if (!new UserAccess(org.db, org.schema, userId).modifyAllData)
            throw new SoapFault(
                'sf:INSUFFICIENT_ACCESS',
                'insufficient access rights on object id: the Metadata API needs Modify All Data'
            );
        switch (call.operation) {
            case 'deploy':
                return { status: 200, body: await deploy(org, userId, call.body) };
            case 'checkDeployStatus': {
                const { outcome, rollbackOnError } = loadOutcome<{ outcome: DeployOutcome; rollbackOnError: boolean }>(
                    org,
                    text(call.body, 'asyncProcessId') ?? '',
                    'deploy'
                );
                return {
                    status: 200,
                    body: soapResponse('checkDeployStatus', deployResult(org, userId, outcome, rollbackOnError))
                };
            }
            case 'retrieve':
                return { status: 200, body: await retrieve(org, userId, call.body) };
            case 'checkRetrieveStatus':
                return { status: 200, body: checkRetrieveStatus(org, call.body) };
            case 'listMetadata':
                return {
                    status: 200,
                    body: soapResponseList(
                        'listMetadata',
                        listMetadata(org, userId, list(call.body, 'queries')) as unknown as Record<string, unknown>[]
                    )
                };
            case 'createMetadata':
            case 'updateMetadata':
            case 'upsertMetadata': {
                refuseAllOrNone(xml);
                const mode = call.operation.replace('Metadata', '') as 'create' | 'update' | 'upsert';
                const results = await saveMetadata(org, userId, mode, metadataItems(xml));
                return { status: 200, body: soapResponseList(call.operation, results) };
            }
            case 'readMetadata':
                return {
                    status: 200,
                    body: soapResponseXml(
                        'readMetadata',
                        readMetadataXml(org, text(call.body, 'type') ?? '', list(call.body, 'fullNames').map(String))
                    )
                };
            case 'deleteMetadata':
                refuseAllOrNone(xml);
                return {
                    status: 200,
                    body: soapResponseList(
                        'deleteMetadata',
                        deleteMetadata(org, text(call.body, 'type') ?? '', list(call.body, 'fullNames').map(String))
                    )
                };
            case 'renameMetadata':
                return {
                    status: 200,
                    body: soapResponse(
                        'renameMetadata',
                        renameMetadata(
                            org,
                            text(call.body, 'type') ?? '',
                            text(call.body, 'oldFullName') ?? '',
                            text(call.body, 'newFullName') ?? ''
                        ) as unknown as Record<string, unknown>
                    )
                };
            default:
                throw new SoapFault(
                    'sf:INVALID_OPERATION',
                    `The Metadata API operation ${call.operation} is not supported by local-org`
                );
        }
    } catch (error) {
        if (error instanceof SoapFault) return { status: 500, body: soapFault(error) };
        if (error instanceof UnsupportedListType) {
            return { status: 500, body: soapFault(new SoapFault('sf:NOT_SUPPORTED_BY_LOCAL_ORG', error.message)) };
        }
        throw error;
    }
}

/**
 * AllOrNoneHeader true (all components saved or none) is refused: each component is deployed in its own
 * transaction, which is the default since API 34.0 (createMetadata(), "AllOrNoneHeader").
 */
function refuseAllOrNone(xml: string): void {
    if (/<(?:[\w-]+:)?allOrNone>\s*true\s*</.test(xml)) {
        throw new SoapFault(
            'sf:NOT_SUPPORTED_BY_LOCAL_ORG',
            'AllOrNoneHeader allOrNone=true is not supported by local-org'
        );
    }
}
