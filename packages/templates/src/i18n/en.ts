import type { Messages } from './types.js';

/**
 * English. US and Canadian emails spell "organization"; the other English
 * locales "organisation".
 */
export const english = (organisation: 'organization' | 'organisation'): Messages => ({
  microsoftUi: {
    globalAdministrator: 'Global Administrator',
    adminCenter: 'Microsoft 365 admin center',
    acceptAgreementButton: 'Accept agreement & authorize partner',
    customerAgreement: 'Microsoft Customer Agreement',
    acceptAndAuthorizeButton: 'Accept & Authorize',
    partnerRelationshipsPath: 'Settings > Partner relationships',
  },
  common: {
    greeting: 'Hello,',
    acceptanceTitle: 'How to accept',
    acceptanceSteps: (ui) => [
      `Make sure you can sign in as a **${ui.globalAdministrator}** of your ${organisation}'s Microsoft tenant. If you are not one, forward this email to someone who is.`,
      `Open the invitation link below and sign in to the **${ui.adminCenter}** with that account.`,
      `Select **${ui.acceptAgreementButton}**, tick the box to accept the **${ui.customerAgreement}**, then select **${ui.acceptAndAuthorizeButton}**.`,
      `Ingram Micro now appears under **${ui.partnerRelationshipsPath}**.`,
    ],
    linkFallback: 'If the button does not open, copy this address into your browser:',
    doNotEditLink: (f) =>
      `Use the link exactly as it is: it belongs to Ingram Micro in ${f.countryName}, and a changed link will not work.`,
    noAdminAccessTitle: 'What accepting does',
    noAdminAccess:
      'Accepting sets up a reseller relationship so that Microsoft cloud subscriptions can be bought for you through Ingram Micro. It does not give Ingram Micro or your reseller administrative access to your tenant. Admin access is a separate request (granular delegated admin privileges, GDAP) that you would review on its own.',
    troubleshootingTitle: 'If it does not work',
    troubleshooting: (ui, f) => [
      `You only see a store or home page after signing in: the account is not a ${ui.globalAdministrator}. Sign out, then sign in again as a ${ui.globalAdministrator}.`,
      `The page says your ${organisation} already has this partner: nothing more is needed.`,
      `The page mentions another country or region: this link is for ${f.countryName}. Ask your reseller for the link of your tenant's country.`,
    ],
    reference: 'Reference: Ingram Micro knowledge base article AA-06184.',
  },
  resellerInvitation: {
    subject: (f) => `Authorize Ingram Micro as your Microsoft CSP partner in ${f.countryName}`,
    preheader: (ui) =>
      `A ${ui.globalAdministrator} of your Microsoft tenant accepts this invitation with one link.`,
    heading: 'Authorize Ingram Micro as your Microsoft Cloud Solution Provider',
    intro: (f) =>
      `To buy Microsoft cloud services through us, your ${organisation} needs to accept a reseller relationship with Ingram Micro, our Microsoft Cloud Solution Provider (CSP) partner in ${f.countryName}.`,
    button: 'Open the invitation',
    footer: (f) =>
      `You receive this email because your reseller invited your ${organisation} to work with Ingram Micro in ${f.countryName}. Questions: ${f.supportContact}.`,
  },
  customerAuthorizationRequest: {
    subject: (f) => `Action needed: authorize Ingram Micro as your CSP partner (${f.countryName})`,
    preheader: (ui) =>
      `For the ${ui.globalAdministrator}: accept the reseller relationship in the Microsoft 365 admin center.`,
    heading: 'Customer Authorization Request',
    intro: (ui, f) =>
      `Your reseller asked us to send you this request from the Ingram Micro Cloud Marketplace in ${f.countryName}. As a ${ui.globalAdministrator} of your ${organisation}'s Microsoft tenant, please authorize Ingram Micro as its Cloud Solution Provider (CSP) partner.`,
    button: 'Review and accept',
    nextTitle: 'What happens next',
    next: (ui, f) =>
      `Once you accept, Ingram Micro is listed under ${ui.partnerRelationshipsPath} and your reseller can order Microsoft subscriptions for you through the Ingram Micro Cloud Marketplace (${f.marketplaceHost}).`,
    marketplaceLabel: 'Ingram Micro Cloud Marketplace',
    footer: (f) =>
      `This message was sent from an unmonitored address: please do not reply. For help, contact your reseller or ${f.supportContact}.`,
  },
});
