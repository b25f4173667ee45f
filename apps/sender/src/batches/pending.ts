import { randomBytes } from 'node:crypto';
import type { ColumnChoice } from './import.js';

/** An uploaded file waiting for the user's OK: nothing is queued until then. */
export interface PendingUpload {
  userId: number;
  fileName: string;
  /** The file's bytes as uploaded (a string in older callers). */
  content: string | Uint8Array;
  template: string;
  country: string;
  /** The columns the user chose in the mapping step. */
  columns?: ColumnChoice;
  expiresAt: number;
}

/**
 * Uploads between the plan page and the OK, kept in memory for an hour. A restart
 * forgets them: the user uploads the file again, and nothing was queued yet, so
 * nothing is lost.
 *
 * Bounded two ways, so one user cannot push out everyone else's plans: at most
 * `perUser` per user (a user's next upload drops their own oldest), and at most `max`
 * in all; when full, the oldest plan of the user holding the most goes, never another
 * user's only plan. If every plan is someone's only one, the upload is refused.
 */
export class PendingUploads {
  /** In insertion order, so the first of a user's is their oldest. */
  private readonly items = new Map<string, PendingUpload>();

  constructor(
    private readonly ttlMs = 3600_000,
    private readonly max = 50,
    private readonly perUser = 5,
    private readonly now: () => number = Date.now,
  ) {}

  /** A plan token, or undefined when the server holds `max` plans, each its user's only one. */
  add(upload: Omit<PendingUpload, 'expiresAt'>): string | undefined {
    for (const [key, item] of this.items) if (item.expiresAt <= this.now()) this.items.delete(key);
    while (this.countOf(upload.userId) >= this.perUser) this.dropOldestOf(upload.userId);
    if (this.items.size >= this.max) {
      const victim = this.heaviest(upload.userId);
      if (victim === undefined) return undefined;
      this.dropOldestOf(victim);
    }
    const key = randomBytes(18).toString('base64url');
    this.items.set(key, { ...upload, expiresAt: this.now() + this.ttlMs });
    return key;
  }

  /** The upload behind a plan token, only for the user who uploaded it. */
  take(key: string, userId: number): PendingUpload | undefined {
    const item = this.items.get(key);
    if (!item || item.userId !== userId || item.expiresAt <= this.now()) return undefined;
    this.items.delete(key);
    return item;
  }

  private countOf(userId: number): number {
    let n = 0;
    for (const item of this.items.values()) if (item.userId === userId) n++;
    return n;
  }

  private dropOldestOf(userId: number): void {
    for (const [key, item] of this.items)
      if (item.userId === userId) {
        this.items.delete(key);
        return;
      }
  }

  /**
   * Whose plan to drop when full: the user with the most plans (the uploader first on
   * a tie, then whoever uploaded longest ago). Another user's only plan is never chosen;
   * the uploader's own one is (their new plan replaces it).
   */
  private heaviest(uploader: number): number | undefined {
    const counts = new Map<number, number>();
    for (const item of this.items.values())
      counts.set(item.userId, (counts.get(item.userId) ?? 0) + 1);
    let best: number | undefined;
    let bestCount = 0;
    // Map order: users in the order of their oldest plan.
    for (const [userId, count] of counts)
      if (count > bestCount || (count === bestCount && userId === uploader)) {
        best = userId;
        bestCount = count;
      }
    if (best === undefined || (bestCount < 2 && best !== uploader)) return undefined;
    return best;
  }
}
