import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { sweep, sweepTimeoutMs, type SweepOptions } from '../src/sweep.js';

/** A worker as the tests see it: which one it is, and whether it was closed. */
interface FakeWorker {
  id: number;
  closed: boolean;
}

/** Options with workers that count themselves; `check` is the test's. */
function fakeWorkers(check: SweepOptions<FakeWorker>['check']): {
  options: SweepOptions<FakeWorker>;
  workers: FakeWorker[];
} {
  const workers: FakeWorker[] = [];
  return {
    workers,
    options: {
      concurrency: 3,
      itemTimeoutMs: 5_000,
      open: () => {
        const worker = { id: workers.length, closed: false };
        workers.push(worker);
        return Promise.resolve(worker);
      },
      close: (worker) => {
        worker.closed = true;
        return Promise.resolve();
      },
      check,
    },
  };
}

const paths = (count: number): string[] => Array.from({ length: count }, (_, i) => `/page-${i}/`);

describe('sweeps', () => {
  it('visits every item once, at most `concurrency` at a time, in reused workers', async () => {
    const items = paths(20);
    let running = 0;
    let mostAtOnce = 0;
    const checked: string[] = [];
    const { options, workers } = fakeWorkers(async (_worker, item) => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await sleep(5 + (item.length % 3) * 5);
      checked.push(item);
      running--;
    });
    const result = await sweep(items, options);
    expect(result.failures).toEqual([]);
    expect(mostAtOnce).toBe(3);
    expect(checked.toSorted()).toEqual(items.toSorted());
    expect(result.visited.map((v) => v.item).toSorted()).toEqual(items.toSorted());
    // One worker per lane, all closed at the end.
    expect(workers).toHaveLength(3);
    expect(workers.every((w) => w.closed)).toBe(true);
  });

  it('names the item and what it was doing when its own deadline passes', async () => {
    let aborted = false;
    const { options } = fakeWorkers(async (_worker, item, progress) => {
      progress.step('loading');
      await sleep(5);
      if (item !== '/de/troubleshooting/') return;
      progress.step('running axe');
      progress.signal.addEventListener('abort', () => {
        aborted = true;
      });
      await sleep(10_000, undefined, { signal: progress.signal }).catch(() => undefined);
    });
    const started = performance.now();
    const result = await sweep(['/', '/de/troubleshooting/', '/de/'], {
      ...options,
      itemTimeoutMs: 200,
    });
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(result.failures).toEqual(['/de/troubleshooting/: still running axe after 0.2 s']);
    expect(aborted).toBe(true);
  });

  it('gives each item the whole deadline, however many came before it', async () => {
    // 12 items of 60 ms each in one lane take 720 ms: far past one deadline, none missed.
    const { options } = fakeWorkers(() => sleep(60));
    const result = await sweep(paths(12), { ...options, concurrency: 1, itemTimeoutMs: 300 });
    expect(result.failures).toEqual([]);
    expect(result.visited).toHaveLength(12);
  });

  it('collects every failure with its item, and checks the rest in new workers', async () => {
    const items = paths(10);
    const checkedBy = new Map<FakeWorker, string[]>();
    const { options, workers } = fakeWorkers(async (worker, item, progress) => {
      checkedBy.set(worker, [...(checkedBy.get(worker) ?? []), item]);
      if (item === '/page-2/') throw new Error('expected 404 to be 200\nwith a diff below');
      if (item === '/page-5/') throw new Error('no h1');
      if (item === '/page-7/') {
        progress.step('loading');
        await sleep(10_000, undefined, { signal: progress.signal }).catch(() => undefined);
      }
    });
    const result = await sweep(items, { ...options, itemTimeoutMs: 300 });
    expect(result.failures).toEqual([
      '/page-2/: expected 404 to be 200',
      '/page-5/: no h1',
      '/page-7/: still loading after 0.3 s',
    ]);
    expect(result.visited.map((v) => v.item).toSorted()).toEqual(items.toSorted());
    // A worker whose check failed checks nothing more; every worker is closed at the end.
    for (const checked of checkedBy.values()) {
      const failedAt = checked.findIndex((item) =>
        ['/page-2/', '/page-5/', '/page-7/'].includes(item),
      );
      if (failedAt >= 0) expect(checked.slice(failedAt + 1)).toEqual([]);
    }
    expect(workers.length).toBeGreaterThan(3);
    expect(workers.every((w) => w.closed)).toBe(true);
  });

  it('counts a worker that cannot be opened in time against the item', async () => {
    const { options } = fakeWorkers(() => Promise.resolve());
    const slowOpen: SweepOptions<FakeWorker>['open'] = async () => {
      await sleep(1_000);
      return { id: -1, closed: false };
    };
    const result = await sweep(['/a/'], { ...options, open: slowOpen, itemTimeoutMs: 100 });
    expect(result.failures).toEqual(['/a/: still opening after 0.1 s']);
  });

  it('refuses a concurrency that is not a positive integer', async () => {
    const { options } = fakeWorkers(() => Promise.resolve());
    await expect(sweep(['/'], { ...options, concurrency: 0 })).rejects.toThrow(/positive integer/);
  });

  it('derives the test timeout from the item count, not divided by the concurrency', () => {
    expect(sweepTimeoutMs(161, 30_000)).toBe(162 * 30_000);
    expect(sweepTimeoutMs(10, 1_000, 5_000)).toBe(16_000);
  });
});
