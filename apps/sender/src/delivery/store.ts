import type { Row, Store } from '../store.js';
import { FINAL_STATES, deliveryStates, supersedes, type DeliveryState } from './states.js';

/** Where a delivery fact came from: a signed webhook, or `csp-sender sync` asking the provider. */
export type DeliverySource = 'webhook' | 'sync';

export interface DeliveryEvent {
  /** Unique per event: the webhook's `svix-id`, or `sync:<email id>:<last_event>`. */
  key: string;
  source: DeliverySource;
  /** The provider's name for it: `email.bounced`, or a `last_event` such as `bounced`. */
  type: string;
  /** The provider's email id (one per email, also inside a batch); null for non-email events. */
  emailId: string | null;
  occurredAt: string;
  /** The verified body as received (kept for the record). */
  payload: string;
  /** The delivery state the event stands for, if any. */
  state?: DeliveryState | undefined;
  /** Bounce type (`Permanent / General`), suppression type, ...; shown next to the state. */
  kind?: string | undefined;
  /** The provider's message: why it bounced, failed or was suppressed. */
  reason?: string | undefined;
}

export interface DeliveryRecord {
  emailId: string;
  state: DeliveryState;
  occurredAt: string;
  kind: string | null;
  reason: string | null;
  source: DeliverySource;
  updatedAt: string;
}

export interface RecordResult {
  /** False when this event (same key) was stored before: nothing changed. */
  stored: boolean;
  /** The email's latest state moved because of this event. */
  changed: boolean;
  /** The email's latest state after this event. */
  latest: DeliveryRecord | undefined;
  /** A send row carries this email id. */
  knownSend: boolean;
}

const text = (row: Row, key: string): string => {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`delivery store: column ${key} is not text`);
  return v;
};
const optText = (row: Row, key: string): string | null =>
  row[key] === null ? null : text(row, key);

const isState = (v: string): v is DeliveryState =>
  (deliveryStates as readonly string[]).includes(v);
const isSource = (v: string): v is DeliverySource => v === 'webhook' || v === 'sync';

function toRecord(row: Row): DeliveryRecord {
  const state = text(row, 'state');
  const source = text(row, 'source');
  if (!isState(state)) throw new Error(`delivery store: unknown state ${state}`);
  if (!isSource(source)) throw new Error(`delivery store: unknown source ${source}`);
  return {
    emailId: text(row, 'email_id'),
    state,
    occurredAt: text(row, 'occurred_at'),
    kind: optText(row, 'kind'),
    reason: optText(row, 'reason'),
    source,
    updatedAt: text(row, 'updated_at'),
  };
}

