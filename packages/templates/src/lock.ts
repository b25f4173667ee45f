import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { countries } from './countries/index.js';
import { templateIds, type TemplateId } from './content.js';
import { fingerprintOf } from './fingerprint.js';
import { packageFile } from './package-info.js';

export const LOCK_FILE_NAME = 'templates.lock.json';

export const lockFileSchema = z
  .object({
    /** Package version the lock was written for. */
    packageVersion: z.string(),
    /** template id -> country code -> SHA-256 fingerprint */
    fingerprints: z.record(z.string(), z.record(z.string(), z.string().regex(/^[0-9a-f]{64}$/))),
  })
  .strict();

export type LockFile = z.infer<typeof lockFileSchema>;

export function parseLockFile(source: string): LockFile {
  const parsed = lockFileSchema.safeParse(JSON.parse(source));
  if (!parsed.success) {
    throw new Error(
      `${LOCK_FILE_NAME} is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

let cached: LockFile | undefined;

/** The lock shipped with this package (read once). */
export function readLock(): LockFile {
  cached ??= parseLockFile(readFileSync(packageFile(LOCK_FILE_NAME), 'utf8'));
  return cached;
}

export function lockedFingerprint(templateId: string, countryCode: string): string | undefined {
  return readLock().fingerprints[templateId]?.[countryCode];
}

/** The minimum an email must carry to be checked against the lock. */
export interface VerifiableEmail {
  templateId: string;
  country: string;
  subject: string;
  html: string;
  text: string;
  from?: string;
}

/**
 * True when the email is byte-for-byte what this package locked for its
 * template and country (and, when given, sent from the registry's address).
 */
export function verifyEmail(email: VerifiableEmail): boolean {
  const expected = lockedFingerprint(email.templateId, email.country);
  if (expected === undefined) return false;
  if (email.from !== undefined) {
    const country = countries.find((c) => c.code === email.country);
    if (country?.senderAddress.value !== email.from) return false;
  }
  return fingerprintOf(email) === expected;
}

/** Every template × country pair, in a stable order. */
export function allPairs(): { templateId: TemplateId; country: string }[] {
  return templateIds.flatMap((templateId) =>
    countries.map((c) => ({ templateId, country: c.code })),
  );
}
