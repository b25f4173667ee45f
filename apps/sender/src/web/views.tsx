import type { Child, FC } from 'hono/jsx';
import { raw } from 'hono/html';
import type { CountryRecord } from '@csp-enablement/templates';
import { hasPlaceholderInvitation } from '../catalog.js';
import type { SendState } from '../store.js';
import { sendStateWord, StateWord } from '../history/state.js';
import { css } from './styles.js';

export interface PageUser {
  email: string;
  csrf: string;
  role: 'admin' | 'sales';
}

export type Nav = 'compose' | 'batches' | 'history' | 'team' | 'account' | undefined;

const MainNav: FC<{ user: PageUser; nav: Nav; id: string }> = ({ user, nav, id }) => (
  <nav aria-label="Main" id={id}>
    <a href="/compose" aria-current={nav === 'compose' ? 'page' : undefined}>
      Compose
    </a>
    <a href="/batches" aria-current={nav === 'batches' ? 'page' : undefined}>
      Batches
    </a>
    <a href="/history" aria-current={nav === 'history' ? 'page' : undefined}>
      History
    </a>
    {user.role === 'admin' && (
      <a href="/team" aria-current={nav === 'team' ? 'page' : undefined}>
        Team
      </a>
    )}
  </nav>
);

const AccountLinks: FC<{ user: PageUser; nav: Nav }> = ({ user, nav }) => (
  <>
    <a
      href="/account"
      class="user"
      aria-current={nav === 'account' ? 'page' : undefined}
      title="Your account"
    >
      {user.email}
    </a>
    <form method="post" action="/logout">
      <input type="hidden" name="_csrf" value={user.csrf} />
      <button type="submit">Sign out</button>
    </form>
  </>
);

export const Layout: FC<{
  title: string;
  user?: PageUser | undefined;
  nav?: Nav;
  refresh?: number;
  children?: Child;
}> = ({ title, user, nav, refresh, children }) => (
  <>
    {raw('<!doctype html>')}
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {refresh !== undefined && <meta http-equiv="refresh" content={String(refresh)} />}
        <title>{`${title} · CSP sender`}</title>
        <style dangerouslySetInnerHTML={{ __html: css }} />
      </head>
      <body>
        <header class="top">
          <span class="brand">
            CSP Enablement<span class="brand-long"> · Sender</span>
          </span>
          {user && (
            <>
              <MainNav user={user} nav={nav} id="nav-wide" />
              <span class="who wide">
                <AccountLinks user={user} nav={nav} />
              </span>
              {/* Phones: the same links behind one "Menu" (a <details>: no script). */}
              <details class="menu">
                <summary>Menu</summary>
                <div class="menu-panel">
                  <MainNav user={user} nav={nav} id="nav-menu" />
                  <AccountLinks user={user} nav={nav} />
                </div>
              </details>
            </>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  </>
);

export const ErrorBox: FC<{ error?: string | undefined }> = ({ error }) =>
  error === undefined ? null : (
    <div class="error" role="alert">
      {error}
    </div>
  );

export const countryLabel = (c: CountryRecord, transportName: string): string =>
  `${c.name} (${c.code})${hasPlaceholderInvitation(c) ? (transportName === 'outbox' ? ' · placeholder link' : ' · placeholder link, cannot send') : ''}`;

/** A send's own state as a word with a colour (see src/history/state.tsx for delivery news). */
export const State: FC<{ state: SendState }> = ({ state }) => (
  <StateWord shown={sendStateWord(state)} state={state} />
);

export const MessagePage: FC<{ title: string; message: string; user?: PageUser | undefined }> = ({
  title,
  message,
  user,
}) => (
  <Layout title={title} user={user}>
    <div class="card narrow">
      <h1>{title}</h1>
      <ErrorBox error={message} />
      <a class="button secondary" href={user ? '/compose' : '/login'}>
        Back
      </a>
    </div>
  </Layout>
);
