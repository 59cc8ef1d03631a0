// IR -> LaTeX (KaTeX-compatible). Walks the tree, derives nothing.
import { match } from 'ts-pattern';
import type { Expr } from '../ir/expr.js';
import { FUNCTIONS } from '../ir/functions.js';
import { PREC, precedence, splitFraction } from './precedence.js';
import { latexSymbol } from './symbol-names.js';

const paren = (s: string): string => `\\left(${s}\\right)`;
const wrap = (e: Expr, min: number): string => (precedence(e) < min ? paren(latex(e)) : latex(e));

export function latex(e: Expr): string {
  return match(e)
    .with({ kind: 'num' }, (n) => {
      const v = n.value;
      const sign = v.s < 0n ? '-' : '';
      return v.d === 1n ? `${sign}${v.n}` : `${sign}\\frac{${v.n}}{${v.d}}`;
    })
    .with({ kind: 'sym' }, (s) => latexSymbol(s.name))
    .with({ kind: 'add' }, (a) => a.terms.map((t, i) => {
      const s = latex(t);
      if (i === 0) return s;
      return s.startsWith('-') ? ` - ${s.slice(1)}` : ` + ${s}`;
    }).join(''))
    .with({ kind: 'mul' }, (m) => {
      const { negative, num, den, coef } = splitFraction(m.factors);
      const prod = (fs: Expr[], c: bigint): string => {
        const parts = fs.map((f) => wrap(f, PREC.pow));
        if (c !== 1n) parts.unshift(String(c));
        return parts.length ? parts.join(' \\, ') : '1';
      };
      const sign = negative ? '-' : '';
      if (den.length === 0 && coef.d === 1n) return sign + prod(num, coef.n);
      if (den.length === 0 && num.length > 0) return `${sign}\\frac{${coef.n}}{${coef.d}} \\, ${prod(num, 1n)}`;
      return `${sign}\\frac{${prod(num, coef.n)}}{${prod(den.map((d) => d), coef.d)}}`;
    })
    .with({ kind: 'pow' }, (p) => {
      if (p.exp.kind === 'num' && p.exp.value.equals(1 / 2)) return `\\sqrt{${latex(p.base)}}`;
      if (p.exp.kind === 'num' && p.exp.value.s < 0n) {
        const pos = p.exp.value.neg();
        return `\\frac{1}{${pos.equals(1) ? latex(p.base) : `${wrap(p.base, PREC.atom)}^{${pos.toFraction()}}`}}`;
      }
      const inner = p.base.kind === 'call' ? paren(latex(p.base)) : wrap(p.base, PREC.atom);
      // A symbol typeset with its own superscript (W^{(1)}_{1,2}) is braced: no double superscript.
      const base = p.base.kind === 'sym' && inner.includes('^') ? `{${inner}}` : inner;
      return `${base}^{${latex(p.exp)}}`;
    })
    .with({ kind: 'call' }, (c) => `${FUNCTIONS[c.fn].latex}${paren(c.args.map(latex).join(', '))}`)
    .exhaustive();
}
