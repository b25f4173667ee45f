import type { DatabaseSync } from 'node:sqlite';

/**
 * What each capability's store is given: the one open SQLite file, the clock, and a
 * write transaction. The file, its schema and its migrations are src/store.ts's.
 */
export interface StoreCore {
  readonly db: DatabaseSync;
  readonly now: () => number;
  transaction<T>(fn: () => T): T;
}
