/**
 * Tables a test wants a person to read in `pnpm test`'s output (an exactly-once
 * trial's counts, refused/tried per group). Turborepo shows only failing tasks' logs,
 * so a table is also written to `.test-results/tables/<name>.txt` of the workspace,
 * which `pnpm test` prints before its closing line (and turbo restores on a cache hit).
 *
 * Erasable TypeScript only: the root scripts may import this file on Node 24 directly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where tables are written, relative to the workspace the tests run in. */
export const TABLES_DIR = join('.test-results', 'tables');

/** Prints a table and keeps it for `pnpm test`'s summary. */
export function publishTable(name: string, text: string, cwd: string = process.cwd()): void {
  if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`table name "${name}" must be kebab-case`);
  const dir = join(cwd, TABLES_DIR);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.txt`), `${text.trim()}\n`);
  console.log(`\n${text.trim()}\n`);
}
