/**
 * A real OpenID Provider (oidc-provider) on 127.0.0.1 for the sign-in tests, with its
 * development login and consent pages driven over HTTP like a browser would.
 *
 * It sits behind a small pass-through front server (the issuer's address). The front can
 * rewrite the ID token the token endpoint returns and sign it again with the provider's own
 * key: the only way to get a validly signed token with a wrong issuer, a wrong audience or
 * an expiry in the past, which a correct provider never issues.
 */
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import Provider, { type AccountClaims } from 'oidc-provider';

export type IdTokenClaims = Record<string, unknown>;

/** The tenant the tests allow, another one, and the sender's client at the provider. */
export const TENANT = '11111111-1111-4111-8111-111111111111';
export const OTHER_TENANT = '22222222-2222-4222-8222-222222222222';
export const CLIENT = {
  clientId: 'csp-sender',
  clientSecret: 'a test client secret of some length',
};

/** A free port on 127.0.0.1: the sender's redirect URL must be known before it starts. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => {
        resolve(port);
      });
    });
  });

export interface TestProvider {
  issuer: string;
  /** Accounts by the login typed on the provider's login page. */
  accounts: Map<string, Omit<AccountClaims, 'sub'>>;
  /** When set, the next ID tokens from the token endpoint are rewritten and re-signed with the provider's key. */
  rewrite: ((claims: IdTokenClaims) => IdTokenClaims) | undefined;
  /** With rewrite: sign with a key the provider does not publish (a forged signature). */
  foreignKey: boolean;
  close(): Promise<void>;
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve((server.address() as AddressInfo).port);
    });
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => {
      resolve();
    });
  });

const b64 = (value: string | Buffer): string => Buffer.from(value).toString('base64url');

function resign(
  idToken: string,
  key: KeyObject,
  edit: (c: IdTokenClaims) => IdTokenClaims,
): string {
  const [header = '', payload = ''] = idToken.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as IdTokenClaims;
  const body = `${header}.${b64(JSON.stringify(edit(claims)))}`;
  return `${body}.${b64(sign('sha256', Buffer.from(body), key))}`;
}

const readAll = async (stream: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
};

