import type { Messages } from './types.js';

/**
 * Swedish (du, as Microsoft writes Swedish). Microsoft's Swedish admin center
 * calls the tenant "klientorganisation".
 */
export const swedish: Messages = {
  common: {
    greeting: 'Hej,',
    colon: ':',
    acceptanceTitle: 'Så här accepterar du inbjudan',
    acceptanceSteps: (ui) => [
      `Kontrollera att du kan logga in med ett konto som har rollen **${ui.globalAdministrator}** i din Microsoft-klientorganisation; enligt Microsofts dokumentation räcker även rollen **${ui.billingAdministrator}**. Om du inte har någon av rollerna vidarebefordrar du det här e-postmeddelandet till någon som har en av dem.`,
      `Öppna inbjudningslänken nedan och logga in på **${ui.adminCenter}** med det kontot.`,
      `Om länken till **${ui.customerAgreement}** visas på sidan **${ui.acceptAgreementPage}** väljer du den, läser avtalet och markerar kryssrutan för att bekräfta att du har läst det.`,
      `Välj **${ui.acceptAndAuthorizeButton}**.`,
      `Ingram Micro visas sedan under **${ui.partnerRelationshipsPath}**.`,
    ],
    linkFallback: 'Om knappen inte öppnas kopierar du den här adressen till webbläsaren:',
    doNotEditLink: (f) =>
      `Använd länken exakt som den är: den tillhör Ingram Micro i ${f.countryName}, och en ändrad länk fungerar inte.`,
    noAdminAccessTitle: 'Vad det innebär att acceptera',
    noAdminAccess: (voice) =>
      `När du accepterar upprättas en återförsäljarrelation så att Microsoft-molnprenumerationer kan köpas åt dig via Ingram Micro. Det ger varken Ingram Micro eller ${voice === 'reseller' ? 'oss' : 'din återförsäljare'} administratörsåtkomst till din klientorganisation. Administratörsåtkomst är en separat begäran (detaljerade delegerade administratörsbehörigheter, GDAP) som du granskar separat om den skickas.`,
    troubleshootingTitle: 'Om det inte fungerar',
    troubleshooting: (ui, f, voice) => [
      `Om ingen inbjudan visas efter inloggningen får kontot kanske inte acceptera den. Logga ut och logga sedan in igen som ${ui.globalAdministrator} eller ${ui.billingAdministrator}.`,
      `Om Ingram Micro redan visas under ${ui.partnerRelationshipsPath} behöver du inte göra något mer.`,
      `Den här länken gäller Ingram Micro i ${f.countryName}. Om din klientorganisation hör till ett annat land eller en annan region ber du ${voice === 'reseller' ? 'oss' : 'din återförsäljare'} om länken för det landet.`,
    ],
    reference: 'Referens: artikel AA-06184 i Ingram Micros kunskapsbas.',
  },
  resellerInvitation: {
    subject: (f) => `Auktorisera Ingram Micro som din Microsoft CSP-partner i ${f.countryName}`,
    preheader: (ui) =>
      `En person med rollen ${ui.globalAdministrator} i din Microsoft-klientorganisation accepterar inbjudan med en enda länk.`,
    heading: 'Auktorisera Ingram Micro som din Microsoft Cloud Solution Provider',
    intro: (f) =>
      `För att kunna köpa Microsofts molntjänster via oss behöver din organisation acceptera en återförsäljarrelation med Ingram Micro, vår CSP-partner (Microsoft Cloud Solution Provider) i ${f.countryName}.`,
    button: 'Öppna inbjudan',
    footer: (f) =>
      `Du får det här e-postmeddelandet eftersom vi har bjudit in din organisation att samarbeta med Ingram Micro i ${f.countryName}. Vid frågor kan du kontakta ${f.supportContact}.`,
  },
  customerAuthorizationRequest: {
    subject: (f) => `Åtgärd krävs: auktorisera Ingram Micro som din CSP-partner (${f.countryName})`,
    preheader: (ui) =>
      `Till dig som är ${ui.globalAdministrator}: acceptera återförsäljarrelationen i ${ui.adminCenter}.`,
    heading: 'Begäran om kundauktorisering',
    intro: (ui, f) =>
      `Din återförsäljare har bett oss skicka den här begäran till dig från Ingram Micro Cloud Marketplace i ${f.countryName}. Eftersom du är ${ui.globalAdministrator} i din Microsoft-klientorganisation ber vi dig auktorisera Ingram Micro som CSP-partner (Cloud Solution Provider) för klientorganisationen.`,
    button: 'Granska och acceptera',
    nextTitle: 'Nästa steg',
    next: (ui, f) =>
      `När du har accepterat visas Ingram Micro under ${ui.partnerRelationshipsPath} och din återförsäljare kan beställa Microsoft-prenumerationer åt dig via Ingram Micro Cloud Marketplace (${f.marketplaceHost}).`,
    marketplaceLabel: 'Ingram Micro Cloud Marketplace',
    footer: (f) =>
      `Det här meddelandet skickades från en adress som inte bevakas, så svara inte på det. Om du behöver hjälp kontaktar du din återförsäljare eller ${f.supportContact}.`,
  },
};
