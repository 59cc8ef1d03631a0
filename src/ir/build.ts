// Canonical constructors with light, always-valid simplification: flatten
// nested sums/products, fold numbers, drop neutral elements. Heavier
// normalisation (expansion, collection) is the job of normal-form.ts.
import { Fraction, mkAdd, mkCall, mkMul, mkNum, mkPow, mkSym, type Expr, type Num } from './expr.js';
import type { FnName } from './functions.js';

const ZERO = mkNum(new Fraction(0));
const ONE = mkNum(new Fraction(1));
const MINUS_ONE = mkNum(new Fraction(-1));

/**
 * The exact rational of a decimal string, exponent notation included
 * ("1e+308", "1.5e-7": String(x) of a double). fraction.js parses only plain
 * decimals, so the mantissa and the power of ten are put together as BigInts.
 */
export function decimalFraction(s: string): Fraction {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?[eE]([+-]?\d+)$/.exec(s.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return new Fraction(s);
  const [, sign, whole, frac = '', exp] = m;
  const mantissa = BigInt(`${whole}${frac}` || '0') * (sign === '-' ? -1n : 1n);
  const shift = Number(exp) - frac.length;
  return shift >= 0 ? new Fraction(mantissa * 10n ** BigInt(shift), 1n) : new Fraction(mantissa, 10n ** BigInt(-shift));
}

export function num(n: number | string | Fraction, d?: number): Num {
  if (n instanceof Fraction) return mkNum(n);
  if (d !== undefined) return mkNum(new Fraction(n as number, d));
  if (n === 0) return ZERO;
  if (n === 1) return ONE;
  if (n === -1) return MINUS_ONE;
  if (typeof n === 'number' && !Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  return mkNum(typeof n === 'string' ? decimalFraction(n) : new Fraction(n));
}
export const sym = (name: string): Expr => mkSym(name);
export const isNum = (e: Expr, v?: number): e is Num => e.kind === 'num' && (v === undefined || e.value.equals(v));

export function add(...terms: Expr[]): Expr {
  const out: Expr[] = [];
  let c = new Fraction(0);
  const push = (t: Expr): void => {
    if (t.kind === 'add') t.terms.forEach(push);
    else if (t.kind === 'num') c = c.add(t.value);
    else out.push(t);
  };
  terms.forEach(push);
  if (!c.equals(0)) out.push(mkNum(c));
  if (out.length === 0) return ZERO;
  if (out.length === 1) return out[0];
  return mkAdd(out);
}

export function mul(...factors: Expr[]): Expr {
  const out: Expr[] = [];
  let c = new Fraction(1);
  const push = (f: Expr): void => {
    if (f.kind === 'mul') f.factors.forEach(push);
    else if (f.kind === 'num') c = c.mul(f.value);
    else out.push(f);
  };
  factors.forEach(push);
  if (c.equals(0)) return ZERO;
  if (!c.equals(1)) out.unshift(mkNum(c));
  if (out.length === 0) return ONE;
  if (out.length === 1) return out[0];
  return mkMul(out);
}

export function pow(base: Expr, exp: Expr | number): Expr {
  const e = typeof exp === 'number' ? num(exp) : exp;
  if (e.kind === 'num') {
    if (e.value.equals(0)) return ONE;
    if (e.value.equals(1)) return base;
    if (base.kind === 'num' && e.value.d === 1n) {
      if (base.value.equals(0) && e.value.s < 0n) throw new RangeError('division by zero');
      return mkNum(base.value.pow(e.value));
    }
  }
  if (base.kind === 'num' && (base.value.equals(1))) return ONE;
  return mkPow(base, e);
}

export const neg = (e: Expr): Expr => mul(MINUS_ONE, e);
export const sub = (a: Expr, b: Expr): Expr => add(a, neg(b));
export const div = (a: Expr, b: Expr): Expr => mul(a, pow(b, MINUS_ONE));
export const call = (fn: FnName, ...args: Expr[]): Expr => mkCall(fn, args);
export const sqrt = (e: Expr): Expr => pow(e, num(1, 2));
export const sum = (xs: Expr[]): Expr => add(...xs);
export const product = (xs: Expr[]): Expr => mul(...xs);
