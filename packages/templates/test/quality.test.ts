import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPairs, renderEmail } from '../src/index.js';
import { toMime } from './mime.js';
import {
  caniemailErrors,
  startSpamAssassin,
  type SpamAssassin,
  unlistedOutlookErrors,
  unlistedStrictErrors,
} from './quality.js';

const MAX_HTML_BYTES = 20 * 1024; // Gmail clips at about 102 KB; we stay far below.
const MAX_SPAM_SCORE = 2.0;

interface Row {
  template: string;
  country: string;
  htmlKB: string;
  textKB: string;
  caniemailErrors: number;
  spamScore: number;
}
const rows: Row[] = [];
const kb = (s: string) => (Buffer.byteLength(s) / 1024).toFixed(1);

let spamAssassin: SpamAssassin;
beforeAll(async () => {
  spamAssassin = await startSpamAssassin();
}, 90_000);
afterAll(async () => {
  await spamAssassin.stop();
});
const spamScore = (mime: string) => spamAssassin.score(mime);

describe('the quality checks themselves', () => {
  it('SpamAssassin scores an obviously spammy message above the limit', async () => {
    const spammy = [
      'From: a@b.example',
      'To: c@d.example',
      'Subject: FREE MONEY!!! CLICK HERE NOW',
      'Content-Type: text/html',
      '',
      '<html><body><font size=7>CLICK HERE FOR FREE CASH $$$ 100% GUARANTEED</font>' +
        '<a href="http://1.2.3.4/x">click</a></body></html>',
      '',
    ].join('\n');
    const report = await spamScore(spammy);
    expect(report.score).toBeGreaterThan(MAX_SPAM_SCORE);
    expect(report.rules).toContain('GUARANTEED_100_PERCENT');
  });

  it('lets a strict client lack only what is listed, and only in the listed clients', () => {
    const labelled = '<html><div role="article" aria-label="Subject">x</div></html>';
    expect(caniemailErrors(labelled, ['yahoo.*']).length).toBeGreaterThan(0);
    expect(unlistedStrictErrors(labelled)).toEqual([]);
    // Anything else a strict client lacks is still an error.
    const fixed = '<html><div aria-label="Subject" style="position:fixed">x</div></html>';
    expect(unlistedStrictErrors(fixed)).toContain(
      '`position` is not supported by `gmail.desktop-webmail`',
    );
    expect(unlistedStrictErrors(fixed).join()).not.toContain('aria-label');
  });

  it('caniemail reports CSS that Outlook on Windows lacks', () => {
    const html = '<html><body><div style="display:flex;border-radius:4px">x</div></body></html>';
    expect(caniemailErrors(html, ['outlook.windows']).length).toBeGreaterThan(0);
  });
});

describe('email quality (offline)', () => {
  it.each(allPairs())('$templateId $country', async ({ templateId, country }) => {
    const email = await renderEmail(templateId, country);
    const strict = unlistedStrictErrors(email.html);
    const outlook = unlistedOutlookErrors(email.html);
    const spam = await spamScore(await toMime(email));
    rows.push({
      template: templateId,
      country,
      htmlKB: kb(email.html),
      textKB: kb(email.text),
      caniemailErrors: strict.length + outlook.length,
      spamScore: spam.score,
    });

    expect(Buffer.byteLength(email.html)).toBeLessThan(MAX_HTML_BYTES);
    expect(strict, 'caniemail errors for Gmail, Apple Mail, Yahoo, Outlook.com').toEqual([]);
    expect(outlook, 'Outlook on Windows errors with no listed graceful degradation').toEqual([]);
    expect(spam.score, `SpamAssassin rules hit: ${spam.rules.join(', ')}`).toBeLessThan(
      MAX_SPAM_SCORE,
    );
  });

  afterAll(() => {
    rows.sort((a, b) => a.template.localeCompare(b.template) || a.country.localeCompare(b.country));
    console.log('\nEmail quality');
    console.table(rows);
    const largest = Math.max(...rows.map((r) => Number(r.htmlKB)));
    const worst = Math.max(...rows.map((r) => r.spamScore));
    console.log(`largest HTML ${largest} KB, highest spam score ${worst}`);
  });
});
