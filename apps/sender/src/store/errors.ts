/** What each database says when a UNIQUE constraint refuses a row, read the same way for both. */
export function isUniqueViolation(error: unknown, table: string): boolean {
  if (!(error instanceof Error)) return false;
  // PostgreSQL (pg): SQLSTATE 23505 with the table it happened on.
  const { code, table: on } = error as Error & { code?: unknown; table?: unknown };
  if (code === '23505') return on === undefined || on === table;
  // SQLite (node:sqlite): "UNIQUE constraint failed: <table>.<column>".
  return error.message.includes(`UNIQUE constraint failed: ${table}.`);
}
