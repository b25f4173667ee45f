/**
 * Where sign-in counters live. One SQLite file has one server (src/store-ops/lock.ts), so its
 * counters stay in that process's memory. On PostgreSQL every instance counts in the same
 * table (rate-limiter-flexible's PostgreSQL store on the store's own pool, table
 * login_throttle from the schema): guesses spread over instances are counted together.
 */
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Store } from '../store.js';
import { PostgresDb } from '../store/postgres-db.js';

export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

export type Limiters = (options: LimiterOptions) => RateLimiterAbstract;

export const memoryLimiters: Limiters = (options) => new RateLimiterMemory(options);

export function limitersFor(store: Store): Limiters {
  const db = store.db;
  if (!(db instanceof PostgresDb)) return memoryLimiters;
  return (options) =>
    new RateLimiterPostgres({
      ...options,
      storeClient: db.pool,
      tableName: 'login_throttle',
      tableCreated: true,
    });
}
