import { userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { displayRecipients, InputError, parseRecipients } from './addresses.js';
import type { Config } from './config.js';
import type { DeliveryStatus } from './delivery/status.js';
import { describeDelivery } from './delivery/status.js';
import { log } from './log.js';
import type { Runtime } from './runtime.js';
import type { Sender } from './sending/sender.js';
import type { SendRow } from './store.js';

/**
 * What every `csp-sender` command shares: its signature, the exit it asks for, flag
 * parsing, and the prompts. Each command lives in its capability's folder
 * (sending/command.ts, batches/command.ts, ...); main.ts composes them.
 */
export type Command = (argv: string[], config: Config) => number | Promise<number>;

/** Exit codes: 0 done, 1 a send failed, 2 bad input or configuration, 3 the transport refused to start. */
export class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** Flags parseArgs refused: main.ts prints the message followed by the full usage. */
export class UsageError extends Exit {
  constructor(message: string) {
    super(2, message);
  }
}

export function args<T extends NonNullable<ParseArgsConfig['options']>>(
  argv: string[],
  options: T,
) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new Exit(2, `--${flag} is required`);
  return value;
}

export const actor = (): string => `cli:${userInfo().username}`;

/** `--reply-to`: one address, read like To (Step 1's Reply-To; default SENDER_FIRST_USER). */
export function replyToFlag(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let to: string[];
  try {
    ({ to } = parseRecipients([value], []));
  } catch (error) {
    const why = error instanceof InputError ? error.detail : String(error);
    throw new Exit(2, `--reply-to: ${why}`);
  }
  if (to.length !== 1) throw new Exit(2, '--reply-to: give exactly one address');
  return to[0];
}

export async function withRuntime<T>(
  config: Config,
  fn: (runtime: Runtime) => Promise<T>,
  replyTo?: string,
): Promise<T> {
  // Loaded here, not at the top: commands without a runtime (history, users, backup, …) start
  // without the sending stack.
  const { openRuntime } = await import('./runtime.js');
  const runtime = await openRuntime(config, log, undefined, replyTo);
  try {
    return await fn(runtime);
  } finally {
    await runtime.close();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY)
    throw new Exit(2, 'Not sent: confirm with --yes when not running in a terminal.');
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question}\nType OK to send, anything else to cancel: `);
    return answer.trim().toUpperCase() === 'OK';
  } finally {
    rl.close();
  }
}

/** One history line; a row that is not `sent` always carries its plain reason. */
export function describeSend(
  row: SendRow,
  reason: string | undefined,
  delivery?: DeliveryStatus,
): string {
  const recipients = `${displayRecipients(row.to)}${row.cc.length > 0 ? ` (cc ${displayRecipients(row.cc)})` : ''}`;
  return `#${row.id} ${row.state.padEnd(7)} ${row.createdAt} ${row.createdBy} ${row.templateId}/${row.country} v${row.templateVersion} ${row.fingerprint.slice(0, 12)} via ${row.transport} → ${recipients}${row.messageId ? ` id=${row.messageId}` : ''}${reason === undefined ? '' : ` reason: ${reason}`}${delivery ? ` delivery: ${describeDelivery(delivery)}` : ''}`;
}

export async function resumeFirst(sender: Sender): Promise<void> {
  const rows = await sender.resume();
  for (const row of rows) log(`resumed unfinished send ${describeSend(row, sender.reason(row))}`);
}
