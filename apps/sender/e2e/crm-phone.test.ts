/**
 * Issue 18 on a phone (375 px): a CRM export as German Excel writes it (BOM, ";", CRLF,
 * extra columns, German headers), its columns mapped, the plan ("8 … sent, 3 skipped"),
 * the valid rows sent to the local outbox, then history as cards with recipient and
 * state, and no sideways scrolling. Screenshots of history, batches and team at 375 px.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserLaunchOptions } from '@csp-enablement/testkit/browser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { startServer, type RunningServer } from '../src/server.js';

const SHOTS = fileURLToPath(new URL('../.test-results/screenshots/crm-phone/', import.meta.url));
const ADMIN = 'admin@localhost.localdomain';
const WIDTH = 375;
// Per step, generous: the batch is 8 emails through the outbox and a page that refreshes itself.
const BATCH_MS = 120_000;

const GOOD = [
  ['Contoso GmbH', 'Max Müller', 'max.mueller@contoso.example', 'Deutschland'],
  ['Fabrikam AG', 'Erika Muster', 'erika@fabrikam.example', 'DE'],
  ['Northwind SARL', 'Jean Dupont', 'jean.dupont@northwind.example', 'France'],
  ['Tailspin BV', 'Jan de Vries', 'jan@tailspin.example', 'Nederland'],
  ['Adatum SL', 'Lucía Gómez', 'lucia@adatum.example', 'España'],
  ['Litware GmbH', 'Jörg Weiß', 'joerg.weiss@litware.example', 'Germany'],
  ['Proseware Ltd', 'Amy Hill', 'amy@proseware.example', 'GB'],
  ['Wingtip Inc', 'Sam Lee', 'sam@wingtip.example', 'US'],
];
const BAD = [
  ['Kein Mail AG', 'Otto Normal', '', 'DE'],
  ['Tippfehler KG', 'Anna Fehler', 'anna@@tippfehler.example', 'DE'],
  ['Telefon GmbH', 'Paul Ruf', '0049 30 1234567', 'DE'],
];

/** As Excel's "CSV UTF-8" saves it with German settings: BOM, ";", CRLF, every column. */
function crmExport(): Buffer {
  const header = ['Firma', 'Ansprechpartner', 'E-Mail (geschäftlich)', 'Telefon', 'Land'];
  const lines = [...GOOD.slice(0, 4), BAD[0], GOOD[4], BAD[1], GOOD[5], BAD[2], ...GOOD.slice(6)]
    .filter((r): r is string[] => r !== undefined)
    .map(([company, name, email, country]) =>
      [company, name, email, '+49 30 555 0100', country].join(';'),
    );
  return Buffer.from(`\uFEFF${[header.join(';'), ...lines].join('\r\n')}\r\n`, 'utf8');
}

const dataDir = mkdtempSync(join(tmpdir(), 'csp-sender-e2e-crm-'));
let server: RunningServer;
let browser: Browser;
let page: Page;
let adminPassword = '';
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer(loadConfig({ SENDER_DATA_DIR: dataDir, PORT: '0' }), {
    log: () => undefined,
    announce: (line) => {
      adminPassword = /password: (\S+)/.exec(line)?.[1] ?? adminPassword;
    },
  });
  browser = await chromium.launch(browserLaunchOptions());
  const context = await browser.newContext({ viewport: { width: WIDTH, height: 800 } });
  page = await context.newPage();
  // A CSP violation is a console error: the page must work without script or inline style.
  // The mapping step answers 400 on purpose (the file cannot be sent as it is).
  page.on('console', (m) => {
    if (m.type() === 'error' && !/^Failed to load resource: .* status of 400/.test(m.text()))
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
});

afterAll(async () => {
  await browser.close().catch(() => undefined);
  await server.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

const scrollWidth = (): Promise<number> =>
  page.evaluate(() => document.scrollingElement?.scrollWidth ?? Number.POSITIVE_INFINITY);

async function shot(name: string): Promise<void> {
  expect(await scrollWidth(), `${name}: sideways scrolling at ${WIDTH} px`).toBeLessThanOrEqual(
    WIDTH,
  );
  // Words break only where they must ("ver sion" came from word-break: break-all).
  const breakAll = await page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((el) => getComputedStyle(el).wordBreak === 'break-all')
      .map((el) => el.tagName.toLowerCase() + (el.className === '' ? '' : `.${el.className}`)),
  );
  expect(breakAll, `${name}: elements breaking words anywhere`).toEqual([]);
  await page.screenshot({ path: join(SHOTS, `${name}-${WIDTH}.png`), fullPage: true });
}

/** The header's menu (a <details>): open it and follow a link. */
async function menu(link: string): Promise<void> {
  await page.getByText('Menu', { exact: true }).click();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link }).click();
}

