import type { Messages } from './types.js';

/**
 * English. US and Canadian emails spell "organization" and "authorize"; the
 * other English locales "organisation" and "authorise". Microsoft's own labels
 * ("Accept & Authorize") keep Microsoft's spelling.
 */
export type EnglishSpelling = 'us' | 'gb';

/** "the United Kingdom" in a sentence, "United Kingdom" in parentheses. */
const bare = (countryName: string): string => countryName.replace(/^the /, '');

export const english = (spelling: EnglishSpelling): Messages => {
  const organisation = spelling === 'us' ? 'organization' : 'organisation';
  const authorise = spelling === 'us' ? 'authorize' : 'authorise';
  const Authorise = spelling === 'us' ? 'Authorize' : 'Authorise';
  return {
    common: {
      greeting: 'Hello,',
      colon: ':',
      acceptanceTitle: 'How to accept',
      acceptanceSteps: (ui) => [
        `Make sure you can sign in as a **${ui.globalAdministrator}** of your ${organisation}'s Microsoft tenant; Microsoft's documentation also allows a **${ui.billingAdministrator}**. If you are neither, forward this email to someone who is.`,
        `Open the invitation link below and sign in to the **${ui.adminCenter}** with that account.`,
        `On the **${ui.acceptAgreementPage}** page, select the link for the **${ui.customerAgreement}** (if shown), read it, and check the box to acknowledge that you read it.`,
        `Select **${ui.acceptAndAuthorizeButton}**.`,
        `Ingram Micro then appears under **${ui.partnerRelationshipsPath}**.`,
      ],
      linkFallback: 'If the button does not open, copy this address into your browser:',
      doNotEditLink: (f) =>
        `Use the link exactly as it is: it belongs to Ingram Micro in ${f.countryName}, and a changed link will not work.`,
      noAdminAccessTitle: 'What accepting does',
      noAdminAccess: (voice) =>
        `Accepting sets up a reseller relationship so that Microsoft cloud subscriptions can be bought for you through Ingram Micro. It does not give Ingram Micro or ${voice === 'reseller' ? 'us' : 'your reseller'} administrative access to your tenant. Admin access is a separate request (granular delegated admin privileges, GDAP) that you review on its own, if it is ever sent.`,
      troubleshootingTitle: 'If it does not work',
      troubleshooting: (ui, f, voice) => [
        `If no invitation appears after you sign in, the account may not be allowed to accept it. Sign out, then sign in again as a ${ui.globalAdministrator} or ${ui.billingAdministrator}.`,
        `If Ingram Micro is already listed under ${ui.partnerRelationshipsPath}, nothing more is needed.`,
        `This link is for Ingram Micro in ${f.countryName}. If your tenant belongs to another country or region, ask ${voice === 'reseller' ? 'us' : 'your reseller'} for that country's link.`,
      ],
      reference: 'Reference: Ingram Micro knowledge base article AA-06184.',
    },
    resellerInvitation: {
      subject: (f) => `${Authorise} Ingram Micro as your Microsoft CSP partner in ${f.countryName}`,
      preheader: (ui) =>
        `A ${ui.globalAdministrator} of your Microsoft tenant accepts this invitation with one link.`,
      heading: `${Authorise} Ingram Micro as your Microsoft Cloud Solution Provider`,
      intro: (f) =>
        `To buy Microsoft cloud services through us, your ${organisation} needs to accept a reseller relationship with Ingram Micro, our Microsoft Cloud Solution Provider (CSP) partner in ${f.countryName}.`,
      button: 'Open the invitation',
      footer: (f) =>
        `You receive this email because we invited your ${organisation} to work with Ingram Micro in ${f.countryName}. Questions: ${f.supportContact}.`,
    },
    customerAuthorizationRequest: {
      subject: (f) =>
        `Action needed: ${authorise} Ingram Micro as your CSP partner (${bare(f.countryName)})`,
      preheader: (ui) =>
        `For the ${ui.globalAdministrator}: accept the reseller relationship in the ${ui.adminCenter}.`,
      heading: 'Customer Authorization Request',
      intro: (ui, f) =>
        `Your reseller asked us to send you this request from the Ingram Micro Cloud Marketplace in ${f.countryName}. As a ${ui.globalAdministrator} of your ${organisation}'s Microsoft tenant, please ${authorise} Ingram Micro as its Cloud Solution Provider (CSP) partner.`,
      button: 'Review and accept',
      nextTitle: 'What happens next',
      next: (ui, f) =>
        `Once you accept, Ingram Micro is listed under ${ui.partnerRelationshipsPath} and your reseller can order Microsoft subscriptions for you through the Ingram Micro Cloud Marketplace (${f.marketplaceHost}).`,
      marketplaceLabel: 'Ingram Micro Cloud Marketplace',
      footer: (f) =>
        `This message was sent from an unmonitored address: please do not reply. For help, contact your reseller or ${f.supportContact}.`,
    },
  };
};
