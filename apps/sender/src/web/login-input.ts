/**
 * What the sign-in form accepts before anything is counted or hashed: an email of at
 * most 320 characters without control characters, and a password no longer than any
 * password can be (so a megabyte of "password" is never hashed).
 */
import { hiddenCharacter } from '../hidden-characters.js';
import { MAX_PASSWORD_LENGTH } from '../passwords.js';

const MAX_EMAIL_LENGTH = 320;

export function signInProblem(email: string, password: string): string | undefined {
  if (email.length > MAX_EMAIL_LENGTH)
    return `email: at most ${MAX_EMAIL_LENGTH} characters (${email.length} given).`;
  const hidden = hiddenCharacter(email);
  if (hidden !== undefined) return `email: ${hidden} is not allowed in an email address.`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `password: at most ${MAX_PASSWORD_LENGTH} characters.`;
  return undefined;
}
