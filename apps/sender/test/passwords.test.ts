import { afterEach, describe, expect, it } from 'vitest';
import { HASH_COST, hashPassword, useHashCostForTests, verifyPassword } from '../src/passwords.js';
import { runCli } from './spawn-cli.js';
import { tempDir } from './helpers.js';
import { Store } from '../src/store.js';

afterEach(() => {
  useHashCostForTests(10);
});

describe('password hashes', () => {
  it('are scrypt with N = 2^15, r = 8, p = 1 in the sender itself (a CLI-added user)', async () => {
    const tmp = tempDir();
    try {
      const add = await runCli(
        ['users', 'add', 'ann@reseller.example'],
        { SENDER_DATA_DIR: tmp.dir },
        'correct horse battery staple\n',
      );
      expect(add.code, add.stderr).toBe(0);
      const store = new Store(tmp.dir);
      try {
        const user = await store.users.findUser('ann@reseller.example');
        expect(user?.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{86}$/);
      } finally {
        await store.close();
      }
    } finally {
      tmp.cleanup();
    }
  });

  it('record their own cost: one made at the real cost verifies while tests hash cheaply', async () => {
    useHashCostForTests(HASH_COST);
    const real = await hashPassword('correct horse battery staple');
    useHashCostForTests(10);
    expect(real.startsWith('scrypt$32768$')).toBe(true);
    expect((await hashPassword('x'.repeat(12))).startsWith('scrypt$1024$')).toBe(true);
    expect(await verifyPassword('correct horse battery staple', real)).toBe(true);
    expect(await verifyPassword('correct horse battery stable', real)).toBe(false);
  });

  it('refuse a cost outside 4 … 15', () => {
    expect(() => {
      useHashCostForTests(3);
    }).toThrow(/from 4 to 15/);
    expect(() => {
      useHashCostForTests(16);
    }).toThrow(/from 4 to 15/);
  });
});
