/**
 * The task timeline of `pnpm test`: which task ran when, for how long, and how long a
 * core sat idle while the run was still going. It is how the order of the tasks is
 * judged on a 2-core machine (see schedule.ts).
 *
 * Erasable TypeScript only: scripts/test.mjs imports this file on Node 24 directly.
 */

/** One task as the timeline draws it (schedule.ts's TaskRecord fits). */
export interface TimedTask {
  id: string;
  /** Epoch ms. */
  start: number;
  end: number;
  cached: boolean;
  state: 'passed' | 'failed' | 'skipped';
}

/**
 * Core-seconds during [runStart, runEnd] when fewer than `cores` tasks ran, from the
 * tasks' [start, end] intervals in ms: the time a core waited behind other work.
 */
export function idleCoreSeconds(
  intervals: readonly (readonly [number, number])[],
  cores: number,
  runStart: number,
  runEnd: number,
): number {
  // Ends sort before starts at the same instant, so back-to-back tasks leave no gap.
  const edges = intervals
    .flatMap(([start, end]): [number, number][] => [
      [start, 1],
      [end, -1],
    ])
    .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let running = 0;
  let last = runStart;
  let idleMs = 0;
  for (const [time, delta] of edges) {
    idleMs += Math.max(0, cores - running) * Math.max(0, time - last);
    running += delta;
    last = Math.max(last, time);
  }
  idleMs += cores * Math.max(0, runEnd - last);
  return idleMs / 1000;
}

/** The timeline as text: one line per task that ran, a bar on a shared scale, idle core time. */
export function formatTimeline(
  tasks: readonly TimedTask[],
  cores: number,
  runStart: number,
  runEnd: number,
  width = 48,
): string {
  const span = Math.max(1, runEnd - runStart);
  const drawn = tasks
    .filter((t) => t.state !== 'skipped')
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const idWidth = Math.max(4, ...drawn.map((t) => t.id.length));
  const seconds = (ms: number): string => (ms / 1000).toFixed(1).padStart(6);
  const lines = drawn.map((t) => {
    const from = Math.min(width - 1, Math.floor(((t.start - runStart) / span) * width));
    const to = Math.min(width, Math.max(from + 1, Math.ceil(((t.end - runStart) / span) * width)));
    const bar = `${' '.repeat(from)}${'█'.repeat(to - from)}`.padEnd(width);
    const note = t.cached ? ' cached' : t.state === 'failed' ? ' FAILED' : '';
    return `  ${t.id.padEnd(idWidth)} ${seconds(t.start - runStart)} ${seconds(t.end - t.start)}  |${bar}|${note}`;
  });
  const ran = drawn.filter((t) => !t.cached).map((t): [number, number] => [t.start, t.end]);
  const idle = idleCoreSeconds(ran, cores, runStart, runEnd);
  return [
    `Task timeline (${cores} tasks at a time; start and duration in s)`,
    `  ${'task'.padEnd(idWidth)}  start   took`,
    ...lines,
    `  wall ${(span / 1000).toFixed(1)} s; a core idle ${idle.toFixed(1)} of ${((span / 1000) * cores).toFixed(1)} core-s`,
  ].join('\n');
}
