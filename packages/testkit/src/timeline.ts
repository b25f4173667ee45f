/**
 * The task timeline of a turbo run, from its run summary (`turbo run … --summarize`
 * writes .turbo/runs/<id>.json with each task's start and end): which task ran when,
 * for how long, and how long a core sat idle while the run was still going. It is how
 * the order of `pnpm test`'s tasks is judged on a 2-core machine.
 *
 * Erasable TypeScript only: scripts/test.mjs imports this file on Node 24 directly.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The parts of turbo's run summary the timeline reads. */
export interface RunSummary {
  execution: { startTime: number; endTime: number };
  tasks: {
    taskId: string;
    cache?: { status?: string };
    execution?: { startTime: number; endTime: number; exitCode: number };
  }[];
}

/** The newest run summary under `root`/.turbo/runs written at or after `sinceMs`. */
export function latestRunSummary(root: string, sinceMs: number): RunSummary | undefined {
  const dir = join(root, '.turbo', 'runs');
  if (!existsSync(dir)) return undefined;
  const newest = readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ path: join(dir, f), mtime: statSync(join(dir, f)).mtimeMs }))
    .filter((f) => f.mtime >= sinceMs)
    .sort((a, b) => b.mtime - a.mtime)[0];
  return newest ? (JSON.parse(readFileSync(newest.path, 'utf8')) as RunSummary) : undefined;
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

/** The timeline as text: one line per task, a bar on a shared scale, idle core time. */
export function formatTimeline(summary: RunSummary, cores: number, width = 48): string {
  const runStart = summary.execution.startTime;
  const runEnd = summary.execution.endTime;
  const span = Math.max(1, runEnd - runStart);
  const tasks = summary.tasks
    .flatMap((t) =>
      t.execution && t.execution.startTime > 0
        ? [
            {
              id: t.taskId,
              start: t.execution.startTime,
              end: t.execution.endTime,
              cached: t.cache?.status === 'HIT',
              exit: t.execution.exitCode,
            },
          ]
        : [],
    )
    .sort((a, b) => a.start - b.start || a.id.localeCompare(b.id));
  const idWidth = Math.max(4, ...tasks.map((t) => t.id.length));
  const seconds = (ms: number): string => (ms / 1000).toFixed(1).padStart(6);
  const lines = tasks.map((t) => {
    const from = Math.min(width - 1, Math.floor(((t.start - runStart) / span) * width));
    const to = Math.max(from + 1, Math.ceil(((t.end - runStart) / span) * width));
    const bar = `${' '.repeat(from)}${'█'.repeat(to - from)}`.padEnd(width);
    const note = t.cached ? ' cached' : t.exit !== 0 ? ` exit ${t.exit}` : '';
    return `  ${t.id.padEnd(idWidth)} ${seconds(t.start - runStart)} ${seconds(t.end - t.start)}  |${bar}|${note}`;
  });
  const ran = tasks.filter((t) => !t.cached).map((t): [number, number] => [t.start, t.end]);
  const idle = idleCoreSeconds(ran, cores, runStart, runEnd);
  return [
    `Task timeline (turbo, ${cores} tasks at a time; start and duration in s)`,
    `  ${'task'.padEnd(idWidth)}  start   took`,
    ...lines,
    `  wall ${(span / 1000).toFixed(1)} s; a core idle ${idle.toFixed(1)} of ${((span / 1000) * cores).toFixed(1)} core-s`,
  ].join('\n');
}
