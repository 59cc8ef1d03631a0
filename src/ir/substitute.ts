// Simultaneous substitution of symbols by expressions (rebuilds through the
// canonical constructors, so numbers fold).
import { add, call, mul, pow } from './build.js';
import type { Expr } from './expr.js';

export function substitute(e: Expr, bindings: ReadonlyMap<string, Expr> | Readonly<Record<string, Expr>>): Expr {
  const map = bindings instanceof Map ? bindings : new Map(Object.entries(bindings));
  return replaceNodes(e, (x) => (x.kind === 'sym' ? map.get(x.name) : undefined));
}

/** Rebuild e bottom-up, replacing every node for which `replace` returns an expression (shared nodes once). */
export function replaceNodes(e: Expr, replace: (x: Expr) => Expr | undefined): Expr {
  const memo = new Map<Expr, Expr>();
  const go = (x: Expr): Expr => {
    const hit = memo.get(x);
    if (hit) return hit;
    let r: Expr | undefined = replace(x);
    if (r === undefined) switch (x.kind) {
      case 'num': case 'sym': r = x; break;
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
