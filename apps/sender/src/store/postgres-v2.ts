/** Version 2 of the PostgreSQL schema (see postgres-schema.ts: never edited once released). */
// Issue 20: what one process kept in memory, shared by every instance (src/batches/pending.ts, runs.ts).
export const V2 = `
CREATE TABLE pending_uploads (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  file_name text NOT NULL,
  content bytea NOT NULL,
  template text NOT NULL,
  country text NOT NULL,
  columns text,
  expires_at bigint NOT NULL
);
CREATE INDEX pending_uploads_user ON pending_uploads (user_id, seq);
CREATE TABLE batch_runs (
  batch_id text NOT NULL REFERENCES batches(id),
  owner_token text NOT NULL,
  host text NOT NULL,
  pid bigint NOT NULL,
  heartbeat_at bigint NOT NULL,
  started_at bigint NOT NULL,
  PRIMARY KEY (batch_id, owner_token)
);
`;
