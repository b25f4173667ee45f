/**
 * Store tests on both adapters (issue 20): `describeStores(name, suite)` runs one suite twice,
 * on SQLite (a temp data folder per test) and on PostgreSQL (the run's one server, see
 * postgres-global.ts: a database per suite, migrated, dropped after; emptied before each test
 * with one TRUNCATE of every table but the migrations, which is ~20× quicker than a database
 * per test).
 * The suite reads its store from the handle it is given, inside its tests and hooks.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, inject } from 'vitest';
import { Store } from '../src/store.js';
import { PostgresDb } from '../src/store/postgres-db.js';
import { migrate } from '../src/store/postgres-schema.js';
import { tempDir } from './helpers.js';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

export interface StoreUnderTest {
  readonly kind: StoreKind;
  /** This test's store. */
  readonly store: Store;
  /** A temp folder: SQLite's data folder; on PostgreSQL still SENDER_DATA_DIR (outbox, files). */
  readonly dir: string;
  /** What points a config or a CLI run at this store: DATABASE_URL on PostgreSQL, nothing on SQLite. */
  readonly env: Record<string, string>;
  /** Another Store on the same file or database ("another process"); closed after the test. */
  reopen(now?: () => number): Promise<Store>;
}

export interface StoreOptions {
  /** 'each' (default): a new store per test; 'all': one store for the whole suite (a big fill). */
  fresh?: 'each' | 'all';
}

let databases = 0;

/** A database of the run's server for one describeStores suite, at this build's schema. */
class PostgresServer {
  private constructor(
    private readonly admin: pg.Pool,
    readonly name: string,
    readonly url: string,
  ) {}

  static async start(): Promise<PostgresServer> {
    const server = inject('postgresUrl');
    const admin = new pg.Pool({ connectionString: server, max: 1 });
    const name = `stores_${process.pid}_${++databases}`;
    const url = new URL(server);
    url.pathname = `/${name}`;
    const self = new PostgresServer(admin, name, url.toString());
    try {
      await admin.query(`CREATE DATABASE ${name}`);
      const db = await PostgresDb.connect(self.url);
      try {
        await migrate(db);
      } finally {
        await db.close();
      }
      return self;
    } catch (error) {
      await self.stop();
      throw error;
    }
  }

  /** Empties every table but the migrations' (identities restarted): a fresh store for a test. */
  async empty(): Promise<void> {
    const db = new pg.Client({ connectionString: this.url });
    await db.connect();
    try {
      const { rows } = await db.query<{ t: string }>(
        "SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
      );
      if (rows.length > 0)
        await db.query(
          `TRUNCATE ${rows.map((r) => `"${r.t}"`).join(', ')} RESTART IDENTITY CASCADE`,
        );
    } finally {
      await db.end();
    }
  }

  async stop(): Promise<void> {
    try {
      await this.admin.query(`DROP DATABASE IF EXISTS ${this.name} WITH (FORCE)`);
    } finally {
      await this.admin.end();
    }
  }
}

/** One store (and what else a test opened on it) for a test, or for a whole suite. */
class Opened {
  readonly stores: Store[] = [];
  private constructor(
    readonly dir: ReturnType<typeof tempDir>,
    readonly env: Record<string, string>,
    private readonly openOn: (now?: () => number) => Promise<Store>,
  ) {}

  static async open(kind: StoreKind, server: PostgresServer | undefined): Promise<Opened> {
    const dir = tempDir();
    if (kind === 'sqlite')
      return new Opened(dir, {}, (now) => Promise.resolve(new Store(dir.dir, now)));
    if (server === undefined)
      throw new Error('describeStores: the PostgreSQL database was not made');
    await server.empty();
    const openOn = async (now?: () => number) => {
      const db = await PostgresDb.connect(server.url, { max: 4 });
      await migrate(db);
      return new Store(db, now);
    };
    return new Opened(dir, { DATABASE_URL: server.url }, openOn);
  }

  async another(now?: () => number): Promise<Store> {
    const store = await this.openOn(now);
    this.stores.push(store);
    return store;
  }

  async close(): Promise<void> {
    try {
      for (const store of this.stores.splice(0)) await store.close();
    } finally {
      this.dir.cleanup();
    }
  }
}

/** Runs `suite` once per adapter, under `name > sqlite` and `name > postgres`. */
export function describeStores(
  name: string,
  suite: (s: StoreUnderTest) => void,
  options: StoreOptions = {},
): void {
  describe(name, () => {
    for (const kind of STORE_KINDS) describeOne(kind, suite, options.fresh ?? 'each');
  });
}

function describeOne(
  kind: StoreKind,
  suite: (s: StoreUnderTest) => void,
  fresh: 'each' | 'all',
): void {
  describe(kind, () => {
    let server: PostgresServer | undefined;
    let opened: Opened | undefined;
    let first: Store | undefined;
    const current = (): Opened => {
      if (opened === undefined)
        throw new Error('describeStores: the store is open only in tests and hooks');
      return opened;
    };
    const handle: StoreUnderTest = {
      kind,
      get store() {
        current();
        if (first === undefined) throw new Error('describeStores: the store is not open');
        return first;
      },
      get dir() {
        return current().dir.dir;
      },
      get env() {
        return current().env;
      },
      reopen: (now) => current().another(now),
    };
    const setUp = async () => {
      opened = await Opened.open(kind, server);
      first = await opened.another();
    };
    const tearDown = async () => {
      const done = opened;
      opened = undefined;
      first = undefined;
      await done?.close();
    };
    // One hook each way: after-hooks run in reverse order, and the store closes before the server.
    beforeAll(async () => {
      if (kind === 'postgres') server = await PostgresServer.start();
      if (fresh === 'all') await setUp();
    }, 120_000);
    afterAll(async () => {
      try {
        await tearDown();
      } finally {
        await server?.stop();
        server = undefined;
      }
    }, 60_000);
    if (fresh === 'each') {
      beforeEach(setUp, 60_000);
      afterEach(tearDown, 60_000);
    }
    suite(handle);
  });
}

/** An empty database of its own on the run's server (postgres-global.ts), dropped by `stop()`. */
export async function testDatabase(): Promise<{
  url: string;
  port: number;
  stop(): Promise<void>;
}> {
  const server = new URL(inject('postgresUrl'));
  const name = `db_${process.pid}_${++databases}`;
  const admin = new pg.Pool({ connectionString: server.toString(), max: 1 });
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    port: Number(server.port),
    stop: async () => {
      try {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await admin.end();
      }
    },
  };
}
