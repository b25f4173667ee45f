/**
 * Issue 19, part 1: Sign in with Microsoft against a real OpenID Provider (oidc-provider on
 * 127.0.0.1, emulating Entra ID's tid / oid / xms_edov claims). openid-client is not mocked:
 * every check below is made by the sender's real code path. How each case is produced is
 * said in its test.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { Invitations } from '../src/accounts/invitations.js';
import { AccountStore } from '../src/accounts/store.js';
import { hashPassword } from '../src/passwords.js';
import { loginForm, PASSWORD, postLogin, type WebFixture } from './web-fixture.js';
import { Jar, OTHER_TENANT, TENANT, type TestProvider } from './oidc-test-provider.js';
import { openOidcPair, type OidcPair } from './oidc-pair.js';

let pair: OidcPair;
let provider: TestProvider;
let web: WebFixture;

const account = (login: string, claims: { email: string; tid?: string; xms_edov?: boolean }) => {
  pair.account(login, claims);
};
const toCallback = (login: string, jar?: Jar, edit?: (url: URL) => void) =>
  pair.toCallback(login, jar, edit);
const finish = (jar: Jar, callback: string) => pair.finish(jar, callback);
const signIn = (login: string) => pair.signIn(login);

const addUser = async (email: string): Promise<number> =>
  await web.server.runtime.store.users.addUser(email, await hashPassword(PASSWORD), 'sales');

const lastLog = (): string => web.log.filter((l) => l.startsWith('oidc:')).at(-1) ?? '';

/** A provider and a sender configured for it (test/oidc-pair.ts). */
async function startPair(env: Record<string, string>): Promise<void> {
  pair = await openOidcPair(env);
  ({ provider, web } = pair);
}

beforeAll(async () => {
  await startPair({});
});
afterAll(async () => {
  await pair.close();
});
beforeEach(() => {
  provider.rewrite = undefined;
  provider.foreignKey = false;
});

