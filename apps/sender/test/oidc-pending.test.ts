/** Pending OIDC sign-ins in the store: single use, 10 minutes, a cap that drops the oldest. */
import { expect, it } from 'vitest';
import { PendingSignIns } from '../src/accounts/pending.js';
import { describeStores } from './stores.js';

const values = (n: number, expires: number) => ({
  state: `state-${n}`,
  nonce: `nonce-${n}`,
  verifier: `verifier-${n}`,
  expires,
});

describeStores('PendingSignIns', (s) => {
  it('is taken once, by another Store on the same file or database too (another process or a restart)', async () => {
    await new PendingSignIns(s.store).put('key-a', values(1, 10_000), 0);
    const pending = new PendingSignIns(await s.reopen());
    expect(await pending.take('key-a', 1)).toEqual(values(1, 10_000));
    expect(await pending.take('key-a', 1)).toBeUndefined();
  });

  it('an expired one is not given, and is swept when the next sign-in starts', async () => {
    const pending = new PendingSignIns(s.store);
    await pending.put('old', values(1, 1_000), 0);
    await pending.put('young', values(2, 5_000), 0);
    expect(await pending.take('old', 1_000)).toBeUndefined();
    await pending.put('late', values(3, 9_000), 6_000);
    // "young" expired before "late" was put: swept.
    expect(await pending.count()).toBe(1);
  });

  it('past the cap, the oldest unfinished sign-in is dropped', async () => {
    const pending = new PendingSignIns(s.store, 3);
    for (let n = 1; n <= 5; n++) await pending.put(`key-${n}`, values(n, 10_000 + n), 0);
    expect(await pending.count()).toBe(3);
    expect(await pending.take('key-1', 0)).toBeUndefined();
    expect(await pending.take('key-2', 0)).toBeUndefined();
    expect(await pending.take('key-5', 0)).toEqual(values(5, 10_005));
  });
});
