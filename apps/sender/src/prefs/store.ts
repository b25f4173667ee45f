/** What the sender remembers per user between visits: the last country chosen. */
import { countryCodes } from '@csp-enablement/templates';
import type { Store } from '../store.js';

// Its own table (like the delivery store's): a user removed takes their preferences along.
/** The SQLite table (PostgreSQL: src/store/postgres-schema.ts); created when the store opens. */
export const PREFS_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS user_prefs (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_country TEXT,
  updated_at TEXT NOT NULL
);
`;

export class Prefs {
  constructor(private readonly store: Store) {}

  /** The country this user last chose in compose or a batch, if it is still in the registry. */
  async lastCountry(userId: number): Promise<string | undefined> {
    const row = await this.store.db.get(
      'SELECT last_country FROM user_prefs WHERE user_id = ?',
      userId,
    );
    const code = row?.last_country;
    return typeof code === 'string' && countryCodes.includes(code) ? code : undefined;
  }

  /**
   * Remembers a registry country; anything else is ignored (a bad form value is no choice).
   * The same country again writes nothing: a write is a transaction, this is a read.
   */
  async setLastCountry(userId: number, code: string): Promise<void> {
    if (!countryCodes.includes(code) || (await this.lastCountry(userId)) === code) return;
    await this.store.db.run(
      `INSERT INTO user_prefs (user_id, last_country, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET last_country = excluded.last_country, updated_at = excluded.updated_at`,
      userId,
      code,
      new Date(this.store.now()).toISOString(),
    );
  }
}
