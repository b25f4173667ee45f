import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { mustRunCommand, runCommand, spawnGroup } from '@csp-enablement/testkit/child';
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

/**
 * SpamAssassin's daemon, started once for a test file on 127.0.0.1 with local rules
 * only (-L: no network tests) and no user config (-x). Each `spamassassin` run loaded
 * every rule again (about 1.5 s of CPU a message, 29 messages); spamd loads them once
 * and scores a message in about 0.1 s, with the same rules and the same X-Spam-Status.
 */
export interface SpamAssassin {
  score: (mime: string) => Promise<SpamReport>;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

export async function startSpamAssassin(): Promise<SpamAssassin> {
  const port = await freePort();
  // spamd will not keep root: as root it runs its children as nobody.
  const asRoot = process.getuid?.() === 0 ? ['--username=nobody'] : [];
  const daemon = spawnGroup(
    'spamd',
    [
      '-L',
      '-x',
      `--listen=127.0.0.1:${port}`,
      '--allowed-ips=127.0.0.1',
      '--max-children=2',
      '--syslog=stderr',
      ...asRoot,
    ],
    { cwd: tmpdir() },
  );
  const spamc = ['-d', '127.0.0.1', '-p', String(port)];
  const stop = () => daemon.stop();
  // Ready when it answers a ping; a daemon that exits or never answers is an error with its output.
  const deadline = Date.now() + 60_000;
  for (;;) {
    const ping = await runCommand('spamc', [...spamc, '-K'], { cwd: tmpdir(), timeoutMs: 10_000 });
    if (ping.code === 0) break;
    const exited = await Promise.race([
      daemon.exited.then(() => true),
      sleep(250).then(() => false),
    ]);
    if (exited || Date.now() > deadline) {
      await stop();
      throw new Error(
        `spamd did not start on 127.0.0.1:${port}:\n${daemon.output().stderr.slice(-2000)}`,
      );
    }
  }
  return {
    stop,
    score: async (mime) => {
      // -x: an error, never the message back unscored (spamc's default "safe fallback").
      const stdout = await mustRunCommand('spamc', ['-x', ...spamc], {
        cwd: tmpdir(),
        input: mime,
        timeoutMs: 45_000,
      });
      return parseSpamStatus(stdout);
    },
  };
}

/** The score and rules of SpamAssassin's X-Spam-Status header. */
export function parseSpamStatus(stdout: string): SpamReport {
  const status = /^X-Spam-Status: \w+, score=(-?[\d.]+)[^\n]*(?:\n\s+[^\n]*)*/m.exec(stdout);
  if (!status?.[1])
    throw new Error(`SpamAssassin printed no X-Spam-Status header:\n${stdout.slice(0, 500)}`);
  const rules =
    /tests=([^\n]*(?:\n\s+[^\n]*)*?)\s+autolearn/
      .exec(status[0])?.[1]
      ?.replace(/\s+/g, '')
      .split(',') ?? [];
  return { score: Number(status[1]), rules: rules.filter(Boolean) };
}
