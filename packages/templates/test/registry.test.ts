import { describe, expect, it } from 'vitest';
import {
  countries,
  getCountry,
  invitationForm,
  parseCountryRecords,
  placeholderFields,
  SUPPORTED_LANGUAGES,
} from '../src/countries/index.js';
import { countryRecords } from '../src/countries/records.js';

describe('country registry', () => {
  it('has the Cloud Marketplace countries of the article, in every supported language', () => {
    expect(countries.map((c) => c.code)).toEqual(
      expect.arrayContaining([
        'US',
        'CA',
        'GB',
        'AU',
        'NZ',
        'IN',
        'SG',
        'DE',
        'FR',
        'ES',
        'IT',
        'NL',
        'MX',
        'SE',
      ]),
    );
    const languages = new Set(countries.map((c) => c.locale.slice(0, 2)));
    expect([...languages].sort()).toEqual([...SUPPORTED_LANGUAGES].sort());
  });

  it('uses the marketplace code uk for GB and https://<code>.cloud.im', () => {
    const gb = getCountry('GB');
    expect(gb.marketplaceCode).toBe('uk');
    expect(gb.marketplaceUrl.value).toBe('https://uk.cloud.im');
    expect(getCountry('MX').locale).toBe('es-MX');
  });

  it('marks every invitation GUID as a placeholder, since the real ones are not public', () => {
    for (const country of countries) {
      expect(country.invitationUrl.provenance.status, country.code).toBe('placeholder');
      expect(placeholderFields(country)).toContain('invitationUrl');
    }
  });

  it('gives each country its own invitation link', () => {
    const urls = new Set(countries.map((c) => c.invitationUrl.value));
    expect(urls.size).toBe(countries.length);
  });

  it('names the country and field of a bad record', () => {
    const [first] = countryRecords as Record<string, unknown>[];
    const bad = {
      ...first,
      code: 'DE',
      invitationUrl: {
        value: 'https://example.com/x',
        provenance: { status: 'placeholder', reason: 'test' },
      },
    };
    expect(() => parseCountryRecords([bad])).toThrow(
      /record DE is invalid: invitationUrl\.value: must be Microsoft's reseller-relationship/,
    );
    // "xx" is no language's code (ISO 639-1), so this example never blocks a real one.
    const noLanguage = { ...first, code: 'XX', locale: 'xx-XX' };
    expect(() => parseCountryRecords([noLanguage])).toThrow(
      /record XX is invalid: locale: language "xx" has no translations/,
    );
    const wrongHost = {
      ...first,
      marketplaceUrl: {
        value: 'https://gb.cloud.im',
        provenance: { status: 'placeholder', reason: 't' },
      },
    };
    expect(() => parseCountryRecords([wrongHost])).toThrow(
      /marketplaceUrl\.value: must be https:\/\/us\.cloud\.im/,
    );
  });

  describe("accepts both of Microsoft's invitation forms", () => {
    const [first] = countryRecords as Record<string, unknown>[];
    const withLink = (value: string) => ({
      ...first,
      invitationUrl: { value, provenance: { status: 'placeholder', reason: 'test' } },
    });
    const guid = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
    const provider = 'FEDCBA98-7654-4321-8FED-CBA987654321';

    it.each(['#/BillingAccounts/partner-invitation', '#/partners/invitation'])(
      'the direct form, invType=ResellerRelationship, ending %s',
      (fragment) => {
        const url = `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${guid}&msppId=0&DAP=false${fragment}`;
        expect(invitationForm(url)).toBe('direct');
        expect(parseCountryRecords([withLink(url)])[0]?.invitationUrl.value).toBe(url);
      },
    );

    it.each(['#/BillingAccounts/partner-invitation', '#/partners/invitation'])(
      'the indirect-provider form, invType=IndirectResellerRelationship, ending %s',
      (fragment) => {
        const url = `https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId=${guid}&msppId=4812345&indirectCSPId=${provider}${fragment}`;
        expect(invitationForm(url)).toBe('indirect');
        expect(parseCountryRecords([withLink(url)])[0]?.invitationUrl.value).toBe(url);
      },
    );

    it.each([
      [
        'another host',
        `https://admin.example.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${guid}#/partners/invitation`,
      ],
      [
        'a partner ID that is no GUID',
        'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=1234#/partners/invitation',
      ],
      [
        'an indirect link without its provider',
        `https://admin.microsoft.com/Adminportal/Home?invType=IndirectResellerRelationship&partnerId=${guid}&msppId=0#/partners/invitation`,
      ],
      [
        'another fragment',
        `https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=${guid}#/homepage`,
      ],
      [
        'an unknown invitation type',
        `https://admin.microsoft.com/Adminportal/Home?invType=Advisor&partnerId=${guid}#/partners/invitation`,
      ],
    ])('rejects %s, naming both forms', (_, url) => {
      expect(invitationForm(url)).toBeUndefined();
      expect(() => parseCountryRecords([withLink(url)])).toThrow(
        /record US is invalid: invitationUrl\.value: must be Microsoft's reseller-relationship invitation URL, .*invType=ResellerRelationship.*invType=IndirectResellerRelationship.*#\/BillingAccounts\/partner-invitation or #\/partners\/invitation/,
      );
    });
  });

  it('rejects a duplicate country code', () => {
    const [first] = countryRecords;
    expect(() => parseCountryRecords([first, first])).toThrow(/duplicate of code US/);
  });

  it('rejects an unknown country naming the valid codes', () => {
    expect(() => getCountry('XX')).toThrow(
      /Unknown country "XX"\. Valid country codes: US, CA, GB/,
    );
  });
});
