/**
 * The store port (sql.ts) on PostgreSQL, when DATABASE_URL is set: a node-postgres pool.
 *
 * Write transactions are serialised across every instance by one transaction-scoped advisory
 * lock, as SQLite's write lock serialises them across processes: the stores read, decide and
 * write inside one transaction and rely on no other writer coming in between. A write made
 * outside a transaction takes the same lock (as a one-statement transaction), since on SQLite
 * it would wait for the write lock too.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { parse } from 'pg-connection-string';
import { toPostgres, type PostgresSql } from './postgres-sql.js';
import type { Row, SqlDb, SqlParam } from './sql.js';

/** The sender's write lock: one fixed key ('csp-send' in ASCII), held until COMMIT or ROLLBACK. */
export const WRITE_LOCK_KEY = 0x6373702d73656e64n;

export interface PostgresOptions {
  /** Most connections the pool opens (default 10). */
  max?: number;
  /** Longest wait for a new connection (default 10 s); 0 waits forever. */
  connectionTimeoutMillis?: number;
  /** An idle pooled connection failed (the server restarted, the network dropped): the pool drops it. */
  onIdleError?: (error: Error) => void;
}

/** The server could not be reached or refused the sign-in. Names the server, never the password. */
export class PostgresConnectError extends Error {
  override name = 'PostgresConnectError';
}

interface Tx {
  client: pg.PoolClient;
  /** False once the transaction ended: a late call from a detached task goes to the pool. */
  open: boolean;
  /** The connection failed: destroyed, not returned to the pool. */
  broken: boolean;
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** int8 and numeric as JavaScript numbers, as node:sqlite reads SQLite's integers. */
function toNumber(text: string): number {
  const whole = /^-?\d+$/.test(text);
  if (whole) {
    const n = BigInt(text);
    if (n > SAFE || n < -SAFE)
      throw new RangeError(
        `postgres: the integer ${text} is outside JavaScript's safe range (±${Number.MAX_SAFE_INTEGER})`,
      );
  }
  return Number(text);
}

function typeParsers(): pg.TypeOverrides {
  const types = new pg.TypeOverrides();
  types.setTypeParser(pg.types.builtins.INT8, toNumber);
  types.setTypeParser(pg.types.builtins.NUMERIC, toNumber);
  // A comparison or EXISTS yields a boolean; SQLite gives 1 or 0, and so does this.
  types.setTypeParser(pg.types.builtins.BOOL, (text: string) => (text === 't' ? 1 : 0));
  return types;
}

/** Why a connection failed, also when Node reports an AggregateError (IPv4 and IPv6 both refused). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.message !== '') return error.message;
  const code = (error as { code?: unknown }).code;
  if (error instanceof AggregateError)
    return error.errors.map((e: unknown) => reason(e)).join('; ') || String(code);
  return typeof code === 'string' ? code : error.name;
}

export class PostgresDb implements SqlDb {
  readonly dialect = 'postgres';
  /** The pool, for rate-limiter-flexible's RateLimiterPostgres (its table: login_throttle). */
  readonly pool: pg.Pool;
  /** `host:port, database "name", user "name"`: how errors name the server. */
  readonly target: string;
  private readonly tx = new AsyncLocalStorage<Tx>();
  private readonly translations = new Map<string, PostgresSql>();

  constructor(url: string, options: PostgresOptions = {}) {
    const parts = parse(url);
    const user = parts.user ?? process.env.PGUSER ?? 'postgres';
    const host = parts.host ?? process.env.PGHOST ?? 'localhost';
    const port = parts.port ?? process.env.PGPORT ?? '5432';
    const database = parts.database ?? process.env.PGDATABASE ?? user;
    this.target = `${host}:${port}, database "${database}", user "${user}"`;
    this.pool = new pg.Pool({
      connectionString: url,
      application_name: 'csp-sender',
      max: options.max ?? 10,
      connectionTimeoutMillis: options.connectionTimeoutMillis ?? 10_000,
      types: typeParsers(),
    });
    // Without a listener, an idle connection's error would end the process.
    this.pool.on('error', (error) => options.onIdleError?.(error));
  }