describe('a CRM export, sent and read on a phone', () => {
  it('maps, plans (8 to send, 3 skipped), sends to the outbox, and shows history as cards', async () => {
    expect(adminPassword).not.toBe('');
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Email').fill(ADMIN);
    await page.getByLabel('Password').fill(adminPassword);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(`${server.url}/compose`);

    // The header is one line: the brand and "Menu" side by side.
    const header = await page.evaluate(() => {
      const top = document.querySelector('header.top')?.getBoundingClientRect();
      const summary = document.querySelector('header.top summary')?.getBoundingClientRect();
      return { height: top?.height ?? 0, summary: summary?.height ?? 0 };
    });
    expect(header.height).toBeLessThan(header.summary * 2.5);
    await page.getByText('Menu', { exact: true }).click();
    await shot('01-menu-open');
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Batches' })
      .click();
    await page.waitForURL(`${server.url}/batches`);

    await page.getByLabel('Template').selectOption('customer-authorization-request');
    await page.getByLabel(/^CSV file/).setInputFiles({
      name: 'crm-export.csv',
      mimeType: 'text/csv',
      buffer: crmExport(),
    });
    await page.getByRole('button', { name: 'Check the file' }).click();

    // No column is called "email": the user says which one holds the addresses.
    await page.getByRole('heading', { name: 'Which column is which?' }).waitFor();
    await shot('02-mapping');
    await page.getByLabel('To (required)').selectOption({ label: '3: E-Mail (geschäftlich)' });
    await expect(page.getByLabel('Country').inputValue()).resolves.toBe('5');
    await page.getByRole('button', { name: 'Check the file' }).click();

    await page.getByRole('heading', { name: 'Send this batch?' }).waitFor();
    await expect(page.locator('#plan-summary').innerText()).resolves.toContain(
      '8 rows will be sent, 3 skipped',
    );
    const skipped = await page.getByRole('list', { name: 'Skipped lines' }).innerText();
    expect(skipped.split('\n')).toHaveLength(3);
    expect(skipped).toMatch(/line 6\b/);
    expect(skipped).toMatch(/line 8\b/);
    expect(skipped).toMatch(/line 10\b/);
    await shot('03-plan');
    await page.getByRole('button', { name: 'OK' }).click();

    await page.waitForURL(/\/batches\/[0-9a-f]{32}-\d+$/);
    await page.getByRole('heading', { name: 'Batch finished' }).waitFor({ timeout: BATCH_MS });
    await expect(page.locator('[data-bucket="sent"]').innerText()).resolves.toBe('8');
    await expect(page.locator('#batch-result').innerText()).resolves.toBe(
      'All 8 emails were sent.',
    );
    await shot('04-batch-result');
    const eml = readdirSync(join(dataDir, 'outbox')).filter((f) => f.endsWith('.eml'));
    expect(eml).toHaveLength(8);
    const sent = await server.runtime.store.sends.history(100);
    expect(sent.map((r) => r.to[0]).sort()).toEqual(GOOD.map((r) => r[2]).sort());
    expect(sent.every((r) => r.state === 'sent')).toBe(true);

    // The result links to its rows in history: cards, recipient and state on each.
    await page.getByRole('link', { name: 'See them in history' }).click();
    await page.waitForURL(/\/history\?batch=/);
    await expect(page.locator('#history-count').innerText()).resolves.toMatch(/^8 sends match/);
    const cards = await page.locator('table.rows tbody tr').evaluateAll((rows) =>
      rows.map((tr) => {
        const visible = (el: Element | null): boolean => {
          const box = el?.getBoundingClientRect();
          return box !== undefined && box.width > 0 && box.height > 0 && box.right <= 375;
        };
        return {
          display: getComputedStyle(tr).display,
          recipient: tr.querySelector('a.row-link')?.textContent ?? '',
          recipientVisible: visible(tr.querySelector('a.row-link')),
          state: tr.querySelector('.state')?.textContent ?? '',
          stateVisible: visible(tr.querySelector('.state')),
        };
      }),
    );
    expect(cards).toHaveLength(8);
    for (const card of cards) {
      expect(card).toMatchObject({
        display: 'block',
        recipientVisible: true,
        state: 'Written to outbox',
        stateVisible: true,
      });
    }
    expect(cards.map((c) => c.recipient).sort()).toEqual(GOOD.map((r) => r[2]).sort());
    // The column heads are for screen readers only (each card names its fields).
    const head = await page.locator('table.rows thead').boundingBox();
    expect(head?.height ?? 0).toBeLessThanOrEqual(1);
    expect(await scrollWidth()).toBeLessThanOrEqual(WIDTH);
    await shot('05-history');

    // A whole card opens its send (the row link covers it; no script).
    const first = page.locator('table.rows tbody tr').first();
    await first.scrollIntoViewIfNeeded();
    const box = await first.boundingBox();
    if (box === null) throw new Error('the first card has no box');
    await page.mouse.click(box.x + box.width - 10, box.y + box.height - 10);
    await page.waitForURL(/\/sends\/\d+$/);
    await shot('06-send');

    await menu('Batches');
    await page.waitForURL(`${server.url}/batches`);
    await shot('07-batches');
    await menu('Team');
    await page.waitForURL(`${server.url}/team`);
    await shot('08-team');
    await menu('History');
    await page.waitForURL(`${server.url}/history`);
    await shot('09-history-all');

    expect(problems).toEqual([]);
  });
});
