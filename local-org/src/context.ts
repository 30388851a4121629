/** What every API call carries: the database, the schema at that moment, and who is calling. */
import type { UserAccess } from './access.ts';
import type { AssignmentChoice } from './assignmentRules.ts';
import type { Automation } from './flows/automation.ts';
import type { Schema } from './schema.ts';
import type { FlowsRun } from './savepoint.ts';
import type { Db } from './store.ts';

export interface CallContext {
    db: Db;
    schema: Schema;
    access: UserAccess;
    userId: string;
    now: Date;
    apiVersion: string;
    automation: Automation;
    /**
     * Flows already run for a record in this call (in Bulk, in this DML batch): a flow's own update does not
     * trigger it again. Rolled back with the savepoint that ran them (savepoint.ts).
     */
    flowsRun: FlowsRun;
    /** Which Case or Lead assignment rule this call's saves run (assignmentRules.ts); none unless the API asks. */
    assignment?: AssignmentChoice;
}
