// IR -> plain text in the syntax parseExpr reads back (round-trip).
import { match } from 'ts-pattern';
import type { Expr } from '../ir/expr.js';
import { PREC, precedence } from './precedence.js';

const wrap = (e: Expr, min: number): string => (precedence(e) < min ? `(${text(e)})` : text(e));

export function text(e: Expr): string {
  return match(e)
    .with({ kind: 'num' }, (n) => n.value.toFraction())
    .with({ kind: 'sym' }, (s) => s.name)
    .with({ kind: 'add' }, (a) => a.terms.map((t, i) => {
      const s = wrap(t, PREC.add);
      return i === 0 ? s : s.startsWith('-') ? ` - ${s.slice(1)}` : ` + ${s}`;
    }).join(''))
    .with({ kind: 'mul' }, (m) => {
      const [first, ...rest] = m.factors;
      if (first.kind === 'num' && first.value.equals(-1) && rest.length) return '-' + rest.map((f) => wrap(f, PREC.pow)).join('*');
      return m.factors.map((f, i) => (i === 0 && f.kind === 'num' && f.value.d === 1n ? text(f) : wrap(f, PREC.pow))).join('*');
    })
    .with({ kind: 'pow' }, (p) => `${wrap(p.base, PREC.atom)}^${wrap(p.exp, PREC.atom)}`)
    .with({ kind: 'call' }, (c) => `${c.fn}(${c.args.map(text).join(', ')})`)
    .exhaustive();
}
