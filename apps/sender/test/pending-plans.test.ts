/** Pending batch plans: a cap per user and a total cap that never drops another user's only plan. */
import { describe, expect, it } from 'vitest';
import { PendingUploads } from '../src/batches/pending.js';

describe('pending plans per user', () => {
  const upload = (userId: number) => ({
    userId,
    fileName: `u${userId}.csv`,
    content: 'to\na@b.example\n',
    template: 'reseller-invitation',
    country: 'US',
  });

  it('60 uploads by one user do not expire another user’s plan', () => {
    const pending = new PendingUploads();
    const theirs = pending.add(upload(2)) ?? '';
    for (let i = 0; i < 60; i++) expect(pending.add(upload(1))).toBeDefined();
    expect(pending.take(theirs, 2)?.fileName).toBe('u2.csv');
  });

  it('a user’s next upload past their cap drops their own oldest', () => {
    const pending = new PendingUploads(3600_000, 50, 3);
    const keys = [1, 2, 3, 4].map(() => pending.add(upload(1)) ?? '');
    expect(pending.take(keys[0] ?? '', 1)).toBeUndefined();
    for (const key of keys.slice(1)) expect(pending.take(key, 1)).toBeDefined();
  });

  it('when full: the oldest plan of the user with the most goes, never another user’s only plan', () => {
    const pending = new PendingUploads(3600_000, 4, 3);
    const one = pending.add(upload(1)) ?? '';
    const [a, b] = [pending.add(upload(2)) ?? '', pending.add(upload(2)) ?? ''];
    const three = pending.add(upload(3)) ?? '';
    // Full (4): user 4's upload pushes out user 2's oldest.
    const four = pending.add(upload(4)) ?? '';
    expect(pending.take(a, 2)).toBeUndefined();
    // Full again, every plan its user's only one: user 5 is refused, nobody's plan is dropped...
    expect(pending.add(upload(5))).toBeUndefined();
    // ... but user 1 may replace their own only plan.
    const again = pending.add(upload(1)) ?? '';
    expect(pending.take(one, 1)).toBeUndefined();
    for (const [key, user] of [
      [b, 2],
      [three, 3],
      [four, 4],
      [again, 1],
    ] as const)
      expect(pending.take(key, user), `user ${user}`).toBeDefined();
  });
});
