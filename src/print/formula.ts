// Formula -> LaTeX (shared by every printer). Long formulas are shown
// truncated and marked as such, never silently cut.
import { match } from 'ts-pattern';
import type { Expr } from '../ir/expr.js';
import type { Formula } from '../derivation/types.js';
import { latex } from './latex-expr.js';

export const MAX_FORMULA_CHARS = 600;
/** Display lines are broken after about this many LaTeX characters (aligned environment). */
const LINE_CHARS = 140;

/** Break a sum into aligned display lines so long formulas fit the page (LaTeX and KaTeX). */
function breakLines(pieces: readonly string[], tail = ''): string {
  const lines: string[] = [];
  let cur = '';
  for (const p of pieces) {
    if (cur.length + p.length > LINE_CHARS && cur) { lines.push(cur); cur = ''; }
    cur += p;
  }
  if (cur || tail) lines.push(cur + tail);
  return lines.length <= 1 ? lines.join('') : `\\begin{aligned} & ${lines.join(' \\\\ & ')} \\end{aligned}`;
}

export function latexBounded(e: Expr): string {
  const s = latex(e);
  if (e.kind !== 'add') return s.length <= 4 * MAX_FORMULA_CHARS ? s : `\\text{(expression of ${s.length} LaTeX characters, omitted)}`;
  // Whole terms up to the budget, then how many were left out; lines broken for display.
  const pieces: string[] = [];
  let used = 0;
  for (const t of e.terms) {
    const piece = latex(t);
    const joined = pieces.length === 0 ? piece : piece.startsWith('-') ? ` - ${piece.slice(1)}` : ` + ${piece}`;
    if (used + joined.length > MAX_FORMULA_CHARS && pieces.length > 0) break;
    pieces.push(joined);
    used += joined.length;
  }
  const left = e.terms.length - pieces.length;
  return breakLines(pieces, left ? ` + \\dots\\ \\text{(${left} more of ${e.terms.length} terms)}` : '');
}

export const formulaLatex = (f: Formula): string =>
  match(f)
    .with({ kind: 'expr' }, (x) => latexBounded(x.expr))
    .with({ kind: 'eq' }, (x) => `${latexBounded(x.lhs)} = ${latexBounded(x.rhs)}`)
    .with({ kind: 'tex' }, (x) => x.tex)
    .exhaustive();
