/**
 * The CLI's output lines. `serve` switches them to JSON (SENDER_LOG_FORMAT=json): one object
 * per line with time, level, msg and any fields, for log collectors. Other commands keep
 * text, since their stdout is the result itself (an email, a history table).
 */
export type LogFormat = 'text' | 'json';
export type Level = 'info' | 'error';
export type Fields = Record<string, string | number | boolean | null>;

let format: LogFormat = 'text';

/** From now on every line is written in this format. */
export function useLogFormat(next: LogFormat): void {
  format = next;
}

/** One line as written: text as given, or a JSON object (fields cannot override the three keys). */
export function formatLine(
  as: LogFormat,
  level: Level,
  text: string,
  fields: Fields = {},
  now = new Date(),
): string {
  if (as === 'text') return text;
  return JSON.stringify({ ...fields, time: now.toISOString(), level, msg: text });
}

function write(stream: NodeJS.WriteStream, level: Level, text: string, fields?: Fields): void {
  stream.write(`${formatLine(format, level, text, fields)}\n`);
}

/** A result or announcement (stdout). */
export const out = (line: string, fields?: Fields): void => {
  write(process.stdout, 'info', line, fields);
};
/** A failure the user must see (stderr). */
export const err = (line: string, fields?: Fields): void => {
  write(process.stderr, 'error', line, fields);
};
/** An operational log line (stderr); in text, prefixed as before. */
export const log = (line: string, fields?: Fields): void => {
  write(process.stderr, 'info', format === 'text' ? `[sender] ${line}` : line, fields);
};
