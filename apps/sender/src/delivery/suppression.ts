/**
 * The suppression list (issue 18, part 5): an address whose last delivery event was a
 * permanent bounce or a complaint is not sent to by default, as Resend and its peers do.
 * It is derived from the delivery states (webhooks and sync), so it is always current;
 * an admin's removal is recorded and hides the events before it.
 */
import { parseMailbox } from '../addresses.js';
import type { Row, Store } from '../store.js';
import { DeliveryStore } from './store.js';

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

const SCHEMA = `
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
  private readonly noBounceOrComplaint;

  constructor(private readonly store: Store) {
    // The delivery tables this list is read from, and its own removals table.
    new DeliveryStore(store);
    store.db.exec(SCHEMA);
    this.noBounceOrComplaint = store.db.prepare(
      "SELECT 1 FROM delivery_states WHERE state IN ('bounced', 'complained') LIMIT 1",
    );
  }

  /**
   * Every suppressed address: for each address, its latest delivery event (by time) is a
   * permanent bounce or a complaint, and no admin removed it since.
   */
  list(): SuppressedAddress[] {
    const rows = this.store.db
      .prepare(
        `SELECT s.id, s.recipients_to, s.recipients_cc, d.state, d.kind, d.occurred_at
         FROM delivery_states d JOIN sends s ON s.message_id = d.email_id
         ORDER BY d.occurred_at, s.id`,
      )
      .all() as Row[];
    const latest = new Map<string, { address: string; row: Row }>();
    for (const row of rows)
      for (const address of [
        ...addresses(row, 'recipients_to'),
        ...addresses(row, 'recipients_cc'),
      ])
        latest.set(address.toLowerCase(), { address, row });
    const removed = new Map<string, string>();
    for (const r of this.store.db
      .prepare('SELECT address, MAX(removed_at) AS at FROM suppression_removals GROUP BY address')
      .all() as Row[])
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
  among(wanted: readonly string[]): Map<string, SuppressedAddress> {
    const keys = new Set(wanted.map(bare));
    const found = new Map<string, SuppressedAddress>();
    // Only an address with a bounce or complaint can be on the list: without any (the
    // usual case) the preview and the batch plan skip the scan of every delivery state.
    if (keys.size === 0 || this.noBounceOrComplaint.get() === undefined) return found;
    for (const entry of this.list())
      if (keys.has(entry.address.toLowerCase())) found.set(entry.address.toLowerCase(), entry);
    return found;
  }

  /** An admin takes an address off the list; recorded with who, when and why. */
  remove(address: string, actor: string, reason: string): boolean {
    const entry = this.among([address]).get(bare(address));
    if (!entry) return false;
    this.store.transaction(() => {
      this.store.db
        .prepare(
          'INSERT INTO suppression_removals (address, removed_at, removed_by, reason) VALUES (?, ?, ?, ?)',
        )
        .run(entry.address, new Date(this.store.now()).toISOString(), actor, reason);
      this.store.audit.logEvent(
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
  ): void {
    this.store.audit.logEvent(
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
export function suppressedLines<L extends { line: number; to: string[]; cc: string[] }>(
  suppressions: Suppressions,
  lines: readonly L[],
): { clean: L[]; suppressed: { line: L; entry: SuppressedAddress; reason: string }[] } {
  const found = suppressions.among(lines.flatMap((l) => [...l.to, ...l.cc]));
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
