import type { Language } from '../languages.js';
import type { MicrosoftLabelKey, MicrosoftProvenance, PartnerCenterLabelKey } from './schema.js';

/*
 * What Microsoft calls things and what Microsoft says, with where each was read.
 * Only words actually read on a page are quoted; anything that could not be read
 * is `unconfirmed`, with the reason. Sources were searched in November 2026.
 */

interface Page {
  url: string;
  title: string;
}

const page = (url: string, title: string): Page => ({ url, title });

const MANAGE_PARTNERS = page(
  'https://learn.microsoft.com/en-us/microsoft-365/commerce/manage-partners',
  'Microsoft 365 admin: Manage Microsoft-certified solution provider partner relationships',
);
/** Microsoft's own source of that page, read here (its English edition). */
const EN_SOURCE =
  "read in Microsoft's source of the page: MicrosoftDocs/microsoft-365-docs, microsoft-365/commerce/manage-partners.md (ms.date 01/08/2025, commit 21ea262)";
/** Microsoft's localized copies, read here. All are machine translations (ms.translationtype: MT). */
const DE_SOURCE =
  'read in MicrosoftDocs/microsoft-365-docs-pr.de-DE, microsoft-365/commerce/manage-partners.md (ms.date 04/13/2021, commit ea54542; machine translation)';
const NL_SOURCE =
  'read in MicrosoftDocs/microsoft-365-docs-pr.nl-NL, microsoft-365/commerce/manage-partners.md (ms.date 04/13/2021, commit 6cd9ed2; machine translation)';
const SV_SOURCE =
  'read in MicrosoftDocs/microsoft-365-docs-pr.sv-SE, microsoft-365/commerce/manage-partners.md (ms.date 04/13/2021, commit a15cc85; machine translation)';
const SV_SOURCE_2020 =
  'read in MicrosoftDocs/microsoft-365-docs-pr.sv-SE, microsoft-365/commerce/manage-partners.md (ms.lasthandoff 05/27/2020, commit 06bce9d; machine translation)';
const MANAGE_PARTNERS_SV = page(
  'https://learn.microsoft.com/sv-se/microsoft-365/commerce/manage-partners',
  'Hantera partnerrelationer',
);
/** Partner Center's page on the Microsoft Customer Agreement, in English. */
const CONFIRM_AGREEMENT = page(
  'https://learn.microsoft.com/en-us/partner-center/customers/confirm-customer-agreement',
  'Partner Center: Confirm customer acceptance of the Microsoft Customer Agreement',
);
const CONFIRM_AGREEMENT_SOURCE =
  "read in the English source sentences that Microsoft's localized copy keeps beside its translation: MicrosoftDocs/partner-center-pr.de-de, partner-center/confirm-customer-agreement.md (ms.date 03/24/2021); the English repository MicrosoftDocs/partner-center-pr could not be fetched here";
const MANAGE_PARTNERS_DE = page(
  'https://learn.microsoft.com/de-de/microsoft-365/commerce/manage-partners',
  'Microsoft 365 admin: Verwalten von Partnerbeziehungen',
);
const MANAGE_PARTNERS_FR = page(
  'https://learn.microsoft.com/fr-be/microsoft-365/commerce/manage-partners',
  'Microsoft 365 admin: Gérer les relations avec les partenaires',
);
const MANAGE_PARTNERS_IT = page(
  'https://learn.microsoft.com/it-it/microsoft-store/work-with-partner-microsoft-store-business',
  'Gestire le relazioni con i partner del provider di soluzioni certificate Microsoft',
);
const MANAGE_PARTNERS_NL = page(
  'https://docs.microsoft.com/nl-nl/microsoft-365/commerce/manage-partners?view=o365-worldwide',
  'Microsoft 365 admin: Partnerrelaties beheren',
);
const ANNOUNCEMENTS_2023_09 = page(
  'https://learn.microsoft.com/en-us/partner-center/announcements/2023-september',
  'Partner Center announcements, September 2023',
);

const confirmed = (at: Page, quote: string, checked: string): MicrosoftProvenance => ({
  status: 'confirmed',
  source: { ...at, quote, checked },
});
const unconfirmed = (reason: string, lookedAt?: Page): MicrosoftProvenance =>
  lookedAt ? { status: 'unconfirmed', reason, lookedAt } : { status: 'unconfirmed', reason };

const ON_PAGE = 'read on the page';
const SV_ROLES_QUOTE =
  'Du måste vara antingen global administratör eller faktureringsadministratör för att kunna göra följande.';
const ON_COPY = 'read on a copy of the page, Microsoft Learn being out of reach from here';

