import { parseMailbox } from '../addresses.js';
import type { BatchLine } from './csv.js';

/** A line of the file that is not sent, and why, in the words the plan and the CLI show. */
export interface SkippedLine {
  line: number;
  reason: string;
}

/**
 * One email per recipient per file: a line whose To names an address (any case) that an
 * earlier kept line's To already names is skipped. CC is not compared: the same CC on
 * every line (sales copying themselves) is common and wanted.
 */
export function dropDuplicateRecipients<L extends BatchLine>(
  lines: readonly L[],
  /** Addresses seen so far (lower case) and their line: pass the same map to screen a stream. */
  firstLine = new Map<string, number>(),
): {
  kept: L[];
  duplicates: SkippedLine[];
} {
  const kept: L[] = [];
  const duplicates: SkippedLine[] = [];
  for (const line of lines) {
    // The address that is sent to (a display name does not make another recipient).
    const addresses = line.to.map((stored) => parseMailbox(stored).address);
    const seen = addresses.find((a) => firstLine.has(a.toLowerCase()));
    if (seen !== undefined) {
      duplicates.push({
        line: line.line,
        reason: `line ${line.line}: ${seen} already on line ${firstLine.get(seen.toLowerCase()) ?? '?'}`,
      });
      continue;
    }
    for (const a of addresses) firstLine.set(a.toLowerCase(), line.line);
    kept.push(line);
  }
  return { kept, duplicates };
}
