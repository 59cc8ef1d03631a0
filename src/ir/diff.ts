// Symbolic differentiation on the IR. Shared subtrees are differentiated once
// (memo per call). A `jet` lets abstract functions carry their derivatives as
// symbols (u -> u_x -> u_xx), which is how PDE identities such as Cole-Hopf are
// checked: they are algebraic identities in jet space.
import { add, call, mul, num, pow, sub } from './build.js';
import type { Expr } from './expr.js';
import { FUNCTIONS } from './functions.js';

/** For a symbol that depends on `v`, its derivative (else undefined = constant). */
export type Jet = (name: string, v: string) => Expr | undefined;

export function diff(e: Expr, v: string, jet?: Jet): Expr {
  const memo = new Map<Expr, Expr>();
  const d = (x: Expr): Expr => {
    const hit = memo.get(x);
    if (hit) return hit;
    const r = rule(x);
    memo.set(x, r);
    return r;
  };
  const rule = (x: Expr): Expr => {
    switch (x.kind) {
      case 'num': return num(0);
      case 'sym': return x.name === v ? num(1) : (jet?.(x.name, v) ?? num(0));
      case 'add': return add(...x.terms.map(d));
      case 'mul': {
        // Leibniz rule over n factors.
        const terms: Expr[] = [];
        x.factors.forEach((f, i) => {
          const df = d(f);
          if (df.kind === 'num' && df.value.equals(0)) return;
          terms.push(mul(...x.factors.slice(0, i), df, ...x.factors.slice(i + 1)));
        });
        return add(...terms);
      }
      case 'pow': {
        const db = d(x.base);
        const de = d(x.exp);
        const expConst = de.kind === 'num' && de.value.equals(0);
        if (expConst) return mul(x.exp, pow(x.base, sub(x.exp, num(1))), db);
        // d(b^e) = b^e (e' log b + e b'/b)
        return mul(x, add(mul(de, call('log', x.base)), mul(x.exp, db, pow(x.base, -1))));
      }
      case 'call': {
        const inner = d(x.args[0]);
        if (inner.kind === 'num' && inner.value.equals(0)) return num(0);
        return mul(FUNCTIONS[x.fn].derivative(...x.args), inner);
      }
    }
  };
  return d(e);
}

export const gradient = (e: Expr, vars: readonly string[], jet?: Jet): Expr[] => vars.map((v) => diff(e, v, jet));
export const hessian = (e: Expr, vars: readonly string[]): Expr[][] => gradient(e, vars).map((g) => gradient(g, vars));
