/** Problems for columns named more than once in a CSV header (csv-parse would keep only the last). */
export function duplicateColumns(names: readonly string[]): string[] {
  const seen = new Map<string, number[]>();
  names.forEach((name, index) => {
    seen.set(name, [...(seen.get(name) ?? []), index + 1]);
  });
  return [...seen]
    .filter(([, positions]) => positions.length > 1)
    .map(
      ([name, positions]) =>
        `line 1: column "${name}" appears ${positions.length} times (columns ${positions.join(' and ')}): name each column once`,
    );
}
