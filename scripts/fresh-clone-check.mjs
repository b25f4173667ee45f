// The newcomer's path, checked: clone HEAD into a new temporary folder with nothing
// beside it, with an empty npm cache, pnpm store and global npm prefix (a temporary
// HOME), then run the README's two commands exactly as written. The first runs until
// both URLs it prints answer, then gets Ctrl-C (SIGINT); the second runs to its end.
// Prints the closing line and the wall times, and fails if anything is left running.
//
//   scripts/fresh-clone-check [--keep]     (--keep leaves the temporary folder)
//
// Plain JavaScript on the machine's Node (20+): it runs before anything is installed.
import { spawn, execFileSync } from 'node:child_process';
import {
  createWriteStream,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';

const keep = process.argv.includes('--keep');
const START_DEADLINE_MS = 30 * 60_000;
const TEST_DEADLINE_MS = 80 * 60_000;

const git = (...args) => execFileSync('git', args, { encoding: 'utf8' }).trim();
const root = git('rev-parse', '--show-toplevel');
const head = git('-C', root, 'rev-parse', 'HEAD');
if (git('-C', root, 'status', '--porcelain') !== '')
  console.log('Note: uncommitted changes are not part of this check; it clones the last commit.');

const base = mkdtempSync(join(tmpdir(), 'fresh-clone-check-'));
const clone = join(base, 'work', 'csp-enablement-kit'); // nothing else in base/work
const home = join(base, 'home');
for (const dir of [join(base, 'work'), home]) mkdirSync(dir, { recursive: true });
git('clone', '--quiet', '--no-local', root, clone);
git('-C', clone, 'checkout', '--quiet', '--detach', head);

/** The README's two commands: the first `sh` block of "Start here", then the second. */
function readmeCommands() {
  const readme = readFileSync(join(clone, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Start here'));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1].trim());
  if (blocks.length < 2) throw new Error('README.md: "Start here" has fewer than two sh blocks');
  return { start: blocks[0], test: blocks[1] };
}

/**
 * The environment of a newcomer's shell on this machine: everything that belongs to the
 * machine (PATH, proxy and CA variables) stays; what an outer pnpm or turbo run set, and
 * every cache location, does not.
 */
function newcomerEnv() {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|TURBO_|XDG_|COREPACK_|RESEND_|SENDER_)/.test(key)) continue;
    if (['INIT_CWD', 'NODE', 'NODE_PATH', 'OLDPWD', 'PWD'].includes(key)) continue;
    env[key] = value;
  }
  const globalPrefix = join(base, 'npm-global');
  env.HOME = home;
  env.npm_config_cache = join(base, 'npm-cache');
  env.npm_config_prefix = globalPrefix; // `npm install --global pnpm` lands here
  // pnpm's store defaults to $HOME/.local/share/pnpm/store: inside the empty HOME.
  // No pnpm or Node from a workspace's node_modules/.bin (as under `pnpm check:fresh`).
  const path = (process.env.PATH ?? '')
    .split(delimiter)
    .filter((d) => d && !d.includes('node_modules'));
  env.PATH = [join(globalPrefix, 'bin'), ...path].join(delimiter);
  return env;
}

const env = newcomerEnv();
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** Runs a shell command as a group leader, echoing and logging its output. */
function startShell(command, logName) {
  const log = createWriteStream(join(base, logName));
  const child = spawn('bash', ['-c', command], {
    cwd: clone,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk) => {
    const text = chunk.toString();
    output += text;
    log.write(text);
    process.stdout.write(text);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { child, exited, output: () => output, done: () => log.end() };
}

/** True while a process of the group runs (a zombie waiting for init runs nothing). */
const groupAlive = (pgid) =>
  readdirSync('/proc')
    .filter((n) => /^\d+$/.test(n))
    .some((pid) => {
      try {
        const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
        return Number(fields[2]) === pgid && fields[0] !== 'Z';
      } catch {
        return false;
      }
    });

/** Processes that still run from the temporary folder (by working directory or command line). */
function leftovers() {
  const found = [];
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    if (Number(pid) === process.pid) continue;
    try {
      const state = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.[0];
      if (state === 'Z') continue;
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      let cwd = '';
      try {
        cwd = readlinkSync(`/proc/${pid}/cwd`);
      } catch {
        // not ours to read
      }
      if (cwd.startsWith(base) || cmd.includes(base)) found.push(`${pid} ${cmd.slice(0, 160)}`);
    } catch {
      // ended while we looked
    }
  }
  return found;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function answers(url) {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(5_000) })).status < 500;
  } catch {
    return false;
  }
}

