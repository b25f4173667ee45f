/**
 * POST /preview without rendering the page's JSX per request. The page is the same for
 * every request of one template × country (the verified email's facts, its HTML frame and
 * its plain text: most of its bytes) except for a few values: who is signed in, their CSRF
 * token, the form's values and the recipients. So PreviewPage (views.tsx, unchanged, the
 * only markup) is rendered once per email × role × "has CC" with a marker in each of those
 * places, cut there into fixed pieces, and each request joins the pieces with its values
 * escaped exactly as Hono's JSX escapes them.
 *
 * Checked when built: no marker may be left in the pieces, and the pieces filled with test
 * values (quotes, `&`, `<`, non-ASCII) must equal PreviewPage rendered with those values,
 * byte for byte. Otherwise that variant is rendered with JSX on every request, as before.
 */
import type { RenderedEmail } from '@csp-enablement/templates';
import { escapeToBuffer, type StringBuffer } from 'hono/utils/html';
import { displayRecipients } from '../addresses.js';
import { editLink, PreviewPage, type PreviewPageProps } from './views.js';

/** PreviewPage's props: the cached path never carries a suppression notice (app.tsx renders those). */
export type PreviewProps = Omit<PreviewPageProps, 'suppression'>;

/** The same escaping Hono's JSX applies to text and attribute values. */
function escapeHtml(value: string): string {
  const buffer: StringBuffer = [''];
  escapeToBuffer(value, buffer);
  return buffer[0] as string;
}

type Field = (p: PreviewProps) => string;

/** Every per-request value of the page, and how it is read from the props. */
const FIELDS: Field[] = [
  (p) => p.user.email,
  (p) => p.user.csrf,
  (p) => p.values.template,
  (p) => p.values.country,
  (p) => p.values.to,
  (p) => p.values.cc,
  // As PreviewPage shows them: names kept, domains in Unicode.
  (p) => displayRecipients(p.to),
  (p) => displayRecipients(p.cc),
  // Step 1's From is configured, not the email's: a value of the request too.
  (p) => p.from,
];
// Private-use characters: never in our markup, left alone by HTML escaping.
const marker = (i: number): string => `\uE000${String(i)}\uE001`;
const EDIT_LINK: Field = (p) => editLink(p.values);

/** Props whose per-request values are the given strings (same role, CC or not, email). */
function propsWith(base: PreviewProps, value: (i: number) => string): PreviewProps {
  return {
    ...base,
    user: { ...base.user, email: value(0), csrf: value(1) },
    values: { template: value(2), country: value(3), to: value(4), cc: value(5) },
    to: [value(6)],
    cc: base.cc.length > 0 ? [value(7)] : [],
    from: value(8),
  };
}

interface Compiled {
  pieces: string[];
  /** The pieces as UTF-8, encoded once: a request encodes only its own short values. */
  bytes: Buffer[];
  fields: Field[];
}

const render = (props: PreviewProps): string => {
  // A JSX node renders itself on toString(); every component of this page is synchronous.
  const node: { toString(): unknown } = <PreviewPage {...props} />;
  const page = node.toString();
  if (typeof page !== 'string') throw new Error('PreviewPage rendered asynchronously');
  return page;
};

function fill(compiled: Compiled, props: PreviewProps): string {
  const { pieces, fields } = compiled;
  let out = pieces[0] ?? '';
  for (let i = 0; i < fields.length; i++)
    out += escapeHtml((fields[i] as Field)(props)) + (pieces[i + 1] ?? '');
  return out;
}

function compile(props: PreviewProps): Compiled | undefined {
  const marked = propsWith(props, marker);
  const html = render(marked);
  const needles: [string, Field][] = [
    [escapeHtml(EDIT_LINK(marked)), EDIT_LINK],
    ...FIELDS.map((field, i): [string, Field] => [marker(i), field]),
  ];
  const pieces: string[] = [];
  const fields: Field[] = [];
  let at = 0;
  for (;;) {
    let next: { index: number; needle: string; field: Field } | undefined;
    for (const [needle, field] of needles) {
      const index = html.indexOf(needle, at);
      if (index !== -1 && (next === undefined || index < next.index))
        next = { index, needle, field };
    }
    if (next === undefined) break;
    pieces.push(html.slice(at, next.index));
    fields.push(next.field);
    at = next.index + next.needle.length;
  }
  pieces.push(html.slice(at));
  const compiled = { pieces, bytes: pieces.map((p) => Buffer.from(p)), fields };
  if (pieces.some((p) => p.includes('\uE000') || p.includes('%EE%80%80'))) return undefined;
  const odd = (i: number): string => `“${String(i)}” & <'x'> "y" ü\u00a0;`;
  // Recipients as they are stored (a quoted name, a punycode domain), so a field that
  // shows them otherwise than PreviewPage does fails this check.
  const stored = '"Müller, \\"Max\\"" <max@xn--mller-maschinenbau-m6b.de>';
  const probe = {
    ...propsWith(props, odd),
    to: [stored, odd(6)],
    cc: props.cc.length > 0 ? [stored] : [],
  };
  return fill(compiled, probe) === render(probe) ? compiled : undefined;
}

const EMPTY = new Uint8Array(0);

/** Per verified (frozen) email; a variant that did not compile is remembered as null. */
const cache = new WeakMap<RenderedEmail, Map<string, Compiled | null>>();

function compiledFor(props: PreviewProps): Compiled | null {
  const key = `${props.user.role}|${String(props.cc.length > 0)}|${String(props.placeholder)}|${props.transport}`;
  let variants = cache.get(props.email);
  if (variants === undefined) {
    variants = new Map();
    if (Object.isFrozen(props.email)) cache.set(props.email, variants);
  }
  let compiled = variants.get(key);
  if (compiled === undefined) {
    compiled = compile(props) ?? null;
    variants.set(key, compiled);
  }
  return compiled;
}

/** The preview page's HTML: PreviewPage's bytes, from the cached pieces when it can. */
export function previewHtml(props: PreviewProps): string {
  const compiled = compiledFor(props);
  return compiled === null ? render(props) : fill(compiled, props);
}

/**
 * The same page as UTF-8 bytes, for the response body: the cached pieces are joined as
 * bytes, so the response does not encode (or scan) the whole page's text per request.
 */
export function previewBody(props: PreviewProps): Buffer<ArrayBuffer> {
  const compiled = compiledFor(props);
  if (compiled === null) return Buffer.from(render(props));
  const { bytes, fields } = compiled;
  const parts: Uint8Array[] = [bytes[0] ?? EMPTY];
  for (let i = 0; i < fields.length; i++)
    parts.push(Buffer.from(escapeHtml((fields[i] as Field)(props))), bytes[i + 1] ?? EMPTY);
  return Buffer.concat(parts);
}

/** How many page variants of this email are served from cached pieces (for tests). */
export function cachedVariants(email: RenderedEmail): number {
  return [...(cache.get(email)?.values() ?? [])].filter((v) => v !== null).length;
}
