import { openStore } from '../store/open.js';
import { parseArgs } from 'node:util';
import { Resend } from 'resend';
import { InputError } from '../addresses.js';
import type { Config } from '../config.js';
import { DeliveryStore } from './store.js';
import { parseSince, syncDeliveries } from './sync.js';

export const SYNC_USAGE = 'csp-sender sync [--since 7d]';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
  log: (line: string) => void;
}

/**
 * `csp-sender sync [--since 7d]`: for installations that cannot receive
 * webhooks. Exit 0 when every send was checked, 1 when some could not be.
 */
export async function syncCommand(argv: string[], config: Config, io: CommandIo): Promise<number> {
  let since = '7d';
  try {
    const { values } = parseArgs({
      args: argv,
      options: { since: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    });
    since = values.since ?? since;
  } catch (error) {
    throw new InputError(
      'sync',
      `${error instanceof Error ? error.message : String(error)}. Usage: ${SYNC_USAGE}`,
    );
  }
  const sinceMs = parseSince(since);
  if (!config.resend)
    throw new InputError(
      'RESEND_API_KEY',
      'sync asks Resend for each email\'s last event, and no key is set. Without it the embedded outbox is used: it delivers nothing, and history already says "written to outbox" with the file.',
    );
  const store = await openStore(config);
  try {
    const deliveries = new DeliveryStore(store);
    const from = new Date(Date.now() - sinceMs);
    let last = 0;
    const summary = await syncDeliveries({
      deliveries,
      client: new Resend(config.resend.apiKey, { baseUrl: config.resend.baseUrl }),
      since: from,
      retry: config.retry,
      log: io.log,
      onProgress: (done, total) => {
        // A line now and then on long runs; nothing for a handful.
        if (total >= 50 && (done - last >= 50 || done === total)) {
          last = done;
          io.err(`sync: ${done}/${total}`);
        }
      },
    });
    const counts = new Map<string, number>();
    for (const state of summary.states.values()) counts.set(state, (counts.get(state) ?? 0) + 1);
    const byState = [...counts].map(([state, n]) => `${state} ${n}`).join(', ');
    io.out(
      `Checked ${summary.checked} send${summary.checked === 1 ? '' : 's'} not final since ${from.toISOString()}: ${summary.changed} changed${byState === '' ? '' : ` (now ${byState})`}; ${summary.notFound.length} unknown to Resend; ${summary.failed.length} could not be checked.`,
    );
    for (const f of summary.failed) io.out(`  ${f.emailId}: ${f.error}`);
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await store.close();
  }
}
