import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserLaunchOptions } from '@csp-enablement/testkit/browser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

const SHOTS = fileURLToPath(new URL('../.test-results/screenshots/', import.meta.url));

const dataDir = mkdtempSync(join(tmpdir(), 'csp-sender-e2e-'));
let server: RunningServer;
let browser: Browser;
let page: Page;
let password = '';
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer(loadConfig({ SENDER_DATA_DIR: dataDir, PORT: '0' }), {
    log: () => undefined,
    announce: (line) => {
      password = /password: (\S+)/.exec(line)?.[1] ?? password;
    },
  });
  // The machine's Chromium or Chrome, driven by playwright-core (no browser download).
  browser = await chromium.launch(browserLaunchOptions());
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  // Any console error (a CSP violation included) fails the run.
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
});

afterAll(async () => {
  await browser.close().catch(() => undefined);
  await server.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

const shot = (name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

describe('sender in a browser', () => {
  it('signs in, composes, previews, confirms with OK, sends, and shows the history', async () => {
    expect(password).not.toBe('');
    await page.goto(`${server.url}/compose`);
    expect(page.url()).toBe(`${server.url}/login`);
    await shot('1-login');
    await page.getByLabel('Email').fill('admin@localhost.localdomain');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/compose`);

    await page.getByLabel('Template').selectOption('customer-authorization-request');
    await page.getByLabel('Country').selectOption('GB');
    await page.getByLabel(/^To/).fill('global.admin@contoso.example');
    await page.getByLabel(/^CC/).fill('sales.rep@reseller.example');
    await shot('2-compose');
    await page.getByRole('button', { name: 'Preview' }).click();

    await page.getByRole('heading', { name: 'Preview' }).waitFor();
    const frame = page.frameLocator('iframe.email');
    await expect(frame.locator('body').innerText()).resolves.toMatch(/Global Administrator/);
    // The frame is sandboxed without scripts and shows the unchanged invitation link.
    expect(await page.locator('iframe.email').getAttribute('sandbox')).toBe('');
    const href = await frame
      .locator('a[href^="https://admin.microsoft.com/"]')
      .first()
      .getAttribute('href');
    expect(href).toMatch(
      /^https:\/\/admin\.microsoft\.com\/Adminportal\/Home\?invType=ResellerRelationship&partnerId=/,
    );
    await expect(page.locator('pre.text').innerText()).resolves.toContain(href ?? 'missing');
    // Nothing about the text is editable: the only inputs anywhere are the recipient choices.
    expect(await page.locator('textarea, [contenteditable]').count()).toBe(0);
    await shot('3-preview');

    await page.getByRole('button', { name: 'Continue to send' }).click();
    await page.getByRole('heading', { name: 'Send this email?' }).waitFor();
    await shot('4-confirm');
    await page.getByRole('button', { name: 'OK' }).click();

    await page.waitForURL(/\/sends\/\d+$/);
    const messageId = await page.locator('#message-id').innerText();
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    await shot('5-result');
    const row = (await server.runtime.store.sends.history())[0];
    expect(row).toMatchObject({
      state: 'sent',
      messageId,
      to: ['global.admin@contoso.example'],
      cc: ['sales.rep@reseller.example'],
    });
    expect(readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'))).toHaveLength(1);

    await page.getByRole('link', { name: 'History' }).first().click();
    await page.waitForURL(`${server.url}/history`);
    const table = await page.locator('table').innerText();
    // History in words: recipient, subject, template name, who, state; the ids stay on the send's page.
    expect(table).toContain('global.admin@contoso.example');
    expect(table).toContain('by admin@localhost.localdomain');
    expect(table).toContain(row?.subject ?? 'missing');
    expect(table).toContain('Step 2: Customer authorization request');
    expect(table).toContain('Written to outbox');
    expect(table).not.toContain(messageId);
    expect(table).not.toContain(row?.fingerprint.slice(0, 12) ?? 'missing');
    await shot('6-history');
    await page.getByRole('link', { name: 'global.admin@contoso.example' }).click();
    await page.waitForURL(`${server.url}/sends/${row?.id ?? 0}`);
    await expect(page.locator('#message-id').innerText()).resolves.toBe(messageId);
    await page.goBack();

    // No console errors so far (a CSP violation would be one).
    expect(problems).toEqual([]);

    // A bad address gets the form back (a 400) with the field named, and nothing is sent.
    await page.goto(`${server.url}/compose`);
    await page.getByLabel(/^To/).fill('Global Admin <ga@contoso.example> (IT)');
    await page.getByRole('button', { name: 'Preview' }).click();
    // Said at the To field, in words, and tied to it: what a screen reader reads with the field.
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(
      /^To: .*is not an email address/,
    );
    const to = page.getByLabel(/^To/);
    await expect(to.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(to.getAttribute('aria-describedby')).resolves.toBe('to-error');
    await shot('7-error');
    expect(await server.runtime.store.sends.history()).toHaveLength(1);
  });

  it('issue 17: the preview page fits a 375 px phone (no sideways scrolling), both templates', async () => {
    // Signed in by the test above (same page, same session).
    await page.setViewportSize({ width: 375, height: 800 });
    try {
      for (const template of ['reseller-invitation', 'customer-authorization-request']) {
        await page.goto(`${server.url}/compose`);
        await page.getByLabel('Template').selectOption(template);
        await page.getByLabel('Country').selectOption('DE');
        await page.getByLabel(/^To/).fill('global.admin@contoso.example');
        await page.getByRole('button', { name: 'Preview' }).click();
        await page.getByRole('heading', { name: 'Preview' }).waitFor();
        await page.frameLocator('iframe.email').locator('body').waitFor();
        const width = await page.evaluate(() => ({
          scroll: document.documentElement.scrollWidth,
          inner: window.innerWidth,
        }));
        await shot(`8-preview-375-${template}`);
        expect(
          width.scroll,
          `${template}: ${width.scroll} px wide in ${width.inner} px`,
        ).toBeLessThanOrEqual(width.inner);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});
