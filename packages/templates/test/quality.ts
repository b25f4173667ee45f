import { mustRunCommand } from '@csp-enablement/testkit/child';
import { doIUseEmail } from 'doiuse-email';

/** The clients every email must fully support (no caniemail error). */
export const STRICT_CLIENTS = [
  'gmail.*',
  'apple-mail.*',
  'yahoo.*',
  'outlook.outlook-com',
] as const;

/**
 * Outlook on Windows (Word's renderer) lacks some CSS. Each error allowed there
 * says how the email degrades: it must stay readable with its link clickable.
 */
export const OUTLOOK_WINDOWS_DEGRADATIONS: Readonly<Record<string, string>> = {
  'border-radius':
    'button and card get square corners; the button stays a coloured, padded cell with a clickable link',
  'table-layout':
    'the layout tables size to their content, as before the phone fix; Outlook on Windows is a desktop client, where the card is at its 600 px width and the invitation address fits in it',
};

/**
 * The few features a strict client lacks that an email may still use, each
 * with the clients that lack it and how the email degrades there.
 */
export const STRICT_CLIENT_DEGRADATIONS: Readonly<
  Record<string, { clients: readonly string[]; degrades: string }>
> = {
  'aria-label attribute': {
    clients: ['yahoo.desktop-webmail', 'yahoo.ios', 'yahoo.android'],
    degrades:
      "Yahoo drops the email wrapper's aria-label (Email Markup Consortium practice); the wrapper keeps its role and language, and the h1 still names the email",
  },
};

/** Errors for the strict clients that are not a listed graceful degradation. */
export function unlistedStrictErrors(html: string): string[] {
  return caniemailErrors(html, STRICT_CLIENTS).filter((error) => {
    const [, feature, client] = /^`([^`]+)` is not supported by `([^`]+)`/.exec(error) ?? [];
    const allowed = feature ? STRICT_CLIENT_DEGRADATIONS[feature] : undefined;
    return !(allowed && client && allowed.clients.includes(client));
  });
}

export function caniemailErrors(html: string, clients: readonly string[]): string[] {
  const result = doIUseEmail(html, { emailClients: [...clients] });
  return result.success ? [] : [...new Set(result.errors)];
}

/** Errors for Outlook on Windows that are not a listed graceful degradation. */
export function unlistedOutlookErrors(html: string): string[] {
  return caniemailErrors(html, ['outlook.windows']).filter((error) => {
    const feature = /^`([^`]+)`/.exec(error)?.[1] ?? error;
    return !(feature in OUTLOOK_WINDOWS_DEGRADATIONS);
  });
}

export interface SpamReport {
  score: number;
  rules: string[];
}

/** SpamAssassin with local rules only (-L: no network tests), on a full MIME message. */
export async function spamScore(mime: string): Promise<SpamReport> {
  // Its own process group and a deadline under the test's: a stuck scan fails with
  // its output instead of hanging the suite or outliving it.
  const stdout = await mustRunCommand('spamassassin', ['-L', '-t'], {
    cwd: process.cwd(),
    input: mime,
    timeoutMs: 45_000,
  });
  const status = /^X-Spam-Status: \w+, score=(-?[\d.]+)[^\n]*(?:\n\s+[^\n]*)*/m.exec(stdout);
  if (!status?.[1])
    throw new Error(`spamassassin printed no X-Spam-Status header:\n${stdout.slice(0, 500)}`);
  const rules =
    /tests=([^\n]*(?:\n\s+[^\n]*)*?)\s+autolearn/
      .exec(status[0])?.[1]
      ?.replace(/\s+/g, '')
      .split(',') ?? [];
  return { score: Number(status[1]), rules: rules.filter(Boolean) };
}
