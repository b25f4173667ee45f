/**
 * Batch runs in the store, whichever process or instance runs them: a run registers itself
 * and renews its heartbeat every third of the lease; "running" is a run with a fresh
 * heartbeat. Another instance's takeover sweep (src/sending/takeover.ts) leaves a batch
 * with a live run alone: its rows share chunk keys with what that run is still sending.
 *
 * One row per run, not per batch: two runs of one file (two instances, or a CLI rerun
 * beside the web) each keep the batch alive until the last of them ends.
 */
import { randomUUID } from 'node:crypto';
import { num, str, type Row } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';
import { Heartbeat } from '../sending/heartbeat.js';
import { hostname } from 'node:os';
import { processExists } from '../sending/owner.js';
import type { LeaseOwner } from '../store.js';

/** The SQLite table (PostgreSQL: src/store/postgres-schema.ts, version 2); created when the store opens. */
export const BATCH_RUNS_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS batch_runs (
  batch_id TEXT NOT NULL REFERENCES batches(id),
  owner_token TEXT NOT NULL,
  host TEXT NOT NULL,
  pid INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL,
  PRIMARY KEY (batch_id, owner_token)
);
`;

export interface BatchRun {
  batchId: string;
  token: string;
  host: string;
  pid: number;
  heartbeatAt: number;
  startedAt: number;
}

const toRun = (row: Row): BatchRun => ({
  batchId: str(row, 'batch_id'),
  token: str(row, 'owner_token'),
  host: str(row, 'host'),
  pid: num(row, 'pid'),
  heartbeatAt: num(row, 'heartbeat_at'),
  startedAt: num(row, 'started_at'),
});

export class BatchRuns extends CapabilityStore {
  /** Registers a run (its own token: two runs in one process are two runs). */
  async register(batchId: string, owner: LeaseOwner, token = randomUUID()): Promise<string> {
    const now = this.now();
    await this.db.run(
      `INSERT INTO batch_runs (batch_id, owner_token, host, pid, heartbeat_at, started_at)
       VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (batch_id, owner_token) DO UPDATE SET heartbeat_at = excluded.heartbeat_at`,
      batchId,
      token,
      owner.host,
      owner.pid,
      now,
      now,
    );
    return token;
  }

  /**
   * Registers a run only if no other run of the batch has a fresh heartbeat (the takeover:
   * of two sweeps, one gets it). The batch's stale runs go, and are returned (for the log).
   * Undefined when another run is alive.
   */
  registerIfIdle(
    batchId: string,
    owner: LeaseOwner,
    leaseMs: number,
  ): Promise<{ token: string; stale: BatchRun[] } | undefined> {
    return this.transaction(async () => {
      if ((await this.alive(batchId, leaseMs)).length > 0) return undefined;
      const stale = (
        await this.db.all('DELETE FROM batch_runs WHERE batch_id = ? RETURNING *', batchId)
      ).map(toRun);
      return { token: await this.register(batchId, owner), stale };
    });
  }

  async beat(token: string): Promise<void> {
    await this.db.run(
      'UPDATE batch_runs SET heartbeat_at = ? WHERE owner_token = ?',
      this.now(),
      token,
    );
  }

  async end(batchId: string, token: string): Promise<void> {
    await this.db.run(
      'DELETE FROM batch_runs WHERE batch_id = ? AND owner_token = ?',
      batchId,
      token,
    );
  }

  /**
   * The batch's runs alive now: a fresh heartbeat, and — on this host, where it can be
   * told — a process that still exists. A run SIGKILLed a moment ago (or one a restored
   * backup remembers) is dead at once here, not only a lease later: its rows go again under
   * their own keys before anything else (resume), never under new ones beside them.
   */
  async alive(batchId: string, leaseMs: number): Promise<BatchRun[]> {
    return (
      await this.db.all(
        'SELECT * FROM batch_runs WHERE batch_id = ? AND heartbeat_at >= ? ORDER BY started_at',
        batchId,
        this.now() - leaseMs,
      )
    )
      .map(toRun)
      .filter((run) => !this.gone(run));
  }

  /** Ids of every batch with a run alive now, anywhere (as `alive` tells it). */
  async aliveBatches(leaseMs: number): Promise<Set<string>> {
    const rows = await this.db.all(
      'SELECT * FROM batch_runs WHERE heartbeat_at >= ?',
      this.now() - leaseMs,
    );
    return new Set(
      rows
        .map(toRun)
        .filter((run) => !this.gone(run))
        .map((run) => run.batchId),
    );
  }

  /** A run of this host whose process no longer exists (another host's cannot be told). */
  private gone(run: BatchRun): boolean {
    return run.host === hostname() && run.pid !== process.pid && !this.exists(run.pid);
  }

  /** Whether a process exists on this host (tests replace it). */
  exists: (pid: number) => boolean = processExists;
}

/**
 * Keeps a registered run alive: a heartbeat every third of the lease (a beat that fails is
 * not fatal; the run is stale only after three missed ones). The returned function ends it.
 */
export function keepAlive(
  runs: BatchRuns,
  batchId: string,
  token: string,
  leaseMs: number,
): () => Promise<void> {
  const heartbeat = new Heartbeat(
    () => {
      runs.beat(token).catch(() => undefined);
    },
    Math.max(10, Math.floor(leaseMs / 3)),
  );
  const release = heartbeat.hold();
  return async () => {
    release();
    // A row left behind (the store closing, a database blip) goes stale and counts for nothing.
    await runs.end(batchId, token).catch(() => undefined);
  };
}

/** Registers a run of the batch and keeps it alive until the returned function is called. */
export async function holdRun(
  runs: BatchRuns,
  batchId: string,
  owner: LeaseOwner,
  leaseMs: number,
): Promise<() => Promise<void>> {
  const token = await runs.register(batchId, owner);
  return keepAlive(runs, batchId, token, leaseMs);
}
