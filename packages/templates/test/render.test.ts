import { decodeHTML } from 'entities';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import {
  allPairs,
  countries,
  renderEmail,
  SUPPORTED_LANGUAGES,
  templateIds,
} from '../src/index.js';

const pairs = allPairs();

describe('renderEmail', () => {
  it('renders 2 templates × every country', async () => {
    expect(templateIds).toEqual(['reseller-invitation', 'customer-authorization-request']);
    expect(pairs.length).toBe(2 * countries.length);
    for (const { templateId, country } of pairs) {
      const email = await renderEmail(templateId, country);
      expect(email.templateId).toBe(templateId);
      expect(email.country).toBe(country);
      expect(email.from).toBe('DoNotReply@IngramMicro.com');
      expect(email.subject.length).toBeGreaterThan(10);
      expect(email.preheader.length).toBeGreaterThan(10);
      // Compared as a mail client shows it: apostrophes and ampersands are escaped in HTML.
      expect(decodeHTML(email.html)).toContain(email.preheader);
      expect(email.fingerprint).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it('renders the same bytes every time', async () => {
    const a = await renderEmail('reseller-invitation', 'DE');
    const b = await renderEmail('reseller-invitation', 'DE');
    expect(b.html).toBe(a.html);
    expect(b.fingerprint).toBe(a.fingerprint);
  });

  it('writes each email in its country language', async () => {
    const de = await renderEmail('customer-authorization-request', 'DE');
    expect(de.locale).toBe('de-DE');
    expect(de.html).toContain('lang="de-DE"');
    expect(de.text).toMatch(/Globaler Administrator/);
    const us = await renderEmail('reseller-invitation', 'US');
    expect(us.text).toContain('organization');
    const gb = await renderEmail('reseller-invitation', 'GB');
    expect(gb.text).toContain('organisation');
  });

  it('never promises administrative access', async () => {
    for (const { templateId, country } of pairs.filter(
      (p) => p.country === 'US' || p.country === 'GB',
    )) {
      const { text } = await renderEmail(templateId, country);
      // The reseller sends the invitation itself ("us"); the marketplace speaks of "your reseller".
      const who = templateId === 'reseller-invitation' ? 'us' : 'your reseller';
      expect(text).toContain(`does not give Ingram Micro or ${who} administrative access`);
      expect(text).toContain('GDAP');
    }
  });

  it('rejects an unknown template or country naming the valid values', async () => {
    // @ts-expect-error an unknown template id is what this test feeds in
    await expect(renderEmail('welcome', 'GB')).rejects.toThrow(
      'Unknown template "welcome". Valid templates: reseller-invitation, customer-authorization-request',
    );
    await expect(renderEmail('reseller-invitation', 'gb')).rejects.toThrow(
      /Unknown country "gb"\. Valid country codes: US, CA, GB/,
    );
  });
});

describe('accessibility and privacy of every email', () => {
  it.each(pairs)('$templateId $country', async ({ templateId, country }) => {
    const email = await renderEmail(templateId, country);
    const root = parse(email.html);
    const html = root.querySelector('html');
    expect(html?.getAttribute('lang')).toBe(email.locale);
    expect(html?.getAttribute('dir')).toBe('ltr');
    for (const table of root.querySelectorAll('table'))
      expect(table.getAttribute('role')).toBe('presentation');
    for (const img of root.querySelectorAll('img')) expect(img.getAttribute('alt')).toBeTruthy();
    // No remote images, fonts, stylesheets or tracking pixels: nothing is fetched on open.
    expect(root.querySelectorAll('img, link, script, iframe, object, embed')).toHaveLength(0);
    expect(email.html).not.toMatch(/url\(|@import|@font-face/i);
    expect(root.querySelectorAll('title')).toHaveLength(1);
    expect(root.querySelector('h1')?.text).toBeTruthy();
    // The Email Markup Consortium's wrapper: an article named by the subject, in the email's language.
    const wrapper = root.querySelectorAll('[role="article"]');
    expect(wrapper).toHaveLength(1);
    expect(wrapper[0]?.getAttribute('aria-roledescription')).toBe('email');
    expect(decodeHTML(wrapper[0]?.getAttribute('aria-label') ?? '')).toBe(email.subject);
    expect(wrapper[0]?.getAttribute('lang')).toBe(email.locale);
    expect(wrapper[0]?.getAttribute('dir')).toBe('ltr');
    // Everything the reader sees is inside it, and it is inside the one main landmark.
    expect(root.querySelectorAll('[role="main"]')).toHaveLength(1);
    expect(root.querySelector('[role="main"] > [role="article"]')).not.toBeNull();
    expect(wrapper[0]?.querySelector('h1')).not.toBeNull();
  });
});

describe('translations', () => {
  it('refuses a locale whose language has none, naming the supported ones', async () => {
    const { messagesFor } = await import('../src/i18n/index.js');
    // "xx" is no language's code (ISO 639-1): the example never blocks a real language.
    expect(() => messagesFor('xx-XX')).toThrow(
      `No translations for locale xx-XX: supported languages are ${SUPPORTED_LANGUAGES.join(', ')}`,
    );
    expect(messagesFor('es-MX')).not.toBe(messagesFor('es-ES'));
  });
});
