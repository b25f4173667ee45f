/**
 * What happened to an email after the provider took it, and the one rule that
 * orders those facts: a send only ever moves forward, whatever order the
 * events arrive in.
 */

export const deliveryStates = [
  'sent',
  'delivery_delayed',
  'delivered',
  'bounced',
  'failed',
  'suppressed',
  'complained',
] as const;

export type DeliveryState = (typeof deliveryStates)[number];

/**
 * Precedence: a higher rank always wins over a lower one. `delivered` outranks
 * `delivery_delayed` (the delay resolved); a bounce, failure or suppression
 * outranks `delivered` (a late asynchronous bounce means it did not arrive); a
 * complaint outranks everything (the recipient got it and marked it as spam,
 * the one fact sales must see). Equal ranks are decided by the later event
 * time, then by this list's order, so the result never depends on arrival order.
 */
export const RANK: Record<DeliveryState, number> = {
  sent: 0,
  delivery_delayed: 1,
  delivered: 2,
  bounced: 3,
  failed: 3,
  suppressed: 3,
  complained: 4,
};

/** States after which `sync` stops asking the provider (webhooks still record a later complaint). */
export const FINAL_STATES: readonly DeliveryState[] = [
  'delivered',
  'bounced',
  'failed',
  'suppressed',
  'complained',
];

export const isFinal = (state: DeliveryState): boolean => FINAL_STATES.includes(state);

export interface StateFact {
  state: DeliveryState;
  /** ISO time the provider says it happened. */
  occurredAt: string;
}

/** Whether `incoming` replaces `current` as the send's latest state. */
export function supersedes(incoming: StateFact, current: StateFact | undefined): boolean {
  if (current === undefined) return true;
  const byRank = RANK[incoming.state] - RANK[current.state];
  if (byRank !== 0) return byRank > 0;
  const byTime = Date.parse(incoming.occurredAt) - Date.parse(current.occurredAt);
  if (byTime !== 0 && !Number.isNaN(byTime)) return byTime > 0;
  return deliveryStates.indexOf(incoming.state) > deliveryStates.indexOf(current.state);
}

/**
 * The state an event type (`email.delivered`) or a `last_event` value
 * (`delivered`) stands for; undefined when it says nothing about delivery.
 * An open or click proves the email arrived, so it counts as delivered.
 */
export function stateOf(eventType: string): DeliveryState | undefined {
  const name = eventType.startsWith('email.') ? eventType.slice('email.'.length) : eventType;
  switch (name) {
    case 'sent':
    case 'queued':
    case 'scheduled':
      return 'sent';
    case 'opened':
    case 'clicked':
      return 'delivered';
    case 'delivery_delayed':
    case 'delivered':
    case 'bounced':
    case 'failed':
    case 'suppressed':
    case 'complained':
      return name;
    default:
      return undefined;
  }
}
