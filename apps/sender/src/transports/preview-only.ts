import type { Config } from '../config.js';
import type { Transport } from './types.js';

/**
 * What `csp-sender preview` names as its transport without building it: a preview never
 * reaches the provider (no Resend client, no start-up domain check), it only says whether
 * the configured transport would refuse a placeholder link.
 */
export function previewOnlyTransport(config: Config): Transport {
  const refuse = (): Promise<never> =>
    Promise.reject(
      new Error('a preview never sends: this transport only describes the configured one'),
    );
  return {
    name: config.resend ? 'resend' : 'outbox',
    endpoint: config.resend?.baseUrl ?? null,
    // As the real ones: the outbox takes placeholders, Resend only with the test switch.
    acceptsPlaceholders: config.resend ? config.allowPlaceholders : true,
    maxBatchSize: 1,
    check: () => Promise.resolve(),
    send: refuse,
    sendBatch: refuse,
  };
}
