import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import { InputError, parseRecipients } from './addresses.js';
import { duplicateColumns } from './batches/header.js';
import { KEY_LIFETIME_MS, type Draft, type Sender } from './sender.js';
import { recipientKey, type BatchRow, type SendRow } from './store.js';
import type { Transport } from './transports/types.js';

export const MAX_BATCH_ROWS = 10_000;

export interface BatchLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  to: string[];
  cc: string[];
}

/** Every bad line of a CSV file: the batch sends nothing until the file is clean. */
export class BatchFileError extends Error {
  override name = 'BatchFileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 20);
    const more =
      problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was sent:\n  - ${shown.join('\n  - ')}${more}`,
    );
  }
}

/** Parses `to,cc` CSV (header required; a cell takes what the To field does: ";" or "," lists, names, IDN). */
export function parseBatchCsv(file: string, content: string): BatchLine[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  let duplicates: string[] = [];
  try {
    records = parse(content, {
      columns: (header: string[]) => {
        const names = header.map((h) => h.trim().toLowerCase());
        duplicates = duplicateColumns(names);
        return names;
      },
      bom: true,
      skip_empty_lines: true,
      info: true,
      relax_column_count: false,
    });
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new BatchFileError(file, [
      `${lines === undefined ? '' : `line ${lines}: `}${error instanceof Error ? error.message : String(error)}`,
    ]);
  }
  const first = records[0];
  const header = first
    ? Object.keys(first.record)
    : (content.split(/\r?\n/)[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const problems: string[] = [...duplicates];
  if (!header.includes('to'))
    problems.push('line 1: the header must name a "to" column (and optionally "cc")');
  const unknown = header.filter((h) => h !== 'to' && h !== 'cc');
  if (unknown.length > 0)
    problems.push(
      `line 1: unknown column${unknown.length === 1 ? '' : 's'} ${unknown.map((u) => `"${u}"`).join(', ')}: only "to" and "cc" are read`,
    );
  if (problems.length > 0) throw new BatchFileError(file, problems);
  if (records.length === 0) throw new BatchFileError(file, ['the file has a header but no rows']);
  if (records.length > MAX_BATCH_ROWS)
    throw new BatchFileError(file, [`${records.length} rows; at most ${MAX_BATCH_ROWS} per file`]);

  const lines: BatchLine[] = [];
  for (const { record, info } of records) {
    try {
      const { to, cc } = parseRecipients([record.to ?? ''], [record.cc ?? '']);
      lines.push({ line: info.lines, to, cc });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(
        `line ${info.lines}, column ${error.field}: ${error.message.slice(error.field.length + 2)}`,
      );
    }
  }
  if (problems.length > 0) throw new BatchFileError(file, problems);
  return lines;
}

export interface BatchSummary {
  batch: BatchRow;
  /** This run continued an earlier run of the same file. */
  resumed: boolean;
  /** Another run created the same batch at the same moment: this run joined it. */
  joined: boolean;
  total: number;
  /** Sent by an earlier run: not sent again. */
  alreadySent: SendRow[];
  /** --again: lines whose recipients already received this file's email (not sent again). */
  skippedDelivered: number;
  sentNow: SendRow[];
  /** Every row that did not end `sent` (failed, or still queued/sending elsewhere). */
  failed: SendRow[];
}

export interface BatchOptions {
  file: string;
  content: string;
  template: string;
  country: string;
  createdBy: string;
  /**
   * Start a new batch on purpose even though this file was run before; a
   * recipient already delivered from this file is never sent to again.
   */
  again?: boolean;
  /** Retry only the rows that ended `failed`, under new idempotency keys. */
  retryFailed?: boolean;
  onStart?: (info: {
    total: number;
    pending: number;
    alreadySent: number;
    skippedDelivered: number;
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

/**
 * A batch is known by what it sends and where: template, country, the
 * file's bytes and the transport (with its Resend base URL). A dry run
 * through the outbox is another batch than the real one through Resend.
 */
export function batchHash(
  template: string,
  country: string,
  content: string,
  transport: Pick<Transport, 'name' | 'endpoint'>,
): string {
  return createHash('sha256')
    .update(
      `${template}\n${country.toUpperCase()}\n${transport.name}\n${transport.endpoint ?? ''}\n`,
    )
    .update(content)
    .digest('hex');
}

/** What a batch would do, before anything is queued: the web's plan page and its checks. */
export interface BatchPlan {
  lines: BatchLine[];
  draft: Draft;
  /** The batch identity (template, country, transport, file bytes). */
  hash: string;
  /** This file ran before (with this template, country and transport): confirming resumes it. */
  previous: BatchRow | undefined;
  /** Rows of the earlier run already sent: not sent again. */
  alreadySent: number;
}

/**
 * Checks a file without queuing anything: every bad line named, the template,
 * country and placeholder checks, and whether confirming would resume an earlier run.
 */
export async function planBatch(
  sender: Sender,
  options: Pick<BatchOptions, 'file' | 'content' | 'template' | 'country' | 'createdBy'>,
): Promise<BatchPlan> {
  const lines = parseBatchCsv(options.file, options.content);
  const firstLine = lines[0];
  if (!firstLine) throw new BatchFileError(options.file, ['the file has no rows']);
  const draft = await sender.prepare(
    { template: options.template, country: options.country, to: firstLine.to, cc: firstLine.cc },
    options.createdBy,
  );
  const hash = batchHash(
    draft.email.templateId,
    draft.email.country,
    options.content,
    sender.transport,
  );
  const previous = sender.store.latestBatch(hash);
  const alreadySent = previous
    ? sender.store.batchSends(previous.id).filter((r) => r.state === 'sent').length
    : 0;
  return { lines, draft, hash, previous, alreadySent };
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Error && /UNIQUE constraint failed: batches/.test(error.message);

/**
 * Rows of this batch another live run holds: wait for that run (bounded),
 * and send any it hands back to `queued`, so the summary is final.
 */
async function settle(
  sender: Sender,
  batchId: string,
  options: BatchOptions,
  progress: (p: { sent: number; failed: number; total: number }) => void,
): Promise<void> {
  const deadline = Date.now() + (options.waitForOthersMs ?? 120_000);
  const pause = options.sleep ?? ((ms: number) => delay(ms));
  for (let round = 0; round < 10_000 && !sender.stopping; round++) {
    const rows = sender.store.batchSends(batchId);
    const open = rows.filter((r) => r.state === 'queued' || r.state === 'sending');
    if (open.length === 0) return;
    const free = open.filter((r) => !sender.heldByOther(r));
    if (free.length > 0) {
      const groups = new Map<string, number[]>();
      for (const r of free)
        groups.set(r.idempotencyKey, [...(groups.get(r.idempotencyKey) ?? []), r.id]);
      for (const ids of groups.values()) await sender.deliverGroup(ids);
    }
    const now = sender.store.batchSends(batchId);
    const sent = now.filter((r) => r.state === 'sent').length;
    progress({ sent, failed: now.filter((r) => r.state === 'failed').length, total: now.length });
    const stillOpen = now.filter((r) => r.state === 'queued' || r.state === 'sending').length;
    if (stillOpen >= open.length) {
      // No progress this round (held elsewhere, or handed back): look again shortly, within the bound.
      if (Date.now() > deadline) return;
      await pause(250);
    }
  }
}

/**
 * Sends a CSV batch through the transport's batch call (≤ 100 per call, one
 * idempotency key per chunk). Running the same file again resumes it: rows
 * already sent are skipped, unfinished chunks go again under their own keys.
 */
export async function runBatch(sender: Sender, options: BatchOptions): Promise<BatchSummary> {
  const lines = parseBatchCsv(options.file, options.content);
  // Template, country, placeholder and lock checks once, with the first row's recipients.
  const firstLine = lines[0];
  if (!firstLine) throw new BatchFileError(options.file, ['the file has no rows']);
  const draft: Draft = await sender.prepare(
    { template: options.template, country: options.country, to: firstLine.to, cc: firstLine.cc },
    options.createdBy,
  );
  const store = sender.store;
  const hash = batchHash(
    draft.email.templateId,
    draft.email.country,
    options.content,
    sender.transport,
  );
  const previous = store.latestBatch(hash);

  let batch: BatchRow;
  let resumed = false;
  let joined = false;
  let skippedDelivered = 0;
  if (previous && options.again !== true) {
    batch = previous;
    resumed = true;
  } else {
    // --again: a new generation, without the recipients this file already reached.
    const delivered = previous ? store.deliveredFromFile(hash) : new Set<string>();
    const fresh = lines.filter((line) => !delivered.has(recipientKey(line.to, line.cc)));
    skippedDelivered = lines.length - fresh.length;
    const generation = (previous?.generation ?? 0) + 1;
    const size = sender.transport.maxBatchSize;
    try {
      batch = store.transaction(() => {
        const created = store.insertBatch({
          id: `${hash.slice(0, 32)}-${generation}`,
          contentHash: hash,
          generation,
          fileName: basename(options.file),
          templateId: draft.email.templateId,
          country: draft.email.country,
          rows: fresh.length,
          createdBy: options.createdBy,
        });
        fresh.forEach((line, index) => {
          const chunk = Math.floor(index / size);
          store.insertSend({
            requestKey: `${created.id}#${line.line}`,
            idempotencyKey: `csp-batch-${created.id}-c${chunk}`,
            templateId: draft.email.templateId,
            country: draft.email.country,
            to: line.to,
            cc: line.cc,
            subject: draft.email.subject,
            fingerprint: draft.email.fingerprint,
            templateVersion: draft.email.version,
            transport: sender.transport.name,
            endpoint: sender.transport.endpoint,
            createdBy: options.createdBy,
            batchId: created.id,
            batchLine: line.line,
            chunkIndex: chunk,
          });
        });
        return created;
      });
    } catch (error) {
      // Two first runs of one file at once: the other created it a moment ago; join it.
      const other = isUniqueViolation(error) ? store.latestBatch(hash) : undefined;
      if (!other) throw error;
      batch = other;
      resumed = true;
      joined = true;
      skippedDelivered = 0;
    }
  }

  if (options.retryFailed === true) {
    // New keys, one per chunk of failed rows: the old keys may have expired at the provider.
    const failedRows = store.batchSends(batch.id).filter((r) => r.state === 'failed');
    const size = sender.transport.maxBatchSize;
    const run = randomUUID().slice(0, 8);
    store.transaction(() => {
      failedRows.forEach((row, index) => {
        store.requeueWithKey(row.id, `csp-batch-${batch.id}-r${run}-c${Math.floor(index / size)}`);
      });
    });
  }

  const rows = store.batchSends(batch.id);
  const alreadySent = rows.filter((r) => r.state === 'sent');
  // Failed chunks go again with their own keys: if the provider did take them, it answers the same ids.
  const unsent = rows.filter((r) => r.state !== 'sent');
  // Past the provider's key lifetime a resend could duplicate: leave those to a human.
  const stale = unsent.filter(
    (r) => r.firstAttemptAt !== null && sender.now() - r.firstAttemptAt > KEY_LIFETIME_MS,
  );
  store.markFailed(
    stale.filter((r) => r.state !== 'failed' || !/23 h/.test(r.lastError ?? '')).map((r) => r.id),
    'first tried more than 23 h ago: the provider forgets idempotency keys after 24 h, so it was not resent. Check the provider log; for the rows that never arrived run the same command with --retry-failed (new keys, failed rows only)',
  );
  const pending = unsent.filter((r) => !stale.includes(r));
  const failedBefore = pending.filter((r) => r.state === 'failed');
  store.requeueFailed(failedBefore.map((r) => r.id));
  options.onStart?.({
    total: rows.length,
    pending: pending.length,
    alreadySent: alreadySent.length,
    skippedDelivered,
    resumed,
    joined,
    batch,
  });

  const chunks = new Map<string, SendRow[]>();
  for (const row of pending)
    chunks.set(row.idempotencyKey, [...(chunks.get(row.idempotencyKey) ?? []), row]);
  let sent = alreadySent.length;
  let failed = stale.length;
  options.onProgress?.({ sent, failed, total: rows.length });
  for (const chunk of chunks.values()) {
    const result = await sender.deliverGroup(chunk.map((r) => r.id));
    const ok = result.filter((r) => r.state === 'sent').length;
    sent += ok;
    failed += result.length - ok;
    options.onProgress?.({ sent, failed, total: rows.length });
  }
  await settle(sender, batch.id, options, (progress) => options.onProgress?.(progress));

  const final = store.batchSends(batch.id);
  const before = new Set(alreadySent.map((r) => r.id));
  return {
    batch,
    resumed,
    joined,
    total: final.length,
    alreadySent,
    skippedDelivered,
    sentNow: final.filter((r) => r.state === 'sent' && !before.has(r.id)),
    failed: final.filter((r) => r.state !== 'sent'),
  };
}
