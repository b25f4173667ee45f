import { countryRecordSchema, type CountryRecord } from './schema.js';
import { countryRecords } from './records.js';

export class RegistryError extends Error {
  override name = 'RegistryError';
}

/**
 * Validates raw records, naming the country and field of the first problem:
 * a bad record must stop the build, not ship.
 */
export function parseCountryRecords(raw: readonly unknown[]): readonly CountryRecord[] {
  const seen = new Set<string>();
  return raw.map((record, index) => {
    const result = countryRecordSchema.safeParse(record);
    const label =
      typeof record === 'object' && record !== null && 'code' in record
        ? String(record.code)
        : `#${index}`;
    if (!result.success) {
      const problems = result.error.issues
        .map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`)
        .join('; ');
      throw new RegistryError(`Country registry record ${label} is invalid: ${problems}`);
    }
    if (seen.has(result.data.code)) {
      throw new RegistryError(
        `Country registry record ${label} is a duplicate of code ${result.data.code}`,
      );
    }
    seen.add(result.data.code);
    return Object.freeze(result.data);
  });
}

/** Every Cloud Marketplace country, validated, in registry order. */
export const countries: readonly CountryRecord[] = Object.freeze(
  parseCountryRecords(countryRecords),
);

export const countryCodes: readonly string[] = Object.freeze(countries.map((c) => c.code));

export class UnknownCountryError extends Error {
  override name = 'UnknownCountryError';
  constructor(readonly value: unknown) {
    super(
      `Unknown country ${JSON.stringify(value)}. Valid country codes: ${countryCodes.join(', ')}`,
    );
  }
}

export function getCountry(code: string): CountryRecord {
  const country = countries.find((c) => c.code === code);
  if (!country) throw new UnknownCountryError(code);
  return country;
}

/** Whether any value that reaches a recipient is still a placeholder. */
/** The registry values that carry a provenance. */
export const REGISTRY_FIELDS = [
  'marketplaceUrl',
  'invitationUrl',
  'senderAddress',
  'supportContact',
] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

export function placeholderFields(country: CountryRecord): RegistryField[] {
  return REGISTRY_FIELDS.filter((field) => country[field].provenance.status === 'placeholder');
}

export type { CountryRecord, Provenance, Language } from './schema.js';
export {
  SUPPORTED_LANGUAGES,
  INVITATION_URL_PATTERNS,
  invitationForm,
  type InvitationForm,
} from './schema.js';
