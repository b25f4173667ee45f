import { parse } from 'csv-parse/sync';
import { InputError, parseRecipients } from '../addresses.js';
import { BatchFileError } from './file-error.js';
import { resolveMapping } from './mapping.js';

export interface BatchLine {
  /** 1-based line number in the file (the header is line 1). */
  line: number;
  to: string[];
  cc: string[];
}

/**
 * The valid lines of a small `to,cc` CSV held in memory (a cell takes what the To field
 * does: ";" or "," lists, names, IDN) (tests, the bench's parse
 * row). The file's columns are matched as the batch matches them; bad rows are left
 * out, and a file with none valid throws naming each.
 */
export function parseBatchCsv(file: string, content: string): BatchLine[] {
  let records: string[][];
  try {
    records = parse(content, {
      bom: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      relax_column_count: true,
    });
  } catch (error) {
    throw new BatchFileError(file, [error instanceof Error ? error.message : String(error)]);
  }
  const [header, ...rows] = records;
  if (!header) throw new BatchFileError(file, ['line 1: the file is empty']);
  const { mapping } = resolveMapping(
    file,
    header.map((h) => h.trim()),
  );
  const lines: BatchLine[] = [];
  const problems: string[] = [];
  rows.forEach((record, index) => {
    try {
      const { to, cc } = parseRecipients(
        [record[mapping.to] ?? ''],
        [mapping.cc === undefined ? '' : (record[mapping.cc] ?? '')],
      );
      lines.push({ line: index + 2, to, cc });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(
        `line ${index + 2}, column ${error.field}: ${error.message.slice(error.field.length + 2)}`,
      );
    }
  });
  if (lines.length === 0) throw new BatchFileError(file, problems);
  return lines;
}
