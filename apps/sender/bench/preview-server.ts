/**
 * The child process of the preview load test: the sender's real `serve` code
 * path (startServer: runtime, first-user check, the whole web app) on
 * 127.0.0.1, and beside it in the same process a static route that returns a
 * file of the preview page's size, the server's own ceiling. Started by
 * run.ts over IPC: it answers { url, staticUrl }, then { maxRssKb } when asked,
 * and closes on "stop" (or when the parent goes away).
 */
import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { loadConfig } from '#core/config.js';
import { hashPassword } from '#core/passwords.js';
import { startServer } from '#core/server.js';
import { peakRssKb } from './peak-rss.ts';

export type ParentMessage =
  { kind: 'static-file'; html: string } | { kind: 'rss' } | { kind: 'stop' };
export type ChildMessage =
  | { kind: 'ready'; url: string; staticUrl: string }
  | { kind: 'static-ready' }
  | { kind: 'rss'; maxRssKb: number };

const dataDir = process.env.BENCH_DATA_DIR;
const user = process.env.BENCH_USER;
const password = process.env.BENCH_PASSWORD;
if (!dataDir || !user || !password || !process.send)
  throw new Error(
    'preview-server.ts is started by run.ts (IPC, BENCH_DATA_DIR, BENCH_USER, BENCH_PASSWORD)',
  );
const reply = (message: ChildMessage): void => {
  process.send?.(message);
};

// Outbox only: built from scratch, never from the shell's environment. BENCH_DATABASE_URL:
// the store is that PostgreSQL database (preview-pair.ts starts two of these on one).
const databaseUrl = process.env.BENCH_DATABASE_URL;
const config = loadConfig(
  {
    SENDER_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    ...(databaseUrl === undefined ? {} : { DATABASE_URL: databaseUrl }),
  },
  dataDir,
);
const server = await startServer(config, { log: () => undefined, announce: () => undefined });
const users = server.runtime.store.users;
const hash = await hashPassword(password);
await server.runtime.store.transaction(async () => {
  if ((await users.findUser(user)) === undefined) await users.addUser(user, hash);
});

const staticFile = join(dataDir, 'static.html');
writeFileSync(staticFile, '');
const beside = new Hono();
beside.get('/static.html', serveStatic({ root: dataDir }));
const staticServer = await new Promise<Server>((resolve, reject) => {
  const s = serve({ fetch: beside.fetch, port: 0, hostname: '127.0.0.1' }, () => {
    resolve(s);
  }) as Server;
  s.once('error', reject);
});
const { port } = staticServer.address() as AddressInfo;

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  staticServer.closeAllConnections();
  staticServer.close();
  await server.close();
  process.disconnect();
}

process.on('message', (message: ParentMessage) => {
  if (message.kind === 'static-file') {
    writeFileSync(staticFile, message.html);
    reply({ kind: 'static-ready' });
  } else if (message.kind === 'rss') {
    reply({ kind: 'rss', maxRssKb: peakRssKb() });
  } else {
    void stop();
  }
});
process.once('disconnect', () => {
  void stop();
});
reply({ kind: 'ready', url: server.url, staticUrl: `http://127.0.0.1:${port}/static.html` });
