/**
 * A local org acting as a Dev Hub (`npm run org -- --dev-hub`), for `sf org create scratch` as Salesforce runs it:
 * the CLI inserts a ScratchOrgInfo, polls it until Status is Active (or Error), then exchanges its AuthCode at its
 * LoginUrl for a session, deploys the definition's settings and resets their SourceMember counters.
 *
 * Each scratch org is a new LocalOrg with its own database (next to the hub's, or in memory for an in-memory hub),
 * served by its own server on an ephemeral 127.0.0.1 port in this process; the hub stops them when it stops and
 * serves the unexpired ones again, on their own ports, when it restarts. Like Salesforce's, a Dev Hub stays one.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { nextAutoNumber } from '../derive.ts';
import { LocalOrg, USERNAME_DOMAIN } from '../org.ts';
import type { ObjectDef } from '../schema.ts';
import { startServer, type OrgServer, type PageHook } from '../server.ts';
import {
    createObjectTable,
    getSetting,
    insertSystemRecord,
    saveObjectDefinition,
    setSetting,
    type Db
} from '../store.ts';
import { devHubObjects } from './objects.ts';
import { issueAuthCode } from '../oauth.ts';

const POLL_MS = 200;
/** ScratchOrgInfo.Edition as the new org's Organization.OrganizationType. */
const EDITION_TYPES: Record<string, string> = { Developer: 'Developer Edition' };

interface SignupRow {
    Id: string;
    OwnerId: string;
    AdminEmail: string | null;
    ConnectedAppCallbackUrl: string;
    ConnectedAppConsumerKey: string;
    Description: string | null;
    DurationDays: number;
    Edition: string;
    Features: string | null;
    HasSampleData: number;
    OrgName: string | null;
    Username: string | null;
}

interface Child {
    org: LocalOrg;
    server: OrgServer;
}

export function isDevHub(org: LocalOrg): boolean {
    return getSetting(org.db, 'devHub') === 'true';
}

function ensureTables(db: Db): void {
    db.exec(`CREATE TABLE IF NOT EXISTS _lo_scratch_orgs (
        info_id TEXT PRIMARY KEY, org_id TEXT NOT NULL, file TEXT NOT NULL, port INTEGER NOT NULL)`);
}

/** Turns Dev Hub on for good: the ScratchOrgInfo and ActiveScratchOrg objects, as enabling it in Setup does. */
function enable(org: LocalOrg): void {
    org.db.transaction(() => {
        for (const object of devHubObjects()) {
            if (org.schema.object(object.name)) continue;
            saveObjectDefinition(org.db, object);
            createObjectTable(org.db, object);
        }
        ensureTables(org.db);
        setSetting(org.db, 'devHub', 'true');
    })();
    org.reloadSchema();
}

/**
 * The scratch org's number in the hub, for its built-in users' username domain (usernames are unique across orgs).
 * Kept in the hub's `00D` sequence row, where hubs made before org ids were random also counted their orgs.
 */
function reserveOrgSequence(db: Db): number {
    const row = db
        .prepare(
            "INSERT INTO _lo_sequences (prefix, next) VALUES ('00D', 2) ON CONFLICT(prefix) DO UPDATE SET next = next + 1 RETURNING next"
        )
        .get() as { next: number };
    return row.next - 1;
}

function addDays(days: number): string {
    const date = new Date();
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString();
}

/** Salesforce names a scratch org's admin test-<random>@example.com when the definition gives no username. */
function generatedUsername(): string {
    const letters = 'abcdefghijklmnopqrstuvwxyz0123456789';
    const suffix = [...randomBytes(12)].map((b) => letters[b % letters.length]).join('');
    return `test-${suffix}@example.com`;
}

function adminUserId(db: Db): string {
    return (
        db
            .prepare(
                `SELECT u.Id FROM User u JOIN Profile p ON p.Id = u.ProfileId
                 WHERE p.Name = 'System Administrator' ORDER BY u.CreatedDate, u.Id LIMIT 1`
            )
            .get() as { Id: string }
    ).Id;
}

/** Makes the new org a scratch org as Salesforce reports one: IsSandbox with a TrialExpirationDate (sfdx-core determineOrg). */
function shapeScratchOrg(
    org: LocalOrg,
    signup: SignupRow,
    admin: { username: string; email: string },
    sequence: number,
    expires: string
): string {
    const adminId = adminUserId(org.db);
    // Usernames are unique across all orgs: the other built-in users get this org's own domain.
    const otherDomain = `scratch${sequence}.${USERNAME_DOMAIN}`;
    org.db.transaction(() => {
        org.db
            .prepare('UPDATE Organization SET Name = ?, IsSandbox = 1, TrialExpirationDate = ?, OrganizationType = ?')
            .run(signup.OrgName ?? 'Company', expires, EDITION_TYPES[signup.Edition]);
        org.db
            .prepare('UPDATE User SET Username = ?, Email = ? WHERE Id = ?')
            .run(admin.username, admin.email, adminId);
        org.db
            .prepare('UPDATE User SET Username = replace(Username, ?, ?), Email = replace(Email, ?, ?) WHERE Id != ?')
            .run(USERNAME_DOMAIN, otherDomain, USERNAME_DOMAIN, otherDomain, adminId);
    })();
    return adminId;
}

