/**
 * Sign in with Microsoft (OpenID Connect, authorization code + PKCE) through openid-client:
 * it checks state, nonce, issuer, audience, expiry and the signature. This file only keeps
 * the one-time values of a pending sign-in and decides who the verified token is.
 */
import { createHash, randomBytes } from 'node:crypto';
import * as client from 'openid-client';
import { hashPassword } from '../passwords.js';
import type { Role, Store, UserRow } from '../store.js';
import { TEAM_EVENT } from '../team/core.js';
import type { OidcSettings } from './oidc-config.js';
import { PendingSignIns, type Pending } from './pending.js';
import { roleFromClaims, roleValues } from './roles.js';
import { AccountStore } from './store.js';

/** A pending sign-in lives 10 minutes, once; its browser holds only a random key to it. */
export const PENDING_MS = 10 * 60_000;

export type OidcClaims = client.IDToken;

export type Decision =
  | { ok: true; user: UserRow; linked: boolean; created: boolean }
  | { ok: false; reason: string; log: string };

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined;

export class OidcSignIn {
  private config: Promise<client.Configuration> | undefined;
  /** Keyed by the SHA-256 of the browser's cookie value: the server side of state/nonce/PKCE. */
  private readonly pending: PendingSignIns;
  private readonly accounts: AccountStore;

  constructor(
    readonly settings: OidcSettings,
    private readonly store: Store,
    private readonly now: () => number = Date.now,
  ) {
    this.accounts = new AccountStore(store);
    this.pending = new PendingSignIns(store);
  }

  /** Discovery on first use (a provider down at start does not stop the sender); retried after a failure. */
  private configuration(): Promise<client.Configuration> {
    if (this.config === undefined) {
      const { issuer, clientId, clientSecret, insecureLoopback } = this.settings;
      this.config = client
        .discovery(issuer, clientId, clientSecret, undefined, {
          execute: [
            // The ID token's signature is checked against the provider's published keys too:
            // openid-client otherwise relies on TLS alone for a token from the token endpoint.
            client.enableNonRepudiationChecks,
            // http only for a provider on this machine (the tests' one); config.ts allows nothing else.
            // eslint-disable-next-line @typescript-eslint/no-deprecated -- deprecated only to stand out: loopback tests only
            ...(insecureLoopback ? [client.allowInsecureRequests] : []),
          ],
        })
        .catch((error: unknown) => {
          this.config = undefined;
          throw error;
        });
    }
    return this.config;
  }

