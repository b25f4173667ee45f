/**
 * The shape every workspace's benchmark reports in, and where it goes: one JSON file
 * per workspace under the repository's `bench/results/`, which `pnpm bench`
 * (scripts/bench.mjs) reads into one table of value, ratio, goal and pass/fail.
 *
 * Erasable TypeScript only: the benchmarks run on Node 24's type stripping.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

export interface Metric {
  name: string;
  /** null when the work could not be measured (the note says why). */
  value: number | null;
  unit: string;
  /** Against the ceiling, budget or alternative that `name` names. */
  ratio?: number | null;
  goal?: string;
  ok?: boolean;
  /** Why a goal was missed and what it would take; or how a figure was obtained. */
  note?: string;
}

/** packages/testkit/src/ → the repository's bench/results/. */
const RESULTS = new URL('../../../bench/results/', import.meta.url);

/** Writes `bench/results/<name>.json` for `pnpm bench` to gather. */
export function writeBenchReport(name: string, metrics: readonly Metric[]): void {
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(
    new URL(`${name}.json`, RESULTS),
    `${JSON.stringify({ name, metrics }, null, 2)}\n`,
  );
}
