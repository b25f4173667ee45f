import {
  assertTemplateId,
  countries,
  countryCodes,
  getCountry,
  renderEmail,
  templateIds,
  verifyEmail,
  type CountryRecord,
  type RenderedEmail,
  type TemplateId,
} from '@csp-enablement/templates';
import { InputError } from './addresses.js';

export type Renderer = (templateId: TemplateId, country: string) => Promise<RenderedEmail>;

export const templateLabels: Record<TemplateId, string> = {
  'reseller-invitation': 'Step 1: Reseller invitation',
  'customer-authorization-request': 'Step 2: Customer authorization request',
};

export { templateIds, countries };

export function parseTemplate(value: string): TemplateId {
  try {
    assertTemplateId(value);
    return value;
  } catch {
    throw new InputError(
      'template',
      `unknown template "${value}"; valid: ${templateIds.join(', ')}`,
    );
  }
}

export function parseCountry(value: string): CountryRecord {
  try {
    return getCountry(value.trim().toUpperCase());
  } catch {
    throw new InputError(
      'country',
      `unknown country "${value}"; valid: ${countryCodes.join(', ')}`,
    );
  }
}

/** True when this country's invitation link is a registry placeholder, not a real partner link. */
export function hasPlaceholderInvitation(country: CountryRecord): boolean {
  return country.invitationUrl.provenance.status === 'placeholder';
}

/** Renders one locked email; a country the templates cannot render yet is a clear error, not a crash. */
export async function renderLocked(
  render: Renderer,
  templateId: TemplateId,
  country: CountryRecord,
): Promise<RenderedEmail> {
  try {
    return await render(templateId, country.code);
  } catch (error) {
    throw new InputError(
      'country',
      `${country.code} cannot be rendered: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * Renders each template × country once per process. Those two are a locked email's only
 * inputs, and the installed package cannot change under a running process, so the first
 * render is the render; every use still passes `verifyEmail` before it is sent. Without
 * it each preview re-ran react-email (about 4 ms and most of a preview request's cost).
 */
export function memoizedRenderer(render: Renderer): Renderer {
  const cache = new Map<string, Promise<RenderedEmail>>();
  return (templateId, country) => {
    const key = `${templateId}/${country}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const rendered = render(templateId, country).then((email) => Object.freeze(email));
    cache.set(key, rendered);
    // A failure is not remembered: the next call tries again.
    rendered.catch(() => cache.delete(key));
    return rendered;
  };
}

/** verifyEmail from the templates package; a missing or unreadable lock counts as "not verified". */
export function verifies(email: RenderedEmail): { ok: true } | { ok: false; reason: string } {
  try {
    return verifyEmail(email)
      ? { ok: true }
      : {
          ok: false,
          reason: `fingerprint ${email.fingerprint.slice(0, 12)}… does not match the lock of ${email.templateId}/${email.country}`,
        };
  } catch (error) {
    return {
      ok: false,
      reason: `cannot check the lock: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export { renderEmail };
