// The gradient of one expression in many variables, each partial derivative by
// the rules of src/ir/diff.ts but skipping every subtree that does not contain
// the variable: the free symbols of each node are computed once, so the cost is
// the sum over variables of the nodes that depend on it, not variables x nodes.
// (A network output depends on each weight through one path.)
import { add, mul } from './build.js';
import { children, type Expr } from './expr.js';
import { diff } from './diff.js';
import { num } from './build.js';

/** Free symbols below each node (shared subtrees once). */
function dependencies(e: Expr): Map<Expr, ReadonlySet<string>> {
  const deps = new Map<Expr, ReadonlySet<string>>();
  const walk = (x: Expr): ReadonlySet<string> => {
    const hit = deps.get(x);
    if (hit) return hit;
    let s: ReadonlySet<string>;
    if (x.kind === 'sym') s = new Set([x.name]);
    else {
      const cs = children(x).map(walk);
      s = cs.length === 1 ? cs[0] : new Set(cs.flatMap((c) => [...c]));
    }
    deps.set(x, s);
    return s;
  };
  walk(e);
  return deps;
}

/** [d e / d v for v in vars], equal to diff(e, v) term for term where both are non-zero, with zero subtrees pruned. */
export function sparseGradient(e: Expr, vars: readonly string[]): Expr[] {
  const deps = dependencies(e);
  const zero = num(0);
  return vars.map((v) => {
    const memo = new Map<Expr, Expr>();
    const d = (x: Expr): Expr => {
      if (!deps.get(x)!.has(v)) return zero;
      const hit = memo.get(x);
      if (hit) return hit;
      let r: Expr;
      switch (x.kind) {
        case 'add': r = add(...x.terms.filter((t) => deps.get(t)!.has(v)).map(d)); break;
        case 'mul': {
          // Leibniz rule over the factors that depend on v.
          const terms: Expr[] = [];
          x.factors.forEach((f, i) => { if (deps.get(f)!.has(v)) terms.push(mul(...x.factors.slice(0, i), d(f), ...x.factors.slice(i + 1))); });
          r = add(...terms);
          break;
        }
        // pow, call, sym: the general rules (their subtrees are small next to a sum).
        default: r = diff(x, v);
      }
      memo.set(x, r);
      return r;
    };
    return d(e);
  });
}
