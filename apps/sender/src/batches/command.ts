import { createReadStream, statSync } from 'node:fs';
import { SingleBar } from 'cli-progress';
import { displayRecipients } from '../addresses.js';
import {
  actor,
  args,
  confirm,
  Exit,
  replyToFlag,
  required,
  resumeFirst,
  withRuntime,
} from '../command.js';
import type { Config } from '../config.js';
import { err, out } from '../log.js';
import { describeResend, expiredUncertain } from '../sending/uncertain.js';
import { BatchFileError, MAX_BATCH_BYTES, readBatch, type ColumnChoice } from './import.js';
import { planBatch } from './plan.js';
import { runBatch } from './run.js';

/**
 * `csp-sender batch FILE.csv --template T --country C [...]`: checks every flag and
 * the file first, then runs the batch (batches/run.ts) with a progress bar.
 */
export async function batchCommand(argv: string[], config: Config): Promise<number> {
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
        const rows = await expiredUncertain(runtime.sender.store, plan.hash, runtime.sender.now());
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
