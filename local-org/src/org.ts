/**
 * One local org: its database, its schema, and its users. A new database is set up with the built-in catalogue,
 * the organisation, three profiles (System Administrator, Standard User, Read Only) and a user on each.
 */
import { randomBytes } from 'node:crypto';
import { UserAccess } from './access.ts';
import { BASE62, caseSafeSuffix } from './ids.ts';
import { Automation } from './flows/automation.ts';
import { CATALOGUE_VERSION, standardObjects } from './catalogue.ts';
import { withCountryPicklists } from './countries.ts';
import type { CallContext } from './context.ts';
import { FlowsRun } from './savepoint.ts';
import { createStandardListViews } from './standardListViews.ts';
import { syncLeadStatuses } from './leadStatus.ts';
import { readMetadata } from './metadata/stored.ts';
import { Schema, type ObjectDef } from './schema.ts';
import {
    createObjectTable,
    getSetting,
    loadObjectDefinitions,
    nextId,
    openDatabase,
    insertSystemRecord,
    saveObjectDefinition,
    setSetting,
    type Db
} from './store.ts';

export interface OrgUser {
    id: string;
    username: string;
    name: string;
    profile: string;
    accessToken: string;
    permissionSets: string[];
}

export const ORG_NAME = 'Caseline Local Org';
export const LATEST_API_VERSION = '66.0';

/** The CRM objects each profile reaches, and how ([read, create, edit, delete]). */
const PROFILE_GRANTS: Record<string, Record<string, [boolean, boolean, boolean, boolean]>> = {
    'Standard User': {
        Account: [true, true, true, true],
        Contact: [true, true, true, true],
        Lead: [true, true, true, true],
        Opportunity: [true, true, true, true],
        Case: [true, true, true, true],
        Contract: [true, true, true, false]
    },
    'Read Only': {
        Account: [true, false, false, false],
        Contact: [true, false, false, false],
        Lead: [true, false, false, false],
        Opportunity: [true, false, false, false],
        Case: [true, false, false, false],
        Contract: [true, false, false, false]
    }
};

const USERS = [
    { alias: 'admin', firstName: 'Ada', lastName: 'Admin', profile: 'System Administrator' },
    { alias: 'agent', firstName: 'Sam', lastName: 'Agent', profile: 'Standard User' },
    { alias: 'viewer', firstName: 'Vic', lastName: 'Viewer', profile: 'Read Only' }
];

export const USERNAME_DOMAIN = 'caseline.localorg';

/**
 * What kind of org this is. A sandbox (the default) honours a deployed flow's status; a production org receives
 * deployed flows inactive (Metadata API Developer Guide, "Flow": "You can deploy changes to an active flow if in a
 * non-production org, such as a scratch or sandbox org. To deploy changes in a production org, you must enable the
 * Deploy processes and flows as active preference"; local-org has no Settings type, so that preference is refused).
 * Not a scratch org: the sf CLI turns source tracking on for scratch orgs, which needs the Tooling API.
 */
export type OrgKind = 'sandbox' | 'production';

export interface OpenOptions {
    /** For a new database: make it a production org. An existing database keeps the kind it was made with. */
    production?: boolean;
    /** State and Country/Territory Picklists (countries.ts); undefined when opening an org as it was made. */
    countryPicklists?: boolean;
}

/**
 * The Organization fields by which clients tell the kinds apart, as @salesforce/core's Org does (lib/org/org.js:
 * a sandbox has IsSandbox true and no TrialExpirationDate, a scratch org IsSandbox true and a TrialExpirationDate,
 * a production org IsSandbox false). A sandbox reports its production org's edition.
 */
function organizationFields(kind: OrgKind): Record<string, string | number | null> {
    return { IsSandbox: kind === 'sandbox' ? 1 : 0, TrialExpirationDate: null, OrganizationType: 'Enterprise Edition' };
}

export class LocalOrg {
    schema: Schema;
    automation: Automation;

    private constructor(
        readonly db: Db,
        readonly orgId: string,
        readonly kind: OrgKind
    ) {
        this.schema = new Schema(loadObjectDefinitions(db));
        this.automation = new Automation(db, this.schema);
    }

