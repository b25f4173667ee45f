/**
 * A store read shared by the requests that arrive together.
 *
 * Under load, Node reads every connection that became readable in one turn of its event
 * loop, and handles those requests one after another before the turn's check phase (where
 * `setImmediate` callbacks run). They were all sent before any of them was answered, so each
 * may see the store as the first of them read it: a change made meanwhile by another process
 * is concurrent with all of them. A change this process makes (any write through the port,
 * counted by `SqlDb.writes`) is read again at once. The next turn always reads afresh.
 *
 * So a check made on every request (the session epoch; is anyone on the suppression list?)
 * costs one read per turn instead of one per request, and nothing is ever older than the
 * requests waiting with it. With one request at a time it is one read per request, as before.
 */
import type { SqlDb } from './sql.js';

export class TurnMemo<T> {
  private value: Promise<T> | undefined;
  private writes = 0;

  constructor(
    private readonly db: Pick<SqlDb, 'writes'>,
    private readonly read: () => Promise<T>,
  ) {}

  get(): Promise<T> {
    if (this.value !== undefined && this.writes === this.db.writes) return this.value;
    const value = this.read();
    this.value = value;
    this.writes = this.db.writes;
    const drop = () => {
      if (this.value === value) this.value = undefined;
    };
    setImmediate(drop);
    // A failed read is not kept: the next caller tries again (the failure reaches this one).
    value.catch(drop);
    return value;
  }
}
