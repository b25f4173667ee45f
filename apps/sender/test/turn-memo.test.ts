/**
 * A check made on every request (the session epoch; is anyone on the suppression list?) is
 * read once for the requests of one event-loop turn, and again at once after this process
 * writes or in the next turn. The write counter it relies on, on SQLite and PostgreSQL.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { TurnMemo } from '../src/store/turn-memo.js';
import { describeStores } from './stores.js';

function counted(db: { writes: number }) {
  let reads = 0;
  const memo = new TurnMemo(db, () => Promise.resolve(++reads));
  return { memo, reads: () => reads };
}

describe('TurnMemo', () => {
  it('one read for the callers of one turn; a new read in the next turn', async () => {
    const { memo, reads } = counted({ writes: 0 });
    expect(await Promise.all([memo.get(), memo.get(), memo.get()])).toEqual([1, 1, 1]);
    expect(await memo.get()).toBe(1); // still the same turn (only microtasks since)
    await nextTurn();
    expect(await memo.get()).toBe(2);
    expect(reads()).toBe(2);
  });

  it('a write by this process in the same turn: read again at once', async () => {
    const db = { writes: 0 };
    const { memo } = counted(db);
    expect(await memo.get()).toBe(1);
    db.writes++;
    expect(await memo.get()).toBe(2);
    expect(await memo.get()).toBe(2);
  });

  it('a failed read is not kept: the next caller reads again', async () => {
    let calls = 0;
    const memo = new TurnMemo({ writes: 0 }, () =>
      ++calls === 1 ? Promise.reject(new Error('store down')) : Promise.resolve(calls),
    );
    await expect(memo.get()).rejects.toThrow('store down');
    expect(await memo.get()).toBe(2);
  });
});

describeStores('the port counts what may write', (s) => {
  it('reads do not move it; a write, a write that returns rows, or a transaction does', async () => {
    const { db } = s.store;
    const at = () => db.writes;
    let before = at();
    await db.get('SELECT n FROM session_epoch WHERE id = 1');
    await db.all('SELECT id FROM users');
    expect(at()).toBe(before);
    await db.get(
      "INSERT INTO users (email, password_hash, role, created_at) VALUES ('w@x.example', 'h', 'sales', 'now') RETURNING id",
    );
    expect(at()).toBeGreaterThan(before);
    before = at();
    await db.run("UPDATE users SET role = 'admin' WHERE email = 'w@x.example'");
    expect(at()).toBeGreaterThan(before);
    before = at();
    await s.store.transaction(async () => {
      await db.get('SELECT 1 AS x');
    });
    expect(at()).toBeGreaterThan(before);
  });
});
