import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

const problems = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env, '/work');
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  return [];
};

describe('configuration', () => {
  it('runs on defaults: outbox under ./.sender-data, 127.0.0.1:8787', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.dataDir).toBe('/srv/app/.sender-data');
    expect(config.resend).toBeUndefined();
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(8787);
    expect(config.allowPlaceholders).toBe(false);
  });

  it('selects Resend when RESEND_API_KEY is set', () => {
    const config = loadConfig(
      { RESEND_API_KEY: 're_123', RESEND_BASE_URL: 'http://127.0.0.1:9999/' },
      '/x',
    );
    expect(config.resend).toEqual({ apiKey: 're_123', baseUrl: 'http://127.0.0.1:9999' });
    expect(loadConfig({ RESEND_API_KEY: 're_123' }, '/x').resend?.baseUrl).toBe(
      'https://api.resend.com',
    );
  });

  it('names every bad variable, never echoing its value', () => {
    const list = problems({
      PORT: 'eighty',
      RESEND_BASE_URL: 'ftp://x',
      SENDER_MAX_ATTEMPTS: '0',
      RESEND_API_KEY: 're secret value',
    });
    expect(list.join('\n')).toMatch(/^PORT: /m);
    expect(list.join('\n')).toMatch(/^RESEND_BASE_URL: /m);
    expect(list.join('\n')).toMatch(/^SENDER_MAX_ATTEMPTS: /m);
    expect(list.join('\n')).toMatch(/^RESEND_API_KEY: /m);
    expect(list.join('\n')).not.toContain('secret');
  });

  it('SENDER_LEASE_MS: 30 s by default, set in ms, a value under 1 s named', () => {
    expect(loadConfig({}, '/work').leaseMs).toBe(30_000);
    expect(loadConfig({ SENDER_LEASE_MS: '3000' }, '/work').leaseMs).toBe(3_000);
    expect(problems({ SENDER_LEASE_MS: '200' }).join('\n')).toMatch(/^SENDER_LEASE_MS: /m);
  });

  it('issue 17: SENDER_STEP1_FROM must be an address, and a bad one is named', () => {
    expect(problems({ SENDER_STEP1_FROM: 'not an address' }).join()).toMatch(
      /^SENDER_STEP1_FROM: must be an email address/,
    );
    expect(loadConfig({ SENDER_STEP1_FROM: 'cloud.sales@ingrammicro.com' }).step1From).toBe(
      'cloud.sales@ingrammicro.com',
    );
    expect(loadConfig({}).step1From).toBeUndefined();
  });

  it('accepts SENDER_ALLOW_PLACEHOLDERS only with a loopback RESEND_BASE_URL', () => {
    expect(problems({ RESEND_API_KEY: 're_1', SENDER_ALLOW_PLACEHOLDERS: '1' }).join()).toMatch(
      /SENDER_ALLOW_PLACEHOLDERS: .*loopback/,
    );
    expect(
      problems({
        RESEND_API_KEY: 're_1',
        SENDER_ALLOW_PLACEHOLDERS: '1',
        RESEND_BASE_URL: 'https://api.resend.com',
      }).join(),
    ).toMatch(/SENDER_ALLOW_PLACEHOLDERS/);
    expect(
      loadConfig({
        RESEND_API_KEY: 're_1',
        SENDER_ALLOW_PLACEHOLDERS: '1',
        RESEND_BASE_URL: 'http://127.0.0.1:4010',
      }).allowPlaceholders,
    ).toBe(true);
    expect(problems({ SENDER_ALLOW_PLACEHOLDERS: 'yes' }).join()).toMatch(
      /SENDER_ALLOW_PLACEHOLDERS/,
    );
  });

  it('HOST: [::1] is accepted as the IPv6 loopback; nonsense is named', () => {
    expect(loadConfig({ HOST: '[::1]' }, '/x').host).toBe('::1');
    expect(loadConfig({ HOST: '::1' }, '/x').host).toBe('::1');
    expect(loadConfig({ HOST: 'sender.internal' }, '/x').host).toBe('sender.internal');
    expect(problems({ HOST: 'http://x' })).toEqual([
      'HOST: must be a host name or an IP address (IPv6 as ::1 or [::1])',
    ]);
  });

  it("SENDER_TRUST_PROXY: the proxies' addresses or CIDRs (IPv4 and IPv6); off by default", () => {
    expect(loadConfig({}, '/x').trustProxy).toBeUndefined();
    expect(loadConfig({ SENDER_TRUST_PROXY: '0' }, '/x').trustProxy).toBeUndefined();
    expect(loadConfig({ SENDER_TRUST_PROXY: '10.0.0.5, ::1' }, '/x').trustProxy).toEqual({
      proxies: ['10.0.0.5', '::1'],
    });
    expect(
      loadConfig({ SENDER_TRUST_PROXY: '10.0.0.0/8,fd00::/8,loopback' }, '/x').trustProxy,
    ).toEqual({ proxies: ['10.0.0.0/8', 'fd00::/8', 'loopback'] });
    for (const bad of ['yes', '10.0.0.5,proxy.internal', '10.0.0.0/33', '0.0.0.0/0'])
      expect(problems({ SENDER_TRUST_PROXY: bad })[0]).toMatch(
        /^SENDER_TRUST_PROXY: must be the proxies' IP addresses or CIDRs.*entry \d is not one$/,
      );
    // Never echoed: the entry is named by its position.
    expect(problems({ SENDER_TRUST_PROXY: '10.0.0.5,proxy.internal' })[0]).toMatch(/entry 2/);
    expect(problems({ SENDER_TRUST_PROXY: '10.0.0.5,proxy.internal' })[0]).not.toMatch(/internal/);
  });

  it('SENDER_TRUST_PROXY: a count (the old form) is a config error saying what to write instead', () => {
    for (const count of ['1', '2', '10', '11']) {
      const [problem] = problems({ SENDER_TRUST_PROXY: count });
      expect(problem).toMatch(/^SENDER_TRUST_PROXY: a count of proxies is no longer accepted/);
      expect(problem).toMatch(/addresses or CIDRs instead.*SENDER_TRUST_PROXY=10\.0\.0\.5/);
    }
  });

  it('DATABASE_URL: a postgres:// or postgresql:// URL selects PostgreSQL; anything else is named, the password never shown', () => {
    expect(loadConfig({}, '/x').databaseUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_URL: '' }, '/x').databaseUrl).toBeUndefined();
    for (const url of [
      'postgres://sender:pw@db.internal:5432/sender',
      'postgresql://sender@127.0.0.1/sender?sslmode=require',
    ])
      expect(loadConfig({ DATABASE_URL: url }, '/x').databaseUrl).toBe(url);
    const [wrongScheme] = problems({ DATABASE_URL: 'mysql://sender:hunter2@db/sender' });
    expect(wrongScheme).toMatch(
      /^DATABASE_URL: must be a PostgreSQL URL starting postgres:\/\/ or postgresql:\/\//,
    );
    const [notUrl] = problems({ DATABASE_URL: 'hunter2@db.internal/sender' });
    expect(notUrl).toMatch(/^DATABASE_URL: is not a URL: write it as postgres:\/\//);
    expect(`${wrongScheme} ${notUrl}`).not.toMatch(/hunter2|mysql/);
  });

  it('SENDER_PUBLIC_URL: kept as an origin; anything but an http(s) URL is named', () => {
    expect(
      loadConfig({ SENDER_PUBLIC_URL: 'https://Sender.Example.com/app/' }, '/x').publicOrigin,
    ).toBe('https://sender.example.com');
    expect(problems({ SENDER_PUBLIC_URL: 'sender.example.com' })[0]).toMatch(
      /^SENDER_PUBLIC_URL: must be the http\(s\) address/,
    );
  });
});
