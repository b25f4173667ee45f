import { domainToASCII, domainToUnicode } from 'node:url';
import { hiddenCharacter, trimSpaces } from './hidden-characters.js';
import { displayAddress, formatMailbox } from './mailbox.js';
import { mixesScripts } from './mixed-scripts.js';

export {
  displayAddress,
  displayRecipient,
  displayRecipients,
  formatMailbox,
  headerMailbox,
  parseMailbox,
} from './mailbox.js';

/**
 * Recipient addresses, as sales have them: `name@domain`, `<name@domain>`,
 * `Name <name@domain>` or `"Müller, Max" <name@domain>` (as Outlook copies
 * them), several separated by ";" or ",", and internationalised domains
 * (müller-maschinenbau.de), sent in their ASCII (punycode) form.
 *
 * The grammar is deliberately this small: no comments, groups, quoted local
 * parts or obsolete forms, so what the user typed is what is sent and nothing
 * in a field can smuggle in another header or recipient. It is read by one
 * pass over the characters that stops at the first problem or cap.
 */

export const MAX_RECIPIENTS = 50; // Resend's limit for `to` (and ours for cc)
export const MAX_ADDRESS_LENGTH = 254; // RFC 5321 path limit minus the brackets
export const MAX_NAME_LENGTH = 100;
/** One entry: a quoted name (escapes may double it), the address in brackets, spaces. */
const MAX_ENTRY_LENGTH = 2 * MAX_NAME_LENGTH + MAX_ADDRESS_LENGTH + 16;
/** A whole field (every value of it): 50 entries with names fit; reading stops past it. */
export const MAX_FIELD_LENGTH = 20_000;
const MAX_LOCAL_LENGTH = 64;

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
// A top-level domain is letters, or an internationalised one in punycode (xn--p1ai).
const TLD = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;

/**
 * Plain ASCII labels, none of them punycode (xn--), ending in a label of letters (so never
 * an IPv4 address, which IDNA would rewrite): nothing for IDNA to do but lower the case.
 */
const PLAIN_DOMAIN = /^(?:(?!xn--)[a-z0-9-]+\.)+[a-z]{2,63}$/i;

const FIELD_LABELS: Record<string, string> = { to: 'To', cc: 'CC' };

export class InputError extends Error {
  override name = 'InputError';
  /** The problem without the field: what the web shows beside the field. */
  readonly detail: string;
  constructor(
    /** The form field / flag / CSV column the problem is in. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.detail = message;
  }

  /** In words a person reads at the field: `To: “max@@x” is not an email address`. */
  get label(): string {
    return `${FIELD_LABELS[this.field] ?? this.field}: ${this.detail}`;
  }
}

/** One parsed recipient: the ASCII address that is sent and the display name, if any. */
export interface Mailbox {
  address: string;
  name?: string;
}

/** Why one bare ASCII address (a user's sign-in name in /team) is refused, or undefined. */
export function addressProblem(address: string): string | undefined {
  if (/[\r\n]/.test(address)) return 'line breaks are not allowed in an address';
  if (/[<>",;\s]/.test(address)) {
    return `“${address}” is not a bare address (name@domain): names, quotes, angle brackets, commas and spaces are not allowed`;
  }
  return asciiAddressProblem(address);
}

const notAnAddress = (shown: string): string =>
  `“${shown}” is not an email address (expected name@domain)`;

/** Length, local part and ASCII domain rules of an address with one @ split off. */
function asciiAddressProblem(address: string, shown = address): string | undefined {
  if (address.length > MAX_ADDRESS_LENGTH)
    return `an address is ${address.length} characters long; the limit is ${MAX_ADDRESS_LENGTH}`;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) return notAnAddress(shown);
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > MAX_LOCAL_LENGTH)
    return `“${shown}”: the part before @ is longer than ${MAX_LOCAL_LENGTH} characters`;
  if (!LOCAL.test(local)) {
    return local.includes('@')
      ? notAnAddress(shown)
      : `“${shown}”: the part before @ has characters that are not allowed`;
  }
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l)) || !TLD.test(labels.at(-1) ?? ''))
    return `“${shown}”: “${shown.slice(shown.lastIndexOf('@') + 1)}” is not a valid domain name`;
  return undefined;
}

