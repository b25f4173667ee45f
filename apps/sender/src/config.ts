import { isIP } from 'node:net';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import type { LogFormat } from './log.js';
import { trustedProxies } from './web/client-address.js';
import { oidcEnvShape, oidcProblems, oidcSettings } from './accounts/oidc-config.js';
import type { Config, TrustProxy } from './config-shape.js';

export const DEFAULT_RESEND_BASE_URL = 'https://api.resend.com';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

const integer = (name: string, min: number, max: number, fallback: number) =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const n = Number(value);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      return n;
    });

const flag = z
  .enum(['', '0', '1', 'true', 'false'], { message: 'must be 1 or 0 (or true/false)' })
  .optional()
  .transform((v) => v === '1' || v === 'true');

/**
 * Every setting comes from the environment. Unknown values are rejected at
 * start with one line per bad variable, so a typo never silently changes
 * where email goes.
 */
const envSchema = z
  .object({
    SENDER_DATA_DIR: z.string().min(1).optional(),
    RESEND_API_KEY: z
      .string()
      .regex(/^\S+$/, 'must be a single token with no spaces')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    RESEND_BASE_URL: z
      .url({
        protocol: /^https?$/,
        message: 'must be an http(s) URL such as https://api.resend.com',
      })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SENDER_ALLOW_PLACEHOLDERS: flag,
    HOST: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value === '') return undefined;
        // `[::1]` is how an IPv6 address is written in a URL; the socket wants `::1`.
        const bare = /^\[(.*)\]$/.exec(value)?.[1] ?? value;
        if (
          isIP(bare) !== 0 ||
          /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?$/.test(bare)
        )
          return bare;
        ctx.addIssue({
          code: 'custom',
          message: 'must be a host name or an IP address (IPv6 as ::1 or [::1])',
        });
        return z.NEVER;
      }),
    PORT: integer('PORT', 0, 65535, 8787),
    SENDER_FIRST_USER: z.email({ message: 'must be an email address' }).optional(),
    // Step 1 goes out on the reseller's side, not from the Cloud Marketplace's DoNotReply address.
    SENDER_STEP1_FROM: z
      .email({
        message:
          'must be an email address (the From of Step 1, the reseller invitation, on a domain verified in Resend)',
      })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SENDER_SESSION_HOURS: integer('SENDER_SESSION_HOURS', 1, 24 * 30, 12),
    SENDER_MAX_ATTEMPTS: integer('SENDER_MAX_ATTEMPTS', 1, 20, 6),
    SENDER_RETRY_BASE_MS: integer('SENDER_RETRY_BASE_MS', 1, 60_000, 500),
    SENDER_RETRY_MAX_MS: integer('SENDER_RETRY_MAX_MS', 1, 600_000, 30_000),
    SENDER_HTTP_TIMEOUT_MS: integer('SENDER_HTTP_TIMEOUT_MS', 100, 600_000, 30_000),
    SENDER_LEASE_MS: integer('SENDER_LEASE_MS', 1_000, 600_000, 30_000),
    SENDER_COOKIE_SECURE: flag,
    RESEND_WEBHOOK_SECRET: z
      .string()
      .regex(
        /^whsec_[A-Za-z0-9+/]{22,}={0,2}$/,
        'must be the signing secret Resend shows for the webhook endpoint (whsec_ followed by base64)',
      )
      .optional()
      .or(z.literal('').transform(() => undefined)),
    SENDER_TRUST_PROXY: z
      .string()
      .optional()
      .transform((value, ctx): TrustProxy | undefined => {
        const text = value?.trim() ?? '';
        if (text === '' || text === '0') return undefined;
        if (/^\d+$/.test(text)) {
          // The old form: a count trusts the rightmost entries whoever sent them, so a client
          // reaching the port directly could pick its own address.
          ctx.addIssue({
            code: 'custom',
            message:
              "a count of proxies is no longer accepted (any client reaching the port could forge X-Forwarded-For): write the proxies' IP addresses or CIDRs instead, comma-separated, e.g. SENDER_TRUST_PROXY=10.0.0.5 or SENDER_TRUST_PROXY=10.0.0.0/24,fd00::/8 (loopback for a proxy on this machine)",
          });
          return z.NEVER;
        }
        const proxies = text.split(',').map((entry) => entry.trim());
        // Entries are named by position: config values are never echoed.
        const bad = proxies.findIndex((entry) => {
          try {
            trustedProxies([entry]);
            return false;
          } catch {
            return true;
          }
        });
        if (bad !== -1) {
          ctx.addIssue({
            code: 'custom',
            message: `must be the proxies' IP addresses or CIDRs, comma-separated (e.g. 10.0.0.5,10.0.0.0/24,::1; or loopback, linklocal, uniquelocal): entry ${bad + 1} is not one`,
          });
          return z.NEVER;
        }
        return { proxies };
      }),
    SENDER_LOG_FORMAT: z
      .enum(['', 'text', 'json'], { message: 'must be text (the default) or json' })
      .optional()
      .transform((v): LogFormat => (v === 'json' ? 'json' : 'text')),
    SENDER_PUBLIC_URL: z
      .url({
        protocol: /^https?$/,
        message: 'must be the http(s) address users open, such as https://sender.example.com',
      })
      .optional()
      .or(z.literal('').transform(() => undefined)),
    // PostgreSQL instead of the SQLite file in SENDER_DATA_DIR. The value is never echoed:
    // it usually holds the password.
    DATABASE_URL: z
      .string()
      .optional()
      .transform((value, ctx) => {
        if (value === undefined || value.trim() === '') return undefined;
        let url: URL;
        try {
          url = new URL(value.trim());
        } catch {
          ctx.addIssue({
            code: 'custom',
            message:
              'is not a URL: write it as postgres://user:password@host:5432/database (characters such as @ : / in the password percent-encoded)',
          });
          return z.NEVER;
        }
        if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
          ctx.addIssue({
            code: 'custom',
            message:
              'must be a PostgreSQL URL starting postgres:// or postgresql:// (this one has another scheme); unset it to use the SQLite file in SENDER_DATA_DIR',
          });
          return z.NEVER;
        }
        return value.trim();
      }),
    ...oidcEnvShape,
  })
  .superRefine((env, ctx) => {
    for (const problem of oidcProblems(env))
      ctx.addIssue({ code: 'custom', path: [problem.path], message: problem.message });
    if (env.SENDER_ALLOW_PLACEHOLDERS) {
      const base = env.RESEND_BASE_URL;
      const host = base === undefined ? undefined : new URL(base).hostname;
      if (env.RESEND_API_KEY !== undefined && (host === undefined || !LOOPBACK_HOSTS.has(host))) {
        ctx.addIssue({
          code: 'custom',
          path: ['SENDER_ALLOW_PLACEHOLDERS'],
          message:
            'is a test/dev switch: it is only accepted with RESEND_BASE_URL pointing at a loopback test server (127.0.0.1, localhost, ::1), never at Resend itself',
        });
      }
    }
    if (env.SENDER_RETRY_MAX_MS < env.SENDER_RETRY_BASE_MS) {
      ctx.addIssue({
        code: 'custom',
        path: ['SENDER_RETRY_MAX_MS'],
        message: 'must be at least SENDER_RETRY_BASE_MS',
      });
    }
  });

