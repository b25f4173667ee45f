/**
 * Reading a batch file the way sales have it: a CRM or Excel export. The file is
 * read as a stream (csv-parse's stream API) with its caps enforced while reading;
 * the delimiter (`,` `;` tab) comes from the header line, a UTF-8 BOM is fine, other
 * columns are ignored, each row may name its country, and a bad row is skipped
 * (named with its line) instead of blocking the good ones.
 */
import { createHash, type Hash } from 'node:crypto';
import { pipeline, Readable } from 'node:stream';
import { parse } from 'csv-parse';
import { InputError, parseRecipients } from '../addresses.js';
import { BatchFileError } from './file-error.js';
import {
  countryOf,
  detectDelimiter,
  LABEL,
  normalizeHeader,
  quote,
  resolveMapping,
  type ColumnChoice,
  type Mapping,
  type Role,
} from './mapping.js';

/** Rows per file: a batch of this size is read, queued and sent in flat memory. */
export const MAX_BATCH_ROWS = 100_000;
/** Bytes per file: 100,000 rows of a wide CRM export (about 160 bytes a row). */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
export const MAX_BATCH_BYTES_TEXT = '16 MB';
/** Skipped lines kept word for word (the rest are counted): a plan stays readable and small. */
export const MAX_LISTED_SKIPS = 1_000;

// The file errors and the column choice live in file-error.ts and mapping.ts; callers import them from here.
export { BatchFileError } from './file-error.js';
export { MappingNeededError, ROLES, type ColumnChoice, type Role } from './mapping.js';

export interface ImportRow {
  /** 1-based line in the file (the header is line 1). */
  line: number;
  to: string[];
  cc: string[];
  country: string;
}

export interface ImportResult {
  header: string[];
  delimiter: string;
  mapping: Mapping;
  /** Header names of the columns no role reads. */
  unused: string[];
  valid: number;
  skipped: number;
  /** The first MAX_LISTED_SKIPS skipped lines, each "line N, column X: why". */
  skippedLines: string[];
  /** Valid rows per country, with the first row of each (to check the country's email once). */
  countries: Map<string, { rows: number; first: ImportRow }>;
  /** The first few valid rows, for the plan page. */
  preview: ImportRow[];
  /** SHA-256 over the hash prefix and the file's bytes (and the chosen columns, if any). */
  hash: string;
}

export interface ImportOptions {
  file: string;
  /** Country for rows with no country cell (the `--country` flag, the form's country). */
  defaultCountry?: string | undefined;
  columns?: ColumnChoice | undefined;
  /** Hashed before the bytes: what else makes the batch what it is (template, transport…). */
  hashPrefix?: string;
  maxRows?: number;
  maxBytes?: number;
  previewRows?: number;
  /** Each valid row, in file order; awaited, so a slow consumer slows the reading. */
  onRow?: (row: ImportRow) => void | Promise<void>;
}

// Header words, compared without case, accents, spaces or punctuation ("E-Mail-Adresse" → "emailadresse").
const UTF8_ADVICE =
  'save it from Excel with "Save as" → "CSV UTF-8 (comma delimited) (*.csv)", or from another program as UTF-8';

/** The bytes as UTF-8 text, checking the encoding and the byte cap as they arrive. */
async function* utf8Text(
  file: string,
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
  hash: Hash,
): AsyncGenerator<string> {
  // fatal: a Windows-1252 "é" is refused, not turned into "�" and sent; the BOM is dropped.
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let bytes = 0;
  let lines = 1;
  let first = true;
  for await (const chunk of source) {
    if (first && chunk.length >= 2) {
      first = false;
      if ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))
        throw new BatchFileError(file, [
          `line 1: the file is UTF-16 ("Unicode Text"), not UTF-8: ${UTF8_ADVICE}`,
        ]);
    }
    bytes += chunk.length;
    if (bytes > maxBytes)
      throw new BatchFileError(file, [
        `the file is larger than ${(maxBytes / 1024 / 1024).toFixed(0)} MB: split it into smaller files`,
      ]);
    hash.update(chunk);
    let text: string;
    try {
      text = decoder.decode(chunk, { stream: true });
    } catch {
      const loose = new TextDecoder('utf-8').decode(chunk);
      const bad = loose.indexOf('\ufffd');
      const at = lines + (loose.slice(0, Math.max(bad, 0)).match(/\n/g)?.length ?? 0);
      throw new BatchFileError(file, [
        `line ${at}: the file is not UTF-8 (perhaps Windows-1252, Excel's "CSV (comma delimited)"): ${UTF8_ADVICE}`,
      ]);
    }
    lines += text.match(/\n/g)?.length ?? 0;
    if (text !== '') yield text;
  }
  try {
    const rest = decoder.decode();
    if (rest !== '') yield rest;
  } catch {
    throw new BatchFileError(file, [
      `line ${lines}: the file is not UTF-8 (it ends inside a character): ${UTF8_ADVICE}`,
    ]);
  }
}

/** Text with its first line read ahead, so the delimiter is known before parsing starts. */
async function headAndRest(
  text: AsyncGenerator<string>,
): Promise<{ head: string; rest: AsyncGenerator<string> }> {
  let head = '';
  while (!head.includes('\n') && head.length < 64 * 1024) {
    const next = await text.next();
    if (next.done === true) break;
    head += next.value;
  }
  async function* rest(): AsyncGenerator<string> {
    if (head !== '') yield head;
    yield* text;
  }
  return { head, rest: rest() };
}

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * Reads a batch file: every valid row to `onRow`, every bad row skipped with its
 * reason. Throws BatchFileError for what makes the whole file unreadable (its
 * encoding, its header, the caps, broken quoting), MappingNeededError when the
 * columns must be chosen. Memory stays flat: rows are not kept.
 */
