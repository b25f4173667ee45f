/**
 * axe-core run in a page of the one browser, the way every browser test checks
 * accessibility.
 *
 * Why not @axe-core/playwright's AxeBuilder: for each analysis it sends axe's 550 KB
 * source to the page at least twice, and (by default) opens a second, blank page to
 * merge the per-frame results. Measured on the docs site (2 cores, loaded): 2.6–4.5 s
 * a page against 0.9 s for the same axe-core run here, with the same rules and the
 * same violations. Here axe is loaded once per document and `axe.run` (axe-core's own
 * API) runs in the page.
 *
 * Frames: axe is not run inside frames. A frame that is not excluded would go
 * unchecked, so it is an error naming the frame, never a silent skip (the sites' only
 * frames are sandboxed emails, which run no script, so no axe could run in them
 * anyway; they are checked as documents of their own).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
let source: string | undefined;
const axeSource = (): string =>
  (source ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

export interface AxeCheck {
  /** CSS selectors of parts axe leaves out (each frame must be one of them). */
  exclude?: readonly string[];
  /** Only the rules with these tags (axe's `runOnly`); every default rule without. */
  tags?: readonly string[];
}

/** One violation: the rule, its impact, and the elements (CSS selectors). */
export interface AxeViolation {
  id: string;
  impact: string;
  targets: string[];
}

interface AxeGlobal {
  run: (
    context: { exclude: string[][] } | Document,
    options: Record<string, unknown>,
  ) => Promise<{
    violations: { id: string; impact?: string | null; nodes: { target: unknown[] }[] }[];
  }>;
}

/** The violations axe finds in the page as it is now (theme, size, open parts). */
export async function axeViolations(page: Page, check: AxeCheck = {}): Promise<AxeViolation[]> {
  const exclude = [...(check.exclude ?? [])];
  const unchecked = await page.evaluate(
    (selectors) =>
      [...document.querySelectorAll('iframe, frame, object, embed')]
        .filter((frame) => !selectors.some((s) => frame.matches(s)))
        .map((frame) => frame.outerHTML.slice(0, 120)),
    exclude,
  );
  if (unchecked.length > 0)
    throw new Error(`axe cannot check inside these frames; exclude them: ${unchecked.join(' | ')}`);
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource());
  const tags = check.tags ? [...check.tags] : undefined;
  return page.evaluate(
    async ({ exclude, tags }) => {
      const axe = (window as unknown as { axe: AxeGlobal }).axe;
      const results = await axe.run(
        exclude.length > 0 ? { exclude: exclude.map((s) => [s]) } : document,
        {
          ...(tags ? { runOnly: { type: 'tag', values: tags } } : {}),
          // Only violations are read: passes are not collected node by node.
          resultTypes: ['violations'],
          iframes: false,
        },
      );
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact ?? '?',
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      }));
    },
    { exclude, tags },
  );
}
