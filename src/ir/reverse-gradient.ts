// The gradient of one expression in many variables by reverse accumulation
// (symbolic back-propagation): the adjoint of each shared node is one
// expression, built once, and d e/d v is the sum of the adjoints reaching the
// leaves named v. The result is a DAG whose size is linear in the size of `e`,
// where differentiating variable by variable (diff.ts, gradient.ts) costs
// variables x nodes: for a deep network every weight of an early layer reaches
// the loss through every later unit. Same derivative rules as diff.ts (a
// function's derivative in its first argument; further arguments are constants).
import { add, mul, num, pow, sub, call } from './build.js';
import type { Expr } from './expr.js';
import { children } from './expr.js';
import { FUNCTIONS } from './functions.js';

/** [d e / d v for v in vars]; equal as functions to diff(e, v). */
export function reverseGradient(e: Expr, vars: readonly string[]): Expr[] {
  const wanted = new Set(vars);
  // Nodes that depend on a wanted variable, in topological order (children first); shared nodes once.
  const depends = new Map<Expr, boolean>();
  const order: Expr[] = [];
  const visit = (x: Expr): boolean => {
    const hit = depends.get(x);
    if (hit !== undefined) return hit;
    let dep: boolean;
    if (x.kind === 'sym') dep = wanted.has(x.name);
    else if (x.kind === 'num') dep = false;
    else dep = children(x).map(visit).some(Boolean);
    depends.set(x, dep);
    if (dep) order.push(x);
    return dep;
  };
  if (!visit(e)) return vars.map(() => num(0));
  // contributions to each node's adjoint, from its parents
  const contributions = new Map<Expr, Expr[]>([[e, [num(1)]]]);
  const contribute = (x: Expr, c: Expr): void => {
    if (!depends.get(x)) return;
    const list = contributions.get(x);
    if (list) list.push(c); else contributions.set(x, [c]);
  };
  const bySymbol = new Map<string, Expr[]>();
  for (let k = order.length - 1; k >= 0; k--) {
    const x = order[k];
    const parts = contributions.get(x);
    if (!parts) continue;
    const adj = add(...parts);
    switch (x.kind) {
      case 'sym': {
        const list = bySymbol.get(x.name);
        if (list) list.push(adj); else bySymbol.set(x.name, [adj]);
        break;
      }
      case 'add': x.terms.forEach((t) => contribute(t, adj)); break;
      case 'mul': x.factors.forEach((f, i) => { if (depends.get(f)) contribute(f, mul(adj, ...x.factors.slice(0, i), ...x.factors.slice(i + 1))); }); break;
      case 'pow':
        if (!depends.get(x.exp)) contribute(x.base, mul(adj, x.exp, pow(x.base, sub(x.exp, num(1)))));
        else {
          // d(b^e) = b^e (e' log b + e b'/b)
          contribute(x.exp, mul(adj, x, call('log', x.base)));
          contribute(x.base, mul(adj, x, x.exp, pow(x.base, -1)));
        }
        break;
      case 'call': contribute(x.args[0], mul(adj, FUNCTIONS[x.fn].derivative(...x.args))); break;
      case 'num': break;
    }
  }
  return vars.map((v) => add(...(bySymbol.get(v) ?? [])));
}
