/**
 * The words the site's components write (notes, tables, country choice,
 * gallery), in every language of the site. Page prose lives in the content
 * files; Microsoft's labels and facts come from the templates package. The type
 * makes a missing string a type error, and `missingUiStrings()` (run by the
 * build, see translation-check.ts) makes it a build error too.
 */
import type { RegistryField, TemplateId } from '@csp-enablement/templates';

export type { RegistryField };
import { LANGUAGES, type SiteLanguage } from './locales.ts';

export interface FlowText {
  title: string;
  caption: string;
  /** Each box: its heading and its text (wrapped to the box's width when drawn). */
  step1: [string, string];
  step2: [string, string];
  customer: (page: string, agreement: string, button: string) => [string, string];
  result: (partners: string) => [string, string];
  arrow: string;
  description: (page: string, agreement: string, button: string, partners: string) => string;
}

export interface UiStrings {
  updatedNoteTitle: string;
  source: string;
  sources: string;
  notConfirmed: string;
  originalArticle: string;
  toCheck: (count: number) => string;
  referenceNumber: string;
  placeholder: string;
  verified: string;
  placeholderAdvice: string;
  invitationLinkFor: (country: string) => string;
  noLinkHere: (country: string) => string;
  cloudMarketplace: string;
  sender: string;
  emailLanguage: string;
  emailFor: (template: string, country: string) => string;
  inGallery: string;
  chooseCountry: string;
  templateNames: Readonly<Record<TemplateId, string>>;
  step: (n: number) => string;
  marketplacesCaption: (count: number) => string;
  country: string;
  language: string;
  marketplace: string;
  invitationLink: string;
  notPublished: string;
  galleryCaption: (countries: number, templates: number) => string;
  galleryTitle: (country: string) => string;
  galleryDescription: (country: string, language: string) => string;
  galleryIntro: (country: string, language: string) => string;
  galleryBack: string;
  galleryPlaceholders: (fields: string) => string;
  marketplaceLinks: string;
  subject: string;
  from: string;
  fingerprint: string;
  templatesVersion: (version: string) => string;
  whoSends: (button: string, from: string) => string;
  placeholderPreview: string;
  htmlPart: string;
  textPart: string;
  copyText: string;
  openText: string;
  copied: string;
  copyFailed: string;
  notAvailable: string;
  noTranslation: (language: string) => string;
  changelogFrom: string;
  changelogReleased: string;
  /** "in Spanish", for a source in another language than the page's. */
  inLanguage: (language: string) => string;
  /** The registry's fields, named in a sentence ("support contact"). */
  registryFields: Readonly<Record<RegistryField, string>>;
  /**
   * Why a registry value is a placeholder, by field: the registry's English
   * reasons (packages/templates/src/countries/records.ts), said in this language.
   */
  registryReasons: Readonly<Record<RegistryField, string>>;
  /** Where a verified registry value comes from, where the site has words for it. */
  registrySources: Readonly<Partial<Record<RegistryField, string>>>;
  supportContact: string;
  /** The sender of Step 1: the reseller, from their own mailbox. */
  fromReseller: string;
  flow: FlowText;
}

const en: UiStrings = {
  updatedNoteTitle: 'Updated since the original article',
  source: 'Source',
  sources: 'Sources',
  notConfirmed: 'Not confirmed',
  originalArticle: 'Ingram Micro knowledge base article AA-06184, the original article.',
  toCheck: (n) =>
    `${n === 1 ? 'one statement' : `${String(n)} statements`} above, to be checked here`,
  referenceNumber: 'Article reference number',
  placeholder: 'Placeholder',
  verified: 'Verified',
  placeholderAdvice: "ask Ingram Micro Sales for your country's link",
  invitationLinkFor: (c) => `Invitation link for ${c}`,
  noLinkHere: (c) => `No link for ${c} here`,
  cloudMarketplace: 'Cloud Marketplace',
  sender: 'Sender',
  emailLanguage: 'Email language',
  emailFor: (t, c) => `${t} email for ${c}`,
  inGallery: 'in the email gallery.',
  chooseCountry: 'Country',
  templateNames: {
    'reseller-invitation': 'Reseller invitation',
    'customer-authorization-request': 'Customer Authorization Request',
  },
  step: (n) => `Step ${String(n)}`,
  marketplacesCaption: (n) =>
    `Cloud Marketplace countries (${String(n)}), from the registry of @csp-enablement/templates`,
  country: 'Country',
  language: 'Language',
  marketplace: 'Marketplace',
  invitationLink: 'Invitation link',
  notPublished: 'Not published here',
  galleryCaption: (c, t) => `Emails by country (${String(c)} countries × ${String(t)} templates)`,
  galleryTitle: (c) => `Emails for ${c}`,
  galleryDescription: (c, l) =>
    `The Reseller invitation and the Customer Authorization Request for ${c}, in ${l}: HTML, plain text and the exact text to copy.`,
  galleryIntro: (c, l) =>
    `The two emails for ${c}, rendered from the locked templates, in ${l}, with the links of this marketplace:`,
  galleryBack: 'Back to the email gallery',
  galleryPlaceholders: (f) =>
    `These previews contain values not confirmed yet (${f}); see the country marketplaces. They are never sent to a real recipient, and nothing in them is offered to copy:`,
  marketplaceLinks: 'Marketplace',
  subject: 'Subject',
  from: 'From',
  fingerprint: 'Fingerprint',
  templatesVersion: (v) => `templates ${v}`,
  whoSends: (b, f) =>
    `The Cloud Marketplace sends this email when you select ${b} (or the sender app sends it for sales), from ${f}. You do not send it yourself, so there is nothing to copy. It leads to the same Microsoft acceptance page as your own invitation.`,
  placeholderPreview:
    'Preview only: the invitation link in this email is a placeholder, not a working link, so there is nothing to copy. For the real link,',
  htmlPart: 'HTML part',
  textPart: 'Plain-text part',
  copyText: 'Copy invitation text',
  openText: 'Open the plain text',
  copied: 'Copied.',
  copyFailed: 'Could not copy: open the plain text and copy it from there.',
  notAvailable: 'Not available yet',
  noTranslation: (l) => `This email has no ${l} translation in @csp-enablement/templates yet.`,
  changelogFrom: 'From',
  changelogReleased: 'as released.',
  inLanguage: (n) => `in ${n}`,
  registryFields: {
    marketplaceUrl: 'marketplace address',
    invitationUrl: 'invitation link',
    senderAddress: 'sender address',
    supportContact: 'support contact',
  },
  registryReasons: {
    marketplaceUrl:
      'follows the public https://<code>.cloud.im pattern; not confirmed for this country',
    invitationUrl: 'Ingram Micro’s partner tenant GUID for this country is not public',
    senderAddress: 'sender address not confirmed from a public source',
    supportContact: 'support mailbox not confirmed from a public source',
  },
  registrySources: {
    marketplaceUrl: 'public Ingram Micro Cloud Marketplace address',
    senderAddress: 'Ingram Micro knowledge base article AA-06184',
  },
  supportContact: 'Support contact',
  fromReseller: 'You, the reseller: you copy this text into your own email',
  flow: {
    title: 'The two steps of AA-06184 and the customer’s acceptance',
    caption: 'How the two steps reach the customer’s Global Administrator.',
    step1: [
      'Step 1 · Reseller',
      'Partner admin center (today: Partner Center): sends the invitation text with its one unique link, unchanged.',
    ],
    step2: [
      'Step 2 · Marketplace',
      'Reseller selects Microsoft: Replace Advisor / Open with CSP, Send Customer Authorization Request; the Marketplace emails it.',
    ],
    customer: (p, a, b) => [
      'Customer’s Global Administrator',
      `Opens the link and signs in to the tenant. On the “${p}” page: the ${a} (if shown), then ${b}.`,
    ],
    result: (partners) => ['Result', `Ingram Micro is listed under ${partners}. No admin access.`],
    arrow: 'email',
    description: (p, a, b, partners) =>
      'Step 1: the reseller sends the invitation text with its one unique link, unchanged (in the Partner admin center of the article, today Partner Center). ' +
      'Step 2: in the Cloud Marketplace the reseller selects Microsoft: Replace Advisor / Open with CSP and Send Customer Authorization Request; the Marketplace emails it. ' +
      `Both emails reach the customer’s Global Administrator, who opens the link, signs in, and on the “${p}” page reads the ${a} if shown, then selects ${b}. ` +
      `Ingram Micro is then listed under ${partners}; this grants no admin access.`,
  },
};

