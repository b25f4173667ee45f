import { createHash, randomUUID } from 'node:crypto';
import { basename } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import {
  BatchFileError,
  bytesOf,
  MAX_BATCH_ROWS,
  readBatch,
  resolveMapping,
  type ColumnChoice,
  type ImportResult,
  type ImportRow,
} from './batches/import.js';
import {
  batchCounts,
  byKey,
  countBatchRows,
  hasRequestKey,
  sentIds,
  setBatchRows,
  unsentChunks,
  unsentRows,
} from './batches/queue.js';
import { parseTemplate } from './catalog.js';
import { InputError, parseRecipients } from './addresses.js';
import { dropDuplicateRecipients, type SkippedLine } from './batches/duplicates.js';
import { suppressedLines, Suppressions, type SuppressedAddress } from './delivery/suppression.js';
import { expiredUncertain, requeueUncertain, uncertainFromFile } from './sending/uncertain.js';
import { KEY_LIFETIME_MS, type Draft, type Sender } from './sender.js';
import { recipientKey, type BatchRow, type SendRow } from './store.js';
import type { Transport } from './transports/types.js';

export { BatchFileError, MAX_BATCH_ROWS };
export { MappingNeededError } from './batches/import.js';

/** Rows queued per SQLite transaction: short write locks, memory flat whatever the file's size. */
export const QUEUE_CHUNK_ROWS = 1_000;
/** Rows not sent listed in a summary (the counts are exact). */
const LISTED_UNSENT = 10_000;

export interface BatchLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  to: string[];
  cc: string[];
}

/**
 * The valid lines of a small `to,cc` CSV held in memory (a cell takes what the To field
 * does: ";" or "," lists, names, IDN) (tests, the bench's parse
 * row). The file's columns are matched as the batch matches them; bad rows are left
 * out, and a file with none valid throws naming each.
 */
