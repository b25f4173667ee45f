/**
 * A small static file server for the built site (dist/): what `pnpm start`,
 * the browser tests and the benchmark serve. Directory URLs get their
 * index.html, unknown paths the site's 404 page, text is gzip-compressed, and
 * hashed assets under /_astro/ are cached for a year.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

export const distDir = fileURLToPath(new URL('../dist/', import.meta.url));

const contentTypes: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.wasm': 'application/wasm',
  '.woff2': 'font/woff2',
};
const compressible = /^(text\/|application\/(json|xml|manifest\+json)|image\/svg)/;

export interface RunningServer {
  /** Base URL with a trailing slash, e.g. `http://127.0.0.1:4321/`. */
  url: string;
  close: () => Promise<void>;
}

async function fileAt(root: string, pathname: string): Promise<string | undefined> {
  const candidate = normalize(join(root, pathname));
  if (candidate !== root.slice(0, -1) && !candidate.startsWith(root)) return undefined;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
    if (info.isDirectory()) {
      const index = join(candidate, 'index.html');
      if ((await stat(index)).isFile()) return index;
    }
  } catch {
    // not there
  }
  return undefined;
}

function send(
  request: IncomingMessage,
  response: ServerResponse,
  file: string,
  status: number,
): void {
  const type = contentTypes[extname(file)] ?? 'application/octet-stream';
  const immutable = request.url?.startsWith('/_astro/') === true;
  response.statusCode = status;
  response.setHeader('Content-Type', type);
  response.setHeader(
    'Cache-Control',
    immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  const gzip = compressible.test(type) && /\bgzip\b/.test(request.headers['accept-encoding'] ?? '');
  if (gzip) {
    response.setHeader('Content-Encoding', 'gzip');
    response.setHeader('Vary', 'Accept-Encoding');
  }
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => response.destroy());
  if (gzip) stream.pipe(createGzip()).pipe(response);
  else stream.pipe(response);
}

async function handle(
  root: string,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    response.writeHead(405, { Allow: 'GET, HEAD' }).end();
    return;
  }
  const url = new URL(request.url ?? '/', 'http://localhost');
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const file = await fileAt(root, pathname);
  if (file) {
    // The site's URLs end in a slash: /troubleshooting → /troubleshooting/.
    if (
      file.endsWith(`${sep}index.html`) &&
      !pathname.endsWith('/') &&
      !pathname.endsWith('.html')
    ) {
      response.writeHead(301, { Location: `${url.pathname}/${url.search}` }).end();
      return;
    }
    send(request, response, file, 200);
    return;
  }
  const notFound = await fileAt(root, '/404.html');
  if (notFound) send(request, response, notFound, 404);
  else response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found\n');
}

/** Serves `root` (default: this package's dist/) on host:port; port 0 picks a free one. */
export function startServer(
  options: { host?: string; port?: number; root?: string } = {},
): Promise<RunningServer> {
  const root = normalize(options.root ?? distDir).replace(/[\\/]?$/, sep);
  const host = options.host ?? '127.0.0.1';
  const server = createServer((request, response) => {
    handle(root, request, response).catch(() => {
      if (!response.headersSent) response.writeHead(500);
      response.end();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      const { port } = server.address() as AddressInfo;
      const shownHost = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shownHost}:${port}/`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((error) => {
              if (error) fail(error);
              else done();
            });
            server.closeAllConnections();
          }),
      });
    });
  });
}
