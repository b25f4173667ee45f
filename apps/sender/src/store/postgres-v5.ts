/** Version 5 of the PostgreSQL schema (see postgres-schema.ts: never edited once released). */
// A batch's rows by line, the index of its SQLite twin (src/store.ts): queueing asks whether
// any line of a range has a row already (src/batches/queue-rows.ts), once per 1,000 lines.
export const V5 = `
CREATE INDEX sends_batch_line ON sends (batch_id, batch_line);
`;
