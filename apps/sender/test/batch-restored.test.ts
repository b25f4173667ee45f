import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatchFileError } from '../src/batches/import.js';
import { runBatch } from '../src/batches/run.js';
import { Sender } from '../src/sending/sender.js';
import { Store } from '../src/store.js';
import type { BatchResult, OutgoingEmail, SendResult, Transport } from '../src/transports/types.js';
import { tempDir } from './helpers.js';

/** Remembers every recipient it was asked to send to. */
class CountingTransport implements Transport {
  readonly name = 'resend';
  readonly endpoint = null;
  readonly acceptsPlaceholders = true;
  readonly maxBatchSize = 100;
  readonly sentTo: string[] = [];
  check(): Promise<void> {
    return Promise.resolve();
  }
  send(email: OutgoingEmail, key: string): Promise<SendResult> {
    return this.sendBatch([email], key).then((r) => ({ id: r.ids[0] ?? '' }));
  }
  sendBatch(emails: OutgoingEmail[], key: string): Promise<BatchResult> {
    this.sentTo.push(...emails.flatMap((e) => e.to));
    return Promise.resolve({ ids: emails.map((_, i) => `${key}-${i}`) });
  }
}

const csv = `to\n${Array.from({ length: 150 }, (_, i) => `r${i}@contoso.example`).join('\n')}\n`;
const base = {
  file: 'list.csv',
  content: csv,
  template: 'customer-authorization-request',
  country: 'GB',
  createdBy: 't',
};

let tmp: ReturnType<typeof tempDir>;
let store: Store;
beforeEach(() => {
  tmp = tempDir();
  store = new Store(tmp.dir);
});
afterEach(async () => {
  await store.close();
  tmp.cleanup();
});

describe('a store restored from a backup taken while a batch was being queued', () => {
  it('--again refuses (it would send the lines queued after the backup twice); a plain rerun finishes it under the first keys', async () => {
    const transport = new CountingTransport();
    const sender = new Sender({
      store,
      transport,
      retry: { maxAttempts: 2, baseMs: 1, maxMs: 2 },
      sleep: () => Promise.resolve(),
    });
    const first = await runBatch(sender, base);
    expect(first.sentNowCount).toBe(150);
    const keys = store.sqlite.file
      .prepare('SELECT request_key AS r, idempotency_key AS k FROM sends ORDER BY id')
      .all();
    // The backup had only the first 100 lines queued (all unsent); the provider got all 150.
    store.sqlite.file.exec(
      "DELETE FROM sends WHERE batch_line > 101; UPDATE sends SET state = 'queued', message_id = NULL, sent_at = NULL",
    );
    await expect(runBatch(sender, { ...base, again: true })).rejects.toThrow(BatchFileError);
    await expect(runBatch(sender, { ...base, again: true })).rejects.toThrow(
      /was not fully queued.*run the same command without --again first/,
    );
    expect(transport.sentTo).toHaveLength(150);
    // The plain rerun queues the missing lines under the keys they had the first time.
    const rerun = await runBatch(sender, base);
    expect(rerun.total).toBe(150);
    expect(
      store.sqlite.file
        .prepare('SELECT request_key AS r, idempotency_key AS k FROM sends ORDER BY id')
        .all(),
    ).toEqual(keys);
    const again = await runBatch(sender, { ...base, again: true });
    expect(again.sentNowCount).toBe(0);
  });
});
