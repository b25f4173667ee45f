/**
 * Everything a template says, per language. Strings may mark Microsoft UI
 * labels with **double asterisks**: they render bold in HTML and as-is
 * (without asterisks) in the text part.
 *
 * Labels in `microsoftUi` must be written as Microsoft shows them in that
 * language in the Microsoft 365 admin center.
 */
export interface EmailFacts {
  /** Country name in the email's language, e.g. "Deutschland". */
  countryName: string;
  /** Marketplace host, e.g. "uk.cloud.im". */
  marketplaceHost: string;
  supportContact: string;
}

export interface MicrosoftUiLabels {
  globalAdministrator: string;
  adminCenter: string;
  acceptAgreementButton: string;
  customerAgreement: string;
  acceptAndAuthorizeButton: string;
  partnerRelationshipsPath: string;
}

export interface Messages {
  microsoftUi: MicrosoftUiLabels;
  common: {
    greeting: string;
    acceptanceTitle: string;
    acceptanceSteps: (ui: MicrosoftUiLabels) => readonly string[];
    linkFallback: string;
    doNotEditLink: (facts: EmailFacts) => string;
    noAdminAccessTitle: string;
    noAdminAccess: string;
    troubleshootingTitle: string;
    troubleshooting: (ui: MicrosoftUiLabels, facts: EmailFacts) => readonly string[];
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
