/** The SENDER_OIDC_* and SENDER_LOCAL_PASSWORDS variables: each problem named, values never echoed. */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const TENANT = '11111111-1111-4111-8111-111111111111';
const ENTRA = {
  SENDER_PUBLIC_URL: 'https://sender.example.com',
  SENDER_OIDC_ISSUER: `https://login.microsoftonline.com/${TENANT}/v2.0`,
  SENDER_OIDC_CLIENT_ID: '00000000-aaaa-4bbb-8ccc-000000000000',
  SENDER_OIDC_CLIENT_SECRET: 'very secret value',
  SENDER_OIDC_ALLOWED_TENANTS: TENANT,
};

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, '/work');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
};

describe('Sign in with Microsoft configuration', () => {
  it('off by default: local passwords only', () => {
    const config = loadConfig({}, '/x');
    expect([config.oidc, config.localPasswords]).toEqual([undefined, true]);
  });

  it('Entra ID: the redirect URL comes from SENDER_PUBLIC_URL; tid + oid claims by the issuer host', () => {
    const config = loadConfig({ ...ENTRA, SENDER_LOCAL_PASSWORDS: 'off' }, '/x');
    expect(config.oidc?.redirectUri).toBe('https://sender.example.com/auth/oidc/callback');
    expect(config.oidc?.claims).toBe('entra');
    expect(config.oidc?.allowedTenants).toEqual([TENANT]);
    expect(config.oidc?.autoRole).toBeUndefined();
    expect(config.localPasswords).toBe(false);
  });

  it('names each missing or bad variable, never the secret', () => {
    const list = problems({
      SENDER_OIDC_ISSUER: 'http://login.example.com/v2.0',
      SENDER_OIDC_ALLOWED_TENANTS: 'contoso',
      SENDER_OIDC_ALLOWED_DOMAINS: 'not a domain',
      SENDER_OIDC_CLIENT_SECRET: 'very secret value',
    });
    expect(list.join('\n')).not.toContain('very secret value');
    for (const name of [
      'SENDER_OIDC_CLIENT_ID: is required',
      'SENDER_PUBLIC_URL: is required with SENDER_OIDC_ISSUER',
      'SENDER_OIDC_ISSUER: must be the https issuer URL',
      'SENDER_OIDC_ALLOWED_TENANTS: must be tenant ids (GUIDs), comma-separated: entry 1',
      'SENDER_OIDC_ALLOWED_DOMAINS: must be email domains',
    ])
      expect(list.some((p) => p.startsWith(name))).toBe(true);
  });

  it('Entra ID needs an allow list; auto role needs tenants; passwords off needs OIDC', () => {
    const open: Record<string, string> = { ...ENTRA };
    delete open.SENDER_OIDC_ALLOWED_TENANTS;
    expect(problems(open).join('\n')).toContain('SENDER_OIDC_ALLOWED_TENANTS: name the tenants');
    expect(
      problems({
        ...open,
        SENDER_OIDC_ALLOWED_DOMAINS: 'reseller.example',
        SENDER_OIDC_AUTO_ROLE: 'sales',
      }).join('\n'),
    ).toContain('SENDER_OIDC_AUTO_ROLE: needs SENDER_OIDC_ALLOWED_TENANTS');
    expect(problems({ SENDER_LOCAL_PASSWORDS: 'off' }).join('\n')).toContain(
      'SENDER_LOCAL_PASSWORDS: off needs Sign in with Microsoft configured',
    );
    expect(problems({ SENDER_OIDC_AUTO_ROLE: 'admin' }).join('\n')).toContain(
      'SENDER_OIDC_AUTO_ROLE: must be sales or off',
    );
  });
});

describe('roles from app roles (SENDER_OIDC_ROLE_CLAIM)', () => {
  it('unset: no role mapping, the role never comes from the token', () => {
    expect(loadConfig(ENTRA, '/x').oidc?.roles).toBeUndefined();
  });

  it('roles with a mapping: the exact app role values per sender role', () => {
    const config = loadConfig(
      {
        ...ENTRA,
        SENDER_OIDC_ROLE_CLAIM: 'roles',
        SENDER_OIDC_ADMIN_ROLES: 'Sender.Admin',
        SENDER_OIDC_SALES_ROLES: 'Sender.Sales, Sender.Reseller',
      },
      '/x',
    );
    expect(config.oidc?.roles).toEqual({
      claim: 'roles',
      admin: ['Sender.Admin'],
      sales: ['Sender.Sales', 'Sender.Reseller'],
    });
  });

  it('names each inconsistent setting', () => {
    expect(problems({ ...ENTRA, SENDER_OIDC_ROLE_CLAIM: 'groups' })).toEqual([
      'SENDER_OIDC_ROLE_CLAIM: must be roles (Entra ID app roles) or empty',
    ]);
    expect(problems({ ...ENTRA, SENDER_OIDC_ROLE_CLAIM: 'roles' })).toEqual([
      'SENDER_OIDC_ROLE_CLAIM: needs SENDER_OIDC_ADMIN_ROLES and/or SENDER_OIDC_SALES_ROLES: the app role values that give each sender role',
    ]);
    expect(problems({ ...ENTRA, SENDER_OIDC_ADMIN_ROLES: 'Sender.Admin' })).toEqual([
      'SENDER_OIDC_ADMIN_ROLES: is used only with SENDER_OIDC_ROLE_CLAIM=roles',
    ]);
    expect(
      problems({
        ...ENTRA,
        SENDER_OIDC_ROLE_CLAIM: 'roles',
        SENDER_OIDC_ADMIN_ROLES: 'Sender.Admin,',
        SENDER_OIDC_SALES_ROLES: 'Sender.Admin',
      }),
    ).toEqual([
      'SENDER_OIDC_ADMIN_ROLES: must be app role values, comma-separated (e.g. Sender.Admin): entry 2 is not one',
      'SENDER_OIDC_SALES_ROLES: "Sender.Admin" is also in SENDER_OIDC_ADMIN_ROLES: give each app role one sender role',
    ]);
    expect(problems({ SENDER_OIDC_ROLE_CLAIM: 'roles', SENDER_OIDC_SALES_ROLES: 'S' })).toEqual([
      'SENDER_OIDC_ROLE_CLAIM: needs Sign in with Microsoft configured (SENDER_OIDC_ISSUER, …)',
    ]);
  });
});
