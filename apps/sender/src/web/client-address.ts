/**
 * The client's address for throttling and logs. Without trusted proxies it is the
 * socket's peer. Behind proxies, it is found the way Express's `trust proxy` finds it
 * (with the same library, `proxy-addr`): start at the socket's peer and walk
 * `X-Forwarded-For` from the right while the hop is one of our proxies; the first
 * address that is not is the client. A peer that is not one of our proxies is the
 * client itself, so whatever `X-Forwarded-For` it sends is ignored.
 */
import { isIP } from 'node:net';
import proxyAddr from 'proxy-addr';

/** Says whether an address (a hop in the chain) is one of our proxies. */
export type ProxyCheck = (address: string, hop: number) => boolean;

/** The names `proxy-addr` expands to ranges, as Express accepts them. */
export const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'] as const;

/**
 * Checks and compiles SENDER_TRUST_PROXY's entries (addresses, CIDRs, or the names
 * above). Throws naming the first entry that is none of these.
 */
export function trustedProxies(entries: readonly string[]): ProxyCheck {
  for (const entry of entries) {
    if ((PROXY_RANGE_NAMES as readonly string[]).includes(entry)) continue;
    const slash = entry.lastIndexOf('/');
    const ip = slash === -1 ? entry : entry.slice(0, slash);
    // proxy-addr's parser also takes forms like `0x7f.1`; only the usual notations are meant.
    if (isIP(ip) === 0) throw new TypeError(`"${entry}" is not an IP address or CIDR`);
    if (slash !== -1 && !/^\d{1,3}$/.test(entry.slice(slash + 1)))
      throw new TypeError(`"${entry}" has no prefix length after the slash`);
  }
  try {
    return proxyAddr.compile([...entries]);
  } catch (error) {
    // e.g. `10.0.0.0/33` or `/0` (trusting everyone is exactly what this setting must not do).
    throw new TypeError(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** `::ffff:192.0.2.1` (IPv4 on a dual-stack socket) → `192.0.2.1`. */
export function normalizeAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return (mapped?.[1] ?? address).toLowerCase();
}

export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | undefined,
  trusted: ProxyCheck | undefined,
): string {
  const socket = normalizeAddress(peer ?? 'unknown');
  if (trusted === undefined || forwardedFor === undefined) return socket;
  // Nearest first: the peer, then X-Forwarded-For from the right.
  const chain = [
    socket,
    ...forwardedFor
      .split(',')
      .map((entry) => entry.trim())
      .reverse(),
  ];
  let hop = 0;
  while (hop < chain.length - 1 && trusted(chain[hop] ?? '', hop)) hop++;
  const candidate = normalizeAddress(chain[hop] ?? socket);
  if (isIP(candidate) !== 0) return candidate;
  // Not an address: believe no further than the trusted hop that passed it on.
  return normalizeAddress(chain[Math.max(0, hop - 1)] ?? socket);
}
