// Numeric evaluation of the IR. `compile` turns an expression DAG into a closure
// over a Float64Array of variable values, evaluating each shared node once: this
// is what the seeded numeric checks run.
import type { Expr } from './expr.js';
import { FUNCTIONS } from './functions.js';

export type Env = Readonly<Record<string, number>>;

export function evaluate(e: Expr, env: Env): number {
  return compile(e, Object.keys(env))(Float64Array.from(Object.values(env)));
}

/** Compile to a function of the variables listed in `vars` (positional). */
export function compile(e: Expr, vars: readonly string[]): (x: ArrayLike<number>) => number {
  const f = compileMany([e], vars);
  const out = new Float64Array(1);
  return (x) => { f(x, out); return out[0]; };
}

/** Compile several expressions sharing one evaluation of their common nodes; writes into `out`. */
export function compileMany(es: readonly Expr[], vars: readonly string[]): (x: ArrayLike<number>, out: Float64Array) => void {
  const index = new Map(vars.map((v, i) => [v, i] as const));
  // Topological order of distinct nodes; each node gets a slot.
  const order: Expr[] = [];
  const slot = new Map<Expr, number>();
  const visit = (x: Expr): void => {
    if (slot.has(x)) return;
    if (x.kind === 'add') x.terms.forEach(visit);
    else if (x.kind === 'mul') x.factors.forEach(visit);
    else if (x.kind === 'pow') { visit(x.base); visit(x.exp); }
    else if (x.kind === 'call') x.args.forEach(visit);
    slot.set(x, order.length);
    order.push(x);
  };
  es.forEach(visit);
  const outSlots = es.map((e) => slot.get(e)!);
  const ops = order.map((x): ((v: Float64Array, input: ArrayLike<number>) => number) => {
    switch (x.kind) {
      case 'num': { const c = x.value.valueOf(); return () => c; }
      case 'sym': {
        const i = index.get(x.name);
        if (i === undefined) throw new Error(`unbound symbol ${x.name}`);
        return (_v, input) => input[i];
      }
      case 'add': { const s = x.terms.map((t) => slot.get(t)!); return (v) => { let r = 0; for (const k of s) r += v[k]; return r; }; }
      case 'mul': { const s = x.factors.map((t) => slot.get(t)!); return (v) => { let r = 1; for (const k of s) r *= v[k]; return r; }; }
      case 'pow': { const b = slot.get(x.base)!, p = slot.get(x.exp)!; return (v) => Math.pow(v[b], v[p]); }
      case 'call': {
        const f = FUNCTIONS[x.fn].eval; const s = x.args.map((t) => slot.get(t)!);
        return s.length === 1 ? (v) => f(v[s[0]]) : (v) => f(...s.map((k) => v[k]));
      }
    }
  });
  const values = new Float64Array(order.length);
  return (input, out) => {
    for (let i = 0; i < ops.length; i++) values[i] = ops[i](values, input);
    for (let k = 0; k < outSlots.length; k++) out[k] = values[outSlots[k]];
  };
}
