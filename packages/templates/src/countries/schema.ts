import { z } from 'zod';

/**
 * Where a registry value comes from. `verified` values were confirmed from a
 * public source; `placeholder` values are stand-ins that must never reach a
 * real recipient (the sender refuses them).
 */
export const provenanceSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('verified'), source: z.string().min(1) }),
  z.object({ status: z.literal('placeholder'), reason: z.string().min(1) }),
]);

const sourced = <T extends z.ZodType>(value: T) =>
  z.object({ value, provenance: provenanceSchema }).strict();

/** Microsoft Partner Center "request reseller relationship" link shape. */
export const INVITATION_URL_PATTERN =
  /^https:\/\/admin\.microsoft\.com\/Adminportal\/Home\?invType=ResellerRelationship&partnerId=[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}&msppId=0&DAP=false#\/BillingAccounts\/partner-invitation$/;

export const SUPPORTED_LANGUAGES = ['en', 'de', 'fr', 'es', 'it', 'nl', 'sv'] as const;
export type Language = (typeof SUPPORTED_LANGUAGES)[number];

export const countryRecordSchema = z
  .object({
    /** ISO 3166-1 alpha-2: the key every API takes. */
    code: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "GB"'),
    /** The Cloud Marketplace's own short code (`uk` for GB). */
    marketplaceCode: z.string().regex(/^[a-z]{2,3}$/, 'must be 2-3 lowercase letters'),
    /** English name, for docs and the sender UI. */
    name: z.string().min(2),
    /** The country's name in its own email language. */
    localName: z.string().min(2),
    /** BCP 47 locale of the emails, e.g. `en-GB`, `es-MX`. */
    locale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'must be a BCP 47 locale such as "en-GB"'),
    marketplaceUrl: sourced(
      z.url({ protocol: /^https$/ }).regex(/^https:\/\/[a-z]{2,3}\.cloud\.im$/, {
        message: 'must be https://<marketplace code>.cloud.im',
      }),
    ),
    invitationUrl: sourced(
      z.string().regex(INVITATION_URL_PATTERN, {
        message:
          "must be Microsoft's reseller-relationship invitation URL with a partner tenant GUID",
      }),
    ),
    senderAddress: sourced(z.email()),
    supportContact: sourced(z.email()),
  })
  .strict()
  .superRefine((record, ctx) => {
    const language = record.locale.slice(0, 2);
    if (!(SUPPORTED_LANGUAGES as readonly string[]).includes(language)) {
      ctx.addIssue({
        code: 'custom',
        path: ['locale'],
        message: `language "${language}" has no translations; supported: ${SUPPORTED_LANGUAGES.join(', ')}`,
      });
    }
    if (!record.locale.endsWith(`-${record.code}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['locale'],
        message: `locale region must be the country code ${record.code}`,
      });
    }
    const expectedHost = `https://${record.marketplaceCode}.cloud.im`;
    if (record.marketplaceUrl.value !== expectedHost) {
      ctx.addIssue({
        code: 'custom',
        path: ['marketplaceUrl', 'value'],
        message: `must be ${expectedHost} for marketplace code "${record.marketplaceCode}"`,
      });
    }
  });

export type CountryRecord = z.infer<typeof countryRecordSchema>;
export type Provenance = z.infer<typeof provenanceSchema>;
export type SourcedValue<T> = { value: T; provenance: Provenance };