/**
 * The domain in ASCII (punycode) for sending, or undefined when it is not a
 * domain as typed. Each label must be exactly its ASCII or its Unicode form:
 * IDNA would quietly turn a fullwidth dot or "example/path" into something
 * else, and that is refused rather than sent somewhere the user did not type.
 */
function asciiDomain(domain: string): string | undefined {
  // The usual domain, letters, digits, hyphens and dots with no punycode label, is its own
  // ASCII and Unicode form: IDNA would only lower its case (the label rules come after).
  if (PLAIN_DOMAIN.test(domain)) return domain.toLowerCase();
  const ascii = domainToASCII(domain);
  if (ascii === '') return undefined;
  const unicode = domainToUnicode(ascii);
  const typed = domain.toLowerCase().split('.');
  const asciiLabels = ascii.split('.');
  const unicodeLabels = unicode.split('.');
  if (typed.length !== asciiLabels.length || typed.length !== unicodeLabels.length)
    return undefined;
  const asTyped = typed.every((t, i) => t === asciiLabels[i] || t === unicodeLabels[i]);
  if (!asTyped || unicodeLabels.some(mixesScripts)) return undefined;
  return ascii;
}

/** One recipient as typed (without the separators), or an InputError. */
function parseEntry(field: string, entry: string): Mailbox {
  let name: string | undefined;
  let address = entry;
  if (entry.startsWith('"')) {
    // A quoted name: read to its closing quote, honouring \" and \\.
    let i = 1;
    let text = '';
    for (; i < entry.length && entry[i] !== '"'; i++) {
      if (entry[i] === '\\') i++;
      text += entry[i] ?? '';
    }
    const rest = trimSpaces(entry.slice(i + 1));
    if (i >= entry.length || !rest.startsWith('<') || !rest.endsWith('>'))
      throw new InputError(
        field,
        `“${entry}” is not an email address: write "Name" <name@domain> or name@domain`,
      );
    name = text;
    address = rest.slice(1, -1);
  } else if (entry.includes('<') || entry.includes('>')) {
    const open = entry.indexOf('<');
    if (open < 0 || !entry.endsWith('>'))
      throw new InputError(
        field,
        `“${entry}” is not an email address: write Name <name@domain> or name@domain`,
      );
    name = trimSpaces(entry.slice(0, open));
    address = entry.slice(open + 1, -1);
    if (/["()[\]\\:<>]/.test(name))
      throw new InputError(
        field,
        `the name “${name}” has quotes, brackets or colons: put the name in quotes, "Name" <name@domain>`,
      );
  }
  if (name !== undefined) {
    name = trimSpaces(name);
    if (name.length > MAX_NAME_LENGTH)
      throw new InputError(
        field,
        `the name before <${address}> is ${name.length} characters long; the limit is ${MAX_NAME_LENGTH}`,
      );
    // A name that looks like an address (or holds MIME encoded words) would show
    // the reader something other than where the email went.
    if (name.includes('@') || name.includes('=?'))
      throw new InputError(
        field,
        `the name “${name}” may not contain “@” or “=?”: give the person's name`,
      );
    if (name === '') name = undefined;
  }
  if (/[\s<>"(),;:[\]\\]/.test(address))
    throw new InputError(
      field,
      `“${address}” is not an email address: write name@domain or Name <name@domain>`,
    );
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1) throw new InputError(field, notAnAddress(address));
  const domain = asciiDomain(address.slice(at + 1));
  const ascii = domain === undefined ? undefined : `${address.slice(0, at)}@${domain}`;
  const problem =
    ascii === undefined
      ? `“${address}”: “${address.slice(at + 1)}” is not a valid domain name`
      : asciiAddressProblem(ascii, address);
  if (problem !== undefined || ascii === undefined) throw new InputError(field, problem ?? '');
  return name === undefined ? { address: ascii } : { address: ascii, name };
}

/**
 * The entries of a field, read once, left to right. ";" always separates; ","
 * separates outside quotes once the entry holds an "@", so Outlook's
 * `Müller, Max <max@example.de>` stays one entry. Stops at the length caps.
 */
function* entries(field: string, values: readonly string[]): Generator<string> {
  let read = 0;
  for (const value of values) {
    let start = 0;
    let quoted = false;
    let sawAt = false;
    for (let i = 0; i <= value.length; i++) {
      if (++read > MAX_FIELD_LENGTH + values.length)
        throw new InputError(
          field,
          `the list is longer than ${MAX_FIELD_LENGTH.toLocaleString('en')} characters; give at most ${MAX_RECIPIENTS} addresses`,
        );
      const ch = value[i];
      if (ch === undefined || (!quoted && (ch === ';' || (ch === ',' && sawAt)))) {
        if (i > start) yield value.slice(start, i);
        start = i + 1;
        sawAt = false;
      } else if (i - start >= MAX_ENTRY_LENGTH) {
        throw new InputError(
          field,
          `“${value.slice(start, start + 40)}…” is longer than any address (${MAX_ENTRY_LENGTH} characters with its name)`,
        );
      } else if (quoted) {
        if (ch === '\\' && i + 1 < value.length) i++;
        else if (ch === '"') quoted = false;
      } else if (ch === '"') quoted = true;
      else if (ch === '@') sawAt = true;
    }
  }
}

/**
 * Parses one recipient field into stored mailboxes (see formatMailbox). Each
 * value may hold several entries. Throws InputError naming the field on the
 * first problem; stops reading at the caps (50 addresses, the field length).
 * Duplicates are found by the address in any case, in a Map: linear time.
 */
export function parseAddressList(
  field: string,
  values: readonly string[],
  options: { required: boolean },
): string[] {
  return parseMailboxes(field, values, options).map(formatMailbox);
}

function parseMailboxes(
  field: string,
  values: readonly string[],
  options: { required: boolean },
): Mailbox[] {
  const out: Mailbox[] = [];
  const seen = new Map<string, string>();
  for (const raw of entries(field, values)) {
    const hidden = hiddenCharacter(raw);
    if (hidden === 'a line break')
      throw new InputError(field, 'line breaks are not allowed in an address');
    if (hidden !== undefined)
      throw new InputError(field, `${hidden} is not allowed in an address (it would be invisible)`);
    const entry = trimSpaces(raw);
    if (entry === '') continue;
    if (out.length === MAX_RECIPIENTS)
      throw new InputError(
        field,
        `more than ${MAX_RECIPIENTS} addresses given; at most ${MAX_RECIPIENTS} are allowed (send the rest separately)`,
      );
    const mailbox = parseEntry(field, entry);
    const key = mailbox.address.toLowerCase();
    if (seen.has(key))
      throw new InputError(field, `“${displayAddress(mailbox.address)}” is listed twice`);
    seen.set(key, mailbox.address);
    out.push(mailbox);
  }
  if (options.required && out.length === 0)
    throw new InputError(field, 'at least one address is required');
  return out;
}

/** To and CC together: an address may not be in both. */
export function parseRecipients(
  to: readonly string[],
  cc: readonly string[],
): { to: string[]; cc: string[] } {
  const toList = parseMailboxes('to', to, { required: true });
  const ccList = parseMailboxes('cc', cc, { required: false });
  const inTo = new Set(toList.map((m) => m.address.toLowerCase()));
  const both = ccList.find((m) => inTo.has(m.address.toLowerCase()));
  if (both) throw new InputError('cc', `“${displayAddress(both.address)}” is already in To`);
  return { to: toList.map(formatMailbox), cc: ccList.map(formatMailbox) };
}
