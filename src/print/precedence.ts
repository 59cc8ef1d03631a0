// One precedence table shared by every expression printer.
import type { Expr } from '../ir/expr.js';

export const PREC = { add: 1, mul: 2, unary: 3, pow: 4, atom: 5 } as const;

export function precedence(e: Expr): number {
  switch (e.kind) {
    case 'add': return PREC.add;
    case 'mul': return PREC.mul;
    case 'pow': return PREC.pow;
    case 'num': return e.value.s < 0n ? PREC.unary : e.value.d !== 1n ? PREC.mul : PREC.atom;
    case 'sym': case 'call': return PREC.atom;
  }
}

/** Split a product into (sign, numerator factors, denominator factors) for printing as a fraction. */
export function splitFraction(factors: readonly Expr[]): { negative: boolean; num: Expr[]; den: Expr[]; coef: { n: bigint; d: bigint } } {
  let negative = false;
  let n = 1n, d = 1n;
  const numF: Expr[] = [], denF: Expr[] = [];
  for (const f of factors) {
    if (f.kind === 'num') {
      if (f.value.s < 0n) negative = !negative;
      n *= f.value.n; d *= f.value.d;
    } else if (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.s < 0n) {
      const e = f.exp.value.neg();
      denF.push(e.equals(1) ? f.base : { ...f, exp: { ...f.exp, value: e } } as Expr);
    } else numF.push(f);
  }
  return { negative, num: numF, den: denF, coef: { n, d } };
}