const de: UiStrings = {
  updatedNoteTitle: 'Aktualisiert seit dem ursprünglichen Artikel',
  source: 'Quelle',
  sources: 'Quellen',
  notConfirmed: 'Nicht bestätigt',
  originalArticle: 'Artikel AA-06184 der Ingram Micro Wissensdatenbank, der ursprüngliche Artikel.',
  toCheck: (n) => `${n === 1 ? 'eine Aussage' : `${String(n)} Aussagen`} oben, hier noch zu prüfen`,
  referenceNumber: 'Referenznummer des Artikels',
  placeholder: 'Platzhalter',
  verified: 'Bestätigt',
  placeholderAdvice: 'Bitten Sie den Ingram Micro Vertrieb um den Link für Ihr Land',
  invitationLinkFor: (c) => `Einladungslink für ${c}`,
  noLinkHere: (c) => `Hier kein Link für ${c}`,
  cloudMarketplace: 'Cloud Marketplace',
  sender: 'Absender',
  emailLanguage: 'Sprache der E-Mail',
  emailFor: (t, c) => `E-Mail „${t}“ für ${c}`,
  inGallery: 'in der E-Mail-Galerie.',
  chooseCountry: 'Land',
  templateNames: {
    'reseller-invitation': 'Reseller-Einladung',
    'customer-authorization-request': 'Anfrage zur Kundenautorisierung',
  },
  step: (n) => `Schritt ${String(n)}`,
  marketplacesCaption: (n) =>
    `Länder des Cloud Marketplace (${String(n)}), aus dem Register von @csp-enablement/templates`,
  country: 'Land',
  language: 'Sprache',
  marketplace: 'Marketplace',
  invitationLink: 'Einladungslink',
  notPublished: 'Hier nicht veröffentlicht',
  galleryCaption: (c, t) => `E-Mails nach Land (${String(c)} Länder × ${String(t)} Vorlagen)`,
  galleryTitle: (c) => `E-Mails für ${c}`,
  galleryDescription: (c, l) =>
    `Die Reseller-Einladung und die Anfrage zur Kundenautorisierung für ${c}, auf ${l}: HTML, Nur-Text und der genaue Text zum Kopieren.`,
  galleryIntro: (c, l) =>
    `Die beiden E-Mails für ${c}, aus den gesperrten Vorlagen erstellt, auf ${l}, mit den Links dieses Marketplace:`,
  galleryBack: 'Zurück zur E-Mail-Galerie',
  galleryPlaceholders: (f) =>
    `Diese Vorschauen enthalten noch nicht bestätigte Werte (${f}); siehe Länder-Marketplaces. Sie werden nie an echte Empfänger gesendet, und nichts darin wird zum Kopieren angeboten:`,
  marketplaceLinks: 'Marketplace',
  subject: 'Betreff',
  from: 'Von',
  fingerprint: 'Fingerabdruck',
  templatesVersion: (v) => `Vorlagen ${v}`,
  whoSends: (b, f) =>
    `Der Cloud Marketplace sendet diese E-Mail, wenn Sie ${b} auswählen (oder die Sender-App sendet sie für den Vertrieb), von ${f}. Sie senden sie nicht selbst, daher gibt es nichts zu kopieren. Sie führt zur selben Annahmeseite von Microsoft wie Ihre eigene Einladung.`,
  placeholderPreview:
    'Nur Vorschau: Der Einladungslink in dieser E-Mail ist ein Platzhalter, kein funktionierender Link, daher gibt es nichts zu kopieren. Für den echten Link:',
  htmlPart: 'HTML-Teil',
  textPart: 'Nur-Text-Teil',
  copyText: 'Einladungstext kopieren',
  openText: 'Nur-Text öffnen',
  copied: 'Kopiert.',
  copyFailed: 'Kopieren nicht möglich: Öffnen Sie den Nur-Text und kopieren Sie ihn dort.',
  notAvailable: 'Noch nicht verfügbar',
  noTranslation: (l) =>
    `Diese E-Mail hat in @csp-enablement/templates noch keine Übersetzung auf ${l}.`,
  changelogFrom: 'Aus',
  changelogReleased: 'wie veröffentlicht.',
  inLanguage: (n) => `auf ${n}`,
  registryFields: {
    marketplaceUrl: 'Marketplace-Adresse',
    invitationUrl: 'Einladungslink',
    senderAddress: 'Absenderadresse',
    supportContact: 'Support-Kontakt',
  },
  registryReasons: {
    marketplaceUrl:
      'folgt dem öffentlichen Muster https://<code>.cloud.im; für dieses Land nicht bestätigt',
    invitationUrl:
      'die Partner-Mandanten-GUID von Ingram Micro für dieses Land ist nicht öffentlich',
    senderAddress: 'Absenderadresse nicht aus einer öffentlichen Quelle bestätigt',
    supportContact: 'Support-Postfach nicht aus einer öffentlichen Quelle bestätigt',
  },
  registrySources: {
    marketplaceUrl: 'öffentliche Adresse des Ingram Micro Cloud Marketplace',
    senderAddress: 'Artikel AA-06184 der Ingram Micro Wissensdatenbank',
  },
  supportContact: 'Support-Kontakt',
  fromReseller: 'Sie, der Reseller: Sie kopieren diesen Text in Ihre eigene E-Mail',
  flow: {
    title: 'Die beiden Schritte von AA-06184 und die Annahme durch den Kunden',
    caption: 'Wie die beiden Schritte den Globalen Administrator des Kunden erreichen.',
    step1: [
      'Schritt 1 · Reseller',
      'Partner Admin Center (heute: Partner Center): sendet den Einladungstext mit seinem einen, unveränderten Link.',
    ],
    step2: [
      'Schritt 2 · Marketplace',
      'Der Reseller wählt Microsoft: Replace Advisor / Open with CSP, Send Customer Authorization Request; der Marketplace sendet die E-Mail.',
    ],
    customer: (p, a, b) => [
      'Globaler Administrator des Kunden',
      `Öffnet den Link und meldet sich beim Mandanten an. Auf der Seite „${p}“: falls angezeigt ${a}, dann ${b}.`,
    ],
    result: (partners) => [
      'Ergebnis',
      `Ingram Micro steht unter ${partners}. Kein Administratorzugriff.`,
    ],
    arrow: 'E-Mail',
    description: (p, a, b, partners) =>
      'Schritt 1: Der Reseller sendet den Einladungstext mit seinem einen, unveränderten Link (im Partner Admin Center des Artikels, heute Partner Center). ' +
      'Schritt 2: Im Cloud Marketplace wählt der Reseller Microsoft: Replace Advisor / Open with CSP und Send Customer Authorization Request; der Marketplace sendet die E-Mail. ' +
      `Beide E-Mails erreichen den Globalen Administrator des Kunden, der den Link öffnet, sich anmeldet und auf der Seite „${p}“ den ${a} liest, falls angezeigt, und dann ${b} auswählt. ` +
      `Ingram Micro steht danach unter ${partners}; das gewährt keinen Administratorzugriff.`,
  },
};

