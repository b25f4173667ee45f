import type { Row, SqlDb, SqlParam } from './sql.js';

/**
 * What each capability's store is given: the database behind the store port (SQLite or
 * PostgreSQL), the clock, and a write transaction. Opening, schema and migrations are
 * src/store.ts's.
 */
export interface StoreCore {
  readonly db: SqlDb;
  readonly now: () => number;
  transaction<T>(fn: () => Promise<T>): Promise<T>;
}

/** What each capability's store shares: the core, its clock (read per call: tests move it), ISO time, transactions. */
export abstract class CapabilityStore {
  constructor(protected readonly core: StoreCore) {}

  protected get db(): SqlDb {
    return this.core.db;
  }

  /** The one row a statement always returns (a count, an insert's RETURNING). */
  protected async one(sql: string, ...params: SqlParam[]): Promise<Row> {
    const row = await this.db.get(sql, ...params);
    if (row === undefined) throw new Error(`store: no row from ${sql.slice(0, 60)}`);
    return row;
  }

  protected now(): number {
    return this.core.now();
  }

  protected iso(): string {
    return new Date(this.now()).toISOString();
  }

  protected transaction<T>(fn: () => Promise<T>): Promise<T> {
    return this.core.transaction(fn);
  }
}
