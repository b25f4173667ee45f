import type { Messages } from './types.js';

/**
 * Spanish (usted), one text for Spain and Mexico. Microsoft's Spanish admin
 * center calls the tenant "inquilino" and, like Microsoft, says "partner". The wording is neutral for both markets
 * except for recent past events: Spain uses the present perfect ("hemos invitado"),
 * Mexico the preterite ("invitamos").
 */
export type SpanishLocale = 'es-ES' | 'es-MX';

export const spanish = (locale: SpanishLocale): Messages => {
  const mx = locale === 'es-MX';
  const past = {
    weInvited: mx ? 'invitamos' : 'hemos invitado',
    askedUsToSend: mx ? 'nos pidió que le enviáramos' : 'nos ha pedido que le enviemos',
    wasSent: mx ? 'se envió' : 'se ha enviado',
  };
  return {
    common: {
      greeting: 'Hola:',
      colon: ':',
      acceptanceTitle: 'Cómo aceptar',
      acceptanceSteps: (ui) => [
        `Compruebe que puede iniciar sesión con una cuenta que tenga el rol **${ui.globalAdministrator}** en el inquilino de Microsoft de su organización; según la documentación de Microsoft, también basta el rol **${ui.billingAdministrator}**. Si usted no tiene ninguno de estos roles, reenvíe este correo a una persona que tenga uno de ellos.`,
        `Abra el enlace de invitación que aparece más abajo e inicie sesión en el **${ui.adminCenter}** con esa cuenta.`,
        `En la página **${ui.acceptAgreementPage}**, seleccione el enlace del **${ui.customerAgreement}** (si se muestra), léalo y active la casilla para confirmar su lectura.`,
        `Seleccione **${ui.acceptAndAuthorizeButton}**.`,
        `Ingram Micro aparecerá entonces en **${ui.partnerRelationshipsPath}**.`,
      ],
      linkFallback: 'Si el botón no se abre, copie esta dirección en su navegador:',
      doNotEditLink: (f) =>
        `Use el enlace exactamente como está: pertenece a Ingram Micro en ${f.countryName} y, si se modifica, dejará de funcionar.`,
      noAdminAccessTitle: 'Qué implica aceptar',
      noAdminAccess: (voice) =>
        `Al aceptar, se establece una relación de revendedor para que se puedan comprar suscripciones de Microsoft en la nube para usted a través de Ingram Micro. Esto no concede a Ingram Micro ni a ${voice === 'reseller' ? 'nosotros' : 'su revendedor'} acceso administrativo a su inquilino. El acceso de administrador es una solicitud independiente (privilegios de administración delegada granular, GDAP) que, si llega, usted revisa por separado.`,
      troubleshootingTitle: 'Si algo no funciona',
      troubleshooting: (ui, f, voice) => [
        `Si después de iniciar sesión no aparece ninguna invitación, es posible que la cuenta no pueda aceptarla. Cierre la sesión y vuelva a iniciarla como ${ui.globalAdministrator} o ${ui.billingAdministrator}.`,
        `Si Ingram Micro ya aparece en ${ui.partnerRelationshipsPath}, no es necesario hacer nada más.`,
        `Este enlace corresponde a Ingram Micro en ${f.countryName}. Si su inquilino pertenece a otro país o región, ${voice === 'reseller' ? 'pídanos' : 'solicite a su revendedor'} el enlace de ese país.`,
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
        `Recibe este correo porque ${past.weInvited} a su organización a trabajar con Ingram Micro en ${f.countryName}. Si tiene preguntas, escriba a ${f.supportContact}.`,
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
