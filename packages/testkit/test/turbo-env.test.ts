import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// Turborepo runs tasks in strict environment mode: a variable it does not list never
// reaches a task. Behind a TLS-inspecting proxy, a test's `npm install` then trusts no
// certificate and retries until it times out (the fresh-machine failure of issue 9).
const turbo = JSON.parse(readFileSync(new URL('../../../turbo.json', import.meta.url), 'utf8')) as {
  globalPassThroughEnv?: string[];
};

const NETWORK_VARIABLES = [
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  ...['HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY'].flatMap((name) => [name, name.toLowerCase()]),
];

describe('turbo.json', () => {
  it('passes every task what decides how the network is reached and whom it trusts', () => {
    expect(turbo.globalPassThroughEnv).toEqual(expect.arrayContaining(NETWORK_VARIABLES));
  });
});
