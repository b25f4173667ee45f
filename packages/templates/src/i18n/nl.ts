import type { Messages } from './types.js';

/** Dutch (u). Microsoft's Dutch admin center keeps "tenant" untranslated. */
export const dutch: Messages = {
  common: {
    greeting: 'Geachte heer, mevrouw,',
    colon: ':',
    acceptanceTitle: 'Zo accepteert u de uitnodiging',
    acceptanceSteps: (ui) => [
      `Controleer of u zich kunt aanmelden met een account dat de rol **${ui.globalAdministrator}** heeft in de Microsoft-tenant van uw organisatie; volgens de documentatie van Microsoft volstaat ook de rol **${ui.billingAdministrator}**. Hebt u geen van beide rollen, stuur deze e-mail dan door naar iemand die er een heeft.`,
      `Open de uitnodigingslink hieronder en meld u met dat account aan bij het **${ui.adminCenter}**.`,
      `Selecteer op de pagina **${ui.acceptAgreementPage}** de link naar de **${ui.customerAgreement}** (indien weergegeven), lees deze en schakel het selectievakje in om te bevestigen dat u deze hebt gelezen.`,
      `Selecteer **${ui.acceptAndAuthorizeButton}**.`,
      `Ingram Micro staat daarna onder **${ui.partnerRelationshipsPath}**.`,
    ],
    linkFallback: 'Opent de knop niet? Kopieer dan dit adres naar uw browser:',
    doNotEditLink: (f) =>
      `Gebruik de link precies zoals die is: deze hoort bij Ingram Micro in ${f.countryName} en een gewijzigde link werkt niet.`,
    noAdminAccessTitle: 'Wat accepteren inhoudt',
    noAdminAccess: (voice) =>
      `Door te accepteren wordt een resellerrelatie ingesteld, zodat Microsoft-cloudabonnementen via Ingram Micro voor u kunnen worden aangeschaft. Ingram Micro en ${voice === 'reseller' ? 'wij krijgen' : 'uw reseller krijgen'} hierdoor geen beheerderstoegang tot uw tenant. Beheerderstoegang is een afzonderlijke aanvraag (gedetailleerde gedelegeerde beheerdersbevoegdheden, GDAP) die u, als die wordt verstuurd, apart beoordeelt.`,
    troubleshootingTitle: 'Als het niet lukt',
    troubleshooting: (ui, f, voice) => [
      `Ziet u na het aanmelden geen uitnodiging, dan mag het account deze mogelijk niet accepteren. Meld u af en meld u opnieuw aan als ${ui.globalAdministrator} of ${ui.billingAdministrator}.`,
      `Staat Ingram Micro al onder ${ui.partnerRelationshipsPath}, dan hoeft u niets meer te doen.`,
      `Deze link is bestemd voor Ingram Micro in ${f.countryName}. Hoort uw tenant bij een ander land of een andere regio, vraag ${voice === 'reseller' ? 'ons' : 'uw reseller'} dan om de link voor dat land.`,
    ],
    reference: 'Referentie: artikel AA-06184 in de kennisbank van Ingram Micro.',
  },
  resellerInvitation: {
    subject: (f) => `Autoriseer Ingram Micro als uw Microsoft CSP-partner in ${f.countryName}`,
    preheader: (ui) =>
      `Iemand met de rol ${ui.globalAdministrator} in uw Microsoft-tenant accepteert deze uitnodiging via één link.`,
    heading: 'Autoriseer Ingram Micro als uw Microsoft Cloud Solution Provider',
    intro: (f) =>
      `Om Microsoft-cloudservices via ons te kunnen afnemen, moet uw organisatie een resellerrelatie accepteren met Ingram Micro, onze CSP-partner (Microsoft Cloud Solution Provider) in ${f.countryName}.`,
    button: 'Uitnodiging openen',
    footer: (f) =>
      `U ontvangt deze e-mail omdat wij uw organisatie hebben uitgenodigd om samen te werken met Ingram Micro in ${f.countryName}. Met vragen kunt u terecht bij ${f.supportContact}.`,
  },
  customerAuthorizationRequest: {
    subject: (f) => `Actie vereist: autoriseer Ingram Micro als uw CSP-partner (${f.countryName})`,
    preheader: (ui) =>
      `Voor de ${ui.globalAdministrator}: accepteer de resellerrelatie in het ${ui.adminCenter}.`,
    heading: 'Verzoek om klantautorisatie',
    intro: (ui, f) =>
      `Uw reseller heeft ons gevraagd u dit verzoek te sturen vanuit de Ingram Micro Cloud Marketplace in ${f.countryName}. Omdat u de rol ${ui.globalAdministrator} hebt in de Microsoft-tenant van uw organisatie, vragen wij u Ingram Micro te autoriseren als CSP-partner (Cloud Solution Provider) van deze tenant.`,
    button: 'Bekijken en accepteren',
    nextTitle: 'Wat er daarna gebeurt',
    next: (ui, f) =>
      `Zodra u hebt geaccepteerd, staat Ingram Micro onder ${ui.partnerRelationshipsPath} en kan uw reseller via de Ingram Micro Cloud Marketplace (${f.marketplaceHost}) Microsoft-abonnementen voor u bestellen.`,
    marketplaceLabel: 'Ingram Micro Cloud Marketplace',
    footer: (f) =>
      `Dit bericht is verzonden vanaf een adres dat niet wordt gelezen: beantwoord het daarom niet. Neem voor hulp contact op met uw reseller of met ${f.supportContact}.`,
  },
};
