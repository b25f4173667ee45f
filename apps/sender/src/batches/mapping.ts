import { countries } from '../catalog.js';
import { BatchFileError } from './file-error.js';

/**
 * Which column of a batch file is To, CC and Country: the user's choice (a header name
 * or a column number) or a guess from the header's words, and the errors a file that
 * cannot be read at all raises.
 */

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

/** Each role as the web form names it. */
export const LABEL: Record<Role, string> = { to: 'To', cc: 'CC', country: 'Country' };

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

export const quote = (name: string): string => `"${name}"`;

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
