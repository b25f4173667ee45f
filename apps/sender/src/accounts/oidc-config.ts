/**
 * The environment of "Sign in with Microsoft" (OpenID Connect). Validated with the rest of
 * the configuration in src/config.ts; kept here so that file only gains a few lines.
 */
import { z } from 'zod';
import type { RoleMapping } from './roles.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** Microsoft Entra ID's sign-in hosts (global and national clouds). */
const ENTRA_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.partner.microsoftonline.cn',
]);
const TENANT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const list = optionalText.transform((v) =>
  v === undefined ? [] : v.split(',').map((entry) => entry.trim().toLowerCase()),
);

/** App role values are matched exactly (Entra ID sends them as defined). */
const exactList = optionalText.transform((v) =>
  v === undefined ? [] : v.split(',').map((entry) => entry.trim()),
);
const APP_ROLE_VALUE = /^[^\s,;]{1,120}$/;

export const oidcEnvShape = {
  SENDER_OIDC_ISSUER: optionalText,
  SENDER_OIDC_CLIENT_ID: optionalText,
  SENDER_OIDC_CLIENT_SECRET: optionalText,
  SENDER_OIDC_ALLOWED_TENANTS: list,
  SENDER_OIDC_ALLOWED_DOMAINS: list,
  SENDER_OIDC_AUTO_ROLE: z
    .enum(['', 'off', 'sales'], { message: 'must be sales or off' })
    .optional()
    .transform((v) => (v === 'sales' ? ('sales' as const) : undefined)),
  /** Which claims name the user: Entra ID's tid + oid, or the standard iss + sub. */
  SENDER_OIDC_CLAIMS: z
    .enum(['', 'entra', 'standard'], { message: 'must be entra or standard' })
    .optional()
    .transform((v) => (v === '' ? undefined : v)),
  /** Roles from the token's app roles (Entra ID: `roles`); unset: never from the token. */
  SENDER_OIDC_ROLE_CLAIM: z
    .enum(['', 'roles'], { message: 'must be roles (Entra ID app roles) or empty' })
    .optional()
    .transform((v) => (v === 'roles' ? ('roles' as const) : undefined)),
  SENDER_OIDC_ADMIN_ROLES: exactList,
  SENDER_OIDC_SALES_ROLES: exactList,
  SENDER_LOCAL_PASSWORDS: z
    .enum(['', 'on', 'off'], { message: 'must be on or off' })
    .optional()
    .transform((v) => v !== 'off'),
};

type OidcEnv = {
  [K in keyof typeof oidcEnvShape]: z.output<(typeof oidcEnvShape)[K]>;
} & { SENDER_PUBLIC_URL?: string | undefined };

export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** `<SENDER_PUBLIC_URL>/auth/oidc/callback`, registered with the provider. */
  redirectUri: string;
  /** Entra ID: the user is tid + oid and the email is vouched for by `xms_edov`. */
  claims: 'entra' | 'standard';
  /** Lower-case tenant ids (Entra ID); empty: any tenant the domains allow. */
  allowedTenants: string[];
  /** Lower-case email domains; empty: any domain of an allowed tenant. */
  allowedDomains: string[];
  /** An unknown user of an allowed tenant gets this role; unset: no access until added. */
  autoRole: 'sales' | undefined;
  /** http is accepted for a provider on this machine only (the tests' one). */
  insecureLoopback: boolean;
  /** SENDER_OIDC_ROLE_CLAIM: the role comes from the token's app roles at each sign-in. */
  roles: RoleMapping | undefined;
}

type Issue = { path: string; message: string };

