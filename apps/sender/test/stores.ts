/**
 * Store tests on both adapters (issue 20): `describeStores(name, suite)` runs one suite twice,
 * on SQLite (a temp data folder) and on PostgreSQL (one throw-away server for the suite,
 * a fresh database per test: `CREATE DATABASE t<n>` from a migrated template, dropped after).
 * The suite reads its store from the handle it is given, inside its tests and hooks.
 */
import { startPostgres, type RunningPostgres } from '@csp-enablement/testkit/postgres';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
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

const TEMPLATE = 'store_template';

/** One server for a describeStores suite: databases made from a migrated template. */
class PostgresServer {
  private n = 0;
  private constructor(
    private readonly server: RunningPostgres,
    private readonly admin: pg.Pool,
  ) {}

  static async start(): Promise<PostgresServer> {
    const server = await startPostgres();
    const admin = new pg.Pool({ connectionString: server.url, max: 1 });
    const self = new PostgresServer(server, admin);
    try {
      await admin.query(`CREATE DATABASE ${TEMPLATE}`);
      const db = await PostgresDb.connect(self.urlOf(TEMPLATE));
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

  urlOf(database: string): string {
    const url = new URL(this.server.url);
    url.pathname = `/${database}`;
    return url.toString();
  }

  /** A fresh database at this build's schema (migrated: the template is, so nothing is left to apply). */
  async create(): Promise<{ name: string; url: string }> {
    const name = `t${++this.n}`;
    await this.admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE}`);
    return { name, url: this.urlOf(name) };
  }

  async drop(name: string): Promise<void> {
    await this.admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }

  async stop(): Promise<void> {
    try {
      await this.admin.end();
    } finally {
      await this.server.stop();
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
    private readonly database: string | undefined,
  ) {}

  static async open(kind: StoreKind, server: PostgresServer | undefined): Promise<Opened> {
    const dir = tempDir();
    if (kind === 'sqlite')
      return new Opened(dir, {}, (now) => Promise.resolve(new Store(dir.dir, now)), undefined);
    if (server === undefined)
      throw new Error('describeStores: the PostgreSQL server did not start');
    const { name, url } = await server.create();
    const openOn = async (now?: () => number) => {
      const db = await PostgresDb.connect(url, { max: 4 });
      await migrate(db);
      return new Store(db, now);
    };
    return new Opened(dir, { DATABASE_URL: url }, openOn, name);
  }

  async another(now?: () => number): Promise<Store> {
    const store = await this.openOn(now);
    this.stores.push(store);
    return store;
  }

  async close(server: PostgresServer | undefined): Promise<void> {
    try {
      for (const store of this.stores.splice(0)) await store.close();
      if (this.database !== undefined) await server?.drop(this.database);
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
      await done?.close(server);
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
