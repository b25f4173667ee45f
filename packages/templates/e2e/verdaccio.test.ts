import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { processGroupAlive } from '@csp-enablement/testkit/child';
import { startVerdaccio } from './verdaccio.js';

describe('the local Verdaccio', () => {
  it('serves on 127.0.0.1 and leaves no process behind when stopped', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdaccio-'));
    try {
      const registry = await startVerdaccio(dir);
      expect(new URL(registry.url).hostname).toBe('127.0.0.1');
      expect((await fetch(`${registry.url}-/ping`)).ok).toBe(true);
      expect(processGroupAlive(registry.pid)).toBe(true);
      await registry.stop();
      expect(processGroupAlive(registry.pid)).toBe(false);
      await expect(fetch(`${registry.url}-/ping`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
