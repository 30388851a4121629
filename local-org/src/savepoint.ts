/**
 * Savepoints of a call's transaction, and what the call remembers alongside its data: the record-triggered flows it
 * already ran for each record. Both are undone together, so a save that is rolled back leaves nothing behind, not
 * even the memory that its flows ran: a retried or later save of the same record runs them as a first save would.
 * Every savepoint a write path opens goes through here.
 */
import type { CallContext } from './context.ts';

/** Flows already run for a record (`flow:recordId`), in the order they ran, so a rollback can drop the newest. */
export class FlowsRun {
    private readonly keys = new Set<string>();
    private readonly order: string[] = [];

    has(key: string): boolean {
        return this.keys.has(key);
    }

    add(key: string): void {
        this.keys.add(key);
        this.order.push(key);
    }

    /** A position to roll back to. */
    mark(): number {
        return this.order.length;
    }

    /** Forgets the flows run since the mark. */
    rollBackTo(mark: number): void {
        while (this.order.length > mark) this.keys.delete(this.order.pop()!);
    }
}

/** Runs work in a savepoint; when it throws, the savepoint is rolled back, the flows it ran are forgotten, and the error goes on. */
export function inSavepoint<T>(ctx: CallContext, work: () => T): T {
    const mark = ctx.flowsRun.mark();
    try {
        return ctx.db.transaction(work)();
    } catch (error) {
        ctx.flowsRun.rollBackTo(mark);
        throw error;
    }
}

/** A savepoint opened and closed by name, for work that is not one function call (a GraphQL mutation's fields). */
export class NamedSavepoint {
    private readonly mark: number;

    constructor(
        private readonly ctx: CallContext,
        private readonly name: string
    ) {
        ctx.db.exec(`SAVEPOINT ${name}`);
        this.mark = ctx.flowsRun.mark();
    }

    rollBack(): void {
        this.ctx.db.exec(`ROLLBACK TO ${this.name}`);
        this.ctx.flowsRun.rollBackTo(this.mark);
    }

    release(): void {
        this.ctx.db.exec(`RELEASE ${this.name}`);
    }
}
