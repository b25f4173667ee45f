/**
 * One device cookie key per store (issue 20): on PostgreSQL every instance signs and checks
 * device cookies with the same key, whatever its data folder; on SQLite it is the folder's.
 */
import { expect, it } from 'vitest';
import { deviceKeyFor } from '../src/auth/device-key.js';
import { tempDir } from './helpers.js';
import { describeStores } from './stores.js';

describeStores('the device cookie key', (s) => {
  it('is made once and read back the same by another instance of the store', async () => {
    const first = await deviceKeyFor(s.store, s.dir);
    expect(first.length).toBeGreaterThanOrEqual(32);
    // Another instance: its own data folder on PostgreSQL, the same folder on SQLite.
    const other = tempDir();
    try {
      const dir = s.kind === 'postgres' ? other.dir : s.dir;
      expect((await deviceKeyFor(await s.reopen(), dir)).equals(first)).toBe(true);
    } finally {
      other.cleanup();
    }
  });
});
