import { openStore } from '../store/open.js';
import { spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import { inviteFromCli } from '../accounts/invite-cli.js';
import { Invitations } from '../accounts/invitations.js';
import { AccountStore } from '../accounts/store.js';
import { Exit, args, readStdin } from '../command.js';
import type { Config } from '../config.js';
import { out } from '../log.js';
import { hashPassword, passwordProblem } from '../passwords.js';
import type { Role } from '../store.js';
import { parseRole, TEAM_EVENT, TeamError } from './core.js';

/**
 * `csp-sender users add EMAIL [--role admin|sales] [--reset] [--invite]`: the password comes
 * on stdin, or --invite prints a single-use invitation link instead.
 */
export async function usersCommand(argv: string[], config: Config): Promise<number> {
  const { values, positionals } = args(argv, {
    reset: { type: 'boolean' },
    role: { type: 'string' },
    invite: { type: 'boolean' },
  });
  const [sub, email] = positionals;
  if (sub !== 'add' || email === undefined || positionals.length !== 2)
    throw new Exit(
      2,
      'Usage: csp-sender users add EMAIL [--role admin|sales] [--reset] [--invite]  (password on stdin, or --invite)',
    );
  let role: Role | undefined;
  try {
    role = values.role === undefined ? undefined : parseRole(values.role);
  } catch (error) {
    if (error instanceof TeamError) throw new Exit(2, `--${error.message}`);
    throw error;
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(email) || email.length > 254)
    throw new Exit(2, `EMAIL: "${email}" is not an email address`);
  if (values.invite === true) {
    const store = await openStore(config);
    try {
      const { publicOrigin, host, port } = config;
      const opts = { email, role, reset: values.reset === true, publicOrigin, host, port };
      for (const line of await inviteFromCli(store, opts)) out(line);
    } catch (error) {
      throw error instanceof TeamError ? new Exit(2, error.message) : error;
    } finally {
      await store.close();
    }
    return 0;
  }
  let password: string;
  if (process.stdin.isTTY) {
    process.stderr.write(`Password for ${email}: `);
    spawnSync('stty', ['-echo'], { stdio: 'inherit' });
    const rl = createInterface({ input: process.stdin });
    try {
      password = await new Promise<string>((resolve) => rl.once('line', resolve));
    } finally {
      rl.close();
      spawnSync('stty', ['echo'], { stdio: 'inherit' });
      process.stderr.write('\n');
    }
  } else {
    password = (await readStdin()).replace(/\r?\n$/, '');
  }
  const problem = passwordProblem(password);
  if (problem) throw new Exit(2, `password: ${problem}`);
  const store = await openStore(config);
  try {
    const hash = await hashPassword(password);
    if (await store.users.findUser(email)) {
      if (values.reset !== true)
        throw new Exit(2, `EMAIL: ${email} already exists; use --reset to set a new password`);
      await store.users.setPassword(email, hash);
      // Set by someone else: the user must choose their own at the next sign-in.
      const existing = await store.users.findUser(email);
      if (existing) await new AccountStore(store).requirePasswordChange(existing.id, 'cli');
      if (existing) await new Invitations(store).voidFor(existing.id);
      await store.audit.logEvent('cli', TEAM_EVENT, `reset the password of ${email}`);
      out(
        `Password of ${email} changed; their sessions were ended. They must choose a new one at their next sign-in.`,
      );
    } else {
      const id = await store.users.addUser(email, hash, role);
      const added = await store.users.userById(id);
      await new AccountStore(store).requirePasswordChange(id, 'cli');
      await store.audit.logEvent('cli', TEAM_EVENT, `added ${email} as ${added?.role ?? 'sales'}`);
      out(
        `User ${email} added (${added?.role ?? 'sales'}). They must choose a new password at their first sign-in.`,
      );
    }
  } finally {
    await store.close();
  }
  return 0;
}
