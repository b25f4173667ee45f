import type { HttpBindings } from '@hono/node-server';
import type { SessionRow } from '../store.js';
import type { PageUser } from './views.js';

/** What every signed-in route sees: the Node request and the session's user. */
export type Env = { Bindings: HttpBindings; Variables: { session: SessionRow; user: PageUser } };
