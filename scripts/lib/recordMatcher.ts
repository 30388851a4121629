/**
 * The shared LWC module recordMatcher, for the TypeScript tooling. The file is an ES module that the platform and
 * jest load as such, but it sits in the CommonJS root package, so Node (through tsx) loads it as CommonJS: an ES
 * import then sees its exports only under `default`, a CommonJS one directly. This re-exports them by name either
 * way, with their JSDoc types.
 */
import * as loaded from '../../force-app/main/default/lwc/recordMatcher/recordMatcher.js';

export type {
    AccountRecord,
    ContactRecord,
    Submission,
    MatchResult,
    Candidate,
    Decision,
    KeyStep,
    KeyDefinition,
    StoredMatchKeys,
    MatchCandidateVariables,
    SearchRequest
} from '../../force-app/main/default/lwc/recordMatcher/recordMatcher.js';

type RecordMatcher = typeof loaded;

const recordMatcher: RecordMatcher =
    'createMatchIndex' in loaded ? loaded : (loaded as unknown as { default: RecordMatcher }).default;

export const {
    createMatchIndex,
    findMatches,
    matchSubmission,
    prepareSubmission,
    matchKeys,
    MATCH_KEY_DEFINITIONS,
    MATCH_KEY_SOURCES,
    applyKeySteps,
    storedMatchKeys,
    withMatchKeys,
    MATCH_CANDIDATES_QUERY,
    MATCH_NAME_CANDIDATES_QUERY,
    matchSearchRequests,
    matchCandidateVariables,
    candidatesFromResponse
} = recordMatcher;
