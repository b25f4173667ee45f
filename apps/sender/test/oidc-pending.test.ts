/** Pending OIDC sign-ins in the store: single use, 10 minutes, a cap that drops the oldest. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PendingSignIns } from '../src/accounts/pending.js';
import { Store } from '../src/store.js';
import { tempDir } from './helpers.js';

const values = (n: number, expires: number) => ({
  state: `state-${n}`,
  nonce: `nonce-${n}`,
  verifier: `verifier-${n}`,
  expires,
});

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  store = new Store(tmp.dir);
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

describe('PendingSignIns', () => {
  it('is taken once, by another Store on the same file too (another process or a restart)', async () => {
    await new PendingSignIns(store).put('key-a', values(1, 10_000), 0);
    const other = new Store(tmp.dir);
    try {
      const pending = new PendingSignIns(other);
      expect(await pending.take('key-a', 1)).toEqual(values(1, 10_000));
      expect(await pending.take('key-a', 1)).toBeUndefined();
    } finally {
      await other.close();
    }
  });

  it('an expired one is not given, and is swept when the next sign-in starts', async () => {
    const pending = new PendingSignIns(store);
    await pending.put('old', values(1, 1_000), 0);
    await pending.put('young', values(2, 5_000), 0);
    expect(await pending.take('old', 1_000)).toBeUndefined();
    await pending.put('late', values(3, 9_000), 6_000);
    // "young" expired before "late" was put: swept.
    expect(await pending.count()).toBe(1);
  });

  it('past the cap, the oldest unfinished sign-in is dropped', async () => {
    const pending = new PendingSignIns(store, 3);
    for (let n = 1; n <= 5; n++) await pending.put(`key-${n}`, values(n, 10_000 + n), 0);
    expect(await pending.count()).toBe(3);
    expect(await pending.take('key-1', 0)).toBeUndefined();
    expect(await pending.take('key-2', 0)).toBeUndefined();
    expect(await pending.take('key-5', 0)).toEqual(values(5, 10_005));
  });
});
