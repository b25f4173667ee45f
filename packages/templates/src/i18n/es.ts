import type { Messages } from './types.js';

/**
 * Spanish (usted), one text for Spain and Mexico. Microsoft's Spanish admin
 * center calls the tenant "inquilino". The wording is neutral for both markets
 * except for recent past events: Spain uses the present perfect ("ha invitado"),
 * Mexico the preterite ("invitó").
 */
export type SpanishLocale = 'es-ES' | 'es-MX';

export const spanish = (locale: SpanishLocale): Messages => {
  const mx = locale === 'es-MX';
  const past = {
    invited: mx ? 'invitó' : 'ha invitado',
    askedUsToSend: mx ? 'nos pidió que le enviáramos' : 'nos ha pedido que le enviemos',
    wasSent: mx ? 'se envió' : 'se ha enviado',
  };
  return {
    microsoftUi: {
      globalAdministrator: 'Administrador global',
      adminCenter: 'Centro de administración de Microsoft 365',
      acceptAgreementButton: 'Aceptar el contrato y autorizar al asociado',
      customerAgreement: 'Contrato de cliente de Microsoft',
      acceptAndAuthorizeButton: 'Aceptar y autorizar',
      partnerRelationshipsPath: 'Configuración > Relaciones con asociados',
    },
    common: {
      greeting: 'Hola:',
      acceptanceTitle: 'Cómo aceptar',
      acceptanceSteps: (ui) => [
        `Compruebe que puede iniciar sesión con una cuenta que tenga el rol **${ui.globalAdministrator}** en el inquilino de Microsoft de su organización. Si usted no tiene este rol, reenvíe este correo a una persona que lo tenga.`,
        `Abra el enlace de invitación que aparece más abajo e inicie sesión en el **${ui.adminCenter}** con esa cuenta.`,
        `Seleccione **${ui.acceptAgreementButton}**, active la casilla para aceptar el **${ui.customerAgreement}** y, a continuación, seleccione **${ui.acceptAndAuthorizeButton}**.`,
        `Ingram Micro aparecerá entonces en **${ui.partnerRelationshipsPath}**.`,
      ],
      linkFallback: 'Si el botón no se abre, copie esta dirección en su navegador:',
      doNotEditLink: (f) =>
        `Use el enlace exactamente como está: pertenece a Ingram Micro en ${f.countryName} y, si se modifica, dejará de funcionar.`,
      noAdminAccessTitle: 'Qué implica aceptar',
      noAdminAccess:
        'Al aceptar, se establece una relación de revendedor para que se puedan comprar suscripciones de Microsoft en la nube para usted a través de Ingram Micro. Esto no concede a Ingram Micro ni a su revendedor acceso administrativo a su inquilino. El acceso de administrador es una solicitud independiente (privilegios de administración delegada granular, GDAP) que usted revisaría por separado.',
      troubleshootingTitle: 'Si algo no funciona',
      troubleshooting: (ui, f) => [
        `Después de iniciar sesión solo ve una página de tienda o de inicio: la cuenta no tiene el rol ${ui.globalAdministrator}. Cierre la sesión y vuelva a iniciarla como ${ui.globalAdministrator}.`,
        'La página indica que su organización ya tiene este partner: no es necesario hacer nada más.',
        `La página menciona otro país o región: este enlace corresponde a Ingram Micro en ${f.countryName}. Solicite a su revendedor el enlace del país de su inquilino.`,
      ],
      reference: 'Referencia: artículo AA-06184 de la base de conocimientos de Ingram Micro.',
    },
    resellerInvitation: {
      subject: (f) =>
        `Autorice a Ingram Micro como su partner CSP de Microsoft en ${f.countryName}`,
      preheader: (ui) =>
        `Una persona con el rol ${ui.globalAdministrator} en su inquilino de Microsoft acepta esta invitación con un solo enlace.`,
      heading: 'Autorice a Ingram Micro como su proveedor de soluciones en la nube de Microsoft',
      intro: (f) =>
        `Para comprar servicios en la nube de Microsoft a través de nosotros, su organización debe aceptar una relación de revendedor con Ingram Micro, nuestro partner Microsoft Cloud Solution Provider (CSP) en ${f.countryName}.`,
      button: 'Abrir la invitación',
      footer: (f) =>
        `Recibe este correo porque su revendedor ${past.invited} a su organización a trabajar con Ingram Micro en ${f.countryName}. Si tiene preguntas, escriba a ${f.supportContact}.`,
    },
    customerAuthorizationRequest: {
      subject: (f) =>
        `Acción requerida: autorice a Ingram Micro como su partner CSP (${f.countryName})`,
      preheader: (ui) =>
        `Para la persona con el rol ${ui.globalAdministrator}: acepte la relación de revendedor en el ${ui.adminCenter}.`,
      heading: 'Solicitud de autorización del cliente',
      intro: (ui, f) =>
        `Su revendedor ${past.askedUsToSend} esta solicitud desde Ingram Micro Cloud Marketplace en ${f.countryName}. Dado que usted tiene el rol ${ui.globalAdministrator} en el inquilino de Microsoft de su organización, le pedimos que autorice a Ingram Micro como partner Cloud Solution Provider (CSP) de ese inquilino.`,
      button: 'Revisar y aceptar',
      nextTitle: 'Próximos pasos',
      next: (ui, f) =>
        `Una vez que acepte, Ingram Micro aparecerá en ${ui.partnerRelationshipsPath} y su revendedor podrá contratar suscripciones de Microsoft para usted a través de Ingram Micro Cloud Marketplace (${f.marketplaceHost}).`,
      marketplaceLabel: 'Ingram Micro Cloud Marketplace',
      footer: (f) =>
        `Este mensaje ${past.wasSent} desde una dirección que no se supervisa: por favor, no responda. Si necesita ayuda, póngase en contacto con su revendedor o escriba a ${f.supportContact}.`,
    },
  };
};
