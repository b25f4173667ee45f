import type { Messages } from './types.js';

/**
 * Italian (Lei, with lowercase courtesy pronouns as in current business usage).
 * Microsoft's Italian admin center keeps "tenant" untranslated. Apostrophes are
 * typographic (’).
 */
export const italian: Messages = {
  common: {
    greeting: 'Gentile cliente,',
    colon: ':',
    acceptanceTitle: 'Come accettare',
    acceptanceSteps: (ui) => [
      `Verifichi di poter accedere con un account che ha il ruolo **${ui.globalAdministrator}** nel tenant Microsoft della sua organizzazione; secondo la documentazione di Microsoft basta anche il ruolo **${ui.billingAdministrator}**. Se non ha nessuno dei due ruoli, inoltri questa e-mail a una persona che ne abbia uno.`,
      `Apra il link di invito qui sotto e acceda all’**${ui.adminCenter}** con questo account.`,
      `Nella pagina **${ui.acceptAgreementPage}** selezioni, se visualizzato, il link del **${ui.customerAgreement}**, lo legga e spunti la casella per confermare di averlo letto.`,
      `Selezioni **${ui.acceptAndAuthorizeButton}**.`,
      `Ingram Micro comparirà quindi in **${ui.partnerRelationshipsPath}**.`,
    ],
    linkFallback: 'Se il pulsante non si apre, copi questo indirizzo nel browser:',
    doNotEditLink: (f) =>
      `Usi il link esattamente così com’è: appartiene a Ingram Micro in ${f.countryName} e, se viene modificato, non funziona più.`,
    noAdminAccessTitle: 'Che cosa comporta l’accettazione',
    noAdminAccess: (voice) =>
      `L’accettazione stabilisce una relazione di rivenditore, in modo che gli abbonamenti cloud Microsoft possano essere acquistati per lei tramite Ingram Micro. Non concede a Ingram Micro né ${voice === 'reseller' ? 'a noi' : 'al suo rivenditore'} l’accesso amministrativo al suo tenant. L’accesso amministrativo è oggetto di una richiesta separata (privilegi granulari di amministratore delegato, GDAP), che lei valuta a parte, se le viene inviata.`,
    troubleshootingTitle: 'Se qualcosa non funziona',
    troubleshooting: (ui, f, voice) => [
      `Se dopo l’accesso non compare alcun invito, l’account potrebbe non essere autorizzato ad accettarlo. Si disconnetta e acceda di nuovo come ${ui.globalAdministrator} o ${ui.billingAdministrator}.`,
      `Se Ingram Micro compare già in ${ui.partnerRelationshipsPath}, non occorre fare altro.`,
      `Questo link è quello di Ingram Micro in ${f.countryName}. Se il suo tenant appartiene a un altro paese o area geografica, ${voice === 'reseller' ? 'ci chieda' : 'chieda al suo rivenditore'} il link di quel paese.`,
    ],
    reference: 'Riferimento: articolo AA-06184 della knowledge base di Ingram Micro.',
  },
  resellerInvitation: {
    subject: (f) => `Autorizzi Ingram Micro come partner Microsoft CSP in ${f.countryName}`,
    preheader: (ui) =>
      `Una persona con il ruolo ${ui.globalAdministrator} nel suo tenant Microsoft accetta questo invito con un solo link.`,
    heading: 'Autorizzi Ingram Micro come Cloud Solution Provider Microsoft',
    intro: (f) =>
      `Per acquistare servizi cloud Microsoft tramite noi, la sua organizzazione deve accettare una relazione di rivenditore con Ingram Micro, il nostro partner Microsoft Cloud Solution Provider (CSP) in ${f.countryName}.`,
    button: 'Apra l’invito',
    footer: (f) =>
      `Riceve questa e-mail perché abbiamo invitato la sua organizzazione a collaborare con Ingram Micro in ${f.countryName}. Per domande: ${f.supportContact}.`,
  },
  customerAuthorizationRequest: {
    subject: (f) => `Azione richiesta: autorizzi Ingram Micro come partner CSP (${f.countryName})`,
    preheader: (ui) =>
      `Per chi ha il ruolo ${ui.globalAdministrator}: accetti la relazione di rivenditore nell’${ui.adminCenter}.`,
    heading: 'Richiesta di autorizzazione del cliente',
    intro: (ui, f) =>
      `Il suo rivenditore ci ha chiesto di inviarle questa richiesta da Ingram Micro Cloud Marketplace in ${f.countryName}. Poiché ha il ruolo ${ui.globalAdministrator} nel tenant Microsoft della sua organizzazione, la invitiamo ad autorizzare Ingram Micro come partner Cloud Solution Provider (CSP) del tenant.`,
    button: 'Esamini e accetti',
    nextTitle: 'Passaggi successivi',
    next: (ui, f) =>
      `Dopo l’accettazione, Ingram Micro comparirà in ${ui.partnerRelationshipsPath} e il suo rivenditore potrà ordinare abbonamenti Microsoft per lei tramite Ingram Micro Cloud Marketplace (${f.marketplaceHost}).`,
    marketplaceLabel: 'Ingram Micro Cloud Marketplace',
    footer: (f) =>
      `Questo messaggio è stato inviato da un indirizzo non monitorato: la preghiamo di non rispondere. Per assistenza, contatti il suo rivenditore o ${f.supportContact}.`,
  },
};