/** Starts the provider with one confidential client allowed to redirect to `redirectUri`. */
export async function startTestProvider(client: {
  clientId: string;
  clientSecret: string;
  redirectUri: string;
}): Promise<TestProvider> {
  const front = createServer();
  const frontPort = await listen(front);
  const issuer = `http://127.0.0.1:${frontPort}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const { privateKey: foreign } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = {
    ...privateKey.export({ format: 'jwk' }),
    kid: 'test-key',
    alg: 'RS256',
    use: 'sig',
  };
  const accounts = new Map<string, Omit<AccountClaims, 'sub'>>();
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: client.clientId,
        client_secret: client.clientSecret,
        redirect_uris: [client.redirectUri],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    // Like Entra ID, the user's claims go into the ID token (not only to userinfo).
    conformIdTokenClaims: false,
    claims: {
      openid: ['sub'],
      email: ['email', 'email_verified'],
      // roles: Entra ID's app roles, in the ID token when assigned.
      profile: ['name', 'tid', 'oid', 'xms_edov', 'roles'],
    },
    findAccount: (_ctx, id) => {
      const claims = accounts.get(id);
      return Promise.resolve(
        claims === undefined
          ? undefined
          : { accountId: id, claims: () => ({ sub: id, ...claims }) },
      );
    },
    pkce: { required: () => true },
    jwks: { keys: [jwk] },
    cookies: { keys: ['oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
    // Explicit lifetimes (seconds): the defaults print a notice each.
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
  });
  const backend = createServer(provider.callback());
  const backendPort = await listen(backend);

  const state: TestProvider = {
    issuer,
    accounts,
    rewrite: undefined,
    foreignKey: false,
    close: async () => {
      await Promise.all([closeServer(front), closeServer(backend)]);
    },
  };

  // Pass everything through (Host kept, so the provider builds its URLs on the issuer).
  front.on('request', (req, res) => {
    void (async () => {
      const body = await readAll(req);
      const upstream = request({
        host: '127.0.0.1',
        port: backendPort,
        method: req.method,
        path: req.url,
        headers: req.headers,
      });
      upstream.on('response', (answer) => {
        void (async () => {
          let out = await readAll(answer);
          const edit = state.rewrite;
          const headers = { ...answer.headers };
          if (edit !== undefined && req.url === '/token' && answer.statusCode === 200) {
            const json = JSON.parse(out.toString('utf8')) as { id_token?: string };
            if (json.id_token !== undefined)
              json.id_token = resign(json.id_token, state.foreignKey ? foreign : privateKey, edit);
            out = Buffer.from(JSON.stringify(json));
            headers['content-length'] = String(out.length);
          }
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(out);
        })();
      });
      upstream.on('error', () => {
        res.writeHead(502).end();
      });
      upstream.end(body);
    })();
  });
  return state;
}

const closedConnection = (error: unknown): boolean =>
  error instanceof TypeError &&
  error.cause instanceof Error &&
  (error.cause as Error & { code?: unknown }).code === 'UND_ERR_SOCKET';

/** A cookie jar per origin, for driving the provider and the sender like one browser. */
export class Jar {
  private readonly cookies = new Map<string, Map<string, string>>();

  header(url: URL): string {
    const jar = this.cookies.get(url.origin);
    return jar === undefined ? '' : [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  store(url: URL, response: Response): void {
    let jar = this.cookies.get(url.origin);
    if (jar === undefined) {
      jar = new Map();
      this.cookies.set(url.origin, jar);
    }
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      const expired =
        /max-age=0\b/i.test(line) || /expires=Thu, 01 Jan 1970/i.test(line) || value === '';
      if (expired) jar.delete(name);
      else jar.set(name, value);
    }
  }

  get(url: URL, name: string): string | undefined {
    return this.cookies.get(url.origin)?.get(name);
  }

  async fetch(href: string, init: RequestInit = {}): Promise<Response> {
    const url = new URL(href);
    const headers = new Headers(init.headers);
    const cookie = this.header(url);
    if (cookie !== '') headers.set('cookie', cookie);
    let response: Response;
    try {
      response = await fetch(url, { ...init, headers, redirect: 'manual' });
    } catch (error) {
      // Like a browser: a GET on a kept-alive connection the server closed (a restart) is
      // sent again once, on a new connection.
      if ((init.method ?? 'GET') !== 'GET' || !closedConnection(error)) throw error;
      response = await fetch(url, { ...init, headers, redirect: 'manual' });
    }
    this.store(url, response);
    return response;
  }
}

/**
 * From the provider's authorization URL to the redirect back to the sender: logs in as
 * `login` on the provider's development login page and accepts its consent page.
 * Returns the callback URL the browser would open next (not opened).
 */
export async function authorizeAt(
  jar: Jar,
  authorizationUrl: string,
  login: string,
  callbackPrefix: string,
): Promise<string> {
  let next = authorizationUrl;
  for (let step = 0; step < 20; step++) {
    if (next.startsWith(callbackPrefix)) return next;
    const res = await jar.fetch(next);
    const location = res.headers.get('location');
    if (location !== null) {
      await res.arrayBuffer();
      next = new URL(location, next).href;
      continue;
    }
    const html = await res.text();
    if (res.status !== 200)
      throw new Error(`provider answered ${res.status}: ${html.slice(0, 500)}`);
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (action === undefined || prompt === undefined)
      throw new Error(`no interaction form on the provider page: ${html.slice(0, 500)}`);
    const fields = prompt === 'login' ? { prompt, login, password: 'any password' } : { prompt };
    const posted = await jar.fetch(new URL(action, next).href, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
    const after = posted.headers.get('location');
    await posted.arrayBuffer();
    if (after === null)
      throw new Error(`the provider's ${prompt} form did not redirect (${posted.status})`);
    next = new URL(after, next).href;
  }
  throw new Error('the provider never redirected back to the sender');
}
