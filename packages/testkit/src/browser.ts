/**
 * The one browser every browser test, benchmark and screenshot uses, found the way
 * CI images and developer machines expect: an explicit path first, then the usual
 * names on PATH. Debian ships `chromium`; Ubuntu's `chromium` is a snap shim that does
 * not run on CI runners, which ship Google Chrome instead.
 *
 * Erasable TypeScript only: the root scripts import this file on Node 24 directly.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/** Variables that name the browser explicitly, in the order they are read. */
export const BROWSER_PATH_VARIABLES = ['CHROME_PATH', 'PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH'];

/** Commands looked up on PATH when no variable names a browser. */
export const BROWSER_COMMANDS = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
];

/** Headless flags for tests: no sandbox (root in CI), no GPU, no calls home. */
export const BROWSER_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface FoundBrowser {
  /** Absolute path of the executable. */
  path: string;
  /** How it was found, for the test output: `$CHROME_PATH`, `chromium on PATH`. */
  source: string;
}

function isExecutableFile(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Finds the browser, or returns undefined when there is none. A variable that names
 * something that is not an executable file is an error, not a reason to look further:
 * the user asked for that browser.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  for (const variable of BROWSER_PATH_VARIABLES) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    if (!isExecutableFile(value))
      throw new Error(`${variable} is set to ${value}, which is not an executable file.`);
    return { path: value, source: `$${variable}` };
  }
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const command of BROWSER_COMMANDS) {
    for (const dir of dirs) {
      const path = join(dir, command);
      if (isExecutableFile(path)) return { path, source: `${command} on PATH` };
    }
  }
  return undefined;
}

/** Like findBrowser, but a missing browser is an error that says what to do. */
export function requireBrowser(env: NodeJS.ProcessEnv = process.env): FoundBrowser {
  const found = findBrowser(env);
  if (found) return found;
  throw new Error(
    `No browser for the browser tests: set CHROME_PATH to Chromium or Chrome, or install one of ` +
      `${BROWSER_COMMANDS.join(', ')} on PATH (Debian: apt-get install chromium).`,
  );
}

/** Options for playwright-core's `chromium.launch()`. */
export function browserLaunchOptions(env: NodeJS.ProcessEnv = process.env): {
  executablePath: string;
  args: string[];
} {
  return { executablePath: requireBrowser(env).path, args: [...BROWSER_ARGS] };
}
