/** A `to,cc` batch file of `rows` valid rows; every 5th row has two CC addresses in one quoted cell. */
export function batchCsv(rows: number): string {
  const lines = ['to,cc'];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      i % 5 === 0
        ? `buyer${i}@customer${i}.example,"it${i}@customer${i}.example; ops${i}@customer${i}.example"`
        : `buyer${i}@customer${i}.example,`,
    );
  }
  return `${lines.join('\n')}\n`;
}
