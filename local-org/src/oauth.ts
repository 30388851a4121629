/**
 * OAuth endpoints local-org has. First, the OAuth 2.0 web server flow's token step (`POST /services/oauth2/token`, grant_type=authorization_code), as
 * Salesforce answers it: the Dev Hub puts a one-time code in ScratchOrgInfo.AuthCode, and the sf CLI exchanges it at
 * the scratch org's LoginUrl with the connected app's client id and callback URL. Codes are single use and expire
 * after 15 minutes. Other grants (refresh_token, JWT bearer, password) are refused with Salesforce's error.
 * https://help.salesforce.com/s/articleView?id=sf.remoteaccess_oauth_web_server_flow.htm
 * Second, the Single Access UI Bridge API (`/services/oauth2/singleaccess`): an access token exchanged for a
 * short-lived, single-use frontdoor URL that opens a new UI session (what `sf org open --url-only` asks for).
 * https://help.salesforce.com/s/articleView?id=xcloud.frontdoor_singleaccess.htm
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { LocalOrg } from './org.ts';
import type { Db } from './store.ts';

const CODE_LIFETIME_MS = 15 * 60 * 1000;

export interface TokenReply {
    status: number;
    body: Record<string, string>;
}

function ensureTable(db: Db): void {
    db.exec(`CREATE TABLE IF NOT EXISTS _lo_oauth_codes (
        code TEXT PRIMARY KEY, user_id TEXT NOT NULL, client_id TEXT NOT NULL, redirect_uri TEXT NOT NULL,
        expires_at INTEGER NOT NULL)`);
}

/** A one-time code for the user, bound to the connected app's client id and callback URL. */
export function issueAuthCode(db: Db, userId: string, clientId: string, redirectUri: string): string {
    ensureTable(db);
    // Salesforce's codes are opaque base64 text; ScratchOrgInfo.AuthCode holds up to 120 characters.
    const code = `aPr${randomBytes(60).toString('base64url')}`.slice(0, 100);
    db.prepare('INSERT INTO _lo_oauth_codes VALUES (?, ?, ?, ?, ?)').run(
        code,
        userId,
        clientId,
        redirectUri,
        Date.now() + CODE_LIFETIME_MS
    );
    return code;
}

function failure(error: string, description: string): TokenReply {
    return { status: 400, body: { error, error_description: description } };
}

function newSessionToken(org: LocalOrg, userId: string): string {
    const token = `${org.orgId.slice(0, 15)}!${randomBytes(30).toString('base64url').replace(/[-_]/g, 'x')}`;
    org.db.prepare('INSERT INTO _lo_sessions (token, user_id) VALUES (?, ?)').run(token, userId);
    return token;
}

/** POST /services/oauth2/token with a form-encoded body. */
export function oauthToken(org: LocalOrg, rawBody: string, origin: string): TokenReply {
    const form = new URLSearchParams(rawBody);
    const grantType = form.get('grant_type');
    if (grantType !== 'authorization_code') {
        return grantType === 'refresh_token' || grantType === 'urn:ietf:params:oauth:grant-type:jwt-bearer'
            ? failure('unsupported_grant_type', `grant type ${grantType} is not supported by local-org`)
            : failure('unsupported_grant_type', 'grant type not supported');
    }
    ensureTable(org.db);
    const code = form.get('code') ?? '';
    const row = org.db.prepare('SELECT * FROM _lo_oauth_codes WHERE code = ?').get(code) as
        { user_id: string; client_id: string; redirect_uri: string; expires_at: number } | undefined;
    if (!row) return failure('invalid_grant', 'invalid authorization code');
    if (form.get('client_id') !== row.client_id) return failure('invalid_client_id', 'client identifier invalid');
    if (form.get('redirect_uri') !== row.redirect_uri)
        return failure('redirect_uri_mismatch', 'redirect_uri must match configuration');
    // One use only, whether it succeeds or has expired.
    org.db.prepare('DELETE FROM _lo_oauth_codes WHERE code = ?').run(code);
    if (row.expires_at < Date.now()) return failure('invalid_grant', 'expired authorization code');
    const id = `${origin}/id/${org.orgId}/${row.user_id}`;
    const issuedAt = String(Date.now());
    return {
        status: 200,
        body: {
            access_token: newSessionToken(org, row.user_id),
            // local-org's tokens do not expire, so it issues no refresh token (and refuses the refresh_token grant).
            signature: createHmac('sha256', org.orgId)
                .update(id + issuedAt)
                .digest('base64'),
            scope: 'web api',
            instance_url: origin,
            id,
            token_type: 'Bearer',
            issued_at: issuedAt
        }
    };
}

/** Frontdoor URLs are short-lived; local-org keeps a one-time password for 5 minutes. */
const FRONTDOOR_LIFETIME_MS = 5 * 60 * 1000;

function ensureOtpTable(db: Db): void {
    db.exec(`CREATE TABLE IF NOT EXISTS _lo_frontdoor_otps (
        otp TEXT PRIMARY KEY, user_id TEXT NOT NULL, expires_at INTEGER NOT NULL)`);
}

/** GET or POST /services/oauth2/singleaccess for the calling user: `{frontdoor_uri}`. */
export function singleAccess(
    org: LocalOrg,
    userId: string,
    origin: string,
    redirectUri: string | null
): { frontdoor_uri: string } {
    ensureOtpTable(org.db);
    const otp = randomBytes(32).toString('base64url');
    org.db
        .prepare('INSERT INTO _lo_frontdoor_otps VALUES (?, ?, ?)')
        .run(otp, userId, Date.now() + FRONTDOOR_LIFETIME_MS);
    const url = new URL('/secur/frontdoor.jsp', origin);
    url.searchParams.set('otp', otp);
    if (redirectUri) url.searchParams.set('retURL', redirectUri);
    return { frontdoor_uri: url.toString() };
}

/** A frontdoor URL's one-time password, spent: a new session token for its user, or undefined if unknown or expired. */
export function redeemFrontdoorOtp(org: LocalOrg, otp: string): string | undefined {
    ensureOtpTable(org.db);
    const row = org.db.prepare('SELECT user_id, expires_at FROM _lo_frontdoor_otps WHERE otp = ?').get(otp) as
        { user_id: string; expires_at: number } | undefined;
    org.db.prepare('DELETE FROM _lo_frontdoor_otps WHERE otp = ?').run(otp);
    if (!row || row.expires_at < Date.now()) return undefined;
    return newSessionToken(org, row.user_id);
}
