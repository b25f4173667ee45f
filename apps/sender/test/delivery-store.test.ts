import { describe, expect, it } from 'vitest';
import { supersedes, type DeliveryState } from '../src/delivery/states.js';
import { DeliveryStore, type DeliveryEvent } from '../src/delivery/store.js';
import { describeStores } from './stores.js';

let n = 0;
const event = (
  emailId: string,
  state: DeliveryState,
  occurredAt: string,
  extra: Partial<DeliveryEvent> = {},
): DeliveryEvent => ({
  key: `msg_${++n}`,
  source: 'webhook',
  type: `email.${state}`,
  emailId,
  occurredAt,
  payload: '{}',
  state,
  ...extra,
});

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('delivery state precedence', () => {
  it('is explicit: delayed < delivered < bounced/failed/suppressed < complained', () => {
    const at = '2026-01-01T00:00:00.000Z';
    const fact = (state: DeliveryState) => ({ state, occurredAt: at });
    expect(supersedes(fact('delivered'), fact('delivery_delayed'))).toBe(true);
    expect(supersedes(fact('delivery_delayed'), fact('delivered'))).toBe(false);
    expect(supersedes(fact('bounced'), fact('delivered'))).toBe(true);
    expect(supersedes(fact('delivered'), fact('bounced'))).toBe(false);
    expect(supersedes(fact('complained'), fact('bounced'))).toBe(true);
    expect(supersedes(fact('sent'), fact('delivery_delayed'))).toBe(false);
    // Equal rank: the later event wins.
    expect(
      supersedes(
        { state: 'failed', occurredAt: '2026-01-01T00:00:05.000Z' },
        { state: 'bounced', occurredAt: at },
      ),
    ).toBe(true);
  });
});

describeStores('delivery states in the store', (s) => {
  const open = (): DeliveryStore => new DeliveryStore(s.store);

  it('delivered arriving after bounced leaves the email bounced, with the bounce details', async () => {
    const d = open();
    await d.record(
      event('em_1', 'bounced', '2026-01-01T10:00:05.000Z', {
        kind: 'Permanent / General',
        reason: 'mailbox does not exist',
      }),
    );
    const late = await d.record(event('em_1', 'delivered', '2026-01-01T10:00:01.000Z'));
    expect(late).toMatchObject({ stored: true, changed: false });
    expect(await d.get('em_1')).toMatchObject({
      state: 'bounced',
      kind: 'Permanent / General',
      reason: 'mailbox does not exist',
    });
    expect(await d.countEvents('em_1')).toBe(2);
  });

  it('ends in the same state whatever order the events arrive in', async () => {
    const events = [
      ['sent', '2026-01-01T10:00:00.000Z'],
      ['delivery_delayed', '2026-01-01T10:01:00.000Z'],
      ['delivered', '2026-01-01T10:02:00.000Z'],
      ['bounced', '2026-01-01T10:03:00.000Z'],
    ] as const;
    const finals = new Set<string>();
    const d = open();
    for (const [i, order] of permutations([...events]).entries()) {
      for (const [state, at] of order) await d.record(event(`em_p${i}`, state, at));
      finals.add((await d.get(`em_p${i}`))?.state ?? 'none');
    }
    expect([...finals]).toEqual(['bounced']);
  });

  it('takes a late webhook’s bounce details when sync already recorded the bounce without them', async () => {
    const d = open();
    await d.record(
      event('em_3', 'bounced', '2026-01-01T12:00:00.000Z', {
        source: 'sync',
        key: 'sync:em_3:bounced',
      }),
    );
    expect(await d.get('em_3')).toMatchObject({ state: 'bounced', reason: null });
    const late = await d.record(
      event('em_3', 'bounced', '2026-01-01T10:00:00.000Z', {
        kind: 'Permanent / General',
        reason: 'mailbox does not exist',
      }),
    );
    expect(late.changed).toBe(true);
    expect(await d.get('em_3')).toMatchObject({
      state: 'bounced',
      kind: 'Permanent / General',
      reason: 'mailbox does not exist',
    });
  });

  it('stores an event key once: a replay changes nothing', async () => {
    const d = open();
    const first = event('em_2', 'delivered', '2026-01-01T10:00:00.000Z');
    expect(await d.record(first)).toMatchObject({ stored: true, changed: true });
    expect(await d.record(first)).toMatchObject({ stored: false, changed: false });
    // Even a replay that carries another state (a forged replay) is not applied.
    expect(await d.record({ ...first, state: 'complained' })).toMatchObject({ stored: false });
    expect(await d.countEvents('em_2')).toBe(1);
    expect((await d.get('em_2'))?.state).toBe('delivered');
  });

  it('keeps events for email ids no send carries, and says so', async () => {
    const d = open();
    const result = await d.record(event('em_unknown', 'delivered', '2026-01-01T10:00:00.000Z'));
    expect(result).toMatchObject({ stored: true, knownSend: false });
    expect((await d.get('em_unknown'))?.state).toBe('delivered');
  });
});
