import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import autocannon from 'autocannon';
import { countries, templateIds } from '@csp-enablement/templates';
import { Client, hiddenField } from './bench/client.ts';
const dataDir = mkdtempSync(`${tmpdir()}/prof-`);
const child = fork(new URL('./bench/preview-server.ts', import.meta.url), [], {
  env: { PATH: process.env.PATH ?? '', BENCH_DATA_DIR: dataDir, BENCH_USER: 'bench@example.com', BENCH_PASSWORD: 'correct horse battery staple' },
  execArgv: process.env.PROF ? ['--cpu-prof', '--cpu-prof-dir=/tmp/pprof'] : [],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const ready = await new Promise<{ url: string }>((r) => child.once('message', (m) => r(m as { url: string })));
const client = new Client(ready.url);
const login = await client.request('/login');
await client.request('/login', { _csrf: hiddenField(login.html, '_csrf'), email: 'bench@example.com', password: 'correct horse battery staple' });
const csrf = hiddenField((await client.request('/compose')).html, '_csrf');
const bodies = templateIds.flatMap((template) => countries.map((c) => new URLSearchParams({ _csrf: csrf, template, country: c.code, to: 'admin@customer.example', cc: 'it@customer.example' }).toString()));
const headers = { cookie: client.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', origin: ready.url };
const r = await autocannon({ url: `${ready.url}/preview`, connections: Number(process.env.CONN ?? 50), duration: Number(process.env.SECS ?? 8), requests: bodies.map((body) => ({ method: 'POST', path: '/preview', headers, body })) });
console.log('rps', r.requests.average, 'p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx, 'errors', r.errors);
child.send({ kind: 'stop' });
await new Promise((d) => child.once('exit', d));
