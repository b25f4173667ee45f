import { describe, expect, it } from 'vitest';
import {
  countries,
  getCountry,
  parseCountryRecords,
  placeholderFields,
  SUPPORTED_LANGUAGES,
} from '../src/countries/index.js';
import { countryRecords } from '../src/countries/records.js';

describe('country registry', () => {
  it('has the 14 Cloud Marketplace countries in 7 languages', () => {
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
    expect(countries.length).toBeGreaterThanOrEqual(14);
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
    const noLanguage = { ...first, code: 'PT', locale: 'pt-PT' };
    expect(() => parseCountryRecords([noLanguage])).toThrow(
      /record PT is invalid: locale: language "pt" has no translations/,
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
