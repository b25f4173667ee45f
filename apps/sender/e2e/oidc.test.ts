/**
 * Issue 19 in a real browser: Sign in with Microsoft against a local OpenID Provider
 * (oidc-provider on 127.0.0.1, Entra-like claims, its development login and consent pages),
 * a user from a tenant that is not allowed is refused, and a new local user must change the
 * one-time password before anything else. Screenshots in .test-results/screenshots/oidc/.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserLaunchOptions } from '@csp-enablement/testkit/browser';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { hashPassword } from '../src/passwords.js';
import { startServer, type RunningServer } from '../src/server.js';
import { Team } from '../src/team/core.js';
import {
  CLIENT,
  freePort,
  OTHER_TENANT,
  startTestProvider,
  TENANT,
  type TestProvider,
} from '../test/oidc-test-provider.js';

const SHOTS = fileURLToPath(new URL('../.test-results/screenshots/oidc/', import.meta.url));

const dataDir = mkdtempSync(join(tmpdir(), 'csp-sender-e2e-oidc-'));
let provider: TestProvider | undefined;
let server: RunningServer | undefined;
let browser: Browser | undefined;
let url = '';
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  provider = await startTestProvider({ ...CLIENT, redirectUri: `${url}/auth/oidc/callback` });
  server = await startServer(
    loadConfig({
      SENDER_DATA_DIR: dataDir,
      PORT: String(port),
      SENDER_PUBLIC_URL: url,
      SENDER_OIDC_ISSUER: provider.issuer,
      SENDER_OIDC_CLIENT_ID: CLIENT.clientId,
      SENDER_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      SENDER_OIDC_ALLOWED_TENANTS: TENANT,
      SENDER_OIDC_CLAIMS: 'entra',
    }),
    { log: () => undefined, announce: () => undefined },
  );
  browser = await chromium.launch(browserLaunchOptions());
});

afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close().catch(() => undefined);
  await provider?.close().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
});

/** A fresh browser profile (no cookies), with the sender's console errors collected. */
async function freshPage(): Promise<Page> {
  if (!browser) throw new Error('no browser');
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // Only the sender's pages count: a CSP violation there is a console error. The 403 of a
  // refused sign-in is asked for on purpose.
  page.on('console', (m) => {
    if (
      page.url().startsWith(url) &&
      m.type() === 'error' &&
      !/^Failed to load resource: .* status of 4\d\d/.test(m.text())
    )
      problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  return page;
}

/** The provider's development login page, then its consent page. */
async function microsoftSignIn(page: Page, login: string): Promise<void> {
  await page.goto(`${url}/login`);
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await page.waitForURL((u) => u.href.startsWith(provider?.issuer ?? '-'));
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

describe('Sign in with Microsoft and one-time passwords in a browser', () => {
  it('an invited user signs in with the local OpenID Provider', async () => {
    if (!server || !provider) throw new Error('not started');
    await server.runtime.store.users.addUser(
      'alice@reseller.example',
      await hashPassword('unused password 1'),
      'sales',
    );
    provider.accounts.set('alice-oid', {
      tid: TENANT,
      oid: 'alice-oid',
      email: 'alice@reseller.example',
      xms_edov: true,
    });
    const page = await freshPage();
    await microsoftSignIn(page, 'alice-oid');
    await page.waitForURL(`${url}/compose`);
    await expect(page.getByRole('link', { name: 'alice@reseller.example' }).count()).resolves.toBe(
      1,
    );
    await page.screenshot({ path: join(SHOTS, '1-signed-in.png'), fullPage: true });
    await page.context().close();
  });

  it('a user from a tenant that is not allowed is refused', async () => {
    if (!server || !provider) throw new Error('not started');
    await server.runtime.store.users.addUser(
      'eve@other.example',
      await hashPassword('unused password 2'),
      'sales',
    );
    provider.accounts.set('eve-oid', {
      tid: OTHER_TENANT,
      oid: 'eve-oid',
      email: 'eve@other.example',
      xms_edov: true,
    });
    const page = await freshPage();
    await microsoftSignIn(page, 'eve-oid');
    await page.getByRole('heading', { name: 'Sign-in refused' }).waitFor();
    await expect(page.locator('[role="alert"]').innerText()).resolves.toContain(
      'is not allowed to use this sender',
    );
    await page.screenshot({ path: join(SHOTS, '2-tenant-refused.png'), fullPage: true });
    // No session: the compose page sends it back to sign in.
    await page.goto(`${url}/compose`);
    expect(page.url()).toBe(`${url}/login`);
    await page.context().close();
  });

  it('a new local user must change the one-time password before anything else', async () => {
    if (!server) throw new Error('not started');
    const { password } = await new Team(server.runtime.store).add(
      'admin@localhost.localdomain',
      'newbie@reseller.example',
      'sales',
    );
    const page = await freshPage();
    await page.goto(`${url}/login`);
    await page.getByLabel('Email').fill('newbie@reseller.example');
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in with a password' }).click();
    await page.waitForURL(`${url}/account/password`);
    await expect(page.locator('.notice').innerText()).resolves.toContain(
      'Your password was set by an admin',
    );
    await page.screenshot({ path: join(SHOTS, '3-must-change.png'), fullPage: true });
    // Every other page leads back here.
    await page.goto(`${url}/history`);
    expect(page.url()).toBe(`${url}/account/password`);
    await page.getByLabel('Current password').fill(password);
    await page.getByLabel(/^New password/).fill('newbie chose this passphrase');
    await page.getByRole('button', { name: 'Change password' }).click();
    await page.getByRole('heading', { name: 'Password changed' }).waitFor();
    await page.goto(`${url}/login`);
    await page.getByLabel('Email').fill('newbie@reseller.example');
    await page.getByLabel('Password').fill('newbie chose this passphrase');
    await page.getByRole('button', { name: 'Sign in with a password' }).click();
    await page.waitForURL(`${url}/compose`);
    await page.context().close();
  });

  it('no console errors on the sender’s pages (no CSP violation)', () => {
    expect(problems).toEqual([]);
  });
});