export function parseBatchCsv(file: string, content: string): BatchLine[] {
  let records: string[][];
  try {
    records = parse(content, {
      bom: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new BatchFileError(file, [error instanceof Error ? error.message : String(error)]);
  }
  const [header, ...rows] = records;
  if (!header) throw new BatchFileError(file, ['line 1: the file is empty']);
  const { mapping } = resolveMapping(
    file,
    header.map((h) => h.trim()),
  );
  const lines: BatchLine[] = [];
  const problems: string[] = [];
  rows.forEach((record, index) => {
    try {
      const { to, cc } = parseRecipients(
        [record[mapping.to] ?? ''],
        [mapping.cc === undefined ? '' : (record[mapping.cc] ?? '')],
      );
      lines.push({ line: index + 2, to, cc });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(
        `line ${index + 2}, column ${error.field}: ${error.message.slice(error.field.length + 2)}`,
      );
    }
  });
  if (lines.length === 0) throw new BatchFileError(file, problems);
  return lines;
}

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
  /** Sent by an earlier run: not sent again. Read from SQLite when asked for (small batches, tests). */
  readonly alreadySent: SendRow[];
  /** --again: lines whose recipients already received this file's email (not sent again). */
  skippedDelivered: number;
  /** --again: lines whose earlier email may have reached them (uncertain): not sent again. */
  skippedUncertain: number;
  /** Lines naming a recipient an earlier line already names: sent once. */
  duplicates: SkippedLine[];
  /** Lines naming a suppressed address (bounced or complained): skipped unless overridden. */
  suppressed: SkippedLine[];
  /** Read from SQLite when asked for. */
  readonly sentNow: SendRow[];
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

const hashPrefix = (
  template: string,
  country: string,
  transport: Pick<Transport, 'name' | 'endpoint'>,
): string =>
  `${template}\n${country.trim().toUpperCase()}\n${transport.name}\n${transport.endpoint ?? ''}\n`;

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
    .update(hashPrefix(template, country, transport))
    .update(content)
    .digest('hex');
}

const opener = (options: Pick<BatchOptions, 'open' | 'content'>) =>
  options.open ?? (() => bytesOf(options.content ?? ''));

/** What a batch would do, before anything is queued: the web's plan page and its checks. */
export interface BatchPlan {
  scan: ImportResult;
  /** The first valid lines, for the plan page. */
  lines: ImportRow[];
  /** One checked email per country in the file. */
  drafts: Map<string, Draft>;
  draft: Draft;
  /** The batch identity (template, country, transport, file bytes). */
  hash: string;
  /** This file ran before (with this template, country and transport): confirming resumes it. */
  previous: BatchRow | undefined;
  /** Rows of the earlier run already sent: not sent again. */
  alreadySent: number;
  /** Lines naming a recipient an earlier line already names: skipped (sent once). */
  duplicates: SkippedLine[];
  /** Lines naming a suppressed address: skipped unless the sender overrides it with a reason. */
  suppressed: SkippedLine[];
}

/** Reads the file once (nothing kept but counts), and checks each country's email. */
async function scanAndPrepare(
  sender: Sender,
  options: Pick<
    BatchOptions,
    'file' | 'content' | 'open' | 'template' | 'country' | 'columns' | 'createdBy'
  >,
): Promise<{
  scan: ImportResult;
  drafts: Map<string, Draft>;
  draft: Draft;
  duplicates: SkippedLine[];
  suppressed: SuppressedLine[];
  /** Lines not sent: duplicates and suppressed ones (the latter unless overridden). */
  skip: Set<number>;
}> {
  const template = parseTemplate(options.template.trim());
  // One email per recipient per file: a line whose To names an address (any case) that an
  // earlier kept line's To already names is skipped (see batches/duplicates.ts).
  const firstLine = new Map<string, number>();
  const duplicates: SkippedLine[] = [];
  const suppressions = new Suppressions(sender.store);
  const suppressed: SuppressedLine[] = [];
  let kept: ImportRow[] = [];
  const screen = () => {
    for (const s of suppressedLines(suppressions, kept).suppressed)
      suppressed.push({ line: s.line.line, entry: s.entry, reason: s.reason });
    kept = [];
  };
  const scan = await readBatch(opener(options)(), {
    file: options.file,
    defaultCountry: options.country,
    columns: options.columns,
    hashPrefix: hashPrefix(template, options.country, sender.transport),
    onRow: (row) => {
      const { kept: unique, duplicates: dup } = dropDuplicateRecipients([row], firstLine);
      duplicates.push(...dup);
      kept.push(...unique);
      if (kept.length >= QUEUE_CHUNK_ROWS) screen();
    },
  });
  screen();
  if (scan.valid === 0)
    throw new BatchFileError(
      options.file,
      scan.skipped === 0
        ? ['the file has a header but no rows']
        : [`no row can be sent (${scan.skipped} skipped):`, ...scan.skippedLines],
    );
  // Template, country, placeholder and lock checks once per country, with its first row.
  const drafts = new Map<string, Draft>();
  for (const [country, { first }] of scan.countries)
    drafts.set(
      country,
      await sender.prepare({ template, country, to: first.to, cc: first.cc }, options.createdBy),
    );
  const draft = drafts.values().next().value;
  if (draft === undefined) throw new BatchFileError(options.file, ['the file has no rows']);
  const skip = new Set<number>(duplicates.map((d) => d.line));
  for (const s of suppressed) skip.add(s.line);
  return { scan, drafts, draft, duplicates, suppressed, skip };
}

interface SuppressedLine {
  line: number;
  entry: SuppressedAddress;
  reason: string;
}

/**
 * Checks a file without queuing anything: every bad line named (and skipped), the
 * template, country and placeholder checks, and whether confirming would resume an
 * earlier run.
 */
export async function planBatch(
  sender: Sender,
  options: Pick<
    BatchOptions,
    'file' | 'content' | 'open' | 'template' | 'country' | 'columns' | 'createdBy'
  >,
): Promise<BatchPlan> {
  const { scan, drafts, draft, duplicates, suppressed, skip } = await scanAndPrepare(
    sender,
    options,
  );
  const previous = sender.store.latestBatch(scan.hash);
  const alreadySent = previous ? batchCounts(sender.store, previous.id).sent : 0;
  return {
    scan,
    lines: scan.preview.filter((l) => !skip.has(l.line)),
    drafts,
    draft,
    hash: scan.hash,
    previous,
    alreadySent,
    duplicates,
    suppressed: suppressed.map((s) => ({ line: s.line, reason: s.reason })),
  };
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Error && /UNIQUE constraint failed: batches/.test(error.message);

/**
 * Queues the file's valid rows into a batch, QUEUE_CHUNK_ROWS per transaction,
 * reading the file again as a stream. Rows already queued (a run that stopped
 * mid-queue) are kept; each email chunk holds one country (one email per call).
 */
async function queueRows(
  sender: Sender,
  batch: BatchRow,
  options: BatchOptions,
  drafts: Map<string, Draft>,
  expectedHash: string,
  delivered: Set<string>,
  uncertain: Set<string>,
  skip: Set<number>,
): Promise<{ queued: number; uncertainSkipped: number }> {
  const store = sender.store;
  const size = sender.transport.maxBatchSize;
  const filling = countBatchRows(store, batch.id) > 0;
  // Each country's open chunk: its index and how many rows it holds.
  const open = new Map<string, { index: number; rows: number }>();
  let nextChunk = 0;
  let queued = 0;
  let uncertainSkipped = 0;
  let pending: ImportRow[] = [];
  const flush = () => {
    const rows = pending;
    pending = [];
    store.transaction(() => {
      for (const line of rows) {
        let chunk = open.get(line.country);
        if (!chunk || chunk.rows >= size) {
          chunk = { index: nextChunk++, rows: 0 };
          open.set(line.country, chunk);
        }
        const requestKey = `${batch.id}#${line.line}`;
        if (filling && hasRequestKey(store, requestKey)) {
          chunk.rows++;
          queued++;
          continue;
        }
        // Duplicate recipients, and suppressed ones unless overridden: never queued.
        if (skip.has(line.line)) continue;
        const key = recipientKey(line.to, line.cc);
        if (delivered.has(key)) continue;
        if (uncertain.has(key)) {
          uncertainSkipped++;
          continue;
        }
        chunk.rows++;
        queued++;
        const draft = drafts.get(line.country);
        if (!draft) throw new Error(`batch: no checked email for ${line.country}`);
        store.insertSend({
          requestKey,
          idempotencyKey: `csp-batch-${batch.id}-c${chunk.index}`,
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
          batchId: batch.id,
          batchLine: line.line,
          chunkIndex: chunk.index,
        });
      }
    });
  };
  const template = parseTemplate(options.template.trim());
  const scan = await readBatch(opener(options)(), {
    file: options.file,
    defaultCountry: options.country,
    columns: options.columns,
    hashPrefix: hashPrefix(template, options.country, sender.transport),
    onRow: (row) => {
      pending.push(row);
      if (pending.length >= QUEUE_CHUNK_ROWS) flush();
    },
  });
  if (pending.length > 0) flush();
  if (scan.hash !== expectedHash)
    throw new BatchFileError(options.file, [
      'the file changed while it was being read: run the batch again',
    ]);
  return { queued, uncertainSkipped };
}

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
    const before = batchCounts(sender.store, batchId);
    if (before.open === 0) return;
    for (const chunk of unsentChunks(sender.store, batchId)) {
      const free = chunk.filter(
        (r) => (r.state === 'queued' || r.state === 'sending') && !sender.heldByOther(r),
      );
      for (const group of byKey(free)) await sender.deliverGroup(group.map((r) => r.id));
    }
    const now = batchCounts(sender.store, batchId);
    progress({ sent: now.sent, failed: now.failed, total: now.total });
    if (now.open >= before.open) {
      // No progress this round (held elsewhere, or handed back): look again shortly, within the bound.
      if (Date.now() > deadline) return;
      await pause(250);
    }
  }
}

