import { describe, expect, it } from 'vitest';
import { InputError, parseAddressList, parseRecipients } from '../src/addresses.js';

const fails = (fn: () => unknown, field: string, pattern: RegExp) => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).field).toBe(field);
    expect((error as InputError).message).toMatch(pattern);
    return;
  }
  throw new Error('expected an InputError');
};

describe('recipient addresses', () => {
  it('accepts bare addresses, several per value with ";"', () => {
    expect(
      parseRecipients(['ga@contoso.com; it.admin+csp@sub.contoso.co.uk'], ['me@reseller.example']),
    ).toEqual({
      to: ['ga@contoso.com', 'it.admin+csp@sub.contoso.co.uk'],
      cc: ['me@reseller.example'],
    });
  });

  it('refuses CR/LF, commas, display names and malformed addresses, naming the field', () => {
    fails(
      () => parseRecipients(['ga@contoso.com\r\nBcc: x@evil.example'], []),
      'to',
      /line breaks/,
    );
    fails(() => parseRecipients(['ga@contoso.com'], ['a@b.com\nx']), 'cc', /line breaks/);
    fails(() => parseRecipients(['a@contoso.com,b@contoso.com'], []), 'to', /comma/);
    fails(() => parseRecipients(['Global Admin <ga@contoso.com>'], []), 'to', /display names/);
    fails(() => parseRecipients(['"ga"@contoso.com'], []), 'to', /display names|quotes/);
    fails(() => parseRecipients(['ga@contoso'], []), 'to', /not a valid domain/);
    fails(() => parseRecipients(['@contoso.com'], []), 'to', /not an email address/);
    fails(() => parseRecipients(['ga@-contoso.com'], []), 'to', /not a valid domain/);
    fails(() => parseRecipients([''], []), 'to', /at least one/);
  });

  it('refuses over-long addresses and local parts', () => {
    const long = `${'a'.repeat(60)}@${Array.from({ length: 4 }, () => 'b'.repeat(60)).join('.')}.com`;
    expect(long.length).toBeGreaterThan(254);
    fails(() => parseRecipients([long], []), 'to', /254/);
    fails(() => parseRecipients([`${'x'.repeat(65)}@contoso.com`], []), 'to', /longer than 64/);
  });

  it('allows 50 recipients per field and refuses 51', () => {
    const list = (n: number) => Array.from({ length: n }, (_, i) => `user${i}@contoso.com`);
    expect(parseAddressList('to', list(50), { required: true })).toHaveLength(50);
    fails(
      () => parseAddressList('to', list(51), { required: true }),
      'to',
      /51 addresses.*at most 50/,
    );
    fails(() => parseRecipients(['a@contoso.com'], [list(51).join(';')]), 'cc', /at most 50/);
  });

  it('refuses duplicates and an address in both To and CC', () => {
    fails(() => parseRecipients(['a@contoso.com;A@contoso.com'], []), 'to', /twice/);
    fails(() => parseRecipients(['a@contoso.com'], ['a@contoso.com']), 'cc', /already in To/);
  });

  it('accepts internationalised top-level domains in punycode (xn--p1ai), refuses broken ones', () => {
    expect(parseAddressList('to', ['admin@xn--80ak6aa92e.xn--p1ai'], { required: true })).toEqual([
      'admin@xn--80ak6aa92e.xn--p1ai',
    ]);
    expect(parseAddressList('to', ['it@example.xn--fiqs8s'], { required: true })).toHaveLength(1);
    fails(() => parseAddressList('to', ['a@example.xn--'], { required: true }), 'to', /domain/);
    fails(() => parseAddressList('to', ['a@example.xn--a-'], { required: true }), 'to', /domain/);
    fails(() => parseAddressList('to', ['a@example.x1'], { required: true }), 'to', /domain/);
  });

  it('refuses invisible characters instead of trimming them away (BOM, zero-width, separators)', () => {
    fails(
      () => parseAddressList('to', ['\ufeffga@contoso.com'], { required: true }),
      'to',
      /invisible/,
    );
    fails(
      () => parseAddressList('cc', ['ga@contoso.com\u200b'], { required: false }),
      'cc',
      /invisible/,
    );
    fails(
      () => parseAddressList('to', ['ga@contoso.com\u2029'], { required: true }),
      'to',
      /line breaks/,
    );
    // Plain spaces around an address are still fine.
    expect(parseAddressList('to', ['  ga@contoso.com  '], { required: true })).toEqual([
      'ga@contoso.com',
    ]);
  });
});
