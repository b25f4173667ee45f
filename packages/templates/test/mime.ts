import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { RenderedEmail } from '../src/index.js';

/** The full RFC 5322 message a recipient would get (multipart/alternative). */
export async function toMime(
  email: RenderedEmail,
  to = 'global.admin@customer.example',
): Promise<string> {
  const message = new MailComposer({
    from: { name: 'Ingram Micro Cloud', address: email.from },
    to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    date: new Date('2026-01-05T09:00:00Z'),
    messageId: `<${email.templateId}.${email.country}.${email.fingerprint.slice(0, 12)}@ingrammicro.com>`,
    headers: { 'Content-Language': email.locale },
  });
  const buffer = await message.compile().build();
  return buffer.toString('utf8');
}
