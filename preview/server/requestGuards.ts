/**
 * What the preview's pages check before they trust a request. The preview runs on one developer's machine and signs
 * anyone who reaches it in as any user, so it must only answer that machine's own browser tabs: a return URL stays
 * on the origin, a malformed session cookie is no session, and a request naming another host (a DNS-rebinding page)
 * or sent by another site is refused.
 */

/** Control characters and backslashes: browsers drop tabs and newlines from URLs and read `\` as `/`. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE_URL_CHARACTERS = /[\u0000-\u001f\u007f\\]/;

/**
 * The same-origin path (path, query and fragment) a return URL names, resolved as the browser would resolve it
 * against the page's origin, or undefined for anything else: another origin, `//host`, a scheme, control
 * characters or backslashes (which browsers strip or turn into `/`, so `/%09/evil.example` is `//evil.example`).
 */
export function sameOriginPath(value: string | null | undefined, origin: string): string | undefined {
    if (!value || !value.startsWith('/') || UNSAFE_URL_CHARACTERS.test(value)) return undefined;
    let url: URL;
    try {
        url = new URL(value, origin);
    } catch {
        return undefined;
    }
    if (url.origin !== new URL(origin).origin) return undefined;
    return url.pathname + url.search + url.hash;
}

/** An access token as local-org and Salesforce issue them: visible ASCII only (`00D…!…`). */
const TOKEN_SHAPE = /^[\x21-\x7e]{1,512}$/;

export function isTokenShaped(value: string | null | undefined): value is string {
    return typeof value === 'string' && TOKEN_SHAPE.test(value);
}

/**
 * The session token in the `sid` cookie, or undefined when there is none or it is malformed (a bad percent escape,
 * characters outside visible ASCII): a cookie that cannot be a token is no session, never an error.
 */
export function sessionTokenFromCookie(cookieHeader: string | undefined): string | undefined {
    for (const part of (cookieHeader ?? '').split(';')) {
        const [key, ...value] = part.trim().split('=');
        if (key !== 'sid') continue;
        let token: string;
        try {
            token = decodeURIComponent(value.join('='));
        } catch {
            return undefined;
        }
        return isTokenShaped(token) ? token : undefined;
    }
    return undefined;
}

/**
 * The Host header names this server: its own origin's host, or `localhost` / `127.0.0.1` on its port. Anything
 * else is a name that resolved here without being this server's (DNS rebinding) and is refused.
 */
export function hostAllowed(hostHeader: string | undefined, origin: string): boolean {
    if (!hostHeader) return false;
    const own = new URL(origin);
    const allowed = new Set([own.host, `localhost:${own.port}`, `127.0.0.1:${own.port}`]);
    return allowed.has(hostHeader.toLowerCase());
}

/**
 * A request another site made the browser send: an `Origin` that is not this server's, or Fetch Metadata saying it
 * came from another site. A typed or bookmarked URL (`Sec-Fetch-Site: none`) and the preview's own links pass.
 */
export function crossSiteRequest(headers: Record<string, string | undefined>, origin: string): boolean {
    const own = new URL(origin);
    const requestOrigin = headers.origin;
    if (requestOrigin !== undefined && !hostAllowed(hostOf(requestOrigin), origin)) return true;
    if (requestOrigin !== undefined && !requestOrigin.startsWith(`${own.protocol}//`)) return true;
    const site = headers['sec-fetch-site'];
    return site === 'cross-site' || site === 'same-site';
}

function hostOf(origin: string): string | undefined {
    try {
        return new URL(origin).host;
    } catch {
        return undefined;
    }
}
