/**
 * The environment every `sf` CLI run gets from our scripts and tests: no auto-update (it would start a detached
 * `sf update` that sleeps for an hour), no telemetry, no version check against the npm registry.
 */
export const SF_QUIET_ENV: Readonly<Record<string, string>> = {
    SF_DISABLE_AUTOUPDATE: 'true',
    SF_DISABLE_TELEMETRY: 'true',
    SF_SKIP_NEW_VERSION_CHECK: 'true'
};

/** The caller's environment plus SF_QUIET_ENV, optionally with its own HOME so auth files stay isolated. */
export function sfEnv(home?: string): NodeJS.ProcessEnv {
    return { ...process.env, ...SF_QUIET_ENV, ...(home ? { HOME: home, USERPROFILE: home } : {}) };
}
