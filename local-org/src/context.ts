/** What every API call carries: the database, the schema at that moment, and who is calling. */
import type { UserAccess } from './access.ts';
import type { Automation } from './flows/automation.ts';
import type { Schema } from './schema.ts';
import type { Db } from './store.ts';

export interface CallContext {
    db: Db;
    schema: Schema;
    access: UserAccess;
    userId: string;
    now: Date;
    apiVersion: string;
    automation: Automation;
    /** Flows already run for a record in this call: a flow's own update does not trigger it again. */
    flowsRun: Set<string>;
}
