// Numerically safer rewrites, a named pass on the kernel IR run before printing
// (never inside a printer). Patterns are matched through the definitions of
// single-assignment locals (CSE temporaries), so a sum held in t3 is still seen.
//   log(1 + x)            -> log1p(x)        (x small: 1 + x loses x's digits)
//   exp(x) - 1            -> expm1(x)
//   log(1 + exp(z))       -> softplus(z)     (tables spell softplus stably; exp(z) overflows)
//   log(sum_k exp(a_k))   -> m + log(sum_k exp(a_k - m)), m = max_k a_k  (log-sum-exp)
import { bin, declare, kcall, kvar, type KExpr, type Kernel, type Stmt } from '../kernel-ir.js';

const isConst = (e: KExpr, v: number): boolean => e.k === 'const' && e.v === v;

/** Terms of a left-nested sum a + b + c (subtractions are not sums of exps). */
function sumTerms(e: KExpr): KExpr[] {
  return e.k === 'binary' && e.op === '+' ? [...sumTerms(e.a), ...sumTerms(e.b)] : [e];
}

export interface StabilityContext {
  /** Definitions of single-assignment locals, for looking through names. */
  readonly definitions: ReadonlyMap<string, KExpr>;
  /** Statements to insert before the current one (log-sum-exp shifts). */
  readonly emit: (s: Stmt) => void;
  readonly fresh: (stem: string) => string;
}

export function stabilize(e: KExpr, cx: StabilityContext): KExpr {
  const look = (x: KExpr): KExpr => (x.k === 'var' ? cx.definitions.get(x.name) ?? x : x);
  switch (e.k) {
    case 'const': case 'var': return e;
    case 'index': return { ...e, idx: stabilize(e.idx, cx) };
    case 'neg': return { k: 'neg', a: stabilize(e.a, cx) };
    case 'select': return { k: 'select', cond: stabilize(e.cond, cx), a: stabilize(e.a, cx), b: stabilize(e.b, cx) };
    case 'binary': {
      const a = stabilize(e.a, cx), b = stabilize(e.b, cx);
      const la = look(a);
      if (la.k === 'call' && la.fn === 'exp' && ((e.op === '-' && isConst(b, 1)) || (e.op === '+' && isConst(b, -1)))) return kcall('expm1', la.args[0]);
      return bin(e.op, a, b);
    }
    case 'call': {
      const args = e.args.map((x) => stabilize(x, cx));
      if (e.fn !== 'log') return { k: 'call', fn: e.fn, args };
      const arg = look(args[0]);
      if (arg.k === 'binary' && arg.op === '+' && (isConst(arg.a, 1) || isConst(arg.b, 1))) {
        const x = isConst(arg.a, 1) ? arg.b : arg.a;
        const lx = look(x);
        return lx.k === 'call' && lx.fn === 'exp' ? kcall('softplus', lx.args[0]) : kcall('log1p', x);
      }
      const terms = sumTerms(arg).map(look);
      if (terms.length >= 2 && terms.every((t) => t.k === 'call' && t.fn === 'exp')) {
        // log-sum-exp: name the exponents and their maximum, shift by it
        const exponents = terms.map((t): KExpr => {
          const a = (t as Extract<KExpr, { k: 'call' }>).args[0];
          if (a.k === 'var' || a.k === 'const') return a;
          const n = cx.fresh('lse_a');
          cx.emit(declare(n, a));
          return kvar(n);
        });
        const m = cx.fresh('lse_max');
        cx.emit(declare(m, exponents.reduce((x, y) => kcall('max', x, y))));
        const shifted = exponents.map((a) => kcall('exp', bin('-', a, kvar(m)))).reduce((x, y) => bin('+', x, y));
        return bin('+', kvar(m), kcall('log', shifted));
      }
      return { k: 'call', fn: 'log', args };
    }
  }
}

/** The pass: every statement's expressions rewritten, with new locals inserted where a rewrite needs them. */
export function stabilityPass(k: Kernel): Kernel {
  const definitions = new Map<string, KExpr>();
  const assigned = new Map<string, number>();
  const count = (ss: readonly Stmt[]): void => ss.forEach((s) => {
    if ((s.k === 'assign' || s.k === 'accumulate') && s.lhs.k === 'var') assigned.set(s.lhs.name, (assigned.get(s.lhs.name) ?? 0) + 1);
    if (s.k === 'for' || s.k === 'while') count(s.body);
  });
  count(k.body);
  let counter = 0;
  const fresh = (stem: string): string => { let n: string; do n = `${stem}${counter++}`; while (assigned.has(n)); return n; };
  const rewrite = (ss: readonly Stmt[]): Stmt[] => ss.flatMap((s): Stmt[] => {
    const pre: Stmt[] = [];
    const cx: StabilityContext = { definitions, emit: (x) => pre.push(x), fresh };
    const out = ((): Stmt => {
      switch (s.k) {
        case 'comment': return s;
        case 'assign': {
          const value = stabilize(s.value, cx);
          // only top-level single assignments are definitions one may look through
          if (s.declare && s.lhs.k === 'var' && assigned.get(s.lhs.name) === 1) definitions.set(s.lhs.name, value);
          return { ...s, value };
        }
        case 'accumulate': return { ...s, value: stabilize(s.value, cx) };
        case 'for': return { ...s, body: rewrite(s.body) };
        case 'while': return { ...s, cond: stabilize(s.cond, cx), body: rewrite(s.body) };
      }
    })();
    return [...pre, out];
  });
  return { ...k, body: rewrite(k.body) };
}
