/** The device cookie's signature and key (src/auth/device-cookie.ts). */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeviceCookies, deviceCookieKey } from '../src/auth/device-cookie.js';
import { tempDir } from './helpers.js';

describe('the device cookie', () => {
  const key = randomBytes(32);
  it('is signed for one account, and refused when tampered, foreign, expired or under another key', () => {
    let now = Date.UTC(2026, 11, 7);
    const cookies = new DeviceCookies(key, 30 * 24 * 3600, () => now);
    const value = cookies.issue('Sales@Reseller.example');
    const id = cookies.verify(value, 'sales@reseller.example ');
    expect(id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(cookies.verify(value, 'other@reseller.example')).toBeUndefined();
    const [a = '', b = '', mac = ''] = value.split('.');
    expect(
      cookies.verify(
        `${a}.${b}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
        'sales@reseller.example',
      ),
    ).toBeUndefined();
    expect(
      cookies.verify(`${a}.${Number(b) + 1}.${mac}`, 'sales@reseller.example'),
    ).toBeUndefined();
    expect(
      new DeviceCookies(randomBytes(32)).verify(value, 'sales@reseller.example'),
    ).toBeUndefined();
    for (const junk of [undefined, '', 'x', 'a.b.c', `${value}x`, 'A'.repeat(500)])
      expect(cookies.verify(junk, 'sales@reseller.example')).toBeUndefined();
    now += 31 * 24 * 3600_000;
    expect(cookies.verify(value, 'sales@reseller.example')).toBeUndefined();
  });

  it('its key is kept owner-only in the data folder and survives a restart', () => {
    const tmp = tempDir();
    try {
      const first = deviceCookieKey(tmp.dir);
      expect(first.length).toBe(32);
      expect(deviceCookieKey(tmp.dir).equals(first)).toBe(true);
      expect(statSync(join(tmp.dir, 'device-cookie.key')).mode & 0o777).toBe(0o600);
    } finally {
      tmp.cleanup();
    }
  });

  it('is made in a data folder that does not exist yet (serve on PostgreSQL opens no SQLite file there)', () => {
    const tmp = tempDir();
    try {
      const dataDir = join(tmp.dir, 'not', 'made', 'yet');
      expect(deviceCookieKey(dataDir).length).toBe(32);
      expect(statSync(dataDir).mode & 0o777).toBe(0o700);
      expect(statSync(join(dataDir, 'device-cookie.key')).mode & 0o777).toBe(0o600);
    } finally {
      tmp.cleanup();
    }
  });
});
