/**
 * History filters (all in the URL) and their one indexed query: keyset pages by id,
 * newest first. Each equality filter has an index `(column, id)` that also gives the
 * order, so a page reads only its rows (see test/history-query.test.ts for the plan).
 */
import { toSend, type SendRow, type Store } from '../store.js';
import type { Dialect, SqlParam } from '../store/sql.js';

export const SEND_STATES = ['queued', 'sending', 'sent', 'failed'] as const;
/**
 * `state` is the send's state, or its delivery state once the provider reported one; each
 * once, in words. `failed` is either failure (ours or the provider's); `uncertain` is a
 * failed attempt whose request may have reached the provider.
 */
export const STATE_FILTER_LABELS: Readonly<Record<string, string>> = {
  queued: 'Queued',
  sending: 'Sending',
  sent: 'Sent, no news yet',
  delivery_delayed: 'Delayed',
  delivered: 'Delivered',
  bounced: 'Bounced',
  failed: 'Failed',
  uncertain: 'Uncertain',
  suppressed: 'Suppressed',
  complained: 'Marked as spam',
};
export const STATE_FILTERS: readonly string[] = Object.keys(STATE_FILTER_LABELS);

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
  /** One batch's rows. */
  batch?: string;
}

/** A filter the history refuses; `field` is the URL parameter (and form field) it is about. */
export class FilterError extends Error {
  override name = 'FilterError';
  constructor(
    message: string,
    readonly field: keyof HistoryFilter,
  ) {
    super(message);
  }
}

const BATCH_ID = /^[A-Za-z0-9_-]{1,64}$/;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filter named by a URL's query; a bad value is refused naming the parameter. */
export function parseFilter(query: Record<string, string>): HistoryFilter {
  const filter: HistoryFilter = {};
  const take = (name: keyof HistoryFilter, max: number): string | undefined => {
    const value = (query[name] ?? '').trim();
    if (value === '') return undefined;
    if (value.length > max) throw new FilterError(`${name}: at most ${max} characters`, name);
    return value;
  };
  const template = take('template', 100);
  if (template !== undefined) filter.template = template;
  const country = take('country', 2);
  if (country !== undefined) filter.country = country.toUpperCase();
  const state = take('state', 40);
  if (state !== undefined) {
    if (!STATE_FILTERS.includes(state))
      throw new FilterError(`state: "${state}" is not one of ${STATE_FILTERS.join(', ')}`, 'state');
    filter.state = state;
  }
  const sender = take('sender', 320);
  if (sender !== undefined) filter.sender = sender;
  for (const name of ['from', 'to'] as const) {
    const value = take(name, 10);
    if (value === undefined) continue;
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)))
      throw new FilterError(`${name}: "${value}" is not a date (YYYY-MM-DD)`, name);
    filter[name] = value;
  }
  // Refused rather than silently matching nothing.
  if (filter.from !== undefined && filter.to !== undefined && filter.from > filter.to)
    throw new FilterError(
      `Sent until (${filter.to}) is before Sent from (${filter.from}): choose an end on or after the start.`,
      'to',
    );
  const q = take('q', 320);
  if (q !== undefined) filter.q = q;
  const batch = take('batch', 64);
  if (batch !== undefined) {
    if (!BATCH_ID.test(batch))
      throw new FilterError(`batch: "${batch}" is not a batch id`, 'batch');
    filter.batch = batch;
  }
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
  dialect: Dialect = 'sqlite',
): { sql: string; params: SqlParam[] } {
  const clauses: string[] = [];
  const params: SqlParam[] = [];
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
    } else if (filter.state === 'failed') {
      // Not sent by us (and not uncertain), or refused by the provider afterwards.
      clauses.push(
        "((state = 'failed' AND uncertain_at IS NULL) OR message_id IN (SELECT email_id FROM delivery_states WHERE state = 'failed'))",
      );
    } else if (filter.state === 'uncertain') {
      clauses.push("state = 'failed' AND uncertain_at IS NOT NULL");
    } else if ((SEND_STATES as readonly string[]).includes(filter.state)) {
      clauses.push('state = ?');
      params.push(filter.state);
    } else {
      clauses.push('message_id IN (SELECT email_id FROM delivery_states WHERE state = ?)');
      params.push(filter.state);
    }
  }
  if (filter.sender !== undefined) {
    // Each by its index: SQLite's on created_by COLLATE NOCASE, PostgreSQL's on lower(created_by).
    clauses.push(
      dialect === 'sqlite' ? 'created_by = ? COLLATE NOCASE' : 'lower(created_by) = lower(?)',
    );
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
    const like = dialect === 'sqlite' ? 'LIKE' : 'ILIKE';
    clauses.push(`(recipients_to ${like} ? ESCAPE '\\' OR recipients_cc ${like} ? ESCAPE '\\')`);
    const pattern = `%${likeEscape(filter.q)}%`;
    params.push(pattern, pattern);
  }
  if (filter.batch !== undefined) {
    clauses.push('batch_id = ?');
    params.push(filter.batch);
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
  dialect: Dialect = 'sqlite',
): { sql: string; params: SqlParam[] } {
  const where = whereOf(filter, beforeId, dialect);
  return { sql: `SELECT * FROM sends ${where.sql} ORDER BY id DESC LIMIT ?`, params: where.params };
}