  /** Starts a sign-in: the provider URL to go to and the key the browser keeps (in a cookie). */
  async start(): Promise<{ url: URL; key: string }> {
    const config = await this.configuration();
    const key = randomBytes(32).toString('base64url');
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      expires: this.now() + PENDING_MS,
    };
    await this.pending.put(keyHash(key), pending, this.now());
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUri,
      scope: 'openid profile email',
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url, key };
  }

  /**
   * Finishes a sign-in: the pending values are taken (single use) whatever happens next,
   * then openid-client exchanges the code and validates the ID token.
   */
  async finish(key: string | undefined, callbackUrl: URL): Promise<Decision> {
    const pending =
      key === undefined ? undefined : await this.pending.take(keyHash(key), this.now());
    if (pending === undefined)
      return {
        ok: false,
        reason: 'This sign-in link expired or was already used. Start again.',
        log: 'no pending sign-in for this browser (expired, used, or another browser)',
      };
    let claims: OidcClaims | undefined;
    try {
      const tokens = await client.authorizationCodeGrant(await this.configuration(), callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims();
    } catch (error) {
      return {
        ok: false,
        reason: 'The sign-in could not be verified. Start again.',
        log: describeError(error),
      };
    }
    if (claims === undefined)
      return { ok: false, reason: 'The provider sent no ID token.', log: 'no ID token' };
    return this.decide(claims);
  }

  /**
   * Who a verified token is. The user is the provider's immutable subject (tid + oid for
   * Entra ID, iss + sub elsewhere), never the email: an email only links an invitation once,
   * when the provider vouches for it, and a linked user never moves by email.
   */
  async decide(claims: OidcClaims): Promise<Decision> {
    const entra = this.settings.claims === 'entra';
    const refuse = (reason: string, log: string): Decision => ({ ok: false, reason, log });
    const tid = text(claims.tid)?.toLowerCase();
    const oid = text(claims.oid)?.toLowerCase();
    if (entra && (tid === undefined || oid === undefined))
      return refuse('Your Microsoft account sent no tenant or object id.', 'no tid/oid claim');
    const subject = entra
      ? `entra:${tid ?? ''}:${oid ?? ''}`
      : `oidc:${JSON.stringify([claims.iss, claims.sub])}`;
    const who = entra ? `tenant ${tid ?? ''}, object ${oid ?? ''}` : `sub ${claims.sub}`;
    const { allowedTenants, allowedDomains, autoRole } = this.settings;
    if (entra && allowedTenants.length > 0 && !allowedTenants.includes(tid ?? ''))
      return refuse(
        'Your organisation (Microsoft Entra tenant) is not allowed to use this sender.',
        `tenant not allowed: ${who}`,
      );

    // With SENDER_OIDC_ROLE_CLAIM, the directory decides the role at every sign-in.
    const mapping = this.settings.roles;
    const tokenRole = mapping === undefined ? undefined : roleFromClaims(claims, mapping);
    if (mapping !== undefined && tokenRole === undefined)
      return refuse(
        'Your Microsoft account has no role in this sender. Ask your Microsoft Entra admin to assign you one of the sender app roles, then sign in again.',
        `no mapped app role (${mapping.claim}: ${JSON.stringify(roleValues(claims, mapping))}): ${who}`,
      );

    const linked = await this.accounts.userIdForSubject(subject);
    if (linked !== undefined) {
      const user = await this.store.users.userById(linked);
      if (!user) return refuse('Your account no longer exists.', `linked user gone: ${who}`);
      if (user.disabledAt !== null)
        return refuse(
          'This account is disabled. Ask an admin of the sender to enable it.',
          `disabled: ${user.email}`,
        );
      return {
        ok: true,
        user: await this.withRole(user, tokenRole),
        linked: false,
        created: false,
      };
    }

    // Not linked yet: only an email the provider vouches for may link or create.
    const email = text(claims.email);
    const vouched = entra
      ? claims.xms_edov === true || claims.xms_edov === 'true' || claims.xms_edov === 1
      : claims.email_verified === true;
    if (email === undefined || !vouched)
      return refuse(
        'Your account has no verified email address, so it cannot be matched to an invitation. Ask an admin of the sender.',
        `no verified email: ${who}`,
      );
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    if (allowedDomains.length > 0 && !allowedDomains.includes(domain))
      return refuse(
        'Your email domain is not allowed to use this sender.',
        `domain not allowed: ${email} (${who})`,
      );

    const invited = await this.store.users.findUser(email);
    if (invited) {
      if ((await this.accounts.subjectOf(invited.id)) !== undefined)
        return refuse(
          'This email belongs to another account of the sender. Ask an admin of the sender.',
          `email ${invited.email} is linked to another subject; refused ${who}`,
        );
      if (invited.disabledAt !== null)
        return refuse(
          'This account is disabled. Ask an admin of the sender to enable it.',
          `disabled: ${invited.email}`,
        );
      if (!(await this.accounts.link(invited.id, subject)))
        return refuse('This account was linked a moment ago. Try again.', `link race: ${who}`);
      await this.store.audit.logEvent(
        invited.email,
        TEAM_EVENT,
        `linked ${invited.email} to their ${entra ? 'Microsoft' : 'OpenID'} account`,
      );
      return {
        ok: true,
        user: await this.withRole(invited, tokenRole),
        linked: true,
        created: false,
      };
    }

    const role = tokenRole ?? autoRole;
    if (autoRole === undefined || role === undefined)
      return refuse(
        'You have no access to this sender yet. Ask an admin of the sender to add you.',
        `unknown user: ${email} (${who})`,
      );
    // An unknown user of an allowed tenant: the configured role, or the app role when
    // SENDER_OIDC_ROLE_CLAIM is set; never a role from the token otherwise.
    const id = await this.store.users.addUser(
      email,
      await hashPassword(randomBytes(32).toString('base64url')),
      role,
    );
    await this.accounts.link(id, subject);
    await this.store.audit.logEvent(
      'oidc',
      TEAM_EVENT,
      `added ${email} as ${role} at their first Microsoft sign-in`,
    );
    const user = await this.store.users.userById(id);
    if (!user) throw new Error('user was not stored');
    return { ok: true, user, linked: true, created: true };
  }

  private async withRole(user: UserRow, role: Role | undefined): Promise<UserRow> {
    if (role === undefined || role === user.role) return user;
    await this.store.users.setRole(user.id, role);
    await this.store.audit.logEvent(
      'oidc',
      TEAM_EVENT,
      `made ${user.email} ${role} from their Microsoft app roles (was ${user.role})`,
    );
    return { ...user, role };
  }
}

const keyHash = (key: string): string => createHash('sha256').update(key).digest('base64url');

/** openid-client's error with its causes: which check failed (`claim: "aud"`, `code: …`). Never the token itself. */
function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current !== undefined && current !== null; depth++) {
    if (current instanceof Error) {
      const code = (current as Error & { code?: unknown }).code;
      parts.push(
        `${current.name}: ${current.message}${typeof code === 'string' ? ` (${code})` : ''}`,
      );
      current = current.cause;
    } else if (typeof current === 'object') {
      const facts = current as Record<string, unknown>;
      for (const key of ['claim', 'attribute', 'error', 'error_description']) {
        const value = facts[key];
        if (typeof value === 'string') parts.push(`${key}: "${value}"`);
      }
      break;
    } else break;
  }
  return parts.join('; ');
}
