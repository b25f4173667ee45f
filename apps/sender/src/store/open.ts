/**
 * Opens the store a configuration names: PostgreSQL when DATABASE_URL is set (connected,
 * then migrated to this build's schema under the migration lock, which is safe with other
 * instances starting at once: one migrates, the others find nothing to do), otherwise the
 * SQLite file in the data folder.
 */
import type { Config } from '../config.js';
import { Store } from '../store.js';
import { PostgresDb } from './postgres-db.js';
import { migrate } from './postgres-schema.js';

export type StoreConfig = Pick<Config, 'dataDir' | 'databaseUrl'>;

export async function openStore(
  config: StoreConfig,
  options: { now?: () => number; migrate?: boolean; log?: (line: string) => void } = {},
): Promise<Store> {
  if (config.databaseUrl === undefined) return new Store(config.dataDir, options.now);
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
  return store.db instanceof PostgresDb
    ? `PostgreSQL ${store.db.target}`
    : `SQLite ${config.dataDir}/sender.sqlite`;
}
