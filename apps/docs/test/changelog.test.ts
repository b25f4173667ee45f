import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { changelogBody, changelogPath } from '../src/lib/changelog-loader.ts';

describe('template changelog', () => {
  it("reads the templates package's own CHANGELOG.md", () => {
    const path = changelogPath();
    expect(path).toMatch(/packages[\\/]templates[\\/]CHANGELOG\.md$/);
    expect(readFileSync(path, 'utf8')).toMatch(/^# @csp-enablement\/templates/);
  });

  it('drops only the leading package-name heading', () => {
    expect(
      changelogBody('# @csp-enablement/templates\n\n## 0.2.0\n\n### Minor Changes\n\n- x\n'),
    ).toBe('## 0.2.0\n\n### Minor Changes\n\n- x\n');
    expect(changelogBody('\uFEFF# pkg\n## 1.0.0\n')).toBe('## 1.0.0\n');
    expect(changelogBody('## 1.0.0\n\n# Not first\n')).toBe('## 1.0.0\n\n# Not first\n');
  });
});
