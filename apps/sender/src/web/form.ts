/**
 * Reads a POST's form body once, up front, so every route sees either a parsed form
 * or a clear 4xx: a body that is not a form (415) or a form that cannot be parsed
 * (400). Later `c.req.parseBody()` calls get Hono's cached result.
 */
import type { HonoRequest } from 'hono';

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export type FormProblem = { status: 400 | 415; message: string };

export async function readForm(
  req: Pick<HonoRequest, 'header' | 'parseBody'>,
  /** Fields that may carry one file (the batch upload); everywhere else a file is refused. */
  fileFields: readonly string[] = [],
): Promise<FormProblem | undefined> {
  const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!FORM_TYPES.includes(type)) {
    return {
      status: 415,
      message: `Content-Type: "${type || '(none)'}" is not accepted; forms are sent as application/x-www-form-urlencoded or multipart/form-data.`,
    };
  }
  try {
    const form = await req.parseBody({ all: true });
    for (const [name, value] of Object.entries(form)) {
      // One value per field: a repeated field or a file upload is not something our forms send.
      if (typeof value !== 'string' && !(fileFields.includes(name) && value instanceof File))
        return {
          status: 400,
          message: `${name}: ${Array.isArray(value) ? 'the field is sent more than once' : 'files are not accepted'}.`,
        };
    }
    return undefined;
  } catch (error) {
    return {
      status: 400,
      message: `request body: the form data is malformed (${error instanceof Error ? error.message : String(error)}).`,
    };
  }
}
