/** The audit log: who did what, when (sign-ins, sends, team changes, overrides). */
import { str } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';

/** Appends and reads audit events. */
export class AuditLog extends CapabilityStore {
  async logEvent(actor: string, kind: string, detail: string): Promise<void> {
    await this.db.run(
      'INSERT INTO events (at, actor, kind, detail) VALUES (?, ?, ?, ?)',
      this.iso(),
      actor,
      kind,
      detail,
    );
  }

  /** When an event of this kind and detail was last recorded (ms), if ever. */
  async lastEventAt(kind: string, detail: string): Promise<number | undefined> {
    const row = await this.db.get(
      'SELECT at FROM events WHERE kind = ? AND detail = ? ORDER BY id DESC LIMIT 1',
      kind,
      detail,
    );
    return row && Date.parse(str(row, 'at'));
  }

  async events(
    kind?: string,
  ): Promise<{ at: string; actor: string; kind: string; detail: string }[]> {
    const rows =
      kind === undefined
        ? await this.db.all('SELECT * FROM events ORDER BY id')
        : await this.db.all('SELECT * FROM events WHERE kind = ? ORDER BY id', kind);
    return rows.map((r) => ({
      at: str(r, 'at'),
      actor: str(r, 'actor'),
      kind: str(r, 'kind'),
      detail: str(r, 'detail'),
    }));
  }
}
