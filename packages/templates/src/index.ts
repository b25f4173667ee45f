export { renderEmail, type RenderedEmail } from './render.js';
export { templateIds, type TemplateId, UnknownTemplateError, assertTemplateId } from './content.js';
export {
  countries,
  countryCodes,
  getCountry,
  placeholderFields,
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