const fr: UiStrings = {
  updatedNoteTitle: 'Mis à jour depuis l’article d’origine',
  source: 'Source',
  sources: 'Sources',
  notConfirmed: 'Non confirmé',
  originalArticle:
    'Article AA-06184 de la base de connaissances d’Ingram Micro, l’article d’origine.',
  toCheck: (n) =>
    `${n === 1 ? 'une affirmation' : `${String(n)} affirmations`} ci-dessus, à vérifier ici`,
  referenceNumber: 'Numéro de référence de l’article',
  placeholder: 'Valeur provisoire',
  verified: 'Vérifié',
  placeholderAdvice: 'demandez le lien de votre pays à l’équipe commerciale d’Ingram Micro',
  invitationLinkFor: (c) => `Lien d’invitation pour ${c}`,
  noLinkHere: (c) => `Aucun lien pour ${c} ici`,
  cloudMarketplace: 'Cloud Marketplace',
  sender: 'Expéditeur',
  emailLanguage: 'Langue de l’e-mail',
  emailFor: (t, c) => `E-mail «\u00a0${t}\u00a0» pour ${c}`,
  inGallery: 'dans la galerie des e-mails.',
  chooseCountry: 'Pays',
  templateNames: {
    'reseller-invitation': 'Invitation du revendeur',
    'customer-authorization-request': 'Demande d’autorisation client',
  },
  step: (n) => `Étape ${String(n)}`,
  marketplacesCaption: (n) =>
    `Pays du Cloud Marketplace (${String(n)}), issus du registre de @csp-enablement/templates`,
  country: 'Pays',
  language: 'Langue',
  marketplace: 'Marketplace',
  invitationLink: 'Lien d’invitation',
  notPublished: 'Non publié ici',
  galleryCaption: (c, t) => `E-mails par pays (${String(c)} pays × ${String(t)} modèles)`,
  galleryTitle: (c) => `E-mails pour ${c}`,
  galleryDescription: (c, l) =>
    `L’invitation du revendeur et la demande d’autorisation client pour ${c}, en ${l}\u00a0: HTML, texte brut et le texte exact à copier.`,
  galleryIntro: (c, l) =>
    `Les deux e-mails pour ${c}, générés à partir des modèles verrouillés, en ${l}, avec les liens de ce marketplace\u00a0:`,
  galleryBack: 'Retour à la galerie des e-mails',
  galleryPlaceholders: (f) =>
    `Ces aperçus contiennent des valeurs non encore confirmées (${f})\u00a0; voir les marketplaces par pays. Ils ne sont jamais envoyés à un vrai destinataire, et rien n’y est proposé à la copie\u00a0:`,
  marketplaceLinks: 'Marketplace',
  subject: 'Objet',
  from: 'De',
  fingerprint: 'Empreinte',
  templatesVersion: (v) => `modèles ${v}`,
  whoSends: (b, f) =>
    `Le Cloud Marketplace envoie cet e-mail lorsque vous sélectionnez ${b} (ou l’application d’envoi l’envoie pour l’équipe commerciale), depuis ${f}. Vous ne l’envoyez pas vous-même, il n’y a donc rien à copier. Il mène à la même page d’acceptation Microsoft que votre propre invitation.`,
  placeholderPreview:
    'Aperçu uniquement\u00a0: le lien d’invitation de cet e-mail est une valeur provisoire, pas un lien valide, il n’y a donc rien à copier. Pour le vrai lien\u00a0:',
  htmlPart: 'Partie HTML',
  textPart: 'Partie texte brut',
  copyText: 'Copier le texte de l’invitation',
  openText: 'Ouvrir le texte brut',
  copied: 'Copié.',
  copyFailed: 'Copie impossible\u00a0: ouvrez le texte brut et copiez-le depuis celui-ci.',
  notAvailable: 'Pas encore disponible',
  noTranslation: (l) =>
    `Cet e-mail n’a pas encore de traduction en ${l} dans @csp-enablement/templates.`,
  changelogFrom: 'Depuis',
  changelogReleased: 'tel que publié.',
  inLanguage: (n) => `en ${n}`,
  registryFields: {
    marketplaceUrl: 'adresse du marketplace',
    invitationUrl: 'lien d’invitation',
    senderAddress: 'adresse de l’expéditeur',
    supportContact: 'contact du support',
  },
  registryReasons: {
    marketplaceUrl:
      'suit le modèle public https://<code>.cloud.im\u00a0; non confirmée pour ce pays',
    invitationUrl: 'le GUID du locataire partenaire d’Ingram Micro pour ce pays n’est pas public',
    senderAddress: 'adresse de l’expéditeur non confirmée par une source publique',
    supportContact: 'boîte du support non confirmée par une source publique',
  },
  registrySources: {
    marketplaceUrl: 'adresse publique d’Ingram Micro Cloud Marketplace',
    senderAddress: 'article AA-06184 de la base de connaissances d’Ingram Micro',
  },
  supportContact: 'Contact du support',
  fromReseller: 'Vous, le revendeur\u00a0: vous copiez ce texte dans votre propre e-mail',
  flow: {
    title: 'Les deux étapes de AA-06184 et l’acceptation par le client',
    caption: 'Comment les deux étapes parviennent à l’administrateur général du client.',
    step1: [
      'Étape 1 · Revendeur',
      'Partner admin center (aujourd’hui\u00a0: Partner Center)\u00a0: envoie le texte d’invitation avec son lien unique, inchangé.',
    ],
    step2: [
      'Étape 2 · Marketplace',
      'Le revendeur sélectionne Microsoft: Replace Advisor / Open with CSP, Send Customer Authorization Request\u00a0; le Marketplace l’envoie.',
    ],
    customer: (p, a, b) => [
      'Client\u00a0: administrateur général',
      `Ouvre le lien et se connecte au locataire. Sur la page «\u00a0${p}\u00a0»\u00a0: le ${a} (s’il est affiché), puis ${b}.`,
    ],
    result: (partners) => [
      'Résultat',
      `Ingram Micro apparaît dans ${partners}. Aucun accès administrateur.`,
    ],
    arrow: 'e-mail',
    description: (p, a, b, partners) =>
      'Étape 1\u00a0: le revendeur envoie le texte d’invitation avec son lien unique, inchangé (dans le Partner admin center de l’article, aujourd’hui Partner Center). ' +
      'Étape 2\u00a0: dans le Cloud Marketplace, le revendeur sélectionne Microsoft: Replace Advisor / Open with CSP et Send Customer Authorization Request\u00a0; le Marketplace envoie l’e-mail. ' +
      `Les deux e-mails parviennent à l’administrateur général du client, qui ouvre le lien, se connecte et, sur la page «\u00a0${p}\u00a0», lit le ${a} s’il est affiché, puis sélectionne ${b}. ` +
      `Ingram Micro apparaît ensuite dans ${partners}\u00a0; cela n’accorde aucun accès administrateur.`,
  },
};

