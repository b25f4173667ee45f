import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  allPairs,
  assertTemplateId,
  countries,
  countryCodes,
  fingerprintOf,
  getCountry,
  packageVersion,
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

/** A template's name for people ("Step 1: Reseller invitation"); an unknown id as it is. */
export const templateLabel = (id: string): string => {
  const known = templateIds.find((t) => t === id);
  return known === undefined ? id : templateLabels[known];
};

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

/**
 * Emails that passed verifyEmail, by identity. Only frozen emails are remembered: their
 * subject, HTML and text (strings) cannot change afterwards, and the lock is read once per
 * process, so the answer cannot change either. This spares every preview and send a
 * SHA-256 of the whole email; anything else (a test's renderer, a copy) is hashed each time.
 */
const verified = new WeakSet<RenderedEmail>();

/** verifyEmail from the templates package; a missing or unreadable lock counts as "not verified". */
export function verifies(email: RenderedEmail): { ok: true } | { ok: false; reason: string } {
  if (verified.has(email)) return { ok: true };
  try {
    if (verifyEmail(email)) {
      if (Object.isFrozen(email)) verified.add(email);
      return { ok: true };
    }
    return {
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

/** Where an artifact file is, or undefined when the package does not have it. */
export type ArtifactLocator = (
  templateId: TemplateId,
  country: string,
  ext: ArtifactExt,
) => string | undefined;
type ArtifactExt = 'html' | 'txt' | 'json';

const requireHere = createRequire(import.meta.url);

/** The installed templates package's artifacts, through its `./emails/*` export. */
export const packageArtifacts: ArtifactLocator = (templateId, country, ext) => {
  try {
    return requireHere.resolve(`@csp-enablement/templates/emails/${templateId}/${country}.${ext}`);
  } catch {
    return undefined;
  }
};

/** Artifacts in a folder laid out like the package's dist/emails (tests use a copy). */
export const artifactsIn =
  (dir: string): ArtifactLocator =>
  (templateId, country, ext) =>
    `${dir}/${templateId}/${country}.${ext}`;

const readIfThere = (path: string | undefined): string | undefined => {
  if (path === undefined) return undefined;
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
};

/** The subject the `.json` beside an artifact gives ('' when unreadable: it then fails the lock). */
function artifactSubject(json: string): string {
  try {
    const meta: unknown = JSON.parse(json);
    const subject: unknown =
      typeof meta === 'object' && meta !== null ? Reflect.get(meta, 'subject') : undefined;
    return typeof subject === 'string' ? subject : '';
  } catch {
    return '';
  }
}

export interface LockedRenderer {
  render: Renderer;
  /** Per template × country: 'artifact' (verified at load), 'rendered' (missing) or 'refused'. */
  sources: ReadonlyMap<string, 'artifact' | 'rendered' | 'refused'>;
}

/**
 * The send path's renderer: the pre-rendered artifacts of the installed templates package,
 * each read and checked against the lock once, here (about 11 ms for all of them on a busy
 * 2-core machine, against about 30 ms warm and 350 ms cold to render them). A missing artifact falls back to
 * renderEmail (warned once, naming the template and country). An artifact that does not
 * match the lock is kept as it is, so every use of it fails verifyEmail and is refused like
 * a bad render: it is never sent and never replaced by a render behind the operator's back.
 *
 * Only the subject, HTML and text come from the artifact (the fingerprint covers exactly
 * those; the preheader is the text's first line); template, country, locale and From come
 * from the registry and the version from the package, so a tampered `.json` cannot change what is recorded or checked.
 */
export function lockedRenderer(
  warn: (line: string) => void,
  locate: ArtifactLocator = packageArtifacts,
  fallback: Renderer = memoizedRenderer(renderEmail),
): LockedRenderer {
  const emails = new Map<string, RenderedEmail>();
  const sources = new Map<string, 'artifact' | 'rendered' | 'refused'>();
  for (const { templateId, country } of allPairs()) {
    const key = `${templateId}/${country}`;
    const [html, text, json] = (['html', 'txt', 'json'] as const).map((ext) =>
      readIfThere(locate(templateId, country, ext)),
    );
    if (html === undefined || text === undefined || json === undefined) {
      sources.set(key, 'rendered');
      warn(
        `templates: no pre-rendered ${key} in @csp-enablement/templates ${packageVersion} (dist/emails); rendering it with renderEmail instead`,
      );
      continue;
    }
    const record = getCountry(country);
    const subject = artifactSubject(json);
    const email: RenderedEmail = Object.freeze({
      templateId,
      country,
      locale: record.locale,
      subject,
      // Not in the fingerprint: taken from the locked text, whose first line it is.
      preheader: text.slice(0, Math.max(0, text.indexOf('\n'))),
      from: record.senderAddress.value,
      html,
      text,
      fingerprint: fingerprintOf({ subject, html, text }),
      version: packageVersion,
    });
    const check = verifies(email);
    if (!check.ok)
      warn(
        `templates: the pre-rendered ${key} does not match the lock (${check.reason}): it is refused, never sent`,
      );
    sources.set(key, check.ok ? 'artifact' : 'refused');
    // A refused one is kept as it is: every use fails verifyEmail again and is refused.
    emails.set(key, email);
  }
  return {
    sources,
    render: (templateId, country) => {
      const email = emails.get(`${templateId}/${country}`);
      return email ? Promise.resolve(email) : fallback(templateId, country);
    },
  };
}

export { renderEmail };
