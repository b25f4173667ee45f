import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from '../languages.js';

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

const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const FRAGMENT = '#\\/(?:BillingAccounts\\/partner-invitation|partners\\/invitation)';

/**
 * The two typical shapes of Microsoft's reseller-relationship invitation link
 * (no Microsoft page documents them; both are seen in public material):
 * - direct: `invType=ResellerRelationship&partnerId=<GUID>` (with `msppId` and `DAP`);
 * - through an indirect provider such as a distributor:
 *   `invType=IndirectResellerRelationship&partnerId=<GUID>&msppId=<id>&indirectCSPId=<GUID>`;
 * each ending `#/BillingAccounts/partner-invitation` or `#/partners/invitation`.
 */
export const INVITATION_URL_PATTERNS = {
  direct: new RegExp(
    `^https://admin\\.microsoft\\.com/Adminportal/Home\\?invType=ResellerRelationship&partnerId=${GUID}(?:&msppId=\\d+)?(?:&DAP=(?:true|false))?${FRAGMENT}$`,
  ),
  indirect: new RegExp(
    `^https://admin\\.microsoft\\.com/Adminportal/Home\\?invType=IndirectResellerRelationship&partnerId=${GUID}&msppId=\\d+&indirectCSPId=${GUID}${FRAGMENT}$`,
  ),
} as const;

export type InvitationForm = keyof typeof INVITATION_URL_PATTERNS;

/** Which of Microsoft's invitation forms a link has, if any. */
export function invitationForm(url: string): InvitationForm | undefined {
  if (INVITATION_URL_PATTERNS.direct.test(url)) return 'direct';
  if (INVITATION_URL_PATTERNS.indirect.test(url)) return 'indirect';
  return undefined;
}

const INVITATION_URL_MESSAGE =
  "must be Microsoft's reseller-relationship invitation URL, " +
  'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=<partner tenant GUID>… ' +
  'or …?invType=IndirectResellerRelationship&partnerId=<GUID>&msppId=<number>&indirectCSPId=<GUID>, ' +
  'ending #/BillingAccounts/partner-invitation or #/partners/invitation';

// The one list of languages lives in ../languages.ts; re-exported for the registry's users.
export { SUPPORTED_LANGUAGES, type Language } from '../languages.js';

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
      z.string().refine((url) => invitationForm(url) !== undefined, {
        message: INVITATION_URL_MESSAGE,
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
