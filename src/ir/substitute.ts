// Simultaneous substitution of symbols by expressions (rebuilds through the
// canonical constructors, so numbers fold).
import { add, call, mul, pow } from './build.js';
import type { Expr } from './expr.js';

export function substitute(e: Expr, bindings: ReadonlyMap<string, Expr> | Readonly<Record<string, Expr>>): Expr {
  const map = bindings instanceof Map ? bindings : new Map(Object.entries(bindings));
  const memo = new Map<Expr, Expr>();
  const go = (x: Expr): Expr => {
    const hit = memo.get(x);
    if (hit) return hit;
    let r: Expr;
    switch (x.kind) {
      case 'num': r = x; break;
      case 'sym': r = map.get(x.name) ?? x; break;
      case 'add': r = add(...x.terms.map(go)); break;
      case 'mul': r = mul(...x.factors.map(go)); break;
      case 'pow': r = pow(go(x.base), go(x.exp)); break;
      case 'call': r = call(x.fn, ...x.args.map(go)); break;
    }
    memo.set(x, r);
    return r;
  };
  return go(e);
}
