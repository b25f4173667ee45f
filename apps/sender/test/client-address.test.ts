import { describe, expect, it } from 'vitest';
import { clientAddress, trustedProxies } from '../src/web/client-address.js';

describe('the client address', () => {
  it('is the socket peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.9', undefined)).toBe('127.0.0.1');
  });

  it('walks X-Forwarded-For from the right past trusted proxies; entries the client wrote are not believed', () => {
    const trust = trustedProxies(['10.0.0.5', '10.0.0.4']);
    // The client claimed 192.0.2.1; proxy 10.0.0.4 appended the real peer 203.0.113.9.
    expect(clientAddress('10.0.0.5', '192.0.2.1, 203.0.113.9, 10.0.0.4', trust)).toBe(
      '203.0.113.9',
    );
    // Only trusted hops in the chain: the leftmost entry.
    expect(clientAddress('10.0.0.5', '10.0.0.4', trust)).toBe('10.0.0.4');
  });

  it('matches CIDRs and named ranges, IPv4 and IPv6, IPv4-mapped peers included', () => {
    const trust = trustedProxies(['10.0.0.0/8', 'fd00::/8', 'loopback']);
    expect(clientAddress('::ffff:10.1.2.3', '198.51.100.20', trust)).toBe('198.51.100.20');
    expect(clientAddress('fd12::7', '2001:db8::1, fd00::9', trust)).toBe('2001:db8::1');
    expect(clientAddress('::1', '192.0.2.4', trust)).toBe('192.0.2.4');
    expect(clientAddress('127.0.0.1', '192.0.2.5', trust)).toBe('192.0.2.5');
  });

  it('a direct client not in the list is the client, whatever X-Forwarded-For it sends', () => {
    const trust = trustedProxies(['10.0.0.0/8']);
    for (let i = 1; i <= 40; i++)
      expect(clientAddress('198.51.100.3', `192.0.2.${i}`, trust)).toBe('198.51.100.3');
    expect(clientAddress('2001:db8::66', '192.0.2.1, 10.0.0.1', trust)).toBe('2001:db8::66');
  });

  it('an entry that is not an address is not believed: the hop that passed it on is the client', () => {
    const trust = trustedProxies(['10.0.0.5']);
    expect(clientAddress('10.0.0.5', 'garbage', trust)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '203.0.113.9, ', trust)).toBe('10.0.0.5');
  });

  it('refuses what is not an address, CIDR or range name, and trust-everyone ranges', () => {
    for (const bad of [
      'proxy.internal',
      '10.0.0.0/33',
      '0.0.0.0/0',
      '::/0',
      '0x7f.1',
      '10.0.0.1/x',
      '',
    ])
      expect(() => trustedProxies([bad]), bad).toThrow();
  });
});
