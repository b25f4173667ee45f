/**
 * Stored recipients (`addr` or `"Name" <addr>`) written, read back and shown: the other
 * half of src/addresses.ts, which parses what people type.
 */
import { domainToUnicode } from 'node:url';
import { encodeWord } from 'nodemailer/lib/mime-funcs/index.js';
import type { Mailbox } from './addresses.js';

/** The address a person reads: the domain in Unicode (max@müller-maschinenbau.de). */
export function displayAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 0 || !address.includes('xn--')) return address;
  const unicode = domainToUnicode(address.slice(at + 1));
  return unicode === '' ? address : `${address.slice(0, at + 1)}${unicode}`;
}

/** The form a recipient is stored and handed on in: `addr` or `"Name" <addr>`. */
export function formatMailbox(mailbox: Mailbox): string {
  if (mailbox.name === undefined) return mailbox.address;
  return `"${mailbox.name.replace(/[\\"]/g, (c) => `\\${c}`)}" <${mailbox.address}>`;
}

/** Reads back what formatMailbox wrote (stored rows from before names are bare addresses). */
export function parseMailbox(stored: string): Mailbox {
  if (!stored.startsWith('"') || !stored.endsWith('>')) return { address: stored };
  const open = stored.lastIndexOf(' <');
  return {
    name: stored.slice(1, open - 1).replace(/\\(.)/g, '$1'),
    address: stored.slice(open + 2, -1),
  };
}

/**
 * A stored recipient as a header value in ASCII, for an API that takes
 * `Name <addr>` strings (Resend): a non-ASCII name as RFC 2047 encoded words
 * (base64: no character of it needs quoting), an ASCII one as a quoted string.
 */
export function headerMailbox(stored: string): string {
  const mailbox = parseMailbox(stored);
  if (mailbox.name === undefined || /^[\x20-\x7e]*$/.test(mailbox.name))
    return formatMailbox(mailbox);
  return `${encodeWord(mailbox.name, 'B', 52)} <${mailbox.address}>`;
}

/** A stored recipient as people read it: `Müller, Max <max@müller-maschinenbau.de>`. */
export function displayRecipient(stored: string): string {
  const { name, address } = parseMailbox(stored);
  return name === undefined ? displayAddress(address) : `${name} <${displayAddress(address)}>`;
}

/** Several stored recipients as people read them, "; " between. */
export const displayRecipients = (list: readonly string[]): string =>
  list.map(displayRecipient).join('; ');
