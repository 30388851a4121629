/**
 * The shared LWC module recordMatcher, for the TypeScript tooling. The file is an ES module that the platform and
 * jest load as such, but it sits in the CommonJS root package, so Node (through tsx) loads it as CommonJS and only
 * its default export is visible to an ES import: this re-exports its functions by name, with their JSDoc types.
 */
import recordMatcher from '../../force-app/main/default/lwc/recordMatcher/recordMatcher.js';

export type {
    AccountRecord,
    ContactRecord,
    Submission,
    MatchResult,
    Candidate,
    Decision
} from '../../force-app/main/default/lwc/recordMatcher/recordMatcher.js';

export const { createMatchIndex, findMatches, matchSubmission, prepareSubmission, matchKeys } = recordMatcher;