const es: UiStrings = {
  updatedNoteTitle: 'Actualizado desde el artículo original',
  source: 'Fuente',
  sources: 'Fuentes',
  notConfirmed: 'No confirmado',
  originalArticle:
    'Artículo AA-06184 de la base de conocimientos de Ingram Micro, el artículo original.',
  toCheck: (n) =>
    `${n === 1 ? 'una afirmación' : `${String(n)} afirmaciones`} de arriba, pendiente de comprobar aquí`,
  referenceNumber: 'Número de referencia del artículo',
  placeholder: 'Provisional',
  verified: 'Verificado',
  placeholderAdvice: 'solicite el enlace de su país al equipo de ventas de Ingram Micro',
  invitationLinkFor: (c) => `Enlace de invitación para ${c}`,
  noLinkHere: (c) => `Aquí no hay enlace para ${c}`,
  cloudMarketplace: 'Cloud Marketplace',
  sender: 'Remitente',
  emailLanguage: 'Idioma del correo',
  emailFor: (t, c) => `Correo «${t}» para ${c}`,
  inGallery: 'en la galería de correos.',
  chooseCountry: 'País',
  templateNames: {
    'reseller-invitation': 'Invitación del revendedor',
    'customer-authorization-request': 'Solicitud de autorización del cliente',
  },
  step: (n) => `Paso ${String(n)}`,
  marketplacesCaption: (n) =>
    `Países del Cloud Marketplace (${String(n)}), del registro de @csp-enablement/templates`,
  country: 'País',
  language: 'Idioma',
  marketplace: 'Marketplace',
  invitationLink: 'Enlace de invitación',
  notPublished: 'No publicado aquí',
  galleryCaption: (c, t) => `Correos por país (${String(c)} países × ${String(t)} plantillas)`,
  galleryTitle: (c) => `Correos para ${c}`,
  galleryDescription: (c, l) =>
    `La invitación del revendedor y la solicitud de autorización del cliente para ${c}, en ${l}: HTML, texto sin formato y el texto exacto para copiar.`,
  galleryIntro: (c, l) =>
    `Los dos correos para ${c}, generados a partir de las plantillas bloqueadas, en ${l}, con los enlaces de este marketplace:`,
  galleryBack: 'Volver a la galería de correos',
  galleryPlaceholders: (f) =>
    `Estas vistas previas contienen valores aún no confirmados (${f}); consulte los marketplaces por país. Nunca se envían a un destinatario real y no se ofrece nada para copiar:`,
  marketplaceLinks: 'Marketplace',
  subject: 'Asunto',
  from: 'De',
  fingerprint: 'Huella',
  templatesVersion: (v) => `plantillas ${v}`,
  whoSends: (b, f) =>
    `El Cloud Marketplace envía este correo cuando usted selecciona ${b} (o la aplicación de envío lo envía para el equipo de ventas), desde ${f}. Usted no lo envía, así que no hay nada que copiar. Lleva a la misma página de aceptación de Microsoft que su propia invitación.`,
  placeholderPreview:
    'Solo vista previa: el enlace de invitación de este correo es provisional, no un enlace válido, así que no hay nada que copiar. Para el enlace real:',
  htmlPart: 'Parte HTML',
  textPart: 'Parte de texto sin formato',
  copyText: 'Copiar el texto de la invitación',
  openText: 'Abrir el texto sin formato',
  copied: 'Copiado.',
  copyFailed: 'No se pudo copiar: abra el texto sin formato y cópielo desde allí.',
  notAvailable: 'Aún no disponible',
  noTranslation: (l) => `Este correo aún no tiene traducción al ${l} en @csp-enablement/templates.`,
  changelogFrom: 'De',
  changelogReleased: 'tal como se publicó.',
  inLanguage: (n) => `en ${n}`,
  registryFields: {
    marketplaceUrl: 'dirección del marketplace',
    invitationUrl: 'enlace de invitación',
    senderAddress: 'dirección del remitente',
    supportContact: 'contacto de soporte',
  },
  registryReasons: {
    marketplaceUrl: 'sigue el patrón público https://<code>.cloud.im; no confirmada para este país',
    invitationUrl: 'el GUID del inquilino partner de Ingram Micro para este país no es público',
    senderAddress: 'dirección del remitente no confirmada por una fuente pública',
    supportContact: 'buzón de soporte no confirmado por una fuente pública',
  },
  registrySources: {
    marketplaceUrl: 'dirección pública de Ingram Micro Cloud Marketplace',
    senderAddress: 'artículo AA-06184 de la base de conocimientos de Ingram Micro',
  },
  supportContact: 'Contacto de soporte',
  fromReseller: 'Usted, el revendedor: copia este texto en su propio correo',
  flow: {
    title: 'Los dos pasos de AA-06184 y la aceptación del cliente',
    caption: 'Cómo llegan los dos pasos al administrador global del cliente.',
    step1: [
      'Paso 1 · Revendedor',
      'Partner admin center (hoy: Partner Center): envía el texto de invitación con su único enlace, sin cambios.',
    ],
    step2: [
      'Paso 2 · Marketplace',
      'El revendedor selecciona Microsoft: Replace Advisor / Open with CSP, Send Customer Authorization Request; el Marketplace lo envía.',
    ],
    customer: (p, a, b) => [
      'Cliente: administrador global',
      `Abre el enlace e inicia sesión en el inquilino. En la página «${p}»: el ${a} (si se muestra) y luego ${b}.`,
    ],
    result: (partners) => [
      'Resultado',
      `Ingram Micro aparece en ${partners}. Sin acceso de administrador.`,
    ],
    arrow: 'correo',
    description: (p, a, b, partners) =>
      'Paso 1: el revendedor envía el texto de invitación con su único enlace, sin cambios (en el Partner admin center del artículo, hoy Partner Center). ' +
      'Paso 2: en el Cloud Marketplace, el revendedor selecciona Microsoft: Replace Advisor / Open with CSP y Send Customer Authorization Request; el Marketplace envía el correo. ' +
      `Ambos correos llegan al administrador global del cliente, que abre el enlace, inicia sesión y, en la página «${p}», lee el ${a} si se muestra y luego selecciona ${b}. ` +
      `Ingram Micro aparece después en ${partners}; esto no concede acceso de administrador.`,
  },
};

