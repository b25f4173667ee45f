import { basename } from 'node:path';
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
 * The delivery state in history and on a send's page: a badge, then the reason or the file
 * (`compact`: the file's name only, for the history table).
 */
export const DeliveryBadge: FC<{ status: DeliveryStatus | undefined; compact?: boolean }> = ({
  status,
  compact,
}) => {
  if (status === undefined) return null;
  if (status.kind === 'outbox')
    return (
      <span class="delivery-info">
        <span class="delivery delivery-outbox" data-delivery="written to outbox">
          written to outbox
        </span>{' '}
        <span class="mono">{compact === true ? basename(status.file) : status.file}</span>
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
