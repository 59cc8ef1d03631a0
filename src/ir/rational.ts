// Exact rationals for the normal form's coefficients, with a small fast path:
// numerator and denominator as JS numbers while both are safe integers (every
// product is checked: a double product whose magnitude is below 2^53 is exact,
// one at or above it is not trusted), and a fraction.js (BigInt) value when a
// result would leave that range. Coefficients of the polynomials the symmetry
// stage meets (decimal data, 1/N, small integers) stay on the fast path.
import { Fraction } from './expr.js';

/** A rational: small (f === null; d > 0, gcd(n, d) = 1) or big (f). Immutable. */
export interface Q { readonly n: number; readonly d: number; readonly f: Fraction | null }

const LIMIT = 2 ** 53;
const safe = (x: number): boolean => x < LIMIT && x > -LIMIT;

function gcd(a: number, b: number): number {
  a = Math.abs(a); b = Math.abs(b);
  while (b) { const t = a % b; a = b; b = t; }
  return a;
}

export const Q0: Q = { n: 0, d: 1, f: null };
export const Q1: Q = { n: 1, d: 1, f: null };

/** n/d from safe integers (d != 0), reduced. */
export function qSmall(n: number, d: number): Q {
  if (d < 0) { n = -n; d = -d; }
  if (n === 0) return Q0;
  const g = gcd(n, d);
  return g === 1 ? { n, d, f: null } : { n: n / g, d: d / g, f: null };
}

export function qFromFraction(x: Fraction): Q {
  const n = Number(x.n), d = Number(x.d);
  if (safe(n) && safe(d)) return x.s < 0n ? { n: -n, d, f: null } : (n === 0 ? Q0 : { n, d, f: null });
  return { n: NaN, d: NaN, f: x };
}
export const qToFraction = (a: Q): Fraction => a.f ?? new Fraction(a.n, a.d);

export const qIsZero = (a: Q): boolean => (a.f ? a.f.equals(0) : a.n === 0);
export const qIsOne = (a: Q): boolean => (a.f ? a.f.equals(1) : a.n === 1 && a.d === 1);
export const qSign = (a: Q): number => (a.f ? Number(a.f.s) * (a.f.n === 0n ? 0 : 1) : Math.sign(a.n));
export const qNeg = (a: Q): Q => (a.f ? { n: NaN, d: NaN, f: a.f.neg() } : a.n === 0 ? a : { n: -a.n, d: a.d, f: null });
export const qAbs = (a: Q): Q => (qSign(a) < 0 ? qNeg(a) : a);
export const qEquals = (a: Q, b: Q): boolean => (!a.f && !b.f ? a.n === b.n && a.d === b.d : qToFraction(a).equals(qToFraction(b)));

export function qAdd(a: Q, b: Q): Q {
  if (!a.f && !b.f) {
    if (a.d === b.d) {
      const n = a.n + b.n;
      if (safe(n)) return a.d === 1 ? (n === 0 ? Q0 : { n, d: 1, f: null }) : qSmall(n, a.d);
    } else {
      const g = gcd(a.d, b.d);
      const x = a.n * (b.d / g), y = b.n * (a.d / g), d = a.d * (b.d / g);
      if (safe(x) && safe(y) && safe(d) && safe(x + y)) return qSmall(x + y, d);
    }
  }
  return qFromFraction(qToFraction(a).add(qToFraction(b)));
}

export function qMul(a: Q, b: Q): Q {
  if (!a.f && !b.f) {
    if (a.n === 0 || b.n === 0) return Q0;
    if (a.d === 1 && b.d === 1) { const n = a.n * b.n; if (safe(n)) return { n, d: 1, f: null }; }
    else {
      // Cross-cancel first so the products stay small: (a.n/g1)(b.n/g2) / ((a.d/g2)(b.d/g1)).
      const g1 = gcd(a.n, b.d), g2 = gcd(b.n, a.d);
      const n = (a.n / g1) * (b.n / g2), d = (a.d / g2) * (b.d / g1);
      if (safe(n) && safe(d)) return { n, d, f: null };
    }
  }
  return qFromFraction(qToFraction(a).mul(qToFraction(b)));
}

export function qInv(a: Q): Q {
  if (qIsZero(a)) throw new RangeError('division by zero in normal form');
  return a.f ? qFromFraction(new Fraction(1).div(a.f)) : a.n < 0 ? { n: -a.d, d: -a.n, f: null } : { n: a.d, d: a.n, f: null };
}

/** a^q for a rational q, or null when the result is irrational. */
export function qPow(a: Q, q: number): Q | null {
  const r = qToFraction(a).pow(q) as Fraction | null;
  return r === null ? null : qFromFraction(r);
}

/** "n/d" as fraction.js prints it (keys of atoms; never parsed back). */
export const qKey = (a: Q): string => (a.f ? a.f.toFraction() : a.d === 1 ? String(a.n) : `${a.n}/${a.d}`);
