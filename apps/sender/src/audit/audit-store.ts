/** The audit log: who did what, when (sign-ins, sends, team changes, overrides). */
import { str, type Row } from '../store/columns.js';
import { CapabilityStore } from '../store/core.js';

/** Appends and reads audit events. */
export class AuditLog extends CapabilityStore {
  logEvent(actor: string, kind: string, detail: string): void {
    this.core
      .statement('INSERT INTO events (at, actor, kind, detail) VALUES (?, ?, ?, ?)')
      .run(this.iso(), actor, kind, detail);
  }

  /** When an event of this kind and detail was last recorded (ms), if ever. */
  lastEventAt(kind: string, detail: string): number | undefined {
    const row = this.core
      .statement('SELECT at FROM events WHERE kind = ? AND detail = ? ORDER BY id DESC LIMIT 1')
      .get(kind, detail) as Row | undefined;
    return row && Date.parse(str(row, 'at'));
  }

  events(kind?: string): { at: string; actor: string; kind: string; detail: string }[] {
    const rows = (
      kind === undefined
        ? this.core.statement('SELECT * FROM events ORDER BY id').all()
        : this.core.statement('SELECT * FROM events WHERE kind = ? ORDER BY id').all(kind)
    ) as Row[];
    return rows.map((r) => ({
      at: str(r, 'at'),
      actor: str(r, 'actor'),
      kind: str(r, 'kind'),
      detail: str(r, 'detail'),
    }));
  }
}
