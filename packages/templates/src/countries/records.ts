import type { CountryRecord } from './schema.js';

/*
 * The Ingram Micro Cloud Marketplace countries. Adding a country is one record
 * here (plus a translation file when its language is new); nothing else changes.
 *
 * Sources for `verified` values:
 * - KB AA-06184 (Ingram Micro IM Cloud Knowledge Base) names the sender address.
 * - https://<code>.cloud.im is the public marketplace pattern, confirmed for us, uk, ca, in, mx.
 * Ingram Micro's partner tenant GUIDs are not public: every invitation URL below has
 * a typical shape of Microsoft's invitation link but a placeholder GUID, and is marked so.
 */

const ARTICLE = 'Ingram Micro KB AA-06184 ("The email is sent from DoNotReply@IngramMicro.com")';
const MARKETPLACE_CONFIRMED = 'public Ingram Micro Cloud Marketplace address';
const GUID_REASON = "Ingram Micro's partner tenant GUID for this country is not public";
const SUPPORT_REASON = 'support mailbox not confirmed from a public source';

/** A typical shape of Microsoft's reseller-relationship link for a partner tenant. */
const invitationUrl = (partnerTenantId: string): string =>
  `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${partnerTenantId}&msppId=0&DAP=false#/BillingAccounts/partner-invitation`;

/** A recognisable stand-in GUID (all zeros but a serial), one per country. */
const placeholderGuid = (serial: number): string =>
  `00000000-0000-4000-8000-${serial.toString().padStart(12, '0')}`;

interface Seed {
  code: string;
  marketplaceCode: string;
  name: string;
  localName: string;
  locale: string;
  marketplaceConfirmed: boolean;
  /**
   * Ingram Micro's partner tenant GUID in this country, once confirmed, with where it was
   * confirmed. Without it the invitation URL carries a placeholder GUID and is marked so.
   */
  partnerTenant?: { id: string; source: string };
}

const seeds: Seed[] = [
  {
    code: 'US',
    marketplaceCode: 'us',
    name: 'United States',
    localName: 'the United States',
    locale: 'en-US',
    marketplaceConfirmed: true,
  },
  {
    code: 'CA',
    marketplaceCode: 'ca',
    name: 'Canada',
    localName: 'Canada',
    locale: 'en-CA',
    marketplaceConfirmed: true,
  },
  {
    code: 'GB',
    marketplaceCode: 'uk',
    name: 'United Kingdom',
    localName: 'the United Kingdom',
    locale: 'en-GB',
    marketplaceConfirmed: true,
  },
  {
    code: 'AU',
    marketplaceCode: 'au',
    name: 'Australia',
    localName: 'Australia',
    locale: 'en-AU',
    marketplaceConfirmed: false,
  },
  {
    code: 'NZ',
    marketplaceCode: 'nz',
    name: 'New Zealand',
    localName: 'New Zealand',
    locale: 'en-NZ',
    marketplaceConfirmed: false,
  },
  {
    code: 'IN',
    marketplaceCode: 'in',
    name: 'India',
    localName: 'India',
    locale: 'en-IN',
    marketplaceConfirmed: true,
  },
  {
    code: 'SG',
    marketplaceCode: 'sg',
    name: 'Singapore',
    localName: 'Singapore',
    locale: 'en-SG',
    marketplaceConfirmed: false,
  },
  {
    code: 'DE',
    marketplaceCode: 'de',
    name: 'Germany',
    localName: 'Deutschland',
    locale: 'de-DE',
    marketplaceConfirmed: false,
  },
  {
    code: 'FR',
    marketplaceCode: 'fr',
    name: 'France',
    localName: 'France',
    locale: 'fr-FR',
    marketplaceConfirmed: false,
  },
  {
    code: 'ES',
    marketplaceCode: 'es',
    name: 'Spain',
    localName: 'España',
    locale: 'es-ES',
    marketplaceConfirmed: false,
  },
  {
    code: 'IT',
    marketplaceCode: 'it',
    name: 'Italy',
    localName: 'Italia',
    locale: 'it-IT',
    marketplaceConfirmed: false,
  },
  {
    code: 'NL',
    marketplaceCode: 'nl',
    name: 'Netherlands',
    localName: 'Nederland',
    locale: 'nl-NL',
    marketplaceConfirmed: false,
  },
  {
    code: 'MX',
    marketplaceCode: 'mx',
    name: 'Mexico',
    localName: 'México',
    locale: 'es-MX',
    marketplaceConfirmed: true,
  },
  {
    code: 'SE',
    marketplaceCode: 'se',
    name: 'Sweden',
    localName: 'Sverige',
    locale: 'sv-SE',
    marketplaceConfirmed: false,
  },
];

export const countryRecords: unknown[] = seeds.map((seed, index): CountryRecord => ({
  code: seed.code,
  marketplaceCode: seed.marketplaceCode,
  name: seed.name,
  localName: seed.localName,
  locale: seed.locale,
  marketplaceUrl: {
    value: `https://${seed.marketplaceCode}.cloud.im`,
    provenance: seed.marketplaceConfirmed
      ? { status: 'verified', source: MARKETPLACE_CONFIRMED }
      : {
          status: 'placeholder',
          reason:
            'follows the public https://<code>.cloud.im pattern; not confirmed for this country',
        },
  },
  invitationUrl: seed.partnerTenant
    ? {
        value: invitationUrl(seed.partnerTenant.id),
        provenance: { status: 'verified', source: seed.partnerTenant.source },
      }
    : {
        value: invitationUrl(placeholderGuid(index + 1)),
        provenance: { status: 'placeholder', reason: GUID_REASON },
      },
  senderAddress: {
    value: 'DoNotReply@IngramMicro.com',
    provenance: { status: 'verified', source: ARTICLE },
  },
  supportContact: {
    value: `cloud.support.${seed.marketplaceCode}@ingrammicro.com`,
    provenance: { status: 'placeholder', reason: SUPPORT_REASON },
  },
}));
