/**
 * The store port over one node:sqlite file (the embedded default). node:sqlite is
 * synchronous; the port is not, so that PostgreSQL can sit behind the same stores. What the
 * synchronous code had for free, this adapter keeps:
 *
 * - One write transaction at a time in this process as well as across processes: between
 *   the awaits of a transaction another request's statement could otherwise land inside it
 *   (and be rolled back with it). A transaction holds this connection; statements from
 *   outside it wait until it ends. Statements inside it are found by AsyncLocalStorage.
 * - Every SQL text is prepared once per open file: a statement made per call holds native
 *   memory the garbage collector does not see (a 100,000-row batch grew by ~150 MB).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { onlyReads, type Row, type SqlDb, type SqlParam } from './sql.js';

interface Scope {
  open: boolean;
}

export class SqliteDb implements SqlDb {
  readonly dialect = 'sqlite' as const;
  private readonly statements = new Map<string, { statement: StatementSync; reads: boolean }>();
  writes = 0;
  private readonly scope = new AsyncLocalStorage<Scope>();
  /** The transaction holding the connection, and its end. */
  private holder: { scope: Scope; done: Promise<void> } | undefined;

  constructor(readonly file: DatabaseSync) {}

  /** The prepared statement for this SQL, compiled once per open file. */
  statement(sql: string): StatementSync {
    let prepared = this.statements.get(sql);
    if (prepared === undefined) {
      // SQL is written in the code (a few hundred texts at most); the cap is a backstop.
      if (this.statements.size >= 1_000) this.statements.clear();
      prepared = { statement: this.file.prepare(sql), reads: onlyReads(sql) };
      this.statements.set(sql, prepared);
    }
    if (!prepared.reads) this.writes++;
    return prepared.statement;
  }

  async all(sql: string, ...params: SqlParam[]): Promise<Row[]> {
    await this.turn();
    return this.statement(sql).all(...params);
  }

  async get(sql: string, ...params: SqlParam[]): Promise<Row | undefined> {
    await this.turn();
    return this.statement(sql).get(...params);
  }

  async run(sql: string, ...params: SqlParam[]): Promise<{ changes: number }> {
    await this.turn();
    return { changes: Number(this.statement(sql).run(...params).changes) };
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inside()) return fn();
    await this.turn();
    const scope: Scope = { open: true };
    let end = () => {};
    this.holder = { scope, done: new Promise<void>((resolve) => (end = resolve)) };
    try {
      this.file.exec('BEGIN IMMEDIATE');
      try {
        const result = await this.scope.run(scope, fn);
        this.file.exec('COMMIT');
        this.writes++;
        return result;
      } catch (error) {
        if (this.file.isTransaction) this.file.exec('ROLLBACK');
        throw error;
      }
    } finally {
      scope.open = false;
      this.holder = undefined;
      end();
    }
  }

  async close(): Promise<void> {
    await this.turn();
    if (this.file.isOpen) this.file.close();
  }

  /** Synchronous transaction for the file's own start-up steps (schema, migrations). */
  transactionSync<T>(fn: () => T): T {
    if (this.holder !== undefined) throw new Error('store: a transaction is already open');
    this.file.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.file.exec('COMMIT');
      this.writes++;
      return result;
    } catch (error) {
      if (this.file.isTransaction) this.file.exec('ROLLBACK');
      throw error;
    }
  }

  private inside(): boolean {
    const scope = this.scope.getStore();
    return scope !== undefined && scope.open && this.holder?.scope === scope;
  }

  /** Resolves when this caller may use the connection: inside the open transaction, or when none is open. */
  private async turn(): Promise<void> {
    while (this.holder !== undefined && !this.inside()) await this.holder.done;
  }
}
