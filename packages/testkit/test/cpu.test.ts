import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCpuUse, measureCpu } from '../src/cpu.js';

describe('measureCpu', () => {
  it.runIf(existsSync('/proc/stat'))('counts busy and idle core-seconds over the run', async () => {
    const stop = measureCpu(2);
    const until = Date.now() + 300;
    let spins = 0;
    while (Date.now() < until) spins++; // one core busy for 0.3 s
    await new Promise((done) => setTimeout(done, 50));
    const use = stop();
    expect(spins).toBeGreaterThan(0);
    expect(use?.wallSeconds).toBeGreaterThanOrEqual(0.3);
    expect((use?.busyCoreSeconds ?? 0) + (use?.idleCoreSeconds ?? 0)).toBeCloseTo(
      (use?.wallSeconds ?? 0) * 2,
      5,
    );
    // This process kept at least part of a core busy.
    expect(use?.busyCoreSeconds).toBeGreaterThan(0.1);
  });

  it('says so when it could not measure', () => {
    expect(formatCpuUse(undefined)).toBe('CPU: not measured (no /proc/stat)');
    expect(
      formatCpuUse({ cores: 2, wallSeconds: 10, busyCoreSeconds: 15, idleCoreSeconds: 5 }),
    ).toBe('CPU (from /proc/stat, the whole machine): 2 cores busy 75% (idle 5 of 20 core-s)');
  });
});
