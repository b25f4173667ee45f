import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../scripts/server.ts';

let root: string;
let server: RunningServer;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'docs-server-'));
  mkdirSync(join(root, 'guide'));
  mkdirSync(join(root, '_astro'));
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>home</title>');
  writeFileSync(join(root, 'guide', 'index.html'), '<!doctype html><title>guide</title>');
  writeFileSync(join(root, '404.html'), '<!doctype html><title>not found</title>');
  writeFileSync(join(root, 'note.txt'), 'Grüße\n');
  writeFileSync(join(root, '_astro', 'app.js'), 'console.log(1)');
  server = await startServer({ root, port: 0 });
});

afterAll(async () => {
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

const get = (path: string, init?: RequestInit) =>
  fetch(new URL(path, server.url), { redirect: 'manual', ...init });

describe('static server', () => {
  it('serves index.html for directories', async () => {
    const response = await get('/guide/');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await response.text()).toContain('<title>guide</title>');
  });

  it('redirects a directory without its trailing slash', async () => {
    const response = await get('/guide?x=1');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/guide/?x=1');
  });

  it('answers unknown paths with the 404 page', async () => {
    const response = await get('/missing/');
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('not found');
  });

  it('never serves files outside its root', async () => {
    const response = await get('/..%2f..%2f..%2fetc%2fpasswd');
    expect(response.status).toBe(404);
  });

  it('serves text as UTF-8, gzip-compressed when asked', async () => {
    const plain = await get('/note.txt', { headers: { 'Accept-Encoding': 'identity' } });
    expect(plain.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await plain.text()).toBe('Grüße\n');
    // Node's fetch decodes gzip itself, so read the raw bytes over a plain request.
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>(
      (resolve, reject) => {
        import('node:http')
          .then(({ get: httpGet }) => {
            httpGet(
              new URL('/note.txt', server.url),
              { headers: { 'Accept-Encoding': 'gzip' } },
              (res) => {
                const chunks: Buffer[] = [];
                res.on('data', (chunk: Buffer) => chunks.push(chunk));
                res.on('end', () => {
                  resolve({
                    encoding: res.headers['content-encoding'],
                    body: Buffer.concat(chunks),
                  });
                });
              },
            ).on('error', reject);
          })
          .catch(reject);
      },
    );
    expect(raw.encoding).toBe('gzip');
    expect(gunzipSync(raw.body).toString('utf8')).toBe('Grüße\n');
  });

  it('caches hashed assets for a year and pages not at all', async () => {
    expect((await get('/_astro/app.js')).headers.get('cache-control')).toContain('immutable');
    expect((await get('/')).headers.get('cache-control')).toBe('no-cache');
  });

  it('refuses other methods', async () => {
    expect((await get('/', { method: 'POST' })).status).toBe(405);
  });
});
