/**
 * What a Dev Hub checks when a ScratchOrgInfo (a signup request) is inserted. local-org makes Developer Edition
 * scratch orgs with the behaviour every local org has; a definition asking for anything else (another edition,
 * features beyond ServiceCloud, sample data, a namespace, a snapshot or org shape, another release, country or
 * language) is refused by name at insert, so the request never turns into an org that silently lacks it.
 * Fields: https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_scratchorginfo.htm
 */
import type { CallContext } from '../context.ts';
import { notSupported, recordError } from '../errors.ts';
import type { StoredValue } from '../values.ts';

/** ServiceCloud is the Service Cloud User feature license: Cases and the service objects, which every local org has. */
const HONOURED_FEATURES = new Set(['servicecloud']);
export const DEFAULT_DURATION_DAYS = 7;

type SignupRecord = Record<string, StoredValue>;

function given(value: StoredValue): boolean {
    return value !== null && value !== undefined && value !== '';
}

function refuseUnhonoured(record: SignupRecord): void {
    if (record.Edition === null) throw notSupported('A scratch org without an Edition (from a Snapshot or org shape)');
    if (record.Edition !== 'Developer') throw notSupported(`The scratch org edition ${String(record.Edition)}`);
    const features = String(record.Features ?? '')
        .split(';')
        .map((feature) => feature.trim())
        .filter(Boolean);
    const unknown = features.find((feature) => !HONOURED_FEATURES.has(feature.toLowerCase()));
    if (unknown !== undefined) throw notSupported(`The scratch org feature ${unknown}`);
    if (record.HasSampleData === 1) throw notSupported('Sample data in a scratch org (hasSampleData)');
    for (const name of ['Namespace', 'Snapshot', 'SourceOrg', 'Package2AncestorIds']) {
        if (given(record[name])) throw notSupported(`A scratch org with ${name}`);
    }
    if (given(record.Release) && record.Release !== 'Current')
        throw notSupported(`The ${String(record.Release)} release`);
    if (given(record.Country) && record.Country !== 'US')
        throw notSupported(`Scratch org country ${String(record.Country)}`);
    if (given(record.Language) && record.Language !== 'en_US')
        throw notSupported(`Scratch org language ${String(record.Language)}`);
}

function checkDuration(record: SignupRecord): void {
    if (record.DurationDays === null) record.DurationDays = DEFAULT_DURATION_DAYS;
    const days = Number(record.DurationDays);
    if (days < 1 || days > 30) {
        throw recordError(
            'FIELD_INTEGRITY_EXCEPTION',
            `Requested Duration In Days: value outside of valid range on numeric field: ${days}`,
            ['DurationDays']
        );
    }
}

/**
 * Usernames are unique across every org; a request may not take one in use here or in a live scratch org. The
 * message is Salesforce's DUPLICATE_USERNAME (help article 000381924); local-org refuses at insert, not at signup.
 */
function checkUsername(ctx: CallContext, record: SignupRecord): void {
    if (!given(record.Username)) return;
    const username = String(record.Username).toLowerCase();
    record.Username = username;
    const taken =
        ctx.db.prepare('SELECT 1 FROM User WHERE lower(Username) = ?').get(username) ??
        ctx.db
            .prepare(
                `SELECT 1 FROM ScratchOrgInfo WHERE IsDeleted = 0 AND Status IN ('New', 'Creating', 'Active')
                 AND (lower(Username) = ? OR lower(SignupUsername) = ?)`
            )
            .get(username, username);
    if (taken) {
        throw recordError(
            'DUPLICATE_USERNAME',
            "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address).",
            ['Username']
        );
    }
}

/** Called by the write engine for each ScratchOrgInfo insert, before it is saved. */
export function checkSignupRequest(ctx: CallContext, record: SignupRecord): void {
    refuseUnhonoured(record);
    checkDuration(record);
    checkUsername(ctx, record);
}
