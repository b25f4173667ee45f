/** Version 4 of the PostgreSQL schema (see postgres-schema.ts: never edited once released). */
// The must-change-password flag travels with the session row (src/web/session-cache.ts):
// setting or clearing it moves the session epoch like any other change to what a session
// may do, so every instance's cache drops the row on its next request. The triggers have
// the names of their SQLite twins (src/accounts/store.ts).
export const V4 = `
CREATE TRIGGER session_epoch_on_must_change_insert AFTER INSERT ON password_change_required
  FOR EACH ROW EXECUTE FUNCTION session_epoch_bump();
CREATE TRIGGER session_epoch_on_must_change_update AFTER UPDATE ON password_change_required
  FOR EACH ROW EXECUTE FUNCTION session_epoch_bump();
CREATE TRIGGER session_epoch_on_must_change_delete AFTER DELETE ON password_change_required
  FOR EACH ROW EXECUTE FUNCTION session_epoch_bump();
`;
