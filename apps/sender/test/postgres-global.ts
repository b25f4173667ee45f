/**
 * One throw-away PostgreSQL for the whole unit run (vitest globalSetup): started before the
 * workers, stopped after the last file whatever happened, its URL given to the tests as
 * `inject('postgresUrl')`. A server per file cost ~2.5 s each; each suite still gets a
 * database of its own on it (test/stores.ts).
 */
import { startPostgres } from '@csp-enablement/testkit/postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The superuser URL of the run's server (`postgres://postgres@127.0.0.1:PORT/postgres`). */
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPostgres();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
