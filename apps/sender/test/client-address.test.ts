import { describe, expect, it } from 'vitest';
import { clientAddress } from '../src/web/client-address.js';

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.9', undefined)).toBe('127.0.0.1');
  });

  it('counts trusted hops from the right: entries the client wrote itself are not believed', () => {
    // The client claimed 192.0.2.1; our one proxy appended the real peer 203.0.113.9.
    expect(clientAddress('10.0.0.5', '192.0.2.1, 203.0.113.9', { hops: 1 })).toBe('203.0.113.9');
    expect(clientAddress('10.0.0.5', '192.0.2.1, 203.0.113.9, 10.0.0.4', { hops: 2 })).toBe(
      '203.0.113.9',
    );
    // Fewer entries than hops: the leftmost one.
    expect(clientAddress('10.0.0.5', '203.0.113.9', { hops: 3 })).toBe('203.0.113.9');
  });

  it('skips listed proxy addresses from the right', () => {
    const trust = { addresses: ['10.0.0.5', '10.0.0.4'] };
    expect(clientAddress('10.0.0.5', '192.0.2.1, 203.0.113.9, 10.0.0.4', trust)).toBe(
      '203.0.113.9',
    );
    // A peer that is not a listed proxy is the client, X-Forwarded-For or not.
    expect(clientAddress('198.51.100.3', '203.0.113.9', trust)).toBe('198.51.100.3');
  });

  it('falls back to the peer when the trusted entry is not an address', () => {
    expect(clientAddress('10.0.0.5', 'garbage', { hops: 1 })).toBe('10.0.0.5');
  });
});