export interface HistoryPageResult {
  rows: SendRow[];
  /** The id to continue from for the next (older) page, if there is one. */
  nextBefore: number | undefined;
}

/** One page, newest first; `beforeId` continues after the previous page's last row. */
export async function historyPage(
  store: Store,
  filter: HistoryFilter,
  beforeId?: number,
  size = PAGE_SIZE,
): Promise<HistoryPageResult> {
  const { sql, params } = pageSql(filter, beforeId, store.db.dialect);
  const found = (await store.db.all(sql, ...params, size + 1)).map(toSend);
  const rows = found.slice(0, size);
  return { rows, nextBefore: found.length > size ? rows.at(-1)?.id : undefined };
}

/** Every row of the filter (up to the export limit), newest first. */
export async function historyAll(
  store: Store,
  filter: HistoryFilter,
  limit = EXPORT_LIMIT,
): Promise<SendRow[]> {
  const { sql, params } = pageSql(filter, undefined, store.db.dialect);
  return (await store.db.all(sql, ...params, limit)).map(toSend);
}

/** Buckets of the state picture, in its order. */
export const BUCKETS = ['waiting', 'sent', 'delivered', 'bounced', 'failed', 'uncertain'] as const;
export type Bucket = (typeof BUCKETS)[number];
export type BucketCounts = Record<Bucket, number>;
const isBucket = (v: string): v is Bucket => (BUCKETS as readonly string[]).includes(v);

/**
 * How many of the filter's sends are in each bucket: one aggregate over the filter's
 * rows and their delivery states (a complaint arrived, so it counts as delivered; a
 * suppression never left the provider, so it counts as failed).
 */
export async function bucketCounts(store: Store, filter: HistoryFilter): Promise<BucketCounts> {
  const where = whereOf(filter, undefined, store.db.dialect);
  const rows = await store.db.all(
    `SELECT CASE
         WHEN s.state IN ('queued', 'sending') THEN 'waiting'
         WHEN s.state = 'failed' AND s.uncertain_at IS NOT NULL THEN 'uncertain'
         WHEN s.state = 'failed' THEN 'failed'
         WHEN d.state IN ('delivered', 'complained') THEN 'delivered'
         WHEN d.state = 'bounced' THEN 'bounced'
         WHEN d.state IN ('failed', 'suppressed') THEN 'failed'
         ELSE 'sent' END AS bucket, COUNT(*) AS n
       FROM (SELECT state, uncertain_at, message_id FROM sends ${where.sql}) s
       LEFT JOIN delivery_states d ON d.email_id = s.message_id
       GROUP BY bucket`,
    ...where.params,
  );
  const counts: BucketCounts = {
    waiting: 0,
    sent: 0,
    delivered: 0,
    bounced: 0,
    failed: 0,
    uncertain: 0,
  };
  for (const r of rows)
    if (typeof r.bucket === 'string' && isBucket(r.bucket)) counts[r.bucket] = Number(r.n);
  return counts;
}
