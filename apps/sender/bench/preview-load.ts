/**
 * Preview under load: 50 connections for 10 s (autocannon, after a warm-up) against the
 * signed-in POST /preview of the real `serve` code path, then against a static
 * file of the same size served beside it by the same process in the same run:
 * the server's own ceiling. Also the serve process's peak RSS over both loads.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { countries, templateIds } from '#core/catalog.js';
import { Client, hiddenField } from './client.ts';
import type { ChildMessage, ParentMessage } from './preview-server.ts';
import { round2, round3, type Metric } from './report.ts';

export const USER = 'bench@sender.example';
export const PASSWORD = 'bench password, not a secret';

export function next<K extends ChildMessage['kind']>(
  child: ChildProcess,
  kind: K,
  timeoutMs = 60_000,
): Promise<Extract<ChildMessage, { kind: K }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`the preview server sent no "${kind}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: ChildMessage) => {
      if (message.kind !== kind) return;
      cleanup();
      resolve(message as Extract<ChildMessage, { kind: K }>);
    };
    const onExit = (code: number | null) => {
      cleanup();
      reject(new Error(`the preview server exited (${String(code)}) before "${kind}"`));
    };
    const cleanup = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export const tell = (child: ChildProcess, message: ParentMessage): void => {
  child.send(message);
};

/** Seconds of the same load before sampling starts, on every run: JIT and caches warm up. */
export const WARMUP_SECONDS = 2;

/**
 * One load run. The first WARMUP_SECONDS are not sampled (autocannon's warm-up): a server's
 * first requests compile its code, and a service is measured as it runs, not as it starts.
 */
export function load(options: autocannon.Options): Promise<autocannon.Result> {
  // `warmup` is autocannon's (lib/init.js), missing from @types/autocannon.
  const withWarmup: autocannon.Options & {
    warmup: { connections?: number | undefined; duration: number };
  } = { ...options, warmup: { connections: options.connections, duration: WARMUP_SECONDS } };
  return autocannon(withWarmup);
}

/** Signs in on `url` and prepares one form per template × country (the load's requests). */
export async function previewRequests(url: string): Promise<{
  html: string;
  requests: autocannon.Request[];
}> {
  const client = new Client(url);
  const login = await client.request('/login');
  const signIn = await client.request('/login', {
    _csrf: hiddenField(login.html, '_csrf'),
    email: USER,
    password: PASSWORD,
  });
  if (signIn.status !== 303) throw new Error(`sign-in failed: HTTP ${signIn.status}`);
  const csrf = hiddenField((await client.request('/compose')).html, '_csrf');
  const bodies = templateIds.flatMap((template) =>
    countries.map((c) =>
      new URLSearchParams({
        _csrf: csrf,
        template,
        country: c.code,
        to: 'admin@customer.example',
        cc: 'it@customer.example',
      }).toString(),
    ),
  );
  const sample = await client.request(
    '/preview',
    Object.fromEntries(new URLSearchParams(bodies[0])),
  );
  if (sample.status !== 200 || !sample.html.includes('Verified'))
    throw new Error(`preview answered HTTP ${sample.status}`);
  const headers = {
    cookie: client.cookieHeader(),
    'content-type': 'application/x-www-form-urlencoded',
    origin: url,
  };
  return {
    html: sample.html,
    requests: bodies.map((body) => ({ method: 'POST', path: '/preview', headers, body })),
  };
}

/** Starts a preview-server child; `env` adds to what it is given. */
export function startPreviewServer(
  dataDir: string,
  env: Record<string, string> = {},
): ChildProcess {
  return fork(new URL('./preview-server.ts', import.meta.url), [], {
    env: {
      PATH: process.env.PATH ?? '',
      BENCH_DATA_DIR: dataDir,
      BENCH_USER: USER,
      BENCH_PASSWORD: PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Asks the child to stop and waits for it (killed after 10 s). */
export async function stopPreviewServer(child: ChildProcess): Promise<void> {
  if (child.connected) tell(child, { kind: 'stop' });
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else
      child.once('exit', () => {
        resolve();
      });
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

export const loadErrors = (r: autocannon.Result): number => r.errors + r.timeouts + r.non2xx;

export async function benchPreviewLoad(
  root: string,
  seconds: number,
  connections: number,
): Promise<Metric[]> {
  const dataDir = join(root, 'preview');
  mkdirSync(dataDir, { recursive: true });
  const child = startPreviewServer(dataDir);
  try {
    const { url, staticUrl } = await next(child, 'ready');
    const { html, requests } = await previewRequests(url);
    tell(child, { kind: 'static-file', html });
    await next(child, 'static-ready');
    const bytes = Buffer.byteLength(html);

    // The static file first, then the preview, same connections and duration.
    const staticRun = await load({ url: staticUrl, connections, duration: seconds });
    const previewRun = await load({
      url: `${url}/preview`,
      connections,
      duration: seconds,
      requests,
    });
    tell(child, { kind: 'rss' });
    const { maxRssKb } = await next(child, 'rss');

    const errors = loadErrors;
    const ratio = previewRun.requests.average / staticRun.requests.average;
    return [
      {
        name: `static file of the preview's size (${round2(bytes / 1024)} KB), ${connections} connections ${seconds} s after ${WARMUP_SECONDS} s warm-up`,
        value: round2(staticRun.requests.average),
        unit: 'req/s',
        note: `p50 ${staticRun.latency.p50} ms, p99 ${staticRun.latency.p99} ms, ${errors(staticRun)} errors`,
      },
      {
        name: `preview (POST /preview, signed in) rps ÷ static rps, ${connections} connections ${seconds} s after ${WARMUP_SECONDS} s warm-up`,
        value: round2(previewRun.requests.average),
        unit: 'req/s',
        ratio: round3(ratio),
        goal: '>= 0.5',
        ok: ratio >= 0.5,
        note: `p50 ${previewRun.latency.p50} ms, ${previewRun.requests.total} requests, ${errors(previewRun)} errors${ratio >= 0.5 ? '' : `. Missed: a preview still parses and checks the form (Origin, CSRF, recipients), checks the session and the suppression list, and joins the cached page pieces, where the static route only reads a file; on a shared machine the other load lands on either run (compare the static rps with an idle run)`}`,
      },
      {
        name: 'preview p99 under load',
        value: previewRun.latency.p99,
        unit: 'ms',
        ratio: round3(previewRun.latency.p99 / staticRun.latency.p99),
        goal: '<= 20',
        ok: previewRun.latency.p99 <= 20,
        note: `ratio: ÷ the static file's p99 (${staticRun.latency.p99} ms)${previewRun.latency.p99 <= 20 ? '' : `. Missed: 50 connections queue on one Node event loop, which answers the requests that arrived together one after another, so p99 is about 2 × 50 × the time one request holds it (≤ 20 ms needs ≤ 200 µs each); ${staticRun.latency.p99 <= 20 ? '' : `even the static file's p99 is over 20 ms here (the machine is busy), and `}what is left per preview is the form, the checks and the page pieces (the page and the email are cached per template × country, sessions in memory, the store read once per event-loop turn)`}`,
      },
      {
        name: 'preview errors under load (connection errors, timeouts, non-2xx)',
        value: errors(previewRun),
        unit: 'errors',
        goal: '0',
        ok: errors(previewRun) === 0,
      },
      {
        name: 'serve: peak RSS over both loads',
        value: round2(maxRssKb / 1024),
        unit: 'MB',
      },
    ];
  } finally {
    await stopPreviewServer(child);
  }
}
