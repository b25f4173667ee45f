import type { Messages } from './types.js';

/**
 * French (vous). Microsoft's French admin center calls the tenant "locataire".
 * French typography: typographic apostrophe (’, as in Microsoft's French UI) and a
 * non-breaking space (U+00A0) before a colon.
 */

const nbsp = '\u00a0';

/** "en France", but "au Canada", "aux États-Unis": the preposition follows the country name. */
const au: ReadonlySet<string> = new Set([
  'Canada',
  'Luxembourg',
  'Maroc',
  'Mexique',
  'Portugal',
  'Royaume-Uni',
  'Danemark',
  'Brésil',
  'Japon',
]);
const inCountry = (countryName: string): string => {
  if (countryName === 'États-Unis') return 'aux États-Unis';
  return `${au.has(countryName) ? 'au' : 'en'} ${countryName}`;
};

export const french: Messages = {
  common: {
    greeting: 'Bonjour,',
    colon: `${nbsp}:`,
    acceptanceTitle: 'Comment accepter',
    acceptanceSteps: (ui) => [
      `Vérifiez que vous pouvez vous connecter avec un compte qui dispose du rôle **${ui.globalAdministrator}** dans le locataire Microsoft de votre organisation${nbsp}; selon la documentation de Microsoft, le rôle **${ui.billingAdministrator}** suffit aussi. Si ce n’est pas votre cas, transférez cet e-mail à une personne qui dispose de l’un de ces rôles.`,
      `Ouvrez le lien d’invitation ci-dessous et connectez-vous au **${ui.adminCenter}** avec ce compte.`,
      `Sur la page **${ui.acceptAgreementPage}**, sélectionnez le lien du **${ui.customerAgreement}** (s’il est affiché), lisez-le, puis cochez la case pour confirmer que vous l’avez lu.`,
      `Sélectionnez **${ui.acceptAndAuthorizeButton}**.`,
      `Ingram Micro apparaît ensuite dans **${ui.partnerRelationshipsPath}**.`,
    ],
    linkFallback: `Si le bouton ne s’ouvre pas, copiez cette adresse dans votre navigateur${nbsp}:`,
    doNotEditLink: (f) =>
      `Utilisez le lien tel quel${nbsp}: il appartient à Ingram Micro ${inCountry(f.countryName)}, et un lien modifié ne fonctionnera pas.`,
    noAdminAccessTitle: 'Ce qu’implique l’acceptation',
    noAdminAccess: (voice) =>
      `L’acceptation établit une relation de revendeur afin que des abonnements cloud Microsoft puissent être achetés pour vous par l’intermédiaire d’Ingram Micro. Elle ne donne d’accès administrateur à votre locataire ni à Ingram Micro ni à ${voice === 'reseller' ? 'nous' : 'votre revendeur'}. L’accès administrateur fait l’objet d’une demande distincte (privilèges d’administration délégués granulaires, GDAP), que vous examinez séparément si elle vous est adressée.`,
    troubleshootingTitle: 'En cas de problème',
    troubleshooting: (ui, f, voice) => [
      `Si aucune invitation ne s’affiche après la connexion, le compte n’est peut-être pas autorisé à l’accepter. Déconnectez-vous, puis reconnectez-vous avec un compte ${ui.globalAdministrator} ou ${ui.billingAdministrator}.`,
      `Si Ingram Micro figure déjà dans ${ui.partnerRelationshipsPath}, aucune autre action n’est nécessaire.`,
      `Ce lien est celui d’Ingram Micro ${inCountry(f.countryName)}. Si votre locataire relève d’un autre pays ou d’une autre région, ${voice === 'reseller' ? 'demandez-nous' : 'demandez à votre revendeur'} le lien de ce pays.`,
    ],
    reference: `Référence${nbsp}: article AA-06184 de la base de connaissances Ingram Micro.`,
  },
  resellerInvitation: {
    subject: (f) =>
      `Autorisez Ingram Micro en tant que partenaire Microsoft CSP ${inCountry(f.countryName)}`,
    preheader: (ui) =>
      `Une personne ayant le rôle ${ui.globalAdministrator} dans votre locataire Microsoft accepte cette invitation via un seul lien.`,
    heading: 'Autorisez Ingram Micro en tant que fournisseur de solutions cloud Microsoft',
    intro: (f) =>
      `Pour acheter des services cloud Microsoft par notre intermédiaire, votre organisation doit accepter une relation de revendeur avec Ingram Micro, notre partenaire Microsoft Cloud Solution Provider (CSP) ${inCountry(f.countryName)}.`,
    button: 'Ouvrir l’invitation',
    footer: (f) =>
      `Vous recevez cet e-mail, car nous avons invité votre organisation à travailler avec Ingram Micro ${inCountry(f.countryName)}. Pour toute question${nbsp}: ${f.supportContact}.`,
  },
  customerAuthorizationRequest: {
    subject: (f) =>
      `Action requise${nbsp}: autorisez Ingram Micro en tant que partenaire CSP (${f.countryName})`,
    preheader: (ui) =>
      `Pour la personne ayant le rôle ${ui.globalAdministrator}${nbsp}: acceptez la relation de revendeur dans le ${ui.adminCenter}.`,
    heading: 'Demande d’autorisation client',
    intro: (ui, f) =>
      `Votre revendeur nous a chargés de vous transmettre cette demande depuis Ingram Micro Cloud Marketplace ${inCountry(f.countryName)}. En tant qu’${ui.globalAdministrator} du locataire Microsoft de votre organisation, veuillez autoriser Ingram Micro comme partenaire Cloud Solution Provider (CSP) de ce locataire.`,
    button: 'Examiner et accepter',
    nextTitle: 'Étapes suivantes',
    next: (ui, f) =>
      `Une fois l’invitation acceptée, Ingram Micro figure dans ${ui.partnerRelationshipsPath} et votre revendeur peut commander pour vous des abonnements Microsoft via Ingram Micro Cloud Marketplace (${f.marketplaceHost}).`,
    marketplaceLabel: 'Ingram Micro Cloud Marketplace',
    footer: (f) =>
      `Ce message a été envoyé depuis une adresse non surveillée${nbsp}: merci de ne pas y répondre. Pour obtenir de l’aide, contactez votre revendeur ou ${f.supportContact}.`,
  },
};
