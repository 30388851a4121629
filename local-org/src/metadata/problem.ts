/** A component the deploy cannot apply: reported as a componentFailure with this message as its problem. */
export class ComponentProblem extends Error {}