export class DevHub {
    private readonly children = new Map<string, Child>();
    private timer: NodeJS.Timeout | undefined;
    private busy = false;
    private stopped = false;

    private constructor(
        readonly hub: LocalOrg,
        private readonly dataDir: string | undefined,
        private readonly pagesFor: ((org: LocalOrg) => PageHook) | undefined
    ) {}

    /**
     * `file` is the hub's database; scratch orgs' databases go next to it (`<file>.scratch/`), or in memory.
     * `pagesFor` gives each scratch org the same Lightning pages the hub serves, when the preview is built.
     */
    static async start(hub: LocalOrg, file: string, pagesFor?: (org: LocalOrg) => PageHook): Promise<DevHub> {
        enable(hub);
        const dataDir = file === ':memory:' ? undefined : `${file}.scratch`;
        if (dataDir) mkdirSync(dataDir, { recursive: true });
        const devHub = new DevHub(hub, dataDir, pagesFor);
        await devHub.resumeActive();
        await devHub.removeEnded();
        devHub.timer = setInterval(() => void devHub.processNew(), POLL_MS);
        devHub.timer.unref();
        return devHub;
    }

    /** The scratch orgs this hub serves now. */
    get scratchOrgs(): { org: LocalOrg; origin: string }[] {
        return [...this.children.values()].map(({ org, server }) => ({ org, origin: server.origin }));
    }

    async stop(): Promise<void> {
        this.stopped = true;
        clearInterval(this.timer);
        for (const { org, server } of this.children.values()) {
            await server.close();
            org.close();
        }
        this.children.clear();
    }

    private object(name: string): ObjectDef {
        return this.hub.schema.object(name)!;
    }

    /** Signups the CLI inserted since the last look: each becomes Creating, then Active or Error. */
    private async processNew(): Promise<void> {
        if (this.busy) return;
        this.busy = true;
        try {
            const rows = this.hub.db
                .prepare("SELECT * FROM ScratchOrgInfo WHERE Status = 'New' AND IsDeleted = 0 ORDER BY CreatedDate")
                .all() as SignupRow[];
            for (const row of rows) await this.signup(row);
            await this.removeEnded();
        } finally {
            this.busy = false;
        }
    }

    private setStatus(id: string, values: Record<string, string | number | null>): void {
        const now = new Date().toISOString();
        const columns = Object.keys(values);
        this.hub.db
            .prepare(
                `UPDATE ScratchOrgInfo SET ${columns.map((c) => `${c} = ?`).join(', ')}, LastModifiedDate = ?, SystemModstamp = ? WHERE Id = ?`
            )
            .run(...columns.map((c) => values[c]), now, now, id);
    }

    private async signup(signup: SignupRow): Promise<void> {
        this.setStatus(signup.Id, { Status: 'Creating' });
        let org: LocalOrg | undefined;
        let server: OrgServer | undefined;
        try {
            const sequence = reserveOrgSequence(this.hub.db);
            const file = this.dataDir ? path.join(this.dataDir, `${signup.Id}.db`) : ':memory:';
            org = LocalOrg.open(file, {});
            const creator = this.hub.db.prepare('SELECT Email FROM User WHERE Id = ?').get(signup.OwnerId) as {
                Email: string;
            };
            const username = signup.Username ?? generatedUsername();
            const email = signup.AdminEmail ?? creator.Email;
            const expires = addDays(signup.DurationDays);
            const adminId = shapeScratchOrg(org, signup, { username, email }, sequence, expires);
            server = await startServer(org, 0, '127.0.0.1', this.pagesFor?.(org));
            if (this.stopped) throw new Error('the Dev Hub stopped during the signup');
            const port = Number(new URL(server.origin).port);
            const created = { org, server };
            this.hub.db.transaction(() => {
                this.hub.db
                    .prepare('INSERT INTO _lo_scratch_orgs VALUES (?, ?, ?, ?)')
                    .run(signup.Id, created.org.orgId, file, port);
                this.setStatus(signup.Id, {
                    Status: 'Active',
                    ScratchOrg: created.org.orgId.slice(0, 15),
                    SignupUsername: username,
                    SignupEmail: email,
                    // No Salesforce instance hosts it; the CLI then authenticates at LoginUrl (sfdx-core getOrgInstanceAuthority).
                    SignupInstance: null,
                    LoginUrl: created.server.origin,
                    ExpirationDate: expires.slice(0, 10),
                    AuthCode: issueAuthCode(
                        created.org.db,
                        adminId,
                        signup.ConnectedAppConsumerKey,
                        signup.ConnectedAppCallbackUrl
                    )
                });
                this.recordActive(signup, created.org.orgId, username, email, expires);
            })();
            this.children.set(signup.Id, created);
        } catch (error) {
            await server?.close();
            org?.close();
            console.error(`local-org: the scratch org for ${signup.Id} could not be created:`, error);
            // C-9999: "A fatal signup error occurred", Salesforce's code for a signup that failed on its side.
            this.setStatus(signup.Id, { Status: 'Error', ErrorCode: 'C-9999' });
        }
    }

