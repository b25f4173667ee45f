/**
 * A batch run started from the web: it goes on in the background. The caller gets the batch
 * once runBatch has created (or found) it; the run registers itself in the store (runs.ts) until it ends.
 */
import type { Sender } from '../sending/sender.js';
import type { BatchRow } from '../store.js';
import type { BatchOptions } from './options.js';
import { runBatch } from './run.js';

export function startBatch(
  sender: Sender,
  options: Omit<BatchOptions, 'onStart'>,
  log: (line: string) => void,
): Promise<BatchRow> {
  return new Promise<BatchRow>((resolve, reject) => {
    runBatch(sender, {
      ...options,
      onStart: ({ batch, pending: left, resumed }) => {
        log(
          `batch ${batch.id} ${resumed ? 'resumed' : 'started'} by ${options.createdBy}: ${left} to send`,
        );
        resolve(batch);
      },
    })
      .then((summary) => {
        log(
          `batch ${summary.batch.id}: ${summary.sentNowCount} sent now, ${summary.failedCount} not sent`,
        );
      })
      .catch((error: unknown) => {
        log(`batch: ${error instanceof Error ? error.message : String(error)}`);
        reject(error instanceof Error ? error : new Error(String(error)));
      });
  });
}
