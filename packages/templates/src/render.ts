import { createElement } from 'react';
import { render } from 'react-email';
import { InvitationEmail } from './components/InvitationEmail.js';
import { emailContent, type TemplateId } from './content.js';
import { fingerprintOf } from './fingerprint.js';
import { packageVersion } from './package-info.js';
import { renderText } from './text.js';

export interface RenderedEmail {
  templateId: TemplateId;
  /** ISO 3166-1 alpha-2 country code. */
  country: string;
  locale: string;
  subject: string;
  preheader: string;
  from: string;
  html: string;
  text: string;
  /** SHA-256 of subject, HTML and text (see fingerprintOf). */
  fingerprint: string;
  /** Version of @csp-enablement/templates that rendered it. */
  version: string;
}

/**
 * Renders one locked email. The template id and country code are the only
 * inputs: an unknown one throws an error naming the valid values.
 */
export async function renderEmail(
  templateId: TemplateId,
  countryCode: string,
): Promise<RenderedEmail> {
  const content = emailContent(templateId, countryCode);
  const html = await render(createElement(InvitationEmail, { content }));
  const text = renderText(content);
  return {
    templateId,
    country: content.country.code,
    locale: content.country.locale,
    subject: content.subject,
    preheader: content.preheader,
    from: content.country.senderAddress.value,
    html,
    text,
    fingerprint: fingerprintOf({ subject: content.subject, html, text }),
    version: packageVersion,
  };
}