    /**
     * A scratch org ends when it expires, when its ActiveScratchOrg is deleted (`sf org delete scratch`) or when
     * its ScratchOrgInfo is deleted, which "also deletes the active scratch org" (Salesforce DX Developer Guide,
     * Manage Scratch Orgs from the Dev Hub Org). Its server stops, its database goes, the request becomes Deleted.
     */
    private async removeEnded(): Promise<void> {
        const today = new Date().toISOString().slice(0, 10);
        const ended = this.hub.db
            .prepare(
                `SELECT i.Id, s.file, a.LastModifiedById deletedBy FROM ScratchOrgInfo i
                 JOIN _lo_scratch_orgs s ON s.info_id = i.Id
                 LEFT JOIN ActiveScratchOrg a ON a.ScratchOrgInfoId = i.Id
                 WHERE i.Status = 'Active' AND (i.IsDeleted = 1 OR a.IsDeleted = 1 OR i.ExpirationDate < ?)`
            )
            .all(today) as { Id: string; file: string; deletedBy: string | null }[];
        for (const row of ended) {
            const child = this.children.get(row.Id);
            this.children.delete(row.Id);
            if (child) {
                await child.server.close();
                child.org.close();
            }
            if (row.file !== ':memory:') rmSync(row.file, { force: true });
            this.hub.db.transaction(() => {
                this.setStatus(row.Id, {
                    Status: 'Deleted',
                    DeletedDate: today,
                    DeletedBy: row.deletedBy?.slice(0, 15) ?? null
                });
                this.hub.db.prepare('UPDATE ActiveScratchOrg SET IsDeleted = 1 WHERE ScratchOrgInfoId = ?').run(row.Id);
            })();
        }
    }

    private recordActive(signup: SignupRow, orgId: string, username: string, email: string, expires: string): void {
        const object = this.object('ActiveScratchOrg');
        const now = new Date().toISOString();
        insertSystemRecord(
            this.hub.db,
            object,
            {
                Name: nextAutoNumber(
                    this.hub.db,
                    object,
                    object.fields.find((f) => f.name === 'Name')!
                ),
                Description: signup.Description,
                Edition: signup.Edition,
                ExpirationDate: expires.slice(0, 10),
                Features: signup.Features,
                HasSampleData: signup.HasSampleData,
                OrgName: signup.OrgName ?? 'Company',
                ScratchOrg: orgId.slice(0, 15),
                ScratchOrgInfoId: signup.Id,
                SignupEmail: email,
                SignupInstance: null,
                SignupTrialDays: signup.DurationDays,
                SignupUsername: username
            },
            signup.OwnerId,
            now
        );
    }

    /** After a restart: scratch orgs are served again on their ports (an in-memory one is gone with its hub). */
    private async resumeActive(): Promise<void> {
        // A signup cut short by a stop never finished: it failed, as a signup that fails on Salesforce's side does.
        this.hub.db
            .prepare(
                "UPDATE ScratchOrgInfo SET Status = 'Error', ErrorCode = 'C-9999' WHERE Status = 'Creating' AND Id NOT IN (SELECT info_id FROM _lo_scratch_orgs)"
            )
            .run();
        const rows = this.hub.db
            .prepare(
                `SELECT s.info_id, s.file, s.port, i.ExpirationDate FROM _lo_scratch_orgs s
                 JOIN ScratchOrgInfo i ON i.Id = s.info_id WHERE i.Status = 'Active'`
            )
            .all() as { info_id: string; file: string; port: number; ExpirationDate: string }[];
        for (const row of rows) {
            if (row.file === ':memory:') continue;
            const org = LocalOrg.open(row.file);
            try {
                this.children.set(row.info_id, {
                    org,
                    server: await startServer(org, row.port, '127.0.0.1', this.pagesFor?.(org))
                });
            } catch (error) {
                org.close();
                console.error(
                    `local-org: scratch org ${org.orgId} cannot listen on its port ${row.port} again (${(error as Error).message}); it stays unreachable until that port is free.`
                );
            }
        }
    }
}
