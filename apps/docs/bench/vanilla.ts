/**
 * The benchmark's reference: vanilla Starlight, built in the same run, with the
 * same locales, the same sidebar and the same words on every page, and nothing
 * of ours (no component, override, custom CSS or plugin). Each page of the
 * built site becomes a Markdown page of the vanilla site at the same path, in
 * the same language: its title, its description, and the text of its content,
 * block by block (headings stay headings). Comparing the two first loads then
 * measures what our components, styles and scripts add.
 *
 * The vanilla project lives in a temporary directory inside this package
 * (`bench-vanilla-*`, git-ignored, removed afterwards), so it builds with the
 * installed astro and Starlight: from a directory outside the workspace, Vite
 * mislocates Starlight's files behind pnpm's links.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mustRunCommand } from '@csp-enablement/testkit/child';
import { HTMLElement, parse, TextNode, type Node } from 'node-html-parser';
import { distDir } from '../scripts/server.ts';
import { starlightLocales } from '../src/i18n/locales.ts';
import { sidebar } from '../src/sidebar.ts';

const docsDir = fileURLToPath(new URL('../', import.meta.url));
/** Elements whose own text is one block of the vanilla page. */
const BLOCKS = new Set([
  'h1',
  'h2',
  'h3',
  'h4',
  'p',
  'li',
  'dt',
  'dd',
  'th',
  'td',
  'caption',
  'figcaption',
  'summary',
  'pre',
  'blockquote',
  'text',
  'desc',
  'title',
]);
const SKIP = new Set(['script', 'style', 'template', 'iframe', 'button']);

export interface PageText {
  lang: string;
  title: string;
  description: string;
  /** Content blocks in order; `## …` and `### …` for headings. */
  blocks: string[];
}

const clean = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The text of a built page, block by block, as a reader reads it. */
export function pageText(html: string): PageText {
  const doc = parse(html);
  const root = doc.querySelector('main .sl-markdown-content') ?? doc.querySelector('main');
  const blocks: string[] = [];
  const walk = (element: HTMLElement): void => {
    let own = '';
    const inner = (node: Node): void => {
      for (const child of node.childNodes) {
        if (child instanceof TextNode) own += child.text;
        else if (child instanceof HTMLElement) {
          const el = child;
          const tag = el.rawTagName.toLowerCase();
          if (SKIP.has(tag)) continue;
          if (BLOCKS.has(tag)) {
            flush(element);
            walk(el);
          } else inner(el);
        }
      }
    };
    const flush = (block: HTMLElement): void => {
      const text = clean(own);
      own = '';
      if (!text || !BLOCKS.has(block.rawTagName.toLowerCase())) return;
      const tag = block.rawTagName.toLowerCase();
      blocks.push(
        tag === 'h2' ? `## ${text}` : tag === 'h3' || tag === 'h4' ? `### ${text}` : text,
      );
    };
    inner(element);
    flush(element);
  };
  if (root) walk(root);
  return {
    lang: doc.querySelector('html')?.getAttribute('lang') ?? 'en',
    title: clean(doc.querySelector('h1')?.text ?? ''),
    description: doc.querySelector('meta[name="description"]')?.getAttribute('content') ?? '',
    blocks,
  };
}

/** Markdown that shows text as it is: no emphasis, link, HTML or heading made by accident. */
const escapeMarkdown = (text: string): string =>
  text.replace(/[\\`*_[\]<>&|{}]/g, (c) => `\\${c}`).replace(/^([#>+\-=]|\d+\.)/, '\\$1');

export function pageMarkdown(page: PageText): string {
  const body = page.blocks.map((block) => {
    const heading = /^(#{2,3}) (.*)$/.exec(block);
    return heading
      ? `${heading[1] ?? '##'} ${escapeMarkdown(heading[2] ?? '')}`
      : escapeMarkdown(block);
  });
  return [
    '---',
    // JSON strings are valid YAML scalars.
    `title: ${JSON.stringify(page.title)}`,
    `description: ${JSON.stringify(page.description)}`,
    '---',
    '',
    ...body.flatMap((b) => [b, '']),
  ].join('\n');
}

/** The content file of a built page's path: `/de/troubleshooting/` → `de/troubleshooting.md`. */
export function contentFileFor(path: string): string {
  if (path === '/404.html') return '404.md';
  const trimmed = path.replace(/^\/|\/$/g, '');
  if (trimmed === '') return 'index.md';
  const parts = trimmed.split('/');
  // A language's home page is its index: `/de/` → `de/index.md`.
  return parts.length === 1 && parts[0] && parts[0] in starlightLocales
    ? `${trimmed}/index.md`
    : `${trimmed}.md`;
}

export interface VanillaSite {
  dist: string;
  pages: number;
  remove(): void;
}

/** Builds vanilla Starlight with the text of every page of our built site (`paths`). */
export async function buildVanillaStarlight(paths: readonly string[]): Promise<VanillaSite> {
  const dir = mkdtempSync(join(docsDir, 'bench-vanilla-'));
  try {
    // Astro bundles (rather than imports) the packages its project depends on
    // that ship .astro files, Starlight among them: they must be listed here.
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ type: 'module', private: true, dependencies: { astro: '*', '@astrojs/starlight': '*' } })}\n`,
    );
    writeFileSync(
      join(dir, 'astro.config.mjs'),
      [
        "import starlight from '@astrojs/starlight';",
        "import { defineConfig } from 'astro/config';",
        'export default defineConfig({',
        `  site: ${JSON.stringify(process.env.DOCS_SITE_URL ?? 'http://localhost:4321')},`,
        "  trailingSlash: 'always',",
        '  integrations: [',
        '    starlight({',
        "      title: 'CSP Enablement Kit',",
        "      defaultLocale: 'root',",
        `      locales: ${JSON.stringify(starlightLocales)},`,
        '      lastUpdated: false,',
        '      pagination: true,',
        `      sidebar: ${JSON.stringify(sidebar)},`,
        '    }),',
        '  ],',
        '});',
        '',
      ].join('\n'),
    );
    mkdirSync(join(dir, 'src'), { recursive: true });
    writeFileSync(
      join(dir, 'src', 'content.config.ts'),
      [
        "import { defineCollection } from 'astro:content';",
        "import { docsLoader } from '@astrojs/starlight/loaders';",
        "import { docsSchema } from '@astrojs/starlight/schema';",
        'export const collections = { docs: defineCollection({ loader: docsLoader(), schema: docsSchema() }) };',
        '',
      ].join('\n'),
    );
    for (const path of paths) {
      const file = join(dir, 'src', 'content', 'docs', contentFileFor(path));
      const builtFile = join(distDir, path.endsWith('/') ? `${path}index.html` : path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, pageMarkdown(pageText(readFileSync(builtFile, 'utf8'))));
    }
    await mustRunCommand(
      process.execPath,
      [join(docsDir, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build', '--root', dir],
      { cwd: dir, timeoutMs: 600_000 },
    );
    return {
      dist: join(dir, 'dist'),
      pages: paths.length,
      remove: () => {
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