const { start, test } = readmeCommands();
console.log(
  `Fresh clone of ${head.slice(0, 12)} in ${clone}\nHOME, npm cache, pnpm store and global prefix are empty, under ${base}\n`,
);

// 1. The first command, until both URLs it prints answer; then Ctrl-C.
console.log(`$ ${start}`);
const startedAt = Date.now();
const first = startShell(start, 'start.log');
let urls = [];
let startMs = 0;
let startProblem = '';
while (true) {
  if (Date.now() - startedAt > START_DEADLINE_MS) {
    startProblem = `the first command did not print two answering URLs within ${seconds(START_DEADLINE_MS)}`;
    break;
  }
  const exit = await Promise.race([first.exited, sleep(1_000).then(() => undefined)]);
  if (exit) {
    startProblem = `the first command exited (${exit.code ?? exit.signal}) before both URLs answered`;
    break;
  }
  // The README promises both URLs, printed as "Docs site: URL" and "Sender: URL".
  urls = [...first.output().matchAll(/^\s*(?:Docs site|Sender):\s+(https?:\/\/\S+)/gm)].map(
    (m) => m[1],
  );
  if (urls.length >= 2 && (await Promise.all(urls.slice(0, 2).map(answers))).every(Boolean)) {
    startMs = Date.now() - startedAt;
    break;
  }
}
console.log(
  startProblem
    ? `\n✗ ${startProblem}`
    : `\n✓ ${urls.slice(0, 2).join(' and ')} answered after ${seconds(startMs)}; Ctrl-C`,
);
process.kill(-first.child.pid, 'SIGINT');
const stopped = await Promise.race([first.exited, sleep(20_000).then(() => undefined)]);
await sleep(1_000);
first.done();
const stillServing = (await Promise.all(urls.slice(0, 2).map(answers))).some(Boolean);
if (!stopped || groupAlive(first.child.pid) || stillServing) {
  const what = [
    !stopped && 'it did not exit',
    groupAlive(first.child.pid) && 'its processes still run',
    stillServing && 'a URL still answers',
  ].filter(Boolean);
  startProblem ||= `Ctrl-C did not stop the first command: ${what.join(', ')}`;
  try {
    process.kill(-first.child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

// 2. The second command, to its end.
let testLine = '';
let testMs = 0;
let testCode = 1;
if (!startProblem) {
  console.log(`\n$ ${test}`);
  const testStartedAt = Date.now();
  const second = startShell(test, 'test.log');
  const timer = setTimeout(() => {
    console.log(`\n✗ the test command ran past ${seconds(TEST_DEADLINE_MS)}: killing it`);
    process.kill(-second.child.pid, 'SIGKILL');
  }, TEST_DEADLINE_MS);
  const exit = await second.exited;
  clearTimeout(timer);
  testMs = Date.now() - testStartedAt;
  testCode = exit.code ?? 1;
  second.done();
  testLine =
    second
      .output()
      .split('\n')
      .reverse()
      .find((line) => /^\d+ passed, \d+ failed/.test(line.trim())) ?? '';
}

await sleep(2_000);
const left = leftovers();
for (const line of left) {
  try {
    process.kill(Number(line.split(' ')[0]), 'SIGKILL');
  } catch {
    // gone
  }
}

console.log('\n── fresh-clone-check ──');
console.log(`commit:           ${head}`);
console.log(
  `first command:    ${startProblem ? `FAILED: ${startProblem}` : `both URLs answered after ${seconds(startMs)}, stopped by Ctrl-C`}`,
);
if (!startProblem) {
  console.log(
    `second command:   exit ${testCode} after ${seconds(testMs)} (${(testMs / 60_000).toFixed(1)} min)`,
  );
  console.log(`closing line:     ${testLine || '(none)'}`);
}
console.log(
  `left running:     ${left.length === 0 ? 'nothing' : `${left.length} process(es), now killed:\n  ${left.join('\n  ')}`}`,
);
console.log(`logs:             ${keep ? base : '(removed; --keep keeps them)'}`);
if (!keep) rmSync(base, { recursive: true, force: true });
process.exit(startProblem || testCode !== 0 || left.length > 0 ? 1 : 0);
