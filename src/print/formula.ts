// Formula -> display LaTeX, shared by every document printer. A formula too
// long for a page is printed truncated and says so: a long sum on display
// lines shows its leading terms and ends in "+ \dots (k more of n terms)";
// sums cut inside a line end in "+ \dots" with "k more" beneath; a
// subexpression with no room left at all is shown as \cdots. Long sums are
// broken over the lines of an `aligned` block (amsmath and KaTeX both have
// it). Widths are measured in rendered glyphs (visualLength), not in LaTeX
// source characters.
import { match } from 'ts-pattern';
import { mul } from '../ir/build.js';
import { children, type Add, type Expr } from '../ir/expr.js';
import type { Formula } from '../derivation/types.js';
import { joinTerms, latexNode } from './latex-expr.js';

/** Glyphs of one side of a displayed formula before it is truncated (about four lines). */
export const FORMULA_BUDGET = 260;
/** Glyphs of one display line (an 11pt line of 16.6 cm holds about 85 math glyphs). */
export const LINE_BUDGET = 66;
/** A subexpression given fewer glyphs than this (and not fitting) is shown as \cdots. */
const ELIDE_BELOW = 8;
/** An elided subexpression: centred dots (omitted terms of a sum are \dots on the line). */
const ELIDED = '\\cdots';

/**
 * Rough rendered width of LaTeX math, in glyphs: a control word is one glyph
 * (\alpha, \sum), \operatorname{relu} and \text{..} count their letters,
 * + - = count twice (their spacing), braces, script markers, spacing
 * commands and \left/\right count nothing.
 * Sub/superscripts and fraction parts are counted in full, so the estimate
 * errs on the wide side.
 */
export function visualLength(tex: string): number {
  return tex
    .replace(/\\(?:left|right|Bigl|Bigr|bigl|bigr)(?![a-zA-Z])/g, '')
    .replace(/\\(?:operatorname|text|mathrm)\{([^{}]*)\}/g, '$1')
    .replace(/\\[,;:! ]/g, '')
    .replace(/\\[a-zA-Z]+/g, 'x')
    .replace(/[{}^_&\s]/g, '')
    // A binary operator or relation brings spacing worth about one more glyph.
    .replace(/[-+=]/g, '++')
    .length;
}

/** Memo of full LaTeX and its visual length by node, for one formula (formulas share subtrees). */
interface Memo { readonly latex: Map<Expr, string>; readonly width: Map<Expr, number> }
const newMemo = (): Memo => ({ latex: new Map(), width: new Map() });

function full(memo: Memo, e: Expr): string {
  let s = memo.latex.get(e);
  if (s === undefined) memo.latex.set(e, (s = latexNode(e, (c) => full(memo, c))));
  return s;
}
function width(memo: Memo, e: Expr): number {
  let w = memo.width.get(e);
  if (w === undefined) memo.width.set(e, (w = visualLength(full(memo, e))));
  return w;
}

/** Marker of the outermost truncated sum: how many terms are not shown. */
const omitted = (left: number, total: number): string => ` + \\dots\\ \\text{(${left} more of ${total} terms)}`;
/** Marker of a truncated sum nested inside a shown formula: the count in small type under the dots. */
const nestedOmitted = (left: number): string => ` + \\dots_{\\text{${left} more}}`;
const NESTED_MARKER_WIDTH = visualLength(nestedOmitted(99));

/** The leading terms of a sum that fit `budget` with room for a marker: the first one bounded, the others whole. */
function leadingTerms(a: Add, budget: number, termBudget: number, memo: Memo, marker: number): string[] {
  const pieces: string[] = [];
  let used = 0;
  for (const [i, t] of a.terms.entries()) {
    const term = bounded(t, termBudget, memo);
    // Only the first term may be shown cut; a later one that does not fit whole is left to the marker.
    if (pieces.length > 0 && term !== full(memo, t)) break;
    const piece = joinTerms(pieces.length === 0 ? [term] : ['', term]);
    const w = visualLength(piece);
    const reserve = i === a.terms.length - 1 ? 0 : marker;
    if (pieces.length > 0 && used + w + reserve > budget) break;
    pieces.push(piece);
    used += w;
  }
  return pieces;
}

