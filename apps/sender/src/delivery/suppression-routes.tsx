/** The suppression list on the web: the compose notice and override, and the admin page. */
import { Hono } from 'hono';
import type { FC } from 'hono/jsx';
import type { Store } from '../store.js';
import type { Env } from '../web/env.js';
import { ScrollTable } from '../web/scroll-table.js';
import { ErrorBox, Layout, MessagePage, type PageUser } from '../web/views.js';
import { describeSuppression, Suppressions, type SuppressedAddress } from './suppression.js';

/** The compose preview and confirm pages: who is suppressed, and why. */
export const SuppressionNotice: FC<{ entries: SuppressedAddress[] }> = ({ entries }) =>
  entries.length === 0 ? null : (
    <div class="notice" role="note" id="suppressed">
      <strong>On the suppression list:</strong>{' '}
      {entries.map((e) => `${e.address} ${describeSuppression(e)}`).join('; ')}. It is not sent
      unless you tick “Send anyway” on the confirmation and give a reason (recorded).
    </div>
  );

/** Inside the confirm form: the explicit override, with its reason. */
export const SuppressionOverride: FC<{ entries: SuppressedAddress[] }> = ({ entries }) =>
  entries.length === 0 ? null : (
    <fieldset class="override">
      <legend>Suppressed recipients</legend>
      <SuppressionNotice entries={entries} />
      <label>
        <input type="checkbox" name="include_suppressed" value="yes" /> Send anyway to{' '}
        {entries.map((e) => e.address).join('; ')}
      </label>
      <label htmlFor="suppressed-reason">Reason (recorded with your name)</label>
      <input id="suppressed-reason" name="suppressed_reason" type="text" maxlength={500} />
    </fieldset>
  );

const field = (form: Record<string, unknown>, name: string): string => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
};

/**
 * The check before a web send: undefined to go on (nothing suppressed, or overridden
 * with a reason, which is recorded), or the problem to show.
 */
export async function suppressionGate(
  store: Store,
  recipients: readonly string[],
  form: Record<string, unknown>,
  actor: string,
): Promise<string | undefined> {
  const suppressions = new Suppressions(store);
  const entries = [...(await suppressions.among(recipients)).values()];
  if (entries.length === 0) return undefined;
  const reason = field(form, 'suppressed_reason');
  if (field(form, 'include_suppressed') !== 'yes' || reason === '')
    return `to: ${entries.map((e) => `${e.address} is on the suppression list (${describeSuppression(e)})`).join('; ')}: nothing was sent. To send anyway, tick “Send anyway” on the confirmation and give a reason.`;
  await suppressions.recordOverride(actor, reason, entries, 'single send');
  return undefined;
}

/** What an address's row on the list shows. */
const when = (iso: string): string => `${iso.replace('T', ' ').slice(0, 16)} UTC`;

export const SuppressionsPage: FC<{
  user: PageUser;
  entries: SuppressedAddress[];
  log: { at: string; actor: string; detail: string }[];
  error?: string | undefined;
  done?: string | undefined;
}> = ({ user, entries, log, error, done }) => (
  <Layout title="Suppression list" user={user} nav="team">
    <div class="card">
      <h1>Suppression list</h1>
      <p class="hint">
        Addresses whose last delivery event was a permanent bounce or a complaint. Batches skip them
        and single sends refuse them unless someone overrides it with a reason. Removing an address
        lets it be sent to again (recorded).
      </p>
      <ErrorBox error={error} />
      {done !== undefined && (
        <p class="ok" role="status">
          {done}
        </p>
      )}
      <ScrollTable label="Suppressed addresses" columns={['Address', 'Event', 'When', 'Remove']}>
        {entries.map((e) => (
          <tr>
            <td>{e.address}</td>
            <td>
              {e.event}
              {e.kind === null ? '' : ` (${e.kind})`}
            </td>
            <td>{when(e.at)}</td>
            <td>
              <form method="post" action="/team/suppressions/remove" class="actions tight">
                <input type="hidden" name="_csrf" value={user.csrf} />
                <input type="hidden" name="address" value={e.address} />
                <label htmlFor={`why-${e.sendId}`}>Reason</label>
                <input id={`why-${e.sendId}`} name="reason" type="text" required maxlength={500} />
                <button type="submit" class="secondary">
                  Remove
                </button>
              </form>
            </td>
          </tr>
        ))}
      </ScrollTable>
      {entries.length === 0 && <p>No address is suppressed.</p>}
    </div>
    <div class="card">
      <h2>Removals and overrides</h2>
      <ScrollTable label="Removals and overrides" columns={['When (UTC)', 'Who', 'What']}>
        {log.map((e) => (
          <tr>
            <td>{e.at.replace('T', ' ').slice(0, 19)}</td>
            <td>{e.actor}</td>
            <td>{e.detail}</td>
          </tr>
        ))}
      </ScrollTable>
    </div>
  </Layout>
);

/** Mounted at /team/suppressions: admins only. */
export function suppressionRoutes(store: Store, log: (line: string) => void): Hono<Env> {
  const app = new Hono<Env>();
  const suppressions = new Suppressions(store);
  app.use('*', async (c, next) => {
    if (c.get('user').role !== 'admin')
      return c.html(
        <MessagePage
          title="Admins only"
          message="role: the suppression list needs the admin role; ask an admin of the sender."
          user={c.get('user')}
        />,
        403,
      );
    await next();
    return undefined;
  });
  const auditLog = async () =>
    [
      ...(await store.audit.events('suppression-removed')),
      ...(await store.audit.events('suppression-override')),
    ].sort((a, b) => b.at.localeCompare(a.at));
  const page = async (user: PageUser, error?: string, done?: string) => (
    <SuppressionsPage
      user={user}
      entries={await suppressions.list()}
      log={await auditLog()}
      error={error}
      done={done}
    />
  );
  app.get('/', (c) => c.html(page(c.get('user'))));
  app.post('/remove', async (c) => {
    const form = c.get('form');
    const address = field(form, 'address');
    const reason = field(form, 'reason');
    if (reason === '')
      return c.html(page(c.get('user'), 'reason: say why the address may be sent to again.'), 400);
    const actor = c.get('session').email;
    if (!(await suppressions.remove(address, actor, reason)))
      return c.html(
        page(c.get('user'), `address: ${address} is not on the suppression list.`),
        404,
      );
    log(`suppression: ${address} removed by ${actor}`);
    return c.html(page(c.get('user'), undefined, `${address} was removed from the list.`));
  });
  return app;
}
