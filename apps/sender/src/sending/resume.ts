import type { SendRow } from '../store.js';
import { identityMismatch } from './gate.js';
import { heldBy } from './owner.js';
import type { Sender } from './sender.js';

/**
 * At start: finishes what a previous run left (queued, or sending when its
 * process died) with the rows' own keys, through the same gate as any
 * send. Rows of another transport, held by a live run, or of a batch another
 * run (process or instance) is running, are left alone and reported with the reason.
 * `given`: these rows only (the takeover sweep's, whose batches it has registered).
 */
export async function resumeUnfinished(
  sender: Pick<
    Sender,
    'store' | 'transport' | 'owner' | 'heldByOther' | 'deliverGroup' | 'reason' | 'leaseMs'
  >,
  log: (line: string) => void,
  given?: readonly SendRow[],
): Promise<SendRow[]> {
  const rows = given ?? (await sender.store.sends.unfinished());
  if (rows.length === 0) return [];
  // A chunk's rows share one key: sending some while their run queues or sends the rest
  // would give the provider a second payload under that key.
  const busy = given ? new Set<string>() : await sender.store.runs.aliveBatches(sender.leaseMs);
  const leftBatches = new Map<string, number>();
  const groups = new Map<string, SendRow[]>();
  for (const row of rows) {
    if (row.batchId !== null && busy.has(row.batchId)) {
      leftBatches.set(row.batchId, (leftBatches.get(row.batchId) ?? 0) + 1);
      continue;
    }
    const mismatch = identityMismatch(row, sender.transport);
    if (mismatch !== undefined) {
      log(`left #${row.id}: ${mismatch}`);
      continue;
    }
    if (row.lease !== null && row.state === 'sending' && row.lease.token === sender.owner.token)
      continue; // this run is sending it already
    if (sender.heldByOther(row)) {
      if (row.lease) log(`left #${row.id}: ${heldBy(row.lease)}`);
      continue;
    }
    const key = row.idempotencyKey;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  for (const [batch, n] of leftBatches)
    log(`left ${n} row${n === 1 ? '' : 's'} of batch ${batch}: another run of it is alive`);
  const count = [...groups.values()].reduce((n, g) => n + g.length, 0);
  if (count === 0) return [];
  log(`resuming ${count} unfinished send${count === 1 ? '' : 's'}`);
  // Rows a dead run left mid-send first: the provider's clock on their keys is running.
  const ordered = [...groups.values()].sort(
    (a, b) =>
      Number(b.some((r) => r.state === 'sending')) - Number(a.some((r) => r.state === 'sending')),
  );
  const done: SendRow[] = [];
  for (const group of ordered) done.push(...(await sender.deliverGroup(group.map((r) => r.id))));
  for (const row of done) {
    const why = sender.reason(row);
    if (why !== undefined) log(`#${row.id} ${row.state}: ${why}`);
  }
  return done;
}
