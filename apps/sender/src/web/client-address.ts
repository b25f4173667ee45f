/**
 * The client's address for throttling and logs. Without a trusted proxy it is the
 * socket's peer. Behind proxies, `X-Forwarded-For` is read from the right: each
 * trusted proxy appended the address it saw, so the first entry not written by one
 * of ours is the client. Entries further left are whatever the client claimed.
 */
import { isIP } from 'node:net';
import type { TrustProxy } from '../config.js';

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) → `192.0.2.1`. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trust: TrustProxy | undefined,
): string {
  const socket = normalizeAddress(peer ?? 'unknown');
  if (trust === undefined || forwardedFor === undefined) return socket;
  // The chain as the nearest proxy sees it: client, proxy1, ..., then the socket peer.
  const chain = [
    ...forwardedFor
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
    socket,
  ].map(normalizeAddress);
  let index = chain.length - 1;
  if ('hops' in trust) {
    index = Math.max(0, chain.length - 1 - trust.hops);
  } else {
    const trusted = new Set(trust.addresses.map(normalizeAddress));
    while (index > 0 && trusted.has(chain[index] ?? '')) index--;
  }
  const candidate = chain[index] ?? socket;
  // Our proxy wrote this entry, so it is an address; anything else is not believed.
  return isIP(candidate) !== 0 ? candidate : socket;
}