const it: UiStrings = {
  updatedNoteTitle: 'Aggiornato rispetto all’articolo originale',
  source: 'Fonte',
  sources: 'Fonti',
  notConfirmed: 'Non confermato',
  originalArticle: 'Articolo AA-06184 della knowledge base di Ingram Micro, l’articolo originale.',
  toCheck: (n) =>
    `${n === 1 ? 'un’affermazione' : `${String(n)} affermazioni`} qui sopra, da verificare qui`,
  referenceNumber: 'Numero di riferimento dell’articolo',
  placeholder: 'Segnaposto',
  verified: 'Verificato',
  placeholderAdvice: 'chieda il link del suo paese al team vendite di Ingram Micro',
  invitationLinkFor: (c) => `Link di invito per ${c}`,
  noLinkHere: (c) => `Nessun link per ${c} qui`,
  cloudMarketplace: 'Cloud Marketplace',
  sender: 'Mittente',
  emailLanguage: 'Lingua dell’e-mail',
  emailFor: (t, c) => `E-mail «${t}» per ${c}`,
  inGallery: 'nella galleria delle e-mail.',
  chooseCountry: 'Paese',
  templateNames: {
    'reseller-invitation': 'Invito del rivenditore',
    'customer-authorization-request': 'Richiesta di autorizzazione del cliente',
  },
  step: (n) => `Passaggio ${String(n)}`,
  marketplacesCaption: (n) =>
    `Paesi del Cloud Marketplace (${String(n)}), dal registro di @csp-enablement/templates`,
  country: 'Paese',
  language: 'Lingua',
  marketplace: 'Marketplace',
  invitationLink: 'Link di invito',
  notPublished: 'Non pubblicato qui',
  galleryCaption: (c, t) => `E-mail per paese (${String(c)} paesi × ${String(t)} modelli)`,
  galleryTitle: (c) => `E-mail per ${c}`,
  galleryDescription: (c, l) =>
    `L’invito del rivenditore e la richiesta di autorizzazione del cliente per ${c}, in ${l}: HTML, testo semplice e il testo esatto da copiare.`,
  galleryIntro: (c, l) =>
    `Le due e-mail per ${c}, generate dai modelli bloccati, in ${l}, con i link di questo marketplace:`,
  galleryBack: 'Torni alla galleria delle e-mail',
  galleryPlaceholders: (f) =>
    `Queste anteprime contengono valori non ancora confermati (${f}); veda i marketplace per paese. Non vengono mai inviate a un destinatario reale e nulla viene offerto da copiare:`,
  marketplaceLinks: 'Marketplace',
  subject: 'Oggetto',
  from: 'Da',
  fingerprint: 'Impronta',
  templatesVersion: (v) => `modelli ${v}`,
  whoSends: (b, f) =>
    `Il Cloud Marketplace invia questa e-mail quando lei seleziona ${b} (oppure l’app di invio la invia per il team vendite), da ${f}. Non la invia lei, quindi non c’è nulla da copiare. Porta alla stessa pagina di accettazione Microsoft del suo invito.`,
  placeholderPreview:
    'Solo anteprima: il link di invito in questa e-mail è un segnaposto, non un link funzionante, quindi non c’è nulla da copiare. Per il link reale:',
  htmlPart: 'Parte HTML',
  textPart: 'Parte di testo semplice',
  copyText: 'Copi il testo dell’invito',
  openText: 'Apra il testo semplice',
  copied: 'Copiato.',
  copyFailed: 'Impossibile copiare: apra il testo semplice e lo copi da lì.',
  notAvailable: 'Non ancora disponibile',
  noTranslation: (l) =>
    `Questa e-mail non ha ancora una traduzione in ${l} in @csp-enablement/templates.`,
  changelogFrom: 'Da',
  changelogReleased: 'come pubblicato.',
  inLanguage: (n) => `in ${n}`,
  registryFields: {
    marketplaceUrl: 'indirizzo del marketplace',
    invitationUrl: 'link di invito',
    senderAddress: 'indirizzo del mittente',
    supportContact: 'contatto di supporto',
  },
  registryReasons: {
    marketplaceUrl:
      'segue lo schema pubblico https://<code>.cloud.im; non confermato per questo paese',
    invitationUrl: 'il GUID del tenant partner di Ingram Micro per questo paese non è pubblico',
    senderAddress: 'indirizzo del mittente non confermato da una fonte pubblica',
    supportContact: 'casella di supporto non confermata da una fonte pubblica',
  },
  registrySources: {
    marketplaceUrl: 'indirizzo pubblico di Ingram Micro Cloud Marketplace',
    senderAddress: 'articolo AA-06184 della knowledge base di Ingram Micro',
  },
  supportContact: 'Contatto di supporto',
  fromReseller: 'Lei, il rivenditore: copia questo testo nella sua e-mail',
  flow: {
    title: 'I due passaggi di AA-06184 e l’accettazione del cliente',
    caption: 'Come i due passaggi raggiungono l’amministratore globale del cliente.',
    step1: [
      'Passaggio 1 · Rivenditore',
      'Partner admin center (oggi: Partner Center): invia il testo dell’invito con il suo unico link, invariato.',
    ],
    step2: [
      'Passaggio 2 · Marketplace',
      'Il rivenditore seleziona Microsoft: Replace Advisor / Open with CSP, Send Customer Authorization Request; il Marketplace la invia.',
    ],
    customer: (p, a, b) => [
      'Cliente: amministratore globale',
      `Apre il link e accede al tenant. Nella pagina «${p}»: se visualizzato, il ${a}, poi ${b}.`,
    ],
    result: (partners) => [
      'Risultato',
      `Ingram Micro compare in ${partners}. Nessun accesso amministrativo.`,
    ],
    arrow: 'e-mail',
    description: (p, a, b, partners) =>
      'Passaggio 1: il rivenditore invia il testo dell’invito con il suo unico link, invariato (nel Partner admin center dell’articolo, oggi Partner Center). ' +
      'Passaggio 2: nel Cloud Marketplace il rivenditore seleziona Microsoft: Replace Advisor / Open with CSP e Send Customer Authorization Request; il Marketplace invia l’e-mail. ' +
      `Entrambe le e-mail raggiungono l’amministratore globale del cliente, che apre il link, accede e, nella pagina «${p}», legge il ${a} se visualizzato, poi seleziona ${b}. ` +
      `Ingram Micro compare quindi in ${partners}; ciò non concede alcun accesso amministrativo.`,
  },
};

