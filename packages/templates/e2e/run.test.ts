import { describe, expect, it } from 'vitest';
import { processGroupAlive } from '@csp-enablement/testkit/child';
import { cleanEnv, mustRun, run } from './run.js';

describe('commands the rehearsal runs', () => {
  it('do not inherit the outer pnpm run registry, which would publish to the public registry', async () => {
    process.env.npm_config_registry = 'https://registry.example.invalid/';
    try {
      expect(cleanEnv().npm_config_registry).toBeUndefined();
      const seen = await mustRun(
        'node',
        ['-e', 'process.stdout.write(String(process.env.npm_config_registry))'],
        { cwd: process.cwd() },
      );
      expect(seen).toBe('undefined');
    } finally {
      delete process.env.npm_config_registry;
    }
  });

  it('keep what decides how the network is reached and whom it trusts', () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/proxy-ca.pem',
      HTTPS_PROXY: 'http://proxy.invalid:3128',
      npm_config_cafile: '/etc/ssl/certs/proxy-ca.pem',
      npm_config_https_proxy: 'http://proxy.invalid:3128',
    });
    try {
      expect(cleanEnv()).toMatchObject({
        NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/proxy-ca.pem',
        HTTPS_PROXY: 'http://proxy.invalid:3128',
        npm_config_cafile: '/etc/ssl/certs/proxy-ca.pem',
        npm_config_https_proxy: 'http://proxy.invalid:3128',
      });
    } finally {
      process.env = saved;
    }
  });

  it('end at their deadline with their output, and leave nothing running', async () => {
    const result = await run('sh', ['-c', 'echo fetching; sleep 60 & sleep 60'], {
      cwd: process.cwd(),
      timeoutMs: 300,
    });
    expect(result).toMatchObject({ timedOut: true, stdout: 'fetching\n' });
    expect(processGroupAlive(result.pgid)).toBe(false);
    await expect(
      mustRun('sh', ['-c', 'echo fetching; sleep 60'], { cwd: process.cwd(), timeoutMs: 300 }),
    ).rejects.toThrow(
      /timed out after 0.3 s; its process group was killed\n--- stdout ---\nfetching/,
    );
  });
});
