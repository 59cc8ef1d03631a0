// Numerically safer rewrites, a named pass on the kernel IR, run before
// printing (never inside a printer): log(x + 1) -> log1p(x),
// exp(x) + (-1) -> expm1(x). (Constructors put constants last in sums.)
import type { KExpr, Kernel, Stmt } from '../kernel-ir.js';

const isNum = (e: KExpr, v: number): boolean => e.k === 'num' && e.v === v;

export function stabilize(e: KExpr): KExpr {
  switch (e.k) {
    case 'num': case 'var': case 'at': return e;
    case 'neg': return { k: 'neg', a: stabilize(e.a) };
    case 'select': return { k: 'select', cond: stabilize(e.cond), a: stabilize(e.a), b: stabilize(e.b) };
    case 'bin': {
      const a = stabilize(e.a), b = stabilize(e.b);
      if (e.op === '+' && isNum(b, -1) && a.k === 'call' && a.fn === 'exp') return { k: 'call', fn: 'expm1', args: a.args };
      return { k: 'bin', op: e.op, a, b };
    }
    case 'call': {
      const args = e.args.map(stabilize);
      if (e.fn === 'log' && args[0].k === 'bin' && args[0].op === '+' && isNum(args[0].b, 1)) return { k: 'call', fn: 'log1p', args: [args[0].a] };
      return { k: 'call', fn: e.fn, args };
    }
  }
}

const stmt = (s: Stmt): Stmt => {
  switch (s.k) {
    case 'let': case 'set': return { ...s, value: stabilize(s.value) };
    case 'output': case 'stencil': case 'reduce': return { ...s, value: stabilize(s.value) };
    case 'while': return { ...s, cond: stabilize(s.cond), body: s.body.map(stmt) };
    default: return s;
  }
};

export const stabilityPass = (k: Kernel): Kernel => ({ ...k, body: k.body.map(stmt) });