    /**
     * Opens (or creates) the org in `file`. `production` and `countryPicklists` are set when the org is created and
     * kept with it; like on Salesforce, an org cannot switch them afterwards. Given an image (another org's
     * `db.serialize()`), it opens an in-memory copy of that org: the tests ready an org once and copy it per file.
     */
    static open(source: string | Buffer, options: OpenOptions = {}): LocalOrg {
        const db = openDatabase(source);
        const file = typeof source === 'string' ? source : 'The org image';
        const version = getSetting(db, 'catalogueVersion');
        const countryPicklists = options.countryPicklists ?? false;
        if (version === undefined)
            db.transaction(() => {
                bootstrap(db, options.production ? 'production' : 'sandbox', countryPicklists);
            })();
        else if (Number(version) !== CATALOGUE_VERSION) {
            db.close();
            throw new Error(
                `${file} was made by another version of local-org (catalogue ${version}, expected ${CATALOGUE_VERSION}). Delete it to start afresh.`
            );
        }
        const kind = getSetting(db, 'orgKind') as OrgKind;
        if (options.production && kind !== 'production') {
            db.close();
            throw new Error(
                `${file} holds a ${kind} org; an org's kind is fixed when it is made. Use another --db for a production org.`
            );
        }
        if (
            options.countryPicklists !== undefined &&
            (getSetting(db, 'countryPicklists') === '1') !== countryPicklists
        ) {
            db.close();
            throw new Error(
                `${file} was made ${countryPicklists ? 'without' : 'with'} --country-picklists, and an org cannot switch State and Country/Territory Picklists afterwards here. Delete it to start afresh.`
            );
        }
        return new LocalOrg(db, getSetting(db, 'orgId')!, kind);
    }

    get isProduction(): boolean {
        return this.kind === 'production';
    }

    /** Re-read object definitions after the schema changed (a deploy). */
    reloadSchema(): void {
        this.schema = new Schema(loadObjectDefinitions(this.db));
        this.automation = new Automation(this.db, this.schema);
    }

    saveObject(object: ObjectDef): void {
        saveObjectDefinition(this.db, object);
    }

    userIdForToken(token: string): string | undefined {
        const row = this.db.prepare('SELECT user_id FROM _lo_sessions WHERE token = ?').get(token) as
            { user_id: string } | undefined;
        return row?.user_id;
    }

    context(userId: string, apiVersion: string): CallContext {
        return {
            db: this.db,
            schema: this.schema,
            access: new UserAccess(this.db, this.schema, userId),
            userId,
            now: new Date(),
            apiVersion,
            automation: this.automation,
            flowsRun: new FlowsRun()
        };
    }

    users(): OrgUser[] {
        const rows = this.db
            .prepare(
                `SELECT u.Id id, u.Username username, u.Name name, p.Name profile, s.token accessToken
                 FROM User u JOIN Profile p ON p.Id = u.ProfileId JOIN _lo_sessions s ON s.user_id = u.Id
                 WHERE u.IsActive = 1 ORDER BY u.CreatedDate, u.Id`
            )
            .all() as Omit<OrgUser, 'permissionSets'>[];
        const assigned = this.db.prepare(
            `SELECT ps.Name name FROM PermissionSetAssignment a JOIN PermissionSet ps ON ps.Id = a.PermissionSetId
             WHERE a.AssigneeId = ? AND a.IsDeleted = 0 AND ps.IsOwnedByProfile = 0 ORDER BY ps.Name`
        );
        return rows.map((row) => ({
            ...row,
            permissionSets: (assigned.all(row.id) as { name: string }[]).map((r) => r.name)
        }));
    }

    /** The Lightning apps a user may see: those their profile's and assigned permission sets make visible. */
    visibleApps(userId: string): string[] {
        const permissionSets = this.db
            .prepare('SELECT PermissionSetId id FROM PermissionSetAssignment WHERE AssigneeId = ? AND IsDeleted = 0')
            .all(userId) as { id: string }[];
        const apps = permissionSets.flatMap(
            (ps) => readMetadata<string[]>(this.db, 'ApplicationVisibility', ps.id) ?? []
        );
        return [...new Set(apps)].sort();
    }

    close(): void {
        this.db.close();
    }
}

function accessToken(orgId: string): string {
    return `${orgId.slice(0, 15)}!${randomBytes(30).toString('base64url').replace(/[-_]/g, 'x')}`;
}

/**
 * A new org's id: random, so that no two local orgs (two developers' databases, a Dev Hub and each of its scratch
 * orgs) share one, as no two Salesforce orgs do. Clients key their auth files and tokens by it (sf CLI, the
 * `00D…!` prefix of every access token, Web-to-Case's `orgid`), so a shared id would let one org's credentials and
 * forms name another. `00DLO` marks it as local-org's, then 10 random base-62 characters and the case-safe suffix.
 */
