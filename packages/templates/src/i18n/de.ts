import type { Messages } from './types.js';

/**
 * German (Sie). Microsoft's German admin center calls the tenant "Mandant"; role
 * names are quoted as "die Rolle Globaler Administrator" so the label keeps the
 * exact form Microsoft shows, whatever the grammatical case around it.
 */

/** "in Deutschland", but "in der Schweiz": a few country names take an article. */
const withArticle: Readonly<Record<string, string>> = {
  Schweiz: 'der Schweiz',
};
const inCountry = (countryName: string): string => `in ${withArticle[countryName] ?? countryName}`;

export const german: Messages = {
  microsoftUi: {
    globalAdministrator: 'Globaler Administrator',
    adminCenter: 'Microsoft 365 Admin Center',
    acceptAgreementButton: 'Vertrag akzeptieren und Partner autorisieren',
    customerAgreement: 'Microsoft-Kundenvertrag',
    acceptAndAuthorizeButton: 'Akzeptieren und autorisieren',
    partnerRelationshipsPath: 'Einstellungen > Partnerbeziehungen',
  },
  common: {
    greeting: 'Guten Tag,',
    acceptanceTitle: 'So nehmen Sie die Einladung an',
    acceptanceSteps: (ui) => [
      `Stellen Sie sicher, dass Sie sich mit einem Konto anmelden können, das im Microsoft-Mandanten Ihrer Organisation die Rolle **${ui.globalAdministrator}** hat. Falls Sie diese Rolle nicht haben, leiten Sie diese E-Mail bitte an eine Person weiter, die sie hat.`,
      `Öffnen Sie den Einladungslink unten, und melden Sie sich mit diesem Konto beim **${ui.adminCenter}** an.`,
      `Wählen Sie **${ui.acceptAgreementButton}** aus, aktivieren Sie das Kontrollkästchen, um den **${ui.customerAgreement}** zu akzeptieren, und wählen Sie dann **${ui.acceptAndAuthorizeButton}** aus.`,
      `Ingram Micro wird anschließend unter **${ui.partnerRelationshipsPath}** angezeigt.`,
    ],
    linkFallback:
      'Falls sich die Schaltfläche nicht öffnen lässt, kopieren Sie diese Adresse in Ihren Browser:',
    doNotEditLink: (f) =>
      `Verwenden Sie den Link genau so, wie er ist: Er gehört zu Ingram Micro ${inCountry(f.countryName)}, und ein veränderter Link funktioniert nicht.`,
    noAdminAccessTitle: 'Was die Annahme bewirkt',
    noAdminAccess:
      'Mit der Annahme wird eine Reseller-Beziehung eingerichtet, damit Microsoft-Cloudabonnements über Ingram Micro für Sie erworben werden können. Ingram Micro und Ihr Reseller erhalten dadurch keinen administrativen Zugriff auf Ihren Mandanten. Administratorzugriff ist eine separate Anfrage (granulare delegierte Administratorrechte, GDAP), die Sie gesondert prüfen würden.',
    troubleshootingTitle: 'Falls es nicht funktioniert',
    troubleshooting: (ui, f) => [
      `Nach der Anmeldung sehen Sie nur eine Store- oder Startseite: Das Konto hat nicht die Rolle ${ui.globalAdministrator}. Melden Sie sich ab und dann als ${ui.globalAdministrator} wieder an.`,
      'Die Seite meldet, dass Ihre Organisation diesen Partner bereits hat: Es ist nichts weiter zu tun.',
      `Die Seite nennt ein anderes Land bzw. eine andere Region: Dieser Link gilt für Ingram Micro ${inCountry(f.countryName)}. Bitten Sie Ihren Reseller um den Link für das Land Ihres Mandanten.`,
    ],
    reference: 'Referenz: Artikel AA-06184 in der Wissensdatenbank von Ingram Micro.',
  },
  resellerInvitation: {
    subject: (f) =>
      `Bitte autorisieren Sie Ingram Micro als Ihren Microsoft-CSP-Partner ${inCountry(f.countryName)}`,
    preheader: (ui) =>
      `Eine Person mit der Rolle ${ui.globalAdministrator} in Ihrem Microsoft-Mandanten nimmt diese Einladung über einen einzigen Link an.`,
    heading: 'Ingram Micro als Ihren Microsoft Cloud Solution Provider autorisieren',
    intro: (f) =>
      `Ihre Organisation muss eine Reseller-Beziehung mit Ingram Micro annehmen, damit Sie Microsoft-Clouddienste über uns beziehen können. Ingram Micro ist unser CSP-Partner (Microsoft Cloud Solution Provider) ${inCountry(f.countryName)}.`,
    button: 'Einladung öffnen',
    footer: (f) =>
      `Sie erhalten diese E-Mail, weil Ihr Reseller Ihre Organisation eingeladen hat, mit Ingram Micro ${inCountry(f.countryName)} zusammenzuarbeiten. Bei Fragen: ${f.supportContact}.`,
  },
  customerAuthorizationRequest: {
    subject: (f) =>
      `Aktion erforderlich: Ingram Micro als Ihren CSP-Partner autorisieren (${f.countryName})`,
    preheader: (ui) =>
      `Für Personen mit der Rolle ${ui.globalAdministrator}: Nehmen Sie die Reseller-Beziehung im ${ui.adminCenter} an.`,
    heading: 'Anfrage zur Kundenautorisierung',
    intro: (ui, f) =>
      `Ihr Reseller hat uns gebeten, Ihnen diese Anfrage aus dem Ingram Micro Cloud Marketplace ${inCountry(f.countryName)} zu senden. Da Sie im Microsoft-Mandanten Ihrer Organisation die Rolle ${ui.globalAdministrator} haben, bitten wir Sie, Ingram Micro als CSP-Partner (Cloud Solution Provider) dieses Mandanten zu autorisieren.`,
    button: 'Prüfen und annehmen',
    nextTitle: 'Wie es weitergeht',
    next: (ui, f) =>
      `Nach Ihrer Annahme wird Ingram Micro unter ${ui.partnerRelationshipsPath} aufgeführt, und Ihr Reseller kann über den Ingram Micro Cloud Marketplace (${f.marketplaceHost}) Microsoft-Abonnements für Sie bestellen.`,
    marketplaceLabel: 'Ingram Micro Cloud Marketplace',
    footer: (f) =>
      `Diese Nachricht wurde von einer nicht überwachten Adresse gesendet. Bitte antworten Sie nicht darauf. Wenn Sie Hilfe benötigen, wenden Sie sich an Ihren Reseller oder an ${f.supportContact}.`,
  },
};