/** The acceptance section of the English page, as read (list items joined by a space). */
const ACCEPT_PAGE_QUOTE =
  'On the Accept agreement & authorize partner page, select the link for the Microsoft Customer Agreement, and read the document.';
const PATH_QUOTE = 'In the admin center, go to the Settings > Partner relationships page.';
/** Why a translation is unconfirmed where no localized copy was read. */
const LOCALIZED_PAGES_DISAGREE =
  "Microsoft's localized pages for this section disagree with each other (issue 12), and no copy of this language's page was read here, so the English label is shown beside it";
const NOT_FOUND = 'no Microsoft page with this label was found in this language';
const PATH_UNREAD =
  "the admin center's current menu path could not be read on a Microsoft page here";

interface RawLabel {
  text: string;
  provenance: MicrosoftProvenance;
}

export const labelRecords: Record<Language, Record<MicrosoftLabelKey, RawLabel>> = {
  en: {
    globalAdministrator: {
      text: 'Global Administrator',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/en-us/entra/identity/role-based-access-control/permissions-reference',
          'Microsoft Entra built-in roles',
        ),
        'Learn what each Microsoft Entra built-in role can do, from Global Administrator to Reports Reader.',
        "the page's description, read in its source (MicrosoftDocs/entra-docs)",
      ),
    },
    billingAdministrator: {
      text: 'Billing Administrator',
      provenance: confirmed(
        MANAGE_PARTNERS,
        'You must be at least a Billing Administrator to do these steps.',
        EN_SOURCE,
      ),
    },
    adminCenter: {
      text: 'Microsoft 365 admin center',
      provenance: confirmed(
        MANAGE_PARTNERS,
        'Customers accept the invitation in Microsoft 365 admin center and start working with the partner.',
        EN_SOURCE,
      ),
    },
    acceptAgreementPage: {
      text: 'Accept agreement & authorize partner',
      provenance: confirmed(MANAGE_PARTNERS, ACCEPT_PAGE_QUOTE, EN_SOURCE),
    },
    customerAgreement: {
      text: 'Microsoft Customer Agreement',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/en-us/partner-center/confirm-customer-agreement',
          'Partner Center: Confirm customer has accepted the Microsoft Customer Agreement',
        ),
        "Before you can place an order on a customer's behalf, the customer must accept and sign the Microsoft Customer Agreement.",
        ON_COPY,
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Accept & Authorize',
      provenance: confirmed(MANAGE_PARTNERS, 'Select Accept & Authorize.', EN_SOURCE),
    },
    partnerRelationshipsPath: {
      text: 'Settings > Partner relationships',
      provenance: confirmed(MANAGE_PARTNERS, PATH_QUOTE, EN_SOURCE),
    },
  },
  de: {
    globalAdministrator: {
      text: 'Globaler Administrator',
      provenance: confirmed(
        MANAGE_PARTNERS_DE,
        'Globaler Administrator, Helpdeskadministrator.',
        `${ON_PAGE} (roles of an advisor partner)`,
      ),
    },
    billingAdministrator: {
      text: 'Abrechnungsadministrator',
      provenance: confirmed(
        MANAGE_PARTNERS_DE,
        'Sie müssen mindestens ein Abrechnungsadministrator sein, um diese Schritte ausführen zu können.',
        ON_PAGE,
      ),
    },
    adminCenter: {
      text: 'Microsoft 365 Admin Center',
      provenance: confirmed(
        MANAGE_PARTNERS_DE,
        'Kunden akzeptieren die Einladung im Microsoft 365 Admin Center und beginnen mit der Zusammenarbeit mit dem Partner.',
        ON_PAGE,
      ),
    },
    acceptAgreementPage: {
      text: 'Vertrag akzeptieren und Partner autorisieren',
      provenance: unconfirmed(
        'Microsoft\'s German copy is a machine translation that drops the page title ("Wählen Sie auf der Seite & partner autorisieren den Link …"); no German title to confirm',
        MANAGE_PARTNERS_DE,
      ),
    },
    customerAgreement: {
      text: 'Microsoft-Kundenvertrag',
      provenance: unconfirmed(
        'Microsoft\'s German pages say both "Microsoft-Kundenvertrag" and "Microsoft-Kundenvereinbarung"',
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Akzeptieren und autorisieren',
      provenance: unconfirmed(
        'Microsoft\'s German copy (a machine translation) leaves the button in English: "Wählen Sie Accept & Authorize aus."',
        MANAGE_PARTNERS_DE,
      ),
    },
    partnerRelationshipsPath: {
      text: 'Einstellungen > Partnerbeziehungen',
      provenance: confirmed(
        MANAGE_PARTNERS_DE,
        'Wechseln Sie im Admin Center zur Seite Einstellungen > Partnerbeziehungen.',
        DE_SOURCE,
      ),
    },
  },
  fr: {
    globalAdministrator: {
      text: 'administrateur général',
      provenance: confirmed(
        MANAGE_PARTNERS_FR,
        'Administrateur général, administrateur du support technique.',
        `${ON_PAGE} (roles of an advisor partner)`,
      ),
    },
    billingAdministrator: {
      text: 'administrateur de facturation',
      provenance: confirmed(
        MANAGE_PARTNERS_FR,
        'Vous devez être au moins administrateur de facturation pour effectuer ces étapes.',
        ON_PAGE,
      ),
    },
    adminCenter: {
      text: 'Centre d’administration Microsoft 365',
      provenance: confirmed(
        MANAGE_PARTNERS_FR,
        'Les clients acceptent l’invitation dans Centre d’administration Microsoft 365 et commencent à travailler avec le partenaire.',
        ON_PAGE,
      ),
    },
    acceptAgreementPage: {
      text: 'Accepter le contrat et autoriser le partenaire',
      provenance: unconfirmed(
        'Microsoft\'s French copy (MicrosoftDocs/microsoft-365-docs-pr.fr-FR, manage-partners.md, a machine translation) garbles the page title: "Dans la page Accepter & autoriser le partenaire"',
        MANAGE_PARTNERS_FR,
      ),
    },
    customerAgreement: {
      text: 'Contrat client Microsoft',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/fr-fr/partner-center/customers/confirm-customer-agreement',
          'Espace partenaires : confirmer que votre client a accepté le Contrat client Microsoft',
        ),
        'Comment confirmer que votre client a accepté le Contrat client Microsoft au programme CSP',
        ON_PAGE,
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Accepter et autoriser',
      provenance: unconfirmed(
        'Microsoft\'s French copy (MicrosoftDocs/microsoft-365-docs-pr.fr-FR, manage-partners.md, a machine translation) writes "Accepter & autoriser" and garbles the page title ("Dans la page Accepter & autoriser le partenaire"), so the English label is shown beside it',
        MANAGE_PARTNERS_FR,
      ),
    },
    partnerRelationshipsPath: {
      text: 'Paramètres > Relations de partenaires',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
  es: {
    globalAdministrator: {
      text: 'administrador global',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/es-es/partner-center/enroll/become-global-admin',
          'Centro de partners: Buscar y convertirse en el administrador global',
        ),
        'En la pantalla Detalles del usuario, active la casilla "Administrar la cuenta de su organización como" y seleccione "Administrador global".',
        ON_PAGE,
      ),
    },
    billingAdministrator: {
      text: 'administrador de facturación',
      provenance: unconfirmed(
        'Microsoft\'s Spanish page read here says "administrador global o de facturación", not the role\'s full name',
      ),
    },
    adminCenter: {
      text: 'Centro de administración de Microsoft 365',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/es-es/partner-center/connect-with-your-customers',
          'Centro de partners: Conexión con los clientes',
        ),
        'Una vez que se inscribe correctamente como revendedor indirecto, puede ver los mismos clientes en el Centro de partners con los que puede que ya haga negocios en otros portales, como Centro de administración de Microsoft 365 o Azure Portal.',
        ON_PAGE,
      ),
    },
    acceptAgreementPage: {
      text: 'Aceptar el contrato y autorizar al partner',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE),
    },
    customerAgreement: {
      text: 'Contrato de cliente de Microsoft',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/es-es/partner-center/develop/confirm-customer-consent-customer-agreement',
          'Confirme la aceptación del cliente del Contrato de cliente de Microsoft',
        ),
        'Confirme la aceptación del cliente del Contrato de cliente de Microsoft mediante las API del Centro de partners.',
        ON_PAGE,
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Aceptar y autorizar',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE),
    },
    partnerRelationshipsPath: {
      text: 'Configuración > Relaciones con partners',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
  it: {
    globalAdministrator: {
      text: 'amministratore globale',
      provenance: confirmed(
        MANAGE_PARTNERS_IT,
        'Amministratore globale, amministratore helpdesk.',
        `${ON_PAGE} (roles of an advisor partner)`,
      ),
    },
    billingAdministrator: {
      text: 'amministratore della fatturazione',
      provenance: confirmed(
        MANAGE_PARTNERS_IT,
        'Per eseguire questa procedura, è necessario essere almeno un amministratore della fatturazione.',
        ON_PAGE,
      ),
    },
    adminCenter: {
      text: 'interfaccia di amministrazione di Microsoft 365',
      provenance: confirmed(
        MANAGE_PARTNERS_IT,
        "I clienti accettano l'invito in interfaccia di amministrazione di Microsoft 365 e iniziano a collaborare con il partner.",
        ON_PAGE,
      ),
    },
    acceptAgreementPage: {
      text: 'Accetta contratto e autorizza partner',
      provenance: unconfirmed(
        'Microsoft\'s Italian copy (MicrosoftDocs/microsoft-365-docs-pr.it-IT, manage-partners.md, a machine translation) reads "Nella pagina accetta contratto & autorizzare il partner"',
        MANAGE_PARTNERS_IT,
      ),
    },
    customerAgreement: {
      text: 'Contratto per i clienti Microsoft',
      provenance: unconfirmed(
        'a copy of a Microsoft Italian page says "Contratto Cliente Microsoft"; not confirmed on Microsoft Learn itself',
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Accetta e autorizza',
      provenance: unconfirmed(
        'Microsoft\'s Italian copy (MicrosoftDocs/microsoft-365-docs-pr.it-IT, manage-partners.md, a machine translation) writes "accetta & autorizzare", so the English label is shown beside it',
        MANAGE_PARTNERS_IT,
      ),
    },
    partnerRelationshipsPath: {
      text: 'Impostazioni > Relazioni con i partner',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
  nl: {
    globalAdministrator: {
      text: 'globale beheerder',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/nl-nl/partner-center/add-a-new-customer',
          'Partnercentrum: Een nieuwe klantrecord toevoegen',
        ),
        'Juiste rollen: globale beheerder | Beheerder van gebruikersbeheer | Beheerderagent | Verkoopagent',
        ON_PAGE,
      ),
    },
    billingAdministrator: {
      text: 'factureringsbeheerder',
      provenance: confirmed(
        MANAGE_PARTNERS_NL,
        'U moet een globale beheerder of factureringsbeheerder zijn om deze stappen uit te voeren.',
        `${ON_PAGE} (an earlier version)`,
      ),
    },
    adminCenter: {
      text: 'Microsoft 365-beheercentrum',
      // The partner page's Dutch copy writes "Microsoft 365 beheercentrum" (machine
      // translation, no hyphen); Microsoft's admin pages write the compound.
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/nl-nl/microsoft-365/admin/add-users/about-admin-roles',
          'Informatie over beheerdersrollen in het Microsoft 365-beheercentrum',
        ),
        'Informatie over beheerdersrollen in het Microsoft 365-beheercentrum',
        "the page's title, read in MicrosoftDocs/microsoft-365-docs-pr.nl-NL, microsoft-365/admin/add-users/about-admin-roles.md (commit 6cd9ed2)",
      ),
    },
    acceptAgreementPage: {
      text: 'Overeenkomst accepteren en partner autoriseren',
      provenance: unconfirmed(
        'Microsoft\'s Dutch copy is a machine translation that splits the page title ("op de pagina Overeenkomst accepteren & partner machtigen"), so the English label is shown beside it',
        MANAGE_PARTNERS_NL,
      ),
    },
    customerAgreement: {
      text: 'Microsoft-klantovereenkomst',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/nl-nl/partner-center/add-a-new-customer',
          'Partnercentrum: Een nieuwe klantrecord toevoegen',
        ),
        'Bevestig de Microsoft-klantovereenkomst: voordat u namens een klant een bestelling kunt plaatsen, moet u bevestigen dat deze de Microsoft-klantovereenkomst heeft geaccepteerd.',
        ON_PAGE,
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Accepteren en autoriseren',
      provenance: unconfirmed(
        'Microsoft\'s Dutch copy (a machine translation) cuts the button to "Accepteren & Autor.", so the English label is shown beside it',
        MANAGE_PARTNERS_NL,
      ),
    },
    partnerRelationshipsPath: {
      text: 'Instellingen > partnerrelaties',
      provenance: confirmed(
        MANAGE_PARTNERS_NL,
        'Ga in het beheercentrum naar de pagina Instellingen > partnerrelaties.',
        NL_SOURCE,
      ),
    },
  },
  sv: {
    globalAdministrator: {
      text: 'global administratör',
      provenance: confirmed(MANAGE_PARTNERS_SV, SV_ROLES_QUOTE, SV_SOURCE),
    },
    billingAdministrator: {
      text: 'faktureringsadministratör',
      provenance: confirmed(MANAGE_PARTNERS_SV, SV_ROLES_QUOTE, SV_SOURCE),
    },
    adminCenter: {
      text: 'administrationscentret för Microsoft 365',
      provenance: confirmed(
        MANAGE_PARTNERS_SV,
        'Om du får ett e-postmeddelande från din partner väljer du länken för att gå till administrationscentret för Microsoft 365 eller gå till sidan Acceptera avtal.',
        SV_SOURCE_2020,
      ),
    },
    acceptAgreementPage: {
      text: 'Acceptera avtal och auktorisera partner',
      provenance: unconfirmed(
        'Microsoft\'s Swedish copy is a machine translation that cuts the page title ("På sidan Acceptera avtal & partner,"), so the English label is shown beside it',
        MANAGE_PARTNERS_SV,
      ),
    },
    customerAgreement: {
      text: 'Microsofts kundavtal',
      provenance: unconfirmed(`issue 12 lists it as confirmed, but ${NOT_FOUND} to quote here`),
    },
    acceptAndAuthorizeButton: {
      text: 'Acceptera och auktorisera',
      provenance: unconfirmed(
        'Microsoft\'s Swedish copy is a machine translation of the button: "Välj Godkänn & Godkänn" (commit a15cc85), "Acceptera & auktorisera" in an earlier one (06bce9d), so the English label is shown beside it',
        MANAGE_PARTNERS_SV,
      ),
    },
    partnerRelationshipsPath: {
      text: 'Inställningar > Partnerrelationer',
      provenance: confirmed(
        MANAGE_PARTNERS_SV,
        'I administrationscentret går du till sidan Inställningar > Partnerrelationer.',
        SV_SOURCE,
      ),
    },
  },
};