export function newOrgId(): string {
    const body = [...randomBytes(10)].map((byte) => BASE62.charAt(byte % 62)).join('');
    const id15 = `00DLO${body}`;
    return id15 + caseSafeSuffix(id15);
}

function bootstrap(db: Db, kind: OrgKind, countryPicklists: boolean): void {
    const objects = countryPicklists ? withCountryPicklists(standardObjects()) : standardObjects();
    setSetting(db, 'countryPicklists', countryPicklists ? '1' : '0');
    for (const object of objects) {
        saveObjectDefinition(db, object);
        createObjectTable(db, object);
    }
    const byName = new Map(objects.map((o) => [o.name, o]));
    const def = (name: string) => byName.get(name)!;
    const now = new Date().toISOString();
    const orgId = newOrgId();
    const adminId = nextId(db, '005');
    const insert = (object: string, values: Record<string, string | number | null>) =>
        insertSystemRecord(db, def(object), values, adminId, now);

    insert('Organization', {
        Id: orgId,
        Name: ORG_NAME,
        InstanceName: 'LOCAL',
        ...organizationFields(kind),
        NamespacePrefix: null,
        TimeZoneSidKey: 'GMT',
        LanguageLocaleKey: 'en_US',
        DefaultLocaleSidKey: 'en_US'
    });
    const profilePermissionSets = new Map<string, string>();
    for (const profileName of ['System Administrator', 'Standard User', 'Read Only']) {
        const profileId = insert('Profile', { Name: profileName, UserType: 'Standard' });
        const isAdmin = profileName === 'System Administrator';
        const permissionSetId = insert('PermissionSet', {
            Name: `X${profileId.slice(0, 15)}`,
            Label: profileName,
            IsOwnedByProfile: 1,
            ProfileId: profileId,
            PermissionsModifyAllData: isAdmin ? 1 : 0,
            PermissionsViewAllData: isAdmin ? 1 : 0,
            PermissionsEditTask: profileName === 'Read Only' ? 0 : 1,
            PermissionsApiEnabled: 1,
            // Salesforce's System Administrator profile has Activate Contracts; Standard User and Read Only do not.
            PermissionsActivateContract: isAdmin ? 1 : 0,
            // Salesforce's System Administrator profile has Customize Application; the other two do not.
            PermissionsCustomizeApplication: isAdmin ? 1 : 0
        });
        profilePermissionSets.set(profileName, permissionSetId);
        for (const [sobjectType, [read, create, edit, remove]] of Object.entries(PROFILE_GRANTS[profileName] ?? {})) {
            insert('ObjectPermissions', {
                ParentId: permissionSetId,
                SobjectType: sobjectType,
                PermissionsRead: Number(read),
                PermissionsCreate: Number(create),
                PermissionsEdit: Number(edit),
                PermissionsDelete: Number(remove),
                PermissionsViewAllRecords: 0,
                PermissionsModifyAllRecords: 0
            });
        }
    }
    for (const user of USERS) {
        const profileRow = db.prepare('SELECT Id FROM Profile WHERE Name = ?').get(user.profile) as { Id: string };
        const username = `${user.alias}@${USERNAME_DOMAIN}`;
        const userId = insert('User', {
            ...(user.alias === 'admin' ? { Id: adminId } : {}),
            Username: username,
            FirstName: user.firstName,
            LastName: user.lastName,
            Name: `${user.firstName} ${user.lastName}`,
            Alias: user.alias.slice(0, 8),
            Email: username,
            ProfileId: profileRow.Id,
            IsActive: 1,
            UserType: 'Standard',
            TimeZoneSidKey: 'GMT',
            LocaleSidKey: 'en_US',
            LanguageLocaleKey: 'en_US',
            EmailEncodingKey: 'UTF-8'
        });
        // Salesforce records the profile's own permission set as an assignment too.
        insert('PermissionSetAssignment', {
            AssigneeId: userId,
            PermissionSetId: profilePermissionSets.get(user.profile)!
        });
        db.prepare('INSERT INTO _lo_sessions (token, user_id) VALUES (?, ?)').run(accessToken(orgId), userId);
    }
    createStandardListViews(db, def('ListView'), adminId, now);
    const leadStatusField = def('Lead').fields.find((field) => field.name === 'Status')!;
    syncLeadStatuses(db, def('LeadStatus'), leadStatusField.picklistValues ?? [], adminId, now);
    setSetting(db, 'orgId', orgId);
    setSetting(db, 'orgKind', kind);
    setSetting(db, 'catalogueVersion', String(CATALOGUE_VERSION));
}
