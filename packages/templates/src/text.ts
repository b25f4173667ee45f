import { plain, type EmailContent } from './content.js';

/**
 * The plain-text part, written from the same content as the HTML. URLs stand
 * alone on their own line so that no client wraps or alters them.
 */
export function renderText(content: EmailContent): string {
  const lines: string[] = [
    content.preheader,
    '',
    content.heading,
    '',
    content.greeting,
    '',
    plain(content.intro),
    '',
  ];
  lines.push(content.acceptanceTitle, '');
  content.acceptanceSteps.forEach((step, index) => lines.push(`${index + 1}. ${plain(step)}`));
  lines.push(
    '',
    `${content.invitation.label}${content.colon}`,
    content.invitation.url,
    '',
    content.doNotEditLink,
    '',
  );
  for (const section of content.sections) {
    lines.push(section.title, '');
    for (const paragraph of section.paragraphs)
      lines.push(`${section.list ? '- ' : ''}${plain(paragraph)}`);
    lines.push('');
  }
  if (content.marketplace)
    lines.push(`${content.marketplace.label}${content.colon}`, content.marketplace.url, '');
  lines.push('--', ...content.footer);
  return `${lines.join('\n')}\n`;
}
