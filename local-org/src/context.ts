/** What every API call carries: the database, the schema at that moment, and who is calling. */
import type { UserAccess } from './access.ts';
import type { Schema } from './schema.ts';
import type { Db } from './store.ts';

export interface CallContext {
    db: Db;
    schema: Schema;
    access: UserAccess;
    userId: string;
    now: Date;
    apiVersion: string;
}
