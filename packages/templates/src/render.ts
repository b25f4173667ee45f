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
 *
 * React and react-email are loaded on the first render, not on import: most
 * users of the package (the sender's CLI, the docs' data) read countries, the
 * lock and the pre-rendered emails, and loading react-email (with its code
 * highlighter) took about two thirds of the sender CLI's start-up time.
 */
export async function renderEmail(
  templateId: TemplateId,
  countryCode: string,
): Promise<RenderedEmail> {
  const content = emailContent(templateId, countryCode);
  const { renderHtml } = await import('./render-html.js');
  const html = await renderHtml(content);
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
