/**
 * Opens the store a configuration names: PostgreSQL when DATABASE_URL is set (connected,
 * then migrated to this build's schema under the migration lock, which is safe with other
 * instances starting at once: one migrates, the others find nothing to do), otherwise the
 * SQLite file in the data folder.
 */
import type { Config } from '../config.js';
import { Store } from '../store.js';
import type { PostgresDb } from './postgres-db.js';
import type { SqlDb } from './sql.js';

export type StoreConfig = Pick<Config, 'dataDir' | 'databaseUrl'>;

export async function openStore(
  config: StoreConfig,
  options: { now?: () => number; migrate?: boolean; log?: (line: string) => void } = {},
): Promise<Store> {
  if (config.databaseUrl === undefined) return new Store(config.dataDir, options.now);
  // The PostgreSQL client is loaded only when it is used: a SQLite CLI call starts without it.
  const [{ PostgresDb }, { migrate }] = await Promise.all([
    import('./postgres-db.js'),
    import('./postgres-schema.js'),
  ]);
  const db = await PostgresDb.connect(config.databaseUrl, {
    onIdleError: (error) => options.log?.(`postgres: idle connection lost: ${error.message}`),
  });
  try {
    if (options.migrate !== false) {
      const applied = await migrate(db);
      for (const m of applied)
        options.log?.(`postgres: applied migration ${m.version} (${m.name})`);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  return new Store(db, options.now);
}

/** Where the store lives, in words (logs, `migrate`): never a password. */
export function storeLabel(store: Store, config: StoreConfig): string {
  return onPostgres(store.db)
    ? `PostgreSQL ${store.db.target}`
    : `SQLite ${config.dataDir}/sender.sqlite`;
}

/** Whether the store is the PostgreSQL adapter (the only one whose dialect is `postgres`). */
const onPostgres = (db: SqlDb): db is PostgresDb => db.dialect === 'postgres';
