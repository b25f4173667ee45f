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

  it('SENDER_TRUST_PROXY: a number of hops or a list of proxy addresses; off by default', () => {
    expect(loadConfig({}, '/x').trustProxy).toBeUndefined();
    expect(loadConfig({ SENDER_TRUST_PROXY: '0' }, '/x').trustProxy).toBeUndefined();
    expect(loadConfig({ SENDER_TRUST_PROXY: '2' }, '/x').trustProxy).toEqual({ hops: 2 });
    expect(loadConfig({ SENDER_TRUST_PROXY: '10.0.0.5, ::1' }, '/x').trustProxy).toEqual({
      addresses: ['10.0.0.5', '::1'],
    });
    for (const bad of ['11', 'yes', '10.0.0.5,proxy.internal'])
      expect(problems({ SENDER_TRUST_PROXY: bad })[0]).toMatch(/^SENDER_TRUST_PROXY: must be/);
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
