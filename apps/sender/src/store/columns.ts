/** Reading typed values out of store rows (either adapter), with an error that names the column. */
import type { Row } from './sql.js';

export type { Row } from './sql.js';

export const str = (row: Row, key: string): string => {
  const v = row[key];
  if (typeof v !== 'string') throw new Error(`store: column ${key} is not text`);
  return v;
};
export const num = (row: Row, key: string): number => {
  const v = row[key];
  if (typeof v === 'bigint') return Number(v);
  if (typeof v !== 'number') throw new Error(`store: column ${key} is not a number`);
  return v;
};
export const optStr = (row: Row, key: string): string | null =>
  row[key] === null ? null : str(row, key);
export const optNum = (row: Row, key: string): number | null =>
  row[key] === null ? null : num(row, key);
export const strings = (row: Row, key: string): string[] => {
  const parsed: unknown = JSON.parse(str(row, key));
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
    throw new Error(`store: column ${key} is not a list of addresses`);
  }
  return parsed;
};
