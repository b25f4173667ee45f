import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allPairs, packageVersion, readLock, renderEmail, verifyEmail } from '../src/index.js';

describe('templates.lock.json', () => {
  it('was written for this package version', () => {
    expect(readLock().packageVersion).toBe(packageVersion);
  });

  it('locks exactly every template × country', () => {
    const locked = Object.entries(readLock().fingerprints).flatMap(([templateId, byCountry]) =>
      Object.keys(byCountry).map((country) => `${templateId}/${country}`),
    );
    expect(locked.sort()).toEqual(
      allPairs()
        .map((p) => `${p.templateId}/${p.country}`)
        .sort(),
    );
  });

  it.each(allPairs())('$templateId $country renders as locked', async ({ templateId, country }) => {
    const email = await renderEmail(templateId, country);
    const locked = readLock().fingerprints[templateId]?.[country];
    expect(
      email.fingerprint,
      `${templateId} for ${country} differs from templates.lock.json. If the change is deliberate, run ` +
        '`pnpm --filter @csp-enablement/templates lock` and add a changeset (`pnpm changeset`).',
    ).toBe(locked);
  });
});

describe('verifyEmail', () => {
  const flipLastByte = (s: string) =>
    s.slice(0, -1) + String.fromCharCode(s.charCodeAt(s.length - 1) ^ 1);

  it('accepts a rendered email and rejects a one-byte change in any part', async () => {
    const email = await renderEmail('customer-authorization-request', 'FR');
    expect(verifyEmail(email)).toBe(true);
    expect(verifyEmail({ ...email, subject: flipLastByte(email.subject) })).toBe(false);
    expect(verifyEmail({ ...email, html: flipLastByte(email.html) })).toBe(false);
    expect(verifyEmail({ ...email, text: flipLastByte(email.text) })).toBe(false);
    const url = email.html.indexOf('partnerId=');
    expect(
      verifyEmail({
        ...email,
        html: email.html.slice(0, url) + 'partnerId=1' + email.html.slice(url + 11),
      }),
    ).toBe(false);
  });

  it('rejects another sender, template or country', async () => {
    const email = await renderEmail('reseller-invitation', 'SE');
    expect(verifyEmail({ ...email, from: 'someone@example.com' })).toBe(false);
    expect(verifyEmail({ ...email, country: 'NL' })).toBe(false);
    expect(verifyEmail({ ...email, templateId: 'customer-authorization-request' })).toBe(false);
    expect(verifyEmail({ ...email, templateId: 'nope' })).toBe(false);
  });

  it('verifies the pre-rendered files shipped in dist/emails', async () => {
    const dir = new URL('../dist/emails/reseller-invitation/', import.meta.url);
    const meta = JSON.parse(readFileSync(new URL('GB.json', dir), 'utf8')) as {
      subject: string;
      from: string;
    };
    const shipped = {
      templateId: 'reseller-invitation',
      country: 'GB',
      subject: meta.subject,
      from: meta.from,
      html: readFileSync(new URL('GB.html', dir), 'utf8'),
      text: readFileSync(new URL('GB.txt', dir), 'utf8'),
    };
    expect(verifyEmail(shipped)).toBe(true);
    expect(shipped.html).toBe((await renderEmail('reseller-invitation', 'GB')).html);
  });
});
