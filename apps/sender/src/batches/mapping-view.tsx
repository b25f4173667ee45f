import type { FC } from 'hono/jsx';
import { ROLES, type Role } from './import.js';
import { Layout, type PageUser } from '../web/views.js';
import { Csrf } from './views.js';

const ROLE_LABEL: Record<Role, string> = {
  to: 'To (required)',
  cc: 'CC',
  country: 'Country',
};

/** When the header does not say which column is To / CC / Country: the user picks them. */
export const MappingPage: FC<{
  user: PageUser;
  token: string;
  fileName: string;
  header: string[];
  guess: Partial<Record<Role, number>>;
  problems: string[];
}> = (p) => (
  <Layout title="Choose the columns" user={p.user} nav="batches">
    <div class="card">
      <h1>Which column is which?</h1>
      <p class="hint">
        {p.fileName}: the header does not say which column holds the recipients. Choose them; other
        columns are ignored. Nothing is queued yet: the plan comes next.
      </p>
      <ul class="error" aria-label="Problems in the header">
        {p.problems.map((why) => (
          <li>{why}</li>
        ))}
      </ul>
      <form method="post" action="/batches/map" id="mapping">
        <Csrf user={p.user} />
        <input type="hidden" name="plan" value={p.token} />
        {ROLES.map((role) => (
          <>
            <label htmlFor={`column-${role}`}>{ROLE_LABEL[role]}</label>
            <select id={`column-${role}`} name={role} required={role === 'to'}>
              {role !== 'to' && (
                <option value="none" selected={p.guess[role] === undefined}>
                  (none)
                </option>
              )}
              {p.header.map((name, i) => (
                <option value={String(i + 1)} selected={p.guess[role] === i}>
                  {i + 1}: {name === '' ? '(no name)' : name}
                </option>
              ))}
            </select>
          </>
        ))}
        <div class="actions">
          <button type="submit">Check the file</button>
          <a class="button secondary" href="/batches">
            Cancel
          </a>
        </div>
      </form>
    </div>
  </Layout>
);
