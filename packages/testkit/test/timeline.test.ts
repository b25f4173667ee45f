import { describe, expect, it } from 'vitest';
import { formatTimeline, idleCoreSeconds, type RunSummary } from '../src/timeline.js';

describe('idleCoreSeconds', () => {
  it('counts a core left waiting behind one long task', () => {
    // Two cores, 0–10 s: one task runs 0–10 s, another 0–2 s: the second core idles 8 s.
    expect(
      idleCoreSeconds(
        [
          [0, 10_000],
          [0, 2_000],
        ],
        2,
        0,
        10_000,
      ),
    ).toBe(8);
  });

  it('counts no idle time when tasks follow each other on both cores', () => {
    const back = [
      [0, 5_000],
      [5_000, 10_000],
      [0, 4_000],
      [4_000, 10_000],
    ] as const;
    expect(idleCoreSeconds(back, 2, 0, 10_000)).toBe(0);
  });

  it('counts gaps before the first task and after the last', () => {
    expect(idleCoreSeconds([[1_000, 9_000]], 1, 0, 10_000)).toBe(2);
  });
});

describe('formatTimeline', () => {
  const summary: RunSummary = {
    execution: { startTime: 1_000, endTime: 11_000 },
    tasks: [
      {
        taskId: 'docs#e2e',
        cache: { status: 'MISS' },
        execution: { startTime: 3_000, endTime: 11_000, exitCode: 0 },
      },
      {
        taskId: 'docs#build',
        cache: { status: 'MISS' },
        execution: { startTime: 1_000, endTime: 3_000, exitCode: 0 },
      },
      {
        taskId: 'templates#lint',
        cache: { status: 'HIT' },
        execution: { startTime: 1_000, endTime: 1_100, exitCode: 0 },
      },
      { taskId: 'sender#e2e', cache: { status: 'MISS' } },
    ],
  };

  it('lists the tasks that ran by start, with start, duration and idle core time', () => {
    const text = formatTimeline(summary, 2, 10);
    const lines = text.split('\n');
    expect(lines[2]).toMatch(/^ {2}docs#build +0\.0 +2\.0 {2}\|██ +\|$/);
    expect(lines[3]).toMatch(/templates#lint +0\.0 +0\.1 .*\| cached$/);
    expect(lines[4]).toMatch(/^ {2}docs#e2e +2\.0 +8\.0 {2}\| {2}████████\|$/);
    // A task that never started (its dependency failed) is not drawn.
    expect(text).not.toContain('sender#e2e');
    // Only one task at a time ran for 10 s: the other core idled 10 s.
    expect(lines.at(-1)).toBe('  wall 10.0 s; a core idle 10.0 of 20.0 core-s');
  });
});
