/**
 * Team management shared by the web UI and `csp-sender users`: add a user, reset a
 * password, disable or enable, change one's own password. Every change is recorded
 * in the audit events (kind `team.*`) with who did it.
 */
import { addressProblem } from '../addresses.js';
import { hashPassword, passwordProblem, randomPassword, verifyPassword } from '../passwords.js';
import { ROLES, type Role, type Store, type UserRow } from '../store.js';
import { AccountStore } from '../accounts/store.js';
import { Invitations } from '../accounts/invitations.js';
import { isUniqueViolation } from '../store/errors.js';

/** A refused team change, with the field it is about. */
export class TeamError extends Error {
  override name = 'TeamError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

export const TEAM_EVENT = 'team';

export function parseRole(value: string): Role {
  const role = ROLES.find((r) => r === value);
  if (role === undefined)
    throw new TeamError('role', `"${value}" is not a role; choose ${ROLES.join(' or ')}`);
  return role;
}

export class Team {
  private readonly accounts: AccountStore;
  private readonly invitations: Invitations;
  constructor(private readonly store: Store) {
    this.accounts = new AccountStore(store);
    this.invitations = new Invitations(store);
  }

  private record(actor: string, detail: string): Promise<void> {
    return this.store.audit.logEvent(actor, TEAM_EVENT, detail);
  }

  private async user(id: number): Promise<UserRow> {
    const user = await this.store.users.userById(id);
    if (!user) throw new TeamError('user', `there is no user #${id}`);
    return user;
  }

  private async checkNew(email: string): Promise<string> {
    const address = email.trim();
    const problem = addressProblem(address);
    if (problem !== undefined) throw new TeamError('email', problem);
    if (await this.store.users.findUser(address))
      throw new TeamError('email', `${address} already has an account`);
    return address;
  }

  /** Adds the account; the same address added at the same moment elsewhere is refused by name. */
  private async addAccount(address: string, hash: string, role: Role | undefined): Promise<number> {
    try {
      return await this.store.users.addUser(address, hash, role);
    } catch (error) {
      if (isUniqueViolation(error, 'users'))
        throw new TeamError('email', `${address} already has an account`);
      throw error;
    }
  }

  /** Adds a user with a one-time password (returned once, stored hashed) or the given one. */
  async add(
    actor: string,
    email: string,
    role: Role,
    password?: string,
  ): Promise<{ user: UserRow; password: string }> {
    const address = await this.checkNew(email);
    const chosen = password ?? randomPassword();
    const weak = passwordProblem(chosen);
    if (weak !== undefined) throw new TeamError('password', weak);
    const id = await this.addAccount(address, await hashPassword(chosen), role);
    // Someone else knows it: it is only good for choosing a new one.
    await this.accounts.requirePasswordChange(id, actor);
    await this.record(actor, `added ${address} as ${role}`);
    return { user: await this.user(id), password: chosen };
  }

  /**
   * Adds a user with an invitation link instead: their password is random and never shown,
   * so the link (returned once as its token) is the way in. Without a role: as addUser.
   */
  async invite(
    actor: string,
    email: string,
    role: Role | undefined,
  ): Promise<{ user: UserRow; invitation: string }> {
    const address = await this.checkNew(email);
    const id = await this.addAccount(address, await hashPassword(randomPassword()), role);
    await this.accounts.requirePasswordChange(id, actor);
    const user = await this.user(id);
    await this.record(actor, `added ${address} as ${user.role}`);
    return { user, invitation: await this.invitations.issue(actor, user) };
  }

  /** A new one-time password; every session of that user ends and older invitations are void. */
  async resetPassword(actor: string, id: number): Promise<{ user: UserRow; password: string }> {
    const user = await this.user(id);
    const password = randomPassword();
    await this.store.users.setPassword(user.email, await hashPassword(password));
    await this.accounts.requirePasswordChange(user.id, actor);
    await this.invitations.voidFor(user.id);
    await this.record(actor, `reset the password of ${user.email}`);
    return { user, password };
  }

  /** A reset by invitation link: the old password stops working and every session ends. */
  async resetWithInvitation(
    actor: string,
    id: number,
  ): Promise<{ user: UserRow; invitation: string }> {
    const user = await this.user(id);
    await this.store.users.setPassword(user.email, await hashPassword(randomPassword()));
    await this.accounts.requirePasswordChange(user.id, actor);
    await this.record(actor, `reset the password of ${user.email} (by invitation link)`);
    return { user, invitation: await this.invitations.issue(actor, user) };
  }

  /** Disabling ends the user's sessions at once; the last active admin cannot be disabled. */
  async setDisabled(actor: string, id: number, disabled: boolean): Promise<UserRow> {
    const user = await this.user(id);
    if (
      disabled &&
      user.role === 'admin' &&
      user.disabledAt === null &&
      (await this.store.users.countActiveAdmins()) <= 1
    )
      throw new TeamError(
        'user',
        `${user.email} is the only active admin; make another admin first`,
      );
    if (disabled && user.email.toLowerCase() === actor.toLowerCase())
      throw new TeamError('user', 'you cannot disable your own account');
    await this.store.users.setDisabled(id, disabled);
    if (disabled) await this.invitations.voidFor(id);
    await this.record(actor, `${disabled ? 'disabled' : 'enabled'} ${user.email}`);
    return this.user(id);
  }

  async setRole(actor: string, id: number, role: Role): Promise<UserRow> {
    const user = await this.user(id);
    if (
      user.role === 'admin' &&
      role !== 'admin' &&
      (await this.store.users.countActiveAdmins()) <= 1
    )
      throw new TeamError(
        'role',
        `${user.email} is the only active admin; make another admin first`,
      );
    await this.store.users.setRole(id, role);
    await this.record(actor, `made ${user.email} ${role}`);
    return this.user(id);
  }

  /** One's own password: the current one is required; other sessions of the user end. */
  async changeOwnPassword(email: string, current: string, next: string): Promise<void> {
    const user = await this.store.users.findUser(email);
    if (!user || !(await verifyPassword(current, user.passwordHash)))
      throw new TeamError('current', 'the current password is wrong');
    const weak = passwordProblem(next);
    if (weak !== undefined) throw new TeamError('password', weak);
    if (next === current)
      throw new TeamError('password', 'choose a new password, not the current one');
    await this.store.users.setPassword(user.email, await hashPassword(next));
    await this.accounts.passwordChanged(user.id);
    await this.record(user.email, 'changed their own password');
  }

  async log(limit = 200): Promise<{ at: string; actor: string; detail: string }[]> {
    return (await this.store.audit.events(TEAM_EVENT))
      .slice(-limit)
      .reverse()
      .map(({ at, actor, detail }) => ({ at, actor, detail }));
  }
}
