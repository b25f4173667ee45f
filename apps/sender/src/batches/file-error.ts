/**
 * The error of a batch file that cannot be read at all, in a module of its own: the CLI's
 * entry maps it to exit 2 without loading the batch code for every other command.
 */

/** A file the batch cannot read at all (as opposed to a bad row, which is skipped). */
export class BatchFileError extends Error {
  override name = 'BatchFileError';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    const shown = problems.slice(0, 20);
    const more =
      problems.length > shown.length ? `\n  … and ${problems.length - shown.length} more` : '';
    super(
      `${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}; nothing was sent:\n  - ${shown.join('\n  - ')}${more}`,
    );
  }
}
