// Expr (src/ir) -> KExpr: the translation of one expression DAG into kernel
// expressions. With CSE, the shared nodes of the `cse` pass become locals
// (t0, t1, ...) declared in topological order; without it every use is
// expanded inline (the tree), which is what the op-count comparison measures.
// Activations stay calls (relu, heaviside, ...): target tables spell them.
// The Dirac delta (derivative of a kink) lowers to 0: it vanishes away from the
// kink, which is also autograd's convention.
import type { Expr } from '../ir/expr.js';
import { bin, declare, kcall, kneg, kvar, num, type KExpr, type KFn, type Stmt } from './kernel-ir.js';
import { commonSubexpressions } from './passes/cse.js';

export interface ExprLowering {
  /** Declarations of the shared subexpressions, children first. */
  readonly stmts: readonly Stmt[];
  /** One kernel expression per output. */
  readonly values: readonly KExpr[];
}

export interface LowerExprOptions {
  readonly cse?: boolean;
  /** Prefix of the CSE locals (default 't'). */
  readonly prefix?: string;
}

const isMinusOne = (e: Expr): boolean => e.kind === 'num' && e.value.equals(-1);

export function lowerExprs(outputs: readonly Expr[], bind: (symbol: string) => KExpr, o: LowerExprOptions = {}): ExprLowering {
  const useCse = o.cse ?? true;
  const prefix = o.prefix ?? 't';
  const plan = useCse ? commonSubexpressions(outputs) : undefined;
  const shared = new Set(plan?.shared ?? []);
  const memo = new Map<Expr, KExpr>();
  const stmts: Stmt[] = [];

  const lower = (e0: Expr): KExpr => {
    const e = plan ? plan.representative(e0) : e0;
    const hit = memo.get(e);
    if (hit) return hit;
    const value = build(e);
    if (shared.has(e)) {
      const name = `${prefix}${stmts.length}`;
      stmts.push(declare(name, value));
      memo.set(e, kvar(name));
      return kvar(name);
    }
    return value;
  };
  const isShared = (e: Expr): boolean => shared.has(plan ? plan.representative(e) : e);

  // a * b^-1 prints as a / b, c * x with c < 0 inside a sum as a subtraction.
  const product = (factors: readonly Expr[]): KExpr => {
    const over = factors.filter((f) => f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.s < 0n && !isShared(f));
    const top = factors.filter((f) => !over.includes(f));
    const numerator = top.length === 0 ? num(1) : top.map(lower).reduce((a, b) => bin('*', a, b));
    if (over.length === 0) return numerator;
    const denominator = over.map((f) => {
      const p = f as Extract<Expr, { kind: 'pow' }>;
      return power(p.base, -(p.exp as Extract<Expr, { kind: 'num' }>).value.valueOf());
    }).reduce((a, b) => bin('*', a, b));
    return bin('/', numerator, denominator);
  };
  const power = (base: Expr, q: number): KExpr => {
    const b = lower(base);
    if (q === 1) return b;
    if (q === 2) return bin('*', b, b);
    if (q === 3) return bin('*', bin('*', b, b), b);
    if (q === 0.5) return kcall('sqrt', b);
    if (q === -1) return bin('/', num(1), b);
    return kcall('pow', b, num(q));
  };
  const negated = (term: Expr): KExpr | undefined => {
    if (isShared(term)) return undefined;
    if (term.kind === 'num' && term.value.s < 0n) return num(-term.value.valueOf());
    if (term.kind === 'mul' && term.factors[0].kind === 'num' && term.factors[0].value.s < 0n) {
      const c = term.factors[0];
      const rest = term.factors.slice(1);
      return isMinusOne(c) ? product(rest) : bin('*', num(-c.value.valueOf()), product(rest));
    }
    return undefined;
  };
  const build = (e: Expr): KExpr => {
    switch (e.kind) {
      case 'num': return num(e.value.valueOf());
      case 'sym': return bind(e.name);
      case 'add': {
        const [first, ...rest] = e.terms;
        const head = negated(first);
        return rest.reduce((acc: KExpr, t) => {
          const m = negated(t);
          return m ? bin('-', acc, m) : bin('+', acc, lower(t));
        }, head ? kneg(head) : lower(first));
      }
      case 'mul': {
        const [c, ...rest] = e.factors;
        if (isMinusOne(c) && rest.length > 0) return kneg(product(rest));
        return product(e.factors);
      }
      case 'pow':
        if (e.exp.kind === 'num') {
          const q = e.exp.value.valueOf();
          return q < 0 ? bin('/', num(1), power(e.base, -q)) : power(e.base, q);
        }
        return kcall('pow', lower(e.base), lower(e.exp));
      case 'call':
        if (e.fn === 'dirac') return num(0);
        return kcall(e.fn satisfies Exclude<typeof e.fn, 'dirac'> as KFn, ...e.args.map(lower));
    }
  };
  const values = outputs.map(lower);
  return { stmts, values };
}
