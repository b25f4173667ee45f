export { renderEmail, type RenderedEmail } from './render.js';
export { templateIds, type TemplateId, UnknownTemplateError, assertTemplateId } from './content.js';
export {
  countries,
  countryCodes,
  getCountry,
  placeholderFields,
  REGISTRY_FIELDS,
  type RegistryField,
  RegistryError,
  UnknownCountryError,
  parseCountryRecords,
  type CountryRecord,
  type Provenance,
} from './countries/index.js';
export {
  verifyEmail,
  readLock,
  lockedFingerprint,
  allPairs,
  type VerifiableEmail,
  type LockFile,
} from './lock.js';
export { fingerprintOf } from './fingerprint.js';
export { packageVersion } from './package-info.js';
export {
  microsoftLabels,
  microsoftLabel,
  microsoftFacts,
  microsoftFact,
  factStatement,
  TRANSLATED_LANGUAGES,
  partnerCenterLabels,
  displayLabel,
  displayLabels,
  provenancePage,
  parseMicrosoftLabels,
  parseMicrosoftFacts,
  MicrosoftSourceError,
  MICROSOFT_LABEL_KEYS,
  PARTNER_CENTER_LABEL_KEYS,
  type MicrosoftFact,
  type MicrosoftFactId,
  type MicrosoftLabel,
  type MicrosoftLabelKey,
  type MicrosoftLabels,
  type MicrosoftProvenance,
  type MicrosoftSource,
  type PartnerCenterLabelKey,
} from './microsoft/index.js';
export { SUPPORTED_LANGUAGES, isLanguage, type Language } from './languages.js';
