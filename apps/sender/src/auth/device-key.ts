/**
 * The device cookie's signing key for this store: on SQLite the file in the data folder
 * (one server per folder), on PostgreSQL one row every instance reads, so a browser's
 * device cookie set by one instance is known to all of them. Made once, by whichever
 * instance comes first (INSERT … ON CONFLICT DO NOTHING, then read back).
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../store.js';
import { PostgresDb } from '../store/postgres-db.js';
import { deviceCookieKey } from './device-cookie.js';

const NAME = 'device-cookie';

export async function deviceKeyFor(store: Store, dataDir: string): Promise<Buffer> {
  if (!(store.db instanceof PostgresDb)) return deviceCookieKey(dataDir);
  await store.db.run(
    'INSERT INTO server_secrets (name, value, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING',
    NAME,
    randomBytes(32),
    new Date(store.now()).toISOString(),
  );
  const value = (await store.db.get('SELECT value FROM server_secrets WHERE name = ?', NAME))
    ?.value;
  if (!(value instanceof Uint8Array) || value.length < 32)
    throw new Error('store: the device cookie key in server_secrets is missing or too short');
  return Buffer.from(value);
}
