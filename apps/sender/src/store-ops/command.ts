/** The CLI side of store operations: `backup`, `restore`, and the one-server lock of `serve`. */
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { InputError } from '../addresses.js';
import type { Config } from '../config.js';
import { backupStore } from './backup.js';
import { holdServer } from './lock.js';
import { restoreStore } from './restore.js';
import { readiness } from '../health/readiness.js';
import { openStore, storeLabel } from '../store/open.js';

export const BACKUP_USAGE = 'csp-sender backup FILE [--force]';
export const RESTORE_USAGE = 'csp-sender restore FILE';
export const MIGRATE_USAGE = 'csp-sender migrate';

export interface CommandIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

type Command = (argv: string[], config: Config) => number | Promise<number>;

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MiB`;

function oneFile(argv: string[], usage: string, force: boolean) {
  try {
    const { values, positionals } = parseArgs({
      args: argv,
      options: force ? { force: { type: 'boolean' } } : {},
      allowPositionals: true,
      strict: true,
    });
    const [file] = positionals;
    if (file === undefined || file === '' || positionals.length !== 1)
      throw new Error('give exactly one FILE');
    return { file, force: values.force === true };
  } catch (error) {
    throw new InputError(
      usage.split(' ')[1] ?? 'command',
      `${error instanceof Error ? error.message : String(error)}. Usage: ${usage}`,
    );
  }
}

/**
 * `serve`, held to one per data folder for as long as it runs (see ./lock.ts). On PostgreSQL
 * any number of instances share the database: everything they must agree on is in it.
 */
export function oneServer(serve: Command): Command {
  return async (argv, config) => {
    if (config.databaseUrl !== undefined) return serve(argv, config);
    const lock = holdServer(config.dataDir);
    try {
      return await serve(argv, config);
    } finally {
      lock.release();
    }
  };
}

/** backup and restore are SQLite's: a PostgreSQL store has its database's own tools. */
function notOnPostgres(config: Config, command: string, tool: string): void {
  if (config.databaseUrl !== undefined)
    throw new InputError(
      'DATABASE_URL',
      `the store is PostgreSQL, so csp-sender ${command} does not apply: use ${tool} on that database (see the README, "Backups")`,
    );
}

/** `migrate`: brings the store's schema to this build's (at start too; this does it alone, e.g. in a deploy step). */
export async function migrateCommand(
  argv: string[],
  config: Config,
  io: CommandIo,
): Promise<number> {
  if (argv.length > 0)
    throw new InputError(
      'migrate',
      `takes no arguments (got ${argv.join(' ')}). Usage: ${MIGRATE_USAGE}`,
    );
  const store = await openStore(config, { log: io.out });
  try {
    const state = await readiness(store);
    if (!state.ready) throw new Error(state.reason);
    io.out(`${storeLabel(store, config)}: schema current.`);
  } finally {
    await store.close();
  }
  return 0;
}

export async function backupCommand(
  argv: string[],
  config: Config,
  io: CommandIo,
): Promise<number> {
  const { file, force } = oneFile(argv, BACKUP_USAGE, true);
  notOnPostgres(config, 'backup', 'pg_dump --format=custom');
  const result = await backupStore(config.dataDir, file, { force });
  io.out(
    `Backed up ${config.dataDir} to ${result.path}: ${result.bytes} bytes (${mib(result.bytes)}), ${result.sends} rows of sends.`,
  );
  return 0;
}

export async function restoreCommand(
  argv: string[],
  config: Config,
  io: CommandIo,
): Promise<number> {
  const { file } = oneFile(argv, RESTORE_USAGE, false);
  notOnPostgres(config, 'restore', 'pg_restore (or your provider’s point-in-time restore)');
  const result = await restoreStore(config.dataDir, file, {
    actor: `cli:${userInfo().username}`,
  });
  io.out(
    `Restored ${file} into ${config.dataDir}: ${result.bytes} bytes, ${result.sends} rows of sends.`,
  );
  io.out(
    result.aside === undefined
      ? 'There was no store before.'
      : `The store it replaced is kept as ${result.aside}.`,
  );
  io.err(
    'Start the sender again: rows the backup holds as unfinished are sent with their original idempotency keys, so the provider drops any it already took (within 24 h).',
  );
  return 0;
}
