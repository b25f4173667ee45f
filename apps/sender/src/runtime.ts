import { openStore } from './store/open.js';
import { countries } from '@csp-enablement/templates';
import { outboxDir, type Config } from './config.js';
import { hashPassword, randomPassword } from './passwords.js';
import { Sender } from './sending/sender.js';
import type { Store } from './store.js';
import { OutboxTransport } from './transports/outbox.js';
import { ResendTransport } from './transports/resend.js';
import { checkTransport } from './sending/startup-check.js';
import type { Transport } from './transports/types.js';

export interface Runtime {
  config: Config;
  store: Store;
  transport: Transport;
  sender: Sender;
  close(): Promise<void>;
}

export function createTransport(config: Config): Transport {
  if (config.resend) {
    const from = [
      ...new Set([
        ...countries.map((c) => c.senderAddress.value),
        ...(config.step1From !== undefined ? [config.step1From] : []),
      ]),
    ];
    return new ResendTransport(
      config.resend.apiKey,
      config.resend.baseUrl,
      from,
      config.allowPlaceholders,
      config.httpTimeoutMs,
      config.retry,
    );
  }
  return new OutboxTransport(outboxDir(config));
}

/**
 * Opens the store and the transport. The transport's start-up check runs
 * here: Resend must have the From domain verified with click tracking off.
 */
export async function openRuntime(
  config: Config,
  log: (line: string) => void,
  transport = createTransport(config),
  /** Reply-To of Step 1 rows whose creator is not an address (the CLI's --reply-to). */
  replyTo = config.firstUser,
): Promise<Runtime> {
  const store = await openStore(config, { log });
  try {
    await checkTransport(transport, store, log);
  } catch (error) {
    await store.close();
    throw error;
  }
  const sender = new Sender({
    store,
    transport,
    retry: config.retry,
    log,
    step1: { from: config.step1From, replyTo },
    leaseMs: config.leaseMs,
  });
  return {
    config,
    store,
    transport,
    sender,
    close: () => store.close(),
  };
}

/** On first start with no user: one local user with a random password, shown once. */
export async function ensureFirstUser(
  runtime: Runtime,
): Promise<{ email: string; password: string } | undefined> {
  const { store, config } = runtime;
  if ((await store.users.countUsers()) > 0) return undefined;
  const password = randomPassword();
  const hash = await hashPassword(password);
  // Looked at again in the write transaction: instances sharing a database start at once,
  // and only one of them makes (and shows) the first user.
  const added = await store.transaction(async () => {
    if ((await store.users.countUsers()) > 0) return false;
    await store.users.addUser(config.firstUser, hash);
    return true;
  });
  return added ? { email: config.firstUser, password } : undefined;
}
