import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { docsLoader, i18nLoader } from '@astrojs/starlight/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { changelogLoader } from './lib/changelog-loader.ts';

export const collections = {
  docs: defineCollection({
    loader: docsLoader(),
    schema: docsSchema({
      extend: z.object({
        // Every page needs a meta description (search engines, Lighthouse SEO).
        description: z.string().min(50).max(200),
        /** Ingram Micro IM Cloud Knowledge Base reference number, shown under the title. */
        reference: z
          .string()
          .regex(/^AA-\d{5}$/, 'must be a knowledge-base reference such as "AA-06184"')
          .optional(),
      }),
    }),
  }),
  // Starlight's and Pagefind's UI strings: src/content/i18n/<lang>.json fills what
  // Starlight lacks in a language (search results) and uses the site's register (Sie, usted, Lei).
  i18n: defineCollection({ loader: i18nLoader(), schema: i18nSchema() }),
  // The templates package's CHANGELOG.md, read at build time.
  changelog: defineCollection({
    loader: changelogLoader(),
    schema: z.object({ source: z.string() }),
  }),
};
