// Strict readers for numeric command-line options: only plain decimal
// spellings (`16`, `0.05`, `1e-3`), never what Number() also accepts
// (`0x10`, `0b1`, ` 16 `, `''`, `Infinity`).
import { InputError } from '../spec/errors.js';

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const INTEGER = /^\d+$/;

const quoted = (v: string): string => JSON.stringify(v.length > 40 ? `${v.slice(0, 37)}...` : v);

/** A finite decimal number, or an InputError naming the flag. */
export function decimal(flag: string, v: string, expected: string): number {
  const x = DECIMAL.test(v) ? Number(v) : NaN;
  if (!Number.isFinite(x)) throw new InputError(`${flag}: expected ${expected}, got ${quoted(v)}`);
  return x;
}

export const positiveNumber = (flag: string) => (v: string): number => {
  const x = decimal(flag, v, 'a positive number');
  if (!(x > 0)) throw new InputError(`${flag}: expected a positive number, got ${quoted(v)}`);
  return x;
};

export const nonNegativeNumber = (flag: string) => (v: string): number => {
  const x = decimal(flag, v, 'a number >= 0');
  if (!(x >= 0)) throw new InputError(`${flag}: expected a number >= 0, got ${quoted(v)}`);
  return x;
};

/** An integer written in decimal digits, at least `min`. */
export const integerAtLeast = (flag: string, min: number) => (v: string): number => {
  const x = INTEGER.test(v) ? Number(v) : NaN;
  if (!(Number.isSafeInteger(x) && x >= min)) throw new InputError(`${flag}: expected an integer >= ${min} in decimal digits, got ${quoted(v)}`);
  return x;
};
