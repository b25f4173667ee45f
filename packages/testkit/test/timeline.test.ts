import { describe, expect, it } from 'vitest';
import { formatTimeline, idleCoreSeconds, type TimedTask } from '../src/timeline.js';

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
  const tasks: TimedTask[] = [
    { id: 'docs#e2e', start: 3_000, end: 11_000, cached: false, state: 'failed' },
    { id: 'docs#build', start: 1_000, end: 3_000, cached: false, state: 'passed' },
    { id: 'templates#lint', start: 1_000, end: 1_100, cached: true, state: 'passed' },
    { id: 'sender#e2e', start: 5_000, end: 5_000, cached: false, state: 'skipped' },
  ];

  it('lists the tasks that ran by start, with start, duration and idle core time', () => {
    const lines = formatTimeline(tasks, 2, 1_000, 11_000, 10).split('\n');
    expect(lines[2]).toMatch(/^ {2}docs#build +0\.0 +2\.0 {2}\|██ +\|$/);
    expect(lines[3]).toMatch(/templates#lint +0\.0 +0\.1 .*\| cached$/);
    expect(lines[4]).toMatch(/^ {2}docs#e2e +2\.0 +8\.0 {2}\| {2}████████\| FAILED$/);
    // A skipped task (its dependency failed) never ran: not drawn.
    expect(lines.join('\n')).not.toContain('sender#e2e');
    // Only one task at a time ran for 10 s: the other core idled 10 s.
    expect(lines.at(-1)).toBe('  wall 10.0 s; a core idle 10.0 of 20.0 core-s');
  });
});
