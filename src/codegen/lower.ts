// Lowering IR expressions to straight-line kernels, with common-subexpression
// elimination as a named pass: every DAG node used more than once (structural
// equality, via the IR's hash) becomes one local, computed once.
import type { Expr } from '../ir/expr.js';
import { equals } from '../ir/expr.js';
import { diff, gradient } from '../ir/diff.js';
import { add, mul, sym } from '../ir/build.js';
import { bin, kcall, num, select, type KExpr, type Kernel, type Stmt } from './kernel-ir.js';

/** Interns structurally equal nodes so that use counts see sharing. */
class NodeTable {
  private readonly buckets = new Map<number, Expr[]>();
  intern(e: Expr): Expr {
    const b = this.buckets.get(e.hash) ?? [];
    const hit = b.find((x) => equals(x, e));
    if (hit) return hit;
    b.push(e); this.buckets.set(e.hash, b);
    return e;
  }
}

function childrenOf(e: Expr): readonly Expr[] {
  switch (e.kind) { case 'add': return e.terms; case 'mul': return e.factors; case 'pow': return [e.base, e.exp]; case 'call': return e.args; default: return []; }
}

export interface LowerOptions { readonly cse?: boolean }

/**
 * Lower outputs[k] = exprs[k](theta) to statements. Parameters are read from the
 * array `theta` (positional), outputs written to `out`.
 */
export function lowerStraightLine(exprs: readonly Expr[], params: readonly string[], o: LowerOptions = {}): { body: Stmt[]; ops: number } {
  const table = new NodeTable();
  const uses = new Map<Expr, number>();
  const canon = new Map<Expr, Expr>();
  const visit = (e: Expr): Expr => {
    const c = canon.get(e);
    if (c) { uses.set(c, (uses.get(c) ?? 0) + 1); return c; }
    const n = table.intern(e);
    canon.set(e, n);
    const first = !uses.has(n);
    uses.set(n, (uses.get(n) ?? 0) + 1);
    if (first) childrenOf(n).forEach(visit);
    return n;
  };
  const roots = exprs.map(visit);
  const index = new Map(params.map((p, i) => [p, i] as const));
  const body: Stmt[] = [];
  const named = new Map<Expr, string>();
  let ops = 0;
  const cse = o.cse ?? true;
  const lowerNode = (e: Expr): KExpr => {
    const n = canon.get(e) ?? table.intern(e);
    const name = named.get(n);
    if (name) return { k: 'var', name };
    const value = build(n);
    if (cse && (uses.get(n) ?? 0) > 1 && n.kind !== 'num' && n.kind !== 'sym') {
      const local = `t${named.size}`;
      named.set(n, local);
      body.push({ k: 'let', name: local, value });
      return { k: 'var', name: local };
    }
    return value;
  };
  const build = (e: Expr): KExpr => {
    switch (e.kind) {
      case 'num': return num(e.value.valueOf());
      case 'sym': {
        const i = index.get(e.name);
        if (i === undefined) throw new Error(`codegen: unbound symbol ${e.name}`);
        return { k: 'at', array: 'theta', offset: i };
      }
      case 'add': {
        ops += e.terms.length - 1;
        // a + (-c) and a + (-1) b print as subtractions
        const [first, ...rest] = e.terms;
        return rest.reduce((acc: KExpr, term) => {
          if (term.kind === 'num' && term.value.s < 0n) return bin('-', acc, num(-term.value.valueOf()));
          if (term.kind === 'mul' && term.factors[0].kind === 'num' && term.factors[0].value.equals(-1)) return bin('-', acc, lowerNode(mul(...term.factors.slice(1))));
          return bin('+', acc, lowerNode(term));
        }, lowerNode(first));
      }
      case 'mul': ops += e.factors.length - 1; return e.factors.map(lowerNode).reduce((a, b) => bin('*', a, b));
      case 'pow': {
        ops++;
        const b = lowerNode(e.base);
        if (e.exp.kind === 'num') {
          const q = e.exp.value.valueOf();
          if (q === 2) return bin('*', b, b);
          if (q === 3) return bin('*', bin('*', b, b), b);
          if (q === -1) return bin('/', num(1), b);
          if (q === 0.5) return kcall('sqrt', b);
        }
        return kcall('pow', b, lowerNode(e.exp));
      }
      case 'call': {
        ops++;
        const a = e.args.map(lowerNode);
        switch (e.fn) {
          case 'relu': return kcall('max', num(0), a[0]);
          case 'heaviside': return select(bin('>', a[0], num(0)), num(1), num(0));
          case 'leaky_relu': return select(bin('>', a[0], num(0)), a[0], bin('*', a[1], a[0]));
          case 'sigmoid': return bin('/', num(1), bin('+', num(1), kcall('exp', { k: 'neg', a: a[0] })));
          case 'softplus': return kcall('log1p', kcall('exp', a[0]));
          case 'sign': return select(bin('>', a[0], num(0)), num(1), select(bin('<', a[0], num(0)), num(-1), num(0)));
          case 'dirac': return num(0); // measure zero: zero away from the kink, as in autograd
          default: return kcall(e.fn, ...a);
        }
      }
    }
  };
  roots.forEach((r, k) => body.push({ k: 'output', out: 'out', index: k, value: lowerNode(r) }));
  return { body, ops };
}

export function lossKernel(name: string, loss: Expr, params: readonly string[]): Kernel {
  return { name, doc: `L(theta) for theta = (${params.join(', ')})`, scalars: [], arrays: [{ name: 'theta', intent: 'in' }, { name: 'out', intent: 'out' }], body: lowerStraightLine([loss], params).body };
}

export function gradientKernel(name: string, loss: Expr, params: readonly string[], o: LowerOptions = {}): Kernel {
  return { name, doc: 'grad L(theta): symbolic gradient, common subexpressions computed once', scalars: [], arrays: [{ name: 'theta', intent: 'in' }, { name: 'out', intent: 'out' }], body: lowerStraightLine(gradient(loss, params), params, o).body };
}

/** Hessian-vector product H v = grad (grad L . v), v read from theta[n..2n). */
export function hessianVectorKernel(name: string, loss: Expr, params: readonly string[]): Kernel {
  const vs = params.map((p) => `__v_${p}`);
  const g = gradient(loss, params);
  const directional = add(...g.map((gi, i) => mul(gi, sym(vs[i]))));
  return { name, doc: 'H(theta) v = grad(grad L . v); theta holds (theta, v)', scalars: [], arrays: [{ name: 'theta', intent: 'in' }, { name: 'out', intent: 'out' }], body: lowerStraightLine(params.map((p) => diff(directional, p)), [...params, ...vs]).body };
}
