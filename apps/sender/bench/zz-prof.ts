import { fork } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { next, previewRequests, tell, USER, PASSWORD } from './preview-load.ts';
const dataDir = mkdtempSync(join(tmpdir(), 'prof-'));
const prof = process.argv[2] === 'prof';
const child = fork(new URL('./preview-server.ts', import.meta.url), [], {
  env: { PATH: process.env.PATH ?? '', BENCH_DATA_DIR: dataDir, BENCH_USER: USER, BENCH_PASSWORD: PASSWORD },
  execArgv: [...process.execArgv, ...(prof ? ['--cpu-prof', '--cpu-prof-dir=/tmp/exp/prof'] : [])],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const { url } = await next(child, 'ready');
const { requests } = await previewRequests(url);
const r = await autocannon({ url: `${url}/preview`, connections: 50, duration: 8, requests });
console.log('preview', r.requests.average, 'p50', r.latency.p50, 'p99', r.latency.p99, 'non2xx', r.non2xx);
tell(child, { kind: 'stop' });
await new Promise((res) => child.once('exit', res));
