/**
 * Resolves `--target-org` exactly as the sf CLI does (alias or username, through @salesforce/core), so a local org
 * logged in with `sf org login access-token` (as `npm start` does, alias caseline-local) and a real org are used the
 * same way. Hints name `npm run sf --`, the project's pinned CLI, since a bare `sf` may not be installed.
 */
import { Org, type Connection } from '@salesforce/core';
import { ScriptError } from './cli.ts';

export async function connectToOrg(targetOrg: string | undefined): Promise<Connection> {
    if (!targetOrg) {
        throw new ScriptError(
            'NoTargetOrg',
            'Give the org with --target-org <alias|username>. Log in first with ' +
                '`npm run sf -- org login web --alias <alias>` (`npm start` logs in to its local org as caseline-local).'
        );
    }
    let org: Org;
    try {
        org = await Org.create({ aliasOrUsername: targetOrg });
    } catch (error) {
        const name = (error as Error).name;
        if (name === 'NamedOrgNotFoundError' || name === 'NoAuthInfoFound' || name === 'AuthInfoCreationError') {
            throw new ScriptError(
                'UnknownTargetOrg',
                `No org is logged in as "${targetOrg}". Check \`npm run sf -- org list\`, or log in with ` +
                    `\`npm run sf -- org login web --alias ${targetOrg}\`.`
            );
        }
        throw error;
    }
    const connection = org.getConnection();
    await checkSession(connection, targetOrg);
    return connection;
}

/** Fails fast with a message that says what to do when the stored session no longer works. */
async function checkSession(connection: Connection, targetOrg: string): Promise<void> {
    try {
        await connection.request(`/services/data/v${connection.getApiVersion()}`);
    } catch (error) {
        if (isExpiredSession(error)) {
            throw new ScriptError(
                'ExpiredAuth',
                `The session for "${targetOrg}" has expired or was revoked. Log in again ` +
                    `(\`npm run sf -- org login web --alias ${targetOrg}\`; for the local org, restart \`npm start\`).`
            );
        }
        const message = (error as Error).message;
        throw new ScriptError(
            'OrgUnreachable',
            `Could not reach "${targetOrg}" at ${connection.instanceUrl}: ${message}`
        );
    }
}

export function isExpiredSession(error: unknown): boolean {
    const { name, errorCode } = (error ?? {}) as { name?: string; errorCode?: string };
    return [name, errorCode].some((code) => code === 'INVALID_SESSION_ID' || code === 'INVALID_AUTH_HEADER');
}
