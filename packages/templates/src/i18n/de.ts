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
  common: {
    greeting: 'Guten Tag,',
    colon: ':',
    acceptanceTitle: 'So nehmen Sie die Einladung an',
    acceptanceSteps: (ui) => [
      `Stellen Sie sicher, dass Sie sich mit einem Konto anmelden können, das im Microsoft-Mandanten Ihrer Organisation die Rolle **${ui.globalAdministrator}** hat; laut der Dokumentation von Microsoft genügt auch die Rolle **${ui.billingAdministrator}**. Falls Sie keine dieser Rollen haben, leiten Sie diese E-Mail bitte an eine Person weiter, die eine davon hat.`,
      `Öffnen Sie den Einladungslink unten, und melden Sie sich mit diesem Konto beim **${ui.adminCenter}** an.`,
      `Wählen Sie auf der Seite **${ui.acceptAgreementPage}**, falls angezeigt, den Link zum **${ui.customerAgreement}** aus, lesen Sie ihn, und aktivieren Sie das Kontrollkästchen, um zu bestätigen, dass Sie ihn gelesen haben.`,
      `Wählen Sie **${ui.acceptAndAuthorizeButton}** aus.`,
      `Ingram Micro wird anschließend unter **${ui.partnerRelationshipsPath}** angezeigt.`,
    ],
    linkFallback:
      'Falls sich die Schaltfläche nicht öffnen lässt, kopieren Sie diese Adresse in Ihren Browser:',
    doNotEditLink: (f) =>
      `Verwenden Sie den Link genau so, wie er ist: Er gehört zu Ingram Micro ${inCountry(f.countryName)}, und ein veränderter Link funktioniert nicht.`,
    noAdminAccessTitle: 'Was die Annahme bewirkt',
    noAdminAccess: (voice) =>
      `Mit der Annahme wird eine Reseller-Beziehung eingerichtet, damit Microsoft-Cloudabonnements über Ingram Micro für Sie erworben werden können. Ingram Micro und ${voice === 'reseller' ? 'wir erhalten' : 'Ihr Reseller erhalten'} dadurch keinen administrativen Zugriff auf Ihren Mandanten. Administratorzugriff ist eine separate Anfrage (granulare delegierte Administratorrechte, GDAP), die Sie gegebenenfalls gesondert prüfen.`,
    troubleshootingTitle: 'Falls es nicht funktioniert',
    troubleshooting: (ui, f, voice) => [
      `Wenn nach der Anmeldung keine Einladung angezeigt wird, darf das Konto sie möglicherweise nicht annehmen. Melden Sie sich ab und dann mit einem Konto mit der Rolle ${ui.globalAdministrator} oder ${ui.billingAdministrator} wieder an.`,
      `Wenn Ingram Micro bereits unter ${ui.partnerRelationshipsPath} aufgeführt ist, ist nichts weiter zu tun.`,
      `Dieser Link gilt für Ingram Micro ${inCountry(f.countryName)}. Gehört Ihr Mandant zu einem anderen Land bzw. einer anderen Region, bitten Sie ${voice === 'reseller' ? 'uns' : 'Ihren Reseller'} um den Link für dieses Land.`,
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
      `Sie erhalten diese E-Mail, weil wir Ihre Organisation eingeladen haben, mit Ingram Micro ${inCountry(f.countryName)} zusammenzuarbeiten. Bei Fragen: ${f.supportContact}.`,
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
