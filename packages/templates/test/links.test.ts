import { decodeHTML } from 'entities';
import { parse } from 'node-html-parser';
import { describe, expect, it } from 'vitest';
import { allPairs, getCountry, renderEmail } from '../src/index.js';

/** Every href in the HTML, HTML-decoded as a mail client would. */
function hrefs(html: string): string[] {
  return parse(html)
    .querySelectorAll('a')
    .map((a) => decodeHTML(a.getAttribute('href') ?? ''));
}

/** Every http(s) URL in a text part. */
const textUrls = (text: string): string[] => text.match(/https?:\/\/\S+/g) ?? [];

describe('link integrity', () => {
  it.each(allPairs())(
    '$templateId $country carries the invitation URL unchanged',
    async ({ templateId, country }) => {
      const record = getCountry(country);
      const invitation = record.invitationUrl.value;
      const email = await renderEmail(templateId, country);

      const links = hrefs(email.html);
      expect(links).toContain(invitation);
      expect(email.text.split('\n')).toContain(invitation);

      // Only this country's invitation and marketplace: no altered copy of either.
      const allowed =
        templateId === 'reseller-invitation'
          ? [invitation]
          : [invitation, record.marketplaceUrl.value];
      for (const url of [...links, ...textUrls(email.text)]) expect(allowed).toContain(url);

      if (templateId === 'reseller-invitation') {
        // Step 1: one single link, the unique invitation URL.
        expect(links).toEqual([invitation]);
      } else {
        expect(links).toContain(record.marketplaceUrl.value);
      }
    },
  );
});
