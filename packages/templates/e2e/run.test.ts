import { describe, expect, it } from 'vitest';
import { cleanEnv, mustRun } from './run.js';

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
});
