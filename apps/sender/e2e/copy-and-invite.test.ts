/**
 * Issue 19 in a real browser: the copy button of the invitation link / one-time password
 * (the app's one script, /assets/copy.js) puts the value on the clipboard and says "Copied";
 * with scripts off the button is not shown and the read-only field has the focus and is
 * selected whole with Ctrl+A; the invited user opens the link, chooses a password and is
 * signed in. Screenshots in .test-results/screenshots/accounts/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserLaunchOptions } from '@csp-enablement/testkit/browser';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';

const SHOTS = fileURLToPath(new URL('../.test-results/screenshots/accounts/', import.meta.url));
const ADMIN = 'boss@reseller.example';
const PASSWORD = 'the admin passphrase';

const dataDir = mkdtempSync(join(tmpdir(), 'csp-sender-e2e-accounts-'));
let server: RunningServer | undefined;
let browser: Browser | undefined;
let url = '';
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer(loadConfig({ SENDER_DATA_DIR: dataDir, PORT: '0' }), {
    log: () => undefined,
    announce: () => undefined,
  });
  url = server.url;
  await server.runtime.store.users.addUser(ADMIN, await hashPassword(PASSWORD), 'admin');
  browser = await chromium.launch(browserLaunchOptions());
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

async function adminPage(options: { javaScriptEnabled: boolean }): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const context: BrowserContext = await browser.newContext({
    viewport: { width: 1100, height: 800 },
    ...options,
  });
  if (options.javaScriptEnabled)
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: url });
  const page = await context.newPage();
  // A CSP violation (e.g. a refused script) is a console error.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  await page.goto(`${url}/login`);
  await page.getByLabel('Email').fill(ADMIN);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${url}/compose`);
  await page.goto(`${url}/team`);
  return page;
}

describe('copy button and invitation link in a browser', () => {
  it('the copy button copies the invitation link and says "Copied"; the link signs the user in', async () => {
    const page = await adminPage({ javaScriptEnabled: true });
    await page.getByLabel('Email').fill('invited@reseller.example');
    await page.getByLabel(/Invitation link: they choose/).check();
    await page.screenshot({ path: join(SHOTS, '0-team-add.png') });
    await page.getByRole('button', { name: 'Add user' }).click();
    const field = page.getByLabel('Invitation link', { exact: true });
    const link = await field.inputValue();
    expect(link).toMatch(new RegExp(`^${url}/invitation/\\d+\\.`));
    const button = page.getByRole('button', { name: 'Copy' });
    await button.click();
    // The aria-live region of the field says it once the clipboard took the value.
    const status = page.locator('#invitation-link-status[aria-live="polite"]');
    await status.filter({ hasText: 'Copied' }).waitFor({ timeout: 10_000 });
    await expect(status.innerText()).resolves.toBe('Copied');
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(link);
    await page.screenshot({ path: join(SHOTS, '1-invitation-copied.png'), fullPage: true });
    await page.context().close();

    if (!browser) throw new Error('no browser');
    const invited = await (await browser.newContext()).newPage();
    await invited.goto(link);
    await invited.getByLabel(/^New password/).fill('invited chose this passphrase');
    await invited.screenshot({ path: join(SHOTS, '2-choose-password.png'), fullPage: true });
    await invited.getByRole('button', { name: 'Set password and sign in' }).click();
    await invited.waitForURL(`${url}/compose`);
    await invited.goto(link);
    await invited.getByRole('heading', { name: 'Invitation link already used' }).waitFor();
    await invited.screenshot({ path: join(SHOTS, '3-link-used.png'), fullPage: true });
    await invited.context().close();
  });

  it('without scripts: no copy button; the one-time password field has the focus and Ctrl+A selects it whole', async () => {
    const page = await adminPage({ javaScriptEnabled: false });
    await page.getByLabel('Email').fill('noscript@reseller.example');
    await page.getByRole('button', { name: 'Add user' }).click();
    const field = page.getByLabel('One-time password', { exact: true });
    const password = await field.inputValue();
    expect(password.length).toBeGreaterThanOrEqual(12);
    await expect(page.getByRole('button', { name: 'Copy' }).isVisible()).resolves.toBe(false);
    await expect(field.getAttribute('readonly')).resolves.toBe('');
    // autofocus: the field has the focus at once (Chromium puts the caret at its start and
    // selects nothing by itself), so Ctrl+A selects the whole value.
    await expect(field.evaluate((el) => el === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    const selected = await field.evaluate((el) =>
      el instanceof HTMLInputElement ? [el.selectionStart, el.selectionEnd] : [],
    );
    expect(selected).toEqual([0, password.length]);
    await page.screenshot({ path: join(SHOTS, '4-no-script-selected.png'), fullPage: true });
    await page.context().close();
  });

  it('no console errors (no CSP violation)', () => {
    expect(problems).toEqual([]);
  });
});