  /** A pool whose server answered: fails at start, with PostgresConnectError, rather than at the first request. */
  static async connect(url: string, options: PostgresOptions = {}): Promise<PostgresDb> {
    const db = new PostgresDb(url, options);
    try {
      await db.get('SELECT 1 AS ok');
      return db;
    } catch (error) {
      await db.close();
      throw error;
    }
  }

  writes = 0;

  async all(sql: string, ...params: SqlParam[]): Promise<Row[]> {
    return (await this.query(sql, params)).rows;
  }

  async get(sql: string, ...params: SqlParam[]): Promise<Row | undefined> {
    return (await this.query(sql, params)).rows[0];
  }

  async run(sql: string, ...params: SqlParam[]): Promise<{ changes: number }> {
    return { changes: (await this.query(sql, params)).rowCount ?? 0 };
  }

  /**
   * A script of several statements without parameters (a migration), in the transaction
   * running, if any.
   */
  async script(sql: string): Promise<void> {
    this.writes++;
    const tx = this.current();
    if (tx !== undefined) {
      await tx.client.query(sql);
      return;
    }
    await this.withClient((client) => client.query(sql));
  }

  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.current() !== undefined) return fn();
    const client = await this.acquire();
    const tx: Tx = { client, open: true, broken: false };
    const onError = () => {
      tx.broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      await client.query(`SELECT pg_advisory_xact_lock(${WRITE_LOCK_KEY})`);
      const result = await this.tx.run(tx, fn);
      tx.open = false;
      await client.query('COMMIT');
      this.writes++;
      return result;
    } catch (error) {
      tx.open = false;
      if (!tx.broken) {
        try {
          await client.query('ROLLBACK');
        } catch {
          tx.broken = true;
        }
      }
      throw error;
    } finally {
      client.off('error', onError);
      // A broken connection is destroyed rather than handed to the next caller.
      client.release(tx.broken);
    }
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }

  private current(): Tx | undefined {
    const tx = this.tx.getStore();
    return tx?.open === true ? tx : undefined;
  }

  private translate(sql: string): PostgresSql {
    let translated = this.translations.get(sql);
    if (translated === undefined) {
      // SQL is written in the code (a few hundred texts at most); the cap is a backstop.
      if (this.translations.size >= 1_000) this.translations.clear();
      translated = toPostgres(sql);
      this.translations.set(sql, translated);
    }
    return translated;
  }

  private async query(sql: string, params: SqlParam[]): Promise<pg.QueryResult<Row>> {
    const translated = this.translate(sql);
    if (translated.placeholders !== params.length)
      throw new Error(
        `postgres: the statement has ${translated.placeholders} ? placeholder(s) but ${params.length} value(s) were given: ${sql.trim().slice(0, 120)}`,
      );
    // One statement per call, like a prepared SQLite statement: the extended protocol even without values.
    const config: pg.QueryConfig<SqlParam[]> & { queryMode: 'extended' } = {
      text: translated.text,
      values: params,
      queryMode: 'extended',
    };
    const tx = this.current();
    if (!translated.readOnly) this.writes++;
    if (tx !== undefined) return tx.client.query<Row, SqlParam[]>(config);
    if (!translated.readOnly) return this.transaction(() => this.query(sql, params));
    return this.withClient((client) => client.query<Row, SqlParam[]>(config));
  }

  private async withClient<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.acquire();
    const state = { broken: false };
    const onError = () => {
      state.broken = true;
    };
    client.on('error', onError);
    try {
      return await fn(client);
    } catch (error) {
      // An SQL error leaves the connection usable; anything else may not have.
      if (!(error instanceof pg.DatabaseError)) state.broken = true;
      throw error;
    } finally {
      client.off('error', onError);
      client.release(state.broken);
    }
  }

  private async acquire(): Promise<pg.PoolClient> {
    try {
      return await this.pool.connect();
    } catch (error) {
      throw new PostgresConnectError(
        `cannot connect to PostgreSQL at ${this.target} (DATABASE_URL): ${reason(error)}`,
        { cause: error },
      );
    }
  }
}
