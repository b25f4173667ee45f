import { createHash } from 'node:crypto';
import { parseTemplate } from '../catalog.js';
import { suppressedLines, Suppressions, type SuppressedAddress } from '../delivery/suppression.js';
import type { Draft, Sender } from '../sending/sender.js';
import type { BatchRow } from '../store.js';
import type { Transport } from '../transports/types.js';
import { dropDuplicateRecipients, type SkippedLine } from './duplicates.js';
import { BatchFileError, readBatch, type ImportResult, type ImportRow } from './import.js';
import type { BatchOptions } from './options.js';
import { batchCounts } from './queue.js';

/** Rows queued per SQLite transaction: short write locks, memory flat whatever the file's size. */
export const QUEUE_CHUNK_ROWS = 1_000;

export const hashPrefix = (
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

/** Bytes in slices, as a file stream would give them (the parser's backpressure works per slice). */
export function* bytesOf(content: string | Uint8Array): Generator<Uint8Array> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
}

export const opener = (options: Pick<BatchOptions, 'open' | 'content'>) =>
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
export async function scanAndPrepare(
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
  const screen = async () => {
    for (const s of (await suppressedLines(suppressions, kept)).suppressed)
      suppressed.push({ line: s.line.line, entry: s.entry, reason: s.reason });
    kept = [];
  };
  const scan = await readBatch(opener(options)(), {
    file: options.file,
    defaultCountry: options.country,
    columns: options.columns,
    hashPrefix: hashPrefix(template, options.country, sender.transport),
    onRow: async (row) => {
      const { kept: unique, duplicates: dup } = dropDuplicateRecipients([row], firstLine);
      duplicates.push(...dup);
      kept.push(...unique);
      if (kept.length >= QUEUE_CHUNK_ROWS) await screen();
    },
  });
  await screen();
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

export interface SuppressedLine {
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
  const previous = await sender.store.batches.latestBatch(scan.hash);
  const alreadySent = previous ? (await batchCounts(sender.store, previous.id)).sent : 0;
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
