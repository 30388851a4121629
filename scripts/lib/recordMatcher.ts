/**
 * The shared LWC matching modules for the TypeScript tooling: recordMatcher (normalisers, measures, scoring), matchKeys
 * (stored match keys) and matchSearch (candidate retrieval from an org). The files are ES modules that the platform
 * and jest load as such, but they sit in the CommonJS root package, so Node (through tsx) loads them as CommonJS: an
 * ES import then sees their exports only under `default`, a CommonJS one directly. This re-exports them by name either
 * way, with their JSDoc types. Their `c/…` imports of each other resolve through tsconfig.json's `paths`, as tsx
 * and tsc read them.
 */
import * as matcherModule from '../../force-app/main/default/lwc/recordMatcher/recordMatcher.js';
import * as keysModule from '../../force-app/main/default/lwc/matchKeys/matchKeys.js';
import * as searchModule from '../../force-app/main/default/lwc/matchSearch/matchSearch.js';

export type {
    AccountRecord,
    ContactRecord,
    Submission,
    MatchResult,
    Candidate,
    Decision,
    LearnedWeights
} from '../../force-app/main/default/lwc/recordMatcher/recordMatcher.js';
export type { KeyStep, KeyDefinition, StoredMatchKeys } from '../../force-app/main/default/lwc/matchKeys/matchKeys.js';
export type {
    MatchCandidateVariables,
    SearchRequest
} from '../../force-app/main/default/lwc/matchSearch/matchSearch.js';

/** A module's exports by name, whether Node loaded it as an ES module or as CommonJS (then under `default`). */
function exportsOf<T extends object>(loaded: T, probe: string): T {
    return probe in loaded ? loaded : (loaded as unknown as { default: T }).default;
}

export const {
    createMatchIndex,
    findMatches,
    matchSubmission,
    prepareSubmission,
    matchKeys,
    learnWeights,
    estimateWeights
} = exportsOf(matcherModule, 'createMatchIndex');
export const { MATCH_KEY_DEFINITIONS, MATCH_KEY_SOURCES, applyKeySteps, storedMatchKeys, withMatchKeys } = exportsOf(
    keysModule,
    'storedMatchKeys'
);
export const {
    MATCH_CANDIDATES_QUERY,
    MATCH_NAME_CANDIDATES_QUERY,
    matchSearchRequests,
    matchCandidateVariables,
    candidatesFromResponse
} = exportsOf(searchModule, 'matchSearchRequests');
