/**
 * Batches in the web UI, on the CLI's core (planBatch / runBatch): upload → plan
 * (every bad line named) → OK → a progress page that refreshes itself → result.
 */
import { Hono, type Context } from 'hono';
import { InputError } from '../addresses.js';
import { BatchFileError, MappingNeededError, MAX_BATCH_ROWS } from './import.js';
import { startBatch } from './background.js';
import { planBatch } from './plan.js';
import { RefusedError, type Sender } from '../sending/sender.js';
import type { Env } from '../web/env.js';
import { MessagePage } from '../web/views.js';
import { bucketCounts } from '../history/query.js';
import { countriesFor } from '../prefs/countries.js';
import { Prefs } from '../prefs/store.js';
import type { ColumnChoice } from './import.js';
import { batchCounts, unsentRows } from './queue.js';
import { PendingUploads, type PendingUpload } from './pending.js';
import { PlanSkips } from './skips.js';
import { MappingPage } from './mapping-view.js';
import { BatchPage } from './batch-view.js';
import { PlanPage, UPLOAD_LIMIT_BYTES, UPLOAD_LIMIT_TEXT, UploadPage } from './views.js';

/** The one route that takes a file: its own body limit (the rest of the app keeps 64 KB). */
export const UPLOAD_PATH = '/batches/plan';
export const UPLOAD_FIELD = 'file';
/** Room for the form's other fields and the multipart framing around the file. */
export const UPLOAD_BODY_LIMIT = UPLOAD_LIMIT_BYTES + 16 * 1024;

const text = (form: Record<string, unknown>, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value : '';
};

