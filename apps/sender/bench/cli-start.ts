/**
 * What one call of the real `csp-sender` (dist/cli.js) costs in CPU, start to exit: the
 * price of every command a user types and of every CLI the tests start. Measured as the
 * children's CPU time the kernel hands back when each is reaped (/proc/self/stat cutime
 * and cstime, Linux), against a bare `node -e ''` start on the same Node in the same run.
 *
 * Each command loads only its own code (src/main.ts): `history` and `help` start without
 * the web server, the batch reader and the sending stack. When every command loaded all of
 * it, the same calls cost 11.6× (help, history) and 13.7× (send) a bare start on this
 * 2-core machine; the goals hold the gain.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { round2, type Metric } from './report.ts';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
/** Clock ticks per second of /proc's cutime and cstime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;
const CALLS = 20;

/** CPU seconds of every child reaped so far (undefined without /proc). */
function childrenCpuSeconds(): number | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  // Fields after the command name (which may hold spaces) start at the state, field 3.
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
  const cutime = Number(fields[13]);
  const cstime = Number(fields[14]);
  return (cutime + cstime) / TICKS_PER_SECOND;
}

/** The mean over CALLS calls: the kernel counts CPU in 10 ms ticks, too coarse for one call. */
function cpuPerCall(args: string[], env: Record<string, string>): number | undefined {
  const before = childrenCpuSeconds();
  if (before === undefined) return undefined;
  for (let i = 0; i < CALLS; i++) {
    const run = spawnSync(process.execPath, args, {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (run.status !== 0)
      throw new Error(`node ${args.join(' ')} exited ${String(run.status)}: ${run.stderr}`);
  }
  const after = childrenCpuSeconds() ?? before;
  return (after - before) / CALLS;
}

export function benchCliStart(root: string): Metric[] {
  const env = { SENDER_DATA_DIR: join(root, 'cli-start') };
  // One call first: the store is created, and Node's compile cache is written (src/cli.ts).
  cpuPerCall([CLI, 'history'], env);
  const bare = cpuPerCall(['-e', ''], env);
  if (bare === undefined)
    return [
      {
        name: 'csp-sender start-up CPU per call',
        value: null,
        unit: 'ms',
        note: 'not measured: no /proc/self/stat on this system',
      },
    ];
  const ms = (seconds: number): number => round2(seconds * 1000);
  const rows: Metric[] = [
    {
      name: `bare \`node -e ''\` start-up CPU per call (mean of ${CALLS})`,
      value: ms(bare),
      unit: 'ms',
    },
  ];
  // Each call and its goal: at most this many times a bare start.
  const commands: [string, string[], number][] = [
    ['help', ['help'], 6],
    ['history (opens the store)', ['history'], 9],
    [
      'send to the outbox (store, templates, sending)',
      [
        'send',
        '--template',
        'customer-authorization-request',
        '--country',
        'GB',
        '--to',
        'bench@example.com',
        '--yes',
      ],
      12,
    ],
  ];
  for (const [label, args, limit] of commands) {
    const cpu = cpuPerCall([CLI, ...args], env) ?? Number.NaN;
    const ratio = cpu / bare;
    rows.push({
      name: `csp-sender ${label}: start-up CPU per call ÷ bare node (mean of ${CALLS})`,
      value: ms(cpu),
      unit: 'ms',
      ratio: round2(ratio),
      goal: `<= ${limit}`,
      ok: ratio <= limit,
    });
  }
  return rows;
}
