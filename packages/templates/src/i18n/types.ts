import type { MicrosoftLabelKey } from '../microsoft/index.js';

/**
 * Everything a template says, per language. Strings may mark Microsoft UI
 * labels with **double asterisks**: they render bold in HTML and as-is
 * (without asterisks) in the text part.
 *
 * Microsoft's labels are never written here: they come from the package's
 * single source (src/microsoft), which shows the English label beside any
 * translation not confirmed from a Microsoft page.
 */
export interface EmailFacts {
  /** Country name in the email's language, e.g. "Deutschland". */
  countryName: string;
  /** Marketplace host, e.g. "uk.cloud.im". */
  marketplaceHost: string;
  supportContact: string;
}

/** Microsoft's labels as shown in one language (see displayLabel). */
export type MicrosoftUiLabels = Readonly<Record<MicrosoftLabelKey, string>>;

/**
 * Who speaks in the email: the reseller sends the invitation itself ("we" are
 * the reseller); the Cloud Marketplace sends the authorization request on the
 * reseller's behalf ("your reseller").
 */
export type Voice = 'reseller' | 'marketplace';

export interface Messages {
  common: {
    greeting: string;
    /** A colon as the language writes it after a label (French: with a non-breaking space). */
    colon: string;
    acceptanceTitle: string;
    acceptanceSteps: (ui: MicrosoftUiLabels) => readonly string[];
    linkFallback: string;
    doNotEditLink: (facts: EmailFacts) => string;
    noAdminAccessTitle: string;
    noAdminAccess: (voice: Voice) => string;
    troubleshootingTitle: string;
    troubleshooting: (ui: MicrosoftUiLabels, facts: EmailFacts, voice: Voice) => readonly string[];
    reference: string;
  };
  resellerInvitation: {
    subject: (facts: EmailFacts) => string;
    preheader: (ui: MicrosoftUiLabels) => string;
    heading: string;
    intro: (facts: EmailFacts) => string;
    button: string;
    footer: (facts: EmailFacts) => string;
  };
  customerAuthorizationRequest: {
    subject: (facts: EmailFacts) => string;
    preheader: (ui: MicrosoftUiLabels) => string;
    heading: string;
    intro: (ui: MicrosoftUiLabels, facts: EmailFacts) => string;
    button: string;
    nextTitle: string;
    next: (ui: MicrosoftUiLabels, facts: EmailFacts) => string;
    marketplaceLabel: string;
    footer: (facts: EmailFacts) => string;
  };
}
