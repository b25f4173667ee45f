/** What the sender is configured with, once the environment is read and checked (config.ts). */
import type { OidcSettings } from './accounts/oidc-config.js';
import type { LogFormat } from './log.js';

/** Which proxies' `X-Forwarded-For` entries to believe: their addresses, CIDRs or range names. */
export interface TrustProxy {
  proxies: string[];
}

export interface ResendSettings {
  apiKey: string;
  baseUrl: string;
}

export interface Config {
  /** Absolute path: the SQLite file and the outbox live here. */
  dataDir: string;
  /** DATABASE_URL: the store is this PostgreSQL database instead of the SQLite file. */
  databaseUrl?: string;
  /** Set when RESEND_API_KEY is: otherwise the embedded outbox is used. */
  resend: ResendSettings | undefined;
  /** Test/dev only: let the Resend transport send placeholder invitation links. */
  allowPlaceholders: boolean;
  host: string;
  port: number;
  firstUser: string;
  /**
   * From of Step 1 (the reseller invitation, which the reseller sends, not the Cloud
   * Marketplace). Unset: Resend refuses Step 1; the outbox uses the Reply-To address.
   */
  step1From: string | undefined;
  sessionHours: number;
  retry: { maxAttempts: number; baseMs: number; maxMs: number };
  /** Longest wait for one answer from Resend before the attempt counts as a network error. */
  httpTimeoutMs: number;
  /**
   * How long a run's hold on its rows (and a batch run's heartbeat) lasts without renewal: a
   * dead process's rows are taken over after it (renewed every third of it while alive).
   */
  leaseMs: number;
  cookieSecure: boolean;
  /** Verifies Resend's delivery webhooks (POST /webhooks/resend); unset: the route refuses them. */
  webhookSecret: string | undefined;
  /** Unset: the client address is the socket's peer (no proxy in front). */
  trustProxy: TrustProxy | undefined;
  /** The origin users open (`https://sender.example.com`); POSTs must come from it. */
  publicOrigin: string | undefined;
  /** Sign in with Microsoft (OpenID Connect); unset: local passwords only. */
  oidc: OidcSettings | undefined;
  /** SENDER_LOCAL_PASSWORDS=off turns email + password sign-in off (OIDC only). */
  localPasswords: boolean;
  /** `serve`'s log lines: text, or one JSON object per line. */
  logFormat: LogFormat;
}
