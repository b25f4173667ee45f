import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Hono } from 'hono';
import {
  composeForm,
  prepareDraft,
  suppressedIn,
  valuesFrom,
  type Drafting,
} from '../compose/routes.js';
import { deliveryStatuses } from '../delivery/status.js';
import type { DeliveryStore } from '../delivery/store.js';
import { SuppressionOverride, suppressionGate } from '../delivery/suppression-routes.js';
import type { Env } from '../web/env.js';
import { MessagePage } from '../web/views.js';
import { ConfirmPage, ResultPage } from './views.js';

export interface SendingRoutesOptions extends Drafting {
  deliveries: DeliveryStore;
  /** The outbox folder (outbox transport only): its delivery events. */
  outboxDir: string | undefined;
  /** How long POST /send waits for the provider before showing the (self-refreshing) result page. */
  sendWaitMs: number | undefined;
  log: (line: string) => void;
}

/** POST /confirm, POST /send and the result page GET /sends/:id. */
export function sendingRoutes(options: SendingRoutesOptions): Hono<Env> {
  const { sender, suppressions, prefs, deliveries, outboxDir, log } = options;
  const app = new Hono<Env>();

  app.post('/confirm', async (c) => {
    const { values, draft, response } = await prepareDraft(sender, c);
    if (!draft) return response;
    // The next compose starts from this country: remembered when the user goes on to
    // confirm, not at each preview (a write per preview cost the preview 10× its speed).
    await prefs.setLastCountry(c.get('session').userId, draft.email.country);
    // One token per confirmation: a double-clicked OK or a re-posted form finds the same send.
    const request = randomBytes(18).toString('base64url');
    return c.html(
      <ConfirmPage
        user={c.get('user')}
        values={values}
        email={draft.email}
        to={draft.to}
        cc={draft.cc}
        request={request}
        placeholder={draft.placeholder}
        transport={sender.transport.name}
        from={draft.from}
        suppression={<SuppressionOverride entries={await suppressedIn(suppressions, draft)} />}
      />,
    );
  });

  app.post('/send', async (c) => {
    const body = c.get('form');
    const request = typeof body.request === 'string' ? body.request : '';
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(request)) {
      return composeForm(
        sender,
        c,
        valuesFrom(body),
        400,
        'request: the confirmation token is missing; preview and confirm again.',
      );
    }
    const { draft, response } = await prepareDraft(sender, c);
    if (!draft) return response;
    if (sender.stopping)
      return c.html(
        <MessagePage
          title="Not sent"
          message="The sender is shutting down: nothing was queued. Try again in a moment."
          user={c.get('user')}
        />,
        503,
      );
    const session = c.get('session');
    // A bounced or complaining address is sent to only with an explicit, recorded override.
    const suppressed = await suppressionGate(
      sender.store,
      [...draft.to, ...draft.cc],
      body,
      session.email,
    );
    if (suppressed !== undefined) return composeForm(sender, c, valuesFrom(body), 409, suppressed);
    const { row, existing } = await sender.queue(draft, {
      requestKey: `web:${session.userId}:${request}`,
      createdBy: session.email,
    });
    if (!existing) {
      log(`send #${row.id} queued by ${session.email}: ${row.templateId}/${row.country}`);
      const delivery = sender.deliver(row.id).catch((error: unknown) => {
        log(`send #${row.id}: ${error instanceof Error ? error.message : String(error)}`);
      });
      // An unref'd timer: a stopping process does not linger for it.
      await Promise.race([
        delivery,
        sleep(options.sendWaitMs ?? 15_000, undefined, { ref: false }),
      ]);
    }
    return c.redirect(`/sends/${row.id}`, 303);
  });

  app.get('/sends/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const row = Number.isSafeInteger(id) ? await sender.store.sends.getSend(id) : undefined;
    if (!row)
      return c.html(
        <MessagePage
          title="Not found"
          message={`id: there is no send #${c.req.param('id')}.`}
          user={c.get('user')}
        />,
        404,
      );
    return c.html(
      <ResultPage
        user={c.get('user')}
        row={row}
        reason={sender.reason(row)}
        delivery={(await deliveryStatuses(deliveries, [row], outboxDir)).get(row.id)}
      />,
    );
  });

  return app;
}
