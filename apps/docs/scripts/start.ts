/**
 * `pnpm start`: serves the built site (run `pnpm build` first) on HOST
 * (default 127.0.0.1) and PORT (default 4321) until stopped.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { distDir, startServer } from './server.ts';

if (!existsSync(join(distDir, 'index.html'))) {
  console.error(
    `No built site in ${distDir}: run \`pnpm --filter @csp-enablement/docs build\` first.`,
  );
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4321);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not ${JSON.stringify(process.env.PORT)}`);
  process.exit(1);
}
const server = await startServer({ host: process.env.HOST ?? '127.0.0.1', port });
console.log(`Docs site: ${server.url}`);

const stop = (): void => {
  void server.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
