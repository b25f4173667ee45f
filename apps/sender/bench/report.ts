/**
 * The sender bench's arithmetic (rounding, percentiles, growth per 10×). The report
 * shape and writer are @csp-enablement/testkit/bench's, shared by every workspace.
 */
import type { Metric } from '@csp-enablement/testkit/bench';

export { writeBenchReport as writeReport, type Metric } from '@csp-enablement/testkit/bench';

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
