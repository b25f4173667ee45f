// `pnpm sender <args>`: the csp-sender CLI from the repository root, on the repository's
// Node 24 (pnpm puts node_modules/.bin, with its `node`, first on PATH). It uses the same
// data folder as `pnpm start` (apps/sender/.sender-data) unless SENDER_DATA_DIR is set, and
// reads relative paths (batch FILE.csv) from the folder pnpm was run in.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const app = resolve(root, 'apps/sender');
const cli = resolve(app, 'dist/cli.js');
const templates = resolve(root, 'packages/templates/dist/index.js');

if (!existsSync(cli) || !existsSync(templates)) {
  // Build output goes to stderr: `preview` writes the email to stdout.
  console.error(
    'csp-sender is not built yet: building it (pnpm build does the same for everything)…',
  );
  const build = spawnSync(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'build',
      '--filter=@csp-enablement/sender...',
      '--output-logs=errors-only',
    ],
    { cwd: root, stdio: ['ignore', 2, 2] },
  );
  if (build.status !== 0 || !existsSync(cli)) {
    console.error(
      'The build failed (see above): run `pnpm build` from the repository root, then try again.',
    );
    process.exit(1);
  }
}

const cwd = process.env.INIT_CWD ?? process.cwd();
const child = spawn(process.execPath, [cli, ...process.argv.slice(2)], {
  cwd,
  env: {
    ...process.env,
    SENDER_DATA_DIR: process.env.SENDER_DATA_DIR ?? resolve(app, '.sender-data'),
  },
  stdio: 'inherit',
});
// Ctrl-C reaches the whole foreground group by itself; a SIGTERM sent to this wrapper only
// is passed on, so `serve` can drain its sends.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
  process.on(signal, () => {
    if (child.exitCode === null) child.kill(signal);
  });
child.on('exit', (code, signal) => {
  process.exitCode = code ?? (signal ? 128 : 1);
});
