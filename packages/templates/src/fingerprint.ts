import { createHash } from 'node:crypto';

export interface FingerprintedParts {
  subject: string;
  html: string;
  text: string;
}

/**
 * SHA-256 over subject, HTML and text. JSON framing keeps the three parts
 * apart, so moving a byte from one part to another changes the fingerprint.
 */
export function fingerprintOf({ subject, html, text }: FingerprintedParts): string {
  return createHash('sha256')
    .update(JSON.stringify([subject, html, text]))
    .digest('hex');
}
