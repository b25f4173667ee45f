import { hiddenCharacter, trimSpaces } from './hidden-characters.js';

/**
 * Recipient addresses. The sender takes bare addresses only (no display
 * names), so what the user typed is exactly what the provider receives, and
 * nothing in an address can smuggle in another header or recipient.
 */

export const MAX_RECIPIENTS = 50; // Resend's limit for `to` (and ours for cc)
export const MAX_ADDRESS_LENGTH = 254; // RFC 5321 path limit minus the brackets
const MAX_LOCAL_LENGTH = 64;

const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export class InputError extends Error {
  override name = 'InputError';
  constructor(
    /** The form field / flag / CSV column the problem is in. */
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Why one address is refused, or undefined when it is acceptable. */
export function addressProblem(address: string): string | undefined {
  if (/[\r\n]/.test(address)) return 'line breaks are not allowed in an address';
  if (address.includes(','))
    return `"${address}" contains a comma: give one address at a time (separate several with ";")`;
  if (/[<>"]/.test(address) || /\s/.test(address)) {
    return `"${address}" is not a bare address: display names, quotes, angle brackets and spaces are not allowed`;
  }
  if (address.length > MAX_ADDRESS_LENGTH)
    return `an address is ${address.length} characters long; the limit is ${MAX_ADDRESS_LENGTH}`;
  const at = address.lastIndexOf('@');
  if (at <= 0 || at === address.length - 1)
    return `"${address}" is not an email address (expected name@domain)`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > MAX_LOCAL_LENGTH)
    return `"${address}": the part before @ is longer than ${MAX_LOCAL_LENGTH} characters`;
  if (!LOCAL.test(local))
    return `"${address}": the part before @ has characters that are not allowed`;
  const labels = domain.split('.');
  if (
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l)) ||
    // A top-level domain is letters, or an internationalised one in punycode (xn--p1ai).
    !/^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/.test(labels.at(-1) ?? '')
  ) {
    return `"${address}": "${domain}" is not a valid domain name`;
  }
  return undefined;
}

/**
 * Parses one recipient field. Each value may hold several addresses separated
 * by ";". Throws InputError naming the field on the first problem.
 */
export function parseAddressList(
  field: string,
  values: readonly string[],
  options: { required: boolean },
): string[] {
  const out: string[] = [];
  for (const value of values) {
    const hidden = hiddenCharacter(value);
    if (hidden === 'a line break')
      throw new InputError(field, 'line breaks are not allowed in an address');
    if (hidden !== undefined)
      throw new InputError(field, `${hidden} is not allowed in an address (it would be invisible)`);
    for (const part of value.split(';')) {
      const address = trimSpaces(part);
      if (address === '') continue;
      const problem = addressProblem(address);
      if (problem) throw new InputError(field, problem);
      if (out.some((a) => a.toLowerCase() === address.toLowerCase())) {
        throw new InputError(field, `"${address}" is listed twice`);
      }
      out.push(address);
    }
  }
  if (options.required && out.length === 0)
    throw new InputError(field, 'at least one address is required');
  if (out.length > MAX_RECIPIENTS) {
    throw new InputError(
      field,
      `${out.length} addresses given; at most ${MAX_RECIPIENTS} are allowed`,
    );
  }
  return out;
}

/** To and CC together: an address may not be in both. */
export function parseRecipients(
  to: readonly string[],
  cc: readonly string[],
): { to: string[]; cc: string[] } {
  const toList = parseAddressList('to', to, { required: true });
  const ccList = parseAddressList('cc', cc, { required: false });
  const both = ccList.find((c) => toList.some((t) => t.toLowerCase() === c.toLowerCase()));
  if (both) throw new InputError('cc', `"${both}" is already in To`);
  return { to: toList, cc: ccList };
}