// This module's own tables (SQLite; PostgreSQL: src/store/postgres-schema.ts), created when
// the store opens. An index on sends.message_id lets history find each row's state, and an
// event find its row.
export const DELIVERY_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS delivery_events (
  id INTEGER PRIMARY KEY,
  event_key TEXT NOT NULL UNIQUE,
  source TEXT NOT NULL CHECK (source IN ('webhook', 'sync')),
  type TEXT NOT NULL,
  email_id TEXT,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS delivery_events_email ON delivery_events(email_id);
CREATE TABLE IF NOT EXISTS delivery_states (
  email_id TEXT PRIMARY KEY,
  state TEXT NOT NULL CHECK (state IN (${deliveryStates.map((s) => `'${s}'`).join(', ')})),
  occurred_at TEXT NOT NULL,
  kind TEXT,
  reason TEXT,
  source TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS sends_message_id ON sends(message_id);
-- History filtered by a delivery state (bounced, ...) finds those emails by this index.
CREATE INDEX IF NOT EXISTS delivery_states_state ON delivery_states(state);
`;

/** The delivery events and each email's latest state: one write path for webhooks and sync. */
export class DeliveryStore {
  constructor(private readonly store: Store) {}

  private iso(): string {
    return new Date(this.store.now()).toISOString();
  }

  /**
   * Stores an event once (a repeated key is a no-op) and moves the email's
   * latest state only forward (see `supersedes`). One transaction: a crash
   * never leaves an event without its effect.
   */
  record(event: DeliveryEvent): Promise<RecordResult> {
    return this.store.transaction(async () => {
      const inserted = await this.store.db.run(
        `INSERT INTO delivery_events (event_key, source, type, email_id, occurred_at, received_at, payload)
           VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_key) DO NOTHING`,
        event.key,
        event.source,
        event.type,
        event.emailId,
        event.occurredAt,
        this.iso(),
        event.payload,
      );
      const emailId = event.emailId;
      if (emailId === null)
        return {
          stored: inserted.changes === 1,
          changed: false,
          latest: undefined,
          knownSend: false,
        };
      const knownSend =
        (await this.store.db.get(
          'SELECT 1 AS one FROM sends WHERE message_id = ? LIMIT 1',
          emailId,
        )) !== undefined;
      const current = await this.get(emailId);
      if (inserted.changes === 0 || event.state === undefined) {
        return { stored: inserted.changes === 1, changed: false, latest: current, knownSend };
      }
      const incoming = { state: event.state, occurredAt: event.occurredAt };
      // The same state with the details a sync answer lacks (a bounce's type and message):
      // keep the state, take the details.
      const enriches =
        current !== undefined &&
        current.state === event.state &&
        current.reason === null &&
        event.reason !== undefined;
      if (!supersedes(incoming, current) && !enriches)
        return { stored: true, changed: false, latest: current, knownSend };
      await this.store.db.run(
        `INSERT INTO delivery_states (email_id, state, occurred_at, kind, reason, source, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT (email_id) DO UPDATE SET state = excluded.state, occurred_at = excluded.occurred_at,
             kind = excluded.kind, reason = excluded.reason, source = excluded.source, updated_at = excluded.updated_at`,
        emailId,
        event.state,
        event.occurredAt,
        event.kind ?? null,
        event.reason ?? null,
        event.source,
        this.iso(),
      );
      return { stored: true, changed: true, latest: await this.get(emailId), knownSend };
    });
  }

  async get(emailId: string): Promise<DeliveryRecord | undefined> {
    const row = await this.store.db.get(
      'SELECT * FROM delivery_states WHERE email_id = ?',
      emailId,
    );
    return row && toRecord(row);
  }

  /** Latest states of many emails at once (a history page). */
  async forEmails(emailIds: readonly string[]): Promise<Map<string, DeliveryRecord>> {
    const found = new Map<string, DeliveryRecord>();
    for (const id of new Set(emailIds)) {
      const record = await this.get(id);
      if (record) found.set(id, record);
    }
    return found;
  }

  /** How many events were stored for an email (or in all). */
  async countEvents(emailId?: string): Promise<number> {
    const row =
      emailId === undefined
        ? await this.store.db.get('SELECT COUNT(*) AS n FROM delivery_events')
        : await this.store.db.get(
            'SELECT COUNT(*) AS n FROM delivery_events WHERE email_id = ?',
            emailId,
          );
    return Number(row?.n ?? 0);
  }

  /**
   * Resend sends since `sinceIso` whose state is not final yet: the ones `sync`
   * asks the provider about, oldest first.
   */
  async awaitingSync(sinceIso: string): Promise<{ sendId: number; emailId: string }[]> {
    const final = FINAL_STATES.map((s) => `'${s}'`).join(', ');
    const rows = await this.store.db.all(
      `SELECT s.id, s.message_id FROM sends s LEFT JOIN delivery_states d ON d.email_id = s.message_id
         WHERE s.state = 'sent' AND s.transport = 'resend' AND s.message_id IS NOT NULL AND s.message_id <> ''
           AND COALESCE(s.sent_at, s.created_at) >= ? AND (d.state IS NULL OR d.state NOT IN (${final}))
         ORDER BY s.id`,
      sinceIso,
    );
    return rows.map((r) => ({ sendId: Number(r.id), emailId: text(r, 'message_id') }));
  }
}
