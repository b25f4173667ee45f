/**
 * Microsoft's labels and facts have one source (src/microsoft), with provenance,
 * and every email states them exactly as that source does.
 */
import { describe, expect, it } from 'vitest';
import {
  allPairs,
  countries,
  displayLabel,
  factStatement,
  MICROSOFT_LABEL_KEYS,
  microsoftFacts,
  microsoftLabels,
  parseMicrosoftFacts,
  parseMicrosoftLabels,
  renderEmail,
  SUPPORTED_LANGUAGES,
  type Language,
} from '../src/index.js';
import { decodeHTML } from 'entities';
import { parse } from 'node-html-parser';
import { labelRecords } from '../src/microsoft/records.js';

const languageOf = (locale: string) => locale.slice(0, 2) as Language;
const someTranslations = {
  de: 'Microsoft sagt etwas.',
  fr: 'Microsoft dit quelque chose.',
  es: 'Microsoft dice algo.',
  it: 'Microsoft dice qualcosa.',
  nl: 'Microsoft zegt iets.',
  sv: 'Microsoft säger något.',
};

describe('the Microsoft source', () => {
  it('has every label in every language, each confirmed with a quote or unconfirmed with a reason', () => {
    for (const language of SUPPORTED_LANGUAGES) {
      for (const key of MICROSOFT_LABEL_KEYS) {
        const label = microsoftLabels[language][key];
        if (label.provenance.status === 'confirmed') {
          expect(label.provenance.source.url, `${language}.${key}`).toMatch(/^https:\/\//);
          expect(label.provenance.source.quote.toLowerCase()).toContain(label.text.toLowerCase());
        } else {
          expect(label.provenance.reason.length, `${language}.${key}`).toBeGreaterThan(10);
        }
      }
    }
  });

  it('holds the terms issue 12 lists as confirmed, as Microsoft writes them', () => {
    expect(microsoftLabels.de.globalAdministrator.text).toBe('Globaler Administrator');
    // Role names in lower case mid-sentence, as Microsoft writes them in these languages.
    expect(microsoftLabels.fr.globalAdministrator.text).toBe('administrateur général');
    expect(microsoftLabels.es.globalAdministrator.text).toBe('administrador global');
    expect(microsoftLabels.it.globalAdministrator.text).toBe('amministratore globale');
    expect(microsoftLabels.nl.globalAdministrator.text).toBe('globale beheerder');
    expect(microsoftLabels.sv.globalAdministrator.text).toBe('global administratör');
    expect(microsoftLabels.fr.customerAgreement.text).toBe('Contrat client Microsoft');
    expect(microsoftLabels.es.customerAgreement.text).toBe('Contrato de cliente de Microsoft');
    expect(microsoftLabels.nl.customerAgreement.text).toBe('Microsoft-klantovereenkomst');
    expect(microsoftLabels.sv.customerAgreement.text).toBe('Microsofts kundavtal');
  });

  it('rejects a confirmed label whose quote does not say it, naming where', () => {
    const broken = structuredClone(labelRecords);
    broken.de.globalAdministrator.text = 'Globaler Admin';
    broken.de.globalAdministrator.provenance = {
      status: 'confirmed',
      source: {
        url: 'https://learn.microsoft.com/x',
        title: 'X page',
        quote: 'Something else',
        checked: 'here',
      },
    };
    expect(() => parseMicrosoftLabels(broken)).toThrow(
      'Microsoft label source is invalid: de.globalAdministrator.provenance.source.quote: the quote does not contain the label "Globaler Admin"',
    );
  });

  it('rejects a missing language or label, and a confirmation without a quote', () => {
    const withoutSwedish: Partial<typeof labelRecords> = structuredClone(labelRecords);
    delete withoutSwedish.sv;
    expect(() => parseMicrosoftLabels(withoutSwedish)).toThrow(/sv: /);
    expect(() =>
      parseMicrosoftFacts([
        {
          id: 'someFact',
          statement: 'Microsoft says something.',
          translations: someTranslations,
          provenance: {
            status: 'confirmed',
            source: { url: 'https://learn.microsoft.com/x', title: 'X page', checked: 'here' },
          },
        },
      ]),
    ).toThrow(/Microsoft fact #0 is invalid: provenance\.source\.quote: /);
  });

  it('states every fact in every language, naming a missing translation or an unknown label', () => {
    for (const fact of microsoftFacts)
      for (const language of SUPPORTED_LANGUAGES)
        expect(factStatement(fact, language), `${fact.id} ${language}`).not.toMatch(/[{}]/);
    const [first] = microsoftFacts;
    if (!first) throw new Error('no facts');
    const withoutSwedish: Partial<typeof first.translations> = { ...first.translations };
    delete withoutSwedish.sv;
    expect(() => parseMicrosoftFacts([{ ...first, translations: withoutSwedish }])).toThrow(
      /Microsoft fact #0 is invalid: translations\.sv: /,
    );
    expect(() =>
      parseMicrosoftFacts([{ ...first, statement: 'Select {acceptButton} on the page.' }]),
    ).toThrow(/statement: \{acceptButton\} is not a Microsoft label key/);
    // The label is shown as the language shows it: unconfirmed with its English beside it.
    const steps = microsoftFacts.find((f) => f.id === 'acceptanceSteps');
    if (!steps) throw new Error('no acceptanceSteps fact');
    expect(factStatement(steps, 'de')).toContain(displayLabel('de', 'acceptAndAuthorizeButton'));
  });

  it('gives every fact a unique id and its provenance', () => {
    const ids = microsoftFacts.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const fact of microsoftFacts) {
      if (fact.provenance.status === 'confirmed')
        expect(fact.provenance.source.quote.length).toBeGreaterThan(10);
      else expect(fact.provenance.reason.length).toBeGreaterThan(10);
    }
    const [first] = microsoftFacts;
    expect(() => parseMicrosoftFacts([first, first])).toThrow(/is a duplicate/);
  });

  it('shows the English label beside an unconfirmed translation, and a confirmed one as it is', () => {
    expect(displayLabel('de', 'acceptAndAuthorizeButton')).toBe(
      'Akzeptieren und autorisieren (Accept & Authorize)',
    );
    expect(displayLabel('de', 'globalAdministrator')).toBe('Globaler Administrator');
    expect(displayLabel('en', 'acceptAndAuthorizeButton')).toBe('Accept & Authorize');
    expect(displayLabel('sv', 'customerAgreement')).toBe(
      'Microsofts kundavtal (Microsoft Customer Agreement)',
    );
  });
});

/** The email's text as a reader sees it, with URLs taken out. */
async function readable(
  templateId: (typeof allPairs extends () => (infer P)[] ? P : never)['templateId'],
  country: string,
) {
  const email = await renderEmail(templateId, country);
  const html = decodeHTML(parse(email.html).querySelector('[role="article"]')?.text ?? '');
  return { email, language: languageOf(email.locale), texts: [email.subject, email.text, html] };
}

describe('every email states Microsoft’s labels as the source does', () => {
  it.each(allPairs())('$templateId $country', async ({ templateId, country }) => {
    const { email, language } = await readable(templateId, country);
    // Every bold segment is a Microsoft label, shown exactly as the source shows it.
    const shown = new Set(MICROSOFT_LABEL_KEYS.map((key) => displayLabel(language, key)));
    const bold = parse(email.html)
      .querySelectorAll('strong')
      .map((s) => decodeHTML(s.text));
    expect(bold.length).toBeGreaterThanOrEqual(6);
    for (const text of bold) expect(shown, text).toContain(text);
    // The acceptance labels are all there.
    for (const key of [
      'globalAdministrator',
      'adminCenter',
      'acceptAgreementPage',
      'customerAgreement',
      'acceptAndAuthorizeButton',
      'partnerRelationshipsPath',
    ] as const)
      expect(email.text, key).toContain(displayLabel(language, key));
    // Wherever a label's words appear, they appear exactly as shown (no retyped variant,
    // no unconfirmed translation without its English).
    for (const key of MICROSOFT_LABEL_KEYS) {
      const words = microsoftLabels[language][key].text.toLowerCase();
      const display = displayLabel(language, key);
      for (const text of [email.subject, email.text]) {
        let at = text.toLowerCase().indexOf(words);
        while (at !== -1) {
          expect(text.slice(at, at + display.length), `${key} in ${templateId} ${country}`).toBe(
            display,
          );
          at = text.toLowerCase().indexOf(words, at + 1);
        }
      }
    }
  });
});

/** "if shown" for the agreement, in each language's words (never a second bracket right after a label's English). */
const IF_SHOWN: Record<Language, string> = {
  en: '(if shown)',
  de: 'falls angezeigt,',
  fr: '(s’il est affiché)',
  es: '(si se muestra)',
  it: 'se visualizzato,',
  nl: '(indien weergegeven)',
  sv: 'Om länken till',
};

describe('acceptance as Microsoft shows it', () => {
  it.each(allPairs())('$templateId $country', async ({ templateId, country }) => {
    const { email, language } = await readable(templateId, country);
    const steps = email.text.split('\n').filter((line) => /^\d+\. /.test(line));
    expect(steps).toHaveLength(5);
    const page = displayLabel(language, 'acceptAgreementPage');
    const agreement = displayLabel(language, 'customerAgreement');
    const button = displayLabel(language, 'acceptAndAuthorizeButton');
    // Step 3 is on the page named "Accept agreement & authorize partner": the agreement, if shown.
    expect(steps[2]).toContain(page);
    expect(steps[2]).toContain(agreement);
    expect(steps[2]).toContain(IF_SHOWN[language]);
    expect(steps[2]).not.toContain(button);
    // Step 4 is the button.
    expect(steps[3]).toContain(button);
    expect(steps[3]).not.toContain(page);
    if (language === 'en') expect(email.text).not.toMatch(/Select Accept agreement/);
  });
});

describe('language fixes', () => {
  it('French: a non-breaking space before every colon', async () => {
    for (const { templateId, country } of allPairs().filter((p) => p.country === 'FR')) {
      const { texts } = await readable(templateId, country);
      for (const text of texts) {
        const withoutUrls = text.replace(/https?:\/\/\S+/g, '');
        expect(withoutUrls.match(/[^\u00a0]:/g), templateId).toBeNull();
      }
    }
  });

  it('Swedish: Microsofts kundavtal, administrationscentret, and organisation said once', async () => {
    for (const templateId of ['reseller-invitation', 'customer-authorization-request'] as const) {
      const { email } = await readable(templateId, 'SE');
      expect(email.text).toContain('Microsofts kundavtal');
      expect(email.text).not.toContain('Microsoft-kundavtal');
      expect(email.text).toContain('administrationscentret för Microsoft 365');
      expect(email.text).not.toContain('organisations Microsoft-klientorganisation');
    }
  });

  it('Spanish: "partner" throughout, as Microsoft writes it, never "asociado"', async () => {
    for (const { templateId, country } of allPairs().filter((p) =>
      ['ES', 'MX'].includes(p.country),
    )) {
      const { email, texts } = await readable(templateId, country);
      for (const text of texts) {
        // The English beside an unconfirmed label is Microsoft's English, not our Spanish.
        const spanishOnly = MICROSOFT_LABEL_KEYS.reduce(
          (t, key) => t.replaceAll(` (${microsoftLabels.en[key].text})`, ''),
          text.replace(/https?:\/\/\S+/g, ''),
        );
        expect(spanishOnly, `${templateId} ${country}`).not.toMatch(/\basociados?\b/i);
      }
      expect(email.text).toMatch(/\bpartner\b/);
    }
  });

  it('English: no "the" inside the subject’s parentheses; British spelling in en-GB', async () => {
    for (const country of countries.filter((c) => c.locale.startsWith('en-'))) {
      for (const templateId of ['reseller-invitation', 'customer-authorization-request'] as const) {
        const { email } = await readable(templateId, country.code);
        expect(email.subject).not.toMatch(/\(the /);
        if (country.locale === 'en-GB') {
          // "Accept & Authorize" is Microsoft's label and keeps Microsoft's spelling.
          // Microsoft's labels keep Microsoft's spelling; so does the Marketplace's own request name.
          const ours = MICROSOFT_LABEL_KEYS.reduce(
            (t, key) => t.replaceAll(microsoftLabels.en[key].text, ''),
            email.text.replaceAll('Customer Authorization Request', ''),
          );
          expect(ours).not.toMatch(/authoriz|organiz/i);
          expect(ours).toMatch(/authoris/i);
        }
      }
    }
    expect((await renderEmail('customer-authorization-request', 'GB')).subject).toBe(
      'Action needed: authorise Ingram Micro as your CSP partner (United Kingdom)',
    );
  });

  it('the reseller’s invitation speaks as the reseller ("us") from start to end', async () => {
    const yourReseller: Record<Language, RegExp> = {
      en: /your reseller/i,
      de: /Ihr(en)? Reseller/,
      fr: /votre revendeur/,
      es: /su revendedor/,
      it: /suo rivenditore/,
      nl: /uw reseller/,
      sv: /din återförsäljare/,
    };
    for (const country of countries) {
      const { email, language } = await readable('reseller-invitation', country.code);
      expect(email.text, country.code).not.toMatch(yourReseller[language]);
      const request = await readable('customer-authorization-request', country.code);
      expect(request.email.text, country.code).toMatch(yourReseller[language]);
    }
  });
});
