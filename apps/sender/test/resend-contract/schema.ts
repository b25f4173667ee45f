/**
 * Resend's API contract as this repository relies on it, written here from Resend's
 * documentation (API reference "Send Email", "Send Batch Emails", "Domains", and the
 * "Idempotency keys" and "Batch validation modes" pages). The local fake server
 * validates every request against these schemas. When Resend's published OpenAPI
 * file is available, spec-agreement.test.ts checks these schemas against it field by
 * field, so this file cannot drift from what Resend publishes.
 */

/** A JSON Schema (draft 2020-12) node, as plain data. */
export type Schema = { readonly [keyword: string]: SchemaValue };
type SchemaValue = string | number | boolean | null | readonly SchemaValue[] | Schema;

const string = { type: 'string' } as const;
const boolean = { type: 'boolean' } as const;
const stringOrList = (limits: Schema = {}): Schema => ({
  oneOf: [string, { type: 'array', items: string, ...limits }],
});

/** Most addresses in `to` of one email (API reference: "Max 50"). */
export const MAX_RECIPIENTS = 50;
/** Most emails in one POST /emails/batch (API reference: "up to 100 batch emails at once"). */
export const MAX_BATCH_EMAILS = 100;

const attachment: Schema = {
  type: 'object',
  properties: {
    content: { type: 'string', format: 'binary' },
    filename: string,
    path: string,
    content_type: string,
    content_id: string,
  },
};

// Tag names and values: ASCII letters, digits, `_` and `-`, at most 256 characters each
// (documented in prose; the published schema states neither limit).
const tagPart: Schema = { type: 'string', maxLength: 256, pattern: '^[A-Za-z0-9_-]*$' };
const tag: Schema = {
  type: 'object',
  properties: {
    name: tagPart,
    value: tagPart,
  },
};

const templateInput: Schema = {
  type: 'object',
  required: ['id'],
  properties: {
    id: string,
    variables: { type: 'object', additionalProperties: { oneOf: [string, { type: 'number' }] } },
  },
};

/** POST /emails body. */
export const sendEmailRequest: Schema = {
  type: 'object',
  required: ['from', 'to', 'subject'],
  properties: {
    from: string,
    to: stringOrList({ minItems: 1, maxItems: MAX_RECIPIENTS }),
    subject: string,
    bcc: stringOrList(),
    cc: stringOrList(),
    reply_to: stringOrList(),
    html: string,
    text: string,
    template: templateInput,
    headers: { type: 'object' },
    scheduled_at: string,
    attachments: { type: 'array', items: attachment },
    tags: { type: 'array', items: tag },
    topic_id: string,
  },
};

/** POST /emails/batch body: a bare array of emails. */
export const sendBatchRequest: Schema = {
  type: 'array',
  minItems: 1,
  maxItems: MAX_BATCH_EMAILS,
  items: sendEmailRequest,
};

/** Fields POST /emails accepts that POST /emails/batch refuses ("not supported in batch"). */
export const NOT_IN_BATCH = ['attachments', 'scheduled_at'] as const;

export const sendEmailResponse: Schema = {
  type: 'object',
  properties: { id: string },
};

export const sendBatchResponse: Schema = {
  type: 'object',
  properties: {
    data: { type: 'array', items: { type: 'object', properties: { id: string } } },
  },
};

/** Permissive batch mode: the valid emails are queued, the invalid ones listed by index. */
export const sendBatchPermissiveResponse: Schema = {
  type: 'object',
  required: ['data', 'errors'],
  properties: {
    data: { type: 'array', items: { type: 'object', properties: { id: string } } },
    errors: {
      type: 'array',
      items: {
        type: 'object',
        required: ['index', 'message'],
        properties: { index: { type: 'integer', minimum: 0 }, message: string },
      },
    },
  },
};

const domainStatus = {
  type: 'string',
  enum: ['pending', 'verified', 'failed', 'not_started', 'partially_verified', 'partially_failed'],
} as const;

const capabilities: Schema = {
  type: 'object',
  properties: {
    sending: { type: 'string', enum: ['enabled', 'disabled'] },
    receiving: { type: 'string', enum: ['enabled', 'disabled'] },
  },
};

const domainRecord: Schema = {
  type: 'object',
  properties: {
    record: { type: 'string', enum: ['SPF', 'DKIM', 'Receiving', 'Tracking', 'TrackingCAA'] },
    name: string,
    type: { type: 'string', enum: ['MX', 'TXT', 'CNAME', 'CAA'] },
    ttl: string,
    status: {
      type: 'string',
      enum: ['pending', 'verified', 'failed', 'temporary_failure', 'not_started'],
    },
    value: string,
    priority: { type: 'integer' },
  },
};

const domainFields = {
  id: string,
  name: string,
  status: domainStatus,
  created_at: string,
  region: string,
  open_tracking: boolean,
  click_tracking: boolean,
  capabilities,
};

/** GET /domains answer. */
export const listDomainsResponse: Schema = {
  type: 'object',
  properties: {
    object: string,
    has_more: boolean,
    data: { type: 'array', items: { type: 'object', properties: domainFields } },
  },
};

/** GET /domains/{domain_id} answer. */
export const domainResponse: Schema = {
  type: 'object',
  properties: {
    object: string,
    ...domainFields,
    tracking_subdomain: string,
    records: { type: 'array', items: domainRecord },
  },
};

/**
 * The `Idempotency-Key` header ("Idempotency keys" page): up to 256 characters, unique
 * per request, remembered for 24 hours. The same key with the same payload gets the
 * first answer again and sends nothing; the same key with another payload is refused
 * with 409 `invalid_idempotent_request`; a key whose first request is still being
 * processed gets 409 `concurrent_idempotent_requests`.
 */
export const idempotencyKeyHeader: Schema = { type: 'string', minLength: 1, maxLength: 256 };
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600_000;
export const IDEMPOTENCY_ERRORS = {
  otherPayload: 'invalid_idempotent_request',
  inProgress: 'concurrent_idempotent_requests',
} as const;

/** `x-batch-validation` ("Batch validation modes"): strict, the default, or permissive. */
export const BATCH_VALIDATION_MODES = ['strict', 'permissive'] as const;
export type BatchValidationMode = (typeof BATCH_VALIDATION_MODES)[number];

/**
 * What the published OpenAPI file says in prose (or not at all) and this contract
 * states as a limit: the agreement test requires these extras to be exactly these.
 */
export const BEYOND_THE_PUBLISHED_SCHEMA = [
  '/emails request.tags[].name: maxLength 256',
  '/emails request.tags[].name: pattern ^[A-Za-z0-9_-]*$',
  '/emails request.tags[].value: maxLength 256',
  '/emails request.tags[].value: pattern ^[A-Za-z0-9_-]*$',
  '/emails/batch request: maxItems 100',
  '/emails/batch request: minItems 1',
  '/emails/batch request[].tags[].name: maxLength 256',
  '/emails/batch request[].tags[].name: pattern ^[A-Za-z0-9_-]*$',
  '/emails/batch request[].tags[].value: maxLength 256',
  '/emails/batch request[].tags[].value: pattern ^[A-Za-z0-9_-]*$',
  'Idempotency-Key: minLength 1',
];
