/**
 * The store's SQL as PostgreSQL wants it: `?` placeholders numbered `$1..$n`, and whether a
 * statement only reads (a write outside a transaction takes the write lock, see postgres-db.ts).
 * A `?` inside a string literal, a quoted name, a dollar-quoted body or a comment is text, not
 * a placeholder; PostgreSQL's own `?` operators (jsonb) are therefore not available.
 */

export interface PostgresSql {
  /** The statement with `$1..$n`. */
  text: string;
  /** How many placeholders it has. */
  placeholders: number;
  /** True when it cannot write: SELECT, VALUES, TABLE, SHOW, or WITH … with no INSERT/UPDATE/DELETE/MERGE. */
  readOnly: boolean;
}

const IDENT = /[A-Za-z0-9_$]/;
const DOLLAR_TAG = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/;
const READ_FIRST_WORDS = new Set(['select', 'values', 'table', 'show']);
const WRITE_WORDS = /\b(?:insert|update|delete|merge)\b/i;

/** Index just past a quoted run that opened at `start` (quote doubled to escape; `\` too in E'…'). */
function skipQuoted(sql: string, start: number, quote: string, backslash: boolean): number {
  let i = start + 1;
  while (i < sql.length) {
    const c = sql[i];
    if (backslash && c === '\\') i += 2;
    else if (c === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return sql.length; // unterminated: the server reports it
}

/** Index just past a block comment opened at `start` (PostgreSQL's nest). */
function skipBlockComment(sql: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else i++;
  }
  return sql.length;
}

export function toPostgres(sql: string): PostgresSql {
  let text = '';
  let code = ''; // the statement without literals and comments, to classify it
  let placeholders = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] ?? '';
    const prev = i > 0 ? (sql[i - 1] ?? '') : '';
    let end = -1; // past a literal or comment starting here; -1: none starts here
    if (c === "'") {
      // E'…' (an escape string) takes backslash escapes; a plain '…' does not.
      const escape = /[Ee]/.test(prev) && (i < 2 || !IDENT.test(sql[i - 2] ?? ''));
      end = skipQuoted(sql, i, "'", escape);
    } else if (c === '"') end = skipQuoted(sql, i, '"', false);
    else if (c === '-' && sql[i + 1] === '-') {
      const newline = sql.indexOf('\n', i);
      end = newline === -1 ? sql.length : newline;
    } else if (c === '/' && sql[i + 1] === '*') end = skipBlockComment(sql, i);
    else if (c === '$' && !IDENT.test(prev)) {
      const tag = DOLLAR_TAG.exec(sql.slice(i))?.[0];
      if (tag !== undefined) {
        const close = sql.indexOf(tag, i + tag.length);
        end = close === -1 ? sql.length : close + tag.length;
      }
    }
    if (end !== -1) {
      text += sql.slice(i, end);
      code += ' ';
      i = end;
      continue;
    }
    if (c === '?') {
      placeholders++;
      text += `$${placeholders}`;
      code += ' ';
    } else {
      text += c;
      code += c;
    }
    i++;
  }
  const words = code.trim().replace(/^\(+/, '').toLowerCase();
  const first = /^[a-z]+/.exec(words)?.[0] ?? '';
  const readOnly = READ_FIRST_WORDS.has(first) || (first === 'with' && !WRITE_WORDS.test(code));
  return { text, placeholders, readOnly };
}
