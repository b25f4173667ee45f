import { Hono, type Context } from 'hono';
import { InputError } from '../addresses.js';
import { templateIds } from '../catalog.js';
import { SuppressionNotice } from '../delivery/suppression-routes.js';
import { Suppressions } from '../delivery/suppression.js';
import { RefusedError, type Sender } from '../sending/sender.js';
import { countriesFor } from '../prefs/countries.js';
import { Prefs } from '../prefs/store.js';
import type { Env } from '../web/env.js';
import { previewBody } from './preview-cache.js';
import { ComposePage, PreviewPage, type ComposeValues } from './views.js';

export const valuesFrom = (source: Record<string, unknown>): ComposeValues => {
  const field = (name: string): string => {
    const v = source[name];
    return typeof v === 'string' ? v : '';
  };
  return {
    template: field('template'),
    country: field('country'),
    to: field('to'),
    cc: field('cc'),
  };
};

/** The compose form again, with what was typed and why it cannot go on. */
export const composeForm = (
  sender: Sender,
  c: Context<Env>,
  values: ComposeValues,
  status: 200 | 400 | 409 | 422,
  error?: string,
  errorField?: string,
) =>
  c.html(
    <ComposePage
      user={c.get('user')}
      values={values}
      transport={sender.transport.name}
      error={error}
      errorField={errorField}
      countryList={countriesFor(c.req.header('accept-language'))}
    />,
    status,
  );

/** Validates, renders and verifies; on bad input shows the compose form again naming the field. */
export const prepareDraft = async (sender: Sender, c: Context<Env>) => {
  const values = valuesFrom(c.get('form'));
  try {
    const draft = await sender.prepare(
      { template: values.template, country: values.country, to: [values.to], cc: [values.cc] },
      c.get('session').email,
    );
    return { values, draft };
  } catch (error) {
    if (error instanceof InputError)
      return { values, response: composeForm(sender, c, values, 400, error.label, error.field) };
    if (error instanceof RefusedError)
      return { values, response: composeForm(sender, c, values, 422, error.message) };
    throw error;
  }
};

/**
 * What compose and sending share, built once per app: each store class runs its tables'
 * DDL when built (a Suppressions per request cost the preview its speed).
 */
export interface Drafting {
  sender: Sender;
  suppressions: Suppressions;
  /** The country each user last went on to confirm (the next compose starts from it). */
  prefs: Prefs;
}

export const drafting = (sender: Sender): Drafting => ({
  sender,
  suppressions: new Suppressions(sender.store),
  prefs: new Prefs(sender.store),
});

/** The recipients on the suppression list (bounced or complained). */
export const suppressedIn = async (
  suppressions: Suppressions,
  draft: { to: string[]; cc: string[] },
) => [...(await suppressions.among([...draft.to, ...draft.cc])).values()];

/** GET /compose, POST /preview and the email's own HTML for the preview frame. */
export function composeRoutes({ sender, suppressions, prefs }: Drafting): Hono<Env> {
  const app = new Hono<Env>();

  app.get('/compose', async (c) => {
    const values = valuesFrom(c.req.query());
    return composeForm(
      sender,
      c,
      {
        ...values,
        template: values.template || (templateIds.at(-1) ?? ''),
        country: values.country || ((await prefs.lastCountry(c.get('session').userId)) ?? 'US'),
      },
      200,
    );
  });

  app.post('/preview', async (c) => {
    const { values, draft, response } = await prepareDraft(sender, c);
    if (!draft) return response;
    const props = {
      user: c.get('user'),
      values,
      email: draft.email,
      to: draft.to,
      cc: draft.cc,
      placeholder: draft.placeholder,
      transport: sender.transport.name,
      from: draft.from,
    };
    const suppressed = await suppressedIn(suppressions, draft);
    // A suppressed recipient (rare) gets the page rendered with its notice, outside the cache.
    if (suppressed.length > 0)
      return c.html(
        <PreviewPage {...props} suppression={<SuppressionNotice entries={suppressed} />} />,
      );
    // PreviewPage's bytes, joined from pieces cached per verified email (preview-cache.tsx).
    return c.body(previewBody(props), 200, {
      'content-type': 'text/html; charset=UTF-8',
    });
  });

  // The exact HTML that is sent, for the sandboxed preview frame.
  app.get('/email/:template/:country', async (c) => {
    try {
      const { email } = await sender.renderFor(c.req.param('template'), c.req.param('country'));
      return c.html(email.html);
    } catch (error) {
      if (error instanceof InputError) return c.text(error.message, 404);
      throw error;
    }
  });

  return app;
}
