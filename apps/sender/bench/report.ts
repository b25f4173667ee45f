/**
 * The shape every workspace's bench writes to bench/results/<name>.json and
 * the root `pnpm bench` prints: a value, and where it has one, a ratio (against
 * the ceiling or the alternative the metric's name says), a goal and pass/fail.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

export interface Metric {
  name: string;
  value: number | null;
  unit: string;
  /** Ratio against the ceiling or alternative named in `name`. */
  ratio?: number | null;
  goal?: string;
  ok?: boolean;
  /** Why a goal was missed and what it would take; or how a figure was obtained. */
  note?: string;
}

export const round2 = (n: number): number => Math.round(n * 100) / 100;
export const round3 = (n: number): number => Math.round(n * 1000) / 1000;

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}

export function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Growth of a cost for 10× more work: ≤ 11× is linear or better. */
export function growth(
  name: string,
  small: number | null,
  large: number | null,
  unit = '×',
): Metric {
  if (small === null || large === null || small <= 0)
    return { name, value: null, unit, goal: '<= 11', ok: false };
  const factor = large / small;
  return {
    name,
    value: round2(factor),
    unit,
    ratio: round2(factor),
    goal: '<= 11',
    ok: factor <= 11,
  };
}

export function writeReport(name: string, metrics: Metric[]): void {
  // bench/<file>.ts → the package, then the repository's bench/results/.
  const out = new URL('../../../bench/results/', import.meta.url);
  mkdirSync(out, { recursive: true });
  writeFileSync(new URL(`${name}.json`, out), `${JSON.stringify({ name, metrics }, null, 2)}\n`);
}