const nl: UiStrings = {
  updatedNoteTitle: 'Bijgewerkt sinds het oorspronkelijke artikel',
  source: 'Bron',
  sources: 'Bronnen',
  notConfirmed: 'Niet bevestigd',
  originalArticle:
    'Artikel AA-06184 in de kennisbank van Ingram Micro, het oorspronkelijke artikel.',
  toCheck: (n) =>
    `${n === 1 ? 'één bewering' : `${String(n)} beweringen`} hierboven, hier nog te controleren`,
  referenceNumber: 'Referentienummer van het artikel',
  placeholder: 'Tijdelijke waarde',
  verified: 'Bevestigd',
  placeholderAdvice: 'vraag Ingram Micro Sales om de link voor uw land',
  invitationLinkFor: (c) => `Uitnodigingslink voor ${c}`,
  noLinkHere: (c) => `Hier geen link voor ${c}`,
  cloudMarketplace: 'Cloud Marketplace',
  sender: 'Afzender',
  emailLanguage: 'Taal van de e-mail',
  emailFor: (t, c) => `E-mail ‘${t}’ voor ${c}`,
  inGallery: 'in de e-mailgalerie.',
  chooseCountry: 'Land',
  templateNames: {
    'reseller-invitation': 'Uitnodiging van de reseller',
    'customer-authorization-request': 'Verzoek om klantautorisatie',
  },
  step: (n) => `Stap ${String(n)}`,
  marketplacesCaption: (n) =>
    `Landen van de Cloud Marketplace (${String(n)}), uit het register van @csp-enablement/templates`,
  country: 'Land',
  language: 'Taal',
  marketplace: 'Marketplace',
  invitationLink: 'Uitnodigingslink',
  notPublished: 'Hier niet gepubliceerd',
  galleryCaption: (c, t) => `E-mails per land (${String(c)} landen × ${String(t)} sjablonen)`,
  galleryTitle: (c) => `E-mails voor ${c}`,
  galleryDescription: (c, l) =>
    `De uitnodiging van de reseller en het verzoek om klantautorisatie voor ${c}, in het ${l}: HTML, platte tekst en de exacte tekst om te kopiëren.`,
  galleryIntro: (c, l) =>
    `De twee e-mails voor ${c}, gemaakt met de vergrendelde sjablonen, in het ${l}, met de links van deze marketplace:`,
  galleryBack: 'Terug naar de e-mailgalerie',
  galleryPlaceholders: (f) =>
    `Deze voorbeelden bevatten nog niet bevestigde waarden (${f}); zie de marketplaces per land. Ze worden nooit naar een echte ontvanger verzonden en er wordt niets aangeboden om te kopiëren:`,
  marketplaceLinks: 'Marketplace',
  subject: 'Onderwerp',
  from: 'Van',
  fingerprint: 'Vingerafdruk',
  templatesVersion: (v) => `sjablonen ${v}`,
  whoSends: (b, f) =>
    `De Cloud Marketplace verzendt deze e-mail wanneer u ${b} selecteert (of de verzendapp verzendt hem voor Sales), vanaf ${f}. U verzendt hem niet zelf, dus er is niets te kopiëren. Hij leidt naar dezelfde acceptatiepagina van Microsoft als uw eigen uitnodiging.`,
  placeholderPreview:
    'Alleen een voorbeeld: de uitnodigingslink in deze e-mail is een tijdelijke waarde, geen werkende link, dus er is niets te kopiëren. Voor de echte link:',
  htmlPart: 'HTML-deel',
  textPart: 'Deel in platte tekst',
  copyText: 'Uitnodigingstekst kopiëren',
  openText: 'Platte tekst openen',
  copied: 'Gekopieerd.',
  copyFailed: 'Kopiëren is niet gelukt: open de platte tekst en kopieer hem daar.',
  notAvailable: 'Nog niet beschikbaar',
  noTranslation: (l) =>
    `Deze e-mail heeft in @csp-enablement/templates nog geen vertaling in het ${l}.`,
  changelogFrom: 'Uit',
  changelogReleased: 'zoals uitgebracht.',
  inLanguage: (n) => `in het ${n}`,
  registryFields: {
    marketplaceUrl: 'adres van de marketplace',
    invitationUrl: 'uitnodigingslink',
    senderAddress: 'afzenderadres',
    supportContact: 'supportcontact',
  },
  registryReasons: {
    marketplaceUrl:
      'volgt het openbare patroon https://<code>.cloud.im; niet bevestigd voor dit land',
    invitationUrl: 'de GUID van de partnertenant van Ingram Micro voor dit land is niet openbaar',
    senderAddress: 'afzenderadres niet bevestigd door een openbare bron',
    supportContact: 'supportmailbox niet bevestigd door een openbare bron',
  },
  registrySources: {
    marketplaceUrl: 'openbaar adres van de Ingram Micro Cloud Marketplace',
    senderAddress: 'artikel AA-06184 in de kennisbank van Ingram Micro',
  },
  supportContact: 'Supportcontact',
  fromReseller: 'U, de reseller: u kopieert deze tekst in uw eigen e-mail',
  flow: {
    title: 'De twee stappen van AA-06184 en de acceptatie door de klant',
    caption: 'Hoe de twee stappen de globale beheerder van de klant bereiken.',
    step1: [
      'Stap 1 · Reseller',
      'Partner admin center (nu: Partner Center): verzendt de uitnodigingstekst met zijn ene unieke link, ongewijzigd.',
    ],
    step2: [
      'Stap 2 · Marketplace',
      'De reseller selecteert Microsoft: Replace Advisor / Open with CSP, Send Customer Authorization Request; de Marketplace verzendt de e-mail.',
    ],
    customer: (p, a, b) => [
      'De globale beheerder van de klant',
      `Opent de link en meldt zich aan bij de tenant. Op de pagina ‘${p}’: de ${a} (indien weergegeven), dan ${b}.`,
    ],
    result: (partners) => [
      'Resultaat',
      `Ingram Micro staat onder ${partners}. Geen beheerderstoegang.`,
    ],
    arrow: 'e-mail',
    description: (p, a, b, partners) =>
      'Stap 1: de reseller verzendt de uitnodigingstekst met zijn ene unieke link, ongewijzigd (in het Partner admin center van het artikel, nu Partner Center). ' +
      'Stap 2: in de Cloud Marketplace selecteert de reseller Microsoft: Replace Advisor / Open with CSP en Send Customer Authorization Request; de Marketplace verzendt de e-mail. ' +
      `Beide e-mails bereiken de globale beheerder van de klant, die de link opent, zich aanmeldt en op de pagina ‘${p}’ de ${a} leest indien weergegeven, en dan ${b} selecteert. ` +
      `Ingram Micro staat daarna onder ${partners}; dit geeft geen beheerderstoegang.`,
  },
};

