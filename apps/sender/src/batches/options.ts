import type { BatchRow, SendRow } from '../store.js';
import type { SkippedLine } from './duplicates.js';
import type { ColumnChoice } from './import.js';

/** What a batch run is asked to do (runBatch's options) and what it reports back. */
export interface BatchSummary {
  batch: BatchRow;
  /** This run continued an earlier run of the same file. */
  resumed: boolean;
  /** Another run created the same batch at the same moment: this run joined it. */
  joined: boolean;
  total: number;
  /** Counts (exact, whatever the batch's size). */
  sentNowCount: number;
  alreadySentCount: number;
  failedCount: number;
  /** Sent by an earlier run: not sent again. Read from the store when asked for (small batches, tests). */
  alreadySent(): Promise<SendRow[]>;
  /** --again: lines whose recipients already received this file's email (not sent again). */
  skippedDelivered: number;
  /** --again: lines whose earlier email may have reached them (uncertain): not sent again. */
  skippedUncertain: number;
  /** Lines naming a recipient an earlier line already names: sent once. */
  duplicates: SkippedLine[];
  /** Lines naming a suppressed address (bounced or complained): skipped unless overridden. */
  suppressed: SkippedLine[];
  /** Sent by this run. Read from the store when asked for. */
  sentNow(): Promise<SendRow[]>;
  /** Rows that did not end `sent` (failed, uncertain, or still queued/sending elsewhere), the first 10,000. */
  failed: SendRow[];
  /** Lines of the file skipped as invalid, with why (the first 1,000), and how many. */
  skippedLines: string[];
  skippedInvalid: number;
}

export interface BatchOptions {
  file: string;
  /** The file's content (a file held in memory, a web upload); or `open` to read it as a stream. */
  content?: string | Uint8Array;
  /** Opens the file again for each pass (checked, then queued), e.g. a file stream. */
  open?: () => AsyncIterable<Uint8Array> | Iterable<Uint8Array>;
  template: string;
  /** The country of rows without a country column or cell. */
  country: string;
  /** Which column is To / CC / Country, when the header words do not say. */
  columns?: ColumnChoice | undefined;
  createdBy: string;
  /**
   * Start a new batch on purpose even though this file was run before; a
   * recipient already delivered from this file is never sent to again.
   */
  again?: boolean;
  /** Retry only the rows that ended `failed`, under new idempotency keys. */
  retryFailed?: boolean;
  /**
   * Send again, under new keys, the rows whose outcome is uncertain and whose own key
   * has expired: the customer may get the email twice (the CLI asks first).
   */
  resendUncertain?: boolean;
  /** Send to suppressed addresses too: who asked is `createdBy`, why is recorded (audit log). */
  includeSuppressed?: { reason: string };
  onStart?: (info: {
    total: number;
    pending: number;
    alreadySent: number;
    skippedDelivered: number;
    skippedUncertain: number;
    duplicates: SkippedLine[];
    suppressed: SkippedLine[];
    resumed: boolean;
    joined: boolean;
    batch: BatchRow;
  }) => void;
  /** `sent` counts rows delivered (before or now), `failed` rows that did not go out. */
  onProgress?: (progress: { sent: number; failed: number; total: number }) => void;
  /**
   * How long to wait for rows another live run is sending (a concurrent run
   * of the same file, or `serve` resuming them), so the summary is final.
   */
  waitForOthersMs?: number;
  /** The wait between looks at rows held elsewhere. */
  sleep?: (ms: number) => Promise<unknown>;
}
