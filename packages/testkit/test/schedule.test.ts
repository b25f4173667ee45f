import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { chainRanks, runScheduled, type GraphTask } from '../src/schedule.js';

// The shape of `pnpm test`'s graph: the docs browser tests sit behind two builds.
const graph: GraphTask[] = [
  { id: 'templates#build', dependencies: [] },
  { id: 'docs#build', dependencies: ['templates#build'] },
  { id: 'docs#e2e', dependencies: ['docs#build'] },
  { id: 'docs#lint', dependencies: ['templates#build'] },
  { id: 'sender#lint', dependencies: ['templates#build'] },
  { id: 'testkit#lint', dependencies: [] },
  { id: 'testkit#test', dependencies: [] },
];
const seconds: Record<string, number> = {
  'templates#build': 2,
  'docs#build': 3,
  'docs#e2e': 10,
  'docs#lint': 2,
  'sender#lint': 2,
  'testkit#lint': 1,
  'testkit#test': 1,
};
const estimate = (id: string): number => seconds[id] ?? 1;

describe('chainRanks', () => {
  it('ranks a task by its own time plus the longest chain behind it', () => {
    const ranks = chainRanks(graph, estimate);
    expect(ranks.get('docs#e2e')).toBe(10);
    expect(ranks.get('docs#build')).toBe(13);
    expect(ranks.get('templates#build')).toBe(15);
    expect(ranks.get('testkit#lint')).toBe(1);
  });

  it('names an unknown dependency and a cycle', () => {
    expect(() => chainRanks([{ id: 'a', dependencies: ['b'] }], estimate)).toThrow(
      'task a depends on unknown task b',
    );
    expect(() =>
      chainRanks(
        [
          { id: 'a', dependencies: ['b'] },
          { id: 'b', dependencies: ['a'] },
        ],
        estimate,
      ),
    ).toThrow(/cycle through/);
  });
});

/** Runs the graph on a simulated clock: each task takes its estimate in ticks of 1 ms. */
async function simulate(failing: string[] = [], concurrency = 2) {
  const order: string[] = [];
  let active = 0;
  let most = 0;
  const records = await runScheduled(graph, {
    concurrency,
    estimate,
    run: async (id) => {
      order.push(id);
      active++;
      most = Math.max(most, active);
      await sleep(estimate(id) * 5);
      active--;
      return { ok: !failing.includes(id), cached: false };
    },
  });
  return { order, most, records };
}

describe('runScheduled', () => {
  it('starts the task that heads the longest chain first, dependencies before dependents', async () => {
    const { order, most, records } = await simulate();
    // templates#build heads the chain to the docs browser tests; then docs#build
    // goes before the lints that became ready with it.
    expect(order.slice(0, 2)).toEqual(['templates#build', 'testkit#lint']);
    expect(order.indexOf('docs#build')).toBeLessThan(order.indexOf('docs#lint'));
    expect(order.indexOf('docs#build')).toBeLessThan(order.indexOf('sender#lint'));
    expect(order.indexOf('docs#e2e')).toBeGreaterThan(order.indexOf('docs#build'));
    expect(most).toBe(2);
    expect(records.every((r) => r.state === 'passed')).toBe(true);
    expect(records.map((r) => r.id)).toEqual(graph.map((t) => t.id));
  });

  it('starts a background task as soon as it is ready, beside the tasks holding every slot', async () => {
    const started: string[] = [];
    let slotted = 0;
    let most = 0;
    await runScheduled(
      [
        { id: 'a', dependencies: [] },
        { id: 'b', dependencies: [] },
        { id: 'waits', dependencies: [] },
      ],
      {
        concurrency: 1,
        estimate: (id) => (id === 'waits' ? 1 : 10),
        background: (id) => id === 'waits',
        run: async (id) => {
          started.push(id);
          if (id !== 'waits') slotted++;
          most = Math.max(most, slotted);
          await sleep(20);
          if (id !== 'waits') slotted--;
          return { ok: true, cached: false };
        },
      },
    );
    // Ranked last, it still starts with the first task: it holds no slot.
    expect(started.slice(0, 2).sort()).toEqual(['a', 'waits']);
    expect(most).toBe(1);
  });

  it('never runs more than the concurrency at once', async () => {
    expect((await simulate([], 1)).most).toBe(1);
  });

  it('skips what depends on a failed task, naming it, and runs everything else', async () => {
    const { records } = await simulate(['docs#build']);
    const state = Object.fromEntries(records.map((r) => [r.id, r.state]));
    expect(state['docs#build']).toBe('failed');
    expect(records.find((r) => r.id === 'docs#e2e')).toMatchObject({
      state: 'skipped',
      reason: 'docs#build',
    });
    for (const id of ['docs#lint', 'sender#lint', 'testkit#lint', 'testkit#test'])
      expect(state[id]).toBe('passed');
  });

  it('counts a task that throws as failed', async () => {
    const records = await runScheduled([{ id: 'a', dependencies: [] }], {
      concurrency: 1,
      estimate,
      run: () => Promise.reject(new Error('spawn failed')),
    });
    expect(records[0]?.state).toBe('failed');
  });

  it('refuses a concurrency that is not a whole number ≥ 1', async () => {
    await expect(
      runScheduled(graph, {
        concurrency: 0,
        estimate,
        run: () => Promise.resolve({ ok: true, cached: false }),
      }),
    ).rejects.toThrow('concurrency must be a whole number ≥ 1, not 0');
  });
});