/** Cross-variable checks; each problem names its variable. */
export function oidcProblems(env: OidcEnv): Issue[] {
  const problems: Issue[] = [];
  const any =
    env.SENDER_OIDC_ISSUER !== undefined ||
    env.SENDER_OIDC_CLIENT_ID !== undefined ||
    env.SENDER_OIDC_CLIENT_SECRET !== undefined;
  problems.push(...roleProblems(env));
  if (!any) {
    if (env.SENDER_OIDC_ROLE_CLAIM !== undefined)
      problems.push({
        path: 'SENDER_OIDC_ROLE_CLAIM',
        message: 'needs Sign in with Microsoft configured (SENDER_OIDC_ISSUER, …)',
      });
    if (!env.SENDER_LOCAL_PASSWORDS)
      problems.push({
        path: 'SENDER_LOCAL_PASSWORDS',
        message:
          'off needs Sign in with Microsoft configured (SENDER_OIDC_ISSUER, …): nobody could sign in',
      });
    return problems;
  }
  for (const name of [
    'SENDER_OIDC_ISSUER',
    'SENDER_OIDC_CLIENT_ID',
    'SENDER_OIDC_CLIENT_SECRET',
  ] as const)
    if (env[name] === undefined)
      problems.push({ path: name, message: 'is required when any SENDER_OIDC_* variable is set' });
  if (env.SENDER_PUBLIC_URL === undefined)
    problems.push({
      path: 'SENDER_PUBLIC_URL',
      message:
        'is required with SENDER_OIDC_ISSUER: the redirect URL is <SENDER_PUBLIC_URL>/auth/oidc/callback',
    });
  let issuer: URL | undefined;
  if (env.SENDER_OIDC_ISSUER !== undefined) {
    try {
      issuer = new URL(env.SENDER_OIDC_ISSUER);
    } catch {
      issuer = undefined;
    }
    if (
      issuer === undefined ||
      !(
        issuer.protocol === 'https:' ||
        (issuer.protocol === 'http:' && LOOPBACK.has(issuer.hostname))
      )
    )
      problems.push({
        path: 'SENDER_OIDC_ISSUER',
        message:
          'must be the https issuer URL, e.g. https://login.microsoftonline.com/<tenant id>/v2.0 (http only for a provider on 127.0.0.1)',
      });
  }
  const bad = env.SENDER_OIDC_ALLOWED_TENANTS.findIndex((t) => !TENANT_ID.test(t));
  if (bad !== -1)
    problems.push({
      path: 'SENDER_OIDC_ALLOWED_TENANTS',
      message: `must be tenant ids (GUIDs), comma-separated: entry ${bad + 1} is not one`,
    });
  const badDomain = env.SENDER_OIDC_ALLOWED_DOMAINS.findIndex((d) => !DOMAIN.test(d));
  if (badDomain !== -1)
    problems.push({
      path: 'SENDER_OIDC_ALLOWED_DOMAINS',
      message: `must be email domains, comma-separated (e.g. reseller.example): entry ${badDomain + 1} is not one`,
    });
  const claims = claimsOf(env, issuer);
  if (
    claims === 'entra' &&
    env.SENDER_OIDC_ALLOWED_TENANTS.length === 0 &&
    env.SENDER_OIDC_ALLOWED_DOMAINS.length === 0
  )
    problems.push({
      path: 'SENDER_OIDC_ALLOWED_TENANTS',
      message:
        'name the tenants whose users may sign in (or SENDER_OIDC_ALLOWED_DOMAINS): otherwise any Microsoft account could',
    });
  if (claims === 'standard' && env.SENDER_OIDC_ALLOWED_TENANTS.length > 0)
    problems.push({
      path: 'SENDER_OIDC_ALLOWED_TENANTS',
      message:
        'tenants are an Entra ID notion: with SENDER_OIDC_CLAIMS=standard use SENDER_OIDC_ALLOWED_DOMAINS',
    });
  if (
    env.SENDER_OIDC_AUTO_ROLE !== undefined &&
    claims === 'entra' &&
    env.SENDER_OIDC_ALLOWED_TENANTS.length === 0
  )
    problems.push({
      path: 'SENDER_OIDC_AUTO_ROLE',
      message:
        'needs SENDER_OIDC_ALLOWED_TENANTS: only users of the listed tenants get a role by themselves',
    });
  if (
    env.SENDER_OIDC_AUTO_ROLE !== undefined &&
    claims === 'standard' &&
    env.SENDER_OIDC_ALLOWED_DOMAINS.length === 0
  )
    problems.push({
      path: 'SENDER_OIDC_AUTO_ROLE',
      message:
        'needs SENDER_OIDC_ALLOWED_DOMAINS with SENDER_OIDC_CLAIMS=standard: only users of the listed domains get a role by themselves',
    });
  return problems;
}