export type { Config, ResendSettings, TrustProxy } from './config-shape.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Where the outbox transport writes its .eml files (no Resend key): the CLI's history reads it too. */
export function outboxDir(config: Pick<Config, 'dataDir'>): string {
  return join(config.dataDir, 'outbox');
}

/** Reads and validates the environment; throws ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.') || '(environment)';
        // Never echo the value: it may be a secret.
        return `${name}: ${issue.message}`;
      }),
    );
  }
  const e = parsed.data;
  return {
    dataDir: resolve(cwd, e.SENDER_DATA_DIR ?? '.sender-data'),
    ...(e.DATABASE_URL === undefined ? {} : { databaseUrl: e.DATABASE_URL }),
    resend:
      e.RESEND_API_KEY === undefined
        ? undefined
        : {
            apiKey: e.RESEND_API_KEY,
            baseUrl: (e.RESEND_BASE_URL ?? DEFAULT_RESEND_BASE_URL).replace(/\/+$/, ''),
          },
    allowPlaceholders: e.SENDER_ALLOW_PLACEHOLDERS,
    host: e.HOST ?? '127.0.0.1',
    port: e.PORT,
    firstUser: e.SENDER_FIRST_USER ?? 'admin@localhost.localdomain',
    step1From: e.SENDER_STEP1_FROM,
    sessionHours: e.SENDER_SESSION_HOURS,
    retry: {
      maxAttempts: e.SENDER_MAX_ATTEMPTS,
      baseMs: e.SENDER_RETRY_BASE_MS,
      maxMs: e.SENDER_RETRY_MAX_MS,
    },
    httpTimeoutMs: e.SENDER_HTTP_TIMEOUT_MS,
    leaseMs: e.SENDER_LEASE_MS,
    cookieSecure: e.SENDER_COOKIE_SECURE,
    webhookSecret: e.RESEND_WEBHOOK_SECRET,
    trustProxy: e.SENDER_TRUST_PROXY,
    publicOrigin:
      e.SENDER_PUBLIC_URL === undefined ? undefined : new URL(e.SENDER_PUBLIC_URL).origin,
    oidc: oidcSettings(e),
    localPasswords: e.SENDER_LOCAL_PASSWORDS,
    logFormat: e.SENDER_LOG_FORMAT,
  };
}
