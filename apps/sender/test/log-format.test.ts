/** SENDER_LOG_FORMAT: validated, and with `json` every line `serve` writes is one JSON object. */
import { createServer } from 'node:net';
import { spawnGroup, type GroupProcess } from '@csp-enablement/testkit/child';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { formatLine } from '../src/log.js';
import { tempDir } from './helpers.js';
import { CLI, CHILD_TIMEOUT_MS, runCli } from './spawn-cli.js';

const tmp = tempDir();
let serving: GroupProcess | undefined;
afterEach(async () => {
  await serving?.stop();
  serving = undefined;
});
afterAll(() => {
  tmp.cleanup();
});

interface Line {
  time: string;
  level: string;
  msg: string;
  [field: string]: unknown;
}

/** Every non-empty line must parse as one JSON object with time, level and msg. */
function jsonLines(text: string): Line[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      let parsed: unknown;
      expect(() => {
        parsed = JSON.parse(line) as unknown;
      }, line).not.toThrow();
      expect(parsed, line).toMatchObject({
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/) as unknown,
        level: expect.stringMatching(/^(info|error)$/) as unknown,
        msg: expect.any(String) as unknown,
      });
      return parsed as Line;
    });
}

describe('SENDER_LOG_FORMAT', () => {
  it('is text by default, json on request, and anything else is refused naming it', () => {
    expect(loadConfig({}).logFormat).toBe('text');
    expect(loadConfig({ SENDER_LOG_FORMAT: '' }).logFormat).toBe('text');
    expect(loadConfig({ SENDER_LOG_FORMAT: 'text' }).logFormat).toBe('text');
    expect(loadConfig({ SENDER_LOG_FORMAT: 'json' }).logFormat).toBe('json');
    for (const bad of ['JSON', 'xml', 'ndjson']) {
      expect(() => loadConfig({ SENDER_LOG_FORMAT: bad })).toThrow(ConfigError);
      expect(() => loadConfig({ SENDER_LOG_FORMAT: bad })).toThrow(
        'SENDER_LOG_FORMAT: must be text (the default) or json',
      );
    }
  });

  it('a JSON line keeps time, level and msg whatever the fields say', () => {
    const line = JSON.parse(
      formatLine(
        'json',
        'info',
        'hello\nworld',
        { msg: 'x', level: 'y', url: 'http://a' },
        new Date(0),
      ),
    ) as Line;
    expect(line).toEqual({
      time: '1970-01-01T00:00:00.000Z',
      level: 'info',
      msg: 'hello\nworld',
      url: 'http://a',
    });
    expect(formatLine('text', 'info', 'hello')).toBe('hello');
  });

  it('serve writes only JSON lines, from start to a SIGTERM stop', async () => {
    serving = spawnGroup(process.execPath, [CLI, 'serve'], {
      cwd: tmp.dir,
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: '0',
        SENDER_DATA_DIR: tmp.dir,
        SENDER_LOG_FORMAT: 'json',
      },
    });
    const proc = serving;
    const deadline = Date.now() + CHILD_TIMEOUT_MS;
    let url: string | undefined;
    while (url === undefined && Date.now() < deadline) {
      const listening = proc
        .output()
        .stdout.split('\n')
        .find((line) => line.includes('listening on'));
      if (listening !== undefined) url = (JSON.parse(listening) as { url: string }).url;
      else await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (url === undefined)
      throw new Error(`serve did not listen:\n${JSON.stringify(proc.output())}`);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    // SIGTERM to the group: serve logs its drain and exits.
    await proc.stop();
    const { stdout, stderr } = proc.output();
    const lines = [...jsonLines(stdout), ...jsonLines(stderr)];
    const msgs = lines.map((l) => l.msg);
    expect(msgs.some((m) => m.startsWith('Created the first user.'))).toBe(true);
    expect(lines.find((l) => l.msg.startsWith('csp-sender listening on'))).toMatchObject({
      level: 'info',
      url,
      transport: 'outbox',
      dataDir: tmp.dir,
    });
    expect(msgs.some((m) => m.startsWith('SIGTERM: stopping'))).toBe(true);
  });

  it('a refusal at start is a JSON line too (level error), with its exit code', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const address = blocker.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const result = await runCli(['serve'], {
        HOST: '127.0.0.1',
        PORT: String(port),
        SENDER_DATA_DIR: tmp.dir,
        SENDER_LOG_FORMAT: 'json',
      });
      expect(result.code).toBe(2);
      const lines = [...jsonLines(result.stdout), ...jsonLines(result.stderr)];
      expect(lines.find((l) => l.level === 'error')?.msg).toMatch(/^PORT: .* is already in use/);
      // A bad variable beside it: the configuration error is JSON as well.
      const bad = await runCli(['serve'], {
        PORT: 'many',
        SENDER_LOG_FORMAT: 'json',
        SENDER_DATA_DIR: tmp.dir,
      });
      expect(bad.code).toBe(2);
      expect(jsonLines(bad.stderr)[0]?.msg).toContain('PORT: PORT must be a whole number');
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
