import { createElement } from 'react';
import { render } from 'react-email';
import { InvitationEmail } from './components/InvitationEmail.js';
import type { EmailContent } from './content.js';

/** The email's HTML: the one place that loads React and react-email. */
export function renderHtml(content: EmailContent): Promise<string> {
  return render(createElement(InvitationEmail, { content }));
}
