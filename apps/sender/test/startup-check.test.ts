import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkTransport } from '../src/sending/startup-check.js';
import { Store } from '../src/store.js';
import { OutboxTransport } from '../src/transports/outbox.js';
import { TransportCheckError } from '../src/transports/types.js';
import { tempDir } from './helpers.js';

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
let tmp: ReturnType<typeof tempDir>;
let store: Store;
const logs: string[] = [];
const pauses: number[] = [];
const pause = (ms: number) => {
  pauses.push(ms);
  return Promise.resolve();
};
beforeEach(() => {
  tmp = tempDir();
  store = new Store(tmp.dir);
  logs.length = 0;
  pauses.length = 0;
});
afterEach(() => {
  store.close();
  tmp.cleanup();
});

describe('start-up check under a busy provider', () => {
  it('asks again when the provider is only busy, then records the pass', async () => {
    const t = new ScriptedCheck(tmp.dir, [BUSY, BUSY, 'ok']);
    await checkTransport(t, store, (l) => logs.push(l), pause);
    expect(pauses).toHaveLength(2);
    expect(store.events('transport-check-passed')).toHaveLength(1);
  });

  it('goes on when the same account passed within 15 minutes', async () => {
    await checkTransport(new ScriptedCheck(tmp.dir, ['ok']), store, () => undefined, pause);
    await checkTransport(new ScriptedCheck(tmp.dir, [BUSY]), store, (l) => logs.push(l), pause);
    expect(pauses).toEqual([]);
    expect(logs.join('\n')).toMatch(/outbox passed it at .*, so this run goes on/);
    // Not once the pass is old.
    const later = () => Date.now() + 16 * 60_000;
    const stale = new ScriptedCheck(
      tmp.dir,
      Array.from({ length: 8 }, () => BUSY),
    );
    await expect(checkTransport(stale, store, () => undefined, pause, later)).rejects.toThrow(
      /HTTP 429/,
    );
    expect(pauses).toHaveLength(7);
  });

  it('never goes on past a real refusal', async () => {
    await checkTransport(new ScriptedCheck(tmp.dir, ['ok']), store, () => undefined, pause);
    const refusal =
      'Resend is not ready to send:\n  - domain ingrammicro.com has click tracking on';
    await expect(
      checkTransport(new ScriptedCheck(tmp.dir, [refusal]), store, () => undefined, pause),
    ).rejects.toThrow(/click tracking on/);
    expect(pauses).toEqual([]);
  });
});
