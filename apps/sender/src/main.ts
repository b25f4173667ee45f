import { spawnSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { createInterface } from 'node:readline/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { SingleBar } from 'cli-progress';
import { displayRecipients, InputError, parseRecipients } from './addresses.js';
import { BatchFileError, planBatch, runBatch } from './batch.js';
import { MAX_BATCH_BYTES, readBatch, type ColumnChoice } from './batches/import.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { syncCommand } from './delivery/command.js';
import { describeDelivery, deliveryStatuses, type DeliveryStatus } from './delivery/status.js';
import { DeliveryStore } from './delivery/store.js';
import { err, log, out, useLogFormat } from './log.js';
import { hashPassword, passwordProblem } from './passwords.js';
import { parseRole, TEAM_EVENT, TeamError } from './team/core.js';
import { openRuntime, outboxDir, type Runtime } from './runtime.js';
import { RefusedError, Sender } from './sender.js';
import { ListenError, startServer } from './server.js';
import { rowReason } from './sending/reason.js';
import { describeResend, expiredUncertain } from './sending/uncertain.js';
import { Store, type Role, type SendRow } from './store.js';
import { AccountStore } from './accounts/store.js';
import { inviteFromCli } from './accounts/invite-cli.js';
import { Invitations } from './accounts/invitations.js';
import { ShuttingDownError } from './sending/drain.js';
import { previewOnlyTransport } from './transports/preview-only.js';
import { TransportCheckError } from './transports/types.js';
import { backupCommand, oneServer, restoreCommand } from './store-ops/command.js';

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
  csp-sender restore FILE                         put a backup in place (the current store is kept aside;
                                                  not while a server or another command has it open)

Templates: reseller-invitation, customer-authorization-request. Countries: ISO codes (US, GB, DE, ...).
Configuration comes from the environment: see apps/sender/README.md.`;

/** Exit codes: 0 done, 1 a send failed, 2 bad input or configuration, 3 the transport refused to start. */
class Exit extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

function args<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new Exit(2, `${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new Exit(2, `--${flag} is required`);
  return value;
}

const actor = (): string => `cli:${userInfo().username}`;

/** `--reply-to`: one address, read like To (Step 1's Reply-To; default SENDER_FIRST_USER). */
function replyToFlag(value: string | undefined): string | undefined {
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

async function withRuntime<T>(
  config: Config,
  fn: (runtime: Runtime) => Promise<T>,
  replyTo?: string,
): Promise<T> {
  const runtime = await openRuntime(config, log, undefined, replyTo);
  try {
    return await fn(runtime);
  } finally {
    runtime.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function confirm(question: string): Promise<boolean> {
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
function describe(row: SendRow, reason: string | undefined, delivery?: DeliveryStatus): string {
  const recipients = `${displayRecipients(row.to)}${row.cc.length > 0 ? ` (cc ${displayRecipients(row.cc)})` : ''}`;
  return `#${row.id} ${row.state.padEnd(7)} ${row.createdAt} ${row.createdBy} ${row.templateId}/${row.country} v${row.templateVersion} ${row.fingerprint.slice(0, 12)} via ${row.transport} → ${recipients}${row.messageId ? ` id=${row.messageId}` : ''}${reason === undefined ? '' : ` reason: ${reason}`}${delivery ? ` delivery: ${describeDelivery(delivery)}` : ''}`;
}

async function resumeFirst(sender: Sender): Promise<void> {
  const rows = await sender.resume();
  for (const row of rows) log(`resumed unfinished send ${describe(row, sender.reason(row))}`);
}

async function serve(argv: string[], config: Config): Promise<number> {
  const { values } = args(argv, { port: { type: 'string' }, host: { type: 'string' } });
  useLogFormat(config.logFormat);
  const merged = loadConfig({
    ...process.env,
    ...(values.port !== undefined ? { PORT: values.port } : {}),
    ...(values.host !== undefined ? { HOST: values.host } : {}),
  });
  const server = await startServer(
    { ...config, port: merged.port, host: merged.host },
    { log, announce: out },
  ).catch((error: unknown) => {
    throw error instanceof ListenError ? new Exit(2, error.message) : error;
  });
  out(
    `csp-sender listening on ${server.url} (transport: ${server.runtime.transport.name}, data: ${config.dataDir})`,
    { url: server.url, transport: server.runtime.transport.name, dataDir: config.dataDir },
  );
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // Drain: no new sends, backoff sleeps end (rows back to queued), in-flight
  // attempts get a bounded time; the store closes last (in server.close).
  const bound = config.httpTimeoutMs + 2_000;
  log(`${signal}: stopping; waiting up to ${bound} ms for sends in flight`);
  const finished = await server.runtime.sender.drain(bound);
  if (!finished)
    log(
      'some sends were still in flight: they stay leased to this process and the next start takes them over at once',
    );
  await server.close();
  return 0;
}

async function users(argv: string[], config: Config): Promise<number> {
  const { values, positionals } = args(argv, {
    reset: { type: 'boolean' },
    role: { type: 'string' },
    invite: { type: 'boolean' },
  });
  const [sub, email] = positionals;
  if (sub !== 'add' || email === undefined || positionals.length !== 2)
    throw new Exit(
      2,
      'Usage: csp-sender users add EMAIL [--role admin|sales] [--reset] [--invite]  (password on stdin, or --invite)',
    );
  let role: Role | undefined;
  try {
    role = values.role === undefined ? undefined : parseRole(values.role);
  } catch (error) {
    if (error instanceof TeamError) throw new Exit(2, `--${error.message}`);
    throw error;
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
    throw new Exit(2, `EMAIL: "${email}" is not an email address`);
  if (values.invite === true) {
    const store = new Store(config.dataDir);
    try {
      const { publicOrigin, host, port } = config;
      const opts = { email, role, reset: values.reset === true, publicOrigin, host, port };
      for (const line of await inviteFromCli(store, opts)) out(line);
    } catch (error) {
      throw error instanceof TeamError ? new Exit(2, error.message) : error;
    } finally {
      store.close();
    }
    return 0;
  }
  let password: string;
  if (process.stdin.isTTY) {
    process.stderr.write(`Password for ${email}: `);
    spawnSync('stty', ['-echo'], { stdio: 'inherit' });
    const rl = createInterface({ input: process.stdin });
    try {
      password = await new Promise<string>((resolve) => rl.once('line', resolve));
    } finally {
      rl.close();
      spawnSync('stty', ['echo'], { stdio: 'inherit' });
      process.stderr.write('\n');
    }
  } else {
    password = (await readStdin()).replace(/\r?\n$/, '');
  }
  const problem = passwordProblem(password);
  if (problem) throw new Exit(2, `password: ${problem}`);
  const store = new Store(config.dataDir);
  try {
    const hash = await hashPassword(password);
    if (store.findUser(email)) {
      if (values.reset !== true)
        throw new Exit(2, `EMAIL: ${email} already exists; use --reset to set a new password`);
      store.setPassword(email, hash);
      // Set by someone else: the user must choose their own at the next sign-in.
      const existing = store.findUser(email);
      if (existing) new AccountStore(store).requirePasswordChange(existing.id, 'cli');
      if (existing) new Invitations(store).voidFor(existing.id);
      store.logEvent('cli', TEAM_EVENT, `reset the password of ${email}`);
      out(
        `Password of ${email} changed; their sessions were ended. They must choose a new one at their next sign-in.`,
      );
    } else {
      const id = store.addUser(email, hash, role);
      const added = store.userById(id);
      new AccountStore(store).requirePasswordChange(id, 'cli');
      store.logEvent('cli', TEAM_EVENT, `added ${email} as ${added?.role ?? 'sales'}`);
      out(
        `User ${email} added (${added?.role ?? 'sales'}). They must choose a new password at their first sign-in.`,
      );
    }
  } finally {
    store.close();
  }
  return 0;
}

async function preview(argv: string[], config: Config): Promise<number> {
  const { values } = args(argv, {
    template: { type: 'string' },
    country: { type: 'string' },
    text: { type: 'boolean' },
  });
  // Never the provider: no Resend client, no start-up check (it cost 18 s and could refuse).
  const transport = previewOnlyTransport(config);
  const store = new Store(config.dataDir);
  try {
    const sender = new Sender({ store, transport, retry: config.retry, log });
    const p = await sender.preview(
      required(values.template, 'template'),
      required(values.country, 'country'),
    );
    err(`Subject:     ${p.email.subject}`);
    err(`From:        ${p.email.from}`);
    err(
      `Template:    ${p.email.templateId} · ${p.email.country} · ${p.email.locale} · version ${p.email.version}`,
    );
    err(
      `Fingerprint: ${p.email.fingerprint} ${p.verified ? '(verified against the lock)' : `(NOT verified: ${p.reason ?? ''})`}`,
    );
    if (p.placeholder)
      err(
        `Note:        the invitation link is a registry placeholder${transport.acceptsPlaceholders ? '' : `; the ${transport.name} transport will refuse to send it`}`,
      );
    out(values.text === true ? p.email.text : p.email.html);
    return p.verified ? 0 : 1;
  } finally {
    store.close();
  }
}

async function send(argv: string[], config: Config): Promise<number> {
  const { values } = args(argv, {
    template: { type: 'string' },
    country: { type: 'string' },
    to: { type: 'string', multiple: true },
    cc: { type: 'string', multiple: true },
    'reply-to': { type: 'string' },
    yes: { type: 'boolean' },
  });
  const replyTo = replyToFlag(values['reply-to']);
  return withRuntime(
    config,
    async ({ sender, transport }) => {
      const draft = await sender.prepare(
        {
          template: required(values.template, 'template'),
          country: required(values.country, 'country'),
          to: values.to ?? [],
          cc: values.cc ?? [],
        },
        actor(),
      );
      await resumeFirst(sender);
      const envelope = sender.envelope(draft.email, actor());
      err(
        `From:    ${envelope.from}${envelope.replyTo !== undefined ? `\nReply-To: ${displayRecipients([envelope.replyTo])}` : ''}\nTo:      ${displayRecipients(draft.to)}\nCC:      ${displayRecipients(draft.cc) || '—'}\nSubject: ${draft.email.subject}\nVia:     ${transport.name}${draft.placeholder ? ' (placeholder invitation link)' : ''}`,
      );
      if (values.yes !== true && !(await confirm('The text is locked and cannot be modified.'))) {
        err('Cancelled: nothing was sent.');
        return 1;
      }
      const { row } = sender.queue(draft, { createdBy: actor() });
      const final = await sender.deliver(row.id);
      if (final.state === 'sent') {
        out(`Sent #${final.id}: message id ${final.messageId ?? ''}`);
        return 0;
      }
      err(`Not sent (#${final.id} ${final.state}): ${sender.reason(final) ?? final.state}`);
      return 1;
    },
    replyTo,
  );
}

async function batch(argv: string[], config: Config): Promise<number> {
  const { values, positionals } = args(argv, {
    template: { type: 'string' },
    country: { type: 'string' },
    again: { type: 'boolean' },
    'retry-failed': { type: 'boolean' },
    'reply-to': { type: 'string' },
    'resend-uncertain': { type: 'boolean' },
    yes: { type: 'boolean' },
    'include-suppressed': { type: 'boolean' },
    reason: { type: 'string' },
    'to-column': { type: 'string' },
    'cc-column': { type: 'string' },
    'country-column': { type: 'string' },
  });
  const [file] = positionals;
  if (file === undefined || positionals.length !== 1)
    throw new Exit(
      2,
      'Usage: csp-sender batch FILE.csv --template T --country C [--reply-to ADDR] [--again | --retry-failed | --resend-uncertain [--yes]] [--include-suppressed --reason TEXT] [--to-column COL] [--cc-column COL] [--country-column COL]',
    );
  const chosen = (['again', 'retry-failed', 'resend-uncertain'] as const).filter(
    (flag) => values[flag] === true,
  );
  if (chosen.length > 1)
    throw new Exit(
      2,
      `${chosen.map((f) => `--${f}`).join(' and ')}: choose one (--retry-failed retries the failed rows; --again starts a new run that skips everyone already sent to; --resend-uncertain sends again the rows that may have arrived)`,
    );
  // Every flag and the file are checked before anything else is sent (no resumed rows first).
  const overrideReason = values.reason?.trim() ?? '';
  if (values['include-suppressed'] === true && overrideReason === '')
    throw new Exit(
      2,
      'reason: --include-suppressed needs --reason "why these addresses may be sent to" (it is recorded)',
    );
  const template = required(values.template, 'template');
  const country = required(values.country, 'country');
  const columns: ColumnChoice = {};
  if (values['to-column'] !== undefined) columns.to = values['to-column'];
  if (values['cc-column'] !== undefined) columns.cc = values['cc-column'];
  if (values['country-column'] !== undefined) columns.country = values['country-column'];
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch (error) {
    throw new Exit(
      2,
      `FILE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  // Read as a stream, each pass: the file is never held whole in memory.
  const open = () => createReadStream(file, { highWaterMark: 64 * 1024 });
  const check = await readBatch(open(), {
    file,
    defaultCountry: country,
    columns,
    maxBytes: MAX_BATCH_BYTES,
  });
  if (check.valid === 0)
    throw new BatchFileError(
      file,
      check.skipped === 0 ? ['the file has a header but no rows'] : check.skippedLines,
    );
  const replyTo = replyToFlag(values['reply-to']);
  err(
    `${file}: ${check.valid} row${check.valid === 1 ? '' : 's'} will be sent, ${check.skipped} skipped${check.unused.length > 0 ? `; not used: ${check.unused.join(', ')}` : ''}.`,
  );
  for (const why of check.skippedLines) err(`  skipped ${why}`);
  if (check.skipped > check.skippedLines.length)
    err(`  … and ${check.skipped - check.skippedLines.length} more skipped`);
  return withRuntime(
    config,
    async (runtime) => {
      for (const [code, { first }] of check.countries)
        await runtime.sender.prepare(
          { template, country: code, to: first.to, cc: first.cc },
          actor(),
        );
      await resumeFirst(runtime.sender);
      if (values['resend-uncertain'] === true) {
        // Says who may get it twice, and asks, before anything is queued again.
        const plan = await planBatch(runtime.sender, {
          file,
          open,
          template,
          country,
          columns,
          createdBy: actor(),
        });
        const rows = expiredUncertain(runtime.sender.store, plan.hash, runtime.sender.now());
        if (rows.length === 0)
          err(
            '--resend-uncertain: no row of this file is uncertain with an expired key; nothing is sent again.',
          );
        else {
          err(describeResend(rows));
          if (values.yes !== true && !(await confirm('Send these again?'))) {
            err('Cancelled: nothing was sent.');
            return 1;
          }
        }
      }
      const bar = new SingleBar({
        format: 'Sending [{bar}] {value}/{total} sent, {failed} not sent',
        stream: process.stderr,
        hideCursor: true,
        clearOnComplete: false,
        // Off a terminal (CI, logs) print a progress line every 2 s instead of redrawing.
        noTTYOutput: true,
        notTTYSchedule: 2000,
      });
      let started = false;
      const summary = await runBatch(runtime.sender, {
        file,
        open,
        template,
        country,
        columns,
        createdBy: actor(),
        ...(values.again === true ? { again: true } : {}),
        ...(values['retry-failed'] === true ? { retryFailed: true } : {}),
        ...(values['resend-uncertain'] === true ? { resendUncertain: true } : {}),
        ...(values['include-suppressed'] === true
          ? { includeSuppressed: { reason: overrideReason } }
          : {}),
        onStart: ({
          total,
          pending,
          alreadySent,
          skippedDelivered,
          skippedUncertain,
          duplicates,
          suppressed,
          resumed,
          joined,
          batch: b,
        }) => {
          for (const d of duplicates) err(`skipped ${d.reason}`);
          for (const d of suppressed)
            err(`skipped ${d.reason}; to send anyway: --include-suppressed --reason "..."`);
          if (skippedUncertain > 0)
            err(
              `${skippedUncertain} line(s) skipped: an earlier email to them may have arrived (uncertain); only --resend-uncertain sends them again.`,
            );
          if (joined) {
            err(
              `Another run started this file at the same moment as batch ${b.id}: this run joins it; rows that run is sending are left to it.`,
            );
          } else if (resumed) {
            err(
              alreadySent === total
                ? `This file was already sent as batch ${b.id} (${b.createdAt} by ${b.createdBy}): all ${total} emails went out before; nothing is sent again.`
                : `This file was started before as batch ${b.id} (${b.createdAt}): ${alreadySent} of ${total} already sent are skipped; sending the ${pending} left.`,
            );
          } else {
            err(
              `Batch ${b.id}: ${total} emails (${runtime.transport.name}, at most ${runtime.transport.maxBatchSize} per call)${skippedDelivered > 0 ? `; ${skippedDelivered} line(s) skipped: their recipients already received this file's email` : ''}.`,
            );
          }
          if (pending > 0) {
            bar.start(total, alreadySent, { failed: 0 });
            started = true;
          }
        },
        onProgress: ({ sent, failed }) => {
          if (started) bar.update(sent, { failed });
        },
      }).finally(() => {
        if (started) bar.stop();
      });
      out(
        `Batch ${summary.batch.id}: ${summary.total} rows; ${summary.sentNowCount} sent now, ${summary.alreadySentCount} already sent before, ${summary.failedCount} not sent${summary.skippedInvalid > 0 ? `; ${summary.skippedInvalid} line(s) of the file skipped (listed above)` : ''}.`,
      );
      for (const row of summary.failed)
        out(
          `  line ${row.batchLine ?? '?'} (${displayRecipients(row.to)}): ${row.state}: ${runtime.sender.reason(row) ?? row.state}`,
        );
      for (const d of [...summary.duplicates, ...summary.suppressed]) out(`  skipped ${d.reason}`);
      if (summary.failed.some((r) => r.state === 'failed'))
        out(
          'Check the reasons above. To retry only the failed rows with new keys (after checking the provider log for rows first tried over 23 h ago): the same command with --retry-failed.',
        );
      return summary.failedCount > 0 || summary.skippedInvalid > 0 ? 1 : 0;
    },
    replyTo,
  );
}

function history(argv: string[], config: Config): number {
  const { values } = args(argv, { limit: { type: 'string' }, json: { type: 'boolean' } });
  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100_000)
    throw new Exit(2, '--limit must be a whole number from 1 to 100000');
  const store = new Store(config.dataDir);
  try {
    const rows = store.history(limit);
    const delivery = deliveryStatuses(new DeliveryStore(store), rows, outboxDir(config));
    const transport = {
      name: config.resend ? ('resend' as const) : ('outbox' as const),
      endpoint: config.resend?.baseUrl ?? null,
    };
    // The reason as this configuration sees it (a row of another transport says so).
    const reason = (row: SendRow) =>
      rowReason(row, {
        now: Date.now(),
        transport,
        owner: { pid: process.pid, host: hostname(), token: '' },
      });
    if (values.json === true)
      out(
        JSON.stringify(
          rows.map((row) => ({
            ...row,
            reason: reason(row) ?? null,
            delivery: delivery.get(row.id) ?? null,
          })),
          null,
          2,
        ),
      );
    else if (rows.length === 0) out('Nothing sent yet.');
    else for (const row of rows) out(describe(row, reason(row), delivery.get(row.id)));
  } finally {
    store.close();
  }
  return 0;
}

const commands: Record<string, (argv: string[], config: Config) => number | Promise<number>> = {
  serve: oneServer(serve),
  users,
  preview,
  send,
  batch,
  history,
  sync: (argv, config) => syncCommand(argv, config, { out, err, log }),
  backup: (argv, config) => backupCommand(argv, config, { out, err }),
  restore: (argv, config) => restoreCommand(argv, config, { out, err }),
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
    if (error instanceof Exit) {
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
