/**
 * Issue 19: roles from Entra ID app roles (SENDER_OIDC_ROLE_CLAIM=roles), read from the
 * validated ID token of a real OpenID Provider at each sign-in; and pending sign-ins kept in
 * the store, so one started before a restart completes after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/passwords.js';
import { PASSWORD } from './web-fixture.js';
import { openOidcPair, type OidcPair } from './oidc-pair.js';

const ROLES = {
  SENDER_OIDC_ROLE_CLAIM: 'roles',
  SENDER_OIDC_ADMIN_ROLES: 'Sender.Admin',
  SENDER_OIDC_SALES_ROLES: 'Sender.Sales',
};

describe('SENDER_OIDC_ROLE_CLAIM=roles', () => {
  let pair: OidcPair;
  beforeAll(async () => {
    pair = await openOidcPair({ ...ROLES, SENDER_OIDC_AUTO_ROLE: 'sales' });
  });
  afterAll(async () => {
    await pair.close();
  });
  const roleOf = async (email: string) =>
    (await pair.web.server.runtime.store.users.findUser(email))?.role;

  it('the role follows the app roles at each sign-in, both ways, and is audit-logged', async () => {
    const store = pair.web.server.runtime.store;
    await store.users.addUser('lead@reseller.example', await hashPassword(PASSWORD), 'sales');
    pair.account('lead-oid', { email: 'lead@reseller.example', roles: ['Sender.Admin'] });
    expect((await pair.signIn('lead-oid')).signedIn).toBe(true);
    expect(await roleOf('lead@reseller.example')).toBe('admin');
    // The Entra admin takes the admin role away: the next sign-in makes them sales again.
    pair.account('lead-oid', { email: 'lead@reseller.example', roles: ['Sender.Sales'] });
    expect((await pair.signIn('lead-oid')).signedIn).toBe(true);
    expect(await roleOf('lead@reseller.example')).toBe('sales');
    const audit = (await store.audit.events('team')).map((e) => e.detail);
    expect(audit).toContain(
      'made lead@reseller.example admin from their Microsoft app roles (was sales)',
    );
    expect(audit).toContain(
      'made lead@reseller.example sales from their Microsoft app roles (was admin)',
    );
  });

  it('a user with none of the mapped app roles is refused with a clear page', async () => {
    await pair.web.server.runtime.store.users.addUser(
      'norole@reseller.example',
      await hashPassword(PASSWORD),
      'admin',
    );
    pair.account('norole-oid', { email: 'norole@reseller.example', roles: ['Other.App.Role'] });
    const res = await pair.signIn('norole-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(res.text).toContain('Your Microsoft account has no role in this sender');
    expect(res.text).toContain('assign you one of the sender app roles');
    // Not even the stored admin role lets them in.
    pair.account('none-oid', { email: 'norole@reseller.example' });
    expect((await pair.signIn('none-oid')).signedIn).toBe(false);
  });

  it('a new user of an allowed tenant (SENDER_OIDC_AUTO_ROLE) gets the app role, admin too', async () => {
    pair.account('boss-oid', { email: 'newboss@reseller.example', roles: ['Sender.Admin'] });
    expect((await pair.signIn('boss-oid')).signedIn).toBe(true);
    expect(await roleOf('newboss@reseller.example')).toBe('admin');
  });
});

describe('pending sign-ins live in the store', () => {
  let pair: OidcPair;
  beforeAll(async () => {
    pair = await openOidcPair();
  });
  afterAll(async () => {
    await pair.close();
  });

  it('a sign-in started before a restart on the same data folder completes after it, once', async () => {
    await pair.web.server.runtime.store.users.addUser(
      'restart@reseller.example',
      await hashPassword(PASSWORD),
      'sales',
    );
    pair.account('restart-oid', { email: 'restart@reseller.example' });
    const { jar, callback } = await pair.toCallback('restart-oid');
    await pair.web.restart();
    const res = await pair.finish(jar, callback);
    expect([res.status, res.signedIn]).toEqual([200, true]);
    // Single use, in the store too: the same callback again finds nothing pending.
    const again = await jar.fetch(callback);
    expect(again.status).toBe(403);
    expect(await again.text()).toContain('expired or was already used');
  });
});
