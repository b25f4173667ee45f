import { beforeEach, expect, it } from 'vitest';
import { checkTransport } from '../src/sending/startup-check.js';
import { OutboxTransport } from '../src/transports/outbox.js';
import { TransportCheckError } from '../src/transports/types.js';
import { describeStores } from './stores.js';

/** An outbox whose start-up check answers from a script. */
class ScriptedCheck extends OutboxTransport {
  constructor(
    dir: string,
    /** A refusal message, or "ok". */
    private readonly answers: string[],
  ) {
    super(dir);
  }
  override check(): Promise<void> {
    const answer = this.answers.shift() ?? 'ok';
    return answer === 'ok' ? Promise.resolve() : Promise.reject(new TransportCheckError(answer));
  }
}

const BUSY = 'cannot list domains: Resend: HTTP 429 rate_limit_exceeded: Too many requests.';
const logs: string[] = [];
beforeEach(() => {
  logs.length = 0;
});

describeStores('start-up check under a busy provider', (s) => {
  it('records a pass', async () => {
    await checkTransport(new ScriptedCheck(s.dir, ['ok']), s.store, (l) => logs.push(l));
    expect(await s.store.audit.events('transport-check-passed')).toHaveLength(1);
  });

  it('goes on when the provider stays busy and the same account passed within 15 minutes', async () => {
    await checkTransport(new ScriptedCheck(s.dir, ['ok']), s.store, () => undefined);
    await checkTransport(new ScriptedCheck(s.dir, [BUSY]), s.store, (l) => logs.push(l));
    expect(logs.join('\n')).toMatch(/outbox passed it at .*, so this run goes on/);
    // Not once the pass is old.
    const later = () => Date.now() + 16 * 60_000;
    await expect(
      checkTransport(new ScriptedCheck(s.dir, [BUSY]), s.store, () => undefined, later),
    ).rejects.toThrow(/HTTP 429/);
  });

  it('stops when the provider is busy and there is no recent pass', async () => {
    await expect(
      checkTransport(new ScriptedCheck(s.dir, [BUSY]), s.store, () => undefined),
    ).rejects.toThrow(/HTTP 429/);
  });

  it('never goes on past a real refusal', async () => {
    await checkTransport(new ScriptedCheck(s.dir, ['ok']), s.store, () => undefined);
    const refusal =
      'Resend is not ready to send:\n  - domain ingrammicro.com has click tracking on';
    await expect(
      checkTransport(new ScriptedCheck(s.dir, [refusal]), s.store, () => undefined),
    ).rejects.toThrow(/click tracking on/);
  });
});
