/** Versions, the resource map, identity, userinfo and limits: what clients ask before anything else. */
import type { CallContext } from '../context.ts';
import { LATEST_API_VERSION, type LocalOrg } from '../org.ts';
import { quoteName } from '../store.ts';
import { json, type RestRequest, type RestResponse, type Route } from './types.ts';

const OLDEST_API_VERSION = 31;
const SEASONS = ['Spring', 'Summer', 'Winter'];
export const DAILY_API_REQUESTS = 15000;
/** Salesforce counts most records as 2 KB of data storage. */
const RECORD_STORAGE_KB = 2;
const DATA_STORAGE_MB = 1024;

/** 60.0 was Spring '24; three releases a year, Winter named after the coming year. */
function releaseLabel(version: number): string {
    const offset = version - 60;
    const season = SEASONS[((offset % 3) + 3) % 3];
    const year = 24 + Math.floor((offset + 1) / 3);
    return `${season} '${String(year).padStart(2, '0')}`;
}

export function versions(): { label: string; url: string; version: string }[] {
    const latest = Number(LATEST_API_VERSION);
    const list = [];
    for (let v = OLDEST_API_VERSION; v <= latest; v++)
        list.push({ label: releaseLabel(v), url: `/services/data/v${v}.0`, version: `${v}.0` });
    return list;
}

export function identityUrl(origin: string, org: LocalOrg, userId: string): string {
    return `${origin}/id/${org.orgId}/${userId}`;
}

export function resources(origin: string, org: LocalOrg, ctx: CallContext): Record<string, string> {
    const base = `/services/data/v${ctx.apiVersion}`;
    const names = [
        'sobjects',
        'query',
        'queryAll',
        'composite',
        'limits',
        'tooling',
        'metadata',
        'jobs',
        'graphql',
        'ui-api',
        'search'
    ];
    return {
        ...Object.fromEntries(names.map((n) => [n, `${base}/${n}`])),
        identity: identityUrl(origin, org, ctx.userId)
    };
}

interface UserRow {
    Id: string;
    Username: string;
    FirstName: string | null;
    LastName: string;
    Name: string;
    Email: string;
    Alias: string;
    LanguageLocaleKey: string;
    LocaleSidKey: string;
    TimeZoneSidKey: string;
    IsActive: number;
    LastModifiedDate: string;
}

function userRow(ctx: CallContext): UserRow {
    return ctx.db.prepare('SELECT * FROM User WHERE Id = ?').get(ctx.userId) as UserRow;
}

function urls(origin: string, org: LocalOrg, userId: string): Record<string, string> {
    const data = `${origin}/services/data/v{version}`;
    return {
        enterprise: `${origin}/services/Soap/c/{version}/${org.orgId}`,
        metadata: `${origin}/services/Soap/m/{version}/${org.orgId}`,
        partner: `${origin}/services/Soap/u/{version}/${org.orgId}`,
        rest: `${data}/`,
        sobjects: `${data}/sobjects/`,
        search: `${data}/search/`,
        query: `${data}/query/`,
        recent: `${data}/recent/`,
        tooling_rest: `${data}/tooling/`,
        profile: `${origin}/${userId}`,
        custom_domain: origin
    };
}

export function identity(origin: string, org: LocalOrg, ctx: CallContext): Record<string, unknown> {
    const user = userRow(ctx);
    return {
        id: identityUrl(origin, org, user.Id),
        asserted_user: true,
        user_id: user.Id,
        organization_id: org.orgId,
        username: user.Username,
        nick_name: user.Alias,
        display_name: user.Name,
        email: user.Email,
        email_verified: true,
        first_name: user.FirstName,
        last_name: user.LastName,
        timezone: user.TimeZoneSidKey,
        photos: {
            picture: `${origin}/img/userprofile/default_profile_200_v2.png`,
            thumbnail: `${origin}/img/userprofile/default_profile_45_v2.png`
        },
        status: { created_date: null, body: null },
        urls: urls(origin, org, user.Id),
        active: user.IsActive === 1,
        user_type: 'STANDARD',
        language: user.LanguageLocaleKey,
        locale: user.LocaleSidKey,
        utcOffset: 0,
        last_modified_date: user.LastModifiedDate.replace('Z', '+0000'),
        is_app_installed: true
    };
}

export function userInfo(origin: string, org: LocalOrg, ctx: CallContext): Record<string, unknown> {
    const user = userRow(ctx);
    return {
        sub: identityUrl(origin, org, user.Id),
        user_id: user.Id,
        organization_id: org.orgId,
        preferred_username: user.Username,
        nickname: user.Alias,
        name: user.Name,
        email: user.Email,
        email_verified: true,
        given_name: user.FirstName,
        family_name: user.LastName,
        zoneinfo: user.TimeZoneSidKey,
        photos: {
            picture: `${origin}/img/userprofile/default_profile_200_v2.png`,
            thumbnail: `${origin}/img/userprofile/default_profile_45_v2.png`
        },
        profile: `${origin}/${user.Id}`,
        picture: `${origin}/img/userprofile/default_profile_200_v2.png`,
        address: {},
        urls: urls(origin, org, user.Id),
        active: user.IsActive === 1,
        user_type: 'STANDARD',
        language: user.LanguageLocaleKey,
        locale: user.LocaleSidKey,
        utcOffset: 0,
        updated_at: user.LastModifiedDate,
        is_app_installed: true
    };
}

/**
 * Salesforce: "Tabulated limits returned by the API are accurate within five minutes of resource consumption" (REST
 * API Developer Guide, "Limits"). Counting every table on each call made /limits cost tens of milliseconds on a
 * large org (issue 16), so data storage is recounted at most once a minute per database.
 */
const STORAGE_RECOUNT_MS = 60_000;
const storageCounts = new WeakMap<object, { countedAt: number; mb: number }>();

function usedDataStorageMb(ctx: CallContext): number {
    const cached = storageCounts.get(ctx.db);
    if (cached && Date.now() - cached.countedAt < STORAGE_RECOUNT_MS) return cached.mb;
    const mb = countDataStorageMb(ctx);
    storageCounts.set(ctx.db, { countedAt: Date.now(), mb });
    return mb;
}

function countDataStorageMb(ctx: CallContext): number {
    let records = 0;
    for (const object of ctx.schema.allObjects()) {
        if (object.setup) continue;
        records += (
            ctx.db.prepare(`SELECT COUNT(*) n FROM ${quoteName(object.name)} WHERE IsDeleted = 0`).get() as {
                n: number;
            }
        ).n;
    }
    return Math.ceil((records * RECORD_STORAGE_KB) / 1024);
}

export function limitsRoute(apiUsage: () => number): Route {
    const handler = (request: RestRequest): RestResponse => {
        const used = usedDataStorageMb(request.ctx);
        const limit = (max: number, remaining: number) => ({ Max: max, Remaining: remaining });
        return json(200, {
            DailyApiRequests: limit(DAILY_API_REQUESTS, DAILY_API_REQUESTS - apiUsage()),
            DailyBulkV2QueryJobs: limit(10000, 10000),
            DailyBulkV2QueryFileStorageMB: limit(976562, 976562),
            DataStorageMB: limit(DATA_STORAGE_MB, DATA_STORAGE_MB - used),
            FileStorageMB: limit(DATA_STORAGE_MB, DATA_STORAGE_MB),
            SingleEmail: limit(15, 15),
            MassEmail: limit(10, 10)
        });
    };
    return { method: 'GET', pattern: /^\/limits$/, handler };
}
