import { InputError } from './addresses.js';
import { batchCommand } from './batches/command.js';
import { BatchFileError } from './batches/import.js';
import { Exit, UsageError, type Command } from './command.js';
import { ConfigError, loadConfig } from './config.js';
import { syncCommand } from './delivery/command.js';
import { historyCommand } from './history/command.js';
import { err, log, out, useLogFormat } from './log.js';
import { ShuttingDownError } from './sending/drain.js';
import { previewCommand, sendCommand } from './sending/command.js';
import { RefusedError } from './sending/sender.js';
import { backupCommand, migrateCommand, oneServer, restoreCommand } from './store-ops/command.js';
import { usersCommand } from './team/command.js';
import { TransportCheckError } from './transports/types.js';
import { serveCommand } from './web/command.js';

/**
 * The `csp-sender` commands (src/cli.ts loads this after its Node version check).
 * Each command lives in its capability's folder; this file only names them, prints
 * the usage, and turns what they throw into an exit code.
 */

const USAGE = `csp-sender: preview and send the locked CSP invitation emails (KB AA-06184)

Usage:
  csp-sender serve [--port N] [--host H]          web UI (default 127.0.0.1:8787)
  csp-sender users add EMAIL [--role admin|sales] [--reset] [--invite]
                                                  add a user (the first is admin, later ones sales
                                                  unless --role), or reset a password; password on stdin,
                                                  or --invite: print a single-use 24 h invitation link
  csp-sender preview --template T --country C [--text]
  csp-sender send --template T --country C --to ADDR [--to ADDR ...] [--cc ADDR ...] [--reply-to ADDR] [--yes]
  csp-sender batch FILE.csv --template T --country C [--reply-to ADDR] [--again | --retry-failed | --resend-uncertain [--yes]]
                   [--include-suppressed --reason TEXT]
                   [--to-column COL] [--cc-column COL] [--country-column COL]
                                                  CSV (, ; or tab): to/email, cc, country columns found by
                                                  name (or chosen by name or number); other columns ignored;
                                                  several in a cell: "a@x.com; Max <b@y.de>";
                                                  --country: rows without a country; bad rows are skipped
                                                  a rerun of the same file resumes it (nothing sent twice);
                                                  --retry-failed: retry only its failed rows, with new keys;
                                                  --again: a new run that skips everyone already sent to
                                                  (and anyone an uncertain row may have reached);
                                                  --resend-uncertain: send again the rows whose answer was lost
                                                  and whose key expired (may arrive twice; asks, or --yes)
  csp-sender history [--limit N] [--json]
  csp-sender sync [--since 7d]                    ask Resend for the delivery state of sends not final yet
  csp-sender backup FILE [--force]                a consistent copy of the store, also while serve or batch run
  csp-sender migrate                              bring the store's schema to this version (also done at start)
  csp-sender restore FILE                         put a backup in place (the current store is kept aside;
                                                  not while a server or another command has it open)

Templates: reseller-invitation, customer-authorization-request. Countries: ISO codes (US, GB, DE, ...).
Configuration comes from the environment: see apps/sender/README.md.`;

const commands: Record<string, Command> = {
  serve: oneServer(serveCommand),
  users: usersCommand,
  preview: previewCommand,
  send: sendCommand,
  batch: batchCommand,
  history: historyCommand,
  sync: (argv, config) => syncCommand(argv, config, { out, err, log }),
  backup: (argv, config) => backupCommand(argv, config, { out, err }),
  restore: (argv, config) => restoreCommand(argv, config, { out, err }),
  migrate: (argv, config) => migrateCommand(argv, config, { out, err }),
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out(USAGE);
    return name === undefined ? 2 : 0;
  }
  // Before the configuration is read, so that its errors are JSON lines too.
  if (name === 'serve' && process.env.SENDER_LOG_FORMAT === 'json') useLogFormat('json');
  const command = commands[name];
  if (!command) throw new Exit(2, `Unknown command "${name}".\n\n${USAGE}`);
  return command(rest, loadConfig());
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      err(`${error.message}\n\n${USAGE}`);
      process.exitCode = error.code;
    } else if (error instanceof Exit) {
      err(error.message);
      process.exitCode = error.code;
    } else if (
      error instanceof ConfigError ||
      error instanceof InputError ||
      error instanceof BatchFileError
    ) {
      err(error.message);
      process.exitCode = 2;
    } else if (error instanceof RefusedError || error instanceof ShuttingDownError) {
      err(error.message);
      process.exitCode = 1;
    } else if (error instanceof TransportCheckError) {
      err(`Refusing to start: ${error.message}`);
      process.exitCode = 3;
    } else {
      err(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    }
  },
);
