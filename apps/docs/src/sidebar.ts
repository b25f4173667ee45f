/**
 * The sidebar, in every language: Starlight's config (astro.config.ts), and the
 * benchmark's vanilla Starlight build (bench/vanilla.ts), which has the same
 * navigation. A module of its own, so plain Node can load it.
 */
import type { SiteLanguage } from './i18n/locales.ts';

/** A label in every language but English: a language without one is a type error. */
type Translations = Readonly<Record<Exclude<SiteLanguage, 'en'>, string>>;

export const sidebar = [
  {
    label: 'Article AA-06184',
    translations: {
      de: 'Artikel AA-06184',
      fr: 'Article AA-06184',
      es: 'Artículo AA-06184',
      it: 'Articolo AA-06184',
      nl: 'Artikel AA-06184',
      sv: 'Artikel AA-06184',
    } satisfies Translations,
    items: [
      {
        label: 'Overview',
        translations: {
          de: 'Überblick',
          fr: 'Vue d’ensemble',
          es: 'Resumen',
          it: 'Panoramica',
          nl: 'Overzicht',
          sv: 'Översikt',
        } satisfies Translations,
        link: '/',
      },
      { slug: 'step-1-send-csp-invitation' },
      { slug: 'step-2-customer-authorization-request' },
      { slug: 'customer-acceptance' },
      { slug: 'troubleshooting' },
    ],
  },
  {
    label: 'Reference',
    translations: {
      de: 'Referenz',
      fr: 'Référence',
      es: 'Referencia',
      it: 'Riferimento',
      nl: 'Naslag',
      sv: 'Referens',
    } satisfies Translations,
    items: [
      { slug: 'country-marketplaces' },
      { slug: 'email-gallery' },
      { slug: 'template-changelog' },
    ],
  },
];
