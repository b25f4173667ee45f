import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import type { Config } from './config.js';
import { ensureFirstUser, openRuntime, type Runtime } from './runtime.js';
import { deviceKeyFor } from './auth/device-key.js';
import type { LoginThrottleSettings } from './auth/login-throttle.js';
import type { Transport } from './transports/types.js';
import { createApp } from './web/app.js';
import { Takeover } from './sending/takeover.js';

/** The address could not be listened on; the message names the setting to change. */
export class ListenError extends Error {
  override name = 'ListenError';
}

function listenProblem(error: unknown, host: string, port: number): ListenError | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  switch (code) {
    case 'EADDRINUSE':
      return new ListenError(
        `PORT: ${where} is already in use by another program; stop it or choose another port (--port or PORT).`,
      );
    case 'EACCES':
      return new ListenError(
        `PORT: ${where} needs privileges this user does not have; choose a port above 1023.`,
      );
    case 'EADDRNOTAVAIL':
      return new ListenError(
        `HOST: ${host} is not an address of this machine (or that IP version is off); use one of its addresses, e.g. 127.0.0.1 or ::1.`,
      );
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new ListenError(`HOST: "${host}" cannot be resolved to an address of this machine.`);
    default:
      return undefined;
  }
}

export interface RunningServer {
  url: string;
  runtime: Runtime;
  /** Resolves when unfinished sends from a previous run have been retried. */
  resumed: Promise<void>;
  /** The periodic sweep that finishes what a dead process or instance left. */
  takeover: Takeover;
  close(): Promise<void>;
}

/** Opens the runtime (start-up checks), creates the first user if needed, serves, resumes. */
export async function startServer(
  config: Config,
  io: { log: (line: string) => void; announce: (line: string) => void },
  options: {
    transport?: Transport;
    sendWaitMs?: number;
    loginThrottle?: LoginThrottleSettings;
  } = {},
): Promise<RunningServer> {
  const runtime = await openRuntime(config, io.log, options.transport);
  const first = await ensureFirstUser(runtime);
  if (first) {
    // The only time this password is ever shown; it is stored hashed.
    io.announce(
      `Created the first user.\n  email:    ${first.email}\n  password: ${first.password}\nThis password is shown once. Add users with: csp-sender users add EMAIL`,
    );
  }
  const app = createApp({
    sender: runtime.sender,
    sessionHours: config.sessionHours,
    cookieSecure: config.cookieSecure,
    webhookSecret: config.webhookSecret,
    log: io.log,
    trustProxy: config.trustProxy,
    publicOrigin: config.publicOrigin,
    oidc: config.oidc,
    localPasswords: config.localPasswords,
    ...(options.sendWaitMs !== undefined ? { sendWaitMs: options.sendWaitMs } : {}),
    ...(options.loginThrottle !== undefined ? { loginThrottle: options.loginThrottle } : {}),
    deviceKey: await deviceKeyFor(runtime.store, config.dataDir),
  });
  let server: Server;
  try {
    server = await new Promise<Server>((resolve, reject) => {
      const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => {
        resolve(s);
      }) as Server;
      s.once('error', reject);
    });
  } catch (error) {
    await runtime.close();
    throw listenProblem(error, config.host, config.port) ?? error;
  }
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const resumed = runtime.sender.resume().then(
    (rows) => {
      if (rows.length > 0)
        io.log(
          `resumed ${rows.length} unfinished send(s): ${rows.map((r) => `#${r.id} ${r.state}`).join(', ')}`,
        );
    },
    (error: unknown) => {
      io.log(`resume failed: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  // After the start's resume: what another process or instance leaves from now on.
  const takeover = new Takeover(runtime.sender, io.log);
  void resumed.then(() => {
    takeover.start();
  });
  return {
    url,
    runtime,
    resumed,
    takeover,
    close: async () => {
      await takeover.stop();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
        server.closeAllConnections();
      });
      await resumed;
      await runtime.close();
    },
  };
}
