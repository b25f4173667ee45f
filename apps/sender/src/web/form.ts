/**
 * Reads a POST's form body once, up front, so every route sees either a parsed form
 * or a clear 4xx: a body that is not a form (415) or a form that cannot be parsed
 * (400). Routes read the result with `c.get('form')`.
 *
 * A urlencoded form (every form but the batch upload) is read as text and parsed by
 * URLSearchParams, the same parser the Fetch API's `formData()` uses for it: reading the
 * Node request directly is a fraction of the cost of turning it into a web stream and a
 * FormData first. Multipart (the upload) goes through Hono's `parseBody`.
 */
import type { Context } from 'hono';
import type { Env } from './env.js';

const URLENCODED = 'application/x-www-form-urlencoded';
const MULTIPART = 'multipart/form-data';

/** One value per field; a File only in a field that takes one (the batch upload). */
export type FormFields = Readonly<Record<string, string | File>>;

export type FormProblem = { status: 400 | 415; message: string };

type Parsed = { fields: FormFields } | { problem: FormProblem };

const repeated = (name: string): Parsed => ({
  problem: { status: 400, message: `${name}: the field is sent more than once.` },
});

async function parse(
  c: Context<Env>,
  type: string,
  fileFields: readonly string[],
): Promise<Parsed> {
  const fields: Record<string, string | File> = Object.create(null) as Record<string, string>;
  if (type === URLENCODED) {
    for (const [name, value] of new URLSearchParams(await c.req.text())) {
      if (name in fields) return repeated(name);
      fields[name] = value;
    }
    return { fields };
  }
  for (const [name, value] of Object.entries(await c.req.parseBody({ all: true }))) {
    if (Array.isArray(value)) return repeated(name);
    // A file upload is not something our forms send, but for the batch upload's field.
    if (typeof value !== 'string' && !(fileFields.includes(name) && value instanceof File))
      return { problem: { status: 400, message: `${name}: files are not accepted.` } };
    fields[name] = value;
  }
  return { fields };
}

export async function readForm(
  c: Context<Env>,
  /** Fields that may carry one file (the batch upload); everywhere else a file is refused. */
  fileFields: readonly string[] = [],
): Promise<FormProblem | undefined> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== URLENCODED && type !== MULTIPART) {
    return {
      status: 415,
      message: `Content-Type: "${type || '(none)'}" is not accepted; forms are sent as ${URLENCODED} or ${MULTIPART}.`,
    };
  }
  try {
    const parsed = await parse(c, type, fileFields);
    if ('problem' in parsed) return parsed.problem;
    c.set('form', parsed.fields);
    return undefined;
  } catch (error) {
    return {
      status: 400,
      message: `request body: the form data is malformed (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}
