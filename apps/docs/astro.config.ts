import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import starlightLinksValidator from 'starlight-links-validator';
import { starlightLocales } from './src/i18n/locales.ts';
import { sidebar } from './src/sidebar.ts';
import { translationCheck } from './src/lib/translation-check.ts';

/**
 * The public address of the site: canonical links, the sitemap and Open Graph
 * tags are built from it. Override with DOCS_SITE_URL when deploying elsewhere.
 */
const site = process.env.DOCS_SITE_URL ?? 'http://localhost:4321';

/**
 * Starlight's own components (Steps, Tabs, Aside…), imported one by one rather
 * than through the `@astrojs/starlight/components` barrel: through the barrel,
 * the styles of every one of them used on any page are added to every page
 * (about 1 KB gzip), which the page budget (1.1× vanilla Starlight) cannot afford. The folder sits
 * next to the barrel; test/starlight-components.test.ts checks it is there.
 */
export const starlightUserComponents = join(
  dirname(fileURLToPath(import.meta.resolve('@astrojs/starlight/components'))),
  'user-components',
);

export default defineConfig({
  site,
  trailingSlash: 'always',
  vite: {
    resolve: { alias: { 'starlight-user-components': starlightUserComponents } },
    // Rendered in Node at build time, as published: the package finds its own
    // package.json and files next to its modules, so it must not be bundled.
    ssr: { external: ['@csp-enablement/templates'] },
    environments: { prerender: { resolve: { external: ['@csp-enablement/templates'] } } },
  },
  integrations: [
    // Before Starlight: a missing translation fails the build instead of falling back to English.
    translationCheck(fileURLToPath(new URL('./src/content/docs/', import.meta.url))),
    starlight({
      title: 'CSP Enablement Kit',
      description:
        'How resellers enable Ingram Micro as the Microsoft CSP partner on a customer tenant (knowledge-base article AA-06184).',
      // English at the root, and the six other languages of the emails under /de/, /fr/ …
      defaultLocale: 'root',
      locales: starlightLocales,
      customCss: ['./src/styles/custom.css'],
      components: {
        PageTitle: './src/components/PageTitle.astro',
        Footer: './src/components/Footer.astro',
      },
      lastUpdated: false,
      pagination: true,
      sidebar,
      plugins: [
        // Fails the build on any broken internal link or anchor in the content.
        starlightLinksValidator({ errorOnLocalLinks: true }),
      ],
    }),
  ],
});
