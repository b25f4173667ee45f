import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mustRun, run } from './run.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const bin = (name: string) => join(packageDir, 'node_modules', '.bin', name);
let workDir = '';
let tarball = '';

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'templates-pack-'));
  await mustRun('pnpm', ['pack', '--pack-destination', workDir], { cwd: packageDir });
  const file = readdirSync(workDir).find((f) => f.endsWith('.tgz'));
  if (!file) throw new Error(`pnpm pack wrote no tarball into ${workDir}`);
  tarball = join(workDir, file);
});
afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('the packed @csp-enablement/templates', () => {
  it('passes publint (strict)', async () => {
    const result = await run(bin('publint'), ['run', tarball, '--strict'], { cwd: workDir });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('passes Are the Types Wrong for an ESM-only package', async () => {
    const result = await run(bin('attw'), [tarball, '--profile', 'esm-only', '--format', 'ascii'], {
      cwd: workDir,
    });
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('holds only what consumers need, pre-rendered emails, README and LICENSE included', async () => {
    const listing = await mustRun('tar', ['-tzf', tarball], { cwd: workDir });
    const files = listing
      .split('\n')
      .filter(Boolean)
      .map((f) => f.replace(/^package\//, ''));
    expect(files).toEqual(
      expect.arrayContaining([
        'package.json',
        'dist/index.js',
        'dist/index.d.ts',
        'templates.lock.json',
        'CHANGELOG.md',
        'README.md',
        'LICENSE',
        'dist/emails/index.json',
        'dist/emails/reseller-invitation/GB.html',
        'dist/emails/customer-authorization-request/MX.txt',
        'dist/emails/customer-authorization-request/SE.json',
      ]),
    );
    const unwanted = files.filter((f) =>
      /^(src|test|e2e|dist\/scripts)\/|tsconfig|vitest|released\.lock/.test(f),
    );
    expect(unwanted).toEqual([]);
  });
});