export async function readBatch(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ImportOptions,
): Promise<ImportResult> {
  const { file } = options;
  const maxRows = options.maxRows ?? MAX_BATCH_ROWS;
  const hash = createHash('sha256').update(options.hashPrefix ?? '');
  const { head, rest } = await headAndRest(
    utf8Text(file, source, options.maxBytes ?? MAX_BATCH_BYTES, hash),
  );
  const firstLine = head.split('\n', 1)[0] ?? '';
  const delimiter = detectDelimiter(firstLine);
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    skip_empty_lines: true,
    // Excel writes a blank row as ";;;": nothing to send, nothing to report.
    skip_records_with_empty_values: true,
    relax_column_count: true,
  });
  const input = Readable.from(rest, { objectMode: false });
  pipeline(input, parser, () => undefined);

  let header: string[] | undefined;
  let mapping: Mapping | undefined;
  let unused: string[] = [];
  let valid = 0;
  let skipped = 0;
  let rows = 0;
  const skippedLines: string[] = [];
  const perCountry = new Map<string, { rows: number; first: ImportRow }>();
  const preview: ImportRow[] = [];
  const skip = (why: string) => {
    skipped++;
    if (skippedLines.length < MAX_LISTED_SKIPS) skippedLines.push(why);
  };
  const defaultCountry =
    options.defaultCountry === undefined || options.defaultCountry.trim() === ''
      ? undefined
      : countryOf(options.defaultCountry);
  try {
    for await (const item of parser as AsyncIterable<ParsedRecord>) {
      const { record, info } = item;
      if (header === undefined) {
        header = record.map((h) => h.trim());
        ({ mapping, unused } = resolveMapping(file, header, options.columns));
        continue;
      }
      if (mapping === undefined) continue;
      rows++;
      // The cap is enforced while reading: a file of 500,000 tiny rows stops here, not after parsing.
      if (rows > maxRows)
        throw new BatchFileError(file, [
          `line ${info.lines}: more than ${maxRows.toLocaleString('en')} rows; at most ${maxRows.toLocaleString('en')} per file: split it into smaller files`,
        ]);
      const line = info.lines;
      if (record.length !== header.length) {
        skip(
          `line ${line}: ${record.length} cells but the header has ${header.length}: a cell holding "${delimiter === '\t' ? 'tab' : delimiter}" must be in double quotes`,
        );
        continue;
      }
      // The column as the user's file names it ("E-Mail (geschäftlich)"), then what it is used as.
      const name = (index: number | undefined, role: Role): string => {
        const h = index === undefined ? '' : (header?.[index] ?? '');
        return h === '' || normalizeHeader(h) === role ? role : `${quote(h)} (${LABEL[role]})`;
      };
      let to: string[];
      let cc: string[];
      try {
        ({ to, cc } = parseRecipients(
          [record[mapping.to] ?? ''],
          [mapping.cc === undefined ? '' : (record[mapping.cc] ?? '')],
        ));
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const field = error.field === 'cc' ? name(mapping.cc, 'cc') : name(mapping.to, 'to');
        skip(`line ${line}, column ${field}: ${error.message.slice(error.field.length + 2)}`);
        continue;
      }
      const cell = mapping.country === undefined ? '' : (record[mapping.country] ?? '').trim();
      let country: string | undefined;
      if (cell === '') {
        country = defaultCountry;
        if (country === undefined) {
          skip(
            `line ${line}, column ${name(mapping.country, 'country')}: no country, and no default country was chosen`,
          );
          continue;
        }
      } else {
        country = countryOf(cell);
        if (country === undefined) {
          skip(
            `line ${line}, column ${name(mapping.country, 'country')}: ${quote(cell.slice(0, 40))} is not a country code the emails exist for (two letters, such as DE, FR, GB)`,
          );
          continue;
        }
      }
      const row: ImportRow = { line, to, cc, country };
      valid++;
      const seen = perCountry.get(country);
      if (seen) seen.rows++;
      else perCountry.set(country, { rows: 1, first: row });
      if (preview.length < (options.previewRows ?? 20)) preview.push(row);
      await options.onRow?.(row);
    }
  } catch (error) {
    if (error instanceof BatchFileError) throw error;
    const lines = (error as { lines?: number }).lines;
    throw new BatchFileError(file, [
      `${lines === undefined ? '' : `line ${lines}: `}${error instanceof Error ? error.message : String(error)}`,
    ]);
  } finally {
    parser.destroy();
    input.destroy();
  }
  if (header === undefined || mapping === undefined)
    throw new BatchFileError(file, [
      'line 1: the file is empty: it needs a header line naming a "to" column (and optionally "cc" and "country")',
    ]);
  if (options.columns !== undefined && Object.keys(options.columns).length > 0)
    hash.update(`\ncolumns:${mapping.to},${mapping.cc ?? ''},${mapping.country ?? ''}`);
  return {
    header,
    delimiter,
    mapping,
    unused,
    valid,
    skipped,
    skippedLines,
    countries: perCountry,
    preview,
    hash: hash.digest('hex'),
  };
}
