/** The CLI side of store operations: `backup`, `restore`, and the one-server lock of `serve`. */
import { parseArgs } from 'node:util';
import { userInfo } from 'node:os';
import { InputError } from '../addresses.js';
import type { Config } from '../config.js';
import { backupStore } from './backup.js';
import { holdServer } from './lock.js';
import { restoreStore } from './restore.js';

export const BACKUP_USAGE = 'csp-sender backup FILE [--force]';
export const RESTORE_USAGE = 'csp-sender restore FILE';

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

/** `serve`, held to one per data folder for as long as it runs (see ./lock.ts). */
export function oneServer(serve: Command): Command {
  return async (argv, config) => {
    const lock = holdServer(config.dataDir);
    try {
      return await serve(argv, config);
    } finally {
      lock.release();
    }
  };
}

export async function backupCommand(
  argv: string[],
  config: Config,
  io: CommandIo,
): Promise<number> {
  const { file, force } = oneFile(argv, BACKUP_USAGE, true);
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
