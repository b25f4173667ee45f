/**
 * Sweeps: one check per item (a page of a site, an email), a few at a time, each
 * item with its own deadline. A slower machine then only takes longer in all: no
 * item's budget shrinks because others came before it, and the test's own timeout
 * (sweepTimeoutMs) is derived from the item count, so it never fires before an
 * item's deadline does. A failure or a deadline names its item; every failure is
 * collected, so one run shows them all.
 *
 * Each concurrent check runs in a worker of its own (a browser page), opened once
 * and reused for the next items. After a failure the worker is closed and a new
 * one opened: a check that missed its deadline may still be running in it.
 *
 * Erasable TypeScript only: the root scripts may import this file on Node 24 directly.
 */

/** What a check is told while it runs. */
export interface SweepProgress {
  /** Names what the check is doing now (`loading`, `axe`), for the deadline's message. */
  step: (name: string) => void;
  /** Aborted when the item's deadline passes: a check that can stop early should. */
  signal: AbortSignal;
}

export interface SweepOptions<Worker> {
  /** How many items are checked at once, each in its own worker. */
  concurrency: number;
  /** Each item's own deadline, opening its worker included. */
  itemTimeoutMs: number;
  /** Opens a worker (a browser page, with its context). */
  open: () => Promise<Worker>;
  /** Closes a worker: after one of its checks failed, and at the end. */
  close: (worker: Worker) => Promise<void>;
  check: (worker: Worker, item: string, progress: SweepProgress) => Promise<void>;
}

export interface SweepResult {
  /** Every item, in the order its check ended, and how long it took (ms). */
  visited: { item: string; ms: number }[];
  /** One line per failure, `item: what went wrong`, in the items' order; empty when all passed. */
  failures: string[];
}

/**
 * A test's timeout for a sweep of `items` items: every item's full deadline one after
 * another (as with one worker), one more for closing the workers, and `setupMs` for
 * what the test does besides. Per item, never divided by the concurrency: the
 * sweep's own per-item deadlines always fire first, naming the item.
 */
export function sweepTimeoutMs(items: number, itemTimeoutMs: number, setupMs = 0): number {
  return (items + 1) * itemTimeoutMs + setupMs;
}

/** A step that ran out of its own time (its message names the step). */
export class DeadlineError extends Error {}

/**
 * Resolves or rejects as `work` does, or rejects with `message()` after `ms`: a time
 * budget per step (a page, a batch) that names the step, not one for the whole test.
 */
export async function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  message: () => string,
  controller?: AbortController,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller?.abort();
      reject(new DeadlineError(message()));
    }, ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
    // What was left running past its deadline may still fail: nobody waits for it.
    work.catch(() => undefined);
  }
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`;

const firstLine = (error: unknown): string =>
  (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';

/** Checks every item, at most `concurrency` at once; resolves when all are done. */
export async function sweep<Worker>(
  items: readonly string[],
  options: SweepOptions<Worker>,
): Promise<SweepResult> {
  const { concurrency, itemTimeoutMs, open, close, check } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1)
    throw new Error(`sweep concurrency must be a positive integer, not ${String(concurrency)}`);
  const visited: SweepResult['visited'] = [];
  const failed = new Map<string, string>();
  const closing: Promise<void>[] = [];
  const live = new Set<Worker>();
  let next = 0;

  const retire = (worker: Worker): void => {
    live.delete(worker);
    closing.push(close(worker).catch(() => undefined));
  };

  async function lane(): Promise<void> {
    let worker: Worker | undefined;
    for (let index = next++; index < items.length; index = next++) {
      const item = items[index] ?? '';
      const started = performance.now();
      let step = 'opening';
      let inUse = worker;
      const controller = new AbortController();
      const progress: SweepProgress = {
        step: (name) => {
          step = name;
        },
        signal: controller.signal,
      };
      const run = async (): Promise<void> => {
        if (inUse === undefined) {
          const opened = await open();
          // Opened after the deadline: nobody will use it.
          if (controller.signal.aborted) {
            retire(opened);
            return;
          }
          live.add(opened);
          inUse = opened;
        }
        step = 'checking';
        await check(inUse, item, progress);
      };
      try {
        await withDeadline(
          run(),
          itemTimeoutMs,
          () => `still ${step} after ${seconds(itemTimeoutMs)}`,
          controller,
        );
        worker = inUse;
      } catch (error) {
        failed.set(item, error instanceof DeadlineError ? error.message : firstLine(error));
        // The worker may still be busy with this item: the next item gets a new one.
        if (inUse !== undefined) retire(inUse);
        worker = undefined;
      }
      visited.push({ item, ms: Math.round(performance.now() - started) });
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
  for (const worker of live) retire(worker);
  const failures = items.filter((item) => failed.has(item)).map((i) => `${i}: ${failed.get(i)}`);
  try {
    await withDeadline(
      Promise.all(closing),
      itemTimeoutMs,
      () => `closing the workers: still not done after ${seconds(itemTimeoutMs)}`,
    );
  } catch (error) {
    failures.push(firstLine(error));
  }
  return { visited, failures };
}
