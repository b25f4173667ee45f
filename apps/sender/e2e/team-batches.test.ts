/**
 * The done-when trial of issue 11 in a real browser: an admin adds a sales user; that user
 * uploads a 250-row CSV, confirms, and watches it finish; uploading it again sends nothing
 * twice. Every page is checked at 320, 375 and 1280 px (no sideways scroll), with axe
 * (0 violations) and screenshots at 375 and 1280 px.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { axeViolations } from '@csp-enablement/testkit/axe';
import { browserLaunchOptions } from '@csp-enablement/testkit/browser';
import { withDeadline } from '@csp-enablement/testkit/sweep';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

const SHOTS = fileURLToPath(new URL('../.test-results/screenshots/team-batches/', import.meta.url));
const ADMIN = 'admin@localhost.localdomain';
const SALES = 'rep@reseller.example';
const ROWS = 250;
// Time budgets per step, never one for the whole test: a slower machine takes longer,
// and a step that runs out says which it was. A page check is 3 widths, 2 axe runs and
// 2 screenshots; a batch is 250 rows through the outbox and the progress page.
const PAGE_CHECK_MS = 60_000;
const BATCH_MS = 180_000;
const PAGE_CHECKS = 15;
const seconds = (ms: number): string => `${ms / 1000} s`;

const dataDir = mkdtempSync(join(tmpdir(), 'csp-sender-e2e-team-'));
let server: RunningServer;
let browser: Browser;
let page: Page;
let adminPassword = '';
const problems: string[] = [];
/** Every page checked: name, widths that overflowed, axe violations. */
const checked: { name: string; overflow: string[]; violations: string[] }[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer(loadConfig({ SENDER_DATA_DIR: dataDir, PORT: '0' }), {
    log: () => undefined,
    announce: (line) => {
      adminPassword = /password: (\S+)/.exec(line)?.[1] ?? adminPassword;
    },
  });
  browser = await chromium.launch(browserLaunchOptions());
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  // Console errors (a CSP violation is one) fail the run; the 4xx pages this test asks for on purpose do not.
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: .* status of 4\d\d/.test(m.text()))
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
});

afterAll(async () => {
  await browser.close().catch(() => undefined);
  await server.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/** The page as it is now: fits 320, 375 and 1280 px, axe-clean at 375 and 1280, screenshots. */
function check(name: string): Promise<void> {
  return withDeadline(
    checkPage(name),
    PAGE_CHECK_MS,
    () => `page ${name}: still being checked after ${seconds(PAGE_CHECK_MS)}`,
  );
}

async function checkPage(name: string): Promise<void> {
  const overflow: string[] = [];
  const violations: string[] = [];
  for (const width of [320, 375, 1280]) {
    await page.setViewportSize({ width, height: 900 });
    // Two frames: the layout (and the email's frame) repainted at the new width.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))),
    );
    const { scroll, inner } = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth,
      inner: window.innerWidth,
    }));
    if (scroll > inner) overflow.push(`${width}px: scrollWidth ${scroll} > innerWidth ${inner}`);
    if (width === 320) continue;
    await page.screenshot({ path: join(SHOTS, `${name}-${width}.png`), fullPage: true });
    // The email itself is the locked template's HTML, checked in the templates package.
    for (const v of await axeViolations(page, { exclude: ['iframe.email'] }))
      violations.push(`${width}px ${v.id}: ${v.targets.join(', ')}`);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  checked.push({ name, overflow, violations });
}

