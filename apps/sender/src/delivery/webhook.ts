import { Hono } from 'hono';
import { Resend } from 'resend';
import { PayloadError, webhookEvent } from './events.js';
import type { DeliveryEvent, DeliveryStore } from './store.js';

export interface WebhookOptions {
  deliveries: DeliveryStore;
  /** RESEND_WEBHOOK_SECRET (`whsec_…`); without it every delivery is refused, nothing stored. */
  secret: string | undefined;
  log?: (line: string) => void;
}

const SIGNATURE_HEADERS = ['svix-id', 'svix-timestamp', 'svix-signature'] as const;

/**
 * `POST /resend` (mounted at /webhooks): Resend's delivery events. No session:
 * Resend calls it. The Standard Webhooks signature (svix-* headers over the
 * raw body, timestamp within 5 minutes) is the only way in, checked by the
 * official SDK's `webhooks.verify`.
 */
export function webhookRoutes(options: WebhookOptions): Hono {
  const log = options.log ?? (() => undefined);
  // verify() never calls the API, but the SDK's constructor insists on some key.
  const verifier = new Resend('re_unused_webhook_verification_only');
  const app = new Hono();

  app.post('/resend', async (c) => {
    if (options.secret === undefined) {
      log('webhook refused: RESEND_WEBHOOK_SECRET is not set');
      return c.json(
        {
          error:
            'webhook receiver not configured: set RESEND_WEBHOOK_SECRET to the signing secret of this endpoint in Resend (Webhooks → the endpoint → Signing secret). Nothing was stored.',
        },
        503,
      );
    }
    const missing = SIGNATURE_HEADERS.filter((h) => (c.req.header(h) ?? '') === '');
    if (missing.length > 0)
      return c.json(
        { error: `unsigned request: missing ${missing.join(', ')}. Nothing was stored.` },
        400,
      );
    const id = c.req.header('svix-id') ?? '';
    const raw = await c.req.text();
    let body: unknown;
    try {
      body = verifier.webhooks.verify({
        payload: raw,
        headers: {
          id,
          timestamp: c.req.header('svix-timestamp') ?? '',
          signature: c.req.header('svix-signature') ?? '',
        },
        webhookSecret: options.secret,
      });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      if (error instanceof SyntaxError)
        return c.json({ error: `body: not JSON (${reason}). Nothing was stored.` }, 400);
      // A wrong or stale signature: say which check failed, never what was expected.
      log(`webhook refused (${id.slice(0, 64)}): ${reason}`);
      return c.json({ error: `signature refused: ${reason}. Nothing was stored.` }, 401);
    }
    let event: DeliveryEvent;
    try {
      event = webhookEvent(id, body, raw);
    } catch (error) {
      if (!(error instanceof PayloadError)) throw error;
      log(`webhook ${id} refused: ${error.message}`);
      return c.json({ error: `payload: ${error.message}. Nothing was stored.` }, 400);
    }
    const result = await options.deliveries.record(event);
    if (!result.stored) return c.json({ ok: true, duplicate: true });
    if (event.emailId !== null && !result.knownSend)
      log(`webhook ${event.type} for unknown email id ${event.emailId}: kept`);
    return c.json({
      ok: true,
      ...(result.latest ? { state: result.latest.state } : {}),
    });
  });

  return app;
}
