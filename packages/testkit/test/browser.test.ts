import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findBrowser, requireBrowser } from '../src/browser.js';

let dir = '';
const executable = (name: string) => {
  const path = join(dir, name);
  writeFileSync(path, '#!/bin/sh\n');
  chmodSync(path, 0o755);
  return path;
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'testkit-browser-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('finding the browser', () => {
  it('takes CHROME_PATH first, then PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH', () => {
    const chrome = executable('chrome');
    const other = executable('other');
    expect(
      findBrowser({ CHROME_PATH: chrome, PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: other }),
    ).toEqual({ path: chrome, source: '$CHROME_PATH' });
    expect(findBrowser({ PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH: other, PATH: dir })).toEqual({
      path: other,
      source: '$PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH',
    });
  });

  it('refuses a variable that names no executable, naming the variable', () => {
    expect(() => findBrowser({ CHROME_PATH: join(dir, 'missing') })).toThrow(
      /CHROME_PATH is set to .*missing, which is not an executable file/,
    );
  });

  it('looks for chromium, chromium-browser, google-chrome, google-chrome-stable on PATH, in that order', () => {
    const stable = executable('google-chrome-stable');
    expect(findBrowser({ PATH: dir })).toEqual({
      path: stable,
      source: 'google-chrome-stable on PATH',
    });
    const chromium = executable('chromium-browser');
    expect(findBrowser({ PATH: `/nonexistent:${dir}` })).toEqual({
      path: chromium,
      source: 'chromium-browser on PATH',
    });
  });

  it('skips files that are not executable', () => {
    writeFileSync(join(dir, 'chromium'), '');
    expect(findBrowser({ PATH: dir })).toBeUndefined();
    expect(() => requireBrowser({ PATH: dir })).toThrow(/set CHROME_PATH/);
  });
});
