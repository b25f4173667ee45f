import type { Language } from '../countries/schema.js';
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
  'Microsoft 365 admin: Manage partner relationships',
);
const MANAGE_PARTNERS_DE = page(
  'https://learn.microsoft.com/de-de/microsoft-365/commerce/manage-partners',
  'Microsoft 365 admin: Verwalten von Partnerbeziehungen (German)',
);
const MANAGE_PARTNERS_FR = page(
  'https://learn.microsoft.com/fr-be/microsoft-365/commerce/manage-partners',
  'Microsoft 365 admin: Gérer les relations avec les partenaires (French)',
);
const MANAGE_PARTNERS_IT = page(
  'https://learn.microsoft.com/it-it/microsoft-store/work-with-partner-microsoft-store-business',
  'Gestire le relazioni con i partner del provider di soluzioni certificate Microsoft (Italian)',
);
const MANAGE_PARTNERS_NL = page(
  'https://docs.microsoft.com/nl-nl/microsoft-365/commerce/manage-partners?view=o365-worldwide',
  'Microsoft 365 admin: Partnerrelaties beheren (Dutch, earlier version)',
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
const ON_COPY = 'read on a copy of the page, Microsoft Learn being out of reach from here';

/** Why the acceptance page's own labels are unconfirmed in English. */
const ACCEPTANCE_SECTION_UNREAD =
  'issue 12 quotes it from the section "Review and accept a partner relationship and Microsoft Customer Agreement" of this page; that section could not be read here to check the quote';
/** Why they are unconfirmed in the other languages. */
const LOCALIZED_PAGES_DISAGREE =
  "Microsoft's localized pages for this section disagree with each other (issue 12), so the English label is shown beside it";
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
        ON_COPY,
      ),
    },
    adminCenter: {
      text: 'Microsoft 365 admin center',
      provenance: confirmed(
        MANAGE_PARTNERS,
        'Customers accept the invitation in Microsoft 365 admin center and start working with the partner.',
        ON_COPY,
      ),
    },
    acceptAgreementPage: {
      text: 'Accept agreement & authorize partner',
      provenance: unconfirmed(ACCEPTANCE_SECTION_UNREAD, MANAGE_PARTNERS),
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
      provenance: unconfirmed(ACCEPTANCE_SECTION_UNREAD, MANAGE_PARTNERS),
    },
    partnerRelationshipsPath: {
      text: 'Settings > Partner relationships',
      provenance: unconfirmed(PATH_UNREAD, MANAGE_PARTNERS),
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
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE, MANAGE_PARTNERS_DE),
    },
    customerAgreement: {
      text: 'Microsoft-Kundenvertrag',
      provenance: unconfirmed(
        'Microsoft\'s German pages say both "Microsoft-Kundenvertrag" and "Microsoft-Kundenvereinbarung"',
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Akzeptieren und autorisieren',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE, MANAGE_PARTNERS_DE),
    },
    partnerRelationshipsPath: {
      text: 'Einstellungen > Partnerbeziehungen',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
  fr: {
    globalAdministrator: {
      text: 'Administrateur général',
      provenance: confirmed(
        MANAGE_PARTNERS_FR,
        'Administrateur général, administrateur du support technique.',
        `${ON_PAGE} (roles of an advisor partner)`,
      ),
    },
    billingAdministrator: {
      text: 'Administrateur de facturation',
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
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE, MANAGE_PARTNERS_FR),
    },
    customerAgreement: {
      text: 'Contrat client Microsoft',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/fr-fr/partner-center/customers/confirm-customer-agreement',
          'Espace partenaires : confirmer que votre client a accepté le Contrat client Microsoft (French)',
        ),
        'Comment confirmer que votre client a accepté le Contrat client Microsoft au programme CSP',
        ON_PAGE,
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Accepter et autoriser',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE, MANAGE_PARTNERS_FR),
    },
    partnerRelationshipsPath: {
      text: 'Paramètres > Relations de partenaires',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
  es: {
    globalAdministrator: {
      text: 'Administrador global',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/es-es/partner-center/enroll/become-global-admin',
          'Centro de partners: Buscar y convertirse en el administrador global (Spanish)',
        ),
        'En la pantalla Detalles del usuario, active la casilla "Administrar la cuenta de su organización como" y seleccione "Administrador global".',
        ON_PAGE,
      ),
    },
    billingAdministrator: {
      text: 'Administrador de facturación',
      provenance: unconfirmed(
        'Microsoft\'s Spanish page read here says "administrador global o de facturación", not the role\'s full name',
      ),
    },
    adminCenter: {
      text: 'Centro de administración de Microsoft 365',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/es-es/partner-center/connect-with-your-customers',
          'Centro de partners: Conexión con los clientes (Spanish)',
        ),
        'Una vez que se inscribe correctamente como revendedor indirecto, puede ver los mismos clientes en el Centro de partners con los que puede que ya haga negocios en otros portales, como Centro de administración de Microsoft 365 o Azure Portal.',
        ON_PAGE,
      ),
    },
    acceptAgreementPage: {
      text: 'Aceptar el contrato y autorizar al asociado',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE),
    },
    customerAgreement: {
      text: 'Contrato de cliente de Microsoft',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/es-es/partner-center/develop/confirm-customer-consent-customer-agreement',
          'Confirme la aceptación del cliente del Contrato de cliente de Microsoft (Spanish)',
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
      text: 'Configuración > Relaciones con asociados',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
  it: {
    globalAdministrator: {
      text: 'Amministratore globale',
      provenance: confirmed(
        MANAGE_PARTNERS_IT,
        'Amministratore globale, amministratore helpdesk.',
        `${ON_PAGE} (roles of an advisor partner)`,
      ),
    },
    billingAdministrator: {
      text: 'Amministratore della fatturazione',
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
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE, MANAGE_PARTNERS_IT),
    },
    customerAgreement: {
      text: 'Contratto per i clienti Microsoft',
      provenance: unconfirmed(
        'a copy of a Microsoft Italian page says "Contratto Cliente Microsoft"; not confirmed on Microsoft Learn itself',
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Accetta e autorizza',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE, MANAGE_PARTNERS_IT),
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
          'Partnercentrum: Een nieuwe klantrecord toevoegen (Dutch)',
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
      text: 'Microsoft 365 beheercentrum',
      provenance: confirmed(
        MANAGE_PARTNERS_NL,
        'Klanten accepteren de uitnodiging in Microsoft 365 beheercentrum en gaan met de partner werken.',
        `${ON_PAGE} (an earlier version)`,
      ),
    },
    acceptAgreementPage: {
      text: 'Overeenkomst accepteren en partner autoriseren',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE, MANAGE_PARTNERS_NL),
    },
    customerAgreement: {
      text: 'Microsoft-klantovereenkomst',
      provenance: confirmed(
        page(
          'https://learn.microsoft.com/nl-nl/partner-center/add-a-new-customer',
          'Partnercentrum: Een nieuwe klantrecord toevoegen (Dutch)',
        ),
        'Bevestig de Microsoft-klantovereenkomst: voordat u namens een klant een bestelling kunt plaatsen, moet u bevestigen dat deze de Microsoft-klantovereenkomst heeft geaccepteerd.',
        ON_PAGE,
      ),
    },
    acceptAndAuthorizeButton: {
      text: 'Accepteren en autoriseren',
      provenance: unconfirmed(
        `${LOCALIZED_PAGES_DISAGREE} (one Dutch page shortens it to "Accepteren & Autor.")`,
        MANAGE_PARTNERS_NL,
      ),
    },
    partnerRelationshipsPath: {
      text: 'Instellingen > Partnerrelaties',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
  sv: {
    globalAdministrator: {
      text: 'Global administratör',
      provenance: unconfirmed(`issue 12 lists it as confirmed, but ${NOT_FOUND} to quote here`),
    },
    billingAdministrator: {
      text: 'Faktureringsadministratör',
      provenance: unconfirmed(NOT_FOUND),
    },
    adminCenter: {
      text: 'administrationscentret för Microsoft 365',
      provenance: unconfirmed(NOT_FOUND),
    },
    acceptAgreementPage: {
      text: 'Acceptera avtal och auktorisera partner',
      provenance: unconfirmed(LOCALIZED_PAGES_DISAGREE),
    },
    customerAgreement: {
      text: 'Microsofts kundavtal',
      provenance: unconfirmed(`issue 12 lists it as confirmed, but ${NOT_FOUND} to quote here`),
    },
    acceptAndAuthorizeButton: {
      text: 'Acceptera och auktorisera',
      provenance: unconfirmed(
        `${LOCALIZED_PAGES_DISAGREE} ("Acceptera & auktorisera", "Godkänn & Godkänn", "acceptera & verifiera")`,
      ),
    },
    partnerRelationshipsPath: {
      text: 'Inställningar > Partnerrelationer',
      provenance: unconfirmed(PATH_UNREAD),
    },
  },
};

const REQUEST_RELATIONSHIP = page(
  'https://learn.microsoft.com/en-us/partner-center/request-a-relationship-with-a-customer',
  'Partner Center: Request a reseller relationship with a customer',
);
const REQUEST_RELATIONSHIP_QUOTE =
  'Select Customers from your Partner Center menu and then select Request a reseller relationship.';

export const partnerCenterLabelRecords: Record<PartnerCenterLabelKey, RawLabel> = {
  customersWorkspace: {
    text: 'Customers',
    provenance: confirmed(REQUEST_RELATIONSHIP, REQUEST_RELATIONSHIP_QUOTE, ON_COPY),
  },
  requestResellerRelationship: {
    text: 'Request a reseller relationship',
    provenance: confirmed(REQUEST_RELATIONSHIP, REQUEST_RELATIONSHIP_QUOTE, ON_COPY),
  },
};

export const factRecords = [
  {
    id: 'billingAdministratorMayAccept',
    statement:
      "Microsoft's current documentation says that whoever accepts must be at least a Billing Administrator.",
    provenance: confirmed(
      MANAGE_PARTNERS,
      'You must be at least a Billing Administrator to do these steps.',
      ON_COPY,
    ),
  },
  {
    id: 'acceptanceSteps',
    statement:
      'On the "Accept agreement & authorize partner" page, the customer selects the link for the Microsoft Customer Agreement and reads it, checks the box to acknowledge reading it, and selects "Accept & Authorize".',
    provenance: unconfirmed(ACCEPTANCE_SECTION_UNREAD, MANAGE_PARTNERS),
  },
  {
    id: 'customerAgreementIfNotYetAccepted',
    statement:
      'The Microsoft Customer Agreement is asked for only where the tenant has not accepted it yet.',
    provenance: unconfirmed(
      'issue 12 says so; no Microsoft page read here says when the agreement step is shown',
      MANAGE_PARTNERS,
    ),
  },
  {
    id: 'partnerListedUnderPartnerRelationships',
    statement:
      'Once accepted, the partner is listed under Settings > Partner relationships in the Microsoft 365 admin center.',
    provenance: unconfirmed(PATH_UNREAD, MANAGE_PARTNERS),
  },
  {
    id: 'noDapSinceOctober2023',
    statement:
      'Since October 9, 2023, a reseller relationship comes with no delegated admin privileges (DAP).',
    provenance: confirmed(
      ANNOUNCEMENTS_2023_09,
      'On October 9, 2023, DAP will no longer be available with reseller relationships.',
      "quoted in issue 12; the same sentence was read in a distributor's reproduction of the announcement, Microsoft's page being out of reach from here",
    ),
  },
  {
    id: 'gdapIsSeparate',
    statement:
      'Admin access is granular delegated admin privileges (GDAP): partners request it and customers must grant it explicitly, apart from the reseller relationship.',
    provenance: confirmed(
      page(
        'https://learn.microsoft.com/de-de/graph/api/resources/delegatedadminrelationships-api-overview',
        'Microsoft Graph: delegated admin relationships (GDAP) API overview (German)',
      ),
      'Über GDAP konfigurieren und fordern Partner präzisen und zeitgebundenen Zugriff auf die Umgebungen ihrer Kunden an, und Kunden müssen diesen Zugriff mit den geringsten Rechten explizit partnern gewähren.',
      `${ON_PAGE} (the German edition was the one found)`,
    ),
  },
  {
    id: 'partnerCenterRequest',
    statement:
      'In Partner Center, a reseller relationship is requested from the Customers workspace with "Request a reseller relationship".',
    provenance: confirmed(REQUEST_RELATIONSHIP, REQUEST_RELATIONSHIP_QUOTE, ON_COPY),
  },
  {
    id: 'indirectResellerChoosesProvider',
    statement:
      'An indirect reseller chooses its indirect provider when it requests the relationship.',
    provenance: unconfirmed(
      'issue 12 says so; not read on a Microsoft page here',
      REQUEST_RELATIONSHIP,
    ),
  },
  {
    id: 'sameCountryOrRegion',
    statement:
      'In most regions, a reseller relationship can only be established within the same country or region.',
    provenance: confirmed(
      page(
        'https://learn.microsoft.com/es-es/partner-center/request-a-relationship-with-a-customer',
        'Centro de partners: Cómo solicitar una relación de revendedor de un cliente (Spanish)',
      ),
      'Tenga en cuenta que la mayoría de las regiones solo pueden establecer relaciones de reventa con su misma región o país.',
      `${ON_PAGE} (the Spanish edition was the one found)`,
    ),
  },
  {
    id: 'invitationLinkShapes',
    statement:
      'Microsoft invitation links come in two typical shapes: invType=ResellerRelationship&partnerId=… and invType=IndirectResellerRelationship&partnerId=…&msppId=…&indirectCSPId=….',
    provenance: unconfirmed(
      'both shapes are seen in public material (issue 12); no Microsoft page read here documents them',
      REQUEST_RELATIONSHIP,
    ),
  },
] as const;
