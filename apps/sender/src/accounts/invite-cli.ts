/** `csp-sender users add EMAIL --invite [--reset]`: an invitation link instead of a password. */
import type { Role, Store } from '../store.js';
import { Team, TeamError } from '../team/core.js';
import { INVITATION_HOURS, invitationLink } from './invitations.js';

export interface CliInviteOptions {
  email: string;
  role: Role | undefined;
  /** An existing user: a reset by invitation link (their sessions end). */
  reset: boolean;
  /** SENDER_PUBLIC_URL's origin; unset: the address `serve` listens on. */
  publicOrigin: string | undefined;
  host: string;
  port: number;
}

/** Lines to print: what was done and the link (shown once). Throws TeamError on bad input. */
export async function inviteFromCli(store: Store, options: CliInviteOptions): Promise<string[]> {
  const team = new Team(store);
  const existing = await store.users.findUser(options.email);
  if (existing !== undefined && !options.reset)
    throw new TeamError(
      'EMAIL',
      `${options.email} already exists; use --reset to send them a new invitation link`,
    );
  const { user, invitation } =
    existing === undefined
      ? await team.invite('cli', options.email, options.role)
      : await team.resetWithInvitation('cli', existing.id);
  const listening = ['0.0.0.0', '::'].includes(options.host) ? '127.0.0.1' : options.host;
  const origin = options.publicOrigin ?? `http://${listening}:${options.port}`;
  return [
    existing === undefined
      ? `User ${user.email} added (${user.role}).`
      : `Password of ${user.email} reset; their sessions were ended.`,
    `Invitation link (shown only now; single use, valid ${INVITATION_HOURS} h): they choose their own password and are signed in:`,
    invitationLink(origin, invitation),
    ...(options.publicOrigin === undefined
      ? ['(SENDER_PUBLIC_URL is not set: the link names the address serve listens on.)']
      : []),
  ];
}
