// IR -> LaTeX (KaTeX and pdflatex with amsmath). One walker over the node
// kinds; parentheses come from the precedence table. `latexNode` prints one
// node with a caller-given printer for its children, so the bounded display
// printer (formula.ts) shares these spellings instead of repeating them.
import { match } from 'ts-pattern';
import { num } from '../ir/build.js';
import { Fraction, type Expr, type Rational } from '../ir/expr.js';
import { FUNCTIONS } from '../ir/functions.js';
import { PREC, precedence, splitFraction } from './precedence.js';
import { latexSymbol } from './symbol-names.js';

export type ChildPrinter = (e: Expr) => string;

const paren = (s: string): string => `\\left(${s}\\right)`;

export function latex(e: Expr): string {
  return latexNode(e, latex);
}

/** Join printed terms of a sum: a term printed with a leading minus is subtracted. */
export function joinTerms(pieces: readonly string[]): string {
  return pieces.map((s, i) => (i === 0 ? s : s.startsWith('-') ? ` - ${s.slice(1)}` : ` + ${s}`)).join('');
}

export function latexNode(e: Expr, child: ChildPrinter): string {
  const wrap = (x: Expr, min: number): string => (precedence(x) < min ? paren(child(x)) : child(x));
  return match(e)
    .with({ kind: 'num' }, (n) => rationalLatex(n.value))
    .with({ kind: 'sym' }, (s) => latexSymbol(s.name))
    .with({ kind: 'add' }, (a) => joinTerms(a.terms.map((t) => wrap(t, PREC.add))))
    .with({ kind: 'mul' }, (m) => productLatex(m.factors, child))
    .with({ kind: 'pow' }, (p) => powerLatex(p.base, p.exp, child))
    .with({ kind: 'call' }, (c) => {
      const spec = FUNCTIONS[c.fn];
      if (!spec) throw new Error(`latex: unknown function ${String(c.fn)}`);
      return `${spec.latex}${paren(c.args.map(child).join(', '))}`;
    })
    .exhaustive();
}

/**
 * A rational whose denominator is 2^a 5^b with max(a, b) >= 3 has a finite
 * decimal expansion of at least three places (data such as 2.759 enter the IR
 * as 2759/1000): printed as that decimal, which is exact and far shorter.
 * Other rationals print as fractions (\frac{1}{2}, \frac{1}{24}).
 */
function decimalDigits(d: bigint): number | null {
  let a = 0, b = 0;
  while (d % 2n === 0n) { d /= 2n; a++; }
  while (d % 5n === 0n) { d /= 5n; b++; }
  const k = Math.max(a, b);
  // A power of 2 alone (1/32) reads better as a fraction; data decimals always have a factor 5.
  return d === 1n && b >= 1 && k >= 3 ? k : null;
}
/** Significant digits shown of a decimal; an expansion longer than SHOWN_DIGITS + 4 is cut there and ends in \ldots. */
const SHOWN_DIGITS = 16;
function decimalLatex(n: bigint, d: bigint, k: number): string {
  const digits = ((n * 10n ** BigInt(k)) / d).toString().padStart(k + 1, '0');
  const lead = digits.length - digits.replace(/^0+/, '').length;
  const significant = digits.length - lead;
  if (significant <= SHOWN_DIGITS + 4) return `${digits.slice(0, -k)}.${digits.slice(-k)}`;
  // Cut, not rounded: every digit shown is a digit of the exact value (which the text form keeps).
  // The integer part is never cut.
  const cut = Math.max(lead + SHOWN_DIGITS, digits.length - k + 1);
  const frac = digits.slice(digits.length - k, cut).replace(/0+$/, '');
  return `${digits.slice(0, -k)}.${frac || '0'}\\ldots`;
}
/** |n/d| in LaTeX (n, d > 0, coprime). */
function magnitudeLatex(n: bigint, d: bigint): string {
  if (d === 1n) return String(n);
  const k = decimalDigits(d);
  return k === null ? `\\frac{${n}}{${d}}` : decimalLatex(n, d, k);
}

function rationalLatex(v: Rational): string {
  return (v.s < 0n ? '-' : '') + magnitudeLatex(v.n, v.d);
}

/** Juxtapose factors with a thin space; a factor that starts with a digit gets \cdot (2 \cdot 3^{x}, not "2 3^x"). */
function juxtapose(parts: readonly string[]): string {
  return parts.reduce((acc, p, i) => (i === 0 ? p : `${acc}${/^\d/.test(p) ? ' \\cdot ' : ' \\, '}${p}`), '');
}

/**
 * c * f1 * ... * g1^-k1 * ...: sign in front, numeric coefficient as a fraction
 * (\frac{1}{2} \, x) or an exact decimal (2.759 \, x), factors with negative
 * exponents under a fraction bar.
 */
function productLatex(factors: readonly Expr[], child: ChildPrinter): string {
  const { negative, num: numF, den, coef } = splitFraction(factors);
  const sign = negative ? '-' : '';
  const decimal = coef.d !== 1n && decimalDigits(coef.d) !== null;
  const factorsOf = (fs: readonly Expr[], c: string | null, inFraction: boolean): string => {
    // Inside \frac{..}{..} the bar groups: a lone factor needs no parentheses.
    const lone = inFraction && fs.length === 1 && c === null;
    const parts = fs.map((f) => (lone || precedence(f) >= PREC.pow ? child(f) : paren(child(f))));
    return juxtapose(c === null ? (parts.length ? parts : ['1']) : [c, ...parts]);
  };
  const whole = (n: bigint): string | null => (n === 1n ? null : String(n));
  if (coef.d === 1n || decimal) {
    const c = coef.d === 1n ? whole(coef.n) : magnitudeLatex(coef.n, coef.d);
    if (den.length === 0) return sign + factorsOf(numF, c, false);
    return `${sign}\\frac{${factorsOf(numF, c, true)}}{${factorsOf(den, null, true)}}`;
  }
  if (den.length === 0 && numF.length > 0) return `${sign}${juxtapose([`\\frac{${coef.n}}{${coef.d}}`, factorsOf(numF, null, false)])}`;
  return `${sign}\\frac{${factorsOf(numF, whole(coef.n), true)}}{${factorsOf(den, whole(coef.d), true)}}`;
}

function powerLatex(base: Expr, exp: Expr, child: ChildPrinter): string {
  if (exp.kind === 'num') {
    const v = exp.value;
    if (v.equals(new Fraction(1, 2))) return `\\sqrt{${child(base)}}`;
    // x^-1 -> \frac{1}{x}, x^-2 -> \frac{1}{x^{2}}, x^-1/2 -> \frac{1}{\sqrt{x}}
    if (v.s < 0n) return `\\frac{1}{${v.equals(-1) ? child(base) : powerLatex(base, num(v.neg()), child)}}`;
  }
  // relu(x)^2 is parenthesised: \operatorname{relu}\left(x\right)^{2} would read as relu applied to x^2.
  const inner = base.kind === 'call' || precedence(base) < PREC.atom ? paren(child(base)) : child(base);
  // A symbol typeset with its own superscript (W^{(1)}_{1,2}) is braced: no double superscript.
  const b = base.kind === 'sym' && inner.includes('^') ? `{${inner}}` : inner;
  // A fractional exponent reads better inline: x^{3/2}.
  const e = exp.kind === 'num' && exp.value.d !== 1n ? exp.value.toFraction() : child(exp);
  return `${b}^{${e}}`;
}
