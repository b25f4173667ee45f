import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Lease, LeaseOwner } from '../store.js';

/** This process as a lease owner: a fresh token per run, so a reused pid is never mistaken for us. */
export function newOwner(): LeaseOwner {
  return { pid: process.pid, host: hostname(), token: randomUUID() };
}

/** Whether a process id exists on this host (signal 0 only checks; EPERM means it exists). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lease this run may take over at once: held by another run on this host
 * whose process is gone. (Elsewhere we cannot tell; its short lease runs out.)
 */
export function holderIsGone(lease: Lease, me: LeaseOwner, exists = processExists): boolean {
  return lease.token !== me.token && lease.host === me.host && !exists(lease.pid);
}

/** `held by process N on HOST until HH:MM:SS` (UTC). */
export function heldBy(lease: Lease): string {
  return `held by process ${lease.pid} on ${lease.host} until ${new Date(lease.until).toISOString().slice(11, 19)} UTC`;
}
