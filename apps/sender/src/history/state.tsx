/**
 * A send's state as people read it: one word with a colour (the send's state, or the
 * provider's news once there is some), and the picture of many sends' states.
 */
import type { FC } from 'hono/jsx';
import type { DeliveryStatus } from '../delivery/status.js';
import type { SendRow } from '../store.js';
import { BUCKETS, type Bucket, type BucketCounts } from './query.js';

export type Tone = 'ok' | 'info' | 'warn' | 'err';

export interface ShownState {
  word: string;
  tone: Tone;
  /** The provider's state (`delivered`, ...) or `written to outbox`: what tests and tools read. */
  delivery?: string;
}

const DELIVERY: Record<string, ShownState> = {
  sent: { word: 'Sent', tone: 'info' },
  delivery_delayed: { word: 'Delayed', tone: 'warn' },
  delivered: { word: 'Delivered', tone: 'ok' },
  bounced: { word: 'Bounced', tone: 'err' },
  failed: { word: 'Failed', tone: 'err' },
  suppressed: { word: 'Suppressed', tone: 'err' },
  complained: { word: 'Marked as spam', tone: 'err' },
};

const SEND: Record<string, ShownState> = {
  queued: { word: 'Queued', tone: 'info' },
  sending: { word: 'Sending', tone: 'info' },
  sent: { word: 'Sent', tone: 'info' },
  failed: { word: 'Failed', tone: 'err' },
  uncertain: { word: 'Uncertain', tone: 'warn' },
};

export const sendStateWord = (state: string): ShownState =>
  SEND[state] ?? { word: state, tone: 'info' };

export function shownState(row: SendRow, delivery: DeliveryStatus | undefined): ShownState {
  if (delivery?.kind === 'outbox')
    return { word: 'Written to outbox', tone: 'ok', delivery: 'written to outbox' };
  if (delivery?.kind === 'provider') {
    const shown = DELIVERY[delivery.state] ?? { word: delivery.state, tone: 'info' };
    return { ...shown, delivery: delivery.state };
  }
  return sendStateWord(row.state);
}

export const StateWord: FC<{ shown: ShownState; state: string }> = ({ shown, state }) => (
  <span class={`state tone-${shown.tone}`} data-send-state={state} data-delivery={shown.delivery}>
    {shown.word}
  </span>
);

const BUCKET_WORD: Record<Bucket, string> = {
  waiting: 'waiting',
  sent: 'sent',
  delivered: 'delivered',
  bounced: 'bounced',
  failed: 'failed',
  uncertain: 'uncertain',
};

/**
 * Whole percents that add up to 100 (largest remainders), every non-zero count at least 1:
 * the widths are classes (`w0`..`w100`) because the CSP allows no style attributes.
 */
export function percents(counts: readonly number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total === 0) return counts.map(() => 0);
  const exact = counts.map((n) => (n * 100) / total);
  const out = counts.map((n, i) => (n > 0 ? Math.max(1, Math.floor(exact[i] ?? 0)) : 0));
  const byRest = counts
    .map((_, i) => i)
    .filter((i) => (counts[i] ?? 0) > 0)
    .sort((a, b) => ((exact[b] ?? 0) % 1) - ((exact[a] ?? 0) % 1));
  let sum = out.reduce((a, b) => a + b, 0);
  // Short of 100: the largest remainders get one more each.
  for (const i of byRest) {
    if (sum >= 100) break;
    out[i] = (out[i] ?? 0) + 1;
    sum++;
  }
  // Over 100 (tiny counts raised to 1): the widest segment gives it back.
  while (sum > 100) {
    const widest = out.indexOf(Math.max(...out));
    out[widest] = (out[widest] ?? 0) - 1;
    sum--;
  }
  return out;
}

/**
 * One stacked bar of the states (drawn by CSS, hidden from screen readers) and the same
 * counts as a list of words and numbers, which screen readers read.
 */
export const StateBar: FC<{ counts: BucketCounts; id?: string }> = ({ counts, id }) => {
  const shown = BUCKETS.filter((b) => b !== 'waiting' || counts.waiting > 0);
  const widths = percents(shown.map((b) => counts[b]));
  const total = shown.reduce((a, b) => a + counts[b], 0);
  return (
    <figure class="state-bar" id={id}>
      <div class="bar" aria-hidden="true">
        {shown.map((b, i) =>
          counts[b] === 0 ? null : <span class={`seg seg-${b} w${widths[i] ?? 0}`} />,
        )}
      </div>
      <figcaption>
        <ul class="legend" aria-label={`States of ${total} email${total === 1 ? '' : 's'}`}>
          {shown.map((b) => (
            <li>
              <span class={`key seg-${b}`} aria-hidden="true" />
              {BUCKET_WORD[b]} <strong data-bucket={b}>{counts[b]}</strong>
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
};
