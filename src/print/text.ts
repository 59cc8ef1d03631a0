// IR -> plain text in the syntax parseExpr reads back: parseExpr(text(e))
// rebuilds e (structurally, for trees made by the canonical constructors).
// Also the syntax handed to the second CAS (nerdamer/algebrite), so only
// + - * ^ ( ) and p/q number literals are used; never implicit products.
import { match } from 'ts-pattern';
import type { Expr } from '../ir/expr.js';
import { FUNCTIONS } from '../ir/functions.js';
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
      // A leading coefficient prints bare: -1/2*x parses as ((-1)/2)*x, and in a
      // sum "a - 1/2*x" reads better than "a + (-1/2)*x".
      return m.factors.map((f, i) => (i === 0 && f.kind === 'num' ? text(f) : wrap(f, PREC.pow))).join('*');
    })
    .with({ kind: 'pow' }, (p) => `${wrap(p.base, PREC.atom)}^${wrap(p.exp, PREC.atom)}`)
    .with({ kind: 'call' }, (c) => {
      if (!FUNCTIONS[c.fn]) throw new Error(`text: unknown function ${String(c.fn)}`);
      return `${c.fn}(${c.args.map(text).join(', ')})`;
    })
    .exhaustive();
}
