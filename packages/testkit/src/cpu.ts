/**
 * How busy the machine's cores really were during a run, from /proc/stat (Linux): the
 * timeline counts tasks, not CPU, and a task that waits (a rate-limited server, a
 * registry, a timer) holds a slot while a core sits idle. Everything on the machine is
 * counted, so a run beside other work shows that work too.
 *
 * Erasable TypeScript only: the root scripts import this file on Node 24 directly.
 */
import { existsSync, readFileSync } from 'node:fs';

interface Ticks {
  busy: number;
  total: number;
}

function readTicks(): Ticks | undefined {
  if (!existsSync('/proc/stat')) return undefined;
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // cpu user nice system idle iowait irq softirq steal ...
  const fields = line.trim().split(/\s+/).slice(1).map(Number);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  const total = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return { busy: total - idle, total };
}

export interface CpuUse {
  cores: number;
  wallSeconds: number;
  /** Core-seconds spent working (by anything on the machine) and idle. */
  busyCoreSeconds: number;
  idleCoreSeconds: number;
}

/** Starts measuring; the returned function ends it (undefined where /proc/stat is missing). */
export function measureCpu(cores: number): () => CpuUse | undefined {
  const start = readTicks();
  const started = Date.now();
  return () => {
    const end = readTicks();
    if (!start || !end || end.total === start.total) return undefined;
    const wallSeconds = (Date.now() - started) / 1000;
    const busyShare = (end.busy - start.busy) / (end.total - start.total);
    const coreSeconds = wallSeconds * cores;
    return {
      cores,
      wallSeconds,
      busyCoreSeconds: coreSeconds * busyShare,
      idleCoreSeconds: coreSeconds * (1 - busyShare),
    };
  };
}

/** `CPU: 2 cores busy 91% (idle 64 of 720 core-s)`. */
export function formatCpuUse(use: CpuUse | undefined): string {
  if (!use) return 'CPU: not measured (no /proc/stat)';
  const total = use.busyCoreSeconds + use.idleCoreSeconds;
  const share = total === 0 ? 0 : (100 * use.busyCoreSeconds) / total;
  return `CPU (from /proc/stat, the whole machine): ${use.cores} cores busy ${share.toFixed(0)}% (idle ${use.idleCoreSeconds.toFixed(0)} of ${total.toFixed(0)} core-s)`;
}
