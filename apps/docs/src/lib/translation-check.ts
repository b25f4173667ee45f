/**
 * A missing translation fails the build. Starlight shows the English page
 * wherever a translation is missing; here every English page must have its
 * counterpart in each language (and no language may have a page English lacks),
 * and every UI string must exist in every language.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { AstroIntegration } from 'astro';
import { TRANSLATED_LANGUAGES } from '../i18n/locales.ts';
import { missingUiStrings } from '../i18n/ui.ts';

function contentFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.mdx?$/.test(entry.name))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'));
}

/** Every problem with the translations of the pages under `docsDir`, one line each. */
export function pageTranslationProblems(
  docsDir: string,
  languages: readonly string[] = TRANSLATED_LANGUAGES,
): string[] {
  const all = contentFiles(docsDir);
  const isTranslated = (file: string): boolean =>
    languages.some((lang) => file.startsWith(`${lang}/`));
  const english = all.filter((file) => !isTranslated(file));
  const problems: string[] = [];
  for (const lang of languages) {
    const translated = new Set(contentFiles(join(docsDir, lang)));
    for (const file of english) {
      if (!translated.has(file)) problems.push(`${lang}/${file} is missing (English: ${file})`);
      else if (
        readFileSync(join(docsDir, lang, file), 'utf8') ===
        readFileSync(join(docsDir, file), 'utf8')
      )
        problems.push(`${lang}/${file} is a copy of the English page, not a translation`);
    }
    for (const file of translated)
      if (!english.includes(file)) problems.push(`${lang}/${file} has no English page ${file}`);
  }
  return problems;
}

/** Fails `astro build` (and `astro dev`) on any missing translation. */
export function translationCheck(docsDir: string): AstroIntegration {
  return {
    name: 'csp-translation-check',
    hooks: {
      'astro:config:setup': () => {
        const problems = [
          ...pageTranslationProblems(docsDir),
          ...missingUiStrings().map((key) => `UI string ${key} is missing`),
        ];
        if (problems.length > 0)
          throw new Error(
            `Missing translations (the site must not fall back to English):\n  ${problems.join('\n  ')}`,
          );
      },
    },
  };
}
