import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Loader } from 'astro/loaders';

/** Where the templates package keeps its changesets-written changelog. */
export function changelogPath(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@csp-enablement/templates/package.json')), 'CHANGELOG.md');
}

/**
 * The changelog as changesets writes it starts with `# <package name>`; the
 * page has its own title, so that first heading is dropped.
 */
export function changelogBody(markdown: string): string {
  return markdown.replace(/^\uFEFF?#\s[^\n]*\n+/, '');
}

/**
 * Loads the templates package's CHANGELOG.md as one entry, rendered with the
 * site's Markdown pipeline. It is read on every build (and watched in dev), so
 * the page never shows a stale copy.
 */
export function changelogLoader(): Loader {
  return {
    name: 'csp-templates-changelog',
    load: async (context) => {
      const path = changelogPath();
      const sync = async (): Promise<void> => {
        const markdown = await readFile(path, 'utf8');
        const body = changelogBody(markdown);
        const digest = context.generateDigest(markdown);
        const data = await context.parseData({
          id: 'templates',
          data: { source: '@csp-enablement/templates/CHANGELOG.md' },
          filePath: path,
        });
        context.store.clear();
        context.store.set({
          id: 'templates',
          data,
          body,
          digest,
          rendered: await context.renderMarkdown(body),
        });
      };
      await sync();
      context.watcher?.add(path);
      context.watcher?.on('change', (changed) => {
        if (changed === path) void sync();
      });
    },
  };
}