const sv: UiStrings = {
  updatedNoteTitle: 'Uppdaterat sedan den ursprungliga artikeln',
  source: 'Källa',
  sources: 'Källor',
  notConfirmed: 'Inte bekräftat',
  originalArticle: 'Artikel AA-06184 i Ingram Micros kunskapsbas, den ursprungliga artikeln.',
  toCheck: (n) =>
    `${n === 1 ? 'ett påstående' : `${String(n)} påståenden`} ovan, att kontrollera här`,
  referenceNumber: 'Artikelns referensnummer',
  placeholder: 'Platshållare',
  verified: 'Bekräftat',
  placeholderAdvice: 'be Ingram Micros säljavdelning om länken för ditt land',
  invitationLinkFor: (c) => `Inbjudningslänk för ${c}`,
  noLinkHere: (c) => `Ingen länk för ${c} här`,
  cloudMarketplace: 'Cloud Marketplace',
  sender: 'Avsändare',
  emailLanguage: 'E-postmeddelandets språk',
  emailFor: (t, c) => `E-postmeddelandet ”${t}” för ${c}`,
  inGallery: 'i e-postgalleriet.',
  chooseCountry: 'Land',
  templateNames: {
    'reseller-invitation': 'Återförsäljarens inbjudan',
    'customer-authorization-request': 'Begäran om kundauktorisering',
  },
  step: (n) => `Steg ${String(n)}`,
  marketplacesCaption: (n) =>
    `Länder i Cloud Marketplace (${String(n)}), från registret i @csp-enablement/templates`,
  country: 'Land',
  language: 'Språk',
  marketplace: 'Marketplace',
  invitationLink: 'Inbjudningslänk',
  notPublished: 'Inte publicerad här',
  galleryCaption: (c, t) =>
    `E-postmeddelanden per land (${String(c)} länder × ${String(t)} mallar)`,
  galleryTitle: (c) => `E-postmeddelanden för ${c}`,
  galleryDescription: (c, l) =>
    `Återförsäljarens inbjudan och begäran om kundauktorisering för ${c}, på ${l}: HTML, oformaterad text och den exakta texten att kopiera.`,
  galleryIntro: (c, l) =>
    `De två e-postmeddelandena för ${c}, skapade från de låsta mallarna, på ${l}, med länkarna till den här marknadsplatsen:`,
  galleryBack: 'Tillbaka till e-postgalleriet',
  galleryPlaceholders: (f) =>
    `De här förhandsvisningarna innehåller värden som inte är bekräftade ännu (${f}); se länderna i Cloud Marketplace. De skickas aldrig till en verklig mottagare, och inget i dem erbjuds för kopiering:`,
  marketplaceLinks: 'Marketplace',
  subject: 'Ämne',
  from: 'Från',
  fingerprint: 'Fingeravtryck',
  templatesVersion: (v) => `mallar ${v}`,
  whoSends: (b, f) =>
    `Cloud Marketplace skickar det här e-postmeddelandet när du väljer ${b} (eller så skickar sändarappen det åt säljavdelningen), från ${f}. Du skickar det inte själv, så det finns inget att kopiera. Det leder till samma godkännandesida hos Microsoft som din egen inbjudan.`,
  placeholderPreview:
    'Endast förhandsvisning: inbjudningslänken i det här e-postmeddelandet är en platshållare, inte en fungerande länk, så det finns inget att kopiera. För den riktiga länken:',
  htmlPart: 'HTML-del',
  textPart: 'Del med oformaterad text',
  copyText: 'Kopiera inbjudningstexten',
  openText: 'Öppna den oformaterade texten',
  copied: 'Kopierat.',
  copyFailed: 'Det gick inte att kopiera: öppna den oformaterade texten och kopiera den därifrån.',
  notAvailable: 'Inte tillgängligt ännu',
  noTranslation: (l) =>
    `Det här e-postmeddelandet har ännu ingen översättning till ${l} i @csp-enablement/templates.`,
  changelogFrom: 'Från',
  changelogReleased: 'som publicerad.',
  inLanguage: (n) => `på ${n}`,
  registryFields: {
    marketplaceUrl: 'marknadsplatsens adress',
    invitationUrl: 'inbjudningslänk',
    senderAddress: 'avsändaradress',
    supportContact: 'supportkontakt',
  },
  registryReasons: {
    marketplaceUrl:
      'följer det offentliga mönstret https://<code>.cloud.im; inte bekräftad för det här landet',
    invitationUrl:
      'GUID:t för Ingram Micros partnerklientorganisation i det här landet är inte offentligt',
    senderAddress: 'avsändaradressen är inte bekräftad av en offentlig källa',
    supportContact: 'supportbrevlådan är inte bekräftad av en offentlig källa',
  },
  registrySources: {
    marketplaceUrl: 'offentlig adress till Ingram Micro Cloud Marketplace',
    senderAddress: 'artikel AA-06184 i Ingram Micros kunskapsbas',
  },
  supportContact: 'Supportkontakt',
  fromReseller: 'Du, återförsäljaren: du kopierar texten till ditt eget e-postmeddelande',
  flow: {
    title: 'De två stegen i AA-06184 och kundens godkännande',
    caption: 'Hur de två stegen når kundens globala administratör.',
    step1: [
      'Steg 1 · Återförsäljare',
      'Partner admin center (i dag: Partner Center): skickar inbjudningstexten med sin enda unika länk, oförändrad.',
    ],
    step2: [
      'Steg 2 · Marketplace',
      'Återförsäljaren väljer Microsoft: Replace Advisor / Open with CSP, Send Customer Authorization Request; Marketplace skickar meddelandet.',
    ],
    customer: (p, a, b) => [
      'Kundens globala administratör',
      `Öppnar länken och loggar in på klientorganisationen. På sidan ”${p}”: om det visas ${a}, sedan ${b}.`,
    ],
    result: (partners) => [
      'Resultat',
      `Ingram Micro visas under ${partners}. Ingen administratörsåtkomst.`,
    ],
    arrow: 'e-post',
    description: (p, a, b, partners) =>
      'Steg 1: återförsäljaren skickar inbjudningstexten med sin enda unika länk, oförändrad (i artikelns Partner admin center, i dag Partner Center). ' +
      'Steg 2: i Cloud Marketplace väljer återförsäljaren Microsoft: Replace Advisor / Open with CSP och Send Customer Authorization Request; Marketplace skickar meddelandet. ' +
      `Båda meddelandena når kundens globala administratör, som öppnar länken, loggar in och på sidan ”${p}” läser ${a} om det visas, och sedan väljer ${b}. ` +
      `Ingram Micro visas därefter under ${partners}; det ger ingen administratörsåtkomst.`,
  },
};

export const UI: Readonly<Record<SiteLanguage, UiStrings>> = { en, de, fr, es, it, nl, sv };

/** The site's strings in one language. */
export function ui(lang: SiteLanguage): UiStrings {
  return UI[lang];
}

/**
 * Every string key English has that another language lacks (or has empty),
 * as "de: copyText". The type already demands them; this catches a value made
 * empty or a language added to LANGUAGES without strings.
 */
export function missingUiStrings(): string[] {
  const keys = Object.keys(en) as (keyof UiStrings)[];
  const missing: string[] = [];
  for (const lang of LANGUAGES) {
    const strings = (UI as Partial<Record<SiteLanguage, UiStrings>>)[lang];
    for (const key of keys) {
      const value: unknown = strings?.[key];
      if (value === undefined || value === '') missing.push(`${lang}: ${key}`);
    }
  }
  return missing;
}
