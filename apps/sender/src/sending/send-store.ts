/** The send log: one row per email (or batch line), its key, state, attempts and lease. */
import { strings, type Row } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';
import {
  recipientKey,
  toSend,
  type Lease,
  type LeaseOwner,
  type NewSend,
  type SendRow,
} from './send-row.js';

export {
  recipientKey,
  toSend,
  type Lease,
  type LeaseOwner,
  type NewSend,
  type SendRow,
  type SendState,
} from './send-row.js';

/** The sends table: queue, claim under a lease, mark sent or failed, list. */
export class SendStore extends CapabilityStore {
  insertSend(send: NewSend): SendRow {
    const at = this.iso();
    const result = this.core
      .statement(
        `INSERT INTO sends (request_key, idempotency_key, template_id, country, recipients_to, recipients_cc,
           subject, fingerprint, template_version, transport, endpoint, state, created_by, created_at, updated_at,
           batch_id, batch_line, chunk_index)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?)`,
      )
      .run(
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
    const row = this.getSend(Number(result.lastInsertRowid));
    if (!row) throw new Error('store: inserted send row vanished');
    return row;
  }

  getSend(id: number): SendRow | undefined {
    const row = this.core.statement('SELECT * FROM sends WHERE id = ?').get(id) as Row | undefined;
    return row && toSend(row);
  }

  findSendByRequestKey(requestKey: string): SendRow | undefined {
    const row = this.core.statement('SELECT * FROM sends WHERE request_key = ?').get(requestKey) as
      Row | undefined;
    return row && toSend(row);
  }

  /**
   * Takes rows for an attempt: queued ones, or `sending` ones whose holder
   * is gone (its lease ran out, or `takeOver` says its process no longer
   * exists). Returns only the rows this owner now holds.
   */
  claim(
    ids: number[],
    leaseMs: number,
    owner: LeaseOwner,
    takeOver: (lease: Lease) => boolean = () => false,
  ): SendRow[] {
    const now = this.now();
    return this.transaction(() => {
      const claimed: SendRow[] = [];
      const stmt = this.core.statement(
        `UPDATE sends SET state = 'sending', attempts = attempts + 1, lease_until = ?, lease_pid = ?,
           lease_host = ?, lease_token = ?, updated_at = ?, first_attempt_at = COALESCE(first_attempt_at, ?)
         WHERE id = ?`,
      );
      for (const id of ids) {
        const row = this.getSend(id);
        if (!row) continue;
        const free =
          row.state === 'queued' ||
          (row.state === 'sending' &&
            (row.lease === null ||
              row.lease.until < now ||
              (row.lease.token !== owner.token && takeOver(row.lease))));
        if (!free) continue;
        // A row taken over mid-send: the dead run's request may have reached the provider.
        if (row.state === 'sending')
          this.core
            .statement('UPDATE sends SET uncertain_at = COALESCE(uncertain_at, ?) WHERE id = ?')
            .run(now, id);
        stmt.run(now + leaseMs, owner.pid, owner.host, owner.token, this.iso(), now, id);
        const taken = this.getSend(id);
        if (taken) claimed.push(taken);
      }
      return claimed;
    });
  }

  /** Heartbeat: pushes out the lease of every row this owner holds. */
  renewLeases(owner: LeaseOwner, leaseMs: number): number {
    return Number(
      this.core
        .statement("UPDATE sends SET lease_until = ? WHERE state = 'sending' AND lease_token = ?")
        .run(this.now() + leaseMs, owner.token).changes,
    );
  }

  /** After a retryable failure: back to queued (the key stays), with the error. */
  markRetry(ids: number[], error: string): void {
    const stmt = this.core.statement(
      "UPDATE sends SET state = 'queued', last_error = ?, lease_until = NULL, lease_pid = NULL, lease_host = NULL, lease_token = NULL, updated_at = ? WHERE id = ? AND state = 'sending'",
    );
    this.transaction(() => {
      for (const id of ids) stmt.run(error, this.iso(), id);
    });
  }

  markSent(id: number, messageId: string): void {
    this.core
      .statement(
        "UPDATE sends SET state = 'sent', message_id = ?, last_error = NULL, lease_until = NULL, lease_pid = NULL, lease_host = NULL, lease_token = NULL, sent_at = ?, updated_at = ? WHERE id = ?",
      )
      .run(messageId, this.iso(), this.iso(), id);
  }

  markFailed(ids: number[], error: string): void {
    const stmt = this.core.statement(
      "UPDATE sends SET state = 'failed', last_error = ?, lease_until = NULL, lease_pid = NULL, lease_host = NULL, lease_token = NULL, updated_at = ? WHERE id = ? AND state <> 'sent'",
    );
    this.transaction(() => {
      for (const id of ids) stmt.run(error, this.iso(), id);
    });
  }

  /** A failed row goes back to queued, keeping its key (a rerun of its batch). */
  requeueFailed(ids: number[]): void {
    const stmt = this.core.statement(
      "UPDATE sends SET state = 'queued', updated_at = ? WHERE id = ? AND state = 'failed'",
    );
    this.transaction(() => {
      for (const id of ids) stmt.run(this.iso(), id);
    });
  }

  /** Every row not finished: queued, or sending (held by a live run, or left by a dead one). */
  unfinished(): SendRow[] {
    return (
      this.core
        .statement(`SELECT * FROM sends WHERE state IN ('queued', 'sending') ORDER BY id`)
        .all() as Row[]
    ).map(toSend);
  }

  /** A failed row goes back to queued under a new idempotency key (a deliberate retry). */
  requeueWithKey(id: number, idempotencyKey: string): void {
    this.core
      .statement(
        "UPDATE sends SET state = 'queued', idempotency_key = ?, attempts = 0, first_attempt_at = NULL, updated_at = ? WHERE id = ? AND state = 'failed'",
      )
      .run(idempotencyKey, this.iso(), id);
  }

  /** Recipients (To and CC joined, lower case) already delivered from batches of one file. */
  deliveredFromFile(contentHash: string): Set<string> {
    const rows = this.core
      .statement(
        `SELECT s.recipients_to, s.recipients_cc FROM sends s JOIN batches b ON b.id = s.batch_id
         WHERE b.content_hash = ? AND s.state = 'sent'`,
      )
      .all(contentHash) as Row[];
    return new Set(
      rows.map((r) => recipientKey(strings(r, 'recipients_to'), strings(r, 'recipients_cc'))),
    );
  }

  history(limit = 200): SendRow[] {
    return (
      this.core.statement('SELECT * FROM sends ORDER BY id DESC LIMIT ?').all(limit) as Row[]
    ).map(toSend);
  }
}
