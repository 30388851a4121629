/**
 * A case's owner as the actions read it: UI API GraphQL answers the polymorphic Owner as the union Case_Owner, a
 * User or a Group (a queue), each through its own fragment (GraphQL API Developer Guide, "Polymorphic Relationship
 * Filters"), selected in each document as
 * `Owner { __typename ... on User { Name { value } } ... on Group { Name { value } } }`. Components show the owner by
 * name, never by Id.
 */

/**
 * @typedef {{ __typename: 'User' | 'Group', Name?: { value: string | null } }} CaseOwner
 */

/**
 * @param {CaseOwner | null | undefined} owner
 * @returns {string}
 */
export function ownerName(owner) {
    return owner?.Name?.value ?? '';
}

/**
 * Whether a queue owns the case (a queue is a Group of Type Queue; only queues may own cases).
 * @param {CaseOwner | null | undefined} owner
 * @returns {boolean}
 */
export function isQueueOwned(owner) {
    return owner?.__typename === 'Group';
}
