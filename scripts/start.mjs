// The main job behind the README's first command: serves the built docs site and
// the sender (on its embedded defaults: local outbox, SQLite file) on localhost,
// then prints both URLs. Ctrl-C stops both.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

const apps = [
  {
    name: 'docs',
    filter: '@csp-enablement/docs',
    port: Number(process.env.DOCS_PORT ?? 4321),
    path: '/',
  },
  {
    name: 'sender',
    filter: '@csp-enablement/sender',
    port: Number(process.env.SENDER_PORT ?? 8787),
    path: '/healthz',
  },
];

const children = apps.map((app) => {
  const child = spawn('pnpm', ['--silent', '--filter', app.filter, 'run', 'start'], {
    env: { ...process.env, PORT: String(app.port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: pnpm, sh and the `node` shim do not pass signals on,
    // so stopping means signalling the whole group.
    detached: true,
  });
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(`[${app.name}] ${line}`));
  }
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(
      `[${app.name}] stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others.`,
    );
    stop(1);
  });
  return child;
});

let stopping = false;
function stop(code) {
  stopping = true;
  for (const child of children) {
    if (child.exitCode !== null) continue;
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // the group is already gone
    }
  }
  process.exitCode = code;
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function waitUntilUp(app) {
  const url = `http://127.0.0.1:${app.port}${app.path}`;
  for (let attempt = 0; attempt < 120 && !stopping; attempt++) {
    try {
      const response = await fetch(url);
      if (response.ok) return true;
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  return false;
}

const up = await Promise.all(apps.map(waitUntilUp));
if (!stopping) {
  if (up.every(Boolean)) {
    console.log('\nCSP Enablement Kit is running:');
    console.log(`  Docs site:  http://localhost:${apps[0].port}/`);
    console.log(
      `  Sender:     http://localhost:${apps[1].port}/  (embedded defaults: local outbox + SQLite)`,
    );
    console.log('Press Ctrl-C to stop.\n');
  } else {
    console.error(
      `Not answering after 60 s: ${apps
        .filter((_, i) => !up[i])
        .map((a) => a.name)
        .join(', ')}`,
    );
    stop(1);
  }
}
