/**
 * The sidebar, in every language: Starlight's config (astro.config.ts), and the
 * benchmark's vanilla Starlight build (bench/vanilla.ts), which has the same
 * navigation. A module of its own, so plain Node can load it.
 */
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
    },
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
        },
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
    },
    items: [
      { slug: 'country-marketplaces' },
      { slug: 'email-gallery' },
      { slug: 'template-changelog' },
    ],
  },
];
