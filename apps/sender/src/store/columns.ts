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
/** A truth value: SQLite answers 0 / 1, PostgreSQL a boolean. */
export const bool = (row: Row, key: string): boolean => {
  const v = row[key];
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1 || v === 0n || v === 1n) return Number(v) === 1;
  throw new Error(`store: column ${key} is not a truth value`);
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