const REQUEST_RELATIONSHIP = page(
  'https://learn.microsoft.com/en-us/partner-center/request-a-relationship-with-a-customer',
  'Partner Center: Request a reseller relationship with a customer',
);
/**
 * Partner Center's labels, as the agreement page names them. The request page
 * itself now reads "Sign in to Partner Center and select the Customers
 * workspace…" (issue 17); that page could not be read here, so its words are
 * not quoted.
 */
const REQUEST_RELATIONSHIP_QUOTE =
  'From the Customers tab within Partner Center, select Request a reseller relationship link.';

export const partnerCenterLabelRecords: Record<PartnerCenterLabelKey, RawLabel> = {
  customersWorkspace: {
    text: 'Customers',
    provenance: confirmed(CONFIRM_AGREEMENT, REQUEST_RELATIONSHIP_QUOTE, CONFIRM_AGREEMENT_SOURCE),
  },
  requestResellerRelationship: {
    text: 'Request a reseller relationship',
    provenance: confirmed(CONFIRM_AGREEMENT, REQUEST_RELATIONSHIP_QUOTE, CONFIRM_AGREEMENT_SOURCE),
  },
};

/*
 * Facts. `{labelKey}` in a statement stands for that Microsoft label as shown
 * in the statement's language (displayLabel), so a label is never retyped.
 */
