/** The send log: one row per email (or batch line), its key, state, attempts and lease. */
import { strings } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';
import {
  recipientKey,
  toSend,
  type Lease,
  type LeaseOwner,
  type NewSend,
  type SendRow,
} from './send-row.js';

const CLEAR_LEASE = 'lease_until = NULL, lease_pid = NULL, lease_host = NULL, lease_token = NULL';

/** The sends table: queue, claim under a lease, mark sent or failed, list. */
export class SendStore extends CapabilityStore {
  async insertSend(send: NewSend): Promise<SendRow> {
    const at = this.iso();
    const row = await this.one(
      `INSERT INTO sends (request_key, idempotency_key, template_id, country, recipients_to, recipients_cc,
         subject, fingerprint, template_version, transport, endpoint, state, created_by, created_at, updated_at,
         batch_id, batch_line, chunk_index)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)
       RETURNING *`,
      send.requestKey,
      send.idempotencyKey,
      send.templateId,
      send.country,
      JSON.stringify(send.to),
      JSON.stringify(send.cc),
      send.subject,
      send.fingerprint,
      send.templateVersion,
      send.transport,
      send.endpoint,
      send.createdBy,
      at,
      at,
      send.batchId ?? null,
      send.batchLine ?? null,
      send.chunkIndex ?? null,
    );
    return toSend(row);
  }

  async getSend(id: number): Promise<SendRow | undefined> {
    const row = await this.db.get('SELECT * FROM sends WHERE id = ?', id);
    return row && toSend(row);
  }

  async findSendByRequestKey(requestKey: string): Promise<SendRow | undefined> {
    const row = await this.db.get('SELECT * FROM sends WHERE request_key = ?', requestKey);
    return row && toSend(row);
  }

  /**
   * Takes rows for an attempt: queued ones, or `sending` ones whose holder
   * is gone (its lease ran out, or `takeOver` says its process no longer
   * exists). Returns only the rows this owner now holds. One write transaction: no other
   * run, in this process or another, can take the same row.
   */
  claim(
    ids: number[],
    leaseMs: number,
    owner: LeaseOwner,
    takeOver: (lease: Lease) => boolean = () => false,
  ): Promise<SendRow[]> {
    const now = this.now();
    return this.transaction(async () => {
      const claimed: SendRow[] = [];
      for (const id of ids) {
        const row = await this.getSend(id);
        if (!row) continue;
        const free =
          row.state === 'queued' ||
          (row.state === 'sending' &&
            (row.lease === null ||
              row.lease.until < now ||
              (row.lease.token !== owner.token && takeOver(row.lease))));
        if (!free) continue;
        // A row taken over mid-send: the dead run's request may have reached the provider.
        const taken = await this.db.get(
          `UPDATE sends SET state = 'sending', attempts = attempts + 1, lease_until = ?, lease_pid = ?,
             lease_host = ?, lease_token = ?, updated_at = ?, first_attempt_at = COALESCE(first_attempt_at, ?),
             uncertain_at = CASE WHEN state = 'sending' THEN COALESCE(uncertain_at, ?) ELSE uncertain_at END
           WHERE id = ? RETURNING *`,
          now + leaseMs,
          owner.pid,
          owner.host,
          owner.token,
          this.iso(),
          now,
          now,
          id,
        );
        if (taken) claimed.push(toSend(taken));
      }
      return claimed;
    });
  }

  /** Heartbeat: pushes out the lease of every row this owner holds. */
  async renewLeases(owner: LeaseOwner, leaseMs: number): Promise<number> {
    return (
      await this.db.run(
        "UPDATE sends SET lease_until = ? WHERE state = 'sending' AND lease_token = ?",
        this.now() + leaseMs,
        owner.token,
      )
    ).changes;
  }

  /** After a retryable failure: back to queued (the key stays), with the error. */
  markRetry(ids: number[], error: string): Promise<void> {
    return this.transaction(async () => {
      for (const id of ids)
        await this.db.run(
          `UPDATE sends SET state = 'queued', last_error = ?, ${CLEAR_LEASE}, updated_at = ? WHERE id = ? AND state = 'sending'`,
          error,
          this.iso(),
          id,
        );
    });
  }

  async markSent(id: number, messageId: string): Promise<void> {
    await this.db.run(
      `UPDATE sends SET state = 'sent', message_id = ?, last_error = NULL, ${CLEAR_LEASE}, sent_at = ?, updated_at = ? WHERE id = ?`,
      messageId,
      this.iso(),
      this.iso(),
      id,
    );
  }

  markFailed(ids: number[], error: string): Promise<void> {
    return this.transaction(async () => {
      for (const id of ids)
        await this.db.run(
          `UPDATE sends SET state = 'failed', last_error = ?, ${CLEAR_LEASE}, updated_at = ? WHERE id = ? AND state <> 'sent'`,
          error,
          this.iso(),
          id,
        );
    });
  }

  /** A failed row goes back to queued, keeping its key (a rerun of its batch). */
  requeueFailed(ids: number[]): Promise<void> {
    return this.transaction(async () => {
      for (const id of ids)
        await this.db.run(
          "UPDATE sends SET state = 'queued', updated_at = ? WHERE id = ? AND state = 'failed'",
          this.iso(),
          id,
        );
    });
  }

  /** Every row not finished (of one batch if named): queued, or sending (held by a live run, or left by a dead one). */
  async unfinished(batchId?: string): Promise<SendRow[]> {
    const open = "state IN ('queued', 'sending')";
    return (
      batchId === undefined
        ? await this.db.all(`SELECT * FROM sends WHERE ${open} ORDER BY id`)
        : await this.db.all(
            `SELECT * FROM sends WHERE batch_id = ? AND ${open} ORDER BY id`,
            batchId,
          )
    ).map(toSend);
  }

  /**
   * Rows nobody seems to be working on: `sending` whose lease ran out, or `queued` and not
   * touched for `idleMs` (a live run's rows are renewed or moved long before).
   */
  async orphaned(idleMs: number): Promise<SendRow[]> {
    const now = this.now();
    return (
      await this.db.all(
        `SELECT * FROM sends WHERE (state = 'sending' AND (lease_until IS NULL OR lease_until < ?))
           OR (state = 'queued' AND updated_at < ?) ORDER BY id`,
        now,
        new Date(now - idleMs).toISOString(),
      )
    ).map(toSend);
  }

  /** A failed row goes back to queued under a new idempotency key (a deliberate retry). */
  async requeueWithKey(id: number, idempotencyKey: string): Promise<void> {
    await this.db.run(
      "UPDATE sends SET state = 'queued', idempotency_key = ?, attempts = 0, first_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'failed'",
      idempotencyKey,
      this.iso(),
      id,
    );
  }

  /** Recipients (To and CC joined, lower case) already delivered from batches of one file. */
  async deliveredFromFile(contentHash: string): Promise<Set<string>> {
    const rows = await this.db.all(
      `SELECT s.recipients_to, s.recipients_cc FROM sends s JOIN batches b ON b.id = s.batch_id
       WHERE b.content_hash = ? AND s.state = 'sent'`,
      contentHash,
    );
    return new Set(
      rows.map((r) => recipientKey(strings(r, 'recipients_to'), strings(r, 'recipients_cc'))),
    );
  }

  async history(limit = 200): Promise<SendRow[]> {
    return (await this.db.all('SELECT * FROM sends ORDER BY id DESC LIMIT ?', limit)).map(toSend);
  }
}