export function batchRoutes(sender: Sender, log: (line: string) => void): Hono<Env> {
  const app = new Hono<Env>();
  // In the store: a plan shown by one instance is confirmed through any other.
  const pending = new PendingUploads(sender.store);
  const prefs = new Prefs(sender.store);

  const upload = async (
    c: Context<Env>,
    status: 200 | 400 | 413 | 422 | 503,
    extra: { error?: string; problems?: string[]; template?: string; country?: string } = {},
  ) =>
    c.html(
      <UploadPage
        user={c.get('user')}
        transport={sender.transport.name}
        maxRows={MAX_BATCH_ROWS}
        recent={await sender.store.batches.recentBatches()}
        countryList={countriesFor(c.req.header('accept-language'))}
        country={await prefs.lastCountry(c.get('session').userId)}
        {...extra}
      />,
      status,
    );

  app.get('/', (c) => upload(c, 200));

  app.post('/plan', async (c) => {
    const form = c.get('form');
    const template = text(form, 'template');
    const country = text(form, 'country');
    const keep = { template, country };
    const file = form[UPLOAD_FIELD];
    // A form sent with no file chosen carries an empty, unnamed part.
    if (!(file instanceof File) || (file.size === 0 && file.name === ''))
      return upload(c, 400, { ...keep, error: 'file: choose a CSV file to upload.' });
    if (file.size > UPLOAD_LIMIT_BYTES)
      return upload(c, 413, {
        ...keep,
        error: `file: ${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB; the limit is ${UPLOAD_LIMIT_TEXT}. Split it into smaller files.`,
      });
    // The bytes as uploaded: the one reader checks the encoding as the CLI does.
    const content = new Uint8Array(await file.arrayBuffer());
    const fileName = file.name.slice(0, 200) || 'upload.csv';
    // The next form starts from this country (a code outside the registry is not kept).
    await prefs.setLastCountry(c.get('session').userId, country);
    return showPlan(c, { fileName, content, template, country });
  });

  /** The plan page for an upload; the mapping step when its columns must be chosen. */
  const showPlan = async (
    c: Context<Env>,
    item: Pick<PendingUpload, 'fileName' | 'content' | 'template' | 'country' | 'columns'>,
  ) => {
    const { fileName, content, template, country } = item;
    const keep = { template, country };
    const session = c.get('session');
    const full = {
      userId: session.userId,
      fileName,
      content,
      template,
      country,
      ...(item.columns === undefined ? {} : { columns: item.columns }),
    };
    const busy = () =>
      upload(c, 503, {
        ...keep,
        error:
          'file: the server is holding as many plans waiting for OK as it keeps, each another user’s only one. Nothing was queued; upload the file again in a few minutes.',
      });
    try {
      const plan = await planBatch(sender, {
        file: fileName,
        content,
        template,
        country,
        columns: item.columns,
        createdBy: session.email,
      });
      // The same file, every row of it sent before: said so, and nothing to confirm (no plan kept).
      const before = plan.previous && (await batchCounts(sender.store, plan.previous.id));
      const finished =
        before !== undefined &&
        before.open === 0 &&
        before.sent === before.total &&
        plan.alreadySent >= plan.scan.valid;
      const token = finished ? '' : await pending.add(full);
      if (token === undefined) return await busy();
      return await c.html(
        <PlanPage
          user={c.get('user')}
          token={token}
          fileName={fileName}
          subject={plan.draft.email.subject}
          templateId={plan.draft.email.templateId}
          country={plan.draft.email.country}
          lines={plan.lines}
          valid={plan.scan.valid}
          skipped={plan.scan.skipped}
          skippedLines={plan.scan.skippedLines}
          unused={plan.scan.unused}
          countries={[...plan.scan.countries].map(([code, { rows }]) => ({ code, rows }))}
          previous={plan.previous}
          alreadySent={plan.alreadySent}
          finished={finished}
          placeholder={[...plan.drafts.values()].some((d) => d.placeholder)}
          transport={sender.transport.name}
          skips={<PlanSkips duplicates={plan.duplicates} suppressed={plan.suppressed} />}
        />,
      );
    } catch (error) {
      if (error instanceof MappingNeededError) {
        const token = await pending.add(full);
        if (token === undefined) return await busy();
        return await c.html(
          <MappingPage
            user={c.get('user')}
            token={token}
            fileName={fileName}
            header={error.header}
            guess={error.guess}
            problems={error.problems}
          />,
          400,
        );
      }
      if (error instanceof BatchFileError)
        return upload(c, 400, {
          ...keep,
          error: `${fileName}: ${error.problems.length} problem${error.problems.length === 1 ? '' : 's'}; nothing was queued.`,
          problems: error.problems.slice(0, 200),
        });
      if (error instanceof InputError) return upload(c, 400, { ...keep, error: error.message });
      if (error instanceof RefusedError) return upload(c, 422, { ...keep, error: error.message });
      throw error;
    }
  };

  // The mapping step: the user's choice of columns, then the plan as for an upload.
  app.post('/map', async (c) => {
    const form = c.get('form');
    const item = await pending.take(text(form, 'plan'), c.get('session').userId);
    if (!item)
      return upload(c, 400, {
        error:
          'plan: this upload is unknown or expired (kept for an hour, used once). Upload the file again.',
      });
    const columns: ColumnChoice = {
      to: text(form, 'to').slice(0, 200),
      cc: text(form, 'cc').slice(0, 200),
      country: text(form, 'country').slice(0, 200),
    };
    return showPlan(c, { ...item, columns });
  });

  app.post('/run', async (c) => {
    const form = c.get('form');
    const session = c.get('session');
    // Suppressed lines go only with an explicit override and its reason (recorded by runBatch).
    const include = text(form, 'include_suppressed') === 'yes';
    const reason = text(form, 'suppressed_reason').trim();
    if (include && reason === '')
      return upload(c, 400, {
        error:
          'suppressed_reason: “Send anyway” needs a reason; go back, give one, and press OK again. Nothing was queued.',
      });
    const item = await pending.take(text(form, 'plan'), session.userId);
    if (!item)
      return upload(c, 400, {
        error:
          'plan: this plan is unknown or expired (plans are kept for an hour, and used once). Upload the file again: rows already sent are not sent twice.',
      });
    if (sender.stopping)
      return c.html(
        <MessagePage
          title="Not sent"
          message="The sender is shutting down: nothing was queued. Upload the file again in a moment."
          user={c.get('user')}
        />,
        503,
      );
    // Known once runBatch has created (or found) it; the run goes on in the background.
    const started = startBatch(
      sender,
      {
        file: item.fileName,
        content: item.content,
        template: item.template,
        country: item.country,
        columns: item.columns,
        createdBy: session.email,
        ...(include ? { includeSuppressed: { reason } } : {}),
      },
      log,
    );
    try {
      const batch = await started;
      return c.redirect(`/batches/${batch.id}`, 303);
    } catch (error) {
      if (error instanceof BatchFileError)
        return upload(c, 400, { error: error.message, problems: error.problems });
      if (error instanceof InputError || error instanceof RefusedError)
        return upload(c, 422, { error: error.message });
      throw error;
    }
  });

  app.get('/:id', async (c) => {
    const batch = await sender.store.batches.getBatch(c.req.param('id'));
    if (!batch)
      return c.html(
        <MessagePage
          title="Not found"
          message={`id: there is no batch ${c.req.param('id').slice(0, 80)}.`}
          user={c.get('user')}
        />,
        404,
      );
    // Counts and the first 500 rows not sent: a 100,000-row batch is never loaded whole.
    const counts = await batchCounts(sender.store, batch.id);
    const rows = await unsentRows(sender.store, batch.id, 500);
    const reasons = new Map<number, string>();
    for (const row of rows) {
      const why = sender.reason(row);
      if (why !== undefined) reasons.set(row.id, why);
    }
    return c.html(
      <BatchPage
        user={c.get('user')}
        batch={batch}
        counts={counts}
        buckets={await bucketCounts(sender.store, { batch: batch.id })}
        unsent={rows}
        reasons={reasons}
        runs={await sender.store.runs.alive(batch.id, sender.leaseMs)}
      />,
    );
  });

  return app;
}