describe('Sign in with Microsoft (a real OpenID Provider on 127.0.0.1)', () => {
  it('happy path: an invited user signs in, is linked by tid + oid, and stays linked when the email changes', async () => {
    const id = await addUser('alice@reseller.example');
    account('alice-oid', { email: 'alice@reseller.example' });
    const first = await signIn('alice-oid');
    expect(first.status).toBe(200);
    expect(first.signedIn).toBe(true);
    expect(await new AccountStore(web.server.runtime.store).subjectOf(id)).toBe(
      `entra:${TENANT}:alice-oid`,
    );
    // The provider now says another email: the subject, not the email, names the user.
    account('alice-oid', { email: 'alice.renamed@reseller.example' });
    const again = await signIn('alice-oid');
    expect(again.signedIn).toBe(true);
    expect(web.log).toContain('sign-in (oidc): alice@reseller.example');
  });

  it('replayed code: the same callback again is refused, and the code in a new sign-in too', async () => {
    await addUser('replay@reseller.example');
    account('replay-oid', { email: 'replay@reseller.example' });
    const { jar, callback } = await toCallback('replay-oid');
    expect((await finish(jar, callback)).signedIn).toBe(true);
    // Produced by opening the very same callback URL again: its state/nonce/verifier were used.
    const fresh = new Jar();
    const start = await fresh.fetch(`${web.url}/auth/oidc/start`);
    await start.arrayBuffer();
    const replay = await finish(jar, callback);
    expect([replay.status, replay.signedIn]).toEqual([403, true]); // jar still holds the first session
    expect(lastLog()).toContain('no pending sign-in');
    // Produced by carrying the used code into a new, valid sign-in of the same browser (its
    // state is right): the provider refuses a code it already redeemed.
    const { jar: other, callback: otherCallback } = await toCallback('replay-oid');
    const used = new URL(callback).searchParams.get('code') ?? '';
    const forged = new URL(otherCallback);
    forged.searchParams.set('code', used);
    const refused = await finish(other, forged.href);
    expect([refused.status, refused.signedIn]).toEqual([403, false]);
    expect(lastLog()).toMatch(/invalid_grant/);
  });

  it('wrong issuer: an ID token signed with the provider key but naming another issuer is refused', async () => {
    await addUser('iss@reseller.example');
    account('iss-oid', { email: 'iss@reseller.example' });
    // Produced by the front server re-signing the token endpoint's ID token with iss changed.
    provider.rewrite = (claims) => ({ ...claims, iss: 'http://127.0.0.1:9/another-issuer' });
    const res = await signIn('iss-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(lastLog()).toMatch(/"iss"/);
  });

  it('wrong audience: an ID token for another client is refused', async () => {
    await addUser('aud@reseller.example');
    account('aud-oid', { email: 'aud@reseller.example' });
    // Produced the same way: aud changed to another client id, signature valid.
    provider.rewrite = (claims) => ({ ...claims, aud: 'another-client' });
    const res = await signIn('aud-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(lastLog()).toMatch(/"aud"/);
  });

  it('expired token: an ID token whose exp has passed is refused', async () => {
    await addUser('exp@reseller.example');
    account('exp-oid', { email: 'exp@reseller.example' });
    // Produced the same way: issued two hours ago, expired an hour ago (beyond the 30 s tolerance).
    const now = Math.floor(Date.now() / 1000);
    provider.rewrite = (claims) => ({ ...claims, iat: now - 7200, exp: now - 3600 });
    const res = await signIn('exp-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(lastLog()).toMatch(/"exp"/);
  });

  it('missing nonce: an ID token without the nonce the sender expects is refused', async () => {
    await addUser('nonce@reseller.example');
    account('nonce-oid', { email: 'nonce@reseller.example' });
    // Produced by removing nonce from the authorization request on its way to the provider
    // (as an attacker in the middle could): the real provider then issues no nonce claim.
    const { jar, callback } = await toCallback('nonce-oid', new Jar(), (url) => {
      url.searchParams.delete('nonce');
    });
    const res = await finish(jar, callback);
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(lastLog()).toMatch(/"nonce"/);
  });

  it('a user from a tenant that is not allowed is refused, even when invited', async () => {
    const id = await addUser('outsider@other.example');
    account('outsider-oid', { email: 'outsider@other.example', tid: OTHER_TENANT });
    const res = await signIn('outsider-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(res.text).toContain('is not allowed to use this sender');
    expect(await new AccountStore(web.server.runtime.store).subjectOf(id)).toBeUndefined();
  });

  it('a disabled user is refused, before and after being linked', async () => {
    const id = await addUser('gone@reseller.example');
    account('gone-oid', { email: 'gone@reseller.example' });
    await web.server.runtime.store.users.setDisabled(id, true);
    const before = await signIn('gone-oid');
    expect([before.status, before.signedIn]).toEqual([403, false]);
    expect(before.text).toContain('This account is disabled');
    await web.server.runtime.store.users.setDisabled(id, false);
    expect((await signIn('gone-oid')).signedIn).toBe(true);
    await web.server.runtime.store.users.setDisabled(id, true);
    const after = await signIn('gone-oid');
    expect([after.status, after.signedIn]).toEqual([403, false]);
  });

  it('email matches a linked user but the subject differs: refused (no nOAuth takeover)', async () => {
    await addUser('owner@reseller.example');
    account('owner-oid', { email: 'owner@reseller.example' });
    expect((await signIn('owner-oid')).signedIn).toBe(true);
    // Another account of the same tenant, whose email the provider vouches is the same.
    account('intruder-oid', { email: 'owner@reseller.example' });
    const res = await signIn('intruder-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(lastLog()).toContain('linked to another subject');
  });

  it('an email the provider does not vouch for (xms_edov false) links nothing', async () => {
    const id = await addUser('unverified@reseller.example');
    account('unverified-oid', { email: 'unverified@reseller.example', xms_edov: false });
    const res = await signIn('unverified-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(await new AccountStore(web.server.runtime.store).subjectOf(id)).toBeUndefined();
  });

  it('an unknown user of an allowed tenant gets no access (no SENDER_OIDC_AUTO_ROLE)', async () => {
    account('stranger-oid', { email: 'stranger@reseller.example' });
    const res = await signIn('stranger-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(res.text).toContain('Ask an admin of the sender to add you');
    expect(
      await web.server.runtime.store.users.findUser('stranger@reseller.example'),
    ).toBeUndefined();
  });

  it('forged signature: an ID token signed with a key the provider does not publish is refused', async () => {
    await addUser('sig@reseller.example');
    account('sig-oid', { email: 'sig@reseller.example' });
    // Produced by the front server re-signing the real ID token, unchanged, with another RSA key.
    provider.rewrite = (claims) => claims;
    provider.foreignKey = true;
    const res = await signIn('sig-oid');
    expect([res.status, res.signedIn]).toEqual([403, false]);
    expect(lastLog()).toMatch(/signature/i);
  });

  it('the login page offers Microsoft; passwords still work by default', async () => {
    const page = await (await fetch(`${web.url}/login`)).text();
    expect(page).toContain('href="/auth/oidc/start"');
    const res = await postLogin(
      web.url,
      await loginForm(web.url),
      'sales@reseller.example',
      PASSWORD,
    );
    expect(res.status).toBe(303);
  });
});

describe('SENDER_OIDC_AUTO_ROLE=sales and SENDER_LOCAL_PASSWORDS=off', () => {
  // Its own provider and sender; the module's pair is put back afterwards.
  let saved: OidcPair;
  beforeAll(async () => {
    saved = pair;
    await startPair({ SENDER_OIDC_AUTO_ROLE: 'sales', SENDER_LOCAL_PASSWORDS: 'off' });
  });
  afterAll(async () => {
    try {
      await pair.close();
    } finally {
      pair = saved;
      ({ provider, web } = pair);
    }
  });

  it('an unknown user of an allowed tenant is added as sales (never a role from the token)', async () => {
    provider.accounts.set('newcomer-oid', {
      tid: TENANT,
      oid: 'newcomer-oid',
      email: 'newcomer@reseller.example',
      xms_edov: true,
      roles: ['admin'],
    });
    const res = await signIn('newcomer-oid');
    expect(res.signedIn).toBe(true);
    expect((await web.server.runtime.store.users.findUser('newcomer@reseller.example'))?.role).toBe(
      'sales',
    );
    // Still not for another tenant.
    account('far-oid', { email: 'far@other.example', tid: OTHER_TENANT });
    expect((await signIn('far-oid')).signedIn).toBe(false);
    expect(await web.server.runtime.store.users.findUser('far@other.example')).toBeUndefined();
  });

  it('passwords off: an invitation link does not open (it would be a way in without Microsoft)', async () => {
    const store = web.server.runtime.store;
    const id = await addUser('linked@reseller.example');
    const user = await store.users.userById(id);
    if (!user) throw new Error('no user');
    const token = new Invitations(store).issue('test', user);
    for (const method of ['GET', 'POST']) {
      const res = await fetch(`${web.url}/invitation/${await token}`, {
        method,
        headers: { origin: web.url, 'content-type': 'application/x-www-form-urlencoded' },
        ...(method === 'POST' ? { body: 'password=a+long+enough+password' } : {}),
        redirect: 'manual',
      });
      expect([method, res.status]).toEqual([method, 403]);
      expect(await res.text()).toContain('invitation links do not open: sign in with Microsoft');
    }
    expect((await new Invitations(store).check(await token)).ok).toBe(true);
  });

  it('passwords off: no password form, and POST /login is refused even with the right password', async () => {
    const page = await (await fetch(`${web.url}/login`)).text();
    expect(page).toContain('Sign in with Microsoft');
    expect(page).not.toContain('name="password"');
    const res = await postLogin(
      web.url,
      { csrf: 'no form to take it from', cookie: '' },
      'sales@reseller.example',
      PASSWORD,
    );
    expect(res.status).toBe(403);
    expect(res.text).toContain('Passwords are turned off here');
  });
});
