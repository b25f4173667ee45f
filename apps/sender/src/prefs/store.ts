/** What the sender remembers per user between visits: the last country chosen. */
import { countryCodes } from '@csp-enablement/templates';
import type { Store } from '../store.js';

// Its own table (like the delivery store's): a user removed takes their preferences along.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS user_prefs (
  user_id INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_country TEXT,
  updated_at TEXT NOT NULL
);
`;

export class Prefs {
  private readonly read;
  private readonly write;

  constructor(private readonly store: Store) {
    store.db.exec(SCHEMA);
    this.read = store.db.prepare('SELECT last_country FROM user_prefs WHERE user_id = ?');
    this.write = store.db.prepare(
      `INSERT INTO user_prefs (user_id, last_country, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (user_id) DO UPDATE SET last_country = excluded.last_country, updated_at = excluded.updated_at`,
    );
  }

  /** The country this user last chose in compose or a batch, if it is still in the registry. */
  lastCountry(userId: number): string | undefined {
    const row = this.read.get(userId) as { last_country: string | null } | undefined;
    const code = row?.last_country ?? undefined;
    return code !== undefined && countryCodes.includes(code) ? code : undefined;
  }

  /**
   * Remembers a registry country; anything else is ignored (a bad form value is no choice).
   * The same country again writes nothing: a write is a transaction, this is a read.
   */
  setLastCountry(userId: number, code: string): void {
    if (!countryCodes.includes(code) || this.lastCountry(userId) === code) return;
    this.write.run(userId, code, new Date(this.store.now()).toISOString());
  }
}