async function signIn(email: string, password: string, landing = '/compose'): Promise<void> {
  await page.goto(`${server.url}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(`${server.url}${landing}`);
}

async function signOut(): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.waitForURL(`${server.url}/login`);
}

const csv = (rows: number): Buffer =>
  Buffer.from(
    `to,cc\n${Array.from({ length: rows }, (_, i) => `ga${i + 1}@customer${i + 1}.example,`).join('\n')}\n`,
  );

async function uploadAndConfirm(heading = 'Send this batch?'): Promise<void> {
  await page.goto(`${server.url}/batches`);
  await page.getByLabel('Template').selectOption('customer-authorization-request');
  await page.getByLabel('Country (for rows without one)').selectOption('GB');
  await page
    .getByLabel(/^CSV file/)
    .setInputFiles({ name: 'customers.csv', mimeType: 'text/csv', buffer: csv(ROWS) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await page.getByRole('heading', { name: heading }).waitFor();
  await expect(page.locator('#plan-rows').innerText()).resolves.toBe(String(ROWS));
}

/** The progress page reloads itself (meta refresh) until the batch has finished. */
async function watchUntilFinished(): Promise<void> {
  await page.waitForURL(/\/batches\/[0-9a-f]{32}-\d+$/);
  try {
    await page.getByRole('heading', { name: 'Batch finished' }).waitFor({ timeout: BATCH_MS });
  } catch {
    throw new Error(`the batch was not finished after ${seconds(BATCH_MS)} (${page.url()})`);
  }
}

const emlFiles = (): number =>
  readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml')).length;

describe('team and batches in a browser', () => {
  it(
    'admin adds a sales user; the sales user sends a 250-row batch and watches it finish',
    async () => {
      const started = Date.now();
      expect(adminPassword).not.toBe('');
      await page.goto(`${server.url}/login`);
      await check('01-login');
      await signIn(ADMIN, adminPassword);
      await check('02-compose');

      // Admin: add a sales user; the one-time password is shown once.
      await page.getByRole('link', { name: 'Team' }).click();
      await page.getByRole('heading', { name: 'Team', exact: true }).waitFor();
      await check('03-team');
      await page.getByLabel('Email').fill(SALES);
      await page.getByLabel('Role').selectOption('sales');
      await page.getByRole('button', { name: 'Add user' }).click();
      await page.getByRole('heading', { name: 'User added' }).waitFor();
      const oneTime = await page.locator('#one-time-password').inputValue();
      expect(oneTime).toMatch(/^[A-Za-z0-9_-]{24}$/);
      await check('04-user-added');
      await page.goto(`${server.url}/team`);
      await expect(page.locator('table').last().innerText()).resolves.toContain(
        `added ${SALES} as sales`,
      );
      await signOut();

      // Sales: the one-time password only opens the password change; then no team page, a
      // batch upload, a plan, OK, progress, result.
      const salesPassword = 'the rep chose this passphrase';
      await signIn(SALES, oneTime, '/account/password');
      await page.getByLabel('Current password').fill(oneTime);
      await page.getByLabel(/^New password/).fill(salesPassword);
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByRole('heading', { name: 'Password changed' }).waitFor();
      await signIn(SALES, salesPassword);
      expect(await page.getByRole('link', { name: 'Team' }).count()).toBe(0);
      const forbidden = await page.goto(`${server.url}/team`);
      expect(forbidden?.status()).toBe(403);
      await check('05-team-forbidden');

      await page.goto(`${server.url}/batches`);
      await check('06-batches');
      await uploadAndConfirm();
      await check('07-plan');
      await page.getByRole('button', { name: 'OK' }).click();
      await watchUntilFinished();
      await expect(page.locator('[data-bucket="sent"]').innerText()).resolves.toBe(String(ROWS));
      await expect(page.locator('#batch-result').innerText()).resolves.toBe(
        `All ${ROWS} emails were sent.`,
      );
      await check('08-batch-finished');
      expect(emlFiles()).toBe(ROWS);
      const sent = await server.runtime.store.sends.history(1000);
      expect(sent.filter((r) => r.state === 'sent' && r.createdBy === SALES)).toHaveLength(ROWS);

      // The same file again, finished: the plan says so and offers no OK; nothing is sent twice.
      await uploadAndConfirm('This file was sent already');
      await expect(page.locator('#plan-finished').innerText()).resolves.toContain(
        `all ${ROWS} emails went out`,
      );
      expect(await page.getByRole('button', { name: 'OK' }).count()).toBe(0);
      expect(emlFiles()).toBe(ROWS);

      // A file with a bad line: the plan skips it, naming line and column; nothing queued.
      await page.goto(`${server.url}/batches`);
      await page.getByLabel(/^Country/).selectOption('GB');
      await page.getByLabel(/^CSV file/).setInputFiles({
        name: 'bad.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from('to,cc\nok@customer.example,\nnot-an-address,\n'),
      });
      await page.getByRole('button', { name: 'Check the file' }).click();
      await expect(page.getByRole('list', { name: 'Skipped lines' }).innerText()).resolves.toMatch(
        /line 3, column to: /,
      );
      await check('09-bad-file');
      expect(await server.runtime.store.sends.history(1000)).toHaveLength(ROWS);

      // The other pages a sales user sees.
      await page.goto(`${server.url}/history`);
      await check('10-history');
      await page.goto(`${server.url}/account`);
      await check('11-account');
      await page.goto(`${server.url}/compose`);
      await page.getByLabel('Country', { exact: true }).selectOption('GB');
      await page.getByLabel(/^To/).fill('global.admin@contoso.example');
      await page.getByRole('button', { name: 'Preview' }).click();
      await page.getByRole('heading', { name: 'Preview', exact: true }).waitFor();
      await check('12-preview');
      await page.getByRole('button', { name: 'Continue to send' }).click();
      await page.getByRole('heading', { name: 'Send this email?' }).waitFor();
      await check('13-confirm');
      await page.getByRole('button', { name: 'OK' }).click();
      await page.waitForURL(/\/sends\/\d+$/);
      await check('14-result');
      await page.goto(`${server.url}/sends/999999`);
      await check('15-not-found');

      expect(checked).toHaveLength(PAGE_CHECKS);
      console.log(
        `team-batches e2e: ${checked.length} pages checked at 320/375/1280 px in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
      expect(checked.filter((c) => c.overflow.length > 0)).toEqual([]);
      expect(checked.filter((c) => c.violations.length > 0)).toEqual([]);
      expect(problems).toEqual([]);
    },
    (PAGE_CHECKS + 1) * PAGE_CHECK_MS + 2 * BATCH_MS,
  );
});
