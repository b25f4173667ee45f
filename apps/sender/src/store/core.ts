import type { DatabaseSync, StatementSync } from 'node:sqlite';

/**
 * What each capability's store is given: the one open SQLite file, the clock, and a
 * write transaction. The file, its schema and its migrations are src/store.ts's.
 */
export interface StoreCore {
  readonly db: DatabaseSync;
  readonly now: () => number;
  transaction<T>(fn: () => T): T;
  /**
   * The prepared statement for this SQL, compiled once per open file. A statement made
   * per call holds native memory the garbage collector does not see: a 100,000-row batch
   * (an insert and a read per row) grew the process by ~150 MB before it ran.
   */
  statement(sql: string): StatementSync;
}

/** What each capability's store shares: the core, its clock (read per call: tests move it), ISO time, transactions. */
export abstract class CapabilityStore {
  constructor(protected readonly core: StoreCore) {}

  protected now(): number {
    return this.core.now();
  }

  protected iso(): string {
    return new Date(this.now()).toISOString();
  }

  protected transaction<T>(fn: () => T): T {
    return this.core.transaction(fn);
  }
}