export const factRecords = [
  {
    id: 'billingAdministratorMayAccept',
    statement:
      "Microsoft's current documentation says that whoever accepts must be at least a {billingAdministrator}.",
    translations: {
      de: 'Die aktuelle Dokumentation von Microsoft sagt, dass die annehmende Person mindestens {billingAdministrator} sein muss.',
      fr: 'La documentation actuelle de Microsoft indique que la personne qui accepte doit être au moins {billingAdministrator}.',
      es: 'La documentación actual de Microsoft indica que quien acepta debe ser al menos {billingAdministrator}.',
      it: 'La documentazione attuale di Microsoft indica che chi accetta deve essere almeno {billingAdministrator}.',
      nl: 'Volgens de huidige documentatie van Microsoft moet wie accepteert minstens {billingAdministrator} zijn.',
      sv: 'Enligt Microsofts nuvarande dokumentation måste den som accepterar vara minst {billingAdministrator}.',
    },
    provenance: confirmed(
      MANAGE_PARTNERS,
      'You must be at least a Billing Administrator to do these steps.',
      EN_SOURCE,
    ),
  },
  {
    id: 'acceptanceSteps',
    statement:
      'On the "{acceptAgreementPage}" page, the customer selects the link for the {customerAgreement} and reads it, checks the box to acknowledge reading it, and selects "{acceptAndAuthorizeButton}".',
    translations: {
      de: 'Auf der Seite „{acceptAgreementPage}“ wählt der Kunde den Link zum {customerAgreement} aus, liest ihn, aktiviert das Kontrollkästchen zur Bestätigung und wählt „{acceptAndAuthorizeButton}“ aus.',
      fr: 'Sur la page «\u00a0{acceptAgreementPage}\u00a0», le client sélectionne le lien du {customerAgreement}, le lit, coche la case pour confirmer sa lecture et sélectionne «\u00a0{acceptAndAuthorizeButton}\u00a0».',
      es: 'En la página «{acceptAgreementPage}», el cliente selecciona el vínculo del {customerAgreement}, lo lee, activa la casilla para confirmar que lo ha leído y selecciona «{acceptAndAuthorizeButton}».',
      it: 'Nella pagina «{acceptAgreementPage}» il cliente seleziona il link al {customerAgreement}, lo legge, seleziona la casella per confermare di averlo letto e seleziona «{acceptAndAuthorizeButton}».',
      nl: 'Op de pagina ‘{acceptAgreementPage}’ selecteert de klant de link naar de {customerAgreement}, leest die, vinkt het vakje aan om te bevestigen dat hij die heeft gelezen en selecteert ‘{acceptAndAuthorizeButton}’.',
      sv: 'På sidan ”{acceptAgreementPage}” väljer kunden länken till {customerAgreement}, läser avtalet, markerar rutan för att bekräfta att det är läst och väljer ”{acceptAndAuthorizeButton}”.',
    },
    provenance: confirmed(
      MANAGE_PARTNERS,
      `${ACCEPT_PAGE_QUOTE} Check the box to acknowledge that you read the agreement. Select Accept & Authorize.`,
      `${EN_SOURCE}; steps 2 to 4 of "Review and accept a partner relationship and Microsoft Customer Agreement", joined by a space`,
    ),
  },
  {
    id: 'customerAgreementIfNotYetAccepted',
    statement:
      'The {customerAgreement} is asked for only where the tenant has not accepted it yet.',
    translations: {
      de: 'Der {customerAgreement} wird nur verlangt, wo der Mandant ihn noch nicht angenommen hat.',
      fr: 'Le {customerAgreement} n’est demandé que si le locataire ne l’a pas encore accepté.',
      es: 'El {customerAgreement} solo se solicita si el inquilino aún no lo ha aceptado.',
      it: 'Il {customerAgreement} viene richiesto solo se il tenant non lo ha ancora accettato.',
      nl: 'De {customerAgreement} wordt alleen gevraagd als de tenant die nog niet heeft geaccepteerd.',
      sv: '{customerAgreement} efterfrågas bara om klientorganisationen inte har accepterat det ännu.',
    },
    provenance: unconfirmed(
      'the page has a section for a customer who "already has a partner but hasn\'t yet signed a Microsoft Customer Agreement"; it does not say when the acceptance page leaves the agreement out (issue 12)',
      MANAGE_PARTNERS,
    ),
  },
  {
    id: 'partnerListedUnderPartnerRelationships',
    statement:
      'Once accepted, the partner is listed under {partnerRelationshipsPath} in the {adminCenter}.',
    translations: {
      de: 'Nach der Annahme steht der Partner im {adminCenter} unter {partnerRelationshipsPath}.',
      fr: 'Une fois l’invitation acceptée, le partenaire figure sous {partnerRelationshipsPath} dans le {adminCenter}.',
      es: 'Una vez aceptada la invitación, el partner aparece en {partnerRelationshipsPath} en el {adminCenter}.',
      it: 'Dopo l’accettazione, il partner compare in {partnerRelationshipsPath} nell’{adminCenter}.',
      nl: 'Na de acceptatie staat de partner onder {partnerRelationshipsPath} in het {adminCenter}.',
      sv: 'När inbjudan har accepterats visas partnern under {partnerRelationshipsPath} i {adminCenter}.',
    },
    provenance: confirmed(
      MANAGE_PARTNERS,
      `${PATH_QUOTE} On the Partner relationships page, select the row that contains the name of the partner that you want to remove.`,
      EN_SOURCE,
    ),
  },
  {
    id: 'noDapSinceOctober2023',
    statement:
      'Since October 9, 2023, a reseller relationship comes with no delegated admin privileges (DAP).',
    translations: {
      de: 'Seit dem 9. Oktober 2023 sind mit einer Reseller-Beziehung keine delegierten Administratorrechte (DAP) mehr verbunden.',
      fr: 'Depuis le 9\u00a0octobre 2023, une relation de revendeur n’inclut plus de privilèges d’administrateur délégué (DAP).',
      es: 'Desde el 9 de octubre de 2023, una relación de revendedor no incluye privilegios de administrador delegado (DAP).',
      it: 'Dal 9 ottobre 2023 una relazione di rivenditore non include più privilegi di amministratore delegato (DAP).',
      nl: 'Sinds 9 oktober 2023 geeft een resellerrelatie geen gedelegeerde beheerdersbevoegdheden (DAP) meer.',
      sv: 'Sedan den 9 oktober 2023 ger en återförsäljarrelation inga delegerade administratörsbehörigheter (DAP).',
    },
    provenance: confirmed(
      ANNOUNCEMENTS_2023_09,
      'On October 9, 2023, DAP will no longer be available with reseller relationships.',
      "quoted in issue 12; the same sentence was read in a distributor's reproduction of the announcement, Microsoft's page being out of reach from here",
    ),
  },
  {
    id: 'gdapIsSeparate',
    statement:
      "Admin access is granular delegated admin privileges (GDAP): the customer agrees to give the partner the roles named in the partner's request.",
    translations: {
      de: 'Administratorzugriff sind granulare delegierte Administratorrechte (GDAP): Der Kunde stimmt zu, dem Partner die in dessen Anfrage genannten Rollen zu geben.',
      fr: 'L’accès administrateur passe par les privilèges d’administrateur délégué granulaires (GDAP)\u00a0: le client accepte de donner au partenaire les rôles nommés dans sa demande.',
      es: 'El acceso de administrador son los privilegios de administrador delegado granular (GDAP): el cliente acepta dar al partner los roles indicados en su solicitud.',
      it: 'L’accesso amministrativo sono i privilegi di amministratore delegato granulari (GDAP): il cliente accetta di dare al partner i ruoli indicati nella sua richiesta.',
      nl: 'Beheerderstoegang loopt via gedetailleerde gedelegeerde beheerdersbevoegdheden (GDAP): de klant stemt ermee in de partner de rollen uit diens verzoek te geven.',
      sv: 'Administratörsåtkomst är detaljerade delegerade administratörsbehörigheter (GDAP): kunden går med på att ge partnern de roller som dess begäran anger.',
    },
    provenance: confirmed(
      MANAGE_PARTNERS,
      'With GDAP, you agree to give partners roles specified in their request.',
      EN_SOURCE,
    ),
  },
  {
    id: 'partnerCenterRequest',
    statement:
      'In Partner Center, a reseller relationship is requested from Customers with "Request a reseller relationship".',
    translations: {
      de: 'Im Partner Center wird eine Reseller-Beziehung unter „Customers“ mit „Request a reseller relationship“ angefordert.',
      fr: 'Dans l’Espace partenaires, une relation de revendeur se demande depuis «\u00a0Customers\u00a0» avec «\u00a0Request a reseller relationship\u00a0».',
      es: 'En el Centro de partners, una relación de revendedor se solicita desde «Customers» con «Request a reseller relationship».',
      it: 'In Partner Center una relazione di rivenditore si richiede da «Customers» con «Request a reseller relationship».',
      nl: 'In Partner Center vraagt u een resellerrelatie aan vanuit ‘Customers’ met ‘Request a reseller relationship’.',
      sv: 'I Partner Center begär du en återförsäljarrelation under ”Customers” med ”Request a reseller relationship”.',
    },
    provenance: confirmed(CONFIRM_AGREEMENT, REQUEST_RELATIONSHIP_QUOTE, CONFIRM_AGREEMENT_SOURCE),
  },
  {
    id: 'indirectResellerChoosesProvider',
    statement:
      'An indirect reseller chooses its indirect provider when it requests the relationship.',
    translations: {
      de: 'Ein indirekter Reseller wählt seinen indirekten Anbieter, wenn er die Beziehung anfordert.',
      fr: 'Un revendeur indirect choisit son fournisseur indirect lorsqu’il demande la relation.',
      es: 'Un revendedor indirecto elige su proveedor indirecto al solicitar la relación.',
      it: 'Un rivenditore indiretto sceglie il suo provider indiretto quando richiede la relazione.',
      nl: 'Een indirecte reseller kiest zijn indirecte provider wanneer hij de relatie aanvraagt.',
      sv: 'En indirekt återförsäljare väljer sin indirekta leverantör när den begär relationen.',
    },
    provenance: unconfirmed(
      'issue 12 says so; not read on a Microsoft page here',
      REQUEST_RELATIONSHIP,
    ),
  },
  {
    id: 'sameCountryOrRegion',
    statement:
      'In most regions, a reseller relationship can only be established within the same country or region.',
    translations: {
      de: 'In den meisten Regionen kann eine Reseller-Beziehung nur innerhalb desselben Landes oder derselben Region hergestellt werden.',
      fr: 'Dans la plupart des régions, une relation de revendeur ne peut être établie que dans le même pays ou la même région.',
      es: 'En la mayoría de las regiones, una relación de revendedor solo puede establecerse dentro del mismo país o región.',
      it: 'Nella maggior parte delle aree una relazione di rivenditore può essere stabilita solo all’interno dello stesso paese o area.',
      nl: 'In de meeste regio’s kan een resellerrelatie alleen binnen hetzelfde land of dezelfde regio tot stand komen.',
      sv: 'I de flesta regioner kan en återförsäljarrelation bara upprättas inom samma land eller region.',
    },
    provenance: confirmed(
      page(
        'https://learn.microsoft.com/es-es/partner-center/request-a-relationship-with-a-customer',
        'Centro de partners: Cómo solicitar una relación de revendedor de un cliente',
      ),
      'Tenga en cuenta que la mayoría de las regiones solo pueden establecer relaciones de reventa con su misma región o país.',
      `${ON_PAGE} (the Spanish edition was the one found)`,
    ),
  },
  {
    id: 'invitationLinkShapes',
    statement:
      'Microsoft invitation links come in two typical shapes: invType=ResellerRelationship&partnerId=… and invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
    translations: {
      de: 'Einladungslinks von Microsoft haben zwei typische Formen: invType=ResellerRelationship&partnerId=… und invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
      fr: 'Les liens d’invitation de Microsoft ont deux formes typiques\u00a0: invType=ResellerRelationship&partnerId=… et invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
      es: 'Los vínculos de invitación de Microsoft tienen dos formas típicas: invType=ResellerRelationship&partnerId=… e invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
      it: 'I link di invito di Microsoft hanno due forme tipiche: invType=ResellerRelationship&partnerId=… e invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
      nl: 'Uitnodigingslinks van Microsoft hebben twee typische vormen: invType=ResellerRelationship&partnerId=… en invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
      sv: 'Microsofts inbjudningslänkar har två typiska former: invType=ResellerRelationship&partnerId=… och invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
    },
    provenance: unconfirmed(
      'both shapes are seen in public material (issue 12); no Microsoft page read here documents them',
      REQUEST_RELATIONSHIP,
    ),
  },
  {
    id: 'agreementNeedsPartnerAttestation',
    statement:
      'A customer who is asked to contact their partner to confirm acceptance of the {customerAgreement} needs the partner to attest that acceptance on their behalf.',
    translations: {
      de: 'Ein Kunde, der aufgefordert wird, sich an seinen Partner zu wenden, um zu bestätigen, dass er den {customerAgreement} angenommen hat, braucht den Partner, der das in seinem Namen bestätigt.',
      fr: 'Un client invité à contacter son partenaire pour confirmer l’acceptation du {customerAgreement} a besoin que le partenaire atteste cette acceptation en son nom.',
      es: 'Un cliente al que se le pide que se ponga en contacto con su partner para confirmar la aceptación del {customerAgreement} necesita que el partner dé fe de esa aceptación en su nombre.',
      it: 'Un cliente a cui viene chiesto di contattare il partner per confermare l’accettazione del {customerAgreement} ha bisogno che il partner attesti tale accettazione per suo conto.',
      nl: 'Een klant die wordt gevraagd contact op te nemen met zijn partner om de acceptatie van de {customerAgreement} te bevestigen, heeft de partner nodig om die acceptatie namens hem te bevestigen.',
      sv: 'En kund som uppmanas att kontakta sin partner för att bekräfta att {customerAgreement} har accepterats behöver att partnern intygar det för kundens räkning.',
    },
    provenance: confirmed(
      CONFIRM_AGREEMENT,
      'When that customer clicks the URL, they will receive the message "Please reach out to your Partner to confirm your acceptance of the Microsoft Customer Agreement." To resolve: You must attest on behalf of the customer.',
      `${CONFIRM_AGREEMENT_SOURCE}; "Scenario 1" of the section on customer acceptance in the Microsoft 365 admin center`,
    ),
  },
  {
    id: 'indirectResellerCannotAttest',
    statement:
      "An indirect reseller cannot attest the customer's acceptance: its indirect provider does.",
    translations: {
      de: 'Ein indirekter Reseller kann die Annahme durch den Kunden nicht bestätigen: Das tut sein indirekter Anbieter.',
      fr: 'Un revendeur indirect ne peut pas attester l’acceptation du client\u00a0: c’est son fournisseur indirect qui le fait.',
      es: 'Un revendedor indirecto no puede dar fe de la aceptación del cliente: lo hace su proveedor indirecto.',
      it: 'Un rivenditore indiretto non può attestare l’accettazione del cliente: lo fa il suo provider indiretto.',
      nl: 'Een indirecte reseller kan de acceptatie door de klant niet bevestigen: dat doet zijn indirecte provider.',
      sv: 'En indirekt återförsäljare kan inte intyga kundens godkännande: det gör dess indirekta leverantör.',
    },
    provenance: confirmed(
      CONFIRM_AGREEMENT,
      'Indirect resellers cannot attest on behalf of their customers and need to work with their Indirect Provider to get attestation completed.',
      CONFIRM_AGREEMENT_SOURCE,
    ),
  },
] as const;