function roleProblems(env: OidcEnv): Issue[] {
  const problems: Issue[] = [];
  const admin = env.SENDER_OIDC_ADMIN_ROLES;
  const sales = env.SENDER_OIDC_SALES_ROLES;
  if (env.SENDER_OIDC_ROLE_CLAIM === undefined) {
    for (const [path, values] of [
      ['SENDER_OIDC_ADMIN_ROLES', admin],
      ['SENDER_OIDC_SALES_ROLES', sales],
    ] as const)
      if (values.length > 0)
        problems.push({ path, message: 'is used only with SENDER_OIDC_ROLE_CLAIM=roles' });
    return problems;
  }
  if (admin.length === 0 && sales.length === 0)
    problems.push({
      path: 'SENDER_OIDC_ROLE_CLAIM',
      message:
        'needs SENDER_OIDC_ADMIN_ROLES and/or SENDER_OIDC_SALES_ROLES: the app role values that give each sender role',
    });
  for (const [path, values] of [
    ['SENDER_OIDC_ADMIN_ROLES', admin],
    ['SENDER_OIDC_SALES_ROLES', sales],
  ] as const) {
    const bad = values.findIndex((v) => !APP_ROLE_VALUE.test(v));
    if (bad !== -1)
      problems.push({
        path,
        message: `must be app role values, comma-separated (e.g. Sender.Admin): entry ${bad + 1} is not one`,
      });
  }
  const both = admin.find((v) => sales.includes(v));
  if (both !== undefined)
    problems.push({
      path: 'SENDER_OIDC_SALES_ROLES',
      message: `"${both}" is also in SENDER_OIDC_ADMIN_ROLES: give each app role one sender role`,
    });
  return problems;
}

function claimsOf(env: OidcEnv, issuer: URL | undefined): 'entra' | 'standard' {
  if (env.SENDER_OIDC_CLAIMS !== undefined) return env.SENDER_OIDC_CLAIMS;
  return issuer !== undefined && ENTRA_HOSTS.has(issuer.hostname) ? 'entra' : 'standard';
}

/** The settings, once oidcProblems found nothing; undefined when OIDC is not configured. */
export function oidcSettings(env: OidcEnv): OidcSettings | undefined {
  if (
    env.SENDER_OIDC_ISSUER === undefined ||
    env.SENDER_OIDC_CLIENT_ID === undefined ||
    env.SENDER_OIDC_CLIENT_SECRET === undefined ||
    env.SENDER_PUBLIC_URL === undefined
  )
    return undefined;
  const issuer = new URL(env.SENDER_OIDC_ISSUER);
  return {
    issuer,
    clientId: env.SENDER_OIDC_CLIENT_ID,
    clientSecret: env.SENDER_OIDC_CLIENT_SECRET,
    redirectUri: `${new URL(env.SENDER_PUBLIC_URL).origin}/auth/oidc/callback`,
    claims: claimsOf(env, issuer),
    allowedTenants: env.SENDER_OIDC_ALLOWED_TENANTS,
    allowedDomains: env.SENDER_OIDC_ALLOWED_DOMAINS,
    autoRole: env.SENDER_OIDC_AUTO_ROLE,
    insecureLoopback: issuer.protocol === 'http:',
    roles:
      env.SENDER_OIDC_ROLE_CLAIM === undefined
        ? undefined
        : {
            claim: env.SENDER_OIDC_ROLE_CLAIM,
            admin: env.SENDER_OIDC_ADMIN_ROLES,
            sales: env.SENDER_OIDC_SALES_ROLES,
          },
  };
}
