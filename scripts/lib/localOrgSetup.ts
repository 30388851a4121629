/**
 * Readies a local org the way a developer readies any org, used by `npm start` and the e2e tests: log the sf CLI
 * in under an alias (with its HOME where the caller says), deploy force-app with the deploy script, give the local
 * users the project's permission sets, and seed the demo data with the seed script when the org has no cases.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ScriptError } from './cli.ts';
import { projectRoot } from './project.ts';
import { sfEnv } from './sfEnv.ts';

const V = '/services/data/v66.0';
export const SF = join(projectRoot, 'node_modules', '@salesforce', 'cli', 'bin', 'run.js');
export const TSX = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface LocalUser {
    id: string;
    accessToken: string;
}

/** Runs a child process in the project root; rejects with its output when it fails. */
export function runChild(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, args, { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk: Buffer) => (output += chunk));
        child.stderr.on('data', (chunk: Buffer) => (output += chunk));
        child.on('error', reject);
        child.on('close', (code) => {
            if (code === 0) resolve(output);
            else
                reject(
                    new ScriptError('StepFailed', `${args.slice(1, 3).join(' ')} failed (exit ${code}):\n${output}`)
                );
        });
    });
}

async function rest(origin: string, token: string, method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(origin + path, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    const text = await response.text();
    if (!response.ok) throw new ScriptError('ApiError', `${method} ${path}: ${response.status} ${text}`);
    return text ? JSON.parse(text) : undefined;
}

export async function query<T>(origin: string, token: string, soql: string): Promise<T[]> {
    return ((await rest(origin, token, 'GET', `${V}/query?q=${encodeURIComponent(soql)}`)) as { records: T[] }).records;
}

/** Without `sfHome`, the login goes into the user's own sf CLI state (HOME), like any `sf org login`. */
export function loginLocal(origin: string, adminToken: string, alias: string, sfHome?: string): Promise<string> {
    return runChild(
        [SF, 'org', 'login', 'access-token', '--instance-url', origin, '--no-prompt', '--alias', alias, '--json'],
        { ...sfEnv(sfHome), SF_ACCESS_TOKEN: adminToken }
    );
}

export function deployProject(alias: string, sfHome?: string): Promise<string> {
    return runChild([TSX, join('scripts', 'deploy.ts'), '--target-org', alias], sfEnv(sfHome));
}

export function seedDemoData(alias: string, sfHome?: string): Promise<string> {
    return runChild([TSX, join('scripts', 'seed.ts'), '--target-org', alias], sfEnv(sfHome));
}

/**
 * Assigns Caseline_Admin to the admin, Caseline_Agent to the agent and Caseline_Viewer to the viewer (Read Only
 * profile), once, as an admin would after deploying.
 */
export async function assignPermissionSets(
    origin: string,
    admin: LocalUser,
    agent: LocalUser,
    viewer: LocalUser
): Promise<void> {
    const wanted: [string, string][] = [
        [admin.id, 'Caseline_Admin'],
        [agent.id, 'Caseline_Agent'],
        [viewer.id, 'Caseline_Viewer']
    ];
    for (const [userId, name] of wanted) {
        const sets = await query<{ Id: string }>(
            origin,
            admin.accessToken,
            `SELECT Id FROM PermissionSet WHERE Name = '${name}'`
        );
        if (sets.length === 0) {
            throw new ScriptError(
                'MissingPermissionSet',
                `The org has no permission set ${name}: deploy force-app first.`
            );
        }
        const existing = await query(
            origin,
            admin.accessToken,
            `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = '${userId}' AND PermissionSetId = '${sets[0].Id}'`
        );
        if (existing.length > 0) continue;
        await rest(origin, admin.accessToken, 'POST', `${V}/sobjects/PermissionSetAssignment`, {
            AssigneeId: userId,
            PermissionSetId: sets[0].Id
        });
    }
}

export async function hasCases(origin: string, token: string): Promise<boolean> {
    return (await query(origin, token, 'SELECT Id FROM Case LIMIT 1')).length > 0;
}

/**
 * Makes the users who work cases (the admin and the agent; the viewer only reads) members of every queue, as an admin
 * adds queue members after deploying: the project's queues name no members, as usernames differ from org to org.
 * Run after each deploy, since a deployed queue's members are those its file lists.
 */
export async function joinQueues(origin: string, admin: LocalUser, members: LocalUser[]): Promise<void> {
    const queues = await query<{ Id: string }>(origin, admin.accessToken, "SELECT Id FROM Group WHERE Type = 'Queue'");
    for (const queue of queues) {
        const existing = new Set(
            (
                await query<{ UserOrGroupId: string }>(
                    origin,
                    admin.accessToken,
                    `SELECT UserOrGroupId FROM GroupMember WHERE GroupId = '${queue.Id}'`
                )
            ).map((row) => row.UserOrGroupId)
        );
        for (const member of members) {
            if (existing.has(member.id)) continue;
            await rest(origin, admin.accessToken, 'POST', `${V}/sobjects/GroupMember`, {
                GroupId: queue.Id,
                UserOrGroupId: member.id
            });
        }
    }
}
