import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { publishTable, TABLES_DIR } from '../src/report.js';

describe('tables for the test output', () => {
  it('are kept under .test-results/tables for pnpm test to print', () => {
    const dir = mkdtempSync(join(tmpdir(), 'testkit-report-'));
    try {
      publishTable('exactly-once', '  delivered  1200\n', dir);
      expect(readFileSync(join(dir, TABLES_DIR, 'exactly-once.txt'), 'utf8')).toBe(
        'delivered  1200\n',
      );
      expect(() => {
        publishTable('../escape', 'x', dir);
      }).toThrow(/kebab-case/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
