import { isSiteLanguage, type SiteLanguage } from './locales.ts';

/**
 * The language of the page being rendered, as Starlight resolved it from the
 * URL (`/de/…` → `de`). A page outside the site's languages is a bug: it would
 * otherwise be shown in English without anyone noticing.
 */
export function pageLanguage(locals: App.Locals): SiteLanguage {
  const { lang } = locals.starlightRoute;
  const base = lang.slice(0, 2);
  if (!isSiteLanguage(base))
    throw new Error(`Page language ${lang} is not one of the site's languages`);
  return base;
}