const STALE_REASON =
  'first tried more than 23 h ago: the provider forgets idempotency keys after 24 h, so it was not resent. Check the provider log; for the rows that never arrived run the same command with --retry-failed (new keys, failed rows only)';

/**
 * Sends a CSV batch through the transport's batch call (≤ 100 per call, one
 * idempotency key per chunk). The file is read twice as a stream (checked, then
 * queued in chunked transactions) and sent chunk by chunk from SQLite, so memory
 * stays flat. Running the same file again resumes it: rows already sent are
 * skipped, unfinished chunks go again under their own keys.
 */
export async function runBatch(sender: Sender, options: BatchOptions): Promise<BatchSummary> {
  const {
    scan,
    drafts,
    draft,
    duplicates,
    suppressed: found,
  } = await scanAndPrepare(sender, options);
  // Suppressed addresses (bounced, complained) are skipped unless overridden with a reason.
  const suppressed = found.map((s) => ({ line: s.line, reason: s.reason }));
  const skip = new Set<number>(duplicates.map((d) => d.line));
  if (!options.includeSuppressed) for (const s of found) skip.add(s.line);
  if (options.includeSuppressed && found.length > 0)
    new Suppressions(sender.store).recordOverride(
      options.createdBy,
      options.includeSuppressed.reason,
      found.map((s) => s.entry),
      `batch ${basename(options.file)} (${options.template}/${options.country.toUpperCase()})`,
    );
  const store = sender.store;
  const hash = scan.hash;
  const previous = store.latestBatch(hash);
  const countriesLabel = [...drafts.keys()].sort().join(', ');

  let batch: BatchRow;
  let resumed = false;
  let joined = false;
  let skippedDelivered = 0;
  let skippedUncertain = 0;
  let delivered = new Set<string>();
  let uncertain = new Set<string>();
  // Fewer rows than the batch said: queueing stopped part way (a crash, or a store restored
  // from a backup taken then). --again would send the missing lines under new keys, also
  // those the provider took after the backup; a plain rerun queues them under their first keys.
  if (previous && options.again === true && countBatchRows(store, previous.id) < previous.rows)
    throw new BatchFileError(options.file, [
      `batch ${previous.id} of this file was not fully queued (${countBatchRows(store, previous.id)} of ${previous.rows} rows): run the same command without --again first, then --again if still needed`,
    ]);
  if (previous && options.again !== true) {
    batch = previous;
    resumed = true;
  } else {
    // --again: a new generation, without the recipients this file already reached.
    // Rows whose email may have arrived (uncertain) count as reached: --again never sends them.
    delivered = previous ? store.deliveredFromFile(hash) : new Set<string>();
    uncertain = previous ? uncertainFromFile(store, hash) : new Set<string>();
    const generation = (previous?.generation ?? 0) + 1;
    try {
      batch = store.transaction(() =>
        store.insertBatch({
          id: `${hash.slice(0, 32)}-${generation}`,
          contentHash: hash,
          generation,
          fileName: basename(options.file),
          templateId: draft.email.templateId,
          country: drafts.size === 1 ? draft.email.country : countriesLabel,
          rows: scan.valid - skip.size,
          createdBy: options.createdBy,
        }),
      );
    } catch (error) {
      // Two first runs of one file at once: the other created it a moment ago; join it.
      const other = isUniqueViolation(error) ? store.latestBatch(hash) : undefined;
      if (!other) throw error;
      batch = other;
      resumed = true;
      joined = true;
      skippedDelivered = 0;
      skippedUncertain = 0;
    }
  }
  // A new batch, or one whose queueing stopped part way (a crash, a concurrent first run): queue what is missing.
  if (countBatchRows(store, batch.id) < batch.rows) {
    const { queued, uncertainSkipped } = await queueRows(
      sender,
      batch,
      options,
      drafts,
      hash,
      delivered,
      uncertain,
      skip,
    );
    if (!resumed) {
      skippedUncertain = uncertainSkipped;
      skippedDelivered = scan.valid - skip.size - queued - uncertainSkipped;
      if (queued !== batch.rows) {
        setBatchRows(store, batch.id, queued);
        batch = { ...batch, rows: queued };
      }
    }
  }

  if (options.retryFailed === true) {
    // New keys, one per chunk of failed rows: the old keys may have expired at the provider.
    const run = randomUUID().slice(0, 8);
    for (const chunk of unsentChunks(store, batch.id)) {
      const failedRows = chunk.filter((r) => r.state === 'failed');
      store.transaction(() => {
        for (const row of failedRows)
          store.requeueWithKey(row.id, `csp-batch-${batch.id}-r${run}-c${row.chunkIndex ?? 0}`);
      });
    }
  }

  // Uncertain rows of any run of this file whose key expired: new keys, on explicit request only.
  const resent =
    options.resendUncertain === true ? expiredUncertain(store, hash, sender.now()) : [];
  if (resent.length > 0) {
    const size = sender.transport.maxBatchSize;
    const run = randomUUID().slice(0, 8);
    const at = new Date(sender.now()).toISOString();
    store.transaction(() => {
      resent.forEach((row, index) => {
        requeueUncertain(
          store,
          row.id,
          `csp-batch-${row.batchId ?? batch.id}-u${run}-c${Math.floor(index / size)}`,
          at,
        );
        store.logEvent(
          options.createdBy,
          'resend-uncertain',
          `batch ${row.batchId ?? '?'} line ${row.batchLine ?? '?'} to ${[...row.to, ...row.cc].join(';')}: sent again under a new key (the first may have arrived)`,
        );
      });
    });
  }

  const alreadySentIds = sentIds(store, batch.id);
  const start = batchCounts(store, batch.id);
  // Past the provider's key lifetime a resend could duplicate: leave those to a human.
  const isStale = (r: SendRow) =>
    r.firstAttemptAt !== null && sender.now() - r.firstAttemptAt > KEY_LIFETIME_MS;
  let staleCount = 0;
  for (const chunk of unsentChunks(store, batch.id)) {
    const stale = chunk.filter(isStale);
    staleCount += stale.length;
    // Uncertain rows keep their state and reason; rows that may have arrived become uncertain.
    store.markFailed(
      stale
        .filter((r) => r.state !== 'uncertain' && r.state !== 'failed' && r.uncertainAt !== null)
        .map((r) => r.id),
      'its idempotency key expired (first tried more than 23 h ago) before an answer came back',
    );
    store.markFailed(
      stale
        .filter((r) => r.state !== 'uncertain' && r.uncertainAt === null)
        .filter((r) => r.state !== 'failed' || !/23 h/.test(r.lastError ?? ''))
        .map((r) => r.id),
      STALE_REASON,
    );
    // Failed chunks go again with their own keys: if the provider did take them, it answers the same ids.
    // Uncertain rows within their key's lifetime go again under that key: no duplicate possible.
    store.requeueFailed(
      chunk
        .filter((r) => (r.state === 'failed' || r.state === 'uncertain') && !isStale(r))
        .map((r) => r.id),
    );
  }
  options.onStart?.({
    total: start.total,
    pending: start.total - start.sent - staleCount,
    alreadySent: start.sent,
    skippedDelivered,
    skippedUncertain,
    duplicates,
    suppressed: options.includeSuppressed ? [] : suppressed,
    resumed,
    joined,
    batch,
  });

  let sent = start.sent;
  let failed = staleCount;
  options.onProgress?.({ sent, failed, total: start.total });
  for (const chunk of unsentChunks(store, batch.id)) {
    for (const group of byKey(chunk.filter((r) => !isStale(r)))) {
      const result = await sender.deliverGroup(group.map((r) => r.id));
      const ok = result.filter((r) => r.state === 'sent').length;
      sent += ok;
      failed += result.length - ok;
      options.onProgress?.({ sent, failed, total: start.total });
    }
  }
  const resentGroups = new Map<string, number[]>();
  for (const row of resent) {
    const key = store.getSend(row.id)?.idempotencyKey ?? row.idempotencyKey;
    resentGroups.set(key, [...(resentGroups.get(key) ?? []), row.id]);
  }
  for (const ids of resentGroups.values()) await sender.deliverGroup(ids);
  await settle(sender, batch.id, options, (progress) => options.onProgress?.(progress));

  const final = batchCounts(store, batch.id);
  const batchId = batch.id;
  const rowsOf = () => store.batchSends(batchId);
  // Rows of earlier runs sent again by --resend-uncertain (not already in this run's rows).
  const resentFinal = resent
    .filter((r) => r.batchId !== batch.id)
    .map((r) => store.getSend(r.id) ?? r);
  return {
    batch,
    resumed,
    joined,
    total: final.total,
    sentNowCount: final.sent - alreadySentIds.size,
    alreadySentCount: alreadySentIds.size,
    failedCount: final.total - final.sent,
    get alreadySent() {
      return rowsOf().filter((r) => alreadySentIds.has(r.id));
    },
    skippedDelivered,
    skippedUncertain,
    duplicates,
    suppressed: options.includeSuppressed ? [] : suppressed,
    get sentNow() {
      return [
        ...rowsOf().filter((r) => r.state === 'sent' && !alreadySentIds.has(r.id)),
        ...resentFinal.filter((r) => r.state === 'sent'),
      ];
    },
    failed: [
      ...unsentRows(store, batch.id, LISTED_UNSENT),
      ...resentFinal.filter((r) => r.state !== 'sent'),
    ],
    skippedLines: scan.skippedLines,
    skippedInvalid: scan.skipped,
  };
}
