/**
 * A list scheduler for `pnpm test`'s tasks. Turborepo starts whichever ready task it
 * meets first: on 2 cores the longest task (the docs browser tests) could start last
 * and run alone while the other core sat idle (issue 21: 894 idle core-seconds of
 * 3,586). Here the ready task with the longest chain of expected work still behind it
 * (its own estimate plus the longest path through its dependents) starts first, which
 * keeps every core busy until the end; turbo still runs, hashes and caches each task.
 *
 * Erasable TypeScript only: scripts/test.mjs imports this file on Node 24 directly.
 */

/** A task of the graph, as `turbo run … --dry=json` lists it. */
export interface GraphTask {
  id: string;
  dependencies: readonly string[];
}

export type TaskState = 'passed' | 'failed' | 'skipped';

export interface TaskRecord {
  id: string;
  state: TaskState;
  /** Epoch ms; for a skipped task, when it was skipped (start = end). */
  start: number;
  end: number;
  /** Whether the task's result came from the cache. */
  cached: boolean;
  /** Why a task was skipped: the dependency that failed. */
  reason?: string;
}

/**
 * Each task's rank: its own estimate plus the largest rank among the tasks that depend
 * on it (the expected seconds from its start to the end of the longest chain it heads).
 */
export function chainRanks(
  tasks: readonly GraphTask[],
  estimate: (id: string) => number,
): Map<string, number> {
  const ids = new Set(tasks.map((t) => t.id));
  const dependents = new Map<string, string[]>(tasks.map((t) => [t.id, []]));
  for (const task of tasks)
    for (const dep of task.dependencies) {
      if (!ids.has(dep)) throw new Error(`task ${task.id} depends on unknown task ${dep}`);
      dependents.get(dep)?.push(task.id);
    }
  const ranks = new Map<string, number>();
  const visiting = new Set<string>();
  const rank = (id: string): number => {
    const known = ranks.get(id);
    if (known !== undefined) return known;
    if (visiting.has(id)) throw new Error(`the task graph has a cycle through ${id}`);
    visiting.add(id);
    const after = Math.max(0, ...(dependents.get(id) ?? []).map(rank));
    visiting.delete(id);
    const value = estimate(id) + after;
    ranks.set(id, value);
    return value;
  };
  for (const task of tasks) rank(task.id);
  return ranks;
}

export interface ScheduleOptions {
  concurrency: number;
  /** Expected seconds of a task (a guess is fine; the order is all it decides). */
  estimate: (id: string) => number;
  /**
   * Tasks that mostly wait (on a rate-limited local server, on timers), not on a core: they
   * start as soon as they are ready and take no slot, so their waiting overlaps the others'
   * work instead of holding a core idle.
   */
  background?: (id: string) => boolean;
  /** Runs one task to its end; resolves whether it passed and came from the cache. */
  run: (id: string) => Promise<{ ok: boolean; cached: boolean }>;
  /** Told as each task ends or is skipped (for a line of progress). */
  onDone?: (record: TaskRecord) => void;
  now?: () => number;
}

/**
 * Runs every task once its dependencies passed, at most `concurrency` at a time, the
 * highest-ranked ready task first. A task whose dependency failed (or was skipped) is
 * skipped, naming that dependency; the other tasks still run (as `turbo --continue`).
 */
export async function runScheduled(
  tasks: readonly GraphTask[],
  options: ScheduleOptions,
): Promise<TaskRecord[]> {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1)
    throw new Error(`concurrency must be a whole number ≥ 1, not ${options.concurrency}`);
  const now = options.now ?? Date.now;
  const ranks = chainRanks(tasks, options.estimate);
  const records = new Map<string, TaskRecord>();
  const pending = new Map(tasks.map((t) => [t.id, t]));
  const running = new Map<string, Promise<void>>();
  const background = options.background ?? (() => false);
  /** Tasks holding a slot (background ones do not). */
  const slots = (): number => [...running.keys()].filter((id) => !background(id)).length;

  const finish = (record: TaskRecord): void => {
    records.set(record.id, record);
    options.onDone?.(record);
  };
  const settle = (): void => {
    // Skip what can no longer run, until nothing more is skipped.
    for (let changed = true; changed;) {
      changed = false;
      for (const [id, task] of pending) {
        const broken = task.dependencies.find((d) => {
          const state = records.get(d)?.state;
          return state === 'failed' || state === 'skipped';
        });
        if (broken === undefined) continue;
        pending.delete(id);
        const at = now();
        finish({ id, state: 'skipped', start: at, end: at, cached: false, reason: broken });
        changed = true;
      }
    }
  };
  const ready = (): GraphTask[] =>
    [...pending.values()]
      .filter((t) => t.dependencies.every((d) => records.get(d)?.state === 'passed'))
      .sort((a, b) => (ranks.get(b.id) ?? 0) - (ranks.get(a.id) ?? 0) || a.id.localeCompare(b.id));

  for (;;) {
    settle();
    for (const task of ready()) {
      if (!background(task.id) && slots() >= options.concurrency) continue;
      pending.delete(task.id);
      const start = now();
      const done = options
        .run(task.id)
        .catch(() => ({ ok: false, cached: false }))
        .then(({ ok, cached }) => {
          running.delete(task.id);
          finish({ id: task.id, state: ok ? 'passed' : 'failed', start, end: now(), cached });
        });
      running.set(task.id, done);
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  // Left only if the graph named a dependency that never ran (cannot happen after chainRanks).
  for (const id of pending.keys()) {
    const at = now();
    finish({ id, state: 'skipped', start: at, end: at, cached: false, reason: 'never ready' });
  }
  return tasks.map((t) => records.get(t.id)).filter((r): r is TaskRecord => r !== undefined);
}
