/**
 * The store port: what every capability's store speaks to, whichever database is behind it.
 * Two adapters implement it: SQLite (src/store/sqlite-db.ts, the embedded default, one file
 * in the data folder) and PostgreSQL (src/store/postgres-db.ts, when DATABASE_URL is set).
 *
 * SQL is written once, in the subset both understand: `?` placeholders (the PostgreSQL
 * adapter numbers them), `INSERT … RETURNING`, `ON CONFLICT`, no SQLite-only functions. Where
 * the two differ, a store asks `dialect`.
 */

/** A value bound to a `?` (bytes: a BLOB in SQLite, bytea in PostgreSQL). */
export type SqlParam = string | number | bigint | Uint8Array | null;

/** A value read from a row: text, integer (a JavaScript number), real, blob or NULL. */
export type SqlValue = string | number | bigint | Uint8Array | null;

export type Row = Record<string, SqlValue>;

export type Dialect = 'sqlite' | 'postgres';

/** A statement that only reads (SELECT); any other may write (INSERT … RETURNING included). */
export const onlyReads = (sql: string): boolean => /^\s*SELECT\b/i.test(sql);

export interface SqlDb {
  readonly dialect: Dialect;
  /**
   * How many statements that may write (and transactions) this process has run through this
   * port: it moves whenever this process may have changed the store (see turn-memo.ts).
   */
  readonly writes: number;
  /** Every row the statement returns. */
  all(sql: string, ...params: SqlParam[]): Promise<Row[]>;
  /** The first row, or undefined. */
  get(sql: string, ...params: SqlParam[]): Promise<Row | undefined>;
  /** A statement run for its effect: how many rows it changed. */
  run(sql: string, ...params: SqlParam[]): Promise<{ changes: number }>;
  /**
   * Runs `fn` as one write transaction, committed when it resolves and rolled back when it
   * throws. Write transactions run one at a time, across every process on the store (SQLite's
   * write lock; a PostgreSQL advisory lock), so a read-then-write inside one sees no other
   * writer. Every call made while `fn` runs — at any depth, on this db — joins it; a nested
   * `transaction` joins the outer one. Nothing inside may wait on the network.
   */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
