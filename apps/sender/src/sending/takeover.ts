/**
 * `serve`'s takeover sweep: every half lease it looks for rows nobody is working on and
 * finishes them through resume's path (resume.ts), so a web batch (or a send) left by a
 * dead process or instance is finished by a live one, not at the next start.
 *
 * A row is orphaned when it is `sending` with an expired lease, or `queued` and untouched for
 * longer than the lease — AND its batch (if any) has no run with a fresh heartbeat AND the
 * batch was fully queued. A batch with a live run is never touched: its chunk rows share one
 * idempotency key with what that run is sending. A partly queued batch needs its file, which
 * only the user has: that is logged once.
 */
import { keepAlive, type BatchRun } from '../batches/runs.js';
import { countBatchRows } from '../batches/queue.js';
import type { SendRow } from '../store.js';
import { resumeUnfinished } from './resume.js';
import type { Sender } from './sender.js';

const describeRun = (run: BatchRun): string =>
  `process ${run.pid} on ${run.host}, last heard from ${new Date(run.heartbeatAt).toISOString().slice(11, 19)} UTC`;

export class Takeover {
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<number> | undefined;
  private stopped = false;
  /** Partly queued batches already named in the log (once per process). */
  private readonly partly = new Set<string>();

  constructor(
    private readonly sender: Sender,
    private readonly log: (line: string) => void,
    private readonly everyMs = Math.max(10, Math.floor(sender.leaseMs / 2)),
  ) {}

  /** Sweeps every `everyMs` until stop(); the timer alone never keeps the process alive. */
  start(): void {
    if (this.stopped || this.timer !== undefined) return;
    this.timer = setInterval(() => {
      this.sweep().catch((error: unknown) => {
        this.log(
          `takeover sweep failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      });
    }, this.everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a sweep in progress (its sends end as the drain says). */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.current?.catch(() => undefined);
  }

  /** One sweep, or the one already running (never two at once): how many rows it finished. */
  sweep(): Promise<number> {
    this.current ??= this.sweepOnce().finally(() => {
      this.current = undefined;
    });
    return this.current;
  }

  private async sweepOnce(): Promise<number> {
    const { sender } = this;
    if (this.stopped || sender.stopping) return 0;
    const store = sender.store;
    const lease = sender.leaseMs;
    const candidates = await store.sends.orphaned(lease);
    if (candidates.length === 0) return 0;
    const alive = await store.runs.aliveBatches(lease);
    const take: SendRow[] = candidates.filter((r) => r.batchId === null);
    const batchIds = new Set(
      candidates.flatMap((r) => (r.batchId !== null && !alive.has(r.batchId) ? [r.batchId] : [])),
    );
    const held: (() => Promise<void>)[] = [];
    try {
      for (const id of batchIds) {
        const rows = await this.batchRows(id);
        if (rows === undefined) continue;
        // Registered first, in one transaction with the look for a live run: of two sweeps
        // (or a user's rerun starting now), one gets the batch.
        const claim = await store.runs.registerIfIdle(id, sender.owner, lease);
        if (claim === undefined) continue;
        held.push(keepAlive(store.runs, id, claim.token, lease));
        const was = claim.stale.map(describeRun).join('; ') || 'no run registered';
        this.log(
          `taking over batch ${id}: ${rows.length} row${rows.length === 1 ? '' : 's'} not sent, its run stopped (${was})`,
        );
        take.push(...rows);
      }
      if (take.length === 0) return 0;
      const done = await resumeUnfinished(sender, this.log, take);
      if (done.length > 0)
        this.log(
          `took over ${done.length} unfinished send(s): ${done.filter((r) => r.state === 'sent').length} sent, ${done.filter((r) => r.state !== 'sent').length} not`,
        );
      return done.length;
    } finally {
      for (const end of held) await end();
    }
  }

  /** The batch's unfinished rows, or undefined when it is not ours to finish (yet). */
  private async batchRows(id: string): Promise<SendRow[] | undefined> {
    const store = this.sender.store;
    const batch = await store.batches.getBatch(id);
    if (batch === undefined) return undefined;
    const queued = await countBatchRows(store, id);
    if (queued < batch.rows) {
      if (!this.partly.has(id)) {
        this.partly.add(id);
        this.log(
          `batch ${id} (${batch.fileName}) stopped while it was being queued (${queued} of ${batch.rows} rows): not taken over; ${batch.createdBy} must upload the file again to send the rest (rows already sent are not sent twice)`,
        );
      }
      return undefined;
    }
    const rows = await store.sends.unfinished(id);
    // A lease not run out yet: its holder may still be sending part of a chunk. Next sweep.
    const now = this.sender.now();
    if (rows.some((r) => r.state === 'sending' && r.lease !== null && r.lease.until >= now))
      return undefined;
    return rows;
  }
}
