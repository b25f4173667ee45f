import type { FC } from 'hono/jsx';
import { describeDelivery, type DeliveryStatus } from './status.js';

const LABELS: Record<string, string> = {
  sent: 'sent, no delivery news yet',
  delivery_delayed: 'delivery delayed',
  delivered: 'delivered',
  bounced: 'bounced',
  failed: 'failed at the provider',
  suppressed: 'suppressed',
  complained: 'marked as spam (complained)',
};

/**
 * The delivery state on a send's page: a badge, then the reason. An outbox send names no
 * file (a server path); admins get a download link instead (src/history/routes.tsx).
 */
export const DeliveryBadge: FC<{ status: DeliveryStatus | undefined }> = ({ status }) => {
  if (status === undefined) return null;
  if (status.kind === 'outbox')
    return (
      <span class="delivery-info">
        <span class="delivery delivery-outbox" data-delivery="written to outbox">
          written to outbox
        </span>
      </span>
    );
  const why = describeDelivery(status).slice(status.state.length).trim();
  return (
    <span class="delivery-info">
      <span class={`delivery delivery-${status.state}`} data-delivery={status.state}>
        {LABELS[status.state] ?? status.state}
      </span>
      {why !== '' && (
        <>
          {' '}
          <span class="hint">{why.replace(/^\(|\)$/g, '')}</span>
        </>
      )}
      {status.at !== null && (
        <>
          {' '}
          <span class="hint nowrap">{status.at.replace('T', ' ').slice(0, 19)} UTC</span>
        </>
      )}
    </span>
  );
};
