/**
 * History filters (all in the URL) and their one indexed query: keyset pages by id,
 * newest first. Each equality filter has an index `(column, id)` that also gives the
 * order, so a page reads only its rows (see test/history-query.test.ts for the plan).
 */
import type { SQLInputValue } from 'node:sqlite';
import { deliveryStates } from '../delivery/states.js';
import { toSend, type Row, type SendRow, type Store } from '../store.js';

export const SEND_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
/** `state` is the send's state, or its delivery state once the provider reported one. */
export const STATE_FILTERS: readonly string[] = [
  ...SEND_STATES,
  ...deliveryStates.filter((s) => s !== 'sent'),
];

export const PAGE_SIZE = 50;
export const EXPORT_LIMIT = 100_000;

export interface HistoryFilter {
  template?: string;
  country?: string;
  state?: string;
  /** Who sent it (exact address, any case). */
  sender?: string;
  /** Dates (YYYY-MM-DD, UTC), both inclusive. */
  from?: string;
  to?: string;
  /** Part of a recipient's address (To or CC). */
  q?: string;
}

export class FilterError extends Error {
  override name = 'FilterError';
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter named by a URL's query; a bad value is refused naming the parameter. */
export function parseFilter(query: Record<string, string>): HistoryFilter {
  const filter: HistoryFilter = {};
  const take = (name: keyof HistoryFilter, max: number): string | undefined => {
    const value = (query[name] ?? '').trim();
    if (value === '') return undefined;
    if (value.length > max) throw new FilterError(`${name}: at most ${max} characters`);
    return value;
  };
  const template = take('template', 100);
  if (template !== undefined) filter.template = template;
  const country = take('country', 2);
  if (country !== undefined) filter.country = country.toUpperCase();
  const state = take('state', 40);
  if (state !== undefined) {
    if (!STATE_FILTERS.includes(state))
      throw new FilterError(`state: "${state}" is not one of ${STATE_FILTERS.join(', ')}`);
    filter.state = state;
  }
  const sender = take('sender', 320);
  if (sender !== undefined) filter.sender = sender;
  for (const name of ['from', 'to'] as const) {
    const value = take(name, 10);
    if (value === undefined) continue;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      throw new FilterError(`${name}: "${value}" is not a date (YYYY-MM-DD)`);
    filter[name] = value;
  }
  const q = take('q', 320);
  if (q !== undefined) filter.q = q;
  return filter;
}

/** The filter as URL parameters (empty ones left out), for links and the export. */
export function filterQuery(filter: HistoryFilter, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(filter)) if (typeof v === 'string') params.set(k, v);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

const likeEscape = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The WHERE clause and its values for a filter (and a keyset position). */
export function whereOf(
  filter: HistoryFilter,
  beforeId?: number,
): { sql: string; params: SQLInputValue[] } {
  const clauses: string[] = [];
  const params: SQLInputValue[] = [];
  if (filter.template !== undefined) {
    clauses.push('template_id = ?');
    params.push(filter.template);
  }
  if (filter.country !== undefined) {
    clauses.push('country = ?');
    params.push(filter.country);
  }
  if (filter.state !== undefined) {
    if (filter.state === 'sent') {
      // Taken by the provider, and nothing reported after that.
      clauses.push(
        "state = 'sent' AND NOT EXISTS (SELECT 1 FROM delivery_states d WHERE d.email_id = sends.message_id AND d.state <> 'sent')",
      );
    } else if ((SEND_STATES as readonly string[]).includes(filter.state)) {
      clauses.push('state = ?');
      params.push(filter.state);
    } else {
      clauses.push('message_id IN (SELECT email_id FROM delivery_states WHERE state = ?)');
      params.push(filter.state);
    }
  }
  if (filter.sender !== undefined) {
    clauses.push('created_by = ? COLLATE NOCASE');
    params.push(filter.sender);
  }
  if (filter.from !== undefined) {
    clauses.push('created_at >= ?');
    params.push(`${filter.from}T00:00:00.000Z`);
  }
  if (filter.to !== undefined) {
    clauses.push('created_at < ?');
    const next = new Date(Date.parse(`${filter.to}T00:00:00Z`) + 86_400_000);
    params.push(next.toISOString());
  }
  if (filter.q !== undefined) {
    // Addresses are stored as JSON lists: a contains-match on both, case-insensitive.
    clauses.push("(recipients_to LIKE ? ESCAPE '\\' OR recipients_cc LIKE ? ESCAPE '\\')");
    const pattern = `%${likeEscape(filter.q)}%`;
    params.push(pattern, pattern);
  }
  if (beforeId !== undefined) {
    clauses.push('id < ?');
    params.push(beforeId);
  }
  return { sql: clauses.length === 0 ? '' : `WHERE ${clauses.join(' AND ')}`, params };
}

export function pageSql(
  filter: HistoryFilter,
  beforeId?: number,
): { sql: string; params: SQLInputValue[] } {
  const where = whereOf(filter, beforeId);
  return { sql: `SELECT * FROM sends ${where.sql} ORDER BY id DESC LIMIT ?`, params: where.params };
}

export interface HistoryPageResult {
  rows: SendRow[];
  /** The id to continue from for the next (older) page, if there is one. */
  nextBefore: number | undefined;
}

/** One page, newest first; `beforeId` continues after the previous page's last row. */
export function historyPage(
  store: Store,
  filter: HistoryFilter,
  beforeId?: number,
  size = PAGE_SIZE,
): HistoryPageResult {
  const { sql, params } = pageSql(filter, beforeId);
  const found = (store.db.prepare(sql).all(...params, size + 1) as Row[]).map(toSend);
  const rows = found.slice(0, size);
  return { rows, nextBefore: found.length > size ? rows.at(-1)?.id : undefined };
}

/** Every row of the filter (up to the export limit), newest first. */
export function historyAll(store: Store, filter: HistoryFilter, limit = EXPORT_LIMIT): SendRow[] {
  const { sql, params } = pageSql(filter);
  return (store.db.prepare(sql).all(...params, limit) as Row[]).map(toSend);
}
