import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { parse } from 'csv-parse/sync';
import { InputError, parseRecipients } from './addresses.js';
import { KEY_LIFETIME_MS, type Draft, type Sender } from './sender.js';
import type { BatchRow, SendRow } from './store.js';

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

/** Parses `to,cc` CSV (header required; several addresses in a cell separated by ";"). */
export function parseBatchCsv(file: string, content: string): BatchLine[] {
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    records = parse(content, {
      columns: (header: string[]) => header.map((h) => h.trim().toLowerCase()),
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
  const problems: string[] = [];
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
  total: number;
  /** Sent by an earlier run: not sent again. */
  alreadySent: SendRow[];
  sentNow: SendRow[];
  failed: SendRow[];
}

export interface BatchOptions {
  file: string;
  content: string;
  template: string;
  country: string;
  createdBy: string;
  /** Start a new batch on purpose even though this file was sent before. */
  again?: boolean;
  onStart?: (info: {
    total: number;
    pending: number;
    alreadySent: number;
    resumed: boolean;
    batch: BatchRow;
  }) => void;
  onProgress?: (done: number, total: number) => void;
}

/** A batch is known by what it sends: template, country and the file's bytes. */
export function batchHash(template: string, country: string, content: string): string {
  return createHash('sha256')
    .update(`${template}\n${country.toUpperCase()}\n`)
    .update(content)
    .digest('hex');
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
  const hash = batchHash(draft.email.templateId, draft.email.country, options.content);
  const previous = store.latestBatch(hash);

  let batch: BatchRow;
  let resumed = false;
  if (previous && options.again !== true) {
    batch = previous;
    resumed = true;
  } else {
    const generation = (previous?.generation ?? 0) + 1;
    const size = sender.transport.maxBatchSize;
    batch = store.transaction(() => {
      const created = store.insertBatch({
        id: `${hash.slice(0, 32)}-${generation}`,
        contentHash: hash,
        generation,
        fileName: basename(options.file),
        templateId: draft.email.templateId,
        country: draft.email.country,
        rows: lines.length,
        createdBy: options.createdBy,
      });
      lines.forEach((line, index) => {
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
          createdBy: options.createdBy,
          batchId: created.id,
          batchLine: line.line,
          chunkIndex: chunk,
        });
      });
      return created;
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
    stale.map((r) => r.id),
    'first tried more than 23 h ago: the provider forgets idempotency keys after 24 h, so it was not resent (check the provider log; use --again to send the file anew)',
  );
  const pending = unsent.filter((r) => !stale.includes(r));
  const failedBefore = pending.filter((r) => r.state === 'failed');
  store.requeueFailed(failedBefore.map((r) => r.id));
  options.onStart?.({
    total: rows.length,
    pending: pending.length,
    alreadySent: alreadySent.length,
    resumed,
    batch,
  });

  const chunks = new Map<string, SendRow[]>();
  for (const row of pending)
    chunks.set(row.idempotencyKey, [...(chunks.get(row.idempotencyKey) ?? []), row]);
  let done = alreadySent.length;
  options.onProgress?.(done, rows.length);
  for (const chunk of chunks.values()) {
    const result = await sender.deliverGroup(chunk.map((r) => r.id));
    done += result.length;
    options.onProgress?.(done, rows.length);
  }

  const final = store.batchSends(batch.id);
  const before = new Set(alreadySent.map((r) => r.id));
  return {
    batch,
    resumed,
    total: final.length,
    alreadySent,
    sentNow: final.filter((r) => r.state === 'sent' && !before.has(r.id)),
    failed: final.filter((r) => r.state !== 'sent'),
  };
}
