/** Version 3 of the PostgreSQL schema (see postgres-schema.ts: never edited once released). */
// Secrets every instance must share (src/auth/device-key.ts): a device cookie signed by one
// instance is checked by another. SQLite keeps its one server's key in the data folder.
export const V3 = `
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value bytea NOT NULL,
  created_at text NOT NULL
);
`;
