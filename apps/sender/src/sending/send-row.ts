/** A row of the send log as the code sees it, read from its SQLite columns. */
import { num, optNum, optStr, str, strings, type Row } from '../store/columns.js';

/**
 * `uncertain` is not a column value: a `failed` row whose request may have reached the
 * provider (`uncertain_at` set, see src/sending/uncertain.ts) reads as `uncertain`.
 */
export type SendState = 'queued' | 'sending' | 'sent' | 'failed' | 'uncertain';

export interface SendRow {
  id: number;
  /** What the caller used to ask for this send (web draft token, CLI run): a retried form post finds the same row. */
  requestKey: string;
  /** Sent as Idempotency-Key on every attempt; batch rows share their chunk's key. */
  idempotencyKey: string;
  templateId: string;
  country: string;
  to: string[];
  cc: string[];
  subject: string;
  fingerprint: string;
  templateVersion: string;
  transport: string;
  /** The Resend base URL the row was created for (null: the outbox, or a row from before this was recorded). */
  endpoint: string | null;
  state: SendState;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  sentAt: string | null;
  firstAttemptAt: number | null;
  batchId: string | null;
  batchLine: number | null;
  chunkIndex: number | null;
  /** Who holds a `sending` row, and until when (the owner renews it while alive). */
  lease: Lease | null;
  /** When an attempt may have reached the provider without an answer (ms); null: never. */
  uncertainAt: number | null;
}

/** A run that holds rows: process id, host, a token unique to that run, and the lease end (ms). */
export interface LeaseOwner {
  pid: number;
  host: string;
  token: string;
}
export interface Lease extends LeaseOwner {
  until: number;
}

/** What a caller gives for a new row; the store sets the rest (id, state, times, attempts). */
export type NewSend = Pick<
  SendRow,
  | 'requestKey'
  | 'idempotencyKey'
  | 'templateId'
  | 'country'
  | 'to'
  | 'cc'
  | 'subject'
  | 'fingerprint'
  | 'templateVersion'
  | 'transport'
  | 'endpoint'
  | 'createdBy'
> & { batchId?: string; batchLine?: number; chunkIndex?: number };

/** One name for a line's recipients, to tell whether they were already sent to. */
export function recipientKey(to: readonly string[], cc: readonly string[]): string {
  return `${to.map((a) => a.toLowerCase()).join(';')}|${cc.map((a) => a.toLowerCase()).join(';')}`;
}

function toLease(row: Row): Lease | null {
  const until = optNum(row, 'lease_until');
  const pid = optNum(row, 'lease_pid');
  const host = optStr(row, 'lease_host');
  const token = optStr(row, 'lease_token');
  if (until === null || pid === null || host === null || token === null) return null;
  return { pid, host, token, until };
}

export function toSend(row: Row): SendRow {
  return {
    id: num(row, 'id'),
    requestKey: str(row, 'request_key'),
    idempotencyKey: str(row, 'idempotency_key'),
    templateId: str(row, 'template_id'),
    country: str(row, 'country'),
    to: strings(row, 'recipients_to'),
    cc: strings(row, 'recipients_cc'),
    subject: str(row, 'subject'),
    fingerprint: str(row, 'fingerprint'),
    templateVersion: str(row, 'template_version'),
    transport: str(row, 'transport'),
    endpoint: optStr(row, 'endpoint'),
    state:
      row.uncertain_at !== null && row.uncertain_at !== undefined && str(row, 'state') === 'failed'
        ? 'uncertain'
        : (str(row, 'state') as SendState),
    attempts: num(row, 'attempts'),
    lastError: optStr(row, 'last_error'),
    messageId: optStr(row, 'message_id'),
    createdBy: str(row, 'created_by'),
    createdAt: str(row, 'created_at'),
    updatedAt: str(row, 'updated_at'),
    sentAt: optStr(row, 'sent_at'),
    firstAttemptAt: optNum(row, 'first_attempt_at'),
    batchId: optStr(row, 'batch_id'),
    batchLine: optNum(row, 'batch_line'),
    chunkIndex: optNum(row, 'chunk_index'),
    lease: toLease(row),
    uncertainAt: row.uncertain_at === undefined ? null : optNum(row, 'uncertain_at'),
  };
}
