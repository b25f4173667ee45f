import { InputError } from './addresses.js';
import { BatchFileError } from './batches/file-error.js';
import { Exit, UsageError, type Command } from './command.js';
import { ConfigError, loadConfig } from './config.js';
import { err, log, out, useLogFormat } from './log.js';
import { ShuttingDownError } from './sending/drain.js';
import { RefusedError } from './sending/types.js';
import { TransportCheckError } from './transports/types.js';

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

/**
 * Each command's code is loaded when that command runs: `csp-sender history` or `users`
 * starts without the web server, the batch reader and the sending stack (about 40 % fewer
 * modules, and a start-up that costs less CPU for every CLI call).
 */
const commands: Record<string, () => Promise<Command>> = {
  serve: async () => {
    const [{ serveCommand }, { oneServer }] = await Promise.all([
      import('./web/command.js'),
      import('./store-ops/command.js'),
    ]);
    return oneServer(serveCommand);
  },
  users: async () => (await import('./team/command.js')).usersCommand,
  preview: async () => (await import('./sending/command.js')).previewCommand,
  send: async () => (await import('./sending/command.js')).sendCommand,
  batch: async () => (await import('./batches/command.js')).batchCommand,
  history: async () => (await import('./history/command.js')).historyCommand,
  sync: async () => {
    const { syncCommand } = await import('./delivery/command.js');
    return (argv, config) => syncCommand(argv, config, { out, err, log });
  },
  backup: async () => {
    const { backupCommand } = await import('./store-ops/command.js');
    return (argv, config) => backupCommand(argv, config, { out, err });
  },
  restore: async () => {
    const { restoreCommand } = await import('./store-ops/command.js');
    return (argv, config) => restoreCommand(argv, config, { out, err });
  },
  migrate: async () => {
    const { migrateCommand } = await import('./store-ops/command.js');
    return (argv, config) => migrateCommand(argv, config, { out, err });
  },
};

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    out(USAGE);
    return name === undefined ? 2 : 0;
  }
  // Before the configuration is read, so that its errors are JSON lines too.
  if (name === 'serve' && process.env.SENDER_LOG_FORMAT === 'json') useLogFormat('json');
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) throw new Exit(2, `Unknown command "${name}".\n\n${USAGE}`);
  const config = loadConfig();
  return (await load())(rest, config);
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