/**
 * Share `budget` among children: numbers and symbols cannot be cut, so they
 * get their width first; of the rest, narrow children get what they need and
 * the wide ones split what remains.
 */
function shares(kids: readonly Expr[], budget: number, memo: Memo): Map<Expr, number> {
  const out = new Map<Expr, number>();
  let left = budget;
  for (const k of kids) if (children(k).length === 0) { out.set(k, width(memo, k)); left -= width(memo, k); }
  const cuttable = kids.filter((k) => children(k).length > 0).sort((x, y) => width(memo, x) - width(memo, y));
  cuttable.forEach((k, i) => {
    const give = Math.max(0, Math.min(width(memo, k), Math.floor(left / (cuttable.length - i))));
    out.set(k, give);
    left -= give;
  });
  return out;
}

/**
 * LaTeX of e in about `budget` glyphs: sums keep their leading terms and end
 * in "+ \dots"; products, powers and calls share the budget among their
 * children; a subexpression with no room is \cdots. Numbers and symbols are
 * never cut, so the result may be a little wider than the budget.
 */
export function bounded(e: Expr, budget: number, memo: Memo = newMemo()): string {
  if (width(memo, e) <= budget) return full(memo, e);
  const kids = children(e);
  if (kids.length === 0) return full(memo, e);
  if (budget < ELIDE_BELOW) return ELIDED;
  if (e.kind === 'add') {
    const marker = NESTED_MARKER_WIDTH;
    if (budget - marker < ELIDE_BELOW) return ELIDED;
    const pieces = leadingTerms(e, budget, budget - marker, memo, marker);
    if (pieces[0] === ELIDED) return ELIDED;
    return pieces.join('') + (pieces.length < e.terms.length ? nestedOmitted(e.terms.length - pieces.length) : '');
  }
  // What the node itself adds around its children (parentheses, function name, \frac).
  const overhead = Math.max(0, width(memo, e) - kids.reduce((acc, k) => acc + width(memo, k), 0));
  // Numbers and symbols cannot be cut: when they alone overflow, the whole node is elided.
  const atoms = kids.filter((k) => children(k).length === 0).reduce((acc, k) => acc + width(memo, k), 0);
  if (overhead + atoms > budget) return ELIDED;
  const share = shares(kids, Math.max(0, budget - overhead), memo);
  const fallback = Math.floor(budget / kids.length);
  return latexNode(e, (c) => bounded(c, share.get(c) ?? fallback, memo));
}

/**
 * c * (long sum), the usual shape of a loss (1/N times a sum over the data):
 * the sum's lines go inside \Bigl( ... \Bigr), which unlike \left/\right may
 * span lines. Null when e has another shape.
 */
function factorTimesSum(e: Expr, memo: Memo, lineBudget: number, budget: number): string[] | null {
  if (e.kind !== 'mul') return null;
  const last = e.factors[e.factors.length - 1];
  const others = e.factors.slice(0, -1);
  if (last.kind !== 'add' || others.some((f) => f.kind === 'add' || (f.kind === 'pow' && f.exp.kind === 'num' && f.exp.value.s < 0n))) return null;
  const head = mul(...others);
  const prefix = head.kind === 'num' && head.value.equals(-1) ? '-' : `${full(memo, head)} \\, `;
  const indent = visualLength(prefix) + 2;
  if (indent > lineBudget / 3) return null;
  const lines = displayLines(last, memo, lineBudget - indent, budget - indent);
  if (lines.length === 1) return null;
  return [`${prefix}\\Bigl(${lines[0]}`, ...lines.slice(1, -1), `${lines[lines.length - 1]} \\Bigr)`];
}

