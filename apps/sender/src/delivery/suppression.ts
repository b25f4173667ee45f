/**
 * The suppression list (issue 18, part 5): an address whose last delivery event was a
 * permanent bounce or a complaint is not sent to by default, as Resend and its peers do.
 * It is derived from the delivery states (webhooks and sync), so it is always current;
 * an admin's removal is recorded and hides the events before it.
 */
import { parseMailbox } from '../addresses.js';
import type { Row, Store } from '../store.js';
import { TurnMemo } from '../store/turn-memo.js';

export interface SuppressedAddress {
  /** As first seen in a send (the list compares without case). */
  address: string;
  event: 'bounced' | 'complained';
  /** The bounce type when known (`Permanent / General`). */
  kind: string | null;
  /** When the event happened (ISO). */
  at: string;
  /** The send whose email bounced or was complained about. */
  sendId: number;
}

/** The SQLite table (PostgreSQL: src/store/postgres-schema.ts); created when the store opens. */
export const SUPPRESSION_SQLITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS suppression_removals (
  id INTEGER PRIMARY KEY,
  address TEXT NOT NULL COLLATE NOCASE,
  removed_at TEXT NOT NULL,
  removed_by TEXT NOT NULL,
  reason TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS suppression_removals_address ON suppression_removals(address);
`;

export const SUPPRESSION_REMOVED = 'suppression-removed';
export const SUPPRESSION_OVERRIDE = 'suppression-override';

const text = (row: Row, key: string): string => {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`suppression: column ${key} is not text`);
  return v;
};
/** The bare addresses of a stored list (`"Name" <addr>` or `addr`). */
const addresses = (row: Row, key: string): string[] => {
  const parsed: unknown = JSON.parse(text(row, key));
  return Array.isArray(parsed) ? parsed.map((a) => parseMailbox(String(a)).address) : [];
};
const bare = (stored: string): string => parseMailbox(stored).address.toLowerCase();

/** A bounce counts when it is permanent; a bounce of unknown type (from sync) counts too. */
const isPermanent = (kind: string | null): boolean => kind === null || /^permanent/i.test(kind);

export class Suppressions {
  /** Whether any bounce or complaint is stored, read once per event-loop turn (turn-memo.ts). */
  private readonly anyEvent: TurnMemo<boolean>;

  constructor(private readonly store: Store) {
    this.anyEvent = new TurnMemo(
      store.db,
      async () =>
        (await store.db.get(
          "SELECT 1 AS x FROM delivery_states WHERE state IN ('bounced', 'complained') LIMIT 1",
        )) !== undefined,
    );
  }

  /**
   * Every suppressed address: for each address, its latest delivery event (by time) is a
   * permanent bounce or a complaint, and no admin removed it since.
   */
  async list(): Promise<SuppressedAddress[]> {
    const rows = await this.store.db.all(
      `SELECT s.id, s.recipients_to, s.recipients_cc, d.state, d.kind, d.occurred_at
       FROM delivery_states d JOIN sends s ON s.message_id = d.email_id
       ORDER BY d.occurred_at, s.id`,
    );
    const latest = new Map<string, { address: string; row: Row }>();
    for (const row of rows)
      for (const address of [
        ...addresses(row, 'recipients_to'),
        ...addresses(row, 'recipients_cc'),
      ])
        latest.set(address.toLowerCase(), { address, row });
    const removed = new Map<string, string>();
    for (const r of await this.store.db.all(
      'SELECT address, MAX(removed_at) AS at FROM suppression_removals GROUP BY address',
    ))
      removed.set(text(r, 'address').toLowerCase(), text(r, 'at'));
    const list: SuppressedAddress[] = [];
    for (const [key, { address, row }] of latest) {
      const state = text(row, 'state');
      const kind = row.kind === null ? null : text(row, 'kind');
      const at = text(row, 'occurred_at');
      const event =
        state === 'complained'
          ? 'complained'
          : state === 'bounced' && isPermanent(kind)
            ? 'bounced'
            : undefined;
      if (event === undefined) continue;
      const removedAt = removed.get(key);
      if (removedAt !== undefined && removedAt >= at) continue;
      list.push({ address, event, kind, at, sendId: Number(row.id) });
    }
    return list.sort((a, b) => b.at.localeCompare(a.at));
  }

  /** The suppressed ones among these addresses, by lower-case address. */
  async among(wanted: readonly string[]): Promise<Map<string, SuppressedAddress>> {
    const keys = new Set(wanted.map(bare));
    const found = new Map<string, SuppressedAddress>();
    // Only an address with a bounce or complaint can be on the list: without any (the
    // usual case) the preview and the batch plan skip the scan of every delivery state.
    if (keys.size === 0) return found;
    if (!(await this.anyEvent.get())) return found;
    for (const entry of await this.list())
      if (keys.has(entry.address.toLowerCase())) found.set(entry.address.toLowerCase(), entry);
    return found;
  }

  /** An admin takes an address off the list; recorded with who, when and why. */
  async remove(address: string, actor: string, reason: string): Promise<boolean> {
    const entry = (await this.among([address])).get(bare(address));
    if (!entry) return false;
    await this.store.transaction(async () => {
      await this.store.db.run(
        'INSERT INTO suppression_removals (address, removed_at, removed_by, reason) VALUES (?, ?, ?, ?)',
        entry.address,
        new Date(this.store.now()).toISOString(),
        actor,
        reason,
      );
      await this.store.audit.logEvent(
        actor,
        SUPPRESSION_REMOVED,
        `${entry.address} (${describeSuppression(entry)}) removed from the suppression list: ${reason}`,
      );
    });
    return true;
  }

  /** Someone chose to send to suppressed addresses anyway: who, why, to whom, what. */
  recordOverride(
    actor: string,
    reason: string,
    entries: readonly SuppressedAddress[],
    what: string,
  ): Promise<void> {
    return this.store.audit.logEvent(
      actor,
      SUPPRESSION_OVERRIDE,
      `${what} to ${entries.map((e) => `${e.address} (${describeSuppression(e)})`).join(', ')}: ${reason}`,
    );
  }
}

/** `bounced (Permanent / General) on 2026-12-01 10:00 UTC`, `complained on …`. */
export function describeSuppression(entry: SuppressedAddress): string {
  const when = `${entry.at.slice(0, 16).replace('T', ' ')} UTC`;
  return entry.event === 'complained'
    ? `complained on ${when}`
    : `bounced${entry.kind === null ? '' : ` (${entry.kind})`} on ${when}`;
}

/** Lines of a batch file naming a suppressed address: the plan and the CLI name each one. */
export async function suppressedLines<L extends { line: number; to: string[]; cc: string[] }>(
  suppressions: Suppressions,
  lines: readonly L[],
): Promise<{ clean: L[]; suppressed: { line: L; entry: SuppressedAddress; reason: string }[] }> {
  const found = await suppressions.among(lines.flatMap((l) => [...l.to, ...l.cc]));
  const clean: L[] = [];
  const suppressed: { line: L; entry: SuppressedAddress; reason: string }[] = [];
  for (const line of lines) {
    const entry = [...line.to, ...line.cc]
      .map((a) => found.get(bare(a)))
      .find((e) => e !== undefined);
    if (entry === undefined) clean.push(line);
    else
      suppressed.push({
        line,
        entry,
        reason: `line ${line.line}: ${entry.address} is suppressed (${describeSuppression(entry)})`,
      });
  }
  return { clean, suppressed };
}
