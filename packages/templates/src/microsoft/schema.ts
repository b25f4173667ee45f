import { z } from 'zod';
import { SUPPORTED_LANGUAGES, type Language } from '../languages.js';

/**
 * Where a statement about Microsoft comes from. `confirmed` carries the page it
 * was read on and the words quoted from it; `unconfirmed` says why it could not
 * be confirmed. Nothing in between: a statement without a quote is unconfirmed.
 */
export const microsoftSourceSchema = z
  .object({
    /** The page that says it (Microsoft's own documentation wherever possible). */
    url: z.url({ protocol: /^https$/ }),
    title: z.string().min(3),
    /** The words on that page, verbatim. */
    quote: z.string().min(3),
    /** How the quote was checked, e.g. on which copy of the page it was read. */
    checked: z.string().min(3),
  })
  .strict();

export const microsoftProvenanceSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('confirmed'), source: microsoftSourceSchema }).strict(),
  z
    .object({
      status: z.literal('unconfirmed'),
      reason: z.string().min(3),
      /** The page where it should be confirmed, when there is one. */
      lookedAt: z
        .object({ url: z.url({ protocol: /^https$/ }), title: z.string().min(3) })
        .strict()
        .optional(),
    })
    .strict(),
]);

/** A Microsoft UI label (a page title, button, role or product name) in one language. */
export const microsoftLabelSchema = z
  .object({ text: z.string().min(2), provenance: microsoftProvenanceSchema })
  .strict()
  .superRefine((label, ctx) => {
    // A confirmed label is one its quote actually contains.
    if (
      label.provenance.status === 'confirmed' &&
      !label.provenance.source.quote.toLowerCase().includes(label.text.toLowerCase())
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['provenance', 'source', 'quote'],
        message: `the quote does not contain the label "${label.text}"`,
      });
    }
  });

/** The labels the emails and the site name, per language. */
export const MICROSOFT_LABEL_KEYS = [
  'globalAdministrator',
  'billingAdministrator',
  'adminCenter',
  'acceptAgreementPage',
  'customerAgreement',
  'acceptAndAuthorizeButton',
  'partnerRelationshipsPath',
] as const;
export type MicrosoftLabelKey = (typeof MICROSOFT_LABEL_KEYS)[number];

const labelSet = z
  .object(
    Object.fromEntries(MICROSOFT_LABEL_KEYS.map((key) => [key, microsoftLabelSchema])) as Record<
      MicrosoftLabelKey,
      typeof microsoftLabelSchema
    >,
  )
  .strict();

export const microsoftLabelsSchema = z
  .object(
    Object.fromEntries(SUPPORTED_LANGUAGES.map((language) => [language, labelSet])) as Record<
      (typeof SUPPORTED_LANGUAGES)[number],
      typeof labelSet
    >,
  )
  .strict()
  .superRefine((labels, ctx) => {
    // English is the reference shown beside unconfirmed translations.
    for (const key of MICROSOFT_LABEL_KEYS) {
      if (labels.en[key].text.includes('(')) {
        ctx.addIssue({ code: 'custom', path: ['en', key, 'text'], message: 'no parentheses' });
      }
    }
  });

/** Partner Center's own labels, which the reseller reads in English on the site. */
export const PARTNER_CENTER_LABEL_KEYS = [
  'customersWorkspace',
  'requestResellerRelationship',
] as const;
export type PartnerCenterLabelKey = (typeof PARTNER_CENTER_LABEL_KEYS)[number];

export const partnerCenterLabelsSchema = z
  .object(
    Object.fromEntries(
      PARTNER_CENTER_LABEL_KEYS.map((key) => [key, microsoftLabelSchema]),
    ) as Record<PartnerCenterLabelKey, typeof microsoftLabelSchema>,
  )
  .strict();

/** Every language but English, in which a fact's statement is translated. */
export const TRANSLATED_LANGUAGES = SUPPORTED_LANGUAGES.filter(
  (language): language is Exclude<Language, 'en'> => language !== 'en',
);

const factTranslations = z
  .object(
    Object.fromEntries(
      TRANSLATED_LANGUAGES.map((language) => [language, z.string().min(10)]),
    ) as Record<Exclude<Language, 'en'>, z.ZodString>,
  )
  .strict();

/** A fact about Microsoft that the site or the emails state, in the words the site uses. */
export const microsoftFactSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-zA-Z0-9]+$/, 'must be a camelCase id'),
    /** The sentence as the site states it (English). */
    statement: z.string().min(10),
    /**
     * The same sentence in every other language: a translated page states the
     * fact in its own language (the quote in the provenance stays as read).
     */
    translations: factTranslations,
    provenance: microsoftProvenanceSchema,
  })
  .strict()
  .superRefine((fact, ctx) => {
    // `{key}` stands for a Microsoft label: it must name one, in every language.
    for (const [language, text] of [['en', fact.statement], ...Object.entries(fact.translations)]) {
      for (const [, key] of text?.matchAll(/\{(\w+)\}/g) ?? []) {
        if (!(MICROSOFT_LABEL_KEYS as readonly string[]).includes(key ?? ''))
          ctx.addIssue({
            code: 'custom',
            path: [language === 'en' ? 'statement' : `translations.${language ?? ''}`],
            message: `{${key ?? ''}} is not a Microsoft label key (${MICROSOFT_LABEL_KEYS.join(', ')})`,
          });
      }
    }
  });

export type MicrosoftSource = z.infer<typeof microsoftSourceSchema>;
export type MicrosoftProvenance = z.infer<typeof microsoftProvenanceSchema>;
export type MicrosoftLabel = z.infer<typeof microsoftLabelSchema>;
export type MicrosoftLabels = z.infer<typeof microsoftLabelsSchema>;
export type PartnerCenterLabels = z.infer<typeof partnerCenterLabelsSchema>;
export type MicrosoftFact = z.infer<typeof microsoftFactSchema>;
