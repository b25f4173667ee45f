/**
 * A test OpenID Provider and a sender configured for it (the sender's address is known
 * before it starts), with the browser's trip between them driven over HTTP.
 */
import { expect } from 'vitest';
import { openWeb, type WebFixture } from './web-fixture.js';
import {
  authorizeAt,
  CLIENT,
  freePort,
  Jar,
  startTestProvider,
  TENANT,
  type TestProvider,
} from './oidc-test-provider.js';

export interface SignInResult {
  status: number;
  text: string;
  signedIn: boolean;
}

export interface OidcPair {
  provider: TestProvider;
  web: WebFixture;
  callbackPrefix: string;
  /** An Entra-like account on the provider: the login typed there is its oid. */
  account(
    login: string,
    claims: { email: string; tid?: string; xms_edov?: boolean; roles?: string[] },
  ): void;
  /** sender → provider login + consent → back at the callback URL (not opened yet). */
  toCallback(
    login: string,
    jar?: Jar,
    editAuthorizationUrl?: (url: URL) => void,
  ): Promise<{ jar: Jar; callback: string }>;
  /** Opens the callback, then /compose to tell whether the browser is signed in. */
  finish(jar: Jar, callback: string): Promise<SignInResult>;
  signIn(login: string): Promise<SignInResult>;
  close(): Promise<void>;
}

export async function openOidcPair(env: Record<string, string> = {}): Promise<OidcPair> {
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const callbackPrefix = `${publicUrl}/auth/oidc/callback`;
  const provider = await startTestProvider({ ...CLIENT, redirectUri: callbackPrefix });
  let web: WebFixture;
  try {
    web = await openWeb({
      PORT: String(port),
      SENDER_PUBLIC_URL: publicUrl,
      SENDER_OIDC_ISSUER: provider.issuer,
      SENDER_OIDC_CLIENT_ID: CLIENT.clientId,
      SENDER_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      SENDER_OIDC_ALLOWED_TENANTS: TENANT,
      // The test provider is not login.microsoftonline.com: say it speaks Entra ID's claims.
      SENDER_OIDC_CLAIMS: 'entra',
      ...env,
    });
  } catch (error) {
    await provider.close();
    throw error;
  }
  const pair: OidcPair = {
    provider,
    web,
    callbackPrefix,
    account: (login, claims) => {
      provider.accounts.set(login, {
        tid: claims.tid ?? TENANT,
        oid: login,
        email: claims.email,
        xms_edov: claims.xms_edov ?? true,
        name: claims.email,
        ...(claims.roles === undefined ? {} : { roles: claims.roles }),
      });
    },
    toCallback: async (login, jar = new Jar(), editAuthorizationUrl = () => undefined) => {
      const start = await jar.fetch(`${web.url}/auth/oidc/start`);
      expect(start.status).toBe(303);
      const url = new URL(start.headers.get('location') ?? '');
      expect(url.origin).toBe(provider.issuer);
      editAuthorizationUrl(url);
      return { jar, callback: await authorizeAt(jar, url.href, login, callbackPrefix) };
    },
    finish: async (jar, callback) => {
      const res = await jar.fetch(callback);
      const text = await res.text();
      const compose = await jar.fetch(`${web.url}/compose`);
      await compose.arrayBuffer();
      return { status: res.status, text, signedIn: compose.status === 200 };
    },
    signIn: async (login) => {
      const { jar, callback } = await pair.toCallback(login);
      return pair.finish(jar, callback);
    },
    close: async () => {
      try {
        await web.close();
      } finally {
        await provider.close();
      }
    },
  };
  return pair;
}
