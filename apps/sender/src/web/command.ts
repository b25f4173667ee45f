import { loadConfig, type Config } from '../config.js';
import { Exit, args } from '../command.js';
import { log, out, useLogFormat } from '../log.js';
import { ListenError, startServer } from '../server.js';

/** `csp-sender serve [--port N] [--host H]`: the web UI, until SIGINT or SIGTERM (then it drains). */
export async function serveCommand(argv: string[], config: Config): Promise<number> {
  const { values } = args(argv, { port: { type: 'string' }, host: { type: 'string' } });
  useLogFormat(config.logFormat);
  const merged = loadConfig({
    ...process.env,
    ...(values.port !== undefined ? { PORT: values.port } : {}),
    ...(values.host !== undefined ? { HOST: values.host } : {}),
  });
  const server = await startServer(
    { ...config, port: merged.port, host: merged.host },
    { log, announce: out },
  ).catch((error: unknown) => {
    throw error instanceof ListenError ? new Exit(2, error.message) : error;
  });
  out(
    `csp-sender listening on ${server.url} (transport: ${server.runtime.transport.name}, data: ${config.dataDir})`,
    { url: server.url, transport: server.runtime.transport.name, dataDir: config.dataDir },
  );
  const signal = await new Promise<string>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  // Drain: no new sends, backoff sleeps end (rows back to queued), in-flight
  // attempts get a bounded time; the store closes last (in server.close).
  const bound = config.httpTimeoutMs + 2_000;
  log(`${signal}: stopping; waiting up to ${bound} ms for sends in flight`);
  // No takeover sweep starts while draining (one in progress ends with the drain).
  const sweeping = server.takeover.stop();
  const finished = await server.runtime.sender.drain(bound);
  await sweeping;
  if (!finished)
    log(
      'some sends were still in flight: they stay leased to this process and the next start takes them over at once',
    );
  await server.close();
  return 0;
}