/** Narrower than this, a display line is not split further. */
const MIN_LINE = 24;

/**
 * Display lines of one expression within `budget` glyphs in all: a long sum
 * shows its first term (itself over several lines if need be) and then whole
 * terms while they fit, then the marker; c * (long sum) keeps c in front;
 * anything else is one bounded line.
 */
function displayLines(e: Expr, memo: Memo, lineBudget = LINE_BUDGET, budget = FORMULA_BUDGET): string[] {
  if (width(memo, e) <= lineBudget) return [full(memo, e)];
  if (lineBudget < MIN_LINE || budget < lineBudget) return [bounded(e, lineBudget, memo)];
  if (e.kind !== 'add') return factorTimesSum(e, memo, lineBudget, budget) ?? [bounded(e, lineBudget, memo)];
  const markerWidth = visualLength(omitted(e.terms.length, e.terms.length));
  const lines = displayLines(e.terms[0], memo, lineBudget, budget - markerWidth);
  let used = lines.reduce((acc, l) => acc + visualLength(l), 0);
  let shown = 1;
  for (const t of e.terms.slice(1)) {
    // A later term is shown whole, or cut to one line if it keeps all its parts (only inner sums cut short).
    const term = bounded(t, lineBudget - 2, memo);
    if (term.includes(ELIDED)) break;
    const piece = joinTerms(['', term]);
    const w = visualLength(piece);
    const reserve = shown + 1 < e.terms.length ? markerWidth : 0;
    if (used + w + reserve > budget) break;
    const last = lines.length - 1;
    if (visualLength(lines[last] + piece) <= lineBudget) lines[last] += piece;
    else lines.push(piece.trimStart());
    used += w;
    shown++;
  }
  if (shown < e.terms.length) {
    const m = omitted(e.terms.length - shown, e.terms.length);
    if (visualLength(lines[lines.length - 1] + m) <= lineBudget) lines[lines.length - 1] += m;
    else lines.push(m.trimStart());
  }
  return lines;
}

const aligned = (rows: readonly string[]): string => `\\begin{aligned} ${rows.join(' \\\\ ')} \\end{aligned}`;
/** Continuation lines start with + or -: {} gives them binary spacing. */
const continued = (lines: readonly string[]): string[] => lines.slice(1).map((l) => `&\\quad {}${l}`);

/** Display LaTeX of one expression (bounded, broken over lines when long). */
export function displayLatex(e: Expr): string {
  const lines = displayLines(e, newMemo());
  return lines.length === 1 ? lines[0] : aligned([`& ${lines[0]}`, ...continued(lines)]);
}

/** Display LaTeX of lhs = rhs: a short left side shares the first line, a long one gets lines of its own. */
export function equationLatex(lhs: Expr, rhs: Expr): string {
  const memo = newMemo();
  const l = displayLines(lhs, memo);
  if (l.length === 1 && visualLength(l[0]) <= LINE_BUDGET / 3) {
    const r = displayLines(rhs, memo, LINE_BUDGET - visualLength(l[0]) - 2);
    return r.length === 1 ? `${l[0]} = ${r[0]}` : aligned([`${l[0]} &= ${r[0]}`, ...continued(r)]);
  }
  const r = displayLines(rhs, memo, LINE_BUDGET - 2);
  if (l.length === 1 && r.length === 1 && visualLength(l[0] + r[0]) + 2 <= LINE_BUDGET) return `${l[0]} = ${r[0]}`;
  return aligned([`& ${l[0]}`, ...continued(l), `&= ${r[0]}`, ...continued(r)]);
}

export const formulaLatex = (f: Formula): string =>
  match(f)
    .with({ kind: 'expr' }, (x) => displayLatex(x.expr))
    .with({ kind: 'eq' }, (x) => equationLatex(x.lhs, x.rhs))
    // Given as LaTeX by a rule file: printed as written.
    .with({ kind: 'tex' }, (x) => x.tex)
    .exhaustive();
