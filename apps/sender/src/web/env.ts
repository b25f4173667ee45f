import type { HttpBindings } from '@hono/node-server';
import type { SessionRow } from '../store.js';
import type { FormFields } from './form.js';
import type { PageUser } from './views.js';

/**
 * What every route sees: the Node request; on a POST the form, read once up front
 * (form.ts); behind the session check, the session and its user.
 */
export type Env = {
  Bindings: HttpBindings;
  Variables: { session: SessionRow; user: PageUser; form: FormFields };
};
