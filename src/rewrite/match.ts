// Structural matching of a pattern against an IR node (ts-pattern over node
// kinds). Sums and products are matched up to reordering of their operands
// (commutativity) for up to 6 operands.
import { match, P } from 'ts-pattern';
import { equals, type Expr } from '../ir/expr.js';
import { patternVariable, type Bindings } from './pattern.js';

function bind(b: Bindings, name: string, e: Expr): Bindings | null {
  const cur = b.get(name);
  if (cur) return equals(cur, e) ? b : null;
  return new Map([...b, [name, e]]);
}

function matchList(ps: readonly Expr[], es: readonly Expr[], b: Bindings, commutative: boolean): Bindings | null {
  if (ps.length !== es.length) return null;
  if (!commutative || ps.length > 6) {
    let acc: Bindings | null = b;
    for (let i = 0; i < ps.length && acc; i++) acc = matchPattern(ps[i], es[i], acc);
    return acc;
  }
  const go = (i: number, used: boolean[], acc: Bindings): Bindings | null => {
    if (i === ps.length) return acc;
    for (let j = 0; j < es.length; j++) {
      if (used[j]) continue;
      const next = matchPattern(ps[i], es[j], acc);
      if (next) {
        used[j] = true;
        const r = go(i + 1, used, next);
        if (r) return r;
        used[j] = false;
      }
    }
    return null;
  };
  return go(0, es.map(() => false), b);
}

export function matchPattern(p: Expr, e: Expr, b: Bindings = new Map()): Bindings | null {
  if (p.kind === 'sym') {
    const v = patternVariable(p.name);
    if (v !== undefined) return bind(b, v, e);
  }
  return match([p, e] as const)
    .with([{ kind: 'num' }, { kind: 'num' }], ([x, y]) => (x.value.equals(y.value) ? b : null))
    .with([{ kind: 'sym' }, { kind: 'sym' }], ([x, y]) => (x.name === y.name ? b : null))
    .with([{ kind: 'add' }, { kind: 'add' }], ([x, y]) => matchList(x.terms, y.terms, b, true))
    .with([{ kind: 'mul' }, { kind: 'mul' }], ([x, y]) => matchList(x.factors, y.factors, b, true))
    .with([{ kind: 'pow' }, { kind: 'pow' }], ([x, y]) => matchList([x.base, x.exp], [y.base, y.exp], b, false))
    .with([{ kind: 'call' }, { kind: 'call' }], ([x, y]) => (x.fn === y.fn ? matchList(x.args, y.args, b, false) : null))
    .with([P._, P._], () => null)
    .exhaustive();
}
