import type { FC } from 'hono/jsx';
import { ErrorBox, Layout } from '../web/views.js';

export const LoginPage: FC<{
  csrf: string;
  email?: string;
  error?: string | undefined;
  /** Sign in with Microsoft is configured (src/accounts/oidc-routes.tsx). */
  oidc?: boolean;
  /** SENDER_LOCAL_PASSWORDS: off hides the email + password form. */
  passwords?: boolean;
}> = ({ csrf, email, error, oidc = false, passwords = true }) => (
  <Layout title="Sign in">
    <div class="card narrow">
      <h1>Sign in</h1>
      <ErrorBox error={error} />
      {oidc && (
        <div class="actions">
          <a class="button" href="/auth/oidc/start">
            Sign in with Microsoft
          </a>
        </div>
      )}
      {passwords && (
        <form method="post" action="/login">
          <input type="hidden" name="_csrf" value={csrf} />
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autocomplete="username"
            required
            value={email ?? ''}
          />
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autocomplete="current-password"
            required
          />
          <div class="actions">
            <button type="submit" class={oidc ? 'secondary' : undefined}>
              Sign in{oidc ? ' with a password' : ''}
            </button>
          </div>
        </form>
      )}
    </div>
  </Layout>
);
