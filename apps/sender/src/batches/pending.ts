import { randomBytes } from 'node:crypto';

/** An uploaded file waiting for the user's OK: nothing is queued until then. */
export interface PendingUpload {
  userId: number;
  fileName: string;
  content: string;
  template: string;
  country: string;
  expiresAt: number;
}

/**
 * Uploads between the plan page and the OK, kept in memory for an hour (at most
 * `max`, oldest dropped). A restart forgets them: the user uploads the file again,
 * and nothing was queued yet, so nothing is lost.
 */
export class PendingUploads {
  private readonly items = new Map<string, PendingUpload>();

  constructor(
    private readonly ttlMs = 3600_000,
    private readonly max = 50,
    private readonly now: () => number = Date.now,
  ) {}

  add(upload: Omit<PendingUpload, 'expiresAt'>): string {
    for (const [key, item] of this.items) if (item.expiresAt <= this.now()) this.items.delete(key);
    while (this.items.size >= this.max) {
      const oldest = this.items.keys().next();
      if (oldest.done === true) break;
      this.items.delete(oldest.value);
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
}
