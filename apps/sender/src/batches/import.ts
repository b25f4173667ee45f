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
import { countries } from '../catalog.js';

/** Rows per file: a batch of this size is read, queued and sent in flat memory. */
export const MAX_BATCH_ROWS = 100_000;
/** Bytes per file: 100,000 rows of a wide CRM export (about 160 bytes a row). */
export const MAX_BATCH_BYTES = 16 * 1024 * 1024;
export const MAX_BATCH_BYTES_TEXT = '16 MB';
/** Skipped lines kept word for word (the rest are counted): a plan stays readable and small. */
export const MAX_LISTED_SKIPS = 1_000;

/** A file the batch cannot read at all (as opposed to a bad row, which is skipped). */
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

/** The header's columns cannot be matched to To / CC / Country without the user's choice. */
export class MappingNeededError extends BatchFileError {
  override name = 'MappingNeededError';
  constructor(
    file: string,
    problems: string[],
    readonly header: string[],
    readonly guess: Partial<Record<Role, number>>,
  ) {
    super(file, problems);
  }
}

export type Role = 'to' | 'cc' | 'country';
export const ROLES: readonly Role[] = ['to', 'cc', 'country'];

/** The user's choice of columns: a header name or a 1-based column number; "" or "none" for no column (CC, country). */
export type ColumnChoice = Partial<Record<Role, string>>;

export interface Mapping {
  to: number;
  cc: number | undefined;
  country: number | undefined;
}

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
const WORDS: Record<Role, ReadonlySet<string>> = {
  to: new Set([
    'to',
    'an',
    'aan',
    'para',
    'recipient',
    'email',
    'mail',
    'emailaddress',
    'emailadresse',
    'mailadresse',
    'emailadres',
    'adresseemail',
    'adressemail',
    'adressemel',
    'courriel',
    'correo',
    'correoelectronico',
    'indirizzoemail',
    'emailto',
    'toemail',
    'toaddress',
  ]),
  cc: new Set(['cc', 'kopie', 'copie', 'copia', 'ccemail', 'emailcc', 'ccaddress']),
  country: new Set([
    'country',
    'countrycode',
    'land',
    'landcode',
    'pays',
    'codepays',
    'pais',
    'codigopais',
    'paese',
    'codicepaese',
  ]),
};

const LABEL: Record<Role, string> = { to: 'To', cc: 'CC', country: 'Country' };

export function normalizeHeader(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const countryByCode = new Set(countries.map((c) => c.code));
const countryByName = new Map<string, string>();
for (const c of countries) {
  countryByName.set(normalizeHeader(c.name), c.code);
  countryByName.set(normalizeHeader(c.localName), c.code);
}

/** A country cell as a registry code: "de", "DE", "Germany" and "Deutschland" are DE. */
export function countryOf(cell: string): string | undefined {
  const code = cell.trim().toUpperCase();
  if (countryByCode.has(code)) return code;
  return countryByName.get(normalizeHeader(cell));
}

/** The delimiter of the header line: whichever of `,` `;` tab it holds most often outside quotes. */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  let most = 0;
  for (const [d, n] of counts)
    if (n > most) {
      best = d;
      most = n;
    }
  return best;
}

const quote = (name: string): string => `"${name}"`;

/** Which column each role reads: the user's choice, or a guess from the header words. */
export function resolveMapping(
  file: string,
  header: string[],
  choice: ColumnChoice = {},
): { mapping: Mapping; unused: string[] } {
  const problems: string[] = [];
  const guess: Partial<Record<Role, number>> = {};
  const chosen: Partial<Record<Role, number | null>> = {};
  const columnList = header.map((h, i) => `${i + 1} ${quote(h)}`).join(', ');
  for (const role of ROLES) {
    const wanted = choice[role]?.trim();
    if (wanted !== undefined) {
      if ((wanted === '' || wanted.toLowerCase() === 'none') && role !== 'to') {
        chosen[role] = null;
        continue;
      }
      const byNumber = /^\d+$/.test(wanted) ? Number(wanted) - 1 : -1;
      const byName = header
        .map((h, i) => (h.trim().toLowerCase() === wanted.toLowerCase() ? i : -1))
        .filter((i) => i >= 0);
      const index = byNumber >= 0 && byNumber < header.length ? byNumber : byName[0];
      if (index === undefined)
        problems.push(
          `line 1: no column ${quote(wanted)} for ${LABEL[role]}; the columns are ${columnList}`,
        );
      else if (byNumber < 0 && byName.length > 1)
        problems.push(
          `line 1: ${byName.length} columns are named ${quote(wanted)}: choose ${LABEL[role]} by its number (${byName.map((i) => i + 1).join(' or ')})`,
        );
      else chosen[role] = index;
      continue;
    }
    const found = header.map((h, i) => (WORDS[role].has(normalizeHeader(h)) ? i : -1));
    const candidates = found.filter((i) => i >= 0);
    const only = candidates[0];
    if (candidates.length === 1 && only !== undefined) guess[role] = only;
    else if (
      candidates.length > 1 &&
      new Set(candidates.map((i) => (header[i] ?? '').toLowerCase())).size === 1
    )
      problems.push(
        `line 1: column ${quote((header[candidates[0] ?? 0] ?? '').toLowerCase())} appears ${candidates.length} times (columns ${candidates.map((i) => i + 1).join(' and ')}): name each column once`,
      );
    else if (candidates.length > 1)
      problems.push(
        `line 1: columns ${candidates.map((i) => `${i + 1} ${quote(header[i] ?? '')}`).join(' and ')} could each be ${LABEL[role]}: choose one (name each column once)`,
      );
    else if (role === 'to')
      problems.push(
        header.some((h) => h.includes('@'))
          ? 'line 1: the first line must be a header naming the columns (it holds an address): add a line such as "to,cc"'
          : `line 1: no column for To: name it "to" or "email", or choose it; the columns are ${columnList}`,
      );
  }
  const pick = (role: Role): number | undefined => {
    const c = chosen[role];
    return c === null ? undefined : (c ?? guess[role]);
  };
  const mapping: Mapping = { to: pick('to') ?? -1, cc: pick('cc'), country: pick('country') };
  const used = [mapping.to, mapping.cc, mapping.country].filter(
    (i): i is number => i !== undefined && i >= 0,
  );
  if (new Set(used).size !== used.length)
    problems.push('line 1: one column is chosen for two of To, CC and Country: choose another');
  if (problems.length > 0 || mapping.to < 0)
    throw new MappingNeededError(file, problems, header, guess);
  return {
    mapping,
    unused: header.filter((_, i) => !used.includes(i)).map((h) => (h === '' ? '(no name)' : h)),
  };
}

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
      const name = (index: number | undefined, role: Role): string => {
        const h = index === undefined ? '' : (header?.[index] ?? '');
        return normalizeHeader(h) === role ? role : `${role} (${quote(h)})`;
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

/** Bytes in slices, as a file stream would give them (the parser's backpressure works per slice). */
export function* bytesOf(content: string | Uint8Array): Generator<Uint8Array> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  for (let at = 0; at < bytes.length; at += 64 * 1024) yield bytes.subarray(at, at + 64 * 1024);
}
