import { getCountry, type CountryRecord } from './countries/index.js';
import { languageOf, messagesFor, type EmailFacts, type Messages } from './i18n/index.js';
import { displayLabels } from './microsoft/index.js';

/** The templates this package ships; the only other input is a country code. */
export const templateIds = ['reseller-invitation', 'customer-authorization-request'] as const;
export type TemplateId = (typeof templateIds)[number];

export class UnknownTemplateError extends Error {
  override name = 'UnknownTemplateError';
  constructor(readonly value: unknown) {
    super(`Unknown template ${JSON.stringify(value)}. Valid templates: ${templateIds.join(', ')}`);
  }
}

export function assertTemplateId(value: unknown): asserts value is TemplateId {
  if (!(templateIds as readonly unknown[]).includes(value)) throw new UnknownTemplateError(value);
}

/** A rich paragraph: `**label**` segments are Microsoft UI labels shown bold. */
export type RichText = readonly { text: string; strong: boolean }[];

export function parseRichText(source: string): RichText {
  return source
    .split(/(\*\*[^*]+\*\*)/)
    .filter((part) => part !== '')
    .map((part) =>
      part.startsWith('**') && part.endsWith('**')
        ? { text: part.slice(2, -2), strong: true }
        : { text: part, strong: false },
    );
}

export const plain = (rich: RichText): string => rich.map((segment) => segment.text).join('');

export interface EmailLink {
  label: string;
  url: string;
}

/**
 * Everything one email says, resolved for one country, in reading order. The
 * HTML component and the plain-text part are both drawn from this, so they
 * cannot drift apart.
 */
export interface EmailContent {
  templateId: TemplateId;
  country: CountryRecord;
  lang: string;
  dir: 'ltr';
  subject: string;
  preheader: string;
  heading: string;
  greeting: string;
  /** A colon after a label, as the language writes it. */
  colon: string;
  intro: RichText;
  acceptanceTitle: string;
  acceptanceSteps: readonly RichText[];
  invitation: EmailLink;
  linkFallback: string;
  doNotEditLink: string;
  sections: readonly { title: string; paragraphs: readonly RichText[]; list: boolean }[];
  marketplace: EmailLink | null;
  footer: readonly string[];
}

function factsFor(country: CountryRecord): EmailFacts {
  return {
    countryName: country.localName,
    marketplaceHost: new URL(country.marketplaceUrl.value).host,
    supportContact: country.supportContact.value,
  };
}

export function emailContent(templateId: TemplateId, countryCode: string): EmailContent {
  assertTemplateId(templateId);
  const country = getCountry(countryCode);
  const m: Messages = messagesFor(country.locale);
  // Microsoft's labels come from the single source, never from the translations.
  const ui = displayLabels(languageOf(country.locale));
  const facts = factsFor(country);
  const voice = templateId === 'reseller-invitation' ? 'reseller' : 'marketplace';
  const common = {
    templateId,
    country,
    lang: country.locale,
    dir: 'ltr' as const,
    greeting: m.common.greeting,
    colon: m.common.colon,
    acceptanceTitle: m.common.acceptanceTitle,
    acceptanceSteps: m.common.acceptanceSteps(ui).map(parseRichText),
    linkFallback: m.common.linkFallback,
    doNotEditLink: m.common.doNotEditLink(facts),
  };
  const aboutAccess = {
    title: m.common.noAdminAccessTitle,
    paragraphs: [parseRichText(m.common.noAdminAccess(voice))],
    list: false,
  };
  const troubleshooting = {
    title: m.common.troubleshootingTitle,
    paragraphs: m.common.troubleshooting(ui, facts, voice).map(parseRichText),
    list: true,
  };

  if (templateId === 'reseller-invitation') {
    const t = m.resellerInvitation;
    return {
      ...common,
      subject: t.subject(facts),
      preheader: t.preheader(ui),
      heading: t.heading,
      intro: parseRichText(t.intro(facts)),
      invitation: { label: t.button, url: country.invitationUrl.value },
      sections: [aboutAccess, troubleshooting],
      marketplace: null,
      footer: [t.footer(facts), m.common.reference],
    };
  }
  const t = m.customerAuthorizationRequest;
  return {
    ...common,
    subject: t.subject(facts),
    preheader: t.preheader(ui),
    heading: t.heading,
    intro: parseRichText(t.intro(ui, facts)),
    invitation: { label: t.button, url: country.invitationUrl.value },
    sections: [
      { title: t.nextTitle, paragraphs: [parseRichText(t.next(ui, facts))], list: false },
      aboutAccess,
      troubleshooting,
    ],
    marketplace: { label: t.marketplaceLabel, url: country.marketplaceUrl.value },
    footer: [t.footer(facts), m.common.reference],
  };
}
