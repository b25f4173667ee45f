import { openStore } from '../store/open.js';
import { hostname } from 'node:os';
import { Exit, args, describeSend } from '../command.js';
import { outboxDir, type Config } from '../config.js';
import { deliveryStatuses } from '../delivery/status.js';
import { DeliveryStore } from '../delivery/store.js';
import { out } from '../log.js';
import { rowReason } from '../sending/reason.js';
import type { SendRow } from '../store.js';

/** `csp-sender history [--limit N] [--json]`: the latest sends, newest first. */
export async function historyCommand(argv: string[], config: Config): Promise<number> {
  const { values } = args(argv, { limit: { type: 'string' }, json: { type: 'boolean' } });
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new Exit(2, '--limit must be a whole number from 1 to 100000');
  const store = await openStore(config);
  try {
    const rows = await store.sends.history(limit);
    const delivery = await deliveryStatuses(new DeliveryStore(store), rows, outboxDir(config));
    const transport = {
      name: config.resend ? ('resend' as const) : ('outbox' as const),
      endpoint: config.resend?.baseUrl ?? null,
    };
    // The reason as this configuration sees it (a row of another transport says so).
    const reason = (row: SendRow) =>
      rowReason(row, {
        now: Date.now(),
        transport,
        owner: { pid: process.pid, host: hostname(), token: '' },
      });
    if (values.json === true)
      out(
        JSON.stringify(
          rows.map((row) => ({
            ...row,
            reason: reason(row) ?? null,
            delivery: delivery.get(row.id) ?? null,
          })),
          null,
          2,
        ),
      );
    else if (rows.length === 0) out('Nothing sent yet.');
    else for (const row of rows) out(describeSend(row, reason(row), delivery.get(row.id)));
  } finally {
    await store.close();
  }
  return 0;
}
