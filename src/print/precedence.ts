// One precedence table shared by every expression printer (LaTeX, text, and
// the bounded display layout): a child whose precedence is below what its
// parent's slot needs is parenthesised.
import { num, pow } from '../ir/build.js';
import type { Expr } from '../ir/expr.js';

export const PREC = { add: 1, mul: 2, unary: 3, pow: 4, atom: 5 } as const;

export function precedence(e: Expr): number {
  switch (e.kind) {
    case 'add': return PREC.add;
    case 'mul': return PREC.mul;
    case 'pow': return PREC.pow;
    // A negative number prints with a leading minus; a fraction as p/q.
    case 'num': return e.value.s < 0n ? PREC.unary : e.value.d !== 1n ? PREC.mul : PREC.atom;
    case 'sym': case 'call': return PREC.atom;
    default: throw new Error(`precedence: unknown expression kind ${(e as { kind: string }).kind}`);
  }
}

export interface SplitProduct {
  /** Odd number of negative numeric factors. */
  readonly negative: boolean;
  /** Non-numeric factors that stay in the numerator, in order. */
  readonly num: Expr[];
  /** Bases of factors with a negative numeric exponent, with the exponent made positive. */
  readonly den: Expr[];
  /** |product of the numeric factors| = n/d. */
  readonly coef: { readonly n: bigint; readonly d: bigint };
}

/** Split a product into sign, numerator, denominator and |coefficient| for printing as a fraction. */
export function splitFraction(factors: readonly Expr[]): SplitProduct {
  let negative = false;
  let n = 1n, d = 1n;
  const numF: Expr[] = [], denF: Expr[] = [];
  for (const f of factors) {
    if (f.kind === 'num') {
      if (f.value.s < 0n) negative = !negative;
      n *= f.value.n; d *= f.value.d;
    } else if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.s < 0n) {
      // Rebuilt with the canonical constructor (pow(b, 1) = b), so the node carries its own hash.
      denF.push(pow(f.base, num(f.exp.value.neg())));
    } else numF.push(f);
  }
  const g = gcd(n, d);
  return { negative, num: numF, den: denF, coef: { n: n / g, d: d / g } };
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a === 0n ? 1n : a) : gcd(b, a % b));
