import type { CountryRecord, RenderedEmail } from '@csp-enablement/templates';
import type { ArtifactLocator, Renderer } from '../catalog.js';
import type { RetryPolicy } from '../retry.js';
import type { LeaseOwner, Store } from '../store.js';
import type { Transport } from '../transports/types.js';

/** A short lease, renewed by a heartbeat while the attempt runs: a dead run's rows free up soon. */
export const DEFAULT_LEASE_MS = 30_000;

/** The email was refused before anything went out (tampered, placeholder, ...). */
export class RefusedError extends Error {
  override name = 'RefusedError';
}

export interface SendInput {
  template: string;
  country: string;
  to: readonly string[];
  cc: readonly string[];
}

/** A validated, rendered and verified email with its recipients: ready to queue. */
export interface Draft {
  email: RenderedEmail;
  country: CountryRecord;
  to: string[];
  cc: string[];
  /** The email carries a registry placeholder value (allowed only by some transports). */
  placeholder: boolean;
  /** What it goes out from (Step 1: SENDER_STEP1_FROM, see envelope). */
  from: string;
}

export interface SenderOptions {
  store: Store;
  transport: Transport;
  retry: RetryPolicy;
  /** Default: the installed templates package's pre-rendered artifacts (see lockedRenderer). */
  render?: Renderer;
  /** Where the default renderer finds the artifacts (tests point it at a copy). */
  artifacts?: ArtifactLocator;
  /** Backoff sleep; the signal fires when the process drains (the default sleep then ends early). */
  sleep?: (ms: number, signal: AbortSignal) => Promise<unknown>;
  random?: () => number;
  now?: () => number;
  /** Operational log lines (never secrets or passwords). */
  log?: (line: string) => void;
  /**
   * Step 1 (the reseller invitation) is sent on the reseller's side: its From
   * (SENDER_STEP1_FROM) and the Reply-To used when a row's creator is not an address
   * (a CLI run: --reply-to or SENDER_FIRST_USER). Step 2 keeps the registry's From.
   */
  step1?: { from: string | undefined; replyTo: string };
  /** How long a claim holds a row without a heartbeat (default 30 s; renewed every third of it). */
  leaseMs?: number;
  /** Who this run is (tests pretend to be another process). */
  owner?: LeaseOwner;
  /** Whether a process id exists on this host (tests pretend one died). */
  processExists?: (pid: number) => boolean;
}
